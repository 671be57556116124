package pyhost

import (
	"bufio"
	"context"
	_ "embed"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/migrate-runner/migrate-runner/sqlexec"
)

//go:embed harness.py
var harness []byte

// External is one long-lived CPython interpreter running the harness.
type External struct {
	cmd    *exec.Cmd
	toPy   *os.File
	fromPy *bufio.Reader
	fromW  *os.File
	dir    string
	stderr strings.Builder
}

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
	reqR, reqW, err := os.Pipe() // Go -> Python (fd 3)
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	callR, callW, err := os.Pipe() // Python -> Go (fd 4)
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	h := &External{toPy: reqW, fromPy: bufio.NewReaderSize(callR, 64<<10), fromW: callW, dir: dir}
	h.cmd = exec.Command(python, "-I", "-u", script)
	h.cmd.ExtraFiles = []*os.File{reqR, callW}
	h.cmd.Stdout = io.Discard // scripts' output is captured by the harness
	h.cmd.Stderr = &h.stderr
	if err := h.cmd.Start(); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("start %s: %w", python, err)
	}
	reqR.Close()
	callW.Close() // the child holds the write end; EOF then means it died
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
		os.RemoveAll(h.dir)
		return err
	case <-time.After(5 * time.Second):
		_ = h.cmd.Process.Kill()
		os.RemoveAll(h.dir)
		return <-done
	}
}

// Script is one script to run.
type Script struct {
	Path    string
	Version string // migrate()'s second argument: the installed version, "" when unknown
	DBName  string
	// OnCommit is asked before a script's cr.commit() or cr.rollback()
	// reaches the database; an error refuses it (a dry run refuses every
	// commit). Nil allows both.
	OnCommit func(rollback bool) error
}

// Outcome is what running a script produced.
type Outcome struct {
	Status    string // ok, failed, or no-migrate
	Traceback string
	Stdout    string
	Stderr    string
	Logs      [][3]string // level, logger, message
	FailedSQL string      // the statement that raised, if any
}

// Run runs one script, serving its cursor calls with cr until it ends.
// An error means the interpreter is gone (crash, os._exit); the script's
// own failures are in the Outcome.
//
// Python cannot be interrupted from outside, so when ctx ends (a script
// timeout, Ctrl-C) the interpreter is killed: Run then returns an error
// saying so, and the host is unusable.
func (h *External) Run(ctx context.Context, cr *sqlexec.Cursor, s Script) (*Outcome, error) {
	finished := make(chan struct{})
	defer close(finished)
	go func() {
		select {
		case <-ctx.Done():
			_ = h.cmd.Process.Kill()
		case <-finished:
		}
	}()
	out, err := h.run(ctx, cr, s)
	if err != nil && ctx.Err() != nil {
		return nil, fmt.Errorf("%w: the Python interpreter was killed", ctx.Err())
	}
	return out, err
}

func (h *External) run(ctx context.Context, cr *sqlexec.Cursor, s Script) (*Outcome, error) {
	name := strings.TrimSuffix(filepath.Base(s.Path), filepath.Ext(s.Path))
	if err := h.send(map[string]any{"op": "run", "path": s.Path, "name": name, "version": s.Version, "dbname": s.DBName}); err != nil {
		return nil, h.died(err)
	}
	out := &Outcome{}
	for {
		var msg map[string]json.RawMessage
		if err := h.recv(&msg); err != nil {
			return nil, h.died(err)
		}
		var op string
		_ = json.Unmarshal(msg["op"], &op)
		if op == "done" {
			var done struct {
				Status, Traceback, Stdout, Stderr string
				Logs                              [][3]string
			}
			b, _ := json.Marshal(msg)
			if err := json.Unmarshal(b, &done); err != nil {
				return nil, fmt.Errorf("harness: %w", err)
			}
			out.Status, out.Traceback, out.Stdout, out.Stderr, out.Logs = done.Status, done.Traceback, done.Stdout, done.Stderr, done.Logs
			return out, nil
		}
		reply, err := serve(ctx, cr, op, msg, s.OnCommit)
		if err != nil {
			if op == "execute" || op == "executemany" {
				out.FailedSQL = cr.Query
			}
			reply = errorReply(err)
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
		return fmt.Errorf("the Python interpreter ended (%v): %w; stderr: %s", werr, err, strings.TrimSpace(h.stderr.String()))
	case <-time.After(2 * time.Second):
		return fmt.Errorf("the Python interpreter stopped answering: %w", err)
	}
}

func (h *External) send(v any) error {
	body, err := json.Marshal(v)
	if err != nil {
		return err
	}
	frame := make([]byte, 4+len(body))
	binary.BigEndian.PutUint32(frame, uint32(len(body)))
	copy(frame[4:], body)
	_, err = h.toPy.Write(frame)
	return err
}

func (h *External) recv(v any) error {
	var head [4]byte
	if _, err := io.ReadFull(h.fromPy, head[:]); err != nil {
		return err
	}
	body := make([]byte, binary.BigEndian.Uint32(head[:]))
	if _, err := io.ReadFull(h.fromPy, body); err != nil {
		return err
	}
	dec := json.NewDecoder(strings.NewReader(string(body)))
	dec.UseNumber()
	return dec.Decode(v)
}

// serve answers one cursor call.
func serve(ctx context.Context, cr *sqlexec.Cursor, op string, msg map[string]json.RawMessage, onCommit func(bool) error) (map[string]any, error) {
	str := func(key string) string {
		var s string
		_ = json.Unmarshal(msg[key], &s)
		return s
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
	switch op {
	case "execute":
		p, err := params()
		if err != nil {
			return nil, err
		}
		if err := cr.Execute(ctx, str("query"), p); err != nil {
			return nil, err
		}
		return resultReply(cr), nil
	case "executemany":
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
		if err := cr.ExecuteMany(ctx, str("query"), seq); err != nil {
			return nil, err
		}
		return resultReply(cr), nil
	case "mogrify":
		p, err := params()
		if err != nil {
			return nil, err
		}
		sql, err := sqlexec.Mogrify(str("query"), p)
		if err != nil {
			return nil, err
		}
		return map[string]any{"sql": sql}, nil
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
	wire := make([][]any, len(rows))
	for i, r := range rows {
		wire[i] = make([]any, len(r))
		for j, v := range r {
			wire[i][j] = encodeWire(v)
		}
	}
	reply["columns"], reply["rows"] = c, wire
	return reply
}

func errorReply(err error) map[string]any {
	var pe *sqlexec.PyError
	var dbe *sqlexec.DBError
	switch {
	case errors.As(err, &dbe):
		return map[string]any{"err": map[string]any{"class": dbe.Class, "pgcode": dbe.Code, "pgerror": dbe.PgError}}
	case errors.As(err, &pe):
		return map[string]any{"err": map[string]any{"class": pe.Type, "msg": pe.Msg}}
	}
	return map[string]any{"err": map[string]any{"class": "OperationalError", "msg": err.Error()}}
}

// decodeWire turns the harness's tagged JSON into a Value.
func decodeWire(raw json.RawMessage) (sqlexec.Value, error) {
	dec := json.NewDecoder(strings.NewReader(string(raw)))
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
	case m["$other"] != nil:
		return sqlexec.Value{Kind: sqlexec.Other, TypeName: str("$other")}, nil
	}
	return sqlexec.Value{}, fmt.Errorf("unknown wire tag in %v", m)
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
		return map[string]any{"$dt": v.Time.Format(layout)}
	case sqlexec.Time:
		layout := "15:04:05.999999"
		if v.Aware {
			layout += "-07:00"
		}
		return map[string]any{"$time": v.Time.Format(layout)}
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
