package needs

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// script joins source lines; line i of the script is lines[i-1].
func script(lines ...string) string { return strings.Join(lines, "\n") + "\n" }

type needsCase struct {
	name   string
	src    string
	major  int      // 0: 17
	want   []Need   // the sorted need set
	orm    []string // every ORM use, "line: construct"
	method Method   // "": Parsed
}

// Shapes from ../shared/reference/real-world-scripts.md (decorated
// openupgradelib scripts, upgrade-util's documentation example, raw SQL,
// api.Environment, pooler, helpers receiving env) and their near misses.
var needsCases = []needsCase{
	// ---- the ORM ----
	{name: "openupgrade decorated env index", src: script(
		"from openupgradelib import openupgrade",
		"",
		"",
		"@openupgrade.migrate()",
		"def migrate(env, version):",
		"    partners = env[\"res.partner\"].search([(\"customer\", \"=\", True)])",
		"    partners.write({\"customer_rank\": 1})",
	), want: []Need{OpenUpgrade, ORM}, orm: []string{`6: env["res.partner"]`}},
	{name: "upgrade-util documentation example", src: script(
		"import logging",
		"from odoo.upgrade import util",
		"",
		"_logger = logging.getLogger(__name__)",
		"",
		"",
		"def migrate(cr, version):",
		"    env = util.env(cr)",
		"",
		"    partners = env[\"res.partner\"].search([])",
		"    for partner in partners:",
		"        partner.name += \"!\"",
		"",
		"    _logger.info(\"Updated %s partners\", len(partners))",
	), want: []Need{ORM, UpgradeUtil}, orm: []string{"8: util.env(cr)", `10: env["res.partner"]`}},
	{name: "api.Environment with SUPERUSER_ID and env.ref", src: script(
		"from odoo import SUPERUSER_ID, api",
		"",
		"",
		"def migrate(cr, version):",
		"    env = api.Environment(cr, SUPERUSER_ID, {})",
		"    company = env.ref(\"base.main_company\")",
		"    cr.execute(\"UPDATE res_partner SET company_id = %s WHERE company_id IS NULL\", (company.id,))",
	), want: []Need{ORM, SQL}, orm: []string{"5: api.Environment(cr, ...)", `6: env.ref("base.main_company")`}},
	{name: "Environment.manage block", src: script(
		"from odoo import api, SUPERUSER_ID",
		"",
		"",
		"def migrate(cr, version):",
		"    with api.Environment.manage():",
		"        env = api.Environment(cr, SUPERUSER_ID, {})",
		"        env['ir.config_parameter'].set_param('web.base.url.freeze', 'True')",
	), want: []Need{ORM}, orm: []string{"5: api.Environment.manage()", "6: api.Environment(cr, ...)", `7: env["ir.config_parameter"]`}},
	{name: "env.user and env.company", src: script(
		"from openupgradelib import openupgrade",
		"",
		"",
		"@openupgrade.migrate()",
		"def migrate(env, version):",
		"    lang = env.user.lang",
		"    company = env.company",
		"    env.cr.execute(\"UPDATE res_company SET x_lang = %s WHERE id = %s\", (lang, company.id))",
	), want: []Need{OpenUpgrade, ORM, SQL}, orm: []string{"6: env.user", "7: env.company"}},
	{name: "helper receives the decorator's env", src: script(
		"from openupgradelib import openupgrade",
		"",
		"",
		"def _fill_commercial_partner(e):",
		"    orders = e[\"sale.order\"].search([(\"partner_id\", \"!=\", False)])",
		"    orders._compute_commercial_partner()",
		"",
		"",
		"@openupgrade.migrate()",
		"def migrate(env, version):",
		"    _fill_commercial_partner(env)",
	), want: []Need{OpenUpgrade, ORM}, orm: []string{`5: e["sale.order"]`}},
	{name: "helper receives env by keyword", src: script(
		"from openupgradelib import openupgrade",
		"",
		"",
		"def _set_defaults(cr, target=None):",
		"    target[\"stock.picking.type\"].search([]).write({\"active\": True})",
		"",
		"",
		"@openupgrade.migrate()",
		"def migrate(env, version):",
		"    _set_defaults(env.cr, target=env)",
	), want: []Need{OpenUpgrade, ORM}, orm: []string{`5: target["stock.picking.type"]`}},
	{name: "openupgrade.load_data", src: script(
		"from openupgradelib import openupgrade",
		"",
		"",
		"@openupgrade.migrate()",
		"def migrate(env, version):",
		"    openupgrade.load_data(env.cr, \"sale_custom\", \"migrations/17.0.1.1.0/noupdate_changes.xml\")",
	), want: []Need{OpenUpgrade, ORM}, orm: []string{"6: openupgrade.load_data(env.cr, ...)"}},
	{name: "m2o_to_x2m takes a model", src: script(
		"from openupgradelib import openupgrade",
		"",
		"",
		"@openupgrade.migrate()",
		"def migrate(env, version):",
		"    openupgrade.m2o_to_x2m(",
		"        env.cr, env[\"res.partner\"], \"res_partner\", \"category_ids\", openupgrade.get_legacy_name(\"category_id\"))",
	), want: []Need{OpenUpgrade, ORM}, orm: []string{`6: openupgrade.m2o_to_x2m(env.cr, ...)`, `7: env["res.partner"]`}},
	{name: "util.iter_browse over util.env", src: script(
		"from odoo.upgrade import util",
		"",
		"",
		"def migrate(cr, version):",
		"    cr.execute(\"SELECT id FROM account_move WHERE state = 'posted'\")",
		"    ids = [r[0] for r in cr.fetchall()]",
		"    for move in util.iter_browse(util.env(cr)[\"account.move\"], ids):",
		"        move._compute_amount()",
	), want: []Need{ORM, SQL, UpgradeUtil}, orm: []string{"7: util.env(cr)", `7: util.env(cr)["account.move"]`, "7: util.iter_browse(..., ...)"}},
	{name: "util.recompute_fields without env", src: script(
		"from odoo.upgrade import util",
		"",
		"",
		"def migrate(cr, version):",
		"    util.recompute_fields(cr, \"sale.order\", [\"amount_total\", \"margin\"])",
	), want: []Need{ORM, UpgradeUtil}, orm: []string{"5: util.recompute_fields(cr, ...)"}},
	{name: "update_record_from_xml through the maintenance path", src: script(
		"from odoo.addons.base.maintenance.migrations import util",
		"",
		"",
		"def migrate(cr, version):",
		"    util.update_record_from_xml(cr, \"base.group_user\")",
	), want: []Need{ORM, UpgradeUtil}, orm: []string{`5: util.update_record_from_xml(cr, ...)`}},
	{name: "imports an addon's models", src: script(
		"from odoo.addons.sale.models.sale_order import SALE_ORDER_STATE",
		"",
		"",
		"def migrate(cr, version):",
		"    cr.execute(\"UPDATE sale_order SET state = 'sale' WHERE state = 'done'\")",
	), want: []Need{ORM, SQL}, orm: []string{"1: from odoo.addons.sale.models.sale_order import SALE_ORDER_STATE"}},
	{name: "odoo.registry and a second cursor", src: script(
		"import odoo",
		"",
		"",
		"def migrate(cr, version):",
		"    registry = odoo.registry(cr.dbname)",
		"    with registry.cursor() as new_cr:",
		"        new_cr.execute(\"SELECT 1\")",
	), want: []Need{ORM, SQL}, orm: []string{"5: odoo.registry(cr.dbname)", "6: registry.cursor()"}},
	{name: "old API pooler", src: script(
		"from openerp import pooler, SUPERUSER_ID",
		"",
		"",
		"def migrate(cr, version):",
		"    pool = pooler.get_pool(cr.dbname)",
		"    partner_obj = pool.get('res.partner')",
		"    ids = partner_obj.search(cr, SUPERUSER_ID, [('active', '=', False)])",
	), want: []Need{ORM, SQL}, orm: []string{`5: pooler.get_pool(cr.dbname)`, `6: pool.get("res.partner")`}},
	{name: "records.env in a helper without call sites", src: script(
		"def _reset(records):",
		"    records.env[\"ir.model.data\"].search([(\"res_id\", \"in\", records.ids)]).unlink()",
		"",
		"",
		"def migrate(cr, version):",
		"    cr.execute(\"DELETE FROM ir_model_data WHERE res_id IS NULL\")",
	), want: []Need{ORM, SQL}, orm: []string{`2: records.env["ir.model.data"]`}},
	{name: "delete_records_safely_by_xml_id", src: script(
		"from openupgradelib import openupgrade",
		"",
		"",
		"@openupgrade.migrate()",
		"def migrate(env, version):",
		"    openupgrade.delete_records_safely_by_xml_id(env, [\"sale_custom.old_rule\"])",
	), want: []Need{OpenUpgrade, ORM}, orm: []string{"6: openupgrade.delete_records_safely_by_xml_id(env, ...)"}},
	{name: "map_values written through the ORM", src: script(
		"from openupgradelib import openupgrade",
		"",
		"",
		"@openupgrade.migrate()",
		"def migrate(env, version):",
		"    openupgrade.map_values(env.cr, \"old_state\", \"state\", [(\"x\", \"y\")], env[\"sale.order\"], write=\"orm\")",
	), want: []Need{OpenUpgrade, ORM}, orm: []string{`6: env["sale.order"]`, "6: openupgrade.map_values(env.cr, ...)"}},
	{name: "convert_to_company_dependent reads the model's table", src: script(
		"from openupgradelib import openupgrade",
		"",
		"",
		"@openupgrade.migrate()",
		"def migrate(env, version):",
		"    openupgrade.convert_to_company_dependent(env, \"res.partner\", \"old_x\", \"x\")",
	), want: []Need{OpenUpgrade, ORM}, orm: []string{"6: openupgrade.convert_to_company_dependent(env, ...)"}},
	{name: "util.remove_field keeping attachments", src: script(
		"from odoo.upgrade import util",
		"",
		"",
		"def migrate(cr, version):",
		"    util.remove_field(cr, \"res.partner\", \"image_old\", keep_as_attachments=True)",
	), want: []Need{ORM, UpgradeUtil}, orm: []string{"5: util.remove_field(cr, ...)"}},
	{name: "f-string SQL and env index, parsed after the pre-pass", src: script(
		"from openupgradelib import openupgrade",
		"",
		"",
		"@openupgrade.migrate()",
		"def migrate(env, version):",
		"    table = env[\"res.partner\"]._table",
		"    env.cr.execute(f\"UPDATE {table} SET active = true\")",
	), want: []Need{OpenUpgrade, ORM, SQL}, orm: []string{`6: env["res.partner"]`}, method: ParsedAfterPrepass},
	{name: "walrus falls back to the token scan", src: script(
		"from openupgradelib import openupgrade",
		"",
		"",
		"@openupgrade.migrate()",
		"def migrate(env, version):",
		"    if (partners := env[\"res.partner\"].search([])):",
		"        partners.write({\"active\": True})",
	), want: []Need{OpenUpgrade, ORM}, orm: []string{`6: env["res.partner"]`}, method: Scanned},
	{name: "calling env for another context", src: script(
		"from openupgradelib import openupgrade",
		"",
		"",
		"@openupgrade.migrate()",
		"def migrate(env, version):",
		"    env = env(context=dict(env.context, active_test=False))",
		"    env.cr.execute(\"UPDATE res_partner SET active = true\")",
	), want: []Need{OpenUpgrade, ORM, SQL}, orm: []string{"6: env(...)"}},
	{name: "star import of openupgrade", src: script(
		"from openupgradelib.openupgrade import *",
		"",
		"",
		"@migrate()",
		"def migrate(env, version):",
		"    load_data(env, \"account_sync\", \"migrations/17.0.3.0.0/noupdate_changes.xml\")",
	), want: []Need{OpenUpgrade, ORM}, orm: []string{"6: load_data(env, ...)"}},
	{name: "Environment built in one branch", src: script(
		"from odoo import api, SUPERUSER_ID",
		"",
		"",
		"def migrate(cr, version):",
		"    env = None",
		"    if version:",
		"        env = api.Environment(cr, SUPERUSER_ID, {})",
		"    if env:",
		"        env[\"res.users\"].browse(SUPERUSER_ID).write({\"tz\": \"UTC\"})",
	), want: []Need{ORM}, orm: []string{"7: api.Environment(cr, ...)", `9: env["res.users"]`}},
	{name: "use_env=True", src: script(
		"from openupgradelib import openupgrade",
		"",
		"",
		"@openupgrade.migrate(use_env=True)",
		"def migrate(env, version):",
		"    env.ref(\"sale.email_template_edi_sale\").write({\"auto_delete\": True})",
	), major: 9, want: []Need{OpenUpgrade, ORM}, orm: []string{`6: env.ref("sale.email_template_edi_sale")`}},
	{name: "util.env imported under another name", src: script(
		"from odoo.upgrade.util import env as make_env",
		"",
		"",
		"def migrate(cr, version):",
		"    users = make_env(cr)[\"res.users\"]",
	), want: []Need{ORM, UpgradeUtil}, orm: []string{"5: make_env(cr)", `5: make_env(cr)["res.users"]`}},
	{name: "convert_file loads data through the ORM", src: script(
		"from odoo import tools",
		"",
		"",
		"def migrate(cr, version):",
		"    tools.convert_file(cr, \"stock_custom\", \"data/routes.xml\", {}, \"init\", False, \"data\")",
	), want: []Need{ORM}, orm: []string{`5: tools.convert_file(cr, ...)`}},
	{name: "env helper returned by the script's own function", src: script(
		"from odoo import api, SUPERUSER_ID",
		"",
		"",
		"def get_env(cr):",
		"    return api.Environment(cr, SUPERUSER_ID, {})",
		"",
		"",
		"def migrate(cr, version):",
		"    e = get_env(cr)",
		"    e[\"res.company\"].search([]).write({\"x_done\": True})",
	), want: []Need{ORM}, orm: []string{"5: api.Environment(cr, ...)", `10: e["res.company"]`}},

	// ---- no ORM ----
	{name: "raw SQL only", src: script(
		"def migrate(cr, version):",
		"    cr.execute(\"\"\"",
		"        UPDATE res_partner",
		"        SET name = name || '!'",
		"    \"\"\")",
	), want: []Need{SQL}},
	{name: "decorated env used for its cursor only", src: script(
		"from openupgradelib import openupgrade",
		"",
		"",
		"@openupgrade.migrate()",
		"def migrate(env, version):",
		"    openupgrade.rename_columns(env.cr, {\"sale_order\": [(\"old_ref\", \"client_order_ref\")]})",
		"    openupgrade.logged_query(env.cr, \"UPDATE sale_order SET note = NULL WHERE note = ''\")",
	), want: []Need{OpenUpgrade, SQL}},
	{name: "rename_fields takes env but needs no ORM", src: script(
		"from openupgradelib import openupgrade",
		"",
		"_field_renames = [(\"res.partner\", \"res_partner\", \"x_old\", \"x_new\")]",
		"",
		"",
		"@openupgrade.migrate()",
		"def migrate(env, version):",
		"    openupgrade.rename_fields(env, _field_renames)",
	), want: []Need{OpenUpgrade}},
	{name: "env is a plain dict", src: script(
		"def migrate(cr, version):",
		"    env = {\"company\": 1, \"lang\": \"en_US\"}",
		"    cr.execute(\"UPDATE res_partner SET lang = %s WHERE company_id = %s\", (env[\"lang\"], env[\"company\"]))",
	), want: []Need{SQL}},
	{name: "env is os.environ", src: script(
		"import os",
		"",
		"",
		"def migrate(cr, version):",
		"    env = os.environ",
		"    if env[\"MIGRATE_STAGE\"] == \"prod\":",
		"        cr.execute(\"UPDATE ir_cron SET active = false\")",
		"    stage = os.environ.get(\"STAGE\", \"dev\")",
	), want: []Need{SQL}},
	{name: "helper's env parameter only ever gets a dict", src: script(
		"def _vals(env):",
		"    return env[\"value\"]",
		"",
		"",
		"def migrate(cr, version):",
		"    cr.execute(\"UPDATE ir_config_parameter SET value = %s WHERE key = 'k'\", (_vals({\"value\": \"1\"}),))",
	), want: []Need{SQL}},
	{name: "undecorated migrate(env, version) gets a cursor", src: script(
		"def migrate(env, version):",
		"    env.execute(\"UPDATE res_users SET share = false WHERE share IS NULL\")",
	), want: []Need{SQL}},
	{name: "upgrade-util SQL helpers", src: script(
		"from odoo.upgrade import util",
		"",
		"",
		"def migrate(cr, version):",
		"    util.rename_field(cr, \"res.partner\", \"x_ref\", \"ref\")",
		"    util.remove_view(cr, \"sale_custom.report_view\")",
		"    util.remove_field(cr, \"res.partner\", \"x_old\")",
	), want: []Need{UpgradeUtil}},
	{name: "odoo.tools.sql helpers", src: script(
		"from odoo.tools.sql import column_exists, create_column",
		"",
		"",
		"def migrate(cr, version):",
		"    if not column_exists(cr, \"res_partner\", \"x_score\"):",
		"        create_column(cr, \"res_partner\", \"x_score\", \"int4\")",
		"    cr.execute(\"UPDATE res_partner SET x_score = 0\")",
	), want: []Need{ToolsSQL, SQL}},
	{name: "odoo.tools.SQL composable", src: script(
		"from odoo.tools import SQL",
		"",
		"",
		"def migrate(cr, version):",
		"    cr.execute(SQL(\"UPDATE %s SET active = %s\", SQL.identifier(\"res_partner\"), True))",
	), want: []Need{ToolsSQL, SQL}},
	{name: "api imported, only SUPERUSER_ID used", src: script(
		"from odoo import SUPERUSER_ID, api",
		"",
		"",
		"def migrate(cr, version):",
		"    cr.execute(\"UPDATE res_partner SET write_uid = %s WHERE write_uid IS NULL\", (SUPERUSER_ID,))",
	), want: []Need{SQL}},
	{name: "psycopg2.sql is not odoo.tools.sql", src: script(
		"from psycopg2 import sql",
		"",
		"",
		"def migrate(cr, version):",
		"    for table in (\"sale_order\", \"purchase_order\"):",
		"        cr.execute(sql.SQL(\"UPDATE {} SET x = NULL\").format(sql.Identifier(table)))",
	), want: []Need{SQL}},
	{name: "ORM words in comments and strings", src: script(
		"# Do not use util.env(cr) or env['res.partner'] here: the ORM is not loaded yet.",
		"def migrate(cr, version):",
		"    cr.execute(\"SELECT 'env[\\\"res.partner\\\"]', 'api.Environment(cr, 1, {})'\")",
	), want: []Need{SQL}},
	{name: "env is a loop variable over strings", src: script(
		"def migrate(cr, version):",
		"    for env in (\"prod\", \"staging\"):",
		"        cr.execute(\"DELETE FROM ir_config_parameter WHERE key = %s\", (env.upper(),))",
	), want: []Need{SQL}},
	{name: "explode_execute runs raw SQL", src: script(
		"from odoo.upgrade import util",
		"",
		"",
		"def migrate(cr, version):",
		"    util.explode_execute(cr, \"UPDATE res_partner SET active = true WHERE {parallel_filter}\", table=\"res_partner\")",
	), want: []Need{SQL, UpgradeUtil}},
	{name: "map_values through SQL, company_dependent with a table", src: script(
		"from openupgradelib import openupgrade",
		"",
		"",
		"@openupgrade.migrate()",
		"def migrate(env, version):",
		"    openupgrade.map_values(env.cr, \"old_state\", \"state\", [(\"x\", \"y\")], table=\"sale_order\")",
		"    openupgrade.convert_to_company_dependent(env, \"res.partner\", \"old_x\", \"x\", \"res_partner\")",
		"    openupgrade.deactivate_workflow_transitions(env.cr, \"sale.order\")",
	), want: []Need{OpenUpgrade}},
	{name: "use_env=False passes the cursor", src: script(
		"from openupgradelib import openupgrade",
		"",
		"",
		"@openupgrade.migrate(use_env=False)",
		"def migrate(cr, version):",
		"    cr.execute(\"UPDATE product_template SET type = 'consu' WHERE type IS NULL\")",
	), want: []Need{OpenUpgrade, SQL}},
	{name: "decorator before 10.0 passes the cursor", src: script(
		"from openupgradelib import openupgrade",
		"",
		"",
		"@openupgrade.migrate()",
		"def migrate(env, version):",
		"    env.execute(\"UPDATE product_template SET type = 'consu' WHERE type IS NULL\")",
	), major: 9, want: []Need{OpenUpgrade, SQL}},
	{name: "nothing at all", src: script(
		"def migrate(cr, version):",
		"    if not version:",
		"        return",
	), want: []Need{}},
	{name: "Python 2 print statement", src: script(
		"def migrate(cr, version):",
		"    print 'migrating'",
		"    cr.execute(\"UPDATE res_users SET active = true\")",
	), want: []Need{SQL}, method: Scanned},
	{name: "cursor methods", src: script(
		"def migrate(cr, version):",
		"    cr.execute(\"SELECT id, name FROM res_partner\")",
		"    rows = cr.dictfetchall()",
		"    if cr.rowcount:",
		"        cr.executemany(\"UPDATE res_partner SET name = %s WHERE id = %s\", [(r[\"name\"], r[\"id\"]) for r in rows])",
	), want: []Need{SQL}},
	{name: "vendor decorator with a cursor", src: script(
		"from odoo.addons.base.maintenance.migrations import util",
		"from .hooks import pre_step",
		"",
		"",
		"@pre_step(\"sale_custom\")",
		"def migrate(cr, installed_version):",
		"    cr.execute(\"UPDATE sale_order SET x = 1\")",
		"    util.force_noupdate(cr, \"sale_custom.rule\", True)",
	), want: []Need{SQL, UpgradeUtil}},
	{name: "env dict local to a helper, env from the decorator elsewhere", src: script(
		"from openupgradelib import openupgrade",
		"",
		"",
		"def _lang(cr):",
		"    env = {\"lang\": \"en_US\"}",
		"    cr.execute(\"UPDATE res_partner SET lang = %(lang)s WHERE lang IS NULL\", env)",
		"    return env[\"lang\"]",
		"",
		"",
		"@openupgrade.migrate()",
		"def migrate(env, version):",
		"    _lang(env.cr)",
		"    openupgrade.update_module_names(env.cr, [(\"sale_old\", \"sale_custom\")], merge_modules=True)",
	), want: []Need{OpenUpgrade, SQL}},
	{name: "tuple unpacking keeps a dict a dict", src: script(
		"def migrate(cr, version):",
		"    env, count = {\"k\": 1}, 0",
		"    cr.execute(\"SELECT %s\", (env[\"k\"],))",
	), want: []Need{SQL}},
}

func ormStrings(r Result) []string {
	var out []string
	for _, u := range r.ORM() {
		out = append(out, fmt.Sprintf("%d: %s", u.Line, u.Construct))
	}
	return out
}

func TestAnalyze(t *testing.T) {
	if len(needsCases) < 30 {
		t.Fatalf("only %d cases; the issue asks for at least 30", len(needsCases))
	}
	positives := 0
	for _, c := range needsCases {
		t.Run(c.name, func(t *testing.T) {
			major := c.major
			if major == 0 {
				major = 17
			}
			res := Analyze("script.py", []byte(c.src), Options{Major: major})
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
			method := c.method
			if method == "" {
				method = Parsed
			}
			if res.Method != method {
				t.Errorf("method = %q, want %q (fallback %q)", res.Method, method, res.Fallback)
			}
			if (res.Method == Scanned) != (res.Fallback != "") {
				t.Errorf("fallback %q with method %q", res.Fallback, res.Method)
			}
		})
		if len(c.orm) > 0 {
			positives++
		}
	}
	if positives < 10 || len(needsCases)-positives < 10 {
		t.Errorf("%d positive and %d negative cases: want both kinds", positives, len(needsCases)-positives)
	}
}
