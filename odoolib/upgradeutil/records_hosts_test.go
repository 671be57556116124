package upgradeutil_test

import (
	"testing"

	"github.com/migrate-runner/migrate-runner/internal/hosttest"
)

func TestRecordHelpers(t *testing.T) {
	hosts := hosttest.Hosts(t)
	runCases(t, hosts, []hostCase{
		{name: "ref", body: `
print(util.ref(cr, "base.main_partner"), util.ref(cr, "sale.view_order_form"), util.ref(cr, "base.nope"))
try:
    util.ref(cr, "main_partner")
except ValueError as e:
    print("ValueError:", e)`,
			want: "1 1 None\nValueError: Please use fully qualified name <module>.<name>\n"},

		{name: "force_noupdate", body: `
print(util.force_noupdate(cr, "sale.view_order_form"), util.force_noupdate(cr, "sale.view_order_form"),
      util.force_noupdate(cr, "base.main_partner", False), util.force_noupdate(cr, "base.nope"))
print(rows(cr, "SELECT name, noupdate FROM ir_model_data WHERE name IN ('view_order_form', 'main_partner') ORDER BY name"))`,
			want: "1 0 1 0\n[('main_partner', False), ('view_order_form', True)]\n"},

		{name: "rename_xmlid", body: `
print(util.rename_xmlid(cr, "x_custom.partner_vip", "sale.partner_vip", noupdate=True))
print(util.rename_xmlid(cr, "base.nope", "base.nope2"))
print(rows(cr, "SELECT module, name, model, res_id, noupdate FROM ir_model_data WHERE res_id = 3 AND model = 'res.partner'"))
for old, new, kw in [("base.main_partner", "base.main_partner", {}), ("base.main_partner", "main", {}),
                     ("base.main_partner", "base.x", {"on_collision": "skip"})]:
    try:
        util.rename_xmlid(cr, old, new, **kw)
    except ValueError as e:
        print("ValueError:", e)
for old, new, kw in [("base.main_partner", "base.partner_admin", {}),
                     ("base.user_admin", "base.partner_admin", {"on_collision": "merge"})]:
    try:
        util.rename_xmlid(cr, old, new, **kw)
    except Exception as e:
        print(type(e).__name__, e)`,
			want: `3
None
[('sale', 'partner_vip', 'res.partner', 3, True)]
ValueError: Cannot rename an XMLID to itself
ValueError: Please use fully qualified name <module>.<name>
ValueError: Invalid value for the ` + "`on_collision`" + ` argument: 'skip'
UpgradeError Can't rename base.main_partner to base.partner_admin as it already exists
UpgradeError Model mismatch while renaming xmlid base.user_admin. res.users to res.partner
`},

		{name: "rename_xmlid merge replaces references", body: `
cr.execute("INSERT INTO mail_message (model, res_id, body) VALUES ('res.partner', 2, 'hi admin')")
cr.execute("INSERT INTO ir_attachment (name, res_model, res_id) VALUES ('avatar.png', 'res.partner', 2)")
cr.execute("UPDATE res_partner SET parent_id = 2 WHERE id = 4")
cr.execute("INSERT INTO ir_default (field_id, json_value) VALUES (5, '2')")
print(util.rename_xmlid(cr, "base.partner_admin", "base.main_partner", noupdate=False, on_collision="merge"))
print(rows(cr, "SELECT id, partner_id FROM res_users"))
print(rows(cr, "SELECT id, parent_id FROM res_partner ORDER BY id"))
print(rows(cr, "SELECT model, res_id, body FROM mail_message ORDER BY id"))
print(rows(cr, "SELECT name, res_model, res_id FROM ir_attachment ORDER BY id"))
print(rows(cr, "SELECT field_id, json_value FROM ir_default ORDER BY id"))
print(rows(cr, "SELECT module, name, res_id, noupdate FROM ir_model_data WHERE model = 'res.partner' ORDER BY id"))`,
			want: `1
[(1, 1)]
[(1, None), (2, None), (3, None), (4, 1)]
[('sale.order', 1, 'Order confirmed'), ('res.partner', 3, 'Hello'), ('res.partner', 1, 'hi admin')]
[('quote.pdf', 'sale.order', 1), ('avatar.png', 'res.partner', 1)]
[(7, '"draft"'), (5, '1')]
[('base', 'main_partner', 1, False), ('x_custom', 'partner_vip', 3, False)]
`},

		{name: "rename_xmlid follows _inherits", body: `
cr.execute("""INSERT INTO ir_model_data (module, name, model, res_id, noupdate)
              VALUES ('base', 'user_admin_res_partner', 'res.partner', 2, true)""")
print(util.rename_xmlid(cr, "base.user_admin", "base.user_root"))
print(rows(cr, "SELECT name, model, res_id FROM ir_model_data WHERE name LIKE 'user_%' ORDER BY name"))`,
			want: "1\n[('user_root', 'res.users', 1), ('user_root_res_partner', 'res.partner', 2)]\n"},

		{name: "rename_xmlid of a view follows keys and t-calls", body: `
cr.execute("UPDATE ir_ui_view SET key = 'sale.view_order_form' WHERE id = 1")
cr.execute("""INSERT INTO ir_ui_view (name, type, key, arch_db) VALUES ('page', 'qweb', 'x.page',
              '{"en_US": "<t t-name=\\"x.page\\"><t t-call=\\"sale.view_order_form\\"/></t>",
                "fr_FR": "<t t-name=\\"x.page\\"><t t-call=''sale.view_order_form''/><p>Bonjour</p></t>"}')""")
print(util.rename_xmlid(cr, "sale.view_order_form", "sale.view_order_form_v2"))
print(rows(cr, "SELECT id, key FROM ir_ui_view ORDER BY id"))
print(rows(cr, "SELECT arch_db->>'en_US', arch_db->>'fr_FR' FROM ir_ui_view WHERE key = 'x.page'"))`,
			want: `1
[(1, 'sale.view_order_form_v2'), (2, None), (3, 'x.page')]
[('<t t-name="x.page"><t t-call="sale.view_order_form_v2"/></t>', '<t t-name="x.page"><t t-call=\'sale.view_order_form_v2\'/><p>Bonjour</p></t>')]
`},

		{name: "ensure_xmlid_match_record", body: `
print(util.ensure_xmlid_match_record(cr, "x_custom.plain", "res.partner", {"name": "Plain Customer", "ref": None}))
print(util.ensure_xmlid_match_record(cr, "base.main_partner", "res.partner", {"name": "VIP Customer"}))
print(util.ensure_xmlid_match_record(cr, "base.main_partner", "res.partner", {"ref": "VIP"}))
print(util.ensure_xmlid_match_record(cr, "x_custom.nobody", "res.partner", {"name": "Nobody"}))
print(util.ensure_xmlid_match_record(cr, "sale.menu_sale_root", "ir.ui.menu", {"name": "Sales"}))
print(rows(cr, "SELECT module, name, res_id, noupdate FROM ir_model_data WHERE name IN ('plain', 'main_partner', 'nobody') ORDER BY id"))`,
			want: "4\n3\n3\nNone\n1\n[('base', 'main_partner', 3, True), ('x_custom', 'plain', 4, True)]\n"},

		{name: "is_changed", body: `
cr.execute("UPDATE ir_ui_view SET write_date = create_date + interval '1 hour' WHERE id = 1")
print(util.is_changed(cr, "sale.view_order_form"), util.is_changed(cr, "sale.view_order_form_inherit"), util.is_changed(cr, "sale.nope"))
print(util.is_changed(cr, "sale.view_order_form", interval="2 hours"))
# Written after the upgrade started: not a customization.
cr.execute("INSERT INTO ir_config_parameter (key, value) VALUES ('upgrade.start.time', '2000-01-01 00:00:00')")
print(util.is_changed(cr, "sale.view_order_form"))`,
			want: "True False None\nFalse\nFalse\n"},

		{name: "remove_record and remove_records", body: `
cr.execute("INSERT INTO res_partner (name) VALUES ('Temp') RETURNING id")
[(pid,)] = cr.fetchall()
cr.execute("INSERT INTO ir_model_data (module, name, model, res_id) VALUES ('x_custom', 'temp', 'res.partner', %s)", [pid])
cr.execute("INSERT INTO mail_message (model, res_id, body) VALUES ('res.partner', %s, 'bye')", [pid])
cr.execute("INSERT INTO mail_followers (res_model, res_id, partner_id) VALUES ('res.partner', %s, 1)", [pid])
cr.execute("INSERT INTO ir_attachment (name, res_model, res_id) VALUES ('temp.pdf', 'res.partner', %s)", [pid])
# A reference field naming the partner: its record goes too.
cr.execute("CREATE TABLE x_holder (id serial PRIMARY KEY, target varchar)")
cr.execute("INSERT INTO x_holder (target) VALUES (%s), ('res.partner,1')", ["res.partner,%s" % pid])
cr.execute("""INSERT INTO ir_model (model, name) VALUES ('x.holder', '{"en_US": "Holder"}') RETURNING id""")
[(mid,)] = cr.fetchall()
cr.execute("""INSERT INTO ir_model_fields (name, model, model_id, field_description, ttype)
              VALUES ('target', 'x.holder', %s, '{"en_US": "Target"}', 'reference')""", [mid])
print(util.remove_record(cr, "x_custom.temp"), util.remove_record(cr, "x_custom.nope"))
print(rows(cr, "SELECT count(*) FROM res_partner WHERE name = 'Temp'"), rows(cr, "SELECT target FROM x_holder"))
print(rows(cr, "SELECT model, res_id FROM mail_message ORDER BY id"), rows(cr, "SELECT res_model, res_id FROM mail_followers ORDER BY id"))
print(rows(cr, "SELECT name FROM ir_attachment ORDER BY id"), rows(cr, "SELECT count(*) FROM ir_model_data WHERE name = 'temp'"))
# res.users delegates to res.partner: removing the partner removes the user first.
util.remove_record(cr, ("res.partner", 2))
print(rows(cr, "SELECT count(*) FROM res_users"), rows(cr, "SELECT name FROM ir_model_data WHERE name IN ('partner_admin', 'user_admin')"))
util.remove_records(cr, "res.partner", [])
for bad in [["res.partner", 4], ("res.partner",), "nodot"]:
    try:
        util.remove_record(cr, bad)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)`,
			want: `None None
[(0,)] [('res.partner,1',)]
[('sale.order', 1), ('res.partner', 3)] [('sale.order', 1)]
[('quote.pdf',)] [(0,)]
[(0,)] []
TypeError Either use a fully qualified xmlid string <module>.<name> or a 2-tuple (<model>, <res_id>)
ValueError Please use a 2-tuple (<model>, <res_id>)
ValueError Please use fully qualified name <module>.<name>
`},

		{name: "remove_record dispatches views menus groups", body: `
cr.execute("INSERT INTO ir_model_data (module, name, model, res_id) VALUES ('base', 'group_user', 'res.groups', 1)")
util.remove_record(cr, "sale.view_order_form")
util.remove_record(cr, "sale.menu_sale_root")
util.remove_record(cr, "base.group_user")
print(rows(cr, "SELECT count(*) FROM ir_ui_view"), rows(cr, "SELECT count(*) FROM ir_ui_menu"), rows(cr, "SELECT count(*) FROM res_groups"))
print(rows(cr, "SELECT module || '.' || name FROM ir_model_data WHERE model IN ('ir.ui.view', 'ir.ui.menu', 'res.groups')"))`,
			want: "[(0,)] [(0,)] [(0,)]\n[]\n"},

		{name: "remove_records in chunks of 1000", body: `
cr.execute("INSERT INTO res_partner (name) SELECT 'bulk' || i FROM generate_series(1, 1000) i")
cr.execute("""INSERT INTO ir_model_data (module, name, model, res_id)
              SELECT 'x_custom', 'bulk_' || id, 'res.partner', id FROM res_partner WHERE name LIKE 'bulk%'""")
ids = [i for (i,) in rows(cr, "SELECT id FROM res_partner WHERE name LIKE 'bulk%'")]
util.remove_records(cr, "res.partner", ids)
print(len(ids), rows(cr, "SELECT count(*) FROM res_partner"), rows(cr, "SELECT count(*) FROM ir_model_data WHERE name LIKE 'bulk%'"))
# More than one chunk goes through parallel_execute, which commits: the
# test cursor refuses that, before any row is deleted.
cr.execute("INSERT INTO res_partner (name) SELECT 'more' || i FROM generate_series(1, 1001) i")
try:
    util.remove_records(cr, "res.partner", [i for (i,) in rows(cr, "SELECT id FROM res_partner WHERE name LIKE 'more%'")])
except Exception as e:
    print(type(e).__name__, "parallel_execute" in str(e))
print(rows(cr, "SELECT count(*) FROM res_partner"))`,
			want: "1000 [(4,)] [(0,)]\nProgrammingError True\n[(1005,)]\n"},

		{name: "remove_view", body: `
cr.execute("""INSERT INTO ir_ui_view (name, model, type, inherit_id, mode, arch_db)
              VALUES ('custom.child', 'sale.order', 'form', 1, 'extension', '{"en_US": "<data/>"}')""")
cr.execute("""INSERT INTO ir_ui_view (name, type, key, arch_db) VALUES ('page', 'qweb', 'x.page',
              '{"en_US": "<t t-name=\\"x.page\\"><div>a</div><t t-call=\\"sale.view_order_form\\"/> tail<b/></t>",
                "fr_FR": "<t t-name=\\"x.page\\"><div>b</div><t t-call=\\"sale.view_order_form\\"/> queue<b/></t>"}')""")
util.remove_view(cr, "sale.view_order_form")
print(rows(cr, "SELECT id, name, inherit_id, mode, active FROM ir_ui_view ORDER BY id"))
print(rows(cr, "SELECT arch_db->>'en_US', arch_db->>'fr_FR' FROM ir_ui_view WHERE key = 'x.page'"))
print(rows(cr, "SELECT name FROM ir_model_data WHERE model = 'ir.ui.view'"))
util.remove_view(cr, view_id=3)
print(rows(cr, "SELECT id FROM ir_ui_view ORDER BY id"))
for kw in [{}, {"xml_id": "sale.x", "view_id": 4}]:
    try:
        util.remove_view(cr, **kw)
    except AssertionError:
        print("AssertionError")
try:
    util.remove_view(cr, "base.main_partner")
except ValueError as e:
    print("ValueError:", e)`,
			want: `[(3, 'custom.child - old view, inherited from sale.view_order_form', None, 'primary', False), (4, 'page', None, 'primary', True)]
[('<t t-name="x.page"><div>a</div><b/></t>', '<t t-name="x.page"><div>b</div><b/></t>')]
[]
[(4,)]
AssertionError
AssertionError
ValueError: 'base.main_partner' should point to a 'ir.ui.view', not a 'res.partner'
`},

		{name: "remove_view removes website copies", body: `
cr.execute("UPDATE ir_ui_view SET key = 'sale.view_order_form' WHERE id = 1")
cr.execute("""INSERT INTO ir_ui_view (name, type, key, arch_db) VALUES ('sale.order.form (website 1)', 'form', 'sale.view_order_form', '{"en_US": "<form/>"}')""")
util.remove_view(cr, "sale.view_order_form")
print(rows(cr, "SELECT count(*) FROM ir_ui_view"))`,
			want: "[(0,)]\n"},

		{name: "rename_xmlid merge recomputes parent_path", body: `
cr.execute("""INSERT INTO ir_model (model, name) VALUES ('ir.ui.menu', '{"en_US": "Menu"}')""")
cr.execute("""INSERT INTO ir_ui_menu (name, parent_id, parent_path) VALUES ('{"en_US": "Lines"}', 2, '1/2/3/')""")
print(util.rename_xmlid(cr, "sale.menu_sale_orders", "sale.menu_sale_root", on_collision="merge"))
print(rows(cr, "SELECT id, parent_id, parent_path FROM ir_ui_menu ORDER BY id"))
print(rows(cr, "SELECT name FROM ir_model_data WHERE model = 'ir.ui.menu'"))
# A loop in the hierarchy: upgrade-util breaks it first, migrate-runner refuses.
cr.execute("""INSERT INTO ir_ui_menu (id, name, parent_id) VALUES (4, '{"en_US": "A"}', NULL), (5, '{"en_US": "B"}', 4), (6, '{"en_US": "C"}', NULL)""")
cr.execute("UPDATE ir_ui_menu SET parent_id = 5 WHERE id = 4")
cr.execute("INSERT INTO ir_model_data (module, name, model, res_id) VALUES ('x_custom', 'menu_c', 'ir.ui.menu', 6)")
try:
    util.rename_xmlid(cr, "x_custom.menu_c", "sale.menu_sale_root", on_collision="merge")
except NotImplementedError as e:
    print("NotImplementedError:", e)`,
			want: `1
[(1, None, '1/'), (2, 1, '1/2/'), (3, 1, '1/3/')]
[('menu_sale_root',)]
NotImplementedError: ir_ui_menu has a recursive loop through parent_id (record 4): upgrade-util breaks such loops before computing parent_path, which migrate-runner does not implement
`},

		{name: "remove_menus", body: `
util.remove_menus(cr, [1])
util.remove_menus(cr, [])
print(rows(cr, "SELECT count(*) FROM ir_ui_menu"), rows(cr, "SELECT count(*) FROM ir_model_data WHERE model = 'ir.ui.menu'"))`,
			want: "[(0,)] [(0,)]\n"},

		{name: "remove_group", body: `
cr.execute("INSERT INTO ir_model_data (module, name, model, res_id) VALUES ('base', 'group_user', 'res.groups', 1)")
cr.execute("ALTER TABLE ir_model_access ADD FOREIGN KEY (group_id) REFERENCES res_groups ON DELETE RESTRICT")
cr.execute("INSERT INTO ir_model_access (name, model_id, group_id) VALUES ('access_partner', 1, 1)")
cr.execute("CREATE TABLE x_group_holder (id serial PRIMARY KEY, group_id int REFERENCES res_groups ON DELETE RESTRICT)")
cr.execute("INSERT INTO x_group_holder (group_id) VALUES (1)")
try:
    util.remove_group(cr, "base.group_user")
except Exception as e:
    print(type(e).__name__, e)
cr.execute("DELETE FROM x_group_holder")
util.remove_group(cr, group_id=1)
print(rows(cr, "SELECT count(*) FROM res_groups"), rows(cr, "SELECT count(*) FROM ir_model_access"), rows(cr, "SELECT count(*) FROM ir_model_data WHERE name = 'group_user'"))`,
			want: `UpgradeError 
The following 'table (column) - records count' are referencing the group 'Sales / User' and cannot be removed automatically:
 - x_group_holder (group_id) - 1 record(s)
Please remove them manually or remove the foreign key constraints set as RESTRICT.
[(0,)] [(0,)] [(0,)]
`},
	})
}
