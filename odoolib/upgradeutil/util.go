package upgradeutil

import (
	"context"
	"fmt"
	"github.com/migrate-runner/migrate-runner/internal/pyjson"
	"log/slog"
	"os"
	"sort"
	"strings"

	"github.com/migrate-runner/migrate-runner/odoolib"
	"github.com/migrate-runner/migrate-runner/order"
	"github.com/migrate-runner/migrate-runner/sqlexec"
)

const prefix = "odoo.upgrade.util."

// op is one helper call: the script's cursor and series, and the context
// every statement runs under.
type op struct {
	ctx context.Context
	env odoolib.Env
	st  *callState
}

// callState is what one helper call caches while it recurses.
type callState struct {
	inherits map[string][]inherit // parent model -> its inheriting models
}

type helperFn func(o op, a []sqlexec.Value) (sqlexec.Value, error)

// reg registers name with its Python parameters (after cr), how many are
// required and the defaults of the others.
func reg(name string, params []string, required int, defaults []sqlexec.Value, fn helperFn) {
	odoolib.Register(prefix+name, odoolib.Helper{Params: params, Required: required, Defaults: defaults,
		Fn: func(ctx context.Context, env odoolib.Env, a []sqlexec.Value) (sqlexec.Value, error) {
			return fn(op{ctx: ctx, env: env, st: &callState{}}, a)
		}})
}

// regPure registers a helper Python calls without cr.
func regPure(name string, params []string, required int, defaults []sqlexec.Value, fn helperFn) {
	odoolib.Register(prefix+name, odoolib.Helper{Params: params, Required: required, Defaults: defaults, Pure: true,
		Fn: func(ctx context.Context, env odoolib.Env, a []sqlexec.Value) (sqlexec.Value, error) {
			return fn(op{ctx: ctx, env: env, st: &callState{}}, a)
		}})
}

// unset marks a parameter the caller did not pass: upgrade-util tells
// "not given" from None with sentinels (create_column's default) and takes
// *args; no Python value becomes this Kind/TypeName pair.
var unset = sqlexec.Value{Kind: sqlexec.Other, TypeName: "migrate_runner.<unset>"}

func isUnset(v sqlexec.Value) bool { return v.Kind == sqlexec.Other && v.TypeName == unset.TypeName }

// maxVariadic is how many values a *args parameter takes: the helper
// registry binds a fixed list of parameters.
const maxVariadic = 64

// variadic is the parameter list of a helper whose last parameter is
// *name, and its defaults.
func variadic(fixed []string, name string) ([]string, []sqlexec.Value) {
	params := append([]string{}, fixed...)
	defaults := make([]sqlexec.Value, maxVariadic)
	for i := range maxVariadic {
		params = append(params, fmt.Sprintf("*%s[%d]", name, i))
		defaults[i] = unset
	}
	return params, defaults
}

// rest collects the values given for a *args parameter.
func rest(a []sqlexec.Value) []sqlexec.Value {
	var out []sqlexec.Value
	for _, v := range a {
		if !isUnset(v) {
			out = append(out, v)
		}
	}
	return out
}

var (
	none   = sqlexec.NoneValue()
	vTrue  = sqlexec.BoolValue(true)
	vFalse = sqlexec.BoolValue(false)
)

func s(v string) sqlexec.Value  { return sqlexec.StrValue(v) }
func i64(v int64) sqlexec.Value { return sqlexec.IntValue(v) }
func tuple(vs ...sqlexec.Value) sqlexec.Value {
	return sqlexec.TupleValue(vs...)
}
func list(vs ...sqlexec.Value) sqlexec.Value { return sqlexec.ListValue(vs...) }
func strs(ss []string) []sqlexec.Value {
	out := make([]sqlexec.Value, len(ss))
	for i, x := range ss {
		out[i] = s(x)
	}
	return out
}

// q quotes an identifier as psycopg2's sql.Identifier does.
func q(ident string) string { return odoolib.Q(ident) }

// exec runs query as cr.execute(query, params) does: no params means the
// text goes verbatim.
func (o op) exec(query string, params ...sqlexec.Value) error {
	return odoolib.Exec(o.ctx, o.env, query, params...)
}

// execNamed runs query with a dict of named parameters.
func (o op) execNamed(query string, named map[string]sqlexec.Value) error {
	keys := make([]string, 0, len(named))
	for k := range named {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	d := sqlexec.Value{Kind: sqlexec.Dict}
	for _, k := range keys {
		d.Keys = append(d.Keys, k)
		d.Items = append(d.Items, named[k])
	}
	return o.env.Cursor.Execute(o.ctx, query, &d)
}

func (o op) rows(query string, params ...sqlexec.Value) ([][]sqlexec.Value, error) {
	if err := o.exec(query, params...); err != nil {
		return nil, err
	}
	return o.env.Cursor.FetchAll()
}

// one runs query and returns its first row, nil when there is none.
func (o op) one(query string, params ...sqlexec.Value) ([]sqlexec.Value, error) {
	if err := o.exec(query, params...); err != nil {
		return nil, err
	}
	return o.env.Cursor.FetchOne()
}

func (o op) rowcount() int64 { return o.env.Cursor.RowCount() }

// cell is row[i], or None when the statement returned no row (a
// recording cursor returns none).
func cell(row []sqlexec.Value, i int) sqlexec.Value {
	if i >= len(row) {
		return none
	}
	return row[i]
}

// col0 runs query and returns the first column of every row.
func (o op) col0(query string, params ...sqlexec.Value) ([]sqlexec.Value, error) {
	rows, err := o.rows(query, params...)
	out := make([]sqlexec.Value, len(rows))
	for i, r := range rows {
		out[i] = r[0]
	}
	return out, err
}

// mogrify is cr.mogrify(query, params).decode().
func mogrify(query string, params ...sqlexec.Value) (string, error) {
	p := sqlexec.TupleValue(params...)
	return sqlexec.Mogrify(query, &p)
}

func mogrifyNamed(query string, named map[string]sqlexec.Value) (string, error) {
	d := sqlexec.DictValue(named)
	return sqlexec.Mogrify(query, &d)
}

// quoteLiteral is psycopg2's adaptation of a str, for SQL built as text.
func quoteLiteral(v string) string {
	out, err := sqlexec.Quote(s(v))
	if err != nil { // a str always adapts
		panic(err)
	}
	return out
}

// logger is the named upgrade-util logger a message goes to.
func logger(name string) *slog.Logger {
	return slog.Default().With("logger", "odoo.upgrade.util."+name)
}

// Exceptions: upgrade-util's own classes, which both hosts define in
// odoo.upgrade.util (UpgradeError alias MigrationError, an Exception;
// SleepyDeveloperError, a ValueError); the message is upstream's.
func migrationError(format string, a ...any) error {
	return odoolib.PyErr("UpgradeError", format, a...)
}
func sleepyError(format string, a ...any) error {
	return odoolib.PyErr("SleepyDeveloperError", format, a...)
}
func valueError(format string, a ...any) error { return odoolib.PyErr("ValueError", format, a...) }
func typeError(format string, a ...any) error  { return odoolib.PyErr("TypeError", format, a...) }
func attributeError(format string, a ...any) error {
	return odoolib.PyErr("AttributeError", format, a...)
}
func assertionError(format string, a ...any) error {
	return odoolib.PyErr("AssertionError", format, a...)
}

// str requires a str argument (upgrade-util formats them into SQL or
// calls str methods on them).
func str(fname, param string, v sqlexec.Value) (string, error) { return odoolib.Str(fname, param, v) }

// intOf reads a Python int (or bool) argument or column value.
func intOf(v sqlexec.Value) (int64, bool) {
	switch v.Kind {
	case sqlexec.Int:
		if v.Int != nil && v.Int.IsInt64() {
			return v.Int.Int64(), true
		}
	case sqlexec.Bool:
		if v.Bool {
			return 1, true
		}
		return 0, true
	}
	return 0, false
}

// items iterates a Python iterable argument, as `for x in v` does.
func items(_, _ string, v sqlexec.Value) ([]sqlexec.Value, error) { return odoolib.Iterate(v) }

func strItems(fname, param string, v sqlexec.Value) ([]string, error) {
	vs, err := items(fname, param, v)
	if err != nil {
		return nil, err
	}
	out := make([]string, len(vs))
	for i, x := range vs {
		if x.Kind != sqlexec.Str {
			return nil, typeError("%s(): %s must hold str, not %s", fname, param, sqlexec.TypeName(x))
		}
		out[i] = x.Text
	}
	return out, nil
}

// registered tells whether another package registered qualname; tests
// replace it to run the paths taken without that package.
var registered = func(qualname string) bool {
	names := odoolib.Names()
	i := sort.SearchStrings(names, qualname)
	return i < len(names) && names[i] == qualname
}

// call runs another package's helper by name.
func (o op) call(name string, args []sqlexec.Value, kwargs map[string]sqlexec.Value) (sqlexec.Value, error) {
	var kw *sqlexec.Value
	if len(kwargs) > 0 {
		d := sqlexec.DictValue(kwargs)
		kw = &d
	}
	return odoolib.Call(o.ctx, o.env, prefix+name, args, kw)
}

// Versions. odoolib.Env carries the target series' major only, so the
// running release.serie is taken as "<major>.0": a target saas~X.Y
// release is not told from X.0. Major 0 means unknown (no script
// context); series-dependent facts then take the newest behaviour.
const newest = 1 << 20

func (o op) major() int {
	if o.env.Major <= 0 {
		return newest
	}
	return o.env.Major
}

func serie(major int) order.Version { return order.ParseVersion(fmt.Sprintf("%d.0", major)) }

// gte is upgrade-util's version_gte(v) for the target series.
func (o op) gte(v string) bool { return serie(o.major()).Compare(order.ParseVersion(v)) >= 0 }

// between is version_between(a, b): a <= serie <= b, bounds included.
func (o op) between(a, b string) bool {
	cur := serie(o.major())
	return order.ParseVersion(a).Compare(cur) <= 0 && cur.Compare(order.ParseVersion(b)) <= 0
}

// pyJSONString is json.dumps(str) with Python's defaults (ensure_ascii).
func pyJSONString(v string) string {
	var b strings.Builder
	pyjson.WriteString(&b, v, true)
	return b.String()
}

// envFlag is upgrade-util's str2bool(os.getenv(name, "0")); a value it
// cannot read is a ValueError, as there.
func envFlag(name string) (bool, error) {
	v := strings.ToLower(os.Getenv(name))
	if v == "" {
		v = "0"
	}
	switch v {
	case "y", "yes", "1", "true", "t", "on":
		return true, nil
	case "n", "no", "0", "false", "f", "off":
		return false, nil
	}
	return false, valueError("Use 0/1/yes/no/true/false/on/off")
}
