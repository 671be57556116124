package pyhost

import (
	"context"
	"strings"
	"testing"

	"github.com/migrate-runner/migrate-runner/sqlexec"
)

// The SQL shims (psycopg2.sql, odoo.tools.SQL, odoo.tools.sql's helpers,
// execute_values, Json and AsIs) must behave the same in both hosts: each
// script below runs through the embedded host and through CPython's
// harness, each on a fresh database, and both must print what the case
// wants and leave the same schema and rows behind. Scripts avoid what
// gpython lacks (f-strings, %, str.format, bool()).

// sqlShimHeader is prepended to every script: the imports Odoo scripts
// use, and a composition at import time (before migrate runs).
const sqlShimHeader = `import psycopg2
import psycopg2.errors
from psycopg2 import sql
from psycopg2.extras import execute_values, Json
from psycopg2.extensions import AsIs
from odoo.tools import SQL
from odoo.tools import sql as tools_sql
import odoo.tools.sql

AT_IMPORT = sql.SQL("SELECT {} FROM {}").format(sql.Identifier("a"), sql.Identifier("s", "t"))

def caught(fn):
    try:
        fn()
    except psycopg2.errors.UndefinedColumn:
        return "UndefinedColumn"
    except psycopg2.errors.UndefinedTable:
        return "UndefinedTable"
    except psycopg2.ProgrammingError:
        return "ProgrammingError"
    except psycopg2.Error:
        return "psycopg2.Error"
    except KeyError:
        return "KeyError"
    except IndexError:
        return "IndexError"
    except ValueError as e:
        return "ValueError: " + str(e)
    except TypeError as e:
        return "TypeError: " + str(e)
    except AssertionError as e:
        return "AssertionError: " + str(e)
    except AttributeError as e:
        return "AttributeError: " + str(e)
    except Exception:
        return "Exception"
    return "no error"

`

type sqlShimCase struct {
	name  string
	major int
	body  string // migrate()'s body
	want  string // its output
}

var sqlShimCases = []sqlShimCase{
	{name: "format executed and as_string", body: `
print(AT_IMPORT.as_string(cr))
cr.execute("CREATE TABLE t (a int, b text)")
cr.execute("INSERT INTO t VALUES (1, 'x'), (2, 'y')")
q = sql.SQL("SELECT {} FROM {} ORDER BY {}").format(sql.Identifier("a"), sql.Identifier("t"), sql.SQL("1"))
print(q.as_string(cr))
print(repr(q))
cr.execute(q)
print(cr.rowcount, cr.fetchall()[1][0])
print(cr.mogrify(q))
q = sql.SQL("UPDATE {t} SET {col} = {v} WHERE a = {0}").format(sql.Literal(2), t=sql.Identifier("t"), col=sql.Identifier("b"), v=sql.Literal("it's"))
cr.execute(q)
cr.execute("SELECT b FROM t WHERE a = 2")
print(cr.fetchone()[0], cr.query)
print(sql.SQL("{{}} {}").format(sql.SQL("x")).as_string(cr))
print(sql.NULL.as_string(cr), sql.DEFAULT.string)
`, want: `SELECT "a" FROM "s"."t"
SELECT "a" FROM "t" ORDER BY 1
Composed([SQL('SELECT '), Identifier('a'), SQL(' FROM '), Identifier('t'), SQL(' ORDER BY '), SQL('1')])
2 2
b'SELECT "a" FROM "t" ORDER BY 1'
it's b'SELECT b FROM t WHERE a = 2'
{} x
NULL DEFAULT
`},
	{name: "Literal", body: `
for v in (1, -1, "it's", None, 1.5, 2.0, True, [1, 2], (1, "a"), 2 ** 70):
    lit = sql.Literal(v)
    print(lit.as_string(cr), repr(lit), lit.wrapped == v)
print(cr.mogrify(sql.SQL("SELECT {}, %s").format(sql.Literal("x")), (2.0,)))
cr.execute(sql.SQL("SELECT {} + 1").format(sql.Literal(41)))
print(cr.fetchone()[0])
print(sql.Literal(1) == sql.Literal(1), sql.Literal(1) == sql.Literal(2), sql.Literal(1) != sql.Literal(1))
print(caught(lambda: sql.Literal(object()).as_string(cr)))
`, want: `1 Literal(1) True
 -1 Literal(-1) True
'it''s' Literal("it's") True
NULL Literal(None) True
1.5 Literal(1.5) True
2.0 Literal(2.0) True
true Literal(True) True
ARRAY[1,2] Literal([1, 2]) True
(1, 'a') Literal((1, 'a')) True
1180591620717411303424 Literal(1180591620717411303424) True
b"SELECT 'x', 2.0"
42
True False False
ProgrammingError
`},
	{name: "Placeholder with named params", body: `
cr.execute("CREATE TABLE p (id int, name text)")
q = sql.SQL("INSERT INTO p (id, name) VALUES ({id}, {name})").format(id=sql.Placeholder("id"), name=sql.Placeholder("name"))
print(q.as_string(cr))
cr.execute(q, {"id": 1, "name": "n"})
print(cr.rowcount, cr.mogrify(q, {"id": 2, "name": "it's"}))
q = sql.SQL("INSERT INTO p VALUES ({})").format(sql.SQL(", ").join(sql.Placeholder() * 2))
cr.execute(q, (2, "two"))
print(q.as_string(cr))
print(repr(sql.Placeholder()), repr(sql.Placeholder("x")), sql.Placeholder("x").name, sql.Placeholder().name)
print(sql.Placeholder("x") == sql.Placeholder("x"), sql.Placeholder() == sql.Placeholder("x"))
print(caught(lambda: sql.Placeholder("a)")))
print(caught(lambda: sql.Placeholder(1)))
`, want: `INSERT INTO p (id, name) VALUES (%(id)s, %(name)s)
1 b"INSERT INTO p (id, name) VALUES (2, 'it''s')"
INSERT INTO p VALUES (%s, %s)
Placeholder() Placeholder('x') x None
True False
ValueError: invalid name: 'a)'
TypeError: expected string or None as name, got 1
`},
	{name: "join, add, mul, equality", body: `
cols = sql.SQL(", ").join([sql.Identifier("a"), sql.Identifier("b")])
print(cols.as_string(cr), repr(cols))
gen = sql.SQL(" AND ").join(sql.Identifier(n) + sql.SQL(" IS NULL") for n in ["x", "y"])
print(gen.as_string(cr))
print(sql.Composed([sql.SQL("a"), sql.SQL("b")]).join("-").as_string(cr))
print(sql.Composed([sql.SQL("a"), sql.SQL("b")]).join(sql.SQL("+")).as_string(cr))
c = sql.SQL("a") + sql.Identifier("b")
print(repr(c))
print(repr(c + sql.Literal(1)), repr(sql.SQL("x") + c), repr(c + c))
print(repr(sql.Identifier("i") * 2), repr(sql.SQL("s") * 0))
print(c == sql.Composed([sql.SQL("a"), sql.Identifier("b")]), c == sql.SQL("a"), sql.SQL("a") == sql.Identifier("a"))
print(sql.SQL("a") != sql.SQL("b"), sql.Identifier("a", "b") == sql.Identifier("a", "b"))
print(len(c.seq), repr(c.seq[1]))
for part in c:
    print(repr(part))
print(sql.Identifier("s", "t").as_string(cr), sql.Identifier('we"ird').as_string(cr), sql.Identifier("x").string)
print(sql.Identifier("s", "t").strings[1], sql.SQL("q").string)
print(caught(lambda: sql.Identifier("a", "b").string))
print(caught(lambda: sql.SQL("a") + "b"))
print(caught(lambda: sql.Composed([sql.SQL("a"), 1])))
print(caught(lambda: sql.SQL(", ").join([sql.SQL("a"), "b"])))
print(caught(lambda: sql.Composed([sql.SQL("a")]).join(1)))
`, want: `"a", "b" Composed([Identifier('a'), SQL(', '), Identifier('b')])
"x" IS NULL AND "y" IS NULL
a-b
a+b
Composed([SQL('a'), Identifier('b')])
Composed([SQL('a'), Identifier('b'), Literal(1)]) Composed([SQL('x'), SQL('a'), Identifier('b')]) Composed([SQL('a'), Identifier('b'), SQL('a'), Identifier('b')])
Composed([Identifier('i'), Identifier('i')]) Composed([])
True False False
True True
2 Identifier('b')
SQL('a')
Identifier('b')
"s"."t" "we""ird" x
t q
AttributeError: the Identifier wraps more than one than one string
TypeError: unsupported operand type(s) for +: 'SQL' and 'str'
TypeError: Composed elements must be Composable, got 1 instead
TypeError: Composed elements must be Composable, got 'b' instead
TypeError: Composed.join() argument must be a string or an SQL
`},
	{name: "format and constructor errors", body: `
print(caught(lambda: sql.SQL(1)))
print(caught(lambda: sql.Identifier()))
print(caught(lambda: sql.Identifier("a", 1)))
print(caught(lambda: sql.SQL("{}").format(42)))
print(caught(lambda: sql.SQL("{:x}").format(sql.SQL("a"))))
print(caught(lambda: sql.SQL("{!r}").format(sql.SQL("a"))))
print(caught(lambda: sql.SQL("{0}{}").format(sql.SQL("a"), sql.SQL("b"))))
print(caught(lambda: sql.SQL("{}{}").format(sql.SQL("a"))))
print(caught(lambda: sql.SQL("{k}").format(sql.SQL("a"))))
print(caught(lambda: sql.SQL("{").format()))
print(caught(lambda: cr.execute(42)))
print(caught(lambda: cr.execute("SELECT %s", (sql.Identifier("a"),))))
`, want: `TypeError: SQL values must be strings
TypeError: Identifier cannot be empty
TypeError: SQL identifier parts must be strings
TypeError: Composed elements must be Composable, got 42 instead
ValueError: no format specification supported by SQL
ValueError: no format conversion supported by SQL
ValueError: cannot switch from manual field numbering to automatic
IndexError
KeyError
ValueError: Single '{' encountered in format string
TypeError: argument 1 must be a string or unicode object: got int instead
ProgrammingError
`},
	{name: "odoo SQL", major: 17, body: `
cr.execute("CREATE TABLE t (id int, x int)")
cr.execute("INSERT INTO t VALUES (1, 0), (2, 0)")
cr.execute(SQL("UPDATE %s SET x = %s WHERE id = %s", SQL.identifier("t"), 1, 1))
print(cr.rowcount, cr.query)
q = SQL("SELECT %s FROM %s WHERE %s", SQL(", ").join([SQL.identifier("t", "id"), SQL.identifier("x")]), SQL.identifier("t"), SQL("id = %s", 1))
print(repr(q))
print(q.code, q.params)
print(cr.mogrify(q))
cr.execute(q)
row = cr.fetchone()
print(row[0], row[1])
cr.execute(SQL("SELECT %(a)s + %(b)s", a=1, b=2))
print(cr.fetchone()[0])
cr.execute(SQL("SELECT 'a%%'"))
print(cr.fetchone()[0])
code, params = SQL("x = %s", "it's")
print(code, params, repr(SQL("x = %s", "it's")))
print(SQL(SQL("a")) == SQL("a"), SQL("a", ) != SQL("b"), SQL("x = %s", 1) == SQL("x = %s", 2))
print(not SQL(), not SQL("x"), SQL("x", to_flush="f").code, SQL(code="c").code, SQL("y").to_flush)
print(repr(SQL(" AND ").join([SQL("a = %s", 1), SQL("b = %s", 2)])), repr(SQL(", ").join([])), repr(SQL(", ").join([1, 2])))
print(repr(SQL.identifier("a")), SQL.identifier("a", "b").code)
print(caught(lambda: SQL(1)))
print(caught(lambda: SQL("%s")))
print(caught(lambda: SQL("%s %s", 1)))
print(caught(lambda: SQL(SQL("a"), 1)))
print(caught(lambda: SQL.identifier("bad name")))
print(caught(lambda: cr.execute(SQL("SELECT 1"), (1,))))
print(caught(lambda: cr.executemany(SQL("SELECT 1"), [(1,)])))
`, want: `1 b'UPDATE "t" SET x = 1 WHERE id = 1'
SQL('SELECT "t"."id", "x" FROM "t" WHERE id = %s', 1)
SELECT "t"."id", "x" FROM "t" WHERE id = %s [1]
b'SELECT "t"."id", "x" FROM "t" WHERE id = 1'
1 1
3
a%%
x = %s ["it's"] SQL('x = %s', "it's")
True True False
True False x c ()
SQL('a = %s AND b = %s', 1, 2) SQL('') SQL('%s, %s', 1, 2)
SQL('"a"') "a"."b"
TypeError: SQL() code must be a str, got 1
TypeError: not enough arguments for format string
TypeError: not enough arguments for format string
TypeError: SQL() unexpected arguments when code has type SQL
AssertionError: 'bad name' invalid for SQL.identifier()
AssertionError: Unexpected parameters for SQL query object
TypeError: argument 1 must be a string or unicode object: got SQL instead
`},
	{name: "odoo.tools.sql helpers", major: 17, body: `
cr.execute("CREATE TABLE res_partner (id int)")
cr.execute("CREATE VIEW v AS SELECT 1 AS x")
print(tools_sql.table_exists(cr, "res_partner"), tools_sql.table_exists(cr, "nope"))
print(tools_sql.column_exists(cr, "res_partner", "active"), cr.rowcount)
tools_sql.create_column(cr, "res_partner", "active", "boolean")
print(tools_sql.column_exists(cr, "res_partner", "active"))
tools_sql.rename_column(cr, "res_partner", "active", "is_active")
print(tools_sql.column_exists(cr, "res_partner", "active"), odoo.tools.sql.column_exists(cr, "res_partner", "is_active"))
tools_sql.create_column(cr, "res_partner", "name", "varchar", comment="it's")
print(tools_sql.table_kind(cr, "res_partner") is tools_sql.TableKind.Regular, tools_sql.table_kind(cr, "nope"))
print(repr(tools_sql.table_kind(cr, "v")), tools_sql.TableKind.View.value, tools_sql.TableKind("m").name)
print(tools_sql.TableKind.Regular == tools_sql.TableKind.Regular, tools_sql.TableKind.Regular != tools_sql.TableKind.View)
print(tools_sql.existing_tables(cr, {"res_partner", "nope"}), tools_sql.existing_tables(cr, (t for t in ["v"])))
print(tools_sql.escape_psql("a_b%"), tools_sql.pg_varchar(10), tools_sql.pg_varchar(), tools_sql.reverse_order("id desc, name"))
tools_sql.set_not_null(cr, "res_partner", "id")
tools_sql.create_index(cr, "res_partner_name_idx", "res_partner", ["name"])
print(tools_sql.index_exists(cr, "res_partner_name_idx"))
print(caught(lambda: tools_sql.table_exists(cr)))
print(caught(lambda: tools_sql.table_exists()))
print(caught(lambda: tools_sql.table_exists(cr, "a", "b")))
print(caught(lambda: tools_sql.pg_varchar("x")))
print(caught(lambda: tools_sql.reverse_order("")))
print(caught(lambda: tools_sql.TableKind("p")))
def rename_missing():
    with cr.savepoint():
        tools_sql.rename_column(cr, "res_partner", "nope", "x")
print(caught(rename_missing))
def not_null_missing():
    tools_sql.set_not_null(cr, "nope", "x")
print(caught(not_null_missing))
cr.execute("SELECT 1")
print(cr.fetchone()[0])
`, want: `True False
0 0
1
0 1
True None
<TableKind.View: 'v'> v Materialized
True True
['res_partner'] ['v']
a\_b\% VARCHAR(10) VARCHAR id asc, name desc
1
TypeError: table_exists() missing 1 required positional argument: 'tablename'
TypeError: table_exists() missing 1 required positional argument: 'cr'
TypeError: table_exists() takes 1 positional arguments but 2 were given
ValueError: VARCHAR parameter should be an int, got <class 'str'>
IndexError
ValueError: 'p' is not a valid TableKind
UndefinedColumn
Exception
1
`},
	{name: "table_kind up to 16.0", major: 16, body: `
cr.execute("CREATE TABLE t (id int)")
print(tools_sql.table_kind(cr, "t"), tools_sql.table_kind(cr, "nope"))
`, want: `r None
`},
	{name: "execute_values", body: `
cr.execute("CREATE TABLE ev (id int, name text)")
execute_values(cr, "INSERT INTO ev (id, name) VALUES %s", [(i, "n" + str(i)) for i in range(250)], page_size=100)
print(cr.rowcount)
rows = cr.execute_values("UPDATE ev SET name = v.name FROM (VALUES %s) AS v(id, name) WHERE ev.id = v.id RETURNING ev.id",
                         [{"id": 1, "name": "one"}, {"id": 2, "name": "100%"}], template="(%(id)s, %(name)s)", fetch=True)
print(sorted(r[0] for r in rows))
print(execute_values(cr, sql.SQL("INSERT INTO {} VALUES %s").format(sql.Identifier("ev")), [(300, "x")], template=sql.SQL("({}, %s)").format(sql.Placeholder())))
print(cr.rowcount)
print(caught(lambda: execute_values(cr, "INSERT INTO ev VALUES (%s, %s)", [(1, 2)])))
cr.executemany(sql.SQL("INSERT INTO {} (id) VALUES (%s)").format(sql.Identifier("ev")), [(400,), (401,)])
cr.execute("SELECT count(*), max(id) FROM ev")
row = cr.fetchone()
print(row[0], row[1])
`, want: `50
[1, 2]
None
1
ValueError: the query contains more than one '%s' placeholder
253 401
`},
	{name: "Json and AsIs", body: `
cr.execute("CREATE TABLE j (d jsonb, n int)")
cr.execute("INSERT INTO j VALUES (%s, %s)", (Json({"a": [1, 2.5, None, True, "\u00e9\n"]}), AsIs("1 + 1")))
print(cr.mogrify("SELECT %s, %s", (Json([1, "x", 2.0]), AsIs("now()"))))
print(cr.mogrify(sql.SQL("SELECT {}").format(sql.Literal(Json({"k": "v"})))))
print(AsIs("x").getquoted(), AsIs(12).adapted, Json([1]).dumps([2]), Json([1]).adapted[0])
print(cr.mogrify("SELECT %s", (Json("x", dumps=lambda o: "[\"custom\"]"),)))
cr.execute("SELECT n, d->'a'->>4 FROM j")
row = cr.fetchone()
print(row[0], row[1] == "\u00e9\n")
print(caught(lambda: cr.mogrify("SELECT %s", (Json(object()),))))
print(cr.mogrify("SELECT %s, %s, %s", (2.0, 1e16, -0.5)))
`, want: `b'SELECT \'[1, "x", 2.0]\', now()'
b'SELECT \'{"k": "v"}\''
b'x' 12 [2] 1
b'SELECT \'["custom"]\''
2 True
TypeError: Object of type object is not JSON serializable
b'SELECT 2.0, 1e+16,  -0.5'
`},
}

// shimHosts starts the embedded host and, when python3 is there, the
// external one.
func shimHosts(t *testing.T) map[string]*External {
	t.Helper()
	hosts := map[string]*External{"embedded": startEmbedded(t)}
	python, err := ResolvePython(context.Background(), "")
	if err != nil {
		t.Logf("no python3 (%v): the embedded host is checked against the wanted output only", err)
		return hosts
	}
	h, err := StartExternal(context.Background(), python)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close() })
	hosts["external"] = h
	return hosts
}

// TestSQLShimsParity runs every case through both hosts.
func TestSQLShimsParity(t *testing.T) {
	hosts := shimHosts(t)
	for _, c := range sqlShimCases {
		t.Run(c.name, func(t *testing.T) {
			src := sqlShimHeader + "def migrate(cr, version):\n" + shimIndent(c.body)
			states := map[string]string{}
			for name, h := range hosts {
				out, state := runShimScript(t, h, c.major, src)
				if out.Status != "ok" {
					t.Fatalf("%s host: %s\n%s", name, out.Status, out.Traceback)
				}
				if out.Stdout != c.want {
					t.Errorf("%s host printed:\n%s\nwant:\n%s", name, out.Stdout, c.want)
				}
				states[name] = state
			}
			if ext, ok := states["external"]; ok && ext != states["embedded"] {
				t.Errorf("the hosts left different databases:\nembedded: %s\nexternal: %s", states["embedded"], ext)
			}
		})
	}
}

// An error a helper raises and the script does not catch ends the script
// the same way in both hosts.
func TestSQLShimsUncaughtHelperError(t *testing.T) {
	src := sqlShimHeader + "def migrate(cr, version):\n" + shimIndent(`
cr.execute("CREATE TABLE t (id int)")
tools_sql.rename_column(cr, "t", "nope", "x")
`)
	want := `psycopg2.errors.UndefinedColumn: column "nope" does not exist`
	for name, h := range shimHosts(t) {
		cr := txCursor(t)
		out, err := h.Run(context.Background(), cr, Script{Path: writeScript(t, "post-helper-error.py", src)})
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(out.Traceback), "\n")
		if out.Status != "failed" || lines[len(lines)-1] != want || !strings.Contains(out.Traceback, `post-helper-error.py", line `) {
			t.Errorf("%s host: %s\n%s", name, out.Status, out.Traceback)
		}
		if !strings.Contains(out.FailedSQL, `ALTER TABLE "t" RENAME COLUMN "nope" TO "x"`) {
			t.Errorf("%s host: failed SQL %q", name, out.FailedSQL)
		}
	}
}

func shimIndent(body string) string {
	var b strings.Builder
	for _, line := range strings.Split(strings.Trim(body, "\n"), "\n") {
		b.WriteString("    " + line + "\n")
	}
	return b.String()
}

// runShimScript runs src on a fresh database and returns the outcome and
// the database it left: every public relation's columns and rows.
func runShimScript(t *testing.T, h *External, major int, src string) (*Outcome, string) {
	t.Helper()
	ctx := context.Background()
	cr := txCursor(t)
	out, err := h.Run(ctx, cr, Script{Path: writeScript(t, "post-sql-shims.py", src), Major: major})
	if err != nil {
		t.Fatal(err)
	}
	if out.Status != "ok" {
		return out, ""
	}
	return out, dbState(t, cr)
}

func dbState(t *testing.T, cr *sqlexec.Cursor) string {
	t.Helper()
	rows := shimQuery(t, cr, `
        SELECT c.relname, c.relkind, string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
                                                || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END, ', ' ORDER BY a.attnum)
          FROM pg_class c
          JOIN pg_namespace n ON n.oid = c.relnamespace
          JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
         WHERE n.nspname = 'public'
      GROUP BY 1, 2
      ORDER BY 1`)
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(r[0].Text + " (" + r[1].Text + "): " + r[2].Text + "\n")
		if r[1].Text != "r" {
			continue
		}
		data := shimQuery(t, cr, `SELECT coalesce(json_agg(x ORDER BY x::text)::text, '[]') FROM `+sqlexec.QuoteIdent(r[0].Text)+` x`)
		b.WriteString("  " + data[0][0].Text + "\n")
	}
	indexes := shimQuery(t, cr, `SELECT coalesce(string_agg(indexname, ', ' ORDER BY indexname), '') FROM pg_indexes WHERE schemaname = 'public'`)
	b.WriteString("indexes: " + indexes[0][0].Text + "\n")
	return b.String()
}

func shimQuery(t *testing.T, cr *sqlexec.Cursor, q string) [][]sqlexec.Value {
	t.Helper()
	if err := cr.Execute(context.Background(), q, nil); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	rows, err := cr.FetchAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}
