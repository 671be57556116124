package pyhost

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func startEmbedded(t *testing.T) *External {
	t.Helper()
	h, err := StartEmbedded(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close() })
	return h
}

func TestEmbeddedHostRunsScripts(t *testing.T) {
	ctx := context.Background()
	cr := txCursor(t)
	h := startEmbedded(t)
	ok := writeScript(t, "post-values.py", `
import logging
import psycopg2
from psycopg2 import IntegrityError
import odoo.upgrade.util
from odoo.upgrade import util
_logger = logging.getLogger(__name__)

def migrate(cr, version):
    assert version == "17.0.1.0", version
    assert odoo.upgrade.util is util
    cr.execute("CREATE TABLE t (id int PRIMARY KEY, name text, tags int[], amount numeric)")
    cr.execute("INSERT INTO t VALUES (%s, %s, %s, %s)", (1, "it's", [1, 2], 1.5))
    cr.execute("INSERT INTO t (id, name) VALUES (%(id)s, %(name)s)", {"id": 2, "name": None})
    assert cr.rowcount == 1 and cr.statusmessage == "INSERT 0 1"
    cr.execute("SELECT id, name, tags, amount FROM t WHERE id IN %s ORDER BY id", ((1, 2),))
    rows = cr.fetchall()
    assert rows[0] == (1, "it's", [1, 2], 1.5), rows[0]
    assert rows[1][1] is None
    cr.execute("SELECT 'a%%'")
    assert cr.fetchone() == ("a%%",)
    try:
        with cr.savepoint():
            cr.execute("INSERT INTO t (id) VALUES (1)")
    except IntegrityError as e:
        _logger.info("duplicate %s skipped", 1)
    cr.execute("SELECT count(*) FROM t")
    print("rows:", cr.dictfetchone()["count"])
`)
	out, err := h.Run(ctx, cr, Script{Path: ok, Version: "17.0.1.0"})
	if err != nil {
		t.Fatal(err)
	}
	if out.Status != "ok" {
		t.Fatalf("status %s:\n%s", out.Status, out.Traceback)
	}
	// The failed INSERT is logged on odoo.sql_db first, as Odoo's cursor does.
	if out.Stdout != "rows: 2\n" || len(out.Logs) != 2 || out.Logs[0][1] != "odoo.sql_db" ||
		!strings.HasPrefix(out.Logs[0][2], "bad query: INSERT INTO t (id) VALUES (1)\nERROR: duplicate key value") ||
		out.Logs[1] != [3]string{"INFO", "post-values", "duplicate 1 skipped"} {
		t.Errorf("captured: %q %v", out.Stdout, out.Logs)
	}

	badSQL := writeScript(t, "post-sql.py", "def migrate(cr, version):\n    cr.execute('SELEC 1')\n")
	out, err = h.Run(ctx, cr, Script{Path: badSQL})
	if err != nil || out.Status != "failed" || !strings.Contains(out.Traceback, `post-sql.py", line 2, in migrate`) ||
		!strings.Contains(out.Traceback, "psycopg2.errors.SyntaxError: syntax error at or near") || out.FailedSQL != "SELEC 1" {
		t.Errorf("bad SQL: %v %+v", err, out)
	}
	if err := cr.Rollback(ctx); err != nil {
		t.Fatal(err)
	}
	noMigrate := writeScript(t, "pre-helper.py", "def migrat(cr, version):\n    pass\n")
	if out, err := h.Run(ctx, cr, Script{Path: noMigrate}); err != nil || out.Status != "no-migrate" || strings.Join(out.Defined, ",") != "migrat" {
		t.Errorf("no migrate: %v %+v", err, out)
	}
	syntax := writeScript(t, "pre-syntax.py", "def migrate(cr, version)\n    pass\n")
	if out, err := h.Run(ctx, cr, Script{Path: syntax}); err != nil || out.Status != "failed" ||
		!strings.Contains(out.Traceback, `pre-syntax.py", line 1`) || !strings.Contains(out.Traceback, "SyntaxError") {
		t.Errorf("syntax error: %v %+v", err, out)
	}
}

// The worker's sandbox holds on its own, without the pre-check that
// normally refuses these scripts before they run: every probe fails
// with a clear error and the worker keeps serving.
func TestEmbeddedSandboxAtRunTime(t *testing.T) {
	ctx := context.Background()
	cr := txCursor(t)
	h := startEmbedded(t)
	for _, c := range []struct{ name, src, want string }{
		{"open", "def migrate(cr, version):\n    open('/etc/passwd').read()\n", "PermissionError: /etc/passwd: the embedded host's sandbox allows no file access"},
		{"write", "def migrate(cr, version):\n    open('/tmp/x', 'w')\n", "PermissionError: open(\"/tmp/x\", \"w\"): the embedded host's sandbox is read-only"},
		{"subprocess", "import subprocess\n", "ModuleNotFoundError: No module named 'subprocess'"},
		{"dynamic import", "def migrate(cr, version):\n    __import__('sub' + 'process')\n", "ModuleNotFoundError: No module named 'subprocess'"},
		{"eval", "def migrate(cr, version):\n    eval(\"__import__('os')\")\n", "PermissionError: eval() is not available"},
		{"exec", "def migrate(cr, version):\n    exec('x = 1')\n", "PermissionError: exec() is not available"},
		{"os.remove", "import os\ndef migrate(cr, version):\n    os.remove('/tmp/x')\n", "PermissionError: os.remove() is not available in the embedded host's sandbox: the sandbox is read-only"},
		{"os.getenv", "import os\ndef migrate(cr, version):\n    os.getenv('HOME')\n", "PermissionError: os.getenv() is not available"},
		{"os._exit", "import os\ndef migrate(cr, version):\n    os._exit(7)\n", "PermissionError: os._exit() is not available"},
		{"import from disk", "import helpers\n", "ModuleNotFoundError: No module named 'helpers'"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := filepath.Dir(writeScript(t, "helpers.py", "X = 1\n"))
			path := filepath.Join(dir, "pre-probe.py")
			if err := os.WriteFile(path, []byte(c.src), 0o644); err != nil {
				t.Fatal(err)
			}
			out, err := h.Run(ctx, cr, Script{Path: path})
			if err != nil || out.Status != "failed" || !strings.Contains(out.Traceback, c.want) {
				t.Errorf("want %q, got %v %+v", c.want, err, out)
			}
		})
	}
}

// A caller that cancels the script's context as soon as Run returns (a
// per-script timeout's cancel) must not kill the idle host: Run's watcher
// is gone before it returns. Before that fix, with one P (which widens the
// window) the worker died within a few dozen runs.
func TestRunCancelAfterReturnKeepsHost(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	h := startEmbedded(t)
	cr := txCursor(t)
	script := writeScript(t, "post-noop.py", "def migrate(cr, version):\n    pass\n")
	for i := 0; i < 500; i++ {
		ctx, cancel := context.WithCancel(context.Background())
		out, err := h.Run(ctx, cr, Script{Path: script})
		cancel()
		if err != nil || out.Status != "ok" {
			t.Fatalf("run %d: %v %+v", i, err, out)
		}
	}
}
