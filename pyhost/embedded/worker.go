package embedded

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"sort"
	"strings"

	"github.com/go-python/gpython/py"

	_ "github.com/go-python/gpython/stdlib" // py.NewContext and the builtins
	"github.com/migrate-runner/migrate-runner/pyhost/embedded/compat"
	"github.com/migrate-runner/migrate-runner/pyhost/embedded/precheck"
	"github.com/migrate-runner/migrate-runner/pyhost/embedded/prepass"
	"github.com/migrate-runner/migrate-runner/pyhost/internal/lane"
)

// WorkerEnv is the environment variable that turns migrate-runner (or a
// test binary) into an embedded-host worker.
const WorkerEnv = "MIGRATE_RUNNER_WORKER"

// IsWorker tells whether this process was started as a worker.
func IsWorker() bool { return os.Getenv(WorkerEnv) == "embedded" }

// Main is the worker process: it serves the parent on fd 3 (requests)
// and fd 4 (calls and results) until told to quit, and returns the exit
// code.
func Main() int {
	// Unbounded recursion must end as a fatal stack overflow quickly, not
	// after eating a gigabyte; the parent reports the crash.
	debug.SetMaxStack(256 << 20)
	in, out := os.NewFile(3, "requests"), os.NewFile(4, "calls")
	if in == nil || out == nil {
		fmt.Fprintln(os.Stderr, "migrate-runner worker: fd 3 and 4 must be the parent's pipes")
		return 2
	}
	l, err := lane.Open()
	if err != nil {
		fmt.Fprintln(os.Stderr, "migrate-runner worker:", err)
		return 2
	}
	if err := serve(in, out, l); err != nil && !errors.Is(err, io.EOF) {
		fmt.Fprintln(os.Stderr, "migrate-runner worker:", err)
		return 1
	}
	return 0
}

// Serve answers the parent's requests: init, run and quit.
func Serve(r io.Reader, w io.Writer) error { return serve(r, w, nil) }

// serve is Serve with the direct lane the parent offers, if any.
func serve(r io.Reader, w io.Writer, l *lane.Lane) error {
	c := &wire{r: bufio.NewReaderSize(r, 64<<10), w: w, lane: l}
	for {
		body, err := c.recv()
		if err != nil {
			return err
		}
		req, err := decodeAny(body)
		if err != nil {
			return err
		}
		m, _ := req.(map[string]any)
		switch m["op"] {
		case "init":
			registerModules() // the error table is the parent's own: the same binary
			var dirs []string
			list, _ := m["allow_fs"].([]any)
			for _, d := range list {
				if s, ok := d.(string); ok {
					dirs = append(dirs, s)
				}
			}
			if err := SetAllowedDirs(dirs); err != nil {
				return err
			}
			if err := c.send(map[string]any{"op": "ready"}); err != nil {
				return err
			}
		case "run":
			c.major = majorOf(m)
			c.addon, _ = m["addon"].(string)
			c.upgradePaths = c.upgradePaths[:0]
			paths, _ := m["upgrade_paths"].([]any)
			for _, p := range paths {
				if s, ok := p.(string); ok {
					c.upgradePaths = append(c.upgradePaths, s)
				}
			}
			if err := c.send(runScript(c, m)); err != nil {
				return err
			}
		case "quit":
			return nil
		}
	}
}

// stream is sys.stdout or sys.stderr: it collects what the script prints.
type stream struct{ w io.Writer }

func newStream() (*stream, *strings.Builder) {
	b := &strings.Builder{}
	return &stream{w: b}, b
}

var streamType = py.NewType("TextIO", "a captured output stream")

func (s *stream) Type() *py.Type { return streamType }

func init() {
	streamType.Dict["write"] = py.MustNewMethod("write", func(self py.Object, arg py.Object) (py.Object, error) {
		str, err := py.StrAsString(arg)
		if err != nil {
			return nil, err
		}
		if _, err := io.WriteString(self.(*stream).w, str); err != nil {
			return nil, err
		}
		return py.Int(len([]rune(str))), nil
	}, 0, "")
	streamType.Dict["flush"] = py.MustNewMethod("flush", func(py.Object) (py.Object, error) { return py.None, nil }, 0, "")
	if err := streamType.Ready(); err != nil {
		panic(err)
	}
}

// newScriptContext makes the fresh context one script runs in: the
// sandbox, the compatibility layer, and sys.stdout and sys.stderr bound
// to the given streams. One context per script, so that no module state
// leaks from one script to the next.
func newScriptContext(stdout, stderr *stream) py.Context {
	ctx := py.NewContext(py.ContextOpts{SysPaths: []string{}})
	sandbox(ctx)
	if sys, err := ctx.GetModule("sys"); err == nil {
		sys.Globals["stdout"], sys.Globals["stderr"] = stdout, stderr
	}
	return ctx
}

// compileScript lowers what gpython lacks or gets wrong (f-strings,
// `%`, tuple `+`, super()) with the line-preserving pre-pass, then
// compiles for gpython. Tracebacks keep the script's own line numbers.
func compileScript(path string, src []byte) (*py.Code, error) {
	out, err := prepass.Rewrite(src)
	if err != nil {
		var se *prepass.SyntaxError
		if errors.As(err, &se) {
			return nil, py.MakeSyntaxError(py.ExceptionNewf(py.SyntaxError, "%s", se.Msg), path, se.Line, se.Col, "")
		}
		return nil, err
	}
	return py.Compile(string(out), path, py.ExecMode, 0, true)
}

// runModule compiles src and runs it as the module name, then calls
// after (if any) with the module. gpython panics on some inputs ({(1, 2)},
// a corrupted tuple): the panic becomes the returned error text.
func runModule(ctx py.Context, path, name string, src []byte, after func(*py.Module) error) (tb string, failed bool) {
	lines := strings.Split(string(src), "\n")
	defer func() {
		if r := recover(); r != nil {
			var ie *compat.IterationError
			if e, ok := r.(error); ok && errors.As(e, &ie) {
				// A for loop's iterator raised: gpython would have ended the
				// loop silently, so the script stops here. The traceback's
				// last line stays the script's own error, as in CPython.
				tb, failed = "migrate-runner: "+ie.Error()+"\n"+formatException(ie.Err, path, lines), true
				return
			}
			tb, failed = fmt.Sprintf("%s\nGoPanic: gpython crashed running the script: %v", path, r), true
		}
	}()
	code, err := compileScript(path, src)
	if err != nil {
		return formatException(err, path, lines), true
	}
	mod := &py.Module{Globals: py.StringDict{"__name__": py.String(name), "__file__": py.String(path)}, Context: ctx}
	if _, err := py.RunCode(ctx, code, path, mod); err != nil {
		return formatException(err, path, lines), true
	}
	if after != nil {
		if err := after(mod); err != nil {
			return formatException(err, path, lines), true
		}
	}
	return "", false
}

// RunProgram runs src as the __main__ module in a fresh sandboxed context
// with the whole compatibility layer, printing to stdout. A program that
// raises returns an error whose text is the CPython-style traceback. The
// conformance suite compares this with CPython.
func RunProgram(path string, src []byte, stdout io.Writer) error {
	registerModules()
	errOut, _ := newStream()
	ctx := newScriptContext(&stream{w: stdout}, errOut)
	defer ctx.Close()
	if tb, failed := runModule(ctx, path, "__main__", src, nil); failed {
		return errors.New(tb)
	}
	return nil
}

// runScript serves the parent's run request: it reads the script and
// runs it with the parent as the cursor's backend.
func runScript(c *wire, req map[string]any) map[string]any {
	str := func(k string) string { s, _ := req[k].(string); return s }
	path := str("path")
	src, err := os.ReadFile(path)
	if err != nil {
		return done("failed", fmt.Sprintf("%s: %v", path, err), "", "", [][3]string{}, nil)
	}
	c.failedSQL, c.direct = "", nil
	var stmts int
	var rows int64
	if g, ok := req["lane"]; ok && g != nil {
		if err := c.takeLane(g); err != nil {
			return done("failed", fmt.Sprintf("%s: migrate-runner: %v", path, err), "", "", [][3]string{}, nil)
		}
		stmts, rows, c.synced = c.direct.Statements, c.direct.RowsTotal, c.direct.Statements
		c.direct.Query = "" // as the parent's: nothing sent yet by this script
	}
	r := RunMigrate(path, str("name"), src, str("dbname"), str("version"), c)
	reply := done(r.Status, r.Traceback, r.Stdout, r.Stderr, r.Logs, r.Defined)
	if c.direct != nil {
		reply["lane_statements"], reply["lane_rows"] = c.direct.Statements-stmts, c.direct.RowsTotal-rows
		c.direct = nil
	}
	if c.failedSQL != "" {
		reply["failed_sql"] = c.failedSQL
	}
	return reply
}

// takeLane takes the connection the parent grants for this run.
func (c *wire) takeLane(grant any) error {
	if c.lane == nil {
		return errors.New("the parent granted a direct lane, but this worker has none")
	}
	b, err := json.Marshal(grant)
	if err != nil {
		return err
	}
	var g lane.Grant
	if err := json.Unmarshal(b, &g); err != nil {
		return fmt.Errorf("bad lane grant: %w", err)
	}
	if err := c.lane.Take(g); err != nil {
		return err
	}
	c.direct = c.lane.Cursor
	return nil
}

// Result is what running one script produced.
type Result struct {
	Status         string // ok, failed or no-migrate
	Traceback      string
	Stdout, Stderr string
	Logs           [][3]string // level, logger, message
	Defined        []string    // the functions a script without migrate() defines
}

// RunMigrate loads one script the way Odoo does (a module named after the
// file, not registered anywhere) in a fresh sandboxed context, and calls
// migrate(cr, version) with a cursor whose calls go to b.
func RunMigrate(path, name string, src []byte, dbname, version string, b Backend) Result {
	registerModules()
	resetLoggers()
	resetProxies()
	clear(ouDecorated)
	setRunMajor(b)
	logs := [][3]string{}
	sink = &logs
	defer func() { sink = nil }()
	stdout, outText := newStream()
	stderr, errText := newStream()
	r := Result{Status: "ok"}
	ctx := newScriptContext(stdout, stderr)
	defer ctx.Close()
	runCtx, runUpgradePaths = ctx, upgradePathsOf(b)
	tb, failed := runModule(ctx, path, name, src, func(mod *py.Module) error {
		migrate, ok := mod.Globals["migrate"]
		if !ok {
			r.Status = "no-migrate"
			for k, v := range mod.Globals {
				if f, ok := v.(*py.Function); ok && f.Globals != nil && !strings.HasPrefix(k, "__") {
					r.Defined = append(r.Defined, k)
				}
			}
			sort.Strings(r.Defined)
			return nil
		}
		if runMajor >= 18 {
			addon := ""
			if a, ok := b.(interface{ Addon() string }); ok {
				addon = a.Addon()
			}
			if err := checkSignature(mod, migrate, addon); err != nil {
				return err
			}
		}
		_, err := py.Call(migrate, py.Tuple{newCursor(b, dbname), py.String(version)}, nil)
		return err
	})
	if failed {
		r.Status, r.Traceback = "failed", tb
	}
	r.Stdout, r.Stderr, r.Logs = outText.String(), errText.String(), logs
	return r
}

func done(status, tb, stdout, stderr string, logs [][3]string, defined []string) map[string]any {
	if defined == nil {
		defined = []string{}
	}
	return map[string]any{"op": "done", "status": status, "traceback": tb, "stdout": stdout, "stderr": stderr,
		"logs": logs, "defined": defined}
}

// formatException renders a Python error the way CPython prints it: the
// frames with their source lines, then "Type: message".
func formatException(err error, path string, lines []string) string {
	var b strings.Builder
	var ei py.ExceptionInfo
	if errors.As(err, &ei) {
		var frames []*py.Traceback
		for t := ei.Traceback; t != nil; t = t.Next {
			frames = append(frames, t)
		}
		if len(frames) > 0 {
			b.WriteString("Traceback (most recent call last):\n")
			// A call spanning lines is at its first line, as CPython says
			// (gpython says the line of its last argument).
			calls := precheck.CallLines([]byte(strings.Join(lines, "\n")))
			// Outermost frame first, as CPython prints them.
			for _, t := range frames {
				file, fn := path, "<module>"
				if t.Frame != nil && t.Frame.Code != nil {
					file, fn = t.Frame.Code.Filename, t.Frame.Code.Name
				}
				line := int(t.Lineno)
				if call, ok := calls[line]; ok && file == path {
					line = call
				}
				fmt.Fprintf(&b, "  File \"%s\", line %d, in %s\n", file, line, fn)
				if file == path && line >= 1 && line <= len(lines) {
					fmt.Fprintf(&b, "    %s\n", strings.TrimSpace(lines[line-1]))
				}
			}
		}
		b.WriteString(exceptionLine(ei.Type, ei.Value))
		return b.String()
	}
	var exc *py.Exception
	if errors.As(err, &exc) {
		if lineno, ok := exc.Dict["lineno"].(py.Int); ok { // a SyntaxError from the compiler
			fmt.Fprintf(&b, "  File \"%s\", line %d\n", path, lineno)
			if int(lineno) >= 1 && int(lineno) <= len(lines) {
				fmt.Fprintf(&b, "    %s\n", strings.TrimSpace(lines[lineno-1]))
			}
		}
		b.WriteString(exceptionLine(exc.Base, exc))
		return b.String()
	}
	return err.Error()
}

func exceptionLine(t *py.Type, value py.Object) string {
	name := t.Name
	if mod, ok := t.Dict["__module__"].(py.String); ok && mod != "builtins" && mod != "" {
		name = string(mod) + "." + name
	}
	msg := ""
	if e, ok := value.(*py.Exception); ok {
		if args, ok := e.Args.(py.Tuple); ok && len(args) == 1 {
			msg, _ = py.StrAsString(args[0])
		} else if ok && len(args) > 1 {
			msg, _ = py.ReprAsString(args)
		}
	}
	if msg == "" {
		return name + "\n"
	}
	return name + ": " + msg + "\n"
}
