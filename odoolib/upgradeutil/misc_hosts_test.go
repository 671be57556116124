package upgradeutil_test

import (
	"testing"

	"github.com/migrate-runner/migrate-runner/internal/hosttest"
)

func TestUtilityHelpers(t *testing.T) {
	hosts := hosttest.Hosts(t)
	runCases(t, hosts, []hostCase{
		{name: "table_of_model model_of_table", body: `
print(util.table_of_model(cr, "res.partner"), util.table_of_model(cr, "ir.actions.act_window"), util.table_of_model(cr, "ir.actions.report"))
print(util.model_of_table(cr, "sale_order_line"), util.model_of_table(cr, "ir_act_window"), util.model_of_table(cr, "ir_act_report_xml"))
# Not in ir_model: underscores become dots.
print(util.model_of_table(cr, "x_unknown_table"))`,
			want: "res_partner ir_act_window ir_act_report_xml\nsale.order.line ir.actions.act_window ir.actions.report\nx.unknown.table\n"},

		{name: "ORM entry points raise OrmUnavailable", body: `
import migrate_runner
for call in [lambda: util.env(cr), lambda: util.iter_browse(None, [1, 2]),
             lambda: util.recompute_fields(cr, "res.partner", ["display_name"]),
             lambda: util.update_record_from_xml(cr, "sale.view_order_form")]:
    try:
        call()
    except migrate_runner.OrmUnavailable as e:
        print(str(e).split(" needs ")[0])`,
			// The hosts name the script and line.
			want: "post-test.py:13: util.env(cr)\npost-test.py:13: util.iter_browse(model, ids)\n" +
				"post-test.py:14: util.recompute_fields(cr, 'res.partner', ['display_name'])\n" +
				"post-test.py:15: util.update_record_from_xml(cr, 'sale.view_order_form')\n"},

		{name: "the old import path", body: `
from odoo.addons.base.maintenance.migrations import util as old_util
from odoo.addons.base.maintenance.migrations.util import ref
print(old_util.ref(cr, "base.main_partner"), ref(cr, "base.partner_admin"))`,
			want: "1 2\n"},
	})
}

// version_gte and version_between compare with the target series, which
// the host passes with the script.
func TestVersionHelpers(t *testing.T) {
	hosts := hosttest.Hosts(t)
	body := `
print(util.version_gte("16.0"), util.version_gte("17.0"), util.version_gte("saas~17.1"), util.version_gte("18.0"))
print(util.version_between("16.0", "17.0"), util.version_between("saas~16.1", "saas~17.4"), util.version_between("18.0", "19.0"))
try:
    util.version_gte("17-0")
except ValueError as e:
    print("ValueError:", e)`
	runCases(t, hosts, []hostCase{
		{name: "17.0", major: 17, body: body, want: "True True False False\nTrue True False\nValueError: version cannot contains dash\n"},
		{name: "16.0", major: 16, body: body, want: "True False False False\nTrue False False\nValueError: version cannot contains dash\n"},
		{name: "18.0", major: 18, body: body, want: "True True True True\nFalse False True\nValueError: version cannot contains dash\n"},
	})
}
