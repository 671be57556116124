package openupgrade_test

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/migrate-runner/migrate-runner/internal/hosttest"
	"github.com/migrate-runner/migrate-runner/odoolib"
	"github.com/migrate-runner/migrate-runner/pyhost"
	"github.com/migrate-runner/migrate-runner/pyhost/embedded"
	"github.com/migrate-runner/migrate-runner/sqlexec"
)

// lineOf is the 1-based line of src holding marker.
func lineOf(t *testing.T, src, marker string) int {
	t.Helper()
	i := strings.Index(src, marker)
	if i < 0 {
		t.Fatalf("no %q in the script", marker)
	}
	return 1 + strings.Count(src[:i], "\n")
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

const ormTail = " needs Odoo's ORM, which migrate-runner does not run: it runs migration scripts at the SQL level only " +
	"(use cr.execute, or run this script inside Odoo)"

// The decorated migrate() runs inside a savepoint: what it wrote before
// failing is gone, and the transaction the runner holds goes on, whether
// it failed in Python or in the database.
func TestDecoratorSavepoint(t *testing.T) {
	hosts := hosttest.Hosts(t)
	ctx := context.Background()
	for _, c := range []struct{ name, fail, want string }{
		{"python", `raise ValueError("boom")`, "ValueError: boom"},
		{"database", `env.cr.execute("SELECT 1 / 0")`, "psycopg2.errors.DivisionByZero: division by zero"},
	} {
		src := `
from openupgradelib import openupgrade

@openupgrade.migrate()
def migrate(env, version):
    env.cr.execute("INSERT INTO res_partner (name) VALUES ('inner')")
    ` + c.fail + `
`
		if fs := embedded.Check("post-test.py", []byte(src), false); len(fs) > 0 {
			t.Fatalf("the embedded pre-check refuses the decorated script: %v", fs)
		}
		for name, h := range hosts {
			t.Run(c.name+"/"+name, func(t *testing.T) {
				cr, _ := hosttest.Cursor(t, hosttest.OdooSchema())
				if err := cr.Execute(ctx, "INSERT INTO res_partner (name) VALUES ('outer')", nil); err != nil {
					t.Fatal(err)
				}
				out := hosttest.Run(t, h, cr, 17, src)
				if out.Status != "failed" || lastLine(out.Traceback) != c.want {
					t.Fatalf("%s: %s", out.Status, out.Traceback)
				}
				rows := hosttest.Query(t, cr, "SELECT name FROM res_partner WHERE name IN ('inner', 'outer')")
				if len(rows) != 1 || rows[0][0].Text != "outer" {
					t.Errorf("rows after the failed script: %v", rows)
				}
			})
		}
	}
}

// A falsy version (a fresh install) skips the decorated migrate() unless
// no_version=True; use_env=False passes the cursor itself.
func TestDecoratorVersion(t *testing.T) {
	hosts := hosttest.Hosts(t)
	ctx := context.Background()
	src := `
from openupgradelib import openupgrade

@openupgrade.migrate()
def on_version(env, version):
    print("env", repr(version))

@openupgrade.migrate(no_version=True, use_env=False)
def always(cr, version):
    print(type(cr).__name__, repr(version))

def migrate(cr, version):
    on_version(cr, version)
    always(cr, version)
`
	for name, h := range hosts {
		for _, c := range []struct{ version, want string }{
			{"16.0.1.0", "env '16.0.1.0'\nCursor '16.0.1.0'\n"},
			{"", "Cursor ''\n"},
		} {
			t.Run(name+"/"+c.version, func(t *testing.T) {
				cr, _ := hosttest.Cursor(t, hosttest.OdooSchema())
				path := filepath.Join(t.TempDir(), "post-test.py")
				if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
					t.Fatal(err)
				}
				out, err := h.Run(ctx, cr, pyhost.Script{Path: path, Version: c.version, Major: 17})
				if err != nil {
					t.Fatal(err)
				}
				if out.Status != "ok" || out.Stdout != c.want {
					t.Errorf("%s, printed %q, want %q\n%s", out.Status, out.Stdout, c.want, out.Traceback)
				}
			})
		}
	}
}

// The env passes env.cr, env.uid, env.context and env.su; any ORM use
// raises OrmUnavailable naming the script's file, line and call, in both
// hosts, whether caught or not.
func TestDecoratorEnv(t *testing.T) {
	hosts := hosttest.Hosts(t)
	src := prelude + `
@openupgrade.migrate(uid=2, context={"lang": "fr_FR"})
def migrate(env, version):
    print(type(env.cr).__name__, env.uid, env.context, env.su, repr(env))
    env.cr.execute("SELECT count(*) FROM res_partner")
    print(env.cr.fetchone())
    attempt(lambda: env.ref("base.main_partner"))  # ref
    attempt(lambda: env.user)  # user
    attempt(lambda: env.company)  # company
    attempt(lambda: "res.partner" in env)  # in
    attempt(lambda: env(context={}))  # call
    attempt(lambda: env._cr)  # private
    rename(env)
    partners(env)

def rename(env):
    openupgrade.rename_fields(env, [("res.partner", "res_partner", "ref", "reference")])
    print(openupgrade.column_exists(env.cr, "res_partner", "reference"))

def partners(env):
    return env["res.partner"].search([])  # item
`
	r := hosttest.Parity(t, hosts, 17, src, hosttest.OdooSchema())
	if r.Outcome.Status != "failed" {
		t.Fatalf("%s\n%s", r.Outcome.Status, r.Outcome.Stdout)
	}
	at := func(marker string) string { return "post-test.py:" + strconv.Itoa(lineOf(t, src, marker)) + ": " }
	want := "Cursor 2 {'lang': 'fr_FR'} False <Environment (migrate-runner: SQL only, env.cr), uid=2>\n" +
		"(4,)\n" +
		"OrmUnavailable: " + at("# ref") + "env.ref('base.main_partner')" + ormTail + "\n" +
		"OrmUnavailable: " + at("# user") + "env.user" + ormTail + "\n" +
		"OrmUnavailable: " + at("# company") + "env.company" + ormTail + "\n" +
		"OrmUnavailable: " + at("# in") + "'res.partner' in env" + ormTail + "\n" +
		"OrmUnavailable: " + at("# call") + "env(…)" + ormTail + "\n" +
		"AttributeError: 'Environment' object has no attribute '_cr'\n" +
		"True\n"
	if r.Outcome.Stdout != want {
		t.Errorf("printed:\n%s\nwant:\n%s", r.Outcome.Stdout, want)
	}
	if got, want := lastLine(r.Outcome.Traceback), "migrate_runner.OrmUnavailable: "+at("# item")+"env['res.partner']"+ormTail; got != want {
		t.Errorf("raised:\n%s\nwant:\n%s", got, want)
	}
}

// A helper's OrmUnavailable names the script line in an undecorated
// migrate(cr, version) too, whichever library raises it.
func TestHelperOrmUnavailableLocation(t *testing.T) {
	hosts := hosttest.Hosts(t)
	for _, c := range []struct{ src, call string }{
		{`
from openupgradelib import openupgrade

def migrate(cr, version):
    openupgrade.rename_columns(cr, {"res_partner": [("ref", "code")]})
    openupgrade.load_data(cr, "sale", "data/sale_data.xml")  # here
`, "openupgrade.load_data(…)" + ormTail},
		{`
from odoo.upgrade import util

def migrate(cr, version):
    env = util.env(cr)  # here
`, ""},
	} {
		r := hosttest.Parity(t, hosts, 17, c.src, hosttest.OdooSchema())
		prefix := "migrate_runner.OrmUnavailable: post-test.py:" + strconv.Itoa(lineOf(t, c.src, "# here")) + ": "
		got := lastLine(r.Outcome.Traceback)
		if r.Outcome.Status != "failed" || !strings.HasPrefix(got, prefix+c.call) || !strings.Contains(got, "needs Odoo's ORM") {
			t.Errorf("%s\n%s\nwant %s%s", r.Outcome.Status, r.Outcome.Traceback, prefix, c.call)
		}
	}
}

// The decorator's options, resolved in Go: use_env defaults to the
// target series being 10.0 or later; uid and context default to the
// superuser and {}.
func TestMigrateOptions(t *testing.T) {
	ctx := context.Background()
	kw := func(kv map[string]sqlexec.Value) *sqlexec.Value { d := sqlexec.DictValue(kv); return &d }
	cases := []struct {
		major int
		args  []sqlexec.Value
		kw    *sqlexec.Value
		want  string
	}{
		{17, nil, nil, "(False, True, 1, {})"},
		{9, nil, nil, "(False, False, 1, {})"},
		{0, nil, nil, "(False, True, 1, {})"},
		{17, []sqlexec.Value{sqlexec.BoolValue(true), sqlexec.BoolValue(false)}, nil, "(True, False, 1, {})"},
		{9, nil, kw(map[string]sqlexec.Value{"use_env": sqlexec.IntValue(1), "uid": sqlexec.IntValue(2)}), "(False, True, 2, {})"},
		{17, nil, kw(map[string]sqlexec.Value{"context": sqlexec.DictValue(map[string]sqlexec.Value{"lang": sqlexec.StrValue("fr_FR")})}),
			"(False, True, 1, {'lang': 'fr_FR'})"},
		{17, nil, kw(map[string]sqlexec.Value{"use_envs": sqlexec.BoolValue(true)}), "!TypeError: migrate() got an unexpected keyword argument 'use_envs'"},
	}
	for _, c := range cases {
		v, err := odoolib.Call(ctx, odoolib.Env{Major: c.major}, "openupgradelib.openupgrade.migrate", c.args, c.kw)
		got := sqlexec.Repr(v)
		if err != nil {
			got = "!" + err.Error()
		}
		if got != c.want {
			t.Errorf("major %d %v %v: got %s, want %s", c.major, c.args, c.kw, got, c.want)
		}
	}
}

// get_legacy_name needs the target series and refuses to guess it.
func TestLegacyName(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		major int
		arg   sqlexec.Value
		want  string
	}{
		{17, sqlexec.StrValue("state"), "'openupgrade_legacy_17_0_state'"},
		{13, sqlexec.StrValue("x"), "'openupgrade_legacy_13_0_x'"},
		{17, sqlexec.NoneValue(), `!TypeError: can only concatenate str (not "NoneType") to str`},
		{0, sqlexec.StrValue("x"), "!RuntimeError: openupgrade.get_legacy_name('x'): the target Odoo series is unknown " +
			"(upstream reads it from release.version_info; migrate-runner from the plan's series)"},
	} {
		v, err := odoolib.Call(ctx, odoolib.Env{Major: c.major}, "openupgradelib.openupgrade.get_legacy_name", []sqlexec.Value{c.arg}, nil)
		got := sqlexec.Repr(v)
		if err != nil {
			got = "!" + err.Error()
		}
		if got != c.want {
			t.Errorf("major %d %s: got %s, want %s", c.major, sqlexec.Repr(c.arg), got, c.want)
		}
	}
}
