package parallel

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/migrate-runner/migrate-runner/sqlexec"
)

var update = flag.Bool("update", false, "rewrite the golden files")

const explodeSchema = `
CREATE TABLE empty_t (id serial PRIMARY KEY, v int, s text);
CREATE TABLE small_t (id serial PRIMARY KEY, v int, s text);
INSERT INTO small_t (v) SELECT g FROM generate_series(1, 100) g;
CREATE TABLE big_t (id serial PRIMARY KEY, v int, s text);
INSERT INTO big_t (v) SELECT g FROM generate_series(1, 25000) g;
CREATE TABLE sparse1 (id int PRIMARY KEY);
INSERT INTO sparse1 VALUES (1), (2), (3), (200000), (200001);
CREATE TABLE sparse2 (id int PRIMARY KEY);
INSERT INTO sparse2 VALUES (1), (2), (3), (4), (5), (400000);
CREATE TABLE tiny_tail (id int PRIMARY KEY);
INSERT INTO tiny_tail SELECT g FROM generate_series(1, 20) g;
INSERT INTO tiny_tail VALUES (4000000);
CREATE TABLE "Odd ""T""" (id int);
INSERT INTO "Odd ""T""" SELECT g FROM generate_series(1, 30) g;
CREATE TABLE text_t (id text);
INSERT INTO text_t VALUES ('a');
`

// explode_query_range against real tables: each case's queries (or its
// error) and the last statement it sent are in testdata/explode.golden.
// The expectations follow upgrade-util's src/util/pg.py (semantics §11);
// the golden file was checked by hand against them.
func TestExplodeQueryRangeGolden(t *testing.T) {
	e := newTestEnv(t, explodeSchema)
	cases := []struct {
		name   string
		args   []sqlexec.Value
		kwargs map[string]sqlexec.Value
	}{
		{"empty table: no query", []sqlexec.Value{s("UPDATE empty_t SET v = 1"), s("empty_t")}, nil},
		{"small range: one query, WHERE appended", []sqlexec.Value{s("UPDATE small_t SET v = 1"), s("small_t")}, nil},
		{"small range: AND appended to a WHERE", []sqlexec.Value{s("UPDATE small_t SET v = 1\n WHERE v IS NULL"), s("small_t")}, nil},
		{"small range: % kept as written", []sqlexec.Value{s("UPDATE small_t SET s = 'a%' WHERE s LIKE 'b%%'"), s("small_t")}, nil},
		{"small range with alias", []sqlexec.Value{s("UPDATE small_t x SET v = 1 WHERE {parallel_filter} AND x.v > 5"), s("small_t")},
			map[string]sqlexec.Value{"alias": s("x")}},
		{"big range: three buckets", []sqlexec.Value{s("UPDATE big_t SET v = v + 1"), s("big_t")}, nil},
		{"big range: % escaped then restored by mogrify", []sqlexec.Value{s("UPDATE big_t SET s = 'x%' WHERE s NOT LIKE '%%y'"), s("big_t")},
			map[string]sqlexec.Value{"bucket_size": i(20000)}},
		{"big range: {parallel_filter} in place, with alias", []sqlexec.Value{
			s("UPDATE big_t b SET v = s.v FROM small_t s WHERE {parallel_filter} AND s.id = b.id"), s("big_t"), s("b"), i(12500)}, nil},
		{"big range: other fields kept, doubled braces halved", []sqlexec.Value{
			s("UPDATE big_t SET s = '{{a}}' || '{x}' || '{0!r:>3}' WHERE {parallel_filter}"), s("big_t")},
			map[string]sqlexec.Value{"bucket_size": i(20000)}},
		{"WHERE needs white space on both sides", []sqlexec.Value{s("SELECT 1 FROM big_t\tWHERE\tv > 0"), s("big_t")},
			map[string]sqlexec.Value{"bucket_size": i(20000)}},
		{"WHERE( is no WHERE", []sqlexec.Value{s("SELECT 1 FROM big_t WHERE(v > 0)"), s("big_t")},
			map[string]sqlexec.Value{"bucket_size": i(20000)}},
		{"where in lower case", []sqlexec.Value{s("select 1 from big_t\nwhere v > 0"), s("big_t")},
			map[string]sqlexec.Value{"bucket_size": i(20000)}},
		{"deprecated prefix", []sqlexec.Value{s("UPDATE big_t b SET v = 2"), s("big_t")},
			map[string]sqlexec.Value{"prefix": s("b."), "bucket_size": i(20000)}},
		{"table quoted, alias as given", []sqlexec.Value{s(`UPDATE "Odd ""T""" SET id = id`), s(`Odd "T"`)},
			map[string]sqlexec.Value{"bucket_size": i(10)}},
		{"id ranges on a sparse table", []sqlexec.Value{s("DELETE FROM sparse1"), s("sparse1")},
			map[string]sqlexec.Value{"bucket_size": i(100000)}},
		{"precise bucketing above MAX_BUCKETS: every id", []sqlexec.Value{s("DELETE FROM sparse1"), s("sparse1")},
			map[string]sqlexec.Value{"bucket_size": i(1)}},
		{"precise bucketing: two ids a bucket", []sqlexec.Value{s("DELETE FROM sparse2"), s("sparse2")},
			map[string]sqlexec.Value{"bucket_size": i(2)}},
		{"precise bucketing: a tiny last bucket joins, one query", []sqlexec.Value{s("DELETE FROM tiny_tail"), s("tiny_tail")},
			map[string]sqlexec.Value{"bucket_size": i(20)}},
		{"error: bucket_size 0", []sqlexec.Value{s("UPDATE big_t SET v = 1"), s("big_t")}, map[string]sqlexec.Value{"bucket_size": i(0)}},
		{"error: bucket_size str", []sqlexec.Value{s("UPDATE big_t SET v = 1"), s("big_t")}, map[string]sqlexec.Value{"bucket_size": s("10")}},
		{"error: alias and prefix", []sqlexec.Value{s("UPDATE big_t SET v = 1"), s("big_t")},
			map[string]sqlexec.Value{"alias": s("b"), "prefix": s("b.")}},
		{"error: query not str", []sqlexec.Value{i(1), s("big_t")}, nil},
		{"error: table not str", []sqlexec.Value{s("UPDATE big_t SET v = 1"), i(1)}, nil},
		{"error: no such table", []sqlexec.Value{s("UPDATE nope SET v = 1"), s("nope")}, nil},
		{"error: missing table argument", []sqlexec.Value{s("UPDATE big_t SET v = 1")}, nil},
	}
	var b strings.Builder
	for _, c := range cases {
		fmt.Fprintf(&b, "## %s\n", c.name)
		sp, err := e.Cursor.Savepoint(t.Context()) // a failed query must not abort the next cases
		if err != nil {
			t.Fatal(err)
		}
		e.Cursor.Query = ""
		v, err := e.call(t, "explode_query_range", c.args, c.kwargs)
		switch {
		case err != nil:
			fmt.Fprintf(&b, "raises %s\n", strings.TrimSpace(err.Error()))
			if err := e.Cursor.RollbackTo(t.Context(), sp); err != nil {
				t.Fatal(err)
			}
		default:
			if e.Cursor.Query != "" {
				fmt.Fprintf(&b, "sent: %s\n", strings.TrimSpace(e.Cursor.Query))
			}
			fmt.Fprintf(&b, "%d queries\n", len(v.Items))
			for _, q := range v.Items {
				fmt.Fprintf(&b, "  %s\n", strings.ReplaceAll(q.Text, "\n", "\n  "))
			}
			if err := e.Cursor.Release(t.Context(), sp); err != nil {
				t.Fatal(err)
			}
		}
	}
	if len(e.commits) > 0 {
		t.Errorf("explode_query_range committed: %v", e.commits)
	}
	golden(t, "explode.golden", b.String())
}

// Every query explode_query_range makes runs, and together they touch
// each row exactly once: the buckets cover the table without overlap.
func TestExplodeBucketsCoverTheTable(t *testing.T) {
	e := newTestEnv(t, explodeSchema+"ALTER TABLE big_t ADD hits int DEFAULT 0; ALTER TABLE sparse1 ADD hits int DEFAULT 0;")
	for _, c := range []struct {
		table string
		size  int64
		want  string
	}{
		{"big_t", 10000, "25000 1 1"},
		{"big_t", 7, "25000 1 1"},
		{"big_t", 30000, "25000 1 1"},
		{"sparse1", 1, "5 1 1"},
		{"sparse1", 100000, "5 1 1"},
	} {
		e.inTx(t, "UPDATE "+c.table+" SET hits = 0")
		v, err := e.call(t, "explode_query_range", []sqlexec.Value{s("UPDATE " + c.table + " SET hits = hits + 1"), s(c.table), sqlexec.NoneValue(), i(c.size)}, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range v.Items {
			e.inTx(t, q.Text)
		}
		if got := e.inTx(t, "SELECT count(*), min(hits), max(hits) FROM "+c.table); got != c.want {
			t.Errorf("%s by %d (%d queries): count, min and max hits %s, want %s", c.table, c.size, len(v.Items), got, c.want)
		}
	}
}

// format_query: str arguments are identifiers, Composables pass through,
// and the result is the rendered str.
func TestFormatQuery(t *testing.T) {
	e := newTestEnv(t, "")
	ident := func(parts ...string) sqlexec.Value {
		return sqlexec.ComposableValue(sqlexec.Composable{Kind: sqlexec.CompIdentifier, Strings: parts})
	}
	lit := sqlexec.ComposableValue(sqlexec.Composable{Kind: sqlexec.CompLiteral, Literal: s("it's")})
	raw := sqlexec.ComposableValue(sqlexec.Composable{Kind: sqlexec.CompSQL, Text: "count(*)"})
	odooSQL := sqlexec.Value{Kind: sqlexec.SQLObject, SQL: &sqlexec.OdooSQL{Code: "x"}}
	cases := []struct {
		args   []sqlexec.Value
		kwargs map[string]sqlexec.Value
		want   string
	}{
		{[]sqlexec.Value{s("SELECT {0} FROM {table}"), s("id")}, map[string]sqlexec.Value{"table": s("res_users")}, `'SELECT "id" FROM "res_users"'`},
		{[]sqlexec.Value{s("SELECT {} FROM {}"), s(`we"ird`), s("a b")}, nil, `'SELECT "we""ird" FROM "a b"'`},
		{[]sqlexec.Value{s("SELECT {}, {} FROM {t} WHERE name = {}"), raw, ident("t", "id"), lit}, map[string]sqlexec.Value{"t": s("t")},
			`'SELECT count(*), "t"."id" FROM "t" WHERE name = \'it\'\'s\''`},
		{[]sqlexec.Value{s("SELECT 1 WHERE 'a' LIKE '50%'")}, nil, `"SELECT 1 WHERE 'a' LIKE '50%'"`},
		{[]sqlexec.Value{s("{{literal}} {}"), s("x")}, nil, `'{literal} "x"'`},
		{[]sqlexec.Value{s("SELECT {}"), i(1)}, nil, "!TypeError: SQL identifier parts must be strings"},
		{[]sqlexec.Value{s("SELECT {}"), sqlexec.NoneValue()}, nil, "!TypeError: SQL identifier parts must be strings"},
		{[]sqlexec.Value{s("SELECT {}"), odooSQL}, nil, "!TypeError: SQL identifier parts must be strings"},
		{[]sqlexec.Value{raw}, nil, "!TypeError: SQL values must be strings"},
		{[]sqlexec.Value{s("SELECT {} {}"), s("a")}, nil, "!IndexError: tuple index out of range"},
		{[]sqlexec.Value{s("SELECT {x}")}, nil, "!KeyError: 'x'"},
		{[]sqlexec.Value{s("SELECT {x:>3}")}, map[string]sqlexec.Value{"x": s("a")}, "!ValueError: no format specification supported by SQL"},
		{nil, nil, "!TypeError: format_query() missing 1 required positional argument: 'query'"},
	}
	for _, c := range cases {
		v, err := e.call(t, "format_query", c.args, c.kwargs)
		got := ""
		if err != nil {
			got = "!" + err.Error()
		} else {
			got = sqlexec.Repr(v)
		}
		if got != c.want {
			t.Errorf("format_query%v %v:\n got %s\nwant %s", c.args, c.kwargs, got, c.want)
		}
	}
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs (run with -update after checking):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}
