package upgradeutil_test

import (
	"testing"

	"github.com/migrate-runner/migrate-runner/internal/hosttest"
)

// The fixture's modules: base, sale (on base) and x_custom (on sale)
// installed, crm (on base) not.
const moduleRows = `rows(cr, "SELECT name, state FROM ir_module_module ORDER BY id")`
const depRows = `rows(cr, "SELECT m.name, d.name FROM ir_module_module_dependency d JOIN ir_module_module m ON m.id = d.module_id ORDER BY d.id")`

func TestModuleHelpers(t *testing.T) {
	hosts := hosttest.Hosts(t)
	runCases(t, hosts, []hostCase{
		{name: "module_installed modules_installed", body: `
print(util.module_installed(cr, "sale"), util.module_installed(cr, "crm"), util.module_installed(cr, "nope"))
print(util.modules_installed(cr, "base", "sale"), util.modules_installed(cr, "base", "crm"), util.modules_installed(cr, "sale", "sale"))
try:
    util.modules_installed(cr)
except AssertionError:
    print("AssertionError")`,
			want: "True False False\nTrue False False\nAssertionError\n"},

		{name: "rename_module", body: `
cr.execute("UPDATE ir_ui_view SET key = 'sale.view_order_form' WHERE id = 1")
cr.execute("INSERT INTO ir_translation (name, lang, module, value) VALUES ('ir.ui.view,arch_db', 'fr_FR', 'sale', 'x')")
util.rename_module(cr, "sale", "sales")
print(` + moduleRows + `)
print(` + depRows + `)
print(rows(cr, "SELECT module, count(*) FROM ir_model_data GROUP BY module ORDER BY module"))
print(rows(cr, "SELECT module, name FROM ir_model_data WHERE model = 'ir.module.module'"))
print(rows(cr, "SELECT key FROM ir_ui_view WHERE id = 1"), rows(cr, "SELECT module FROM ir_translation"))`,
			want: `[('base', 'installed'), ('sales', 'installed'), ('x_custom', 'installed'), ('crm', 'uninstalled')]
[('sales', 'base'), ('x_custom', 'sales'), ('crm', 'base')]
[('base', 7), ('sales', 10), ('x_custom', 1)]
[('base', 'module_sales')]
[('sales.view_order_form',)] [('sales',)]
`},

		{name: "merge_module", body: `
# sale also names a record partner_vip: x_custom's record is merged into it.
cr.execute("INSERT INTO ir_model_data (module, name, model, res_id) VALUES ('sale', 'partner_vip', 'res.partner', 4)")
cr.execute("INSERT INTO ir_module_module_dependency (module_id, name) VALUES (4, 'x_custom')")
cr.execute("INSERT INTO ir_model_constraint (name, model, module, type) VALUES ('x_constraint', 1, 3, 'c')")
util.merge_module(cr, "x_custom", "sale")
util.merge_module(cr, "nope", "sale")
print(` + moduleRows + `)
print(` + depRows + `)
print(rows(cr, "SELECT id, partner_id FROM sale_order ORDER BY id"), rows(cr, "SELECT id FROM res_partner ORDER BY id"))
print(rows(cr, "SELECT model, res_id FROM mail_message ORDER BY id"))
print(rows(cr, "SELECT module, name, res_id FROM ir_model_data WHERE model = 'res.partner' ORDER BY id"))
print(rows(cr, "SELECT name, module FROM ir_model_constraint"))`,
			want: `[('base', 'installed'), ('sale', 'installed'), ('crm', 'uninstalled')]
[('sale', 'base'), ('crm', 'base'), ('crm', 'sale')]
[(1, 4), (2, 4), (3, 4)] [(1,), (2,), (4,)]
[('sale.order', 1), ('res.partner', 4)]
[('base', 'main_partner', 1), ('base', 'partner_admin', 2), ('sale', 'partner_vip', 4)]
[('x_constraint', 2)]
`},

		{name: "uninstall_module", body: `
cr.execute("INSERT INTO res_partner (name) VALUES ('Custom') RETURNING id")
[(pid,)] = cr.fetchall()
cr.execute("UPDATE ir_model_data SET res_id = %s WHERE name = 'partner_vip'", [pid])
cr.execute("INSERT INTO ir_model_data (module, name, model, res_id) VALUES ('x_custom', 'shared', 'res.partner', 1)")
cr.execute("""INSERT INTO ir_ui_view (name, model, type, arch_db) VALUES ('x.form', 'res.partner', 'form', '{"en_US": "<form/>"}') RETURNING id""")
[(vid,)] = cr.fetchall()
cr.execute("""INSERT INTO ir_ui_menu (name) VALUES ('{"en_US": "X"}') RETURNING id""")
[(menu,)] = cr.fetchall()
cr.execute("""INSERT INTO ir_model_data (module, name, model, res_id) VALUES ('x_custom', 'view_x', 'ir.ui.view', %s),
              ('x_custom', 'menu_x', 'ir.ui.menu', %s)""", [vid, menu])
cr.execute("ALTER TABLE res_partner ADD CONSTRAINT x_custom_rank_check CHECK (customer_rank >= 0)")
cr.execute("INSERT INTO ir_model_constraint (name, model, module, type) VALUES ('x_custom_rank_check', 1, 3, 'c')")
cr.execute("CREATE TABLE x_custom_rel (a int, b int)")
cr.execute("INSERT INTO ir_model_relation (name, model, module) VALUES ('x_custom_rel', 1, 3)")
cr.execute("INSERT INTO ir_translation (name, lang, module, value) VALUES ('x', 'fr_FR', 'x_custom', 'x')")
util.uninstall_module(cr, "x_custom")
util.uninstall_module(cr, "nope")
print(` + moduleRows + `)
print(rows(cr, "SELECT id FROM res_partner ORDER BY id"), rows(cr, "SELECT count(*) FROM ir_ui_view WHERE name = 'x.form'"),
      rows(cr, "SELECT count(*) FROM ir_ui_menu WHERE name->>'en_US' = 'X'"))
print(rows(cr, "SELECT count(*) FROM ir_model_data WHERE module = 'x_custom'"), rows(cr, "SELECT count(*) FROM ir_model_constraint"),
      rows(cr, "SELECT count(*) FROM ir_model_relation"), rows(cr, "SELECT count(*) FROM ir_translation"))
print(util.table_exists(cr, "x_custom_rel"))`,
			want: `[('base', 'installed'), ('sale', 'installed'), ('x_custom', 'uninstalled'), ('crm', 'uninstalled')]
[(1,), (2,), (3,), (4,)] [(0,)] [(0,)]
[(0,)] [(0,)] [(0,)] [(0,)]
False
`,
			absent: []string{"x_custom_rank_check"}},

		{name: "uninstall_module removes its fields through remove_field", body: `
cr.execute("INSERT INTO res_partner (name) VALUES ('Custom') RETURNING id")
[(pid,)] = cr.fetchall()
cr.execute("UPDATE ir_model_data SET res_id = %s WHERE name = 'partner_vip'", [pid])
cr.execute("ALTER TABLE res_partner ADD COLUMN x_vip boolean")
# Odoo's ir_model_fields.domain, which remove_field reads and the fixture lacks.
cr.execute("ALTER TABLE ir_model_fields ADD COLUMN domain varchar DEFAULT '[]'")
cr.execute("""INSERT INTO ir_model_fields (name, model, model_id, field_description, ttype, state)
              VALUES ('x_vip', 'res.partner', 1, '{"en_US": "VIP"}', 'boolean', 'base') RETURNING id""")
[(fid,)] = cr.fetchall()
cr.execute("INSERT INTO ir_model_data (module, name, model, res_id) VALUES ('x_custom', 'field_res_partner__x_vip', 'ir.model.fields', %s)", [fid])
util.uninstall_module(cr, "x_custom")
print(util.column_exists(cr, "res_partner", "x_vip"), rows(cr, "SELECT count(*) FROM ir_model_fields WHERE name = 'x_vip'"))
print(rows(cr, "SELECT count(*) FROM ir_model_data WHERE module = 'x_custom'"), rows(cr, "SELECT state FROM ir_module_module WHERE name = 'x_custom'"))`,
			want: "False [(0,)]\n[(0,)] [('uninstalled',)]\n"},

		{name: "remove_module", body: `
cr.execute("INSERT INTO res_partner (name) VALUES ('Custom') RETURNING id")
[(pid,)] = cr.fetchall()
cr.execute("UPDATE ir_model_data SET res_id = %s WHERE name = 'partner_vip'", [pid])
cr.execute("INSERT INTO ir_model_data (module, name, model, res_id) VALUES ('base', 'module_x_custom', 'ir.module.module', 3)")
cr.execute("INSERT INTO ir_module_module_dependency (module_id, name) VALUES (4, 'x_custom')")
util.remove_module(cr, "x_custom")
print(` + moduleRows + `)
print(` + depRows + `)
print(rows(cr, "SELECT module, name FROM ir_model_data WHERE model = 'ir.module.module' OR module = 'x_custom'"), rows(cr, "SELECT count(*) FROM res_partner"))`,
			want: `[('base', 'installed'), ('sale', 'installed'), ('crm', 'uninstalled')]
[('sale', 'base'), ('crm', 'base')]
[('base', 'module_sale')] [(4,)]
`},

		{name: "new_module", body: `
cr.execute("CREATE TABLE ir_module_category (id serial PRIMARY KEY, name jsonb NOT NULL, parent_id int)")
util.new_module(cr, "x_new", deps=("base", "sale"), auto_install=True)
util.new_module(cr, "x_cat", category="Sales/Extra Tools")
util.new_module(cr, "crm", deps=("sale",))
try:
    util.new_module(cr, "x_bad", deps=("nope", "base", "gone"))
except AssertionError as e:
    print("AssertionError:", e)
print(rows(cr, "SELECT name, state, auto_install, demo, category_id FROM ir_module_module WHERE id > 3 ORDER BY id"))
print(` + depRows + `)
print(rows(cr, "SELECT m.name, d.auto_install_required FROM ir_module_module_dependency d JOIN ir_module_module m ON m.id = d.module_id WHERE m.name = 'x_new' ORDER BY d.id"))
print(rows(cr, "SELECT module, name, noupdate FROM ir_model_data WHERE model IN ('ir.module.module', 'ir.module.category') ORDER BY id"))
print(rows(cr, "SELECT id, name, parent_id FROM ir_module_category ORDER BY id"))`,
			want: `AssertionError: Unexisting modules: gone, nope
[('crm', 'uninstalled', False, False, None), ('x_new', 'to install', True, False, None), ('x_cat', 'uninstalled', False, False, 2)]
[('sale', 'base'), ('x_custom', 'sale'), ('x_new', 'base'), ('x_new', 'sale'), ('crm', 'sale')]
[('x_new', True), ('x_new', True)]
[('base', 'module_sale', True), ('base', 'module_x_new', True), ('base', 'module_x_cat', True), ('base', 'module_category_sales', True), ('base', 'module_category_sales_extra_tools', True)]
[(1, {'en_US': 'Sales'}, None), (2, {'en_US': 'Extra Tools'}, 1)]
`},

		{name: "new_module_dep remove_module_deps module_deps_diff", body: `
util.new_module_dep(cr, "x_custom", "crm")
print(` + moduleRows + `)
util.remove_module_deps(cr, "x_custom", ("crm", "nope"))
util.module_deps_diff(cr, "crm", plus=("sale",), minus=("base",))
print(` + depRows + `)
for args in [("x_custom", 5), ("x_custom", "nope")]:
    try:
        util.new_module_dep(cr, *args)
    except AssertionError as e:
        print("AssertionError:", e)
try:
    util.remove_module_deps(cr, "x_custom", "crm")
except AssertionError as e:
    print("AssertionError:", e)`,
			want: `[('base', 'installed'), ('sale', 'installed'), ('x_custom', 'installed'), ('crm', 'to install')]
[('sale', 'base'), ('x_custom', 'sale'), ('crm', 'sale')]
AssertionError: 
AssertionError: Unexisting modules: nope
AssertionError: 
`},

		{name: "force_install_module", body: `
cr.execute("INSERT INTO ir_module_module (name, state, auto_install) VALUES ('crm_sale', 'uninstalled', true), ('x_other', 'uninstalled', false)")
cr.execute("INSERT INTO ir_module_module_dependency (module_id, name) VALUES (5, 'crm'), (5, 'sale'), (6, 'base')")
print(util.force_install_module(cr, "crm"))
# base depends on nothing: the recursive query finds no row for it.
print(util.force_install_module(cr, "base"))
print(util.force_install_module(cr, "x_other", if_installed=["nope"]))
print(` + moduleRows + `)`,
			want: `to install
None
None
[('base', 'installed'), ('sale', 'installed'), ('x_custom', 'installed'), ('crm', 'to install'), ('crm_sale', 'to install'), ('x_other', 'uninstalled')]
`},
	})
}
