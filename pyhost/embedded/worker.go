package embedded

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"sort"
	"strings"

	"github.com/go-python/gpython/py"
	_ "github.com/go-python/gpython/stdlib" // py.NewContext and the builtins
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
	if err := Serve(in, out); err != nil && !errors.Is(err, io.EOF) {
		fmt.Fprintln(os.Stderr, "migrate-runner worker:", err)
		return 1
	}
	return 0
}

// Serve answers the parent's requests: init, run and quit.
func Serve(r io.Reader, w io.Writer) error {
	c := &wire{r: bufio.NewReaderSize(r, 64<<10), w: w}
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
			registerModules(errorTable(m["errors"]))
			if err := c.send(map[string]any{"op": "ready"}); err != nil {
				return err
			}
		case "run":
			if err := c.send(runScript(c, m)); err != nil {
				return err
			}
		case "quit":
			return nil
		}
	}
}

func errorTable(v any) [][3]string {
	rows, _ := v.([]any)
	out := make([][3]string, 0, len(rows))
	for _, r := range rows {
		cells, _ := r.([]any)
		if len(cells) != 3 {
			continue
		}
		var row [3]string
		for i := range row {
			row[i], _ = cells[i].(string)
		}
		out = append(out, row)
	}
	return out
}

// stream is sys.stdout or sys.stderr: it collects what the script prints.
type stream struct{ b strings.Builder }

var streamType = py.NewType("TextIO", "a captured output stream")

func (s *stream) Type() *py.Type { return streamType }

func init() {
	streamType.Dict["write"] = py.MustNewMethod("write", func(self py.Object, arg py.Object) (py.Object, error) {
		str, err := py.StrAsString(arg)
		if err != nil {
			return nil, err
		}
		self.(*stream).b.WriteString(str)
		return py.Int(len(str)), nil
	}, 0, "")
	streamType.Dict["flush"] = py.MustNewMethod("flush", func(py.Object) (py.Object, error) { return py.None, nil }, 0, "")
	if err := streamType.Ready(); err != nil {
		panic(err)
	}
}

// runScript loads one script the way Odoo does (a module named after the
// file, not registered anywhere) in a fresh sandboxed context, and calls
// migrate(cr, version).
func runScript(c *wire, req map[string]any) map[string]any {
	str := func(k string) string { s, _ := req[k].(string); return s }
	path := str("path")
	logs := [][3]string{}
	sink = &logs
	defer func() { sink = nil }()
	stdout, stderr := &stream{}, &stream{}
	status, tb := "ok", ""
	var defined []string

	src, err := os.ReadFile(path)
	if err != nil {
		return done("failed", fmt.Sprintf("%s: %v", path, err), "", "", logs, nil)
	}
	ctx := py.NewContext(py.ContextOpts{SysPaths: []string{}})
	defer ctx.Close()
	sandbox(ctx)
	if sys, err := ctx.GetModule("sys"); err == nil {
		sys.Globals["stdout"], sys.Globals["stderr"] = stdout, stderr
	}
	lines := strings.Split(string(src), "\n")
	func() {
		defer func() {
			if r := recover(); r != nil { // gpython panics on some inputs ({(1, 2)}, a corrupted tuple)
				status, tb = "failed", fmt.Sprintf("%s\nGoPanic: gpython crashed running the script: %v", path, r)
			}
		}()
		code, err := py.Compile(string(src), path, py.ExecMode, 0, true)
		if err != nil {
			status, tb = "failed", formatException(err, path, lines)
			return
		}
		mod := &py.Module{Globals: py.StringDict{"__name__": py.String(str("name")), "__file__": py.String(path)}, Context: ctx}
		if _, err := py.RunCode(ctx, code, path, mod); err != nil {
			status, tb = "failed", formatException(err, path, lines)
			return
		}
		migrate, ok := mod.Globals["migrate"]
		if !ok {
			status = "no-migrate"
			for k, v := range mod.Globals {
				if f, ok := v.(*py.Function); ok && f.Globals != nil && !strings.HasPrefix(k, "__") {
					defined = append(defined, k)
				}
			}
			sort.Strings(defined)
			return
		}
		cr := newCursor(c, str("dbname"))
		if _, err := py.Call(migrate, py.Tuple{cr, py.String(str("version"))}, nil); err != nil {
			status, tb = "failed", formatException(err, path, lines)
		}
	}()
	return done(status, tb, stdout.b.String(), stderr.b.String(), logs, defined)
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
			// gpython links the newest frame first.
			for i := len(frames) - 1; i >= 0; i-- {
				t := frames[i]
				file, fn := path, "<module>"
				if t.Frame != nil && t.Frame.Code != nil {
					file, fn = t.Frame.Code.Filename, t.Frame.Code.Name
				}
				fmt.Fprintf(&b, "  File \"%s\", line %d, in %s\n", file, t.Lineno, fn)
				if file == path && int(t.Lineno) >= 1 && int(t.Lineno) <= len(lines) {
					fmt.Fprintf(&b, "    %s\n", strings.TrimSpace(lines[t.Lineno-1]))
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
