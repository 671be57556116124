package needs

import (
	"reflect"
	"testing"
)

// The token scan on scripts gpython's parser cannot read, and on the
// shapes where its flow-insensitive view must still be right.
var scanCases = []needsCase{
	{name: "match statement", src: script(
		"from odoo.upgrade import util",
		"",
		"def migrate(cr, version):",
		"    match version:",
		"        case \"16.0.1.0\":",
		"            util.env(cr)[\"res.partner\"].search([]).unlink()",
		"        case _:",
		"            cr.execute(\"SELECT 1\")",
	), want: []Need{ORM, SQL, UpgradeUtil}, orm: []string{"6: util.env(cr)", `6: util.env(cr)["res.partner"]`}},
	{name: "annotated assignment and api.Environment", src: script(
		"from odoo import api, SUPERUSER_ID",
		"",
		"def migrate(cr, version: str) -> None:",
		"    ids: list = []",
		"    env = api.Environment(cr, SUPERUSER_ID, {})",
		"    env[\"res.partner\"].browse(ids).write({\"active\": False})",
	), want: []Need{ORM}, orm: []string{"5: api.Environment(cr, ...)", `6: env["res.partner"]`}},
	{name: "walrus with a plain dict", src: script(
		"def migrate(cr, version):",
		"    env = {\"stage\": \"prod\"}",
		"    if (stage := env[\"stage\"]) == \"prod\":",
		"        cr.execute(\"UPDATE ir_cron SET active = false\")",
	), want: []Need{SQL}},
	{name: "walrus, openupgradelib through the cursor only", src: script(
		"from openupgradelib import openupgrade",
		"",
		"@openupgrade.migrate()",
		"def migrate(env, version):",
		"    if (n := openupgrade.logged_query(env.cr, \"DELETE FROM ir_attachment WHERE res_model IS NULL\")):",
		"        openupgrade.logged_query(env.cr, \"VACUUM\")",
	), want: []Need{OpenUpgrade, SQL}},
	{name: "walrus with conditional rules", src: script(
		"from openupgradelib import openupgrade",
		"",
		"@openupgrade.migrate()",
		"def migrate(env, version):",
		"    if (done := True):",
		"        openupgrade.map_values(env.cr, \"a\", \"b\", [(1, 2)], table=\"t\", write=\"sql\")",
		"        openupgrade.map_values(env.cr, \"a\", \"b\", [(1, 2)], env[\"x.y\"], write=\"orm\")",
	), want: []Need{OpenUpgrade, ORM}, orm: []string{`7: env["x.y"]`, `7: openupgrade.map_values(env.cr, ...)`}},
	{name: "Python 2 pooler script", src: script(
		"from openerp import pooler",
		"",
		"def migrate(cr, version):",
		"    print 'start'",
		"    pool = pooler.get_pool(cr.dbname)",
		"    pool['res.partner'].search(cr, 1, [])",
	), want: []Need{ORM, SQL}, orm: []string{`5: pooler.get_pool(cr.dbname)`, `6: pool["res.partner"]`}},
	{name: "undecorated migrate(env) is a cursor, strings are skipped", src: script(
		"def migrate(env, version):",
		"    x: int = 1",
		"    env.execute(\"SELECT 'env[\\\"res.partner\\\"]'\")  # env['x'] in a comment",
	), want: []Need{SQL}},
}

func TestScan(t *testing.T) {
	for _, c := range scanCases {
		t.Run(c.name, func(t *testing.T) {
			res := Analyze("script.py", []byte(c.src), Options{Major: 17})
			if res.Method != Scanned || res.Fallback == "" {
				t.Fatalf("method %q, fallback %q: the case must exercise the token scan", res.Method, res.Fallback)
			}
			want := c.want
			if want == nil {
				want = []Need{}
			}
			if !reflect.DeepEqual(res.Needs, want) {
				t.Errorf("needs = %v, want %v (uses %v)", res.Needs, want, res.Uses)
			}
			if got := ormStrings(res); !reflect.DeepEqual(got, c.orm) {
				t.Errorf("ORM uses:\n got %q\nwant %q", got, c.orm)
			}
		})
	}
}

// The token scan agrees with the AST analysis on the parseable cases
// whose answer does not depend on tracking a name through a function
// call or a branch.
func TestScanAgreesWithAST(t *testing.T) {
	flowDependent := map[string]bool{
		"helper's env parameter only ever gets a dict":                 true, // call-site tracking
		"env dict local to a helper, env from the decorator elsewhere": true, // per-function scopes
		"env helper returned by the script's own function":             true, // return values
		"env is a loop variable over strings":                          true, // loop targets
		"tuple unpacking keeps a dict a dict":                          true, // unpacking
		"helper receives env by keyword":                               true, // call-site tracking
	}
	for _, c := range needsCases {
		if flowDependent[c.name] || c.method != "" {
			continue
		}
		major := c.major
		if major == 0 {
			major = 17
		}
		ast := Analyze("script.py", []byte(c.src), Options{Major: major})
		tok := scanWith([]byte(c.src), Options{Major: major})
		if !reflect.DeepEqual(ast.Needs, tok.Needs) || ast.Has(ORM) && ormStrings(ast)[0] != ormStrings(tok)[0] {
			t.Errorf("%s:\n ast    %v %q\n tokens %v %q", c.name, ast.Needs, ormStrings(ast), tok.Needs, ormStrings(tok))
		}
	}
}
