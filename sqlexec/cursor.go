package sqlexec

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
)

// Cursor is the Go side of the `cr` a migration script receives: Odoo's
// Cursor (odoo/sql_db.py) over psycopg2's cursor, on one connection.
// Hosts forward a script's calls here, so both Python hosts share one
// implementation of every rule.
type Cursor struct {
	backend Backend
	res     *Result
	pos     int // next row to fetch

	// Arraysize is fetchmany's default size, psycopg2's cursor.arraysize.
	Arraysize int
	// Query is the last SQL sent, after parameter rendering (cursor.query).
	Query string
	// Statements and RowsTotal count executions and their rowcounts, for
	// the run's report.
	Statements int
	RowsTotal  int64

	now *Value // cr.now(), cached until the transaction ends
}

// NewCursor wraps an open connection.
func NewCursor(conn *pgconn.PgConn) *Cursor { return NewCursorOn(pgBackend{conn}) }

// NewCursorOn makes a cursor whose statements go to b: the trace command's
// recorder instead of a connection. Every rule above the wire (parameter
// rendering, Odoo's checks, fetching) is the same.
func NewCursorOn(b Backend) *Cursor { return &Cursor{backend: b, Arraysize: 1} }

// OdooParams applies Odoo's Cursor.execute checks before psycopg2 sees
// the parameters: a truthy value that is not a tuple, list or dict is a
// ValueError, and falsy parameters (None, (), [], {}, 0, "") mean "no
// parameters", so the query text is then sent verbatim.
func OdooParams(params *Value) (*Value, error) {
	if params == nil || !params.Truthy() {
		return nil, nil
	}
	switch params.Kind {
	case Tuple, List, Dict:
		return params, nil
	}
	return nil, pyErr("ValueError", "SQL query parameters should be a tuple, list or dict; got %s", Repr(*params))
}

// Execute runs query with params as Odoo's cr.execute does and keeps the
// last statement's result for fetching.
func (c *Cursor) Execute(ctx context.Context, query string, params *Value) error {
	params, err := OdooParams(params)
	if err != nil {
		return err
	}
	sql, err := Mogrify(query, params)
	if err != nil {
		return err
	}
	return c.run(ctx, sql)
}

// ExecuteMany is psycopg2's executemany, which Odoo does not wrap: every
// parameter set is rendered and run in turn (even empty ones), rowcount
// is the sum, and nothing is left to fetch.
func (c *Cursor) ExecuteMany(ctx context.Context, query string, seq []Value) error {
	var total int64
	for i := range seq {
		sql, err := Mogrify(query, &seq[i])
		if err != nil {
			return err
		}
		if err := c.run(ctx, sql); err != nil {
			return err
		}
		if c.res.RowCount > 0 {
			total += c.res.RowCount
		}
	}
	if c.res != nil {
		c.res.RowCount, c.res.Columns, c.res.Rows = total, nil, nil
	}
	return nil
}

func (c *Cursor) run(ctx context.Context, sql string) error {
	c.Query, c.res, c.pos = sql, nil, 0
	res, err := c.backend.Exec(ctx, sql)
	c.Statements++
	if err != nil {
		return err
	}
	c.res = res
	if res.RowCount > 0 {
		c.RowsTotal += res.RowCount
	}
	return nil
}

// RowCount is cursor.rowcount: -1 before any execute.
func (c *Cursor) RowCount() int64 {
	if c.res == nil {
		return -1
	}
	return c.res.RowCount
}

// Description is cursor.description: nil (None) when the last statement
// returned no rows.
func (c *Cursor) Description() []Column {
	if c.res == nil {
		return nil
	}
	return c.res.Columns
}

// StatusMessage is cursor.statusmessage ("" before any execute, None in
// Python).
func (c *Cursor) StatusMessage() string {
	if c.res == nil {
		return ""
	}
	return c.res.Status
}

func (c *Cursor) rows() ([][]Value, error) {
	if c.res == nil || c.res.Columns == nil {
		return nil, pyErr("ProgrammingError", "no results to fetch")
	}
	return c.res.Rows, nil
}

// FetchOne returns the next row, or nil (None) when none is left.
func (c *Cursor) FetchOne() ([]Value, error) {
	rows, err := c.rows()
	if err != nil || c.pos >= len(rows) {
		return nil, err
	}
	c.pos++
	return rows[c.pos-1], nil
}

// FetchMany returns up to size rows; size < 0 means all that are left
// (psycopg2's reading of a negative size), and FetchMany(c.Arraysize) is
// Python's fetchmany().
func (c *Cursor) FetchMany(size int) ([][]Value, error) {
	rows, err := c.rows()
	if err != nil {
		return nil, err
	}
	left := len(rows) - c.pos
	if size < 0 || size > left {
		size = left
	}
	out := rows[c.pos : c.pos+size]
	c.pos += size
	return out, nil
}

// FetchAll returns every row left.
func (c *Cursor) FetchAll() ([][]Value, error) { return c.FetchMany(-1) }

// dict builds Odoo's dictfetch* row: {column name: value}; with repeated
// column names the last one wins, in the first one's place.
func (c *Cursor) dict(row []Value) Value {
	d := Value{Kind: Dict}
	for i, col := range c.res.Columns {
		if j := indexOf(d.Keys, col.Name); j >= 0 {
			d.Items[j] = row[i]
			continue
		}
		d.Keys = append(d.Keys, col.Name)
		d.Items = append(d.Items, row[i])
	}
	return d
}

// DictFetchOne is Odoo's dictfetchone: the next row as a dict, or nil.
func (c *Cursor) DictFetchOne() (*Value, error) {
	row, err := c.FetchOne()
	if err != nil || row == nil {
		return nil, err
	}
	d := c.dict(row)
	return &d, nil
}

// DictFetchMany is Odoo's dictfetchmany(size).
func (c *Cursor) DictFetchMany(size int) ([]Value, error) {
	rows, err := c.FetchMany(size)
	if err != nil {
		return nil, err
	}
	out := make([]Value, len(rows))
	for i, r := range rows {
		out[i] = c.dict(r)
	}
	return out, nil
}

// DictFetchAll is Odoo's dictfetchall.
func (c *Cursor) DictFetchAll() ([]Value, error) { return c.DictFetchMany(-1) }

// SplitForInConditions is Odoo's split_for_in_conditions: chunks of at
// most size ids (1000 by default, Odoo's IN_MAX), in order, without
// removing duplicates despite what its docstring says.
func SplitForInConditions(ids []Value, size int) []Value {
	if size <= 0 {
		size = 1000
	}
	var out []Value
	for len(ids) > 0 {
		n := min(size, len(ids))
		out = append(out, TupleValue(ids[:n]...))
		ids = ids[n:]
	}
	return out
}

// Truthy is Python's truth value of v.
func (v Value) Truthy() bool {
	switch v.Kind {
	case None:
		return false
	case Bool:
		return v.Bool
	case Int:
		return v.Int != nil && v.Int.Sign() != 0
	case Float:
		return v.Float != 0
	case Str, Bytes:
		return v.Text != ""
	case Decimal:
		return !isDecimalZero(v.Text)
	case Timedelta:
		return v.Micros != 0
	case Tuple, List, Dict:
		return len(v.Items) > 0
	}
	return true
}

func isDecimalZero(s string) bool {
	mantissa := s
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		mantissa = s[:i]
	}
	for _, r := range mantissa {
		if r >= '1' && r <= '9' {
			return false
		}
		if r != '0' && r != '.' && r != '-' && r != '+' {
			return false // NaN, Infinity: truthy
		}
	}
	return true
}

// String describes the cursor for logs.
func (c *Cursor) String() string {
	return fmt.Sprintf("cursor(%d statements, %d rows)", c.Statements, c.RowsTotal)
}

// ExecuteValues is psycopg2.extras.execute_values (and Odoo 17+'s
// cr.execute_values): query holds one %s, replaced by a VALUES list of
// argslist rendered with template ("(%s, …)" sized by the first item
// when nil), one statement per page of pageSize items. With fetch the
// rows of every page are returned.
func (c *Cursor) ExecuteValues(ctx context.Context, query string, argslist []Value, template *string, pageSize int, fetch bool) ([][]Value, error) {
	pre, post, err := splitValuesSQL(query)
	if err != nil {
		return nil, err
	}
	if pageSize <= 0 {
		pageSize = 100
	}
	var out [][]Value
	for start := 0; start < len(argslist); start += pageSize {
		page := argslist[start:min(start+pageSize, len(argslist))]
		if template == nil {
			n := len(page[0].Items)
			if page[0].Kind != Tuple && page[0].Kind != List {
				return nil, pyErr("TypeError", "object of type '%s' has no len()", page[0].pyTypeName())
			}
			t := "(" + strings.TrimSuffix(strings.Repeat("%s,", n), ",") + ")"
			template = &t
		}
		var b strings.Builder
		b.WriteString(pre)
		for i := range page {
			if i > 0 {
				b.WriteByte(',')
			}
			s, err := Mogrify(*template, &page[i])
			if err != nil {
				return nil, err
			}
			b.WriteString(s)
		}
		b.WriteString(post)
		if err := c.run(ctx, b.String()); err != nil {
			return nil, err
		}
		if fetch {
			rows, err := c.FetchAll()
			if err != nil {
				return nil, err
			}
			out = append(out, rows...)
		}
	}
	return out, nil
}

// splitValuesSQL is psycopg2's _split_sql: the text before and after the
// single %s, with %% turned into %.
func splitValuesSQL(query string) (pre, post string, err error) {
	var b strings.Builder
	found := false
	for i := 0; i < len(query); i++ {
		if query[i] != '%' || i+1 >= len(query) {
			b.WriteByte(query[i])
			continue
		}
		i++
		switch query[i] {
		case 's':
			if found {
				return "", "", pyErr("ValueError", "the query contains more than one '%%s' placeholder")
			}
			found, pre = true, b.String()
			b.Reset()
		case '%':
			b.WriteByte('%')
		default:
			return "", "", pyErr("ValueError", "unsupported format character: '%c'", query[i])
		}
	}
	if !found {
		return "", "", pyErr("ValueError", "the query doesn't contain any '%%s' placeholder")
	}
	return pre, b.String(), nil
}
