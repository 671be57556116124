package pyhost

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/migrate-runner/migrate-runner/internal/pgtest"
	"github.com/migrate-runner/migrate-runner/sqlexec"
)

// runPy runs one script body (inside migrate) on a fresh database and
// fails the test with the traceback when it raises.
func runPy(t *testing.T, major int, body string) *Outcome {
	t.Helper()
	ctx := context.Background()
	cr := txCursor(t)
	h := startHost(t)
	src := "def migrate(cr, version):\n"
	for _, line := range strings.Split(strings.Trim(body, "\n"), "\n") {
		src += "    " + line + "\n"
	}
	out, err := h.Run(ctx, cr, Script{Path: writeScript(t, "post-shim.py", src), Major: major})
	if err != nil {
		t.Fatal(err)
	}
	if out.Status != "ok" {
		t.Fatalf("script failed:\n%s", out.Traceback)
	}
	return out
}

func TestPsycopg2SQLShim(t *testing.T) {
	runPy(t, 17, `
from psycopg2 import sql
cr.execute("CREATE TABLE \"we'ird\" (id int, \"na\"\"me\" text)")
q = sql.SQL("INSERT INTO {tbl} ({cols}) VALUES ({vals})").format(
    tbl=sql.Identifier("we'ird"),
    cols=sql.SQL(", ").join([sql.Identifier("id"), sql.Identifier('na"me')]),
    vals=sql.SQL(", ").join(sql.Placeholder() * 2))
assert q.as_string(cr) == 'INSERT INTO "we\'ird" ("id", "na""me") VALUES (%s, %s)', q.as_string(cr)
cr.execute(q, (1, "x"))
assert cr.rowcount == 1
cr.execute(sql.SQL("SELECT {} FROM {} WHERE id = {}").format(sql.Identifier('na"me'), sql.Identifier("we'ird"), sql.Literal(1)))
assert cr.fetchall() == [("x",)]
assert cr.mogrify(sql.SQL("SELECT {}").format(sql.Literal("it's"))) == b"SELECT 'it''s'"
assert repr(sql.SQL("a") + sql.Identifier("b")) == "Composed([SQL('a'), Identifier('b')])"
assert sql.Identifier("a") == sql.Identifier("a") and sql.SQL("a") != sql.Literal("a")
for bad, exc in ((lambda: sql.SQL("{}").format(42), TypeError), (lambda: sql.SQL("{:x}").format(sql.SQL("a")), ValueError),
                 (lambda: sql.Identifier(), TypeError), (lambda: sql.SQL(1), TypeError)):
    try:
        bad()
    except exc:
        pass
    else:
        raise AssertionError("no %s" % exc.__name__)
try:
    cr.execute(42)
except TypeError as e:
    assert "argument 1 must be a string" in str(e), e
`)
}

func TestPsycopg2ErrorsShim(t *testing.T) {
	runPy(t, 17, `
import psycopg2
from psycopg2 import errors
from psycopg2.errors import UniqueViolation, UndefinedTable
assert issubclass(UniqueViolation, psycopg2.IntegrityError) and errors.lookup("23505") is UniqueViolation
assert issubclass(errors.QueryCanceled, psycopg2.extensions.QueryCanceledError)
assert issubclass(errors.SerializationFailure, psycopg2.extensions.TransactionRollbackError)
cr.execute("CREATE TABLE t (id int PRIMARY KEY)")
cr.execute("INSERT INTO t VALUES (1)")
try:
    with cr.savepoint():
        cr.execute("INSERT INTO t VALUES (1)")
except UniqueViolation as e:
    assert e.pgcode == "23505" and e.pgerror.startswith("ERROR:  duplicate key"), (e.pgcode, e.pgerror)
    assert cr.query == b"INSERT INTO t VALUES (1)", cr.query
try:
    with cr.savepoint():
        cr.execute("SELECT * FROM nope", log_exceptions=False)
except psycopg2.ProgrammingError as e:
    assert type(e) is UndefinedTable, type(e)
cr.execute("SELECT count(*) FROM t")
assert cr.fetchone() == (1,)
try:
    for row in cr:
        pass
except TypeError as e:
    assert "not iterable" in str(e), e
else:
    raise AssertionError("iterating the cursor must fail, as with Odoo's")
`)
}

func TestOdooSQLShim(t *testing.T) {
	runPy(t, 17, `
from odoo.tools import SQL
from odoo.tools.sql import SQL as SQL2
assert SQL is SQL2
cr.execute("CREATE TABLE res_partner (id int, name text)")
ins = SQL("INSERT INTO %s (id, name) VALUES %s", SQL.identifier("res_partner"), (1, "it's"))
assert ins.code == 'INSERT INTO "res_partner" (id, name) VALUES %s' and ins.params == [(1, "it's")], ins
cr.execute(ins)
cols = SQL(", ").join([SQL.identifier("id"), SQL.identifier("res_partner", "name")])
cr.execute(SQL("SELECT %s FROM res_partner WHERE name = %s", cols, "it's"))
assert cr.fetchall() == [(1, "it's")]
cr.execute(SQL("SELECT %(a)s + %(b)s", a=1, b=2))
assert cr.fetchone() == (3,)
cr.execute(SQL("SELECT 'a%%'"))
assert cr.fetchone() == ("a%%",), "no args: %% stays, as Odoo sends it verbatim"
assert cr.mogrify(SQL("SELECT %s", 5)) == b"SELECT 5"
code, params = SQL("x = %s", 1)
assert (code, params) == ("x = %s", [1])
assert repr(SQL("x = %s", 1)) == "SQL('x = %s', 1)" and bool(SQL()) is False
try:
    cr.execute(SQL("SELECT 1"), (1,))
except AssertionError as e:
    assert str(e) == "Unexpected parameters for SQL query object"
try:
    SQL.identifier("bad name")
except AssertionError:
    pass
else:
    raise AssertionError("SQL.identifier accepted a space")
`)
}

func TestToolsSQLShim(t *testing.T) {
	runPy(t, 17, `
from odoo.tools import sql as tools_sql
from odoo.tools.sql import table_exists, column_exists, create_column, TableKind, table_kind, escape_psql
cr.execute("CREATE TABLE res_partner (id int)")
assert table_exists(cr, "res_partner") is True and not table_exists(cr, "nope")
assert table_kind(cr, "res_partner") is TableKind.Regular and table_kind(cr, "nope") is None
create_column(cr, "res_partner", "active", "boolean")
assert column_exists(cr, "res_partner", "active") == 1
assert tools_sql.existing_tables(cr, {"res_partner", "nope"}) == ["res_partner"]
assert escape_psql("a_b%") == "a\\_b\\%"
cr.execute("SELECT active FROM res_partner")  # helpers leave the cursor as Odoo's do
try:
    tools_sql.set_not_null(cr, "nope", "x")
except Exception as e:
    assert e.args == ("Table %r: unable to set NOT NULL on column %r",) or "unable to set NOT NULL" in str(e), e
try:
    table_exists(cr)
except TypeError as e:
    assert "missing 1 required positional argument: 'tablename'" in str(e), e
`)
	// Up to 16.0, table_kind returns the raw relkind.
	runPy(t, 16, `
from odoo.tools.sql import table_kind
cr.execute("CREATE TABLE t (id int)")
assert table_kind(cr, "t") == "r", table_kind(cr, "t")
`)
}

func TestExecuteValuesShim(t *testing.T) {
	runPy(t, 17, `
from psycopg2.extras import execute_values
cr.execute("CREATE TABLE t (id int, name text)")
execute_values(cr, "INSERT INTO t (id, name) VALUES %s", [(i, "n%d" % i) for i in range(250)], page_size=100)
assert cr.rowcount == 50, cr.rowcount  # the last page's
rows = cr.execute_values("UPDATE t SET name = v.name FROM (VALUES %s) AS v(id, name) WHERE t.id = v.id RETURNING t.id",
                         [{"id": 1, "name": "one"}, {"id": 2, "name": "100%"}], template="(%(id)s, %(name)s)", fetch=True)
assert sorted(rows) == [(1,), (2,)], rows
cr.execute("SELECT name FROM t WHERE id IN %s ORDER BY id", ((1, 2),))
assert cr.fetchall() == [("one",), ("100%",)]
try:
    execute_values(cr, "INSERT INTO t VALUES (%s, %s)", [(1, 2)])
except ValueError as e:
    assert "more than one '%s' placeholder" in str(e), e
`)
}

func TestImportErrorsNameFileAndLine(t *testing.T) {
	ctx := context.Background()
	conn := pgtest.Conn(t)
	cr := sqlexec.NewCursor(conn.PgConn())
	h := startHost(t)
	p := writeScript(t, "pre-imp.py", "import os\nimport odoo_addon_that_is_not_here\n\ndef migrate(cr, version):\n    pass\n")
	out, err := h.Run(ctx, cr, Script{Path: p})
	if err != nil || out.Status != "failed" || !strings.Contains(out.Traceback, `pre-imp.py", line 2`) ||
		!strings.Contains(out.Traceback, "ModuleNotFoundError: No module named 'odoo_addon_that_is_not_here'") {
		t.Errorf("import error: %v %+v", err, out)
	}
	p = writeScript(t, "pre-nomig.py", "def migrat(cr, version):\n    pass\n")
	out, err = h.Run(ctx, cr, Script{Path: p})
	if err != nil || out.Status != "no-migrate" || strings.Join(out.Defined, ",") != "migrat" {
		t.Errorf("no migrate: %v %+v", err, out)
	}
}

// Importing a script must not leave __pycache__ in the user's tree.
func TestNoBytecodeWritten(t *testing.T) {
	ctx := context.Background()
	h := startHost(t)
	p := writeScript(t, "pre-x.py", "def migrate(cr, version):\n    pass\n")
	if out, err := h.Run(ctx, sqlexec.NewCursor(nil), Script{Path: p}); err != nil || out.Status != "ok" {
		t.Fatalf("%v %+v", err, out)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(p), "__pycache__")); !os.IsNotExist(err) {
		t.Errorf("__pycache__ written next to the script: %v", err)
	}
}

// When Start (the runner's savepoint) fails, the script's cursor calls
// fail with its error and the outcome is a failure naming it.
func TestStartFailureFailsTheScript(t *testing.T) {
	ctx := context.Background()
	h := startHost(t)
	p := writeScript(t, "pre-x.py", "def migrate(cr, version):\n    cr.execute('SELECT 1')\n")
	out, err := h.Run(ctx, sqlexec.NewCursor(nil), Script{Path: p, Start: func(context.Context) error { return errors.New("savepoint: boom") }})
	if err != nil || out.Status != "failed" || out.Traceback != "savepoint: boom" {
		t.Fatalf("%v %+v", err, out)
	}
	// The host is still in step: the next script runs normally.
	ok := writeScript(t, "pre-y.py", "def migrate(cr, version):\n    pass\n")
	if out, err := h.Run(ctx, sqlexec.NewCursor(nil), Script{Path: ok}); err != nil || out.Status != "ok" {
		t.Fatalf("next script: %v %+v", err, out)
	}
}
