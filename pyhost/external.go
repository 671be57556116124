package pyhost

import (
	"bufio"
	"bytes"
	"context"
	_ "embed"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/migrate-runner/migrate-runner/internal/jsonout"
	"github.com/migrate-runner/migrate-runner/internal/rawfd"
	"github.com/migrate-runner/migrate-runner/odoolib"
	"github.com/migrate-runner/migrate-runner/pyhost/embedded"
	"github.com/migrate-runner/migrate-runner/pyhost/internal/frame"
	"github.com/migrate-runner/migrate-runner/pyhost/internal/lane"
	"github.com/migrate-runner/migrate-runner/sqlexec"
)

//go:embed harness.py
var harness []byte

// External is one long-lived host process speaking the harness protocol:
// CPython running harness.py (StartExternal), or migrate-runner's own
// gpython worker (StartEmbedded).
type External struct {
	cmd    *exec.Cmd
	toPy   *rawfd.Conn
	fromR  *rawfd.Conn
	fromPy *bufio.Reader
	dir    string
	// stderr is where the host's own error output goes: a file, read only
	// when the host died. (A pipe would need a goroutine waiting in the
	// runtime's poller, which then wakes at every event of any polled
	// descriptor, the direct lane's socket included.)
	stderr *os.File
	// Embedded is set for the gpython worker, unset for CPython.
	Embedded bool
	// DirectLane lets the embedded worker send a script's cr.execute
	// statements straight to PostgreSQL over the run's own connection
	// (package pyhost/internal/lane) rather than through this process.
	// StartEmbedded turns it on; it applies to plain (non-TLS) PostgreSQL
	// connections only. Off, every statement takes the pipe round trip.
	DirectLane bool
	lane       *lane.Offer
}

// DirectLaneUsable tells whether the embedded worker can take conn as its
// direct lane: a plain socket, not TLS.
func DirectLaneUsable(conn *pgconn.PgConn) bool { return lane.Usable(conn) }

// ErrConnectionLost is wrapped in Run's error when the embedded worker
// died in the middle of a statement it was running on the direct lane:
// the connection's stream may then end in half a message, so it was
// cancelled and closed, and PostgreSQL rolled its open transaction back.
// (A worker that dies between two statements leaves the connection as
// it was, and the caller rolls back on it as after any failure.)
var ErrConnectionLost = errors.New("the run's connection was lost with the worker")

// ResolvePython finds the interpreter: the given path, or python3 on
// PATH, resolved to the real binary (sys.executable) so that a pyenv shim
// does not cost its start-up time.
func ResolvePython(ctx context.Context, python string) (string, error) {
	if python == "" {
		python = "python3"
	}
	out, err := exec.CommandContext(ctx, python, "-I", "-c", "import sys; print(sys.executable)").Output()
	if err != nil {
		return "", fmt.Errorf("python %q: %w", python, err)
	}
	real := strings.TrimSpace(string(out))
	if real == "" {
		return python, nil
	}
	return real, nil
}

// StartExternal starts the harness under python (already resolved).
func StartExternal(ctx context.Context, python string) (*External, error) {
	dir, err := os.MkdirTemp("", "migrate-runner-harness-")
	if err != nil {
		return nil, err
	}
	script := filepath.Join(dir, "harness.py")
	if err := os.WriteFile(script, harness, 0o600); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	// -B: importing scripts must not write __pycache__ into the user's tree.
	h, err := startProcess(exec.Command(python, "-I", "-B", "-u", script), python, nil)
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	h.dir = dir
	return h, nil
}

// StartEmbedded starts the embedded host: migrate-runner's own binary
// (os.Executable) re-executed as a gpython worker (package
// pyhost/embedded). It speaks the harness protocol, so it is driven
// exactly like the external host. The binary's main must hand over to
// embedded.Main when embedded.IsWorker() says so.
//
// allowFS are the directories scripts may read (--allow-fs); none by
// default.
func StartEmbedded(ctx context.Context, allowFS ...string) (*External, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("embedded host: %w", err)
	}
	cmd := exec.Command(self)
	cmd.Env = append(os.Environ(), embedded.WorkerEnv+"=embedded")
	offer, err := lane.NewOffer()
	if err != nil {
		return nil, fmt.Errorf("embedded host: %w", err)
	}
	h, err := startProcess(cmd, "the embedded host", map[string]any{"allow_fs": allowFS}, offer.ChildFiles()...)
	offer.Started()
	if err != nil {
		offer.Close()
		return nil, err
	}
	h.Embedded, h.DirectLane, h.lane = true, true, offer
	return h, nil
}

// startProcess starts a host process on fds 3 and 4 (and files, from 5
// on), sends it init and waits until it is ready.
func startProcess(cmd *exec.Cmd, what string, extra map[string]any, files ...*os.File) (*External, error) {
	reqR, reqW, err := hostPipe(false) // Go -> host (fd 3)
	if err != nil {
		return nil, err
	}
	callW, callR, err := hostPipe(true) // host -> Go (fd 4)
	if err != nil {
		reqR.Close()
		reqW.Close()
		return nil, err
	}
	h := &External{cmd: cmd, toPy: reqW, fromR: callR, fromPy: bufio.NewReaderSize(callR, 64<<10)}
	h.cmd.ExtraFiles = append([]*os.File{reqR, callW}, files...)
	h.cmd.Stdout = nil // /dev/null: scripts' output is captured by the host
	if h.stderr, err = stderrFile(); err != nil {
		reqR.Close()
		reqW.Close()
		callR.Close()
		callW.Close()
		return nil, err
	}
	h.cmd.Stderr = h.stderr
	if err := h.cmd.Start(); err != nil {
		reqR.Close()
		callW.Close()
		reqW.Close()
		h.cleanup()
		return nil, fmt.Errorf("start %s: %w", what, err)
	}
	reqR.Close()
	callW.Close() // the child holds the write end; EOF then means it died
	// The host builds psycopg2.errors from the server's SQLSTATE table.
	init := odoolib.HostInit()
	init["op"], init["errors"], init["errorcodes"] = "init", sqlexec.ErrorClasses(), sqlexec.ErrorCodeConstants()
	for k, v := range extra {
		init[k] = v
	}
	if err := h.send(init); err != nil {
		h.Close()
		return nil, fmt.Errorf("start %s: %w", what, err)
	}
	// Wait for the host to be up, so that its start-up is not counted in
	// the first script's time.
	if _, err := h.recvFrame(); err != nil {
		return nil, fmt.Errorf("start %s: %w", what, h.died(err))
	}
	return h, nil
}

// Close stops the interpreter.
func (h *External) Close() error {
	_ = h.send(map[string]any{"op": "quit"})
	h.toPy.Close()
	done := make(chan error, 1)
	go func() { done <- h.cmd.Wait() }()
	select {
	case err := <-done:
		h.cleanup()
		return err
	case <-time.After(5 * time.Second):
		_ = h.cmd.Process.Kill()
		h.cleanup()
		return <-done
	}
}

func (h *External) cleanup() {
	os.RemoveAll(h.dir)
	h.fromR.Close()
	h.stderr.Close()
	if h.lane != nil {
		h.lane.Close()
	}
}

// Script is one script to run.
type Script struct {
	Path   string
	Module string // the addon, for Odoo 18's messages about migrate()
	// UpgradePaths are where upgrade-util's import_script looks, in order
	// (the run's --upgrade-path directories).
	UpgradePaths []string
	Version      string // migrate()'s second argument: the installed version, "" when unknown
	DBName       string
	// Major is the target series' major version (17 for 17.0), for the
	// helpers that changed between series; 0 means the newest behaviour.
	Major int
	// OnCommit is asked before a script's cr.commit() or cr.rollback()
	// reaches the database; an error refuses it (a dry run refuses every
	// commit). Nil allows both.
	OnCommit func(rollback bool) error
	// Start, when set, runs before the script's first cursor call is
	// served: once the script is handed to CPython, so that it loads and
	// compiles the script while Start (the script's savepoint) waits on
	// the server; before the script is handed over when the embedded
	// worker gets the direct lane, which may use the connection at once.
	// When it fails, every cursor call of the script fails with its
	// error.
	Start func(ctx context.Context) error
	// Commit, Connect, Jobs and CommitPoint serve the helpers that commit
	// mid-script and fan out to other connections (upgrade-util's
	// parallel_execute): see odoolib.Env. Nil Commit or Connect: those
	// helpers refuse to commit.
	Commit      func(ctx context.Context, call string) error
	Connect     func(ctx context.Context) (*pgconn.PgConn, error)
	Jobs        int
	CommitPoint func(odoolib.CommitPoint)
}

// Outcome is what running a script produced.
type Outcome struct {
	Status    string // ok, failed, or no-migrate
	Traceback string
	Stdout    string
	Stderr    string
	Logs      [][3]string // level, logger, message
	FailedSQL string      // the statement that raised, if any
	// DirectStatements counts the statements the embedded worker sent
	// on its direct lane (they are in the cursor's counters too).
	DirectStatements int
	Defined          []string // with no-migrate: the functions the script does define
}

// Run runs one script, serving its cursor calls with cr until it ends.
// An error means the interpreter is gone (crash, os._exit); the script's
// own failures are in the Outcome.
//
// Python cannot be interrupted from outside, so when ctx ends (a script
// timeout, Ctrl-C) the interpreter is killed: Run then returns an error
// saying so, and the host is unusable.
func (h *External) Run(ctx context.Context, cr *sqlexec.Cursor, s Script) (*Outcome, error) {
	// The watcher must be gone before Run returns: a caller that cancels
	// ctx right after (a per-script timeout's cancel) would otherwise race
	// with finished, and select could pick the kill of an idle host.
	finished, watched := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(watched)
		select {
		case <-ctx.Done():
			_ = h.cmd.Process.Kill()
		case <-finished:
		}
	}()
	out, granted, err := h.run(ctx, cr, s)
	close(finished)
	<-watched
	if err != nil && granted && h.lane.Busy() {
		// Dead in the middle of a statement: the connection cannot be
		// trusted, so it goes too, and its transaction with it.
		actx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		h.lane.Abandon(actx, cr.Conn())
		cancel()
		err = fmt.Errorf("%w: %w", ErrConnectionLost, err)
	}
	if err != nil && ctx.Err() != nil {
		return nil, fmt.Errorf("%w: %s was killed: %w", ctx.Err(), h.Name(), err)
	}
	return out, err
}

// run runs the script; granted tells whether the worker had the direct
// lane, so that Run knows whether a dead worker may have taken the
// connection with it.
func (h *External) run(ctx context.Context, cr *sqlexec.Cursor, s Script) (out *Outcome, granted bool, err error) {
	name := strings.TrimSuffix(filepath.Base(s.Path), filepath.Ext(s.Path))
	req := map[string]any{"op": "run", "path": s.Path, "name": name, "addon": s.Module, "upgrade_paths": s.UpgradePaths, "version": s.Version, "dbname": s.DBName, "major": s.Major}
	var startErr error
	started := false
	if h.lane != nil && h.DirectLane && lane.Usable(cr.Conn()) {
		started = true
		if s.Start != nil {
			startErr = s.Start(ctx)
		}
		if startErr == nil {
			g, err := h.lane.Hand(cr.Conn())
			if err != nil {
				return nil, false, h.died(err)
			}
			req["lane"], granted = g, true
		}
	}
	if err := h.send(req); err != nil {
		return nil, granted, h.died(err)
	}
	if !started && s.Start != nil {
		startErr = s.Start(ctx) // while the host loads and compiles the script
	}
	out, err = h.serveRun(ctx, cr, s, startErr, granted)
	return out, granted, err
}

// serveRun serves the script's cursor calls until its done frame.
func (h *External) serveRun(ctx context.Context, cr *sqlexec.Cursor, s Script, startErr error, granted bool) (*Outcome, error) {
	out := &Outcome{}
	// The script has sent nothing yet: cr.query is None until it does,
	// whatever ran before (the savepoint, an earlier script).
	cr.Query = ""
	for {
		body, err := h.recvFrame()
		if err != nil {
			return nil, h.died(err)
		}
		if startErr != nil && !bytes.Contains(body[:min(len(body), 16)], []byte(`"op":"done"`)) {
			if err := h.send(frame.ErrorReply(startErr)); err != nil {
				return nil, h.died(err)
			}
			continue
		}
		if len(body) > 0 && body[0] == '[' {
			// The hot path: ["x", query, params, has_params] for a plain execute.
			if err := h.send(fastExecute(ctx, cr, body, out)); err != nil {
				return nil, h.died(err)
			}
			continue
		}
		var msg map[string]json.RawMessage
		if err := json.Unmarshal(body, &msg); err != nil {
			return nil, fmt.Errorf("harness: %w", err)
		}
		var op string
		_ = json.Unmarshal(msg["op"], &op)
		if q := msg["sync_query"]; q != nil {
			// The worker ran statements on its lane since its last call:
			// cr.query is the last of them, as if they had come this way.
			_ = json.Unmarshal(q, &cr.Query)
		}
		if op == "done" {
			var done struct {
				Status, Traceback, Stdout, Stderr string
				Logs                              [][3]string
				Defined                           []string
				// The embedded worker's direct lane: what it ran there,
				// and the last statement that failed, there or here.
				LaneStatements int    `json:"lane_statements"`
				LaneRows       int64  `json:"lane_rows"`
				FailedSQL      string `json:"failed_sql"`
			}
			b, _ := json.Marshal(msg)
			if err := json.Unmarshal(b, &done); err != nil {
				return nil, fmt.Errorf("harness: %w", err)
			}
			out.Status, out.Traceback, out.Stdout, out.Stderr, out.Logs = done.Status, done.Traceback, done.Stdout, done.Stderr, done.Logs
			out.Defined = done.Defined
			cr.Statements += done.LaneStatements
			cr.RowsTotal += done.LaneRows
			out.DirectStatements = done.LaneStatements
			if done.FailedSQL != "" {
				out.FailedSQL = done.FailedSQL
			}
			if startErr != nil {
				out.Status, out.Traceback = "failed", startErr.Error()
			}
			return out, nil
		}
		q0 := cr.Query
		reply, err := serve(ctx, cr, op, msg, s)
		if err != nil {
			reply = frame.ErrorReply(err)
			var dbe *sqlexec.DBError
			// A helper's own errors (a TypeError, a refused commit) name no statement.
			if op == "execute" || op == "executemany" || op == "execute_values" || op == "helper" && errors.As(err, &dbe) {
				reply = sqlFailure(reply, cr, out)
			}
		}
		if cr.Query != q0 && granted {
			reply["cq"] = cr.Query // the worker's lane cursor learns it too
		}
		if err := h.send(reply); err != nil {
			return nil, h.died(err)
		}
	}
}

func (h *External) died(err error) error {
	waitErr := make(chan error, 1)
	go func() { waitErr <- h.cmd.Wait() }()
	select {
	case werr := <-waitErr:
		return fmt.Errorf("%s ended (%v): %w; stderr: %s", h.Name(), werr, err, firstLines(h.stderrText(), 4))
	case <-time.After(2 * time.Second):
		return fmt.Errorf("%s stopped answering: %w", h.Name(), err)
	}
}

// Name says which host process this is, for messages.
func (h *External) Name() string {
	if h.Embedded {
		return "the embedded host's worker"
	}
	return "the Python interpreter"
}

// stderrFile is an anonymous file for a host's error output.
func stderrFile() (*os.File, error) {
	f, err := os.CreateTemp("", "migrate-runner-host-stderr-")
	if err != nil {
		return nil, fmt.Errorf("host stderr: %w", err)
	}
	os.Remove(f.Name()) // gone when closed
	return f, nil
}

// stderrText is the start of what the host wrote on its stderr.
func (h *External) stderrText() string {
	buf := make([]byte, 64<<10)
	n, _ := h.stderr.ReadAt(buf, 0)
	return string(buf[:n])
}

// firstLines keeps a crash report short: a Go stack overflow dumps every
// goroutine's stack after the line that matters.
func firstLines(s string, n int) string {
	lines := strings.SplitN(strings.TrimSpace(s), "\n", n+1)
	if len(lines) > n {
		lines = append(lines[:n], "…")
	}
	return strings.Join(lines, "\n")
}

func (h *External) send(v any) error {
	body, ok := v.(json.RawMessage)
	if !ok {
		var err error
		if body, err = json.Marshal(v); err != nil {
			return err
		}
	}
	return frame.Write(h.toPy, body)
}

func (h *External) recvFrame() ([]byte, error) { return frame.Read(h.fromPy) }

// fastExecute serves the frame the harness sends for cr.execute with a
// str query: ["x", query, params, has_params]. Its reply on success is
// the array [rowcount, status, query, columns, rows], written without
// reflection; a failure is the usual {"err": …} object.
func fastExecute(ctx context.Context, cr *sqlexec.Cursor, body []byte, out *Outcome) any {
	var parts [4]json.RawMessage
	var query string
	var has bool
	var params *sqlexec.Value
	err := json.Unmarshal(body, &parts)
	if err == nil {
		err = json.Unmarshal(parts[1], &query)
	}
	if err == nil {
		_ = json.Unmarshal(parts[3], &has)
		if has {
			var v sqlexec.Value
			v, err = decodeWire(parts[2])
			params = &v
		}
	}
	if err == nil {
		err = cr.Execute(ctx, query, params)
	}
	if err != nil {
		return sqlFailure(frame.ErrorReply(err), cr, out)
	}
	b := make([]byte, 0, 64+len(cr.Query))
	b = append(b, '[')
	b = strconv.AppendInt(b, cr.RowCount(), 10)
	b = append(b, ',')
	b = jsonout.AppendString(b, cr.StatusMessage())
	b = append(b, ',')
	b = jsonout.AppendString(b, cr.Query)
	if cols := cr.Description(); cols != nil {
		r := resultReply(cr)
		c, _ := json.Marshal(r["columns"])
		rows, _ := json.Marshal(r["rows"])
		b = append(append(append(append(b, ','), c...), ','), rows...)
	} else {
		b = append(b, ",null,null"...)
	}
	return json.RawMessage(append(b, ']'))
}

// serve answers one cursor call.
func serve(ctx context.Context, cr *sqlexec.Cursor, op string, msg map[string]json.RawMessage, s Script) (map[string]any, error) {
	onCommit := s.OnCommit
	str := func(key string) string {
		var s string
		_ = json.Unmarshal(msg[key], &s)
		return s
	}
	value := func(key string) (sqlexec.Value, error) {
		if msg[key] == nil {
			return sqlexec.NoneValue(), nil
		}
		return decodeWire(msg[key])
	}
	// query decodes the query argument (str, Composable or SQL object)
	// into text and parameters, as sqlexec.ResolveQuery does.
	query := func(key string, params *sqlexec.Value, odooSQL bool) (string, *sqlexec.Value, error) {
		q, err := value(key)
		if err != nil {
			return "", nil, err
		}
		return sqlexec.ResolveQuery(q, params, odooSQL)
	}
	// call decodes a Python call's positional and keyword arguments.
	call := func() (args, kwargs sqlexec.Value, err error) {
		if args, err = value("args"); err == nil {
			kwargs, err = value("kwargs")
		}
		return args, kwargs, err
	}
	params := func() (*sqlexec.Value, error) {
		var has bool
		_ = json.Unmarshal(msg["has_params"], &has)
		if !has {
			return nil, nil
		}
		v, err := decodeWire(msg["params"])
		return &v, err
	}
	// queryAndParams decodes execute's and mogrify's two arguments.
	queryAndParams := func() (string, *sqlexec.Value, error) {
		p, err := params()
		if err != nil {
			return "", nil, err
		}
		return query("query", p, true)
	}
	switch op {
	case "execute":
		text, p, err := queryAndParams()
		if err != nil {
			return nil, err
		}
		if err := cr.Execute(ctx, text, p); err != nil {
			return nil, err
		}
		return resultReply(cr), nil
	case "executemany":
		text, _, err := query("query", nil, false)
		if err != nil {
			return nil, err
		}
		var raw []json.RawMessage
		_ = json.Unmarshal(msg["seq"], &raw)
		seq := make([]sqlexec.Value, len(raw))
		for i, r := range raw {
			v, err := decodeWire(r)
			if err != nil {
				return nil, err
			}
			seq[i] = v
		}
		if err := cr.ExecuteMany(ctx, text, seq); err != nil {
			return nil, err
		}
		return resultReply(cr), nil
	case "execute_values":
		text, _, err := query("query", nil, false)
		if err != nil {
			return nil, err
		}
		args, err := value("argslist")
		if err != nil {
			return nil, err
		}
		var template *string
		if msg["template"] != nil && string(msg["template"]) != "null" {
			tt, _, err := query("template", nil, false)
			if err != nil {
				return nil, err
			}
			template = &tt
		}
		var pageSize int
		var fetch bool
		_ = json.Unmarshal(msg["page_size"], &pageSize)
		_ = json.Unmarshal(msg["fetch"], &fetch)
		rows, err := cr.ExecuteValues(ctx, text, args.Items, template, pageSize, fetch)
		if err != nil {
			return nil, err
		}
		reply := resultReply(cr)
		reply["fetched"] = encodeRows(rows)
		return reply, nil
	case "mogrify":
		text, p, err := queryAndParams()
		if err != nil {
			return nil, err
		}
		sql, err := sqlexec.Mogrify(text, p)
		if err != nil {
			return nil, err
		}
		return map[string]any{"sql": sql}, nil
	case "sql_format": // psycopg2.sql.SQL.format
		args, kw, err := call()
		if err != nil {
			return nil, err
		}
		comp, err := sqlexec.FormatComposable(str("template"), args.Items, &kw)
		if err != nil {
			return nil, err
		}
		return map[string]any{"v": encodeWire(sqlexec.ComposableValue(comp))}, nil
	case "sql_string": // Composable.as_string
		c, err := value("v")
		if err != nil {
			return nil, err
		}
		text, _, err := sqlexec.ResolveQuery(c, nil, false)
		return map[string]any{"sql": text}, err
	case "odoo_sql": // odoo.tools.SQL(code, *args, **kwargs)
		args, kw, err := call()
		if err != nil {
			return nil, err
		}
		o, err := sqlexec.NewOdooSQL(str("code"), args.Items, &kw)
		if err != nil {
			return nil, err
		}
		return map[string]any{"v": encodeWire(sqlexec.Value{Kind: sqlexec.SQLObject, SQL: o})}, nil
	case "odoo_ident": // SQL.identifier(name, subname)
		var sub *string
		if s := str("sub"); msg["sub"] != nil && string(msg["sub"]) != "null" {
			sub = &s
		}
		o, err := sqlexec.OdooIdentifier(str("name"), sub)
		if err != nil {
			return nil, err
		}
		return map[string]any{"v": encodeWire(sqlexec.Value{Kind: sqlexec.SQLObject, SQL: o})}, nil
	case "odoo_join": // SQL.join(args)
		sep, err := value("sep")
		if err != nil {
			return nil, err
		}
		args, err := value("args")
		if err != nil {
			return nil, err
		}
		if sep.Kind != sqlexec.SQLObject || sep.SQL == nil {
			return nil, &sqlexec.PyError{Type: "TypeError", Msg: "SQL.join needs an SQL separator"}
		}
		o, err := sep.SQL.Join(args.Items)
		if err != nil {
			return nil, err
		}
		return map[string]any{"v": encodeWire(sqlexec.Value{Kind: sqlexec.SQLObject, SQL: o})}, nil
	case "helper": // odoo.tools.sql and the other helper libraries, in package odoolib
		args, kw, err := call()
		if err != nil {
			return nil, err
		}
		env := odoolib.Env{Cursor: cr, Major: s.Major, Script: s.Path,
			Commit: s.Commit, Connect: s.Connect, Jobs: s.Jobs, CommitPoint: s.CommitPoint}
		v, err := odoolib.Call(ctx, env, str("name"), args.Items, &kw)
		if err != nil {
			return nil, err
		}
		reply := resultReply(cr) // a helper's statements change the cursor's state, as in Odoo
		reply["v"] = encodeWire(v)
		return reply, nil
	case "commit":
		if onCommit != nil {
			if err := onCommit(false); err != nil {
				return nil, err
			}
		}
		if err := cr.Commit(ctx); err != nil {
			return nil, err
		}
		if err := cr.Begin(ctx); err != nil { // Odoo's cursor goes on in a new transaction
			return nil, err
		}
		return resultReply(cr), nil
	case "rollback":
		if onCommit != nil {
			if err := onCommit(true); err != nil {
				return nil, err
			}
		}
		if err := cr.Rollback(ctx); err != nil {
			return nil, err
		}
		if err := cr.Begin(ctx); err != nil {
			return nil, err
		}
		return resultReply(cr), nil
	case "savepoint":
		name, err := cr.Savepoint(ctx)
		return map[string]any{"name": name}, err
	case "release":
		return map[string]any{}, cr.Release(ctx, str("name"))
	case "rollback_to":
		return map[string]any{}, cr.RollbackTo(ctx, str("name"))
	}
	return nil, &sqlexec.PyError{Type: "NotImplementedError", Msg: fmt.Sprintf("cursor operation %q", op)}
}

func resultReply(cr *sqlexec.Cursor) map[string]any {
	reply := map[string]any{"rowcount": cr.RowCount(), "status": cr.StatusMessage(), "query": cr.Query}
	cols := cr.Description()
	if cols == nil {
		reply["columns"] = nil
		return reply
	}
	c := make([][2]any, len(cols))
	for i, col := range cols {
		c[i] = [2]any{col.Name, col.TypeOID}
	}
	rows, _ := cr.FetchAll()
	reply["columns"], reply["rows"] = c, encodeRows(rows)
	return reply
}

func encodeRows(rows [][]sqlexec.Value) [][]any {
	wire := make([][]any, len(rows))
	for i, r := range rows {
		wire[i] = make([]any, len(r))
		for j, v := range r {
			wire[i][j] = encodeWire(v)
		}
	}
	return wire
}

// sqlFailure adds the failed statement to an error reply (the harness
// logs it as Odoo's cursor does) and to the script's outcome.
func sqlFailure(reply map[string]any, cr *sqlexec.Cursor, out *Outcome) map[string]any {
	out.FailedSQL = cr.Query
	reply["err"].(map[string]any)["query"] = cr.Query // "": nothing sent yet
	return reply
}

// decodeWire turns the harness's tagged JSON into a Value.
func decodeWire(raw json.RawMessage) (sqlexec.Value, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return sqlexec.Value{}, err
	}
	return fromWire(v)
}

func fromWire(v any) (sqlexec.Value, error) {
	switch t := v.(type) {
	case nil:
		return sqlexec.NoneValue(), nil
	case bool:
		return sqlexec.BoolValue(t), nil
	case string:
		return sqlexec.StrValue(t), nil
	case json.Number:
		s := t.String()
		if !strings.ContainsAny(s, ".eE") {
			i, ok := new(big.Int).SetString(s, 10)
			if ok {
				return sqlexec.Value{Kind: sqlexec.Int, Int: i}, nil
			}
		}
		f, err := strconv.ParseFloat(s, 64)
		return sqlexec.FloatValue(f), err
	case []any:
		l := sqlexec.Value{Kind: sqlexec.List}
		for _, x := range t {
			item, err := fromWire(x)
			if err != nil {
				return l, err
			}
			l.Items = append(l.Items, item)
		}
		return l, nil
	case map[string]any:
		return fromTagged(t)
	}
	return sqlexec.Value{}, fmt.Errorf("unexpected wire value %T", v)
}

func fromTagged(m map[string]any) (sqlexec.Value, error) {
	str := func(k string) string { s, _ := m[k].(string); return s }
	aware, _ := m["aware"].(bool)
	switch {
	case m["$t"] != nil:
		l, err := fromWire(m["$t"])
		l.Kind = sqlexec.Tuple
		return l, err
	case m["$d"] != nil:
		d := sqlexec.Value{Kind: sqlexec.Dict}
		pairs, _ := m["$d"].([]any)
		for _, p := range pairs {
			kv, _ := p.([]any)
			if len(kv) != 2 {
				return d, fmt.Errorf("bad dict entry")
			}
			k, ok := kv[0].(string)
			if !ok {
				return d, &sqlexec.PyError{Type: "TypeError", Msg: "dict keys must be str for named parameters"}
			}
			item, err := fromWire(kv[1])
			if err != nil {
				return d, err
			}
			d.Keys, d.Items = append(d.Keys, k), append(d.Items, item)
		}
		return d, nil
	case str("$f") != "":
		f, err := strconv.ParseFloat(strings.Replace(str("$f"), "inf", "Inf", 1), 64)
		return sqlexec.FloatValue(f), err
	case m["$b"] != nil:
		b, err := base64.StdEncoding.DecodeString(str("$b"))
		return sqlexec.BytesValue(b), err
	case m["$dt"] != nil:
		t, err := parseISO(str("$dt"))
		return sqlexec.DateTimeValue(t, aware), err
	case m["$date"] != nil:
		t, err := time.Parse("2006-01-02", str("$date"))
		return sqlexec.DateValue(t), err
	case m["$time"] != nil:
		t, err := parseISO("0001-01-01T" + str("$time"))
		return sqlexec.Value{Kind: sqlexec.Time, Time: t, Aware: aware}, err
	case m["$td"] != nil:
		n, _ := m["$td"].(json.Number)
		us, err := n.Int64()
		return sqlexec.TimedeltaValue(us), err
	case m["$dec"] != nil:
		return sqlexec.DecimalValue(str("$dec")), nil
	case m["$json"] != nil:
		return sqlexec.JSONValue(str("$json")), nil
	case m["$asis"] != nil:
		return sqlexec.AsIsValue(str("$asis")), nil
	case m["$int"] != nil:
		i, ok := new(big.Int).SetString(str("$int"), 10)
		if !ok {
			return sqlexec.Value{}, fmt.Errorf("bad $int %v", m["$int"])
		}
		return sqlexec.Value{Kind: sqlexec.Int, Int: i}, nil
	case m["$c"] != nil:
		return fromComposable(m)
	case m["$osql"] != nil:
		params, err := fromWire(m["p"])
		return sqlexec.Value{Kind: sqlexec.SQLObject, SQL: &sqlexec.OdooSQL{Code: str("$osql"), Params: params.Items}}, err
	case m["$other"] != nil:
		return sqlexec.Value{Kind: sqlexec.Other, TypeName: str("$other")}, nil
	}
	return sqlexec.Value{}, fmt.Errorf("unknown wire tag in %v", m)
}

var compTags = map[string]sqlexec.CompKind{"sql": sqlexec.CompSQL, "id": sqlexec.CompIdentifier,
	"lit": sqlexec.CompLiteral, "ph": sqlexec.CompPlaceholder, "seq": sqlexec.CompComposed}

// fromComposable reads a psycopg2.sql object: {"$c": kind, "v": payload}.
func fromComposable(m map[string]any) (sqlexec.Value, error) {
	tag, _ := m["$c"].(string)
	kind, ok := compTags[tag]
	if !ok {
		return sqlexec.Value{}, fmt.Errorf("unknown composable %q", tag)
	}
	c := sqlexec.Composable{Kind: kind}
	switch kind {
	case sqlexec.CompSQL:
		c.Text, _ = m["v"].(string)
	case sqlexec.CompPlaceholder:
		c.Text, c.Named = m["v"].(string)
	case sqlexec.CompIdentifier:
		parts, _ := m["v"].([]any)
		for _, p := range parts {
			s, _ := p.(string)
			c.Strings = append(c.Strings, s)
		}
	case sqlexec.CompLiteral:
		v, err := fromWire(m["v"])
		if err != nil {
			return sqlexec.Value{}, err
		}
		c.Literal = v
	case sqlexec.CompComposed:
		items, _ := m["v"].([]any)
		for _, it := range items {
			v, err := fromWire(it)
			if err != nil {
				return sqlexec.Value{}, err
			}
			if v.Kind != sqlexec.Composed {
				return sqlexec.Value{}, fmt.Errorf("a Composed holds a %s", sqlexec.TypeName(v))
			}
			c.Seq = append(c.Seq, *v.Comp)
		}
	}
	return sqlexec.ComposableValue(c), nil
}

func toComposable(c *sqlexec.Composable) any {
	switch c.Kind {
	case sqlexec.CompSQL:
		return map[string]any{"$c": "sql", "v": c.Text}
	case sqlexec.CompIdentifier:
		return map[string]any{"$c": "id", "v": c.Strings}
	case sqlexec.CompLiteral:
		return map[string]any{"$c": "lit", "v": encodeWire(c.Literal)}
	case sqlexec.CompPlaceholder:
		if c.Named {
			return map[string]any{"$c": "ph", "v": c.Text}
		}
		return map[string]any{"$c": "ph", "v": nil}
	}
	seq := make([]any, len(c.Seq))
	for i := range c.Seq {
		seq[i] = toComposable(&c.Seq[i])
	}
	return map[string]any{"$c": "seq", "v": seq}
}

// parseISO reads Python's isoformat() of a datetime, naive or aware.
func parseISO(s string) (time.Time, error) {
	for _, layout := range []string{"2006-01-02T15:04:05.999999Z07:00", "2006-01-02T15:04:05.999999"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("bad datetime %q", s)
}

// encodeWire turns a result Value into the harness's tagged JSON.
func encodeWire(v sqlexec.Value) any {
	switch v.Kind {
	case sqlexec.None:
		return nil
	case sqlexec.Bool:
		return v.Bool
	case sqlexec.Int:
		if v.Int.IsInt64() {
			return v.Int.Int64()
		}
		return map[string]any{"$int": v.Int.String()}
	case sqlexec.Float:
		if v.Float != v.Float || v.Float > 1.7976931348623157e308 || v.Float < -1.7976931348623157e308 {
			return map[string]any{"$f": strconv.FormatFloat(v.Float, 'g', -1, 64)}
		}
		return json.Number(strconv.FormatFloat(v.Float, 'g', -1, 64) + floatSuffix(v.Float))
	case sqlexec.Str:
		return v.Text
	case sqlexec.Bytes:
		return map[string]any{"$b": base64.StdEncoding.EncodeToString([]byte(v.Text))}
	case sqlexec.Date:
		return map[string]any{"$date": v.Time.Format("2006-01-02")}
	case sqlexec.DateTime:
		layout := "2006-01-02T15:04:05.999999"
		if v.Aware {
			layout += "-07:00"
		}
		return map[string]any{"$dt": v.Time.Format(layout), "aware": v.Aware}
	case sqlexec.Time:
		layout := "15:04:05.999999"
		if v.Aware {
			layout += "-07:00"
		}
		return map[string]any{"$time": v.Time.Format(layout), "aware": v.Aware}
	case sqlexec.Timedelta:
		return map[string]any{"$td": v.Micros}
	case sqlexec.Decimal:
		return map[string]any{"$dec": v.Text}
	case sqlexec.List, sqlexec.Tuple:
		items := make([]any, len(v.Items))
		for i, it := range v.Items {
			items[i] = encodeWire(it)
		}
		if v.Kind == sqlexec.Tuple {
			return map[string]any{"$t": items}
		}
		return items
	case sqlexec.Composed:
		return toComposable(v.Comp)
	case sqlexec.SQLObject:
		params := make([]any, len(v.SQL.Params))
		for i, p := range v.SQL.Params {
			params[i] = encodeWire(p)
		}
		return map[string]any{"$osql": v.SQL.Code, "p": params}
	case sqlexec.Dict:
		pairs := make([][2]any, len(v.Keys))
		for i, k := range v.Keys {
			pairs[i] = [2]any{k, encodeWire(v.Items[i])}
		}
		return map[string]any{"$d": pairs}
	}
	return v.Text
}

// floatSuffix keeps an integral float a float in JSON ("2" would decode
// as int in Python).
func floatSuffix(f float64) string {
	s := strconv.FormatFloat(f, 'g', -1, 64)
	if strings.ContainsAny(s, ".eEnN") {
		return ""
	}
	return ".0"
}

// hostPipe makes a pipe between this process and a host: the host's
// end an *os.File for exec.Cmd.ExtraFiles (the read end, or the write end
// when hostWrites), this process's end a rawfd.Conn, which waits for the
// host's frames the way libpq waits for the server's replies rather than
// through the runtime's poller (a thread hand-off and a wake-up less per
// message; see package pyhost/internal/rawfd).
func hostPipe(hostWrites bool) (host *os.File, ours *rawfd.Conn, err error) {
	var p [2]int
	if err := syscall.Pipe2(p[:], syscall.O_CLOEXEC); err != nil {
		return nil, nil, os.NewSyscallError("pipe2", err)
	}
	hostFD, ourFD := p[0], p[1]
	if hostWrites {
		hostFD, ourFD = p[1], p[0]
	}
	ours, err = rawfd.New(ourFD)
	if err != nil {
		syscall.Close(p[0])
		syscall.Close(p[1])
		return nil, nil, err
	}
	return os.NewFile(uintptr(hostFD), "|host"), ours, nil
}
