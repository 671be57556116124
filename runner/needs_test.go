package runner

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
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

// The testdata/orm tree: partner_orm has a pre and a post script in SQL
// and a post script that indexes the decorator's env; sale_sql has a SQL
// post script (whose `env` is a dict) and an end script using util.env.
const ormTree = "../testdata/orm"

type ormFixture struct {
	cfg  *pgx.ConnConfig
	conn *pgx.Conn
	plan *phases.Plan
}

func setupORM(t *testing.T) *ormFixture {
	t.Helper()
	ctx := context.Background()
	schema, err := os.ReadFile(filepath.Join(ormTree, "fixture.sql"))
	if err != nil {
		t.Fatal(err)
	}
	dsn := pgtest.DBFrom(t, string(schema))
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		t.Fatal(err)
	}
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	addons, err := filepath.Abs(filepath.Join(ormTree, "addons"))
	if err != nil {
		t.Fatal(err)
	}
	inv, err := discover.Discover(ctx, discover.Options{AddonsPaths: []string{addons}})
	if err != nil {
		t.Fatal(err)
	}
	versions, _, err := sqlexec.InstalledVersions(ctx, conn)
	if err != nil {
		t.Fatal(err)
	}
	plan, err := phases.Build(inv, phases.Options{Series: "17.0", Installed: versions})
	if err != nil {
		t.Fatal(err)
	}
	return &ormFixture{cfg: cfg, conn: conn, plan: plan}
}

func (f *ormFixture) rows(t *testing.T, query string) string {
	t.Helper()
	rows, err := f.conn.Query(context.Background(), query)
	if err != nil {
		t.Fatal(err)
	}
	got, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(got, " ")
}

func TestRunRefusesORMScripts(t *testing.T) {
	f := setupORM(t)
	ctx := context.Background()
	_, err := Run(ctx, f.plan, Options{Conn: f.cfg, Host: HostEmbedded, LockTimeout: time.Second})
	var oe *ORMError
	if !errors.As(err, &oe) {
		t.Fatalf("err = %v, want an *ORMError", err)
	}
	abs := func(rel string) string {
		p, _ := filepath.Abs(filepath.Join(ormTree, "addons", rel))
		return p
	}
	want := []ORMScript{
		{Path: abs("partner_orm/migrations/17.0.1.1/post-20-rank_customers.py"), Uses: []phases.ORMUse{{Line: 7, Construct: `env["res.partner"]`}}},
		{Path: abs("sale_sql/migrations/17.0.1.1/end-notify.py"), Uses: []phases.ORMUse{
			{Line: 6, Construct: "util.env(cr)"}, {Line: 7, Construct: `env.ref("base.user_admin")`}}},
	}
	if !reflect.DeepEqual(oe.Scripts, want) {
		t.Errorf("ORM scripts:\n got %+v\nwant %+v", oe.Scripts, want)
	}
	msg := err.Error()
	for _, line := range []string{
		"2 script(s) need Odoo's ORM, which migrate-runner does not run; nothing was run (--skip-orm skips them and runs the rest):",
		"\n  " + want[0].Path + `:7: env["res.partner"]`,
		"\n  " + want[1].Path + ":6: util.env(cr)",
		"\n  " + want[1].Path + `:7: env.ref("base.user_admin")`,
	} {
		if !strings.Contains(msg, line) {
			t.Errorf("the error lacks %q:\n%s", line, msg)
		}
	}
	// Refused before the database was touched: no script ran, no column
	// was added, no ledger was created.
	if got := f.rows(t, "SELECT count(*)::text FROM orm_log"); got != "0" {
		t.Errorf("orm_log has %s rows", got)
	}
	if got := f.rows(t, "SELECT count(*)::text FROM information_schema.columns WHERE table_name = 'res_partner' AND column_name = 'x_rank'"); got != "0" {
		t.Error("pre-10-add_rank.py ran")
	}
	if got := f.rows(t, "SELECT coalesce(to_regclass('"+sqlexec.LedgerTable+"')::text, 'none')"); got != "none" {
		t.Errorf("ledger table %s exists", got)
	}
}

func TestRunSkipORM(t *testing.T) {
	hosts := []string{HostEmbedded}
	python, err := pyhost.ResolvePython(context.Background(), "")
	if err == nil {
		hosts = append(hosts, HostExternal)
	} else {
		t.Logf("no python3, the external host is not tested: %v", err)
	}
	for _, host := range hosts {
		t.Run(host, func(t *testing.T) {
			f := setupORM(t)
			var heard []string
			rep, err := Run(context.Background(), f.plan, Options{Conn: f.cfg, Host: host, Python: python, LockTimeout: time.Second,
				SkipORM: true, OnScript: func(s ScriptReport) { heard = append(heard, s.Script+":"+s.Status) }})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, s := range rep.Scripts {
				got = append(got, s.Script+":"+s.Status+":"+s.Error)
			}
			want := []string{
				"pre-10-add_rank.py:applied:",
				`post-20-rank_customers.py:skipped:SKIPPED (needs Odoo's ORM: env["res.partner"] at line 7)`,
				"post-30-rank_default.py:applied:",
				"post-fill.py:applied:",
				"end-notify.py:skipped:SKIPPED (needs Odoo's ORM: util.env(cr) at line 6, and 1 more use(s))",
			}
			if !reflect.DeepEqual(got, want) || len(heard) != 5 || rep.Outcome != "committed" || rep.Failed {
				t.Fatalf("report %q (heard %q), outcome %q", got, heard, rep.Outcome)
			}
			if s := rep.Scripts[4]; !reflect.DeepEqual(s.ORM, []phases.ORMUse{{Line: 6, Construct: "util.env(cr)"},
				{Line: 7, Construct: `env.ref("base.user_admin")`}}) || s.Host != "" || s.Statements != 0 {
				t.Errorf("skipped script report %+v", s)
			}
			// The SQL scripts ran, in order; the ORM ones did not.
			if got := f.rows(t, "SELECT script FROM orm_log ORDER BY id"); got != "partner_orm/pre-10 partner_orm/post-30 sale_sql/post-fill" {
				t.Errorf("orm_log: %s", got)
			}
			if got := f.rows(t, "SELECT name || '=' || x_rank FROM res_partner ORDER BY id"); got != "VIP Azure Interior=5 Deco Addict=0 VIP Gemini Furniture=5 Ready Mat=0" {
				t.Errorf("res_partner: %s", got)
			}
			// Only what ran is in the ledger: a later run (in Odoo, or once
			// the ORM is available) still sees the skipped scripts as pending.
			if got := f.rows(t, "SELECT script || ':' || status FROM "+sqlexec.LedgerTable+" ORDER BY id"); got != "pre-10-add_rank.py:applied post-30-rank_default.py:applied post-fill.py:applied" {
				t.Errorf("ledger: %s", got)
			}
			var junit bytes.Buffer
			if err := WriteJUnit(&junit, rep, f.plan); err != nil {
				t.Fatal(err)
			}
			for _, frag := range []string{`tests="5" failures="0" skipped="2"`,
				`name="post-20-rank_customers.py"`, `<skipped message="SKIPPED (needs Odoo&#39;s ORM: env[&#34;res.partner&#34;] at line 7)">`,
				`name="end-notify.py"`, `<skipped message="SKIPPED (needs Odoo&#39;s ORM: util.env(cr) at line 6, and 1 more use(s))">`} {
				if !strings.Contains(junit.String(), frag) {
					t.Errorf("JUnit lacks %s:\n%s", frag, junit.String())
				}
			}
			data, err := json.Marshal(rep)
			if err != nil || !strings.Contains(string(data), `"status":"skipped","error":"SKIPPED (needs Odoo's ORM: env[\"res.partner\"] at line 7)"`) ||
				!strings.Contains(string(data), `"orm":[{"line":7,"construct":"env[\"res.partner\"]"}]`) {
				t.Errorf("JSON report: %v\n%s", err, data)
			}
		})
	}
}
