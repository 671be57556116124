package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/migrate-runner/migrate-runner/internal/pgtest"
)

// `run --jobs 2` with a script calling explode_execute: the commit point
// is printed under the script's line; --dry-run refuses it; a negative
// --jobs is bad input.
func TestRunJobsCommitPoint(t *testing.T) {
	dsn := pgtest.DB(t)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, `CREATE TABLE big (id serial PRIMARY KEY, v int NOT NULL DEFAULT 0);
		INSERT INTO big (v) SELECT 0 FROM generate_series(1, 40000);
		CREATE TABLE ir_module_module (name varchar, state varchar, latest_version varchar);
		INSERT INTO ir_module_module VALUES ('m', 'installed', '17.0.1.0')`); err != nil {
		t.Fatal(err)
	}
	addons := t.TempDir()
	for rel, content := range map[string]string{
		"m/__manifest__.py": `{"version": "17.0.1.1"}`,
		"m/migrations/1.1/post-x.py": "from odoo.upgrade import util\n\ndef migrate(cr, version):\n" +
			"    util.explode_execute(cr, 'UPDATE big SET v = v + 1', table='big')\n",
	} {
		p := filepath.Join(addons, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, errOut, code := runCLI(t, "run", "--dsn", dsn, "--addons-path", addons, "--host", "embedded", "--dry-run", "--jobs", "2")
	if code != exitFailure || !hasLine(out, "failed", "post-x.py") ||
		!hasLine(out, "post-x.py: explode_execute would commit the script's transaction (upgrade-util commits before running buckets in parallel); --dry-run cannot allow that") {
		t.Errorf("dry run: exit %d\n%s%s", code, out, errOut)
	}
	out, errOut, code = runCLI(t, "run", "--dsn", dsn, "--addons-path", addons, "--host", "embedded", "--jobs", "2")
	if code != 0 || !hasLine(out, "applied", "post-x.py", "5 stmt", "40001 rows") ||
		!hasLine(out, "commit point: post-x.py explode_execute, 4 buckets on 2 connections, 40000 rows") {
		t.Errorf("run: exit %d\n%s%s", code, out, errOut)
	}
	var n int
	if err := conn.QueryRow(ctx, "SELECT count(*) FROM big WHERE v = 1").Scan(&n); err != nil || n != 40000 {
		t.Errorf("updated rows: %d %v", n, err)
	}
	if _, errOut, code = runCLI(t, "run", "--dsn", dsn, "--addons-path", addons, "--jobs", "-1"); code != exitBadInput || !hasLine(errOut, "--jobs -1") {
		t.Errorf("--jobs -1: exit %d, %s", code, errOut)
	}
}
