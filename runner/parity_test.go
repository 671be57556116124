package runner

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/migrate-runner/migrate-runner/discover"
	"github.com/migrate-runner/migrate-runner/internal/pgtest"
	"github.com/migrate-runner/migrate-runner/phases"
	"github.com/migrate-runner/migrate-runner/pyhost"
	"github.com/migrate-runner/migrate-runner/sqlexec"
)

// Host parity on every module tree in testdata/ that ships a database
// fixture (schema.sql): the tree runs once through CPython and once
// through the embedded host, each on a fresh database, and both runs must
// leave the same rows in every table and give the same report.
func TestHostParityOnTestdataTrees(t *testing.T) {
	python, err := pyhost.ResolvePython(context.Background(), "")
	if err != nil {
		t.Skipf("no python3 to compare with: %v", err)
	}
	var schemas []string
	all, _ := filepath.Glob("../testdata/*/schema.sql")
	for _, s := range all { // a fixture without a module tree is for helper tests only
		if addons, _ := filepath.Glob(filepath.Join(filepath.Dir(s), "addons*")); len(addons) > 0 {
			schemas = append(schemas, s)
		}
	}
	if len(schemas) < 2 {
		t.Fatalf("expected the testdata trees with a schema.sql, found %v", schemas)
	}
	for _, schema := range schemas {
		root := filepath.Dir(schema)
		t.Run(filepath.Base(root), func(t *testing.T) {
			ext := runTree(t, root, HostExternal, python)
			emb := runTree(t, root, HostEmbedded, "")
			if ext.report != emb.report {
				t.Errorf("reports differ:\n--- external\n%s\n--- embedded\n%s", ext.report, emb.report)
			}
			if ext.tables != emb.tables {
				t.Errorf("databases differ:\n--- external\n%s\n--- embedded\n%s", ext.tables, emb.tables)
			}
		})
	}
}

type treeResult struct{ report, tables string }

// runTree runs root's addons (and upgrade path, when there is one) with
// installed versions from root/installed.txt, or else from the fixture's
// ir_module_module.
func runTree(t *testing.T, root, host, python string) treeResult {
	t.Helper()
	ctx := context.Background()
	dsn := pgtest.DB(t)
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		t.Fatal(err)
	}
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	schema, err := os.ReadFile(filepath.Join(root, "schema.sql"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(ctx, string(schema)); err != nil {
		t.Fatalf("%s/schema.sql: %v", root, err)
	}
	opts := discover.Options{}
	addons, _ := filepath.Glob(filepath.Join(root, "addons*"))
	opts.AddonsPaths = addons
	if fi, err := os.Stat(filepath.Join(root, "upgrade")); err == nil && fi.IsDir() {
		opts.UpgradePaths = []string{filepath.Join(root, "upgrade")}
	}
	inv, err := discover.Discover(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	installed := map[string]string{}
	if f, err := os.Open(filepath.Join(root, "installed.txt")); err == nil {
		err = phases.ParseInstalled(f, "installed.txt", installed)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
	} else if installed, _, err = sqlexec.InstalledVersions(ctx, conn); err != nil {
		t.Fatal(err)
	}
	plan, err := phases.Build(inv, phases.Options{Series: "17.0", Installed: installed})
	if err != nil {
		t.Fatal(err)
	}
	abs, _ := filepath.Abs(root)
	rep, err := Run(ctx, plan, Options{Conn: cfg, Python: python, Host: host, LockTimeout: time.Second,
		AllowFS: []string{abs}, ScriptTimeout: time.Minute})
	if err != nil {
		t.Fatalf("%s host: %v", host, err)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "outcome %s failed=%v\n", rep.Outcome, rep.Failed)
	for _, s := range rep.Scripts {
		if s.Host != host {
			t.Errorf("%s ran in %q, not %s", s.Path, s.Host, host)
		}
		fmt.Fprintf(&b, "%s %s %s %s: %s stmts=%d rows=%d err=%q\n  stdout=%q logs=%q\n  tb=%q\n",
			s.Module, s.Version, s.Phase, s.Script, s.Status, s.Statements, s.RowCount, s.Error, s.Stdout, s.Logs, lastLine(s.Traceback))
	}
	return treeResult{report: b.String(), tables: dumpTables(t, conn)}
}

// dumpTables renders every public table but the ledger, rows sorted.
func dumpTables(t *testing.T, conn *pgx.Conn) string {
	t.Helper()
	ctx := context.Background()
	rows, err := conn.Query(ctx, `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> $1 ORDER BY 1`, sqlexec.LedgerTable)
	if err != nil {
		t.Fatal(err)
	}
	tables, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, name := range tables {
		var dump string
		err := conn.QueryRow(ctx, fmt.Sprintf(`SELECT coalesce(string_agg(r::text, E'\n' ORDER BY r::text), '') FROM %s r`,
			pgx.Identifier{name}.Sanitize())).Scan(&dump)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "== %s\n%s\n", name, dump)
	}
	var views string
	if err := conn.QueryRow(ctx, `SELECT coalesce(string_agg(viewname, ',' ORDER BY viewname), '') FROM pg_views WHERE schemaname = 'public'`).Scan(&views); err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(&b, "== views %s\n", views)
	return b.String()
}
