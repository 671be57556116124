// Package catalog answers, from a schema.Schema, the catalog queries that
// migration helpers send (odoo.tools.sql, upgrade-util, openupgradelib:
// table_exists, column_exists, column_type, table_columns, get_fk,
// index_exists, constraint lookups, …), so that a trace with --schema
// takes the same branches as a run against that database would.
//
// It is a small SQL engine over virtual copies of PostgreSQL's catalogs,
// not a pattern list, so a helper need not know about tracing and a
// rewording of its query still works. A query is a catalog query when it
// is a SELECT that names a catalog relation (pg_class, pg_attribute,
// information_schema.columns, … see catalogColumns and
// infoSchemaColumns) or calls a catalog function (to_regclass,
// pg_get_constraintdef, format_type, …, or a ::regclass cast).
//
// The same engine answers the other SELECTs a script sends, as an empty
// database would: user tables the schema has are read as empty, with
// their columns; tables it does not have are empty with any column.
// So SELECT min(id), max(id) FROM t gives its one (NULL, NULL) row, as
// upgrade-util's explode_query_range expects, and description names the
// columns.
//
// The subset (parse.go) covers what those helpers write: joins, WHERE,
// GROUP BY with count/array_agg/min/max/…, subqueries, IN/ANY/ALL,
// EXISTS, CASE, casts, UNION, ORDER BY, LIMIT/FETCH, unnest() in a select
// list. Anything else is an *Unsupported error; the caller then answers
// with no rows and says so. It owns neither the schema (package schema)
// nor the recording of statements (package trace).
package catalog

import (
	"errors"
	"strconv"

	"github.com/migrate-runner/migrate-runner/sqlexec"
	"github.com/migrate-runner/migrate-runner/trace/internal/sqllex"
	"github.com/migrate-runner/migrate-runner/trace/schema"
)

// Unsupported says a catalog query is outside the engine's subset, or
// that PostgreSQL would reject it (an unknown relation or column).
type Unsupported struct{ Reason string }

func (e *Unsupported) Error() string { return e.Reason }

// catalogFuncs are the functions that make a query a catalog query.
var catalogFuncs = map[string]bool{
	"to_regclass": true, "pg_get_constraintdef": true, "pg_get_indexdef": true, "pg_get_viewdef": true,
	"pg_get_expr": true, "pg_get_serial_sequence": true, "format_type": true, "pg_column_is_updatable": true,
	"pg_relation_is_updatable": true, "pg_table_is_visible": true, "current_schema": true,
	"current_database": true,
}

// Reads reports whether a statement is a catalog query: a SELECT (or a
// WITH query, which the engine then declines) naming a catalog relation
// or calling a catalog function.
func Reads(toks []sqllex.Token) bool {
	i := 0
	for i < len(toks) && toks[i].IsOp("(") {
		i++
	}
	if i >= len(toks) || !toks[i].Is("select") && !toks[i].Is("with") {
		return false
	}
	for j, t := range toks {
		if t.Kind != sqllex.Ident && t.Kind != sqllex.QIdent {
			if t.IsOp("::") && j+1 < len(toks) && (toks[j+1].Is("regclass") || toks[j+1].Is("regtype")) {
				return true
			}
			continue
		}
		switch {
		case t.Text == "information_schema" && j+2 < len(toks) && toks[j+1].IsOp(".") && isCatalogRelation("information_schema", toks[j+2].Text):
			return true
		case isCatalogRelation("", t.Text) && (j == 0 || !toks[j-1].IsOp(".") || j >= 2 && toks[j-2].Is("pg_catalog")):
			return true
		case catalogFuncs[t.Text] && t.Kind == sqllex.Ident && (j+1 < len(toks) && toks[j+1].IsOp("(") || t.Text == "current_schema"):
			return true
		}
	}
	return false
}

// Query evaluates a SELECT (a catalog query or any other); db is what
// current_database() and the *_catalog columns say.
func Query(s *schema.Schema, db string, toks []sqllex.Token) (*sqlexec.Result, error) {
	q, err := parseQuery(toks)
	if err != nil {
		return nil, wrap(err)
	}
	e := &engine{s: s, rels: map[string]*relation{}, db: db}
	r, err := e.run(q, nil)
	if err != nil {
		return nil, wrap(err)
	}
	res := &sqlexec.Result{Columns: make([]sqlexec.Column, len(r.names)), Rows: make([][]sqlexec.Value, len(r.rows))}
	for i, n := range r.names {
		res.Columns[i] = sqlexec.Column{Name: n, TypeOID: r.types[i]}
	}
	for i, row := range r.rows {
		out := make([]sqlexec.Value, len(row))
		for j, v := range row {
			out[j] = e.value(v)
		}
		res.Rows[i] = out
	}
	res.RowCount = int64(len(res.Rows))
	res.Status = "SELECT " + strconv.Itoa(len(res.Rows))
	return res, nil
}

func wrap(err error) error {
	var u *unsupported
	var ev *evalError
	switch {
	case errors.As(err, &u):
		return &Unsupported{u.msg}
	case errors.As(err, &ev):
		return &Unsupported{ev.msg}
	}
	return err
}

// value converts an engine value to what psycopg2 (with Odoo's casters)
// would give the script.
func (e *engine) value(v any) sqlexec.Value {
	switch v := v.(type) {
	case nil:
		return sqlexec.NoneValue()
	case bool:
		return sqlexec.BoolValue(v)
	case int64:
		return sqlexec.IntValue(v)
	case float64:
		return sqlexec.FloatValue(v)
	case string:
		return sqlexec.StrValue(v)
	case regclass, regtype:
		t, _ := e.cast(v, typeRef{udt: "text"})
		return sqlexec.StrValue(t.(string))
	case int2vector:
		return sqlexec.StrValue(textOf(v)) // psycopg2 has no caster for int2vector
	case []any:
		items := make([]sqlexec.Value, len(v))
		for i, x := range v {
			items[i] = e.value(x)
		}
		return sqlexec.ListValue(items...)
	}
	return sqlexec.StrValue(textOf(v))
}
