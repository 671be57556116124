package pyhost

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/migrate-runner/migrate-runner/internal/pgtest"
	"github.com/migrate-runner/migrate-runner/sqlexec"
)

func startHost(t *testing.T) *External {
	t.Helper()
	python, err := ResolvePython(context.Background(), "")
	if err != nil {
		t.Skipf("no python3: %v", err)
	}
	h, err := StartExternal(context.Background(), python)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close() })
	return h
}

// txCursor opens a cursor on a fresh database, in a transaction; the
// connection closes with the test.
func txCursor(t *testing.T) *sqlexec.Cursor {
	t.Helper()
	ctx := context.Background()
	conn := pgtest.Conn(t)
	cr := sqlexec.NewCursor(conn.PgConn())
	if err := cr.Begin(ctx); err != nil {
		t.Fatal(err)
	}
	return cr
}

func writeScript(t *testing.T, name, src string) string { return writeScriptB(t, name, src) }

func writeScriptB(t testing.TB, name, src string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestExternalHostRunsScripts(t *testing.T) {
	ctx := context.Background()
	cr := txCursor(t)
	h := startHost(t)

	ok := writeScript(t, "post-values.py", `
import datetime, decimal, logging
from psycopg2.extras import Json
from psycopg2 import IntegrityError
_logger = logging.getLogger(__name__)

def migrate(cr, version):
    assert version == "17.0.1.0", version
    cr.execute("CREATE TABLE t (id int PRIMARY KEY, name text, tags int[], at timestamp, amount numeric, data jsonb, raw bytea)")
    cr.execute("INSERT INTO t VALUES (%s, %s, %s, %s, %s, %s, %s)",
               (1, "it's", [1, 2], datetime.datetime(2024, 1, 2, 3, 4, 5), decimal.Decimal("1.50"), Json({"a": 1}), b"\x00\xff"))
    cr.execute("INSERT INTO t (id, name) VALUES (%(id)s, %(name)s)", {"id": 2, "name": None})
    assert cr.rowcount == 1 and cr.statusmessage == "INSERT 0 1"
    cr.execute("SELECT id, name, tags, at, amount, data, raw FROM t WHERE id IN %s ORDER BY id", ((1, 2),))
    rows = cr.fetchall()
    assert rows[0] == (1, "it's", [1, 2], datetime.datetime(2024, 1, 2, 3, 4, 5), 1.5, {"a": 1}, b"\x00\xff"), rows[0]
    assert rows[1][1] is None
    assert [d.name for d in cr.description][:2] == ["id", "name"]
    cr.execute("SELECT %s = ANY(%s)", (2, [1, 2]))
    assert cr.fetchone() == (True,)
    cr.execute("SELECT 'a%%'")
    assert cr.fetchone() == ("a%%",)
    try:
        with cr.savepoint():
            cr.execute("INSERT INTO t (id) VALUES (1)")
    except IntegrityError as e:
        assert e.pgcode == "23505", e.pgcode
        _logger.info("duplicate %s skipped", 1)
    cr.execute("INSERT INTO t (id) VALUES (3)")
    cr.execute("SELECT count(*) FROM t")
    print("rows:", cr.dictfetchone())
`)
	out, err := h.Run(ctx, cr, Script{Path: ok, Version: "17.0.1.0"})
	if err != nil {
		t.Fatal(err)
	}
	if out.Status != "ok" {
		t.Fatalf("status %s:\n%s", out.Status, out.Traceback)
	}
	// Odoo's cursor logs the failed INSERT at ERROR before the script catches it.
	if out.Stdout != "rows: {'count': 3}\n" || len(out.Logs) != 2 || out.Logs[1] != [3]string{"INFO", "post-values", "duplicate 1 skipped"} ||
		out.Logs[0][1] != "odoo.sql_db" || !strings.HasPrefix(out.Logs[0][2], "bad query: INSERT INTO t (id) VALUES (1)\nERROR: duplicate key") {
		t.Errorf("captured: %q %v", out.Stdout, out.Logs)
	}

	failing := writeScript(t, "post-fail.py", "def migrate(cr, version):\n    cr.execute('SELECT 1')\n    1 / 0\n")
	out, err = h.Run(ctx, cr, Script{Path: failing})
	if err != nil || out.Status != "failed" || !strings.Contains(out.Traceback, `post-fail.py", line 3, in migrate`) ||
		!strings.Contains(out.Traceback, "ZeroDivisionError") || !strings.Contains(out.Traceback, "1 / 0") {
		t.Errorf("failing script: %v %+v", err, out)
	}
	badSQL := writeScript(t, "post-sql.py", "def migrate(cr, version):\n    cr.execute('SELEC 1')\n")
	out, err = h.Run(ctx, cr, Script{Path: badSQL})
	if err != nil || out.Status != "failed" || !strings.Contains(out.Traceback, "psycopg2.errors.SyntaxError: syntax error at or near") || out.FailedSQL != "SELEC 1" {
		t.Errorf("bad SQL: %v %+v", err, out)
	}
	if err := cr.Rollback(ctx); err != nil { // the failed statement aborted the transaction
		t.Fatal(err)
	}
	noMigrate := writeScript(t, "pre-helper.py", "X = 1\n")
	if out, err := h.Run(ctx, cr, Script{Path: noMigrate}); err != nil || out.Status != "no-migrate" {
		t.Errorf("no migrate: %v %+v", err, out)
	}
	syntax := writeScript(t, "pre-syntax.py", "def migrate(cr, version)\n    pass\n")
	if out, err := h.Run(ctx, cr, Script{Path: syntax}); err != nil || out.Status != "failed" || !strings.Contains(out.Traceback, "SyntaxError") || !strings.Contains(out.Traceback, `pre-syntax.py", line 1`) {
		t.Errorf("syntax error: %v %+v", err, out)
	}
	missing := writeScript(t, "pre-import.py", "import no_such_module\n")
	if out, err := h.Run(ctx, cr, Script{Path: missing}); err != nil || out.Status != "failed" || !strings.Contains(out.Traceback, "No module named 'no_such_module'") {
		t.Errorf("missing import: %v %+v", err, out)
	}
	if out, err := h.Run(ctx, cr, Script{Path: writeScript(t, "pre-util.py", "from odoo.upgrade import util\ndef migrate(cr, version):\n    pass\n")}); err != nil || out.Status != "ok" {
		t.Errorf("odoo.upgrade import: %v %+v", err, out)
	}
	// A script that kills the interpreter ends the host with a clear error.
	exit := writeScript(t, "pre-exit.py", "import os\ndef migrate(cr, version):\n    os._exit(3)\n")
	if _, err := h.Run(ctx, cr, Script{Path: exit}); err == nil || !strings.Contains(err.Error(), "interpreter ended") {
		t.Errorf("os._exit: %v", err)
	}
}
