package parallel

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"unicode"

	"github.com/migrate-runner/migrate-runner/odoolib"
	"github.com/migrate-runner/migrate-runner/pyliteral"
	"github.com/migrate-runner/migrate-runner/sqlexec"
)

// The query builders of upgrade-util's src/util/pg.py, with its return
// values and quirks: format_query returns the rendered text, and
// explode_query_range returns the bucket queries already rendered (their
// "%" collapsed by mogrify), or the query as given when it needs no split.

const util = "odoo.upgrade.util."

var none = sqlexec.NoneValue()

// maxBuckets is upgrade-util's MAX_BUCKETS (environment MAX_BUCKETS,
// default 150000): above that many id-range buckets, explode_query_range
// reads the ids themselves to make buckets of exactly bucket_size rows.
var maxBuckets = func() int64 {
	if n, err := strconv.ParseInt(os.Getenv("MAX_BUCKETS"), 10, 64); err == nil {
		return n
	}
	return 150000
}()

func init() {
	odoolib.Register(util+"format_query", odoolib.Helper{Params: []string{"query"}, Required: 1,
		Varargs: true, Varkw: true, Fn: formatQuery})
	odoolib.Register(util+"explode_query_range", odoolib.Helper{
		Params: []string{"query", "table", "alias", "bucket_size", "prefix"}, Required: 2,
		Defaults: []sqlexec.Value{none, sqlexec.IntValue(10000), none}, Fn: explodeQueryRange})
	odoolib.Register(util+"explode_execute", odoolib.Helper{
		Params: []string{"query", "table", "alias", "bucket_size", "logger"}, Required: 2,
		Defaults: []sqlexec.Value{none, sqlexec.IntValue(10000), none}, Fn: explodeExecute})
	// logger is accepted and ignored, as upstream's dispatch ignores it.
	odoolib.Register(util+"parallel_execute", odoolib.Helper{Params: []string{"queries", "logger"}, Required: 1,
		Defaults: []sqlexec.Value{none}, Fn: parallelExecute})
}

// formatQuery is format_query(cr, query, *args, **kwargs): str.format on
// psycopg2's sql.SQL(query), where str arguments become sql.Identifier
// and Composables are used as they are; it returns the rendered str.
// (Upstream returns an SQLStr, a str subclass; the hosts have no such
// class, so the result is a plain str.)
func formatQuery(_ context.Context, _ odoolib.Env, a []sqlexec.Value) (sqlexec.Value, error) {
	if a[0].Kind != sqlexec.Str {
		return none, odoolib.PyErr("TypeError", "SQL values must be strings")
	}
	args := make([]sqlexec.Value, len(a[1].Items))
	for i, v := range a[1].Items {
		w, err := identifier(v)
		if err != nil {
			return none, err
		}
		args[i] = w
	}
	kw := sqlexec.Value{Kind: sqlexec.Dict, Keys: a[2].Keys, Items: make([]sqlexec.Value, len(a[2].Items))}
	for i, v := range a[2].Items {
		w, err := identifier(v)
		if err != nil {
			return none, err
		}
		kw.Items[i] = w
	}
	comp, err := sqlexec.FormatComposable(a[0].Text, args, &kw)
	if err != nil {
		return none, err
	}
	text, err := comp.AsString()
	if err != nil {
		return none, err
	}
	return sqlexec.StrValue(text), nil
}

// identifier is format_query's wrap(): a Composable as is, a str as
// sql.Identifier, anything else raises as sql.Identifier does (an Odoo
// SQL object too: it is no psycopg2 Composable).
func identifier(v sqlexec.Value) (sqlexec.Value, error) {
	switch {
	case v.Kind == sqlexec.Composed && v.Comp != nil:
		return v, nil
	case v.Kind == sqlexec.Str:
		return sqlexec.ComposableValue(sqlexec.Composable{Kind: sqlexec.CompIdentifier, Strings: []string{v.Text}}), nil
	}
	return none, odoolib.PyErr("TypeError", "SQL identifier parts must be strings")
}

// bucket is one query explode_query_range made, with the ids it covers.
type bucket struct {
	sql    string
	lo, hi int64 // the ids: lo..hi; lo > hi when unsplit (alias.id IS NOT NULL)
}

func (b bucket) label() string {
	if b.lo > b.hi {
		return "all ids"
	}
	return fmt.Sprintf("ids %d-%d", b.lo, b.hi)
}

func explodeQueryRange(ctx context.Context, env odoolib.Env, a []sqlexec.Value) (sqlexec.Value, error) {
	buckets, err := explode(ctx, env, "explode_query_range", a)
	if err != nil {
		return none, err
	}
	out := make([]sqlexec.Value, len(buckets))
	for i, b := range buckets {
		out[i] = sqlexec.StrValue(b.sql)
	}
	return sqlexec.ListValue(out...), nil
}

// explode is explode_query_range(cr, query, table, alias=None,
// bucket_size=10000, prefix=None) (semantics §11): one query per range of
// bucket_size ids between min(id) and max(id) of table, the range
// injected at {parallel_filter} (appended with WHERE or AND when the
// query has none), or a single query when the table is small.
func explode(ctx context.Context, env odoolib.Env, fname string, a []sqlexec.Value) ([]bucket, error) {
	query, err := odoolib.Str(fname, "query", a[0])
	if err != nil {
		return nil, err
	}
	if a[1].Kind != sqlexec.Str {
		return nil, odoolib.PyErr("TypeError", "SQL identifier parts must be strings")
	}
	table := a[1].Text
	alias, prefix := a[2], a[4]
	if prefix.Kind != sqlexec.None { // the deprecated spelling of alias: "t." for alias "t"
		if alias.Kind != sqlexec.None {
			return nil, odoolib.PyErr("ValueError", "Cannot use both `alias` and deprecated `prefix` arguments.")
		}
		p, err := odoolib.Str(fname, "prefix", prefix)
		if err != nil {
			return nil, err
		}
		alias = sqlexec.StrValue(strings.TrimRight(p, "."))
	}
	if !alias.Truthy() { // alias = alias or table
		alias = a[1]
	}
	aliasName, err := odoolib.Str(fname, "alias", alias)
	if err != nil {
		return nil, err
	}
	size, err := bucketSize(fname, a[3])
	if err != nil {
		return nil, err
	}
	if !strings.Contains(query, "{parallel_filter}") {
		if hasWhere(query) {
			query += " AND {parallel_filter}"
		} else {
			query += " WHERE {parallel_filter}"
		}
	}

	if err := env.Cursor.Execute(ctx, "SELECT min(id), max(id) FROM "+sqlexec.QuoteIdent(table), nil); err != nil {
		return nil, err
	}
	row, err := env.Cursor.FetchOne()
	if err != nil {
		return nil, err
	}
	if len(row) < 2 { // an aggregate always gives a row; a recording cursor (trace) may not
		return nil, odoolib.PyErr("TypeError", "cannot unpack non-iterable NoneType object")
	}
	if row[0].Kind == sqlexec.None {
		return nil, nil // an empty table: no query at all
	}
	minID, err1 := id64(row[0])
	maxID, err2 := id64(row[1])
	if err1 != nil || err2 != nil {
		return nil, odoolib.PyErr("TypeError", "%s(): %s.id must be an integer column, got %s", fname, table, sqlexec.TypeName(row[0]))
	}
	var ids []int64 // the first id of every bucket
	if count := (maxID + 1 - minID) / size; count > maxBuckets {
		// Too many buckets for the id range: take every size-th id instead,
		// so that each bucket holds exactly size rows.
		p := sqlexec.TupleValue(sqlexec.IntValue(size))
		if err := env.Cursor.Execute(ctx, `
                WITH t AS (
                    SELECT id,
                           mod(row_number() OVER(ORDER BY id) - 1, %s) AS g
                      FROM `+sqlexec.QuoteIdent(table)+`
                     ORDER BY id
                ) SELECT array_agg(id ORDER BY id) FILTER (WHERE g=0),
                         min(id),
                         max(id)
                    FROM t
                `, &p); err != nil {
			return nil, err
		}
		row, err := env.Cursor.FetchOne()
		if err != nil {
			return nil, err
		}
		if len(row) < 3 {
			return nil, odoolib.PyErr("TypeError", "cannot unpack non-iterable NoneType object")
		}
		for _, v := range row[0].Items {
			id, err := id64(v)
			if err != nil {
				return nil, err
			}
			ids = append(ids, id)
		}
		if minID, err = id64(row[1]); err == nil {
			maxID, err = id64(row[2])
		}
		if err != nil || len(ids) == 0 {
			return nil, odoolib.PyErr("AssertionError", "%s: %s changed while it was read", fname, table)
		}
	} else {
		for id := minID; id <= maxID; id += size {
			ids = append(ids, id)
		}
	}
	ids = append(ids, maxID+1) // the last bucket ends at max(id)

	span := float64(maxID - minID + 1)
	if span <= 1.1*float64(size) || len(ids) == 3 && float64(ids[2]-ids[1]) <= 0.1*float64(size) {
		// One query, so that parallel_execute runs it on the script's
		// cursor; the filter still names alias.id, so that a query that
		// only works unsplit fails here too, as upstream intends.
		q, err := explodeFormat(query, aliasName+".id IS NOT NULL")
		if err != nil {
			return nil, err
		}
		return []bucket{{sql: q, lo: 1, hi: 0}}, nil
	}
	q, err := explodeFormat(strings.ReplaceAll(query, "%", "%%"), aliasName+".id BETWEEN %(lower-bound)s AND %(upper-bound)s")
	if err != nil {
		return nil, err
	}
	out := make([]bucket, len(ids)-1)
	for i := range out {
		lo, hi := ids[i], ids[i+1]-1
		p := sqlexec.DictValue(map[string]sqlexec.Value{"lower-bound": sqlexec.IntValue(lo), "upper-bound": sqlexec.IntValue(hi)})
		s, err := sqlexec.Mogrify(q, &p)
		if err != nil {
			return nil, err
		}
		out[i] = bucket{sql: s, lo: lo, hi: hi}
	}
	return out, nil
}

// bucketSize checks bucket_size: a positive int (upstream divides by it
// and steps range() with it, failing obscurely otherwise).
func bucketSize(fname string, v sqlexec.Value) (int64, error) {
	if v.Kind != sqlexec.Int || v.Int == nil {
		return 0, odoolib.PyErr("TypeError", "%s(): bucket_size must be int, not %s", fname, sqlexec.TypeName(v))
	}
	if !v.Int.IsInt64() || v.Int.Sign() <= 0 {
		return 0, odoolib.PyErr("ValueError", "%s(): bucket_size must be a positive integer, got %s", fname, v.Int)
	}
	return v.Int.Int64(), nil
}

func id64(v sqlexec.Value) (int64, error) {
	if v.Kind != sqlexec.Int || v.Int == nil || !v.Int.IsInt64() {
		return 0, fmt.Errorf("not an int64: %s", sqlexec.Repr(v))
	}
	return v.Int.Int64(), nil
}

// hasWhere is upstream's re.search(r"\sWHERE\s", query, re.M | re.I):
// WHERE with white space on both sides, anywhere in the query.
func hasWhere(q string) bool {
	rs := []rune(q)
	for i := 1; i+5 < len(rs); i++ {
		if pySpace(rs[i-1]) && strings.EqualFold(string(rs[i:i+5]), "where") && pySpace(rs[i+5]) {
			return true
		}
	}
	return false
}

// pySpace is what \s matches in a Python str pattern: str.isspace(),
// which also counts the separators U+001C to U+001F.
func pySpace(r rune) bool { return unicode.IsSpace(r) || r >= 0x1c && r <= 0x1f }

// explodeFormat is upstream's _ExplodeFormatter().format(query,
// parallel_filter=filter): str.format that replaces only
// {parallel_filter} fields and keeps every other field as written, while
// "{{" and "}}" become single braces as with str.format.
func explodeFormat(query, filter string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(query); {
		c := query[i]
		switch {
		case c == '{' && i+1 < len(query) && query[i+1] == '{':
			b.WriteByte('{')
			i += 2
		case c == '}' && i+1 < len(query) && query[i+1] == '}':
			b.WriteByte('}')
			i += 2
		case c == '}':
			return "", odoolib.PyErr("ValueError", "Single '}' encountered in format string")
		case c == '{':
			if i+1 >= len(query) {
				return "", odoolib.PyErr("ValueError", "Single '{' encountered in format string")
			}
			depth, j := 1, i+1 // the field ends at the '}' that balances this '{'
			for ; j < len(query); j++ {
				if query[j] == '{' {
					depth++
				} else if query[j] == '}' {
					if depth--; depth == 0 {
						break
					}
				}
			}
			if j >= len(query) {
				return "", odoolib.PyErr("ValueError", "expected '}' before end of string")
			}
			field := query[i+1 : j]
			name, conv, spec := splitField(field)
			if name != "parallel_filter" {
				b.WriteString("{" + field + "}")
				i = j + 1
				continue
			}
			v := filter
			switch conv {
			case "", "s":
			case "r", "a":
				v = pyliteral.StrRepr(v)
			default:
				return "", odoolib.PyErr("ValueError", "Unknown conversion specifier %s", conv)
			}
			if spec != "" {
				return "", odoolib.PyErr("ValueError", "migrate-runner: a format spec on {parallel_filter} (%q) is not supported", spec)
			}
			b.WriteString(v)
			i = j + 1
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String(), nil
}

// splitField splits a replacement field "name!conv:spec" as
// string.Formatter.parse does.
func splitField(f string) (name, conv, spec string) {
	i, bracket := 0, false
	for ; i < len(f); i++ {
		if f[i] == '[' {
			bracket = true
		} else if f[i] == ']' {
			bracket = false
		} else if !bracket && (f[i] == '!' || f[i] == ':') {
			break
		}
	}
	name, rest := f[:i], f[i:]
	if strings.HasPrefix(rest, "!") && len(rest) >= 2 {
		conv, rest = rest[1:2], rest[2:]
	}
	if strings.HasPrefix(rest, ":") {
		spec = rest[1:]
	}
	return name, conv, spec
}

func explodeExecute(ctx context.Context, env odoolib.Env, a []sqlexec.Value) (sqlexec.Value, error) {
	// explode_execute has no prefix; its fifth parameter is the logger.
	buckets, err := explode(ctx, env, "explode_execute", []sqlexec.Value{a[0], a[1], a[2], a[3], none})
	if err != nil {
		return none, err
	}
	qs := make([]query, len(buckets))
	for i, b := range buckets {
		qs[i] = query{text: b.sql, label: b.label()}
	}
	return execute(ctx, env, "explode_execute", qs)
}

func parallelExecute(ctx context.Context, env odoolib.Env, a []sqlexec.Value) (sqlexec.Value, error) {
	list := a[0]
	switch list.Kind {
	case sqlexec.None:
		return none, nil // `if not queries: return None`
	case sqlexec.List, sqlexec.Tuple:
	default:
		return none, odoolib.PyErr("TypeError", "parallel_execute(): queries must be a list of queries, not %s", sqlexec.TypeName(list))
	}
	qs := make([]query, len(list.Items))
	for i, v := range list.Items {
		text, params, err := sqlexec.ResolveQuery(v, nil, true)
		if err != nil {
			return none, err
		}
		qs[i] = query{text: text, params: params, label: "query " + strconv.Itoa(i+1)}
	}
	return execute(ctx, env, "parallel_execute", qs)
}
