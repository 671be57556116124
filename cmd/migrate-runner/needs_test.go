package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/migrate-runner/migrate-runner/internal/pgtest"
)

var ormDemo = []string{"--addons-path", "testdata/orm/addons", "--installed-file", "testdata/orm/installed.txt"}

// plan --explain and plan --json --needs over testdata/orm, whose
// scripts need SQL, openupgradelib, upgrade-util and the ORM.
func TestPlanNeedsGolden(t *testing.T) {
	for _, tt := range []struct {
		name string
		args []string
	}{
		{"plan-needs-explain.txt", append([]string{"plan", "--explain"}, ormDemo...)},
		{"plan-needs.txt", append([]string{"plan", "--needs"}, ormDemo...)},
		{"plan-needs.json", append([]string{"plan", "--json", "--needs"}, ormDemo...)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := runCLI(t, tt.args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			golden(t, tt.name, out)
		})
	}
	// The table shows needs only when asked; --json always carries them.
	out, _, code := runCLI(t, append([]string{"plan"}, ormDemo...)...)
	if code != 0 || strings.Contains(out, "NEEDS") {
		t.Errorf("plan without --needs: exit %d\n%s", code, out)
	}
	out, _, code = runCLI(t, append([]string{"plan", "--json"}, ormDemo...)...)
	if code != 0 || !strings.Contains(out, `"needs":["orm","sql","upgrade-util"]`) {
		t.Errorf("plan --json: exit %d\n%s", code, out)
	}
}

func TestRunORMScripts(t *testing.T) {
	root := repoRoot(t)
	schema, err := os.ReadFile(filepath.Join(root, "testdata/orm/fixture.sql"))
	if err != nil {
		t.Fatal(err)
	}
	dsn := pgtest.DBFrom(t, string(schema))
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	count := func() int {
		var n int
		if err := conn.QueryRow(ctx, "SELECT count(*) FROM orm_log").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}

	// By default: refused before anything runs, every ORM use listed, exit 2.
	out, errOut, code := runCLI(t, "run", "--dsn", dsn, "--addons-path", "testdata/orm/addons")
	if code != exitBadInput || out != "" ||
		!hasLine(errOut, "migrate-runner: run: 2 script(s) need Odoo's ORM", "nothing was run", "--skip-orm") ||
		!strings.Contains(errOut, "\n  testdata/orm/addons/partner_orm/migrations/17.0.1.1/post-20-rank_customers.py:7: env[\"res.partner\"]\n") ||
		!hasLine(errOut, "testdata/orm/addons/sale_sql/migrations/17.0.1.1/end-notify.py:6: util.env(cr)") ||
		!hasLine(errOut, "testdata/orm/addons/sale_sql/migrations/17.0.1.1/end-notify.py:7: env.ref(\"base.user_admin\")") {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
	if n := count(); n != 0 {
		t.Fatalf("%d scripts ran", n)
	}

	// --skip-orm: a loud line per skipped script, the rest runs.
	report := filepath.Join(t.TempDir(), "report.json")
	junit := filepath.Join(t.TempDir(), "junit.xml")
	out, errOut, code = runCLI(t, "run", "--dsn", dsn, "--addons-path", "testdata/orm/addons", "--skip-orm",
		"--report-json", report, "--junit", junit)
	if code != 0 ||
		!hasLine(out, "skipped", "partner_orm", "post", "post-20-rank_customers.py") ||
		!hasLine(out, `SKIPPED (needs Odoo's ORM: env["res.partner"] at line 7)`) ||
		!hasLine(out, "SKIPPED (needs Odoo's ORM: util.env(cr) at line 6, and 1 more use(s))") ||
		!hasLine(out, "applied", "sale_sql", "post-fill.py") ||
		!hasLine(out, "3 applied, 2 skipped, 0 failed", "committed") ||
		!hasLine(out, "SKIPPED 2 script(s) that need Odoo's ORM (--skip-orm)") ||
		!hasLine(out, "  testdata/orm/addons/sale_sql/migrations/17.0.1.1/end-notify.py:7: env.ref(\"base.user_admin\")") {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
	if n := count(); n != 3 {
		t.Errorf("%d scripts ran, want the 3 SQL ones", n)
	}
	if data, err := os.ReadFile(report); err != nil || !strings.Contains(string(data), `"error": "SKIPPED (needs Odoo's ORM: env[\"res.partner\"] at line 7)"`) {
		t.Errorf("--report-json: %v\n%s", err, data)
	}
	if data, err := os.ReadFile(junit); err != nil || !strings.Contains(string(data), `skipped="2"`) ||
		!strings.Contains(string(data), `<skipped message="SKIPPED (needs Odoo&#39;s ORM: env[&#34;res.partner&#34;] at line 7)">`) {
		t.Errorf("--junit: %v\n%s", err, data)
	}
}
