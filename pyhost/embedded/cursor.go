package embedded

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/go-python/gpython/py"

	"github.com/migrate-runner/migrate-runner/pyhost/embedded/pyfmt"
	"github.com/migrate-runner/migrate-runner/pyhost/internal/frame"
	"github.com/migrate-runner/migrate-runner/sqlexec"
)

// The `cr` a script receives. Every database call becomes a frame to the
// parent, which runs it on sqlexec.Cursor with Odoo's rules; rows come
// back with the reply, so fetching costs no round trip.

var (
	cursorType    = py.NewType("Cursor", "Odoo's cursor (odoo.sql_db.Cursor), served by migrate-runner")
	savepointType = py.NewType("Savepoint", "cr.savepoint(): a savepoint as a context manager")
	columnType    = py.NewType("Column", "psycopg2's Column")
)

// Backend carries a script's cursor calls to whoever holds the database
// connection: the parent process over the pipes (the worker's wire), or,
// in benchmarks, an in-process server. A request and its reply are the
// harness protocol's frames, decoded (json.Number for numbers).
type Backend interface {
	Call(req any) (reply any, err error)
}

type cursor struct {
	w           Backend
	dbname      string
	rows        []py.Object // tuples; nil when the last statement returned none
	pos         int
	rowcount    int64
	status      py.Object
	query       py.Object
	description py.Object
	arraysize   int
	// major is the target series' major version (0: the newest), for
	// the helpers whose Python result changed between series.
	major int
	// direct, when the parent granted the worker its connection (package
	// pyhost/internal/lane), runs cr.execute here, with the same sqlexec
	// code the parent would run; failed tells the worker's wire which
	// statement failed, for the report.
	direct *sqlexec.Cursor
	failed func(sql string)
}

func (c *cursor) Type() *py.Type { return cursorType }

type savepoint struct {
	cr   *cursor
	name string
}

func (s *savepoint) Type() *py.Type { return savepointType }

func newCursor(w Backend, dbname string) *cursor {
	c := &cursor{w: w, dbname: dbname, rowcount: -1, status: py.None, query: py.None, description: py.None, arraysize: 1}
	if m, ok := w.(interface{ Major() int }); ok {
		c.major = m.Major()
	}
	if d, ok := w.(interface {
		Direct() *sqlexec.Cursor
		Failed(string)
	}); ok && d.Direct() != nil {
		c.direct, c.failed = d.Direct(), d.Failed
	}
	return c
}

// call sends a request and returns its reply, raising the exception the
// parent names on failure.
func (c *cursor) call(req any) (any, error) { return c.request(req, false) }

// request is call; an execute (setQuery) also takes the failed statement
// into cr.query when the database refused it, as the harness's does.
func (c *cursor) request(req any, setQuery bool) (any, error) {
	reply, err := c.w.Call(req)
	if err != nil {
		return nil, err
	}
	if m, ok := reply.(map[string]any); ok && m["err"] != nil {
		e, _ := m["err"].(map[string]any)
		exc := exceptionFrom(e)
		if q, ok := e["query"].(string); ok && q != "" && setQuery && isDBAPIError(exc) {
			c.query = py.Bytes(q)
		}
		return nil, exc
	}
	return reply, nil
}

var builtinErrors = map[string]*py.Type{"ValueError": py.ValueError, "TypeError": py.TypeError, "IndexError": py.IndexError,
	"KeyError": py.KeyError, "AttributeError": py.AttributeError, "AssertionError": py.AssertionError,
	"Exception": py.ExceptionType, "NotImplementedError": py.NotImplementedError, "RuntimeError": py.RuntimeError}

// wireError is the exception for a value toWire could not encode: a
// SystemError naming it for a corrupted tuple, or what encoding it raised
// (a Json whose dumps failed).
func wireError(err error, o py.Object) error {
	if errors.Is(err, errNilElement) {
		return py.ExceptionNewf(py.SystemError, "%v: %s", err, describe(o))
	}
	return goException(err)
}

// exceptionFrom is the exception for an error reply ({"class", "name",
// "msg", "pgerror"}), chosen and worded as the harness's _exchange does.
func exceptionFrom(e map[string]any) error {
	str := func(k string) string { s, _ := e[k].(string); return s }
	cls := errorClasses[str("name")]
	if cls == nil {
		cls = excClasses[str("class")]
	}
	if cls == nil {
		cls = builtinErrors[str("class")]
	}
	if cls == nil {
		cls = excClasses["DatabaseError"]
	}
	if cls == nil { // the shim modules are not registered: a bare test binary
		cls = py.ExceptionType
	}
	msg := str("msg")
	if pgerror := str("pgerror"); pgerror != "" {
		msg = pgerror
		if _, rest, ok := cutFirst(pgerror, ":  "); ok {
			msg = rest // psycopg2's message is pgerror without "ERROR:  "
		}
	}
	exc := py.ExceptionNewf(cls, "%s", msg)
	if base := excClasses["Error"]; base != nil && cls.IsSubtype(base) {
		// psycopg2 sets both on every DBAPI error, None when unknown.
		exc.Dict["pgcode"], exc.Dict["pgerror"] = py.None, py.None
		if code := str("pgcode"); code != "" {
			exc.Dict["pgcode"] = py.String(code)
		}
		if pgerror := str("pgerror"); pgerror != "" {
			exc.Dict["pgerror"] = py.String(pgerror)
		}
	}
	return exc
}

// isDBAPIError tells a psycopg2.Error from the builtin exceptions.
func isDBAPIError(err error) bool {
	var exc *py.Exception
	base := excClasses["Error"]
	return base != nil && errors.As(err, &exc) && exc.Base.IsSubtype(base)
}

func cutFirst(s, sep string) (string, string, bool) {
	for i := 0; i+len(sep) <= len(s); i++ {
		if s[i:i+len(sep)] == sep {
			return s[:i], s[i+len(sep):], true
		}
	}
	return s, "", false
}

// take stores a result reply: the fast [rowcount, status, query, columns,
// rows] array, or the object form.
func (c *cursor) take(reply any) error {
	var rowcount json.Number
	var status, query string
	var cols, rows any
	switch r := reply.(type) {
	case []any:
		if len(r) != 5 {
			return fmt.Errorf("bad result frame")
		}
		rowcount, _ = r[0].(json.Number)
		status, _ = r[1].(string)
		query, _ = r[2].(string)
		cols, rows = r[3], r[4]
	case map[string]any:
		rowcount, _ = r["rowcount"].(json.Number)
		status, _ = r["status"].(string)
		query, _ = r["query"].(string)
		cols, rows = r["columns"], r["rows"]
	}
	n, _ := rowcount.Int64()
	c.rowcount, c.status, c.query, c.pos = n, py.String(status), py.Bytes(query), 0
	if cols == nil {
		c.rows, c.description = nil, py.None
		return nil
	}
	colList, _ := cols.([]any)
	desc := make(py.Tuple, len(colList))
	for i, col := range colList {
		pair, _ := col.([]any)
		name, _ := pair[0].(string)
		oid, _ := pair[1].(json.Number)
		code, _ := oid.Int64()
		desc[i] = column(name, code)
	}
	c.description = desc
	rowList, _ := rows.([]any)
	c.rows = make([]py.Object, len(rowList))
	for i, r := range rowList {
		cells, _ := r.([]any)
		t, err := rowTuple(cells, fromWire)
		if err != nil {
			return err
		}
		c.rows[i] = t
	}
	return nil
}

// column is one entry of cursor.description.
func column(name string, oid int64) py.Tuple {
	return py.Tuple{py.String(name), py.Int(oid), py.None, py.None, py.None, py.None, py.None}
}

// rowTuple is a fetched row: its cells converted, from the wire or from
// the direct lane's values.
func rowTuple[T any](cells []T, conv func(T) (py.Object, error)) (py.Tuple, error) {
	t := make(py.Tuple, len(cells))
	for j, cell := range cells {
		o, err := conv(cell)
		if err != nil {
			return nil, err
		}
		t[j] = o
	}
	return t, nil
}

// execute sends a str query on the fast path, ["x", query, params,
// has_params]; any other query (a psycopg2.sql Composable, an Odoo SQL
// object, or something the parent will refuse) as the "execute" op, as
// the harness does.
func (c *cursor) execute(args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	var query, params, logExc py.Object = nil, py.None, py.True
	if err := py.ParseTupleAndKeywords(args, kwargs, "O|OO:execute", []string{"query", "params", "log_exceptions"}, &query, &params, &logExc); err != nil {
		return nil, err
	}
	if c.direct != nil {
		return c.executeDirect(query, params, logExc)
	}
	p, err := toWire(params)
	if err != nil {
		return nil, wireError(err, params)
	}
	var req any
	if q, ok := query.(py.String); ok {
		req = []any{"x", string(q), p, params != py.None}
	} else {
		q, err := toWire(query)
		if err != nil {
			return nil, wireError(err, query)
		}
		req = map[string]any{"op": "execute", "query": q, "params": p, "has_params": params != py.None}
	}
	c.rows, c.description = nil, py.None
	reply, err := c.request(req, true)
	if err != nil {
		if log, _ := py.MakeBool(logExc); log == py.True {
			c.logBadQuery(err)
		}
		return nil, err
	}
	return py.None, c.take(reply)
}

// executeDirect is execute on the direct lane: what the parent's serve
// does for an execute request (sqlexec.ResolveQuery, then Execute), and
// what the worker does with the parent's reply (take, or the exception
// of frame.ErrorReply), with no frames in between.
func (c *cursor) executeDirect(query, params, logExc py.Object) (py.Object, error) {
	var pv *sqlexec.Value
	if params != py.None {
		v, err := toValue(params)
		if err != nil {
			return nil, wireError(err, params)
		}
		pv = &v
	}
	q, err := toValue(query)
	if err != nil {
		return nil, wireError(err, query)
	}
	c.rows, c.description = nil, py.None
	text, pv, err := sqlexec.ResolveQuery(q, pv, true)
	if err == nil {
		err = c.direct.Execute(context.Background(), text, pv)
	}
	if err != nil {
		e := frame.ErrorReply(err)["err"].(map[string]any)
		exc := exceptionFrom(e)
		c.failed(c.direct.Query)
		if isDBAPIError(exc) && c.direct.Query != "" {
			c.query = py.Bytes(c.direct.Query)
		}
		if log, _ := py.MakeBool(logExc); log == py.True {
			c.logBadQuery(exc)
		}
		return nil, exc
	}
	return py.None, c.takeDirect()
}

// takeDirect is take for the lane's result.
func (c *cursor) takeDirect() error {
	d := c.direct
	c.rowcount, c.status, c.query, c.pos = d.RowCount(), py.String(d.StatusMessage()), py.Bytes(d.Query), 0
	cols := d.Description()
	if cols == nil {
		c.rows, c.description = nil, py.None
		return nil
	}
	desc := make(py.Tuple, len(cols))
	for i, col := range cols {
		desc[i] = column(col.Name, int64(col.TypeOID))
	}
	c.description = desc
	rows, err := d.FetchAll()
	if err != nil {
		return err
	}
	c.rows = make([]py.Object, len(rows))
	for i, r := range rows {
		t, err := rowTuple(r, fromValue)
		if err != nil {
			return err
		}
		c.rows[i] = t
	}
	return nil
}

// logBadQuery logs a failed statement on odoo.sql_db, as Odoo's cursor
// does before it re-raises (and as the external host does).
func (c *cursor) logBadQuery(err error) {
	var exc *py.Exception
	if !errors.As(err, &exc) || !py.IsException(excClasses["Error"], exc) || sink == nil || muteSQLLog > 0 {
		return
	}
	q := "None"
	if b, ok := c.query.(py.Bytes); ok && len(b) > 0 {
		q = string(b)
	}
	msg, _ := pyfmt.Str(exc)
	*sink = append(*sink, [3]string{"ERROR", "odoo.sql_db", "bad query: " + q + "\nERROR: " + msg})
}

// executeMany is executemany(query, vars_list).
func (c *cursor) executeMany(args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	var query, varsList py.Object
	if err := py.ParseTupleAndKeywords(args, kwargs, "OO:executemany", []string{"query", "vars_list"}, &query, &varsList); err != nil {
		return nil, err
	}
	q, err := toWire(query)
	if err != nil {
		return nil, wireError(err, query)
	}
	seq := []any{}
	var encErr error
	err = py.Iterate(varsList, func(o py.Object) bool {
		x, e := toWire(o)
		if e != nil {
			encErr = wireError(e, o)
			return true
		}
		seq = append(seq, x)
		return false
	})
	if err == nil {
		err = encErr
	}
	if err != nil {
		return nil, err
	}
	c.rows, c.description = nil, py.None
	reply, err := c.call(map[string]any{"op": "executemany", "query": q, "seq": seq})
	if err != nil {
		return nil, err
	}
	return py.None, c.take(reply)
}

// executeValues is the harness's cr.execute_values(query, argslist,
// template=None, page_size=100, fetch=False), psycopg2.extras'
// execute_values on this cursor: the rows go in pages, and with fetch
// the RETURNING rows of every page come back.
func (c *cursor) executeValues(args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	var query, argslist py.Object
	var template, pageSize, fetch py.Object = py.None, py.Int(100), py.False
	if err := py.ParseTupleAndKeywords(args, kwargs, "OO|OOO:execute_values",
		[]string{"query", "argslist", "template", "page_size", "fetch"}, &query, &argslist, &template, &pageSize, &fetch); err != nil {
		return nil, err
	}
	var items []py.Object
	if err := py.Iterate(argslist, func(o py.Object) bool { items = append(items, o); return false }); err != nil {
		return nil, err
	}
	doFetch, err := py.MakeBool(fetch)
	if err != nil {
		return nil, err
	}
	req := map[string]any{"op": "execute_values", "fetch": doFetch == py.True}
	for _, arg := range []struct {
		key string
		o   py.Object
	}{{"query", query}, {"argslist", py.NewListFromItems(items)}, {"template", template}, {"page_size", pageSize}} {
		w, err := toWire(arg.o)
		if err != nil {
			return nil, wireError(err, arg.o)
		}
		req[arg.key] = w
	}
	c.rows, c.description = nil, py.None
	reply, err := c.call(req)
	if err != nil {
		return nil, err
	}
	if err := c.take(reply); err != nil {
		return nil, err
	}
	if doFetch != py.True {
		return py.None, nil
	}
	m, _ := reply.(map[string]any)
	fetched, _ := m["fetched"].([]any)
	out := make([]py.Object, len(fetched))
	for i, r := range fetched {
		cells, _ := r.([]any)
		row, err := listFromWire(cells)
		if err != nil {
			return nil, err
		}
		out[i] = py.Tuple(row)
	}
	return py.NewListFromItems(out), nil
}

func (c *cursor) fetch(size int) (py.Object, error) {
	if c.rows == nil {
		return nil, py.ExceptionNewf(excClasses["ProgrammingError"], "no results to fetch")
	}
	left := len(c.rows) - c.pos
	if size < 0 || size > left {
		size = left
	}
	out := c.rows[c.pos : c.pos+size]
	c.pos += size
	return py.NewListFromItems(append([]py.Object(nil), out...)), nil
}

func (c *cursor) dict(row py.Object) py.Object {
	d := py.NewStringDict()
	desc := c.description.(py.Tuple)
	for i, col := range desc {
		d[string(col.(py.Tuple)[0].(py.String))] = row.(py.Tuple)[i]
	}
	return d
}

func sizeArg(args py.Tuple, def int) (int, error) {
	if len(args) == 0 || args[0] == py.None {
		return def, nil
	}
	n, ok := args[0].(py.Int)
	if !ok {
		return 0, py.ExceptionNewf(py.TypeError, "size must be an integer")
	}
	return int(n), nil
}

func init() {
	d := cursorType.Dict
	method := func(name string, fn func(c *cursor, args py.Tuple, kwargs py.StringDict) (py.Object, error)) {
		d[name] = py.MustNewMethod(name, func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
			return fn(self.(*cursor), args, kwargs)
		}, 0, "")
	}
	method("execute", (*cursor).execute)
	method("executemany", (*cursor).executeMany)
	method("execute_values", (*cursor).executeValues)
	method("mogrify", func(c *cursor, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		var query, params py.Object = nil, py.None
		if err := py.ParseTupleAndKeywords(args, kwargs, "O|O:mogrify", []string{"query", "params"}, &query, &params); err != nil {
			return nil, err
		}
		p, err := toWire(params)
		if err != nil {
			return nil, wireError(err, params)
		}
		q, err := toWire(query)
		if err != nil {
			return nil, wireError(err, query)
		}
		reply, err := c.call(map[string]any{"op": "mogrify", "query": q, "params": p, "has_params": params != py.None})
		if err != nil {
			return nil, err
		}
		s, _ := reply.(map[string]any)["sql"].(string)
		return py.Bytes(s), nil
	})
	method("fetchone", func(c *cursor, _ py.Tuple, _ py.StringDict) (py.Object, error) {
		l, err := c.fetch(1)
		if err != nil {
			return nil, err
		}
		if items := l.(*py.List).Items; len(items) == 1 {
			return items[0], nil
		}
		return py.None, nil
	})
	method("fetchall", func(c *cursor, _ py.Tuple, _ py.StringDict) (py.Object, error) { return c.fetch(-1) })
	method("fetchmany", func(c *cursor, args py.Tuple, _ py.StringDict) (py.Object, error) {
		n, err := sizeArg(args, c.arraysize)
		if err != nil {
			return nil, err
		}
		return c.fetch(n)
	})
	dicts := func(l py.Object, err error, c *cursor) (py.Object, error) {
		if err != nil {
			return nil, err
		}
		items := l.(*py.List).Items
		out := make([]py.Object, len(items))
		for i, r := range items {
			out[i] = c.dict(r)
		}
		return py.NewListFromItems(out), nil
	}
	method("dictfetchone", func(c *cursor, _ py.Tuple, _ py.StringDict) (py.Object, error) {
		l, err := c.fetch(1)
		if err != nil {
			return nil, err
		}
		if items := l.(*py.List).Items; len(items) == 1 {
			return c.dict(items[0]), nil
		}
		return py.None, nil
	})
	method("dictfetchall", func(c *cursor, _ py.Tuple, _ py.StringDict) (py.Object, error) {
		l, err := c.fetch(-1)
		return dicts(l, err, c)
	})
	method("dictfetchmany", func(c *cursor, args py.Tuple, _ py.StringDict) (py.Object, error) {
		n, err := sizeArg(args, c.arraysize)
		if err != nil {
			return nil, err
		}
		l, err := c.fetch(n)
		return dicts(l, err, c)
	})
	txn := func(op string) func(c *cursor, _ py.Tuple, _ py.StringDict) (py.Object, error) {
		return func(c *cursor, _ py.Tuple, _ py.StringDict) (py.Object, error) {
			reply, err := c.call(map[string]any{"op": op})
			if err != nil {
				return nil, err
			}
			return py.None, c.take(reply)
		}
	}
	method("commit", txn("commit"))
	method("rollback", txn("rollback"))
	method("savepoint", func(c *cursor, _ py.Tuple, _ py.StringDict) (py.Object, error) {
		return &savepoint{cr: c}, nil
	})
	method("now", func(c *cursor, _ py.Tuple, _ py.StringDict) (py.Object, error) {
		if _, err := c.execute(py.Tuple{py.String("SELECT (now() AT TIME ZONE 'UTC')")}, nil); err != nil {
			return nil, err
		}
		return c.rows[0].(py.Tuple)[0], nil
	})
	method("split_for_in_conditions", func(c *cursor, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		var ids, size py.Object = nil, py.Int(0)
		if err := py.ParseTupleAndKeywords(args, kwargs, "O|O:split_for_in_conditions", []string{"ids", "size"}, &ids, &size); err != nil {
			return nil, err
		}
		n, _ := size.(py.Int)
		if n <= 0 {
			n = 1000
		}
		var out, chunk []py.Object
		err := py.Iterate(ids, func(o py.Object) bool {
			chunk = append(chunk, o)
			if len(chunk) == int(n) {
				out, chunk = append(out, py.Tuple(chunk)), nil
			}
			return false
		})
		if len(chunk) > 0 {
			out = append(out, py.Tuple(chunk))
		}
		return py.NewListFromItems(out), err
	})
	method("flush", func(*cursor, py.Tuple, py.StringDict) (py.Object, error) { return py.None, nil })
	method("close", func(*cursor, py.Tuple, py.StringDict) (py.Object, error) { return py.None, nil })
	prop := func(name string, get func(c *cursor) py.Object) {
		d[name] = &py.Property{Fget: func(self py.Object) (py.Object, error) { return get(self.(*cursor)), nil }}
	}
	prop("rowcount", func(c *cursor) py.Object { return py.Int(c.rowcount) })
	prop("statusmessage", func(c *cursor) py.Object { return c.status })
	prop("query", func(c *cursor) py.Object { return c.query })
	prop("description", func(c *cursor) py.Object { return c.description })
	prop("dbname", func(c *cursor) py.Object { return py.String(c.dbname) })
	prop("IN_MAX", func(*cursor) py.Object { return py.Int(1000) })
	if err := cursorType.Ready(); err != nil {
		panic(err)
	}
	if err := savepointType.Ready(); err != nil {
		panic(err)
	}
	if err := loggerType.Ready(); err != nil {
		panic(err)
	}
}

// M__enter__ opens the savepoint.
func (s *savepoint) M__enter__() (py.Object, error) {
	reply, err := s.cr.call(map[string]any{"op": "savepoint"})
	if err != nil {
		return nil, err
	}
	s.name, _ = reply.(map[string]any)["name"].(string)
	return py.None, nil
}

// M__exit__ releases it, or rolls back to it when the block raised; the
// exception goes on either way, as with Odoo's Savepoint.
func (s *savepoint) M__exit__(excType, _, _ py.Object) (py.Object, error) {
	op := "release"
	if excType != py.None {
		op = "rollback_to"
	}
	_, err := s.cr.call(map[string]any{"op": op, "name": s.name})
	s.cr.rows, s.cr.description, s.cr.rowcount = nil, py.None, -1
	if err != nil {
		return nil, err
	}
	return py.False, nil
}
