package openupgrade_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/migrate-runner/migrate-runner/internal/hosttest"
)

// prelude is every case's header: the imports and show(), which prints
// the rows of a query (the rows a helper left, checked in the wanted
// output).
const prelude = `
import migrate_runner
from openupgradelib import openupgrade

def show(cr, query):
    cr.execute(query)
    print(cr.fetchall())

def attempt(f, *args):
    try:
        call(f, *args)
    except Exception as e:
        print(type(e).__name__ + ": " + str(e))

def guarded(cr, f, *args):
    # attempt() inside a savepoint: a database error leaves the
    # transaction usable.
    try:
        with cr.savepoint():
            call(f, *args)
    except Exception as e:
        print(type(e).__name__ + ": " + str(e))

def call(f, *args):
    return f(*args)
`

// callLine is the line of call()'s f(*args) in the scripts: where a
// helper that call() runs raises, the line an OrmUnavailable names.
var callLine = 1 + strings.Count(prelude[:strings.Index(prelude, "return f(*args)")], "\n")

type helperCase struct {
	name  string
	major int // 17 when 0
	src   string
	want  string
}

// The SQL-level helpers through both hosts, on the Odoo-shaped fixture:
// what each returns and the rows and columns it leaves.
func TestHelpers(t *testing.T) {
	hosts := hosttest.Hosts(t)
	for _, c := range helperCases {
		t.Run(c.name, func(t *testing.T) {
			major := c.major
			if major == 0 {
				major = 17
			}
			r := hosttest.Parity(t, hosts, major, prelude+c.src, hosttest.OdooSchema())
			if r.Outcome.Status != "ok" {
				t.Fatalf("%s\n%s%s", r.Outcome.Status, r.Outcome.Stdout, r.Outcome.Traceback)
			}
			want := strings.TrimSpace(strings.ReplaceAll(c.want, "{call}", strconv.Itoa(callLine)))
			if got := strings.TrimSpace(r.Outcome.Stdout); got != want {
				t.Errorf("printed:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

var helperCases = []helperCase{
	{name: "logged_query", src: `
def migrate(cr, version):
    print(openupgrade.logged_query(cr, "UPDATE res_partner SET ref = 'X' WHERE id IN %s", [(1, 2)]))
    show(cr, "SELECT id, ref FROM res_partner ORDER BY id")
    openupgrade.logged_query(cr, "SELECT 'a%%'")
    print(cr.fetchall())
    openupgrade.logged_query(cr, "SELECT 'a%%', %(x)s", {"x": 5})
    print(cr.fetchall())
    print(openupgrade.logged_query(cr, "CREATE TABLE ou_t (id int)"))
    print(openupgrade.logged_query(cr, "UPDATE res_partner SET ref = ref WHERE false", skip_no_result=True))
    print(openupgrade.logged_query(cr, query="DELETE FROM ou_t"))
    attempt(openupgrade.logged_query, cr, "SELECT 1", 7)
`, want: `
2
[(1, 'X'), (2, 'X'), (3, 'VIP'), (4, None)]
[('a%%',)]
[('a%', 5)]
-1
0
0
ValueError: SQL query parameters should be a tuple, list or dict; got 7
`},
	{name: "logged_query of an odoo.tools.SQL", src: `
from odoo.tools import SQL

def migrate(cr, version):
    attempt(openupgrade.logged_query, cr, SQL("SELECT %s", 1))
`, want: `AssertionError: Unexpected parameters for SQL query object`},
	{name: "table_exists and column_exists", src: `
from openupgradelib import openupgrade_tools

def migrate(cr, version):
    cr.execute("CREATE VIEW ou_v AS SELECT 1 AS x")
    for t in ["res_partner", "ou_v", "res_partner_pkey", "res_partner_id_seq", "nope"]:
        print(t, openupgrade.table_exists(cr, t), openupgrade_tools.table_exists(cr, t))
    for t, c in [("res_partner", "ref"), ("res_partner", "nope"), ("res_partner", "ctid"), ("nope", "id"), ("ou_v", "x")]:
        print(t, c, openupgrade.column_exists(cr, t, c), openupgrade_tools.column_exists(cr, t, c))
    cr.execute("CREATE SCHEMA ou_other; CREATE TABLE ou_other.res_partner (id int)")
    guarded(cr, openupgrade.column_exists, cr, "res_partner", "id")
`, want: `
res_partner (1,) (1,)
ou_v (1,) (1,)
res_partner_pkey (1,) (1,)
res_partner_id_seq (1,) (1,)
nope None None
res_partner ref True True
res_partner nope False False
res_partner ctid True True
nope id False False
ou_v x True True
CardinalityViolation: more than one row returned by a subquery used as an expression
`},
	{name: "rename_columns", src: `
def migrate(cr, version):
    cr.execute("CREATE INDEX sale_order_note_index ON sale_order (note)")
    long = "a_column_name_long_enough_to_push_the_index_name_over"
    cr.execute("ALTER TABLE sale_order ADD COLUMN x_short int; CREATE INDEX sale_order_x_short_index ON sale_order (x_short)")
    print(openupgrade.rename_columns(cr, {"sale_order": [("note", "terms"), ("state", None), ("x_short", long)]}))
    show(cr, "SELECT attname FROM pg_attribute WHERE attrelid = 'sale_order'::regclass AND attnum > 0 ORDER BY attnum")
    show(cr, "SELECT indexname FROM pg_indexes WHERE tablename = 'sale_order' ORDER BY 1")
    attempt(openupgrade.rename_columns, cr, [("a", "b")])
    attempt(openupgrade.rename_columns, cr, {"sale_order": [("terms",)]})
`, want: `
None
[('id',), ('name',), ('partner_id',), ('openupgrade_legacy_17_0_state',), ('terms',), ('amount_total',), ('a_column_name_long_enough_to_push_the_index_name_over',)]
[('sale_order_pkey',), ('sale_order_terms_index',), ('sale_order_x_short_index',)]
AttributeError: 'list' object has no attribute 'keys'
ValueError: not enough values to unpack (expected 2, got 1)
`},
	{name: "rename_tables", src: `
def migrate(cr, version):
    print(openupgrade.rename_tables(cr, [("sale_order_tag", "sale_tag"), ("sale_order_line", None)]))
    show(cr, "SELECT relname, relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE nspname = 'public' AND (relname LIKE 'sale_tag%' OR relname LIKE 'openupgrade%' OR relname LIKE 'sale_order_l%') ORDER BY 1")
    show(cr, "SELECT conname FROM pg_constraint WHERE conrelid = 'sale_tag'::regclass ORDER BY 1")
    attempt(openupgrade.rename_tables, cr, (("sale_order", "sale_order2"),))
    guarded(cr, openupgrade.rename_tables, cr, [("ou_none", "ou_none2")])
`, want: `
None
[('openupgrade_legacy_17_0_sale_order_line', 'r'), ('openupgrade_legacy_17_0_sale_order_line_id_seq', 'S'), ('openupgrade_legacy_17_0_sale_order_line_pkey', 'i'), ('sale_tag', 'r'), ('sale_tag_id_seq', 'S'), ('sale_tag_pkey', 'i')]
[('sale_tag_pkey',)]
AttributeError: 'tuple' object has no attribute 'append'
UndefinedTable: relation "ou_none" does not exist
`},
	{name: "rename_models", src: `
def migrate(cr, version):
    cr.execute("INSERT INTO ir_module_module (name, state, create_date, write_date) VALUES ('mail', 'installed', '2024-01-01', '2024-01-01')")
    cr.execute("INSERT INTO ir_model_data (module, name, model, res_id, create_date, write_date) VALUES ('sale', 'field_sale_order__name', 'ir.model.fields', 4, '2024-01-01', '2024-01-01')")
    print(openupgrade.rename_models(cr, [("sale.order", "sale.order2")]))
    show(cr, "SELECT id, model FROM ir_model ORDER BY id")
    show(cr, "SELECT module, name FROM ir_model_data WHERE model IN ('ir.model', 'ir.model.fields') AND name LIKE '%sale_order%' ORDER BY id")
    show(cr, "SELECT name, model, relation FROM ir_model_fields WHERE model LIKE 'sale.order%' OR relation LIKE 'sale.order%' ORDER BY id")
    show(cr, "SELECT res_model FROM ir_attachment")
    show(cr, "SELECT model_id FROM ir_filters")
    show(cr, "SELECT resource FROM ir_exports")
    show(cr, "SELECT model FROM mail_message ORDER BY id")
    show(cr, "SELECT res_model FROM mail_followers")
`, want: `
None
[(1, 'res.partner'), (2, 'res.users'), (3, 'sale.order2'), (4, 'sale.order.line'), (5, 'sale.order.tag')]
[('sale', 'model_sale_order2'), ('sale', 'model_sale_order_line'), ('sale', 'field_sale_order2__partner_id'), ('sale', 'field_sale_order2__note'), ('sale', 'field_sale_order2__state'), ('sale', 'field_sale_order2__name')]
[('name', 'sale.order2', None), ('partner_id', 'sale.order2', 'res.partner'), ('note', 'sale.order2', None), ('state', 'sale.order2', None), ('tag_ids', 'sale.order2', 'sale.order.tag'), ('order_id', 'sale.order.line', 'sale.order2'), ('x_studio_note', 'sale.order2', None)]
[('sale.order2',)]
[('sale.order2',)]
[('sale.order2',)]
[('sale.order2',), ('res.partner',)]
[('sale.order2',)]
`},
	{name: "rename_models up to 15.0 (ir_translation, ir_property)", major: 15, src: `
def migrate(cr, version):
    cr.execute("INSERT INTO ir_translation (lang, name, res_id, type, src, value) VALUES ('fr_FR', 'sale.order,note', 6, 'model', 'Terms', 'Conditions')")
    cr.execute("CREATE TABLE ir_property (id serial, name varchar, fields_id int, value_reference varchar)")
    cr.execute("INSERT INTO ir_property (name, fields_id, value_reference) VALUES ('order_id', 9, 'sale.order,1'), ('x', 9, 'res.partner,1')")
    openupgrade.rename_models(cr, [("sale.order", "sale.order2")])
    show(cr, "SELECT name FROM ir_translation")
    show(cr, "SELECT value_reference FROM ir_property ORDER BY id")
    show(cr, "SELECT name FROM ir_model_data WHERE name LIKE 'field_sale_order%' ORDER BY id")
`, want: `
[('sale.order2,note',)]
[('sale.order2,1',), ('res.partner,1',)]
[('field_sale_order2__partner_id',), ('field_sale_order2__note',), ('field_sale_order2__state',)]
`},
	{name: "rename_fields", src: `
@openupgrade.migrate()
def migrate(env, version):
    cr = env.cr
    cr.execute("INSERT INTO ir_attachment (name, res_model, res_field, res_id) VALUES ('n', 'sale.order', 'note', 1)")
    cr.execute("INSERT INTO ir_filters (name, model_id, domain, context) VALUES ('f', 'sale.order', '[(''note'', ''!='', False)]', '{''group_by'': [''state'', ''note:month'']}')")
    cr.execute("CREATE TABLE mail_alias (id serial, alias_model_id int, alias_defaults text)")
    cr.execute("INSERT INTO mail_alias (alias_model_id, alias_defaults) VALUES (3, '{''note'': 1}')")
    cr.execute("CREATE TABLE ir_property (id serial, name varchar, fields_id int)")
    cr.execute("INSERT INTO ir_property (name, fields_id) VALUES ('note', 6)")
    print(openupgrade.rename_fields(env, [("sale.order", "sale_order", "note", "terms"), ("sale.order", "sale_order", "x_missing", "x_new")]))
    show(cr, "SELECT attname FROM pg_attribute WHERE attrelid = 'sale_order'::regclass AND attname IN ('note', 'terms')")
    show(cr, "SELECT name FROM ir_model_fields WHERE model = 'sale.order' ORDER BY id")
    show(cr, "SELECT name FROM ir_exports_line ORDER BY id")
    show(cr, "SELECT res_field FROM ir_attachment WHERE res_field IS NOT NULL")
    show(cr, "SELECT domain, context FROM ir_filters ORDER BY id")
    show(cr, "SELECT alias_defaults FROM mail_alias")
    show(cr, "SELECT name FROM ir_property")
    show(cr, "SELECT name FROM ir_model_data WHERE name = 'field_sale_order__note'")
    openupgrade.rename_fields(cr, [("sale.order", "sale_order", "terms", "note")])
    show(cr, "SELECT attname FROM pg_attribute WHERE attrelid = 'sale_order'::regclass AND attname IN ('note', 'terms')")
`, want: `
None
[('terms',)]
[('name',), ('partner_id',), ('terms',), ('state',), ('tag_ids',), ('x_studio_note',)]
[('partner_id/name',), ('terms',)]
[('terms',)]
[('[("amount_total", ">", 50)]', '{"group_by": ["partner_id"]}'), ("[('terms', '!=', False)]", "{'group_by': ['state', 'terms:month']}")]
[("{'terms': 1}",)]
[('terms',)]
[('field_sale_order__note',)]
[('note',)]
`},
	{name: "rename_fields up to 15.0 (ir_translation)", major: 15, src: `
def migrate(cr, version):
    cr.execute("INSERT INTO ir_translation (lang, name, res_id, type, src, value) VALUES ('fr_FR', 'sale.order,note', 6, 'model', 'Terms', 'Conditions')")
    openupgrade.rename_fields(cr, [("sale.order", "sale_order", "note", "terms")])
    show(cr, "SELECT name FROM ir_translation")
`, want: `[('sale.order,terms',)]`},
	{name: "rename_xmlids", src: `
def migrate(cr, version):
    print(openupgrade.rename_xmlids(cr, [("sale.view_order_form", "sale_x.view_order_form2"), ("nodot", "x.y"), ("sale.missing", "sale.m2")]))
    show(cr, "SELECT module, name FROM ir_model_data WHERE model = 'ir.ui.view' ORDER BY id")
    guarded(cr, openupgrade.rename_xmlids, cr, [("sale_x.view_order_form2", "sale.view_order_form_inherit")])
    attempt(openupgrade.rename_xmlids, cr, [("sale.view_order_form_inherit", "sale.menu_sale_root")], True)
    attempt(openupgrade.rename_xmlids, cr, [("a.b.c", "sale.x")])
`, want: `
None
[('sale_x', 'view_order_form2'), ('sale', 'view_order_form_inherit')]
UniqueViolation: duplicate key value violates unique constraint "ir_model_data_module_name_key"
DETAIL:  Key (module, name)=(sale, view_order_form_inherit) already exists.

OrmUnavailable: post-test.py:{call}: openupgrade.rename_xmlids(cr, [('sale.view_order_form_inherit', 'sale.menu_sale_root')], allow_merge=True), merging into the existing XML-ID, needs Odoo's ORM, which migrate-runner does not run: it runs migration scripts at the SQL level only (use cr.execute, or run this script inside Odoo)
TypeError: not all arguments converted during string formatting
`},
	{name: "copy_columns", src: `
def migrate(cr, version):
    print(openupgrade.copy_columns(cr, {"sale_order": [("state", None, None), ("amount_total", "amount_copy", "numeric(16, 2)")]}))
    show(cr, "SELECT column_name, data_type, character_maximum_length, numeric_precision FROM information_schema.columns WHERE table_name = 'sale_order' AND column_name IN ('openupgrade_legacy_17_0_state', 'amount_copy') ORDER BY 1")
    show(cr, "SELECT id, openupgrade_legacy_17_0_state, amount_copy FROM sale_order ORDER BY id")
    attempt(openupgrade.copy_columns, cr, {"sale_order": [("nope", "nope2", None)]})
`, want: `
None
[('amount_copy', 'numeric', None, 16), ('openupgrade_legacy_17_0_state', 'character varying', None, None)]
[(1, 'sale', 100.5), (2, 'draft', 20.0), (3, 'cancel', 0.0)]
TypeError: 'NoneType' object is not subscriptable
`},
	{name: "drop_columns", src: `
def migrate(cr, version):
    print(openupgrade.drop_columns(cr, [("sale_order", "note"), ("sale_order", "nope")]))
    print(openupgrade.column_exists(cr, "sale_order", "note"))
`, want: `
None
False
`},
	{name: "map_values", src: `
def migrate(cr, version):
    cr.execute("ALTER TABLE sale_order ADD COLUMN x_state varchar")
    print(openupgrade.map_values(cr, "state", "x_state", [("draft", "quotation"), ("sale", "confirmed")], table="sale_order"))
    print(openupgrade.map_values(cr, "note", "name", [(False, "no note"), (True, "has note")], table="sale_order"))
    show(cr, "SELECT id, state, x_state, name FROM sale_order ORDER BY id")
    attempt(openupgrade.map_values, cr, "state", "x_state", [("draft", "x")])
    attempt(openupgrade.map_values, cr, "state", "x_state", [("draft", "x")], None, "sale_order", "orm")
    guarded(cr, openupgrade.map_values, cr, "state", "x_state", [("draft", "100%")], None, "sale_order")
`, want: `
None
None
[(1, 'sale', 'confirmed', 'has note'), (2, 'draft', 'quotation', 'no note'), (3, 'cancel', None, 'has note')]
AttributeError: 'NoneType' object has no attribute '_table'
OrmUnavailable: post-test.py:{call}: openupgrade.map_values(…, write='orm') needs Odoo's ORM, which migrate-runner does not run: it runs migration scripts at the SQL level only (use cr.execute, or run this script inside Odoo)
TypeError: dict is not a sequence
`},
	{name: "update_module_names", src: `
def migrate(cr, version):
    cr.execute("INSERT INTO ir_model_data (module, name, model, res_id, create_date, write_date) VALUES ('base', 'module_x_custom', 'ir.module.module', 3, '2024-01-01', '2024-01-01'), ('sale', 'partner_vip', 'res.partner', 4, '2024-01-01', '2024-01-01')")
    print(openupgrade.update_module_names(cr, [("x_custom", "x_new")]))
    show(cr, "SELECT id, name, state FROM ir_module_module ORDER BY id")
    show(cr, "SELECT module, name FROM ir_model_data WHERE module = 'x_new' OR name LIKE 'module_x%' ORDER BY id")
    cr.execute("INSERT INTO ir_module_module_dependency (module_id, name) VALUES (1, 'x_new')")
    cr.execute("INSERT INTO ir_model_constraint (name, model, module, type) VALUES ('c', 1, 3, 'u')")
    print(openupgrade.update_module_names(cr, [("x_new", "sale")], merge_modules=True))
    show(cr, "SELECT id, name, state FROM ir_module_module ORDER BY id")
    show(cr, "SELECT module, name FROM ir_model_data WHERE res_id = 3 AND model = 'res.partner' OR name LIKE 'partner_vip%' ORDER BY id")
    show(cr, "SELECT name FROM ir_module_module_dependency ORDER BY id")
    show(cr, "SELECT count(*) FROM ir_model_constraint")
`, want: `
None
[(1, 'base', 'installed'), (2, 'sale', 'installed'), (3, 'x_new', 'installed'), (4, 'crm', 'uninstalled')]
[('x_new', 'partner_vip'), ('base', 'module_x_new')]
None
[(1, 'base', 'installed'), (2, 'sale', 'installed'), (4, 'crm', 'uninstalled')]
[('sale', 'partner_vip_openupgrade_18'), ('sale', 'partner_vip')]
[('base',), ('base',), ('sale',)]
[(0,)]
`},
	{name: "rename_property", src: `
@openupgrade.migrate(use_env=False)
def migrate(cr, version):
    cr.execute("CREATE TABLE ir_property (id serial, name varchar, fields_id int)")
    cr.execute("INSERT INTO ir_property (name, fields_id) VALUES ('ref', 2), ('name', 1)")
    print(openupgrade.rename_property(cr, "res.partner", "ref", "x_reference"))
    show(cr, "SELECT id, name FROM ir_model_fields WHERE model = 'res.partner' ORDER BY id")
    show(cr, "SELECT name FROM ir_model_data WHERE model = 'ir.model.fields' AND res_id = 2")
    show(cr, "SELECT name, fields_id FROM ir_property ORDER BY id")
    guarded(cr, openupgrade.rename_property, cr, "res.partner", "nope", "x")
`, want: `
None
[(1, 'name'), (2, 'x_reference'), (3, 'customer_rank')]
[('res.partner,x_reference',)]
[('x_reference', 2), ('name', 1)]
SyntaxError: syntax error at or near ")"
LINE 1: ...es.partner,x' where model='ir.model.fields' and res_id in ()
                                                                      ^
`},
	{name: "delete_record_translations", major: 15, src: `
@openupgrade.migrate(use_env=False)
def migrate(cr, version):
    cr.execute("INSERT INTO ir_translation (lang, src, name, res_id, module, value) VALUES "
               "('fr_FR', 'Name', 'ir.model.fields,field_description', 1, 'base', 'Nom'), "
               "('fr_FR', 'Reference', 'ir.model.fields,field_description', 2, 'base', 'Référence'), "
               "('fr_FR', 'Name', 'ir.model.fields,field_description', 1, 'sale', 'Nom')")
    print(openupgrade.delete_record_translations(cr, "base", ["field_res_partner__name"]))
    show(cr, "SELECT module, res_id, value FROM ir_translation WHERE name LIKE 'ir.model.fields,%' ORDER BY id")
    attempt(openupgrade.delete_record_translations, cr, "base", "field_res_partner__name")
`, want: `
None
[('base', 2, 'Référence'), ('sale', 1, 'Nom')]
Exception: XML IDs field_res_partner__name must be a tuple or list!
`},
	{name: "set_xml_ids_noupdate_value", src: `
@openupgrade.migrate()
def migrate(env, version):
    print(openupgrade.set_xml_ids_noupdate_value(env, "sale", ["view_order_form", "menu_sale_root"], True))
    print(openupgrade.set_xml_ids_noupdate_value(env.cr, "sale", ("view_order_form_inherit",), False))
    show(env.cr, "SELECT name, noupdate FROM ir_model_data WHERE module = 'sale' AND model IN ('ir.ui.view', 'ir.ui.menu') ORDER BY id")
    attempt(openupgrade.set_xml_ids_noupdate_value, env, "sale", "view_order_form", True)
    guarded(env.cr, openupgrade.set_xml_ids_noupdate_value, env, "sale", [], True)
`, want: `
None
None
[('view_order_form', True), ('view_order_form_inherit', False), ('menu_sale_root', True), ('menu_sale_orders', False)]
Exception: XML IDs view_order_form must be a tuple or list!
SyntaxError: syntax error at or near ")"
LINE 1: ...ata SET noupdate = true WHERE module = 'sale' AND name in ()
                                                                      ^
`},
	{name: "add_fields", src: `
@openupgrade.migrate()
def migrate(env, version):
    spec = [("x_rank", "res.partner", "res_partner", "integer", False, "base", 5),
            ("x_label", "sale.order", "sale_order", "char", "varchar(32)", "sale"),
            ("x_tags", "sale.order", "sale_order", "many2many", False, "sale"),
            ("x_rank", "ou.missing", "res_partner", "integer", False, "base")]
    print(openupgrade.add_fields(env, spec))
    print(openupgrade.add_fields(env, spec[:1]))
    show(env.cr, "SELECT column_name, data_type, column_default FROM information_schema.columns WHERE column_name IN ('x_rank', 'x_label', 'x_tags') ORDER BY 1")
    show(env.cr, "SELECT DISTINCT x_rank FROM res_partner")
    show(env.cr, "SELECT model, name, field_description, ttype, state FROM ir_model_fields WHERE name LIKE 'x\\_%' AND name <> 'x_studio_note' ORDER BY id")
    attempt(openupgrade.add_fields, env, [("x_y", "sale.order", False, "char", False, "sale")])
`, want: `
None
None
[('x_label', 'character varying', None), ('x_rank', 'integer', None)]
[(5,)]
[('res.partner', 'x_rank', {'en_US': 'OU'}, 'integer', 'base'), ('sale.order', 'x_label', {'en_US': 'OU'}, 'char', 'base'), ('sale.order', 'x_tags', {'en_US': 'OU'}, 'many2many', 'base')]
OrmUnavailable: post-test.py:{call}: openupgrade.add_fields() without a table name (env['sale.order']._table) needs Odoo's ORM, which migrate-runner does not run: it runs migration scripts at the SQL level only (use cr.execute, or run this script inside Odoo)
`},
	{name: "lift_constraints", src: `
def migrate(cr, version):
    print(openupgrade.lift_constraints(cr, "sale_order", "partner_id"))
    show(cr, "SELECT conname FROM pg_constraint WHERE conrelid = 'sale_order'::regclass ORDER BY 1")
    # Upstream matches foreign keys pointing at the column by the referencing
    # column's position: res_partner's 3rd column is ref, sale_order's is partner_id.
    openupgrade.lift_constraints(cr, "res_partner", "ref")
    show(cr, "SELECT conname FROM pg_constraint WHERE contype = 'f' AND confrelid IN ('res_partner'::regclass, 'sale_order'::regclass) ORDER BY 1")
`, want: `
None
[('sale_order_pkey',)]
[('res_partner_parent_id_fkey',), ('sale_order_line_order_id_fkey',), ('sale_order_tag_rel_order_id_fkey',)]
`},
	{name: "float_to_integer", src: `
def migrate(cr, version):
    print(openupgrade.float_to_integer(cr, "sale_order", "amount_total"))
    show(cr, "SELECT id, amount_total FROM sale_order ORDER BY id")
`, want: `
None
[(1, 101), (2, 20), (3, 0)]
`},
	{name: "delete_sql_constraint_safely", src: `
@openupgrade.migrate()
def migrate(env, version):
    cr = env.cr
    cr.execute("ALTER TABLE sale_order ADD CONSTRAINT sale_order_name_uniq UNIQUE (name)")
    cr.execute("INSERT INTO ir_model_constraint (name, model, module, type) VALUES ('sale_order_name_uniq', 3, 2, 'u') RETURNING id")
    cid = cr.fetchone()[0]
    cr.execute("INSERT INTO ir_model_data (module, name, model, res_id) VALUES ('sale', 'constraint_sale_order_name_uniq', 'ir.model.constraint', %s)", (cid,))
    print(openupgrade.delete_sql_constraint_safely(env, "sale", "sale_order", "name_uniq"))
    show(cr, "SELECT conname FROM pg_constraint WHERE conrelid = 'sale_order'::regclass AND contype = 'u'")
    show(cr, "SELECT count(*) FROM ir_model_constraint")
    show(cr, "SELECT count(*) FROM ir_model_data WHERE model = 'ir.model.constraint'")
    print(openupgrade.delete_sql_constraint_safely(env, "sale", "sale_order", "name_uniq"))
    attempt(openupgrade.delete_sql_constraint_safely, env, "sale", "sale_order", 1)
`, want: `
None
[]
[(0,)]
[(0,)]
None
TypeError: can only concatenate str (not "int") to str
`},
	{name: "get_legacy_name", src: `
LEGACY = openupgrade.get_legacy_name("state")

def migrate(cr, version):
    print(LEGACY, openupgrade.get_legacy_name("x"))
    attempt(openupgrade.get_legacy_name, 3)
`, want: `
openupgrade_legacy_17_0_state openupgrade_legacy_17_0_x
TypeError: can only concatenate str (not "int") to str
`},
	{name: "get_legacy_name for 16.0", major: 16, src: `
LEGACY = openupgrade.get_legacy_name("state")

def migrate(cr, version):
    print(LEGACY)
`, want: `openupgrade_legacy_16_0_state`},
	{name: "small helpers", src: `
def migrate(cr, version):
    print(openupgrade.is_module_installed(cr, "sale"), openupgrade.is_module_installed(cr, "crm"))
    cr.execute("ALTER TABLE ir_model_data ADD COLUMN create_uid int, ADD COLUMN write_uid int")
    print(openupgrade.add_xmlid(cr, "sale", "partner_x", "res.partner", 4), openupgrade.add_xmlid(cr, "sale", "partner_x", "res.partner", 4, True))
    show(cr, "SELECT module, name, model, res_id, noupdate, create_uid, create_date = now() AT TIME ZONE 'UTC' FROM ir_model_data WHERE name = 'partner_x'")
    cr.execute("UPDATE ir_model_data SET create_date = '2024-01-01', write_date = '2024-01-01' WHERE name = 'partner_x'")
    print(openupgrade.remove_tables_fks(cr, ["sale_order_tag_rel", "ou_missing"]))
    show(cr, "SELECT count(*) FROM pg_constraint WHERE conrelid = 'sale_order_tag_rel'::regclass AND contype = 'f'")
    print(openupgrade.add_ir_model_fields(cr, [("x_flag", "boolean")]))
    print(openupgrade.column_exists(cr, "ir_model_fields", "x_flag"))
    print(openupgrade.update_module_moved_fields(cr, "sale.order", ["note", "state"], "sale", "x_custom"))
    show(cr, "SELECT module, name FROM ir_model_data WHERE model = 'ir.model.fields' AND name LIKE 'field_sale_order__%' ORDER BY id")
`, want: `
True False
True False
[('sale', 'partner_x', 'res.partner', 4, False, 1, True)]
None
[(0,)]
None
True
None
[('sale', 'field_sale_order__partner_id'), ('x_custom', 'field_sale_order__note'), ('x_custom', 'field_sale_order__state')]
`},
	{name: "openupgrade_160.fill_analytic_distribution", src: `
from openupgradelib import openupgrade_160

@openupgrade.migrate()
def migrate(env, version):
    cr = env.cr
    cr.execute("""
        CREATE TABLE account_analytic_tag (id int, active_analytic_distribution boolean);
        CREATE TABLE account_analytic_distribution (tag_id int, account_id int, percentage float);
        CREATE TABLE ou_line (id int, analytic_account_id int);
        CREATE TABLE ou_line_tag_rel (ou_line_id int, account_analytic_tag_id int);
        INSERT INTO account_analytic_tag VALUES (1, true), (2, false);
        INSERT INTO account_analytic_distribution VALUES (1, 10, 40), (1, 11, 60), (2, 12, 100);
        INSERT INTO ou_line VALUES (1, 10), (2, NULL), (3, NULL);
        INSERT INTO ou_line_tag_rel VALUES (1, 1), (2, 1), (2, 2);
    """)
    print(openupgrade_160.fill_analytic_distribution(env, "ou_line", "ou_line_tag_rel", "ou_line_id"))
    show(cr, "SELECT id, analytic_distribution FROM ou_line ORDER BY id")
`, want: `
None
[(1, {'10': 140, '11': 60}), (2, {'10': 40, '11': 60}), (3, None)]
`},
}

// Everything that needs the ORM raises OrmUnavailable, after Python's
// argument binding, naming the call and the script line that made it.
func TestORMHelpers(t *testing.T) {
	hosts := hosttest.Hosts(t)
	r := hosttest.Parity(t, hosts, 17, prelude+`
from openupgradelib import openupgrade_merge_records, openupgrade_90, openupgrade_160, openupgrade_tools
from openupgradelib.openupgrade_merge_records import merge_records

@openupgrade.migrate()
def migrate(env, version):
    attempt(openupgrade.load_data, env.cr, "sale", "migrations/17.0.1.0/noupdate_changes.xml")
    attempt(openupgrade.load_xml, env.cr, "sale", "data.xml", None, "update")
    attempt(openupgrade.delete_records_safely_by_xml_id, env, ["sale.x"])
    attempt(openupgrade.safe_unlink, [])
    attempt(openupgrade.chunked, [])
    attempt(openupgrade.set_defaults, env.cr, None, {})
    attempt(openupgrade.m2o_to_x2m, env.cr, None, "t", "f", "s")
    attempt(openupgrade.disable_invalid_filters, env)
    attempt(merge_records, env, "res.partner", [3], 4)
    attempt(openupgrade_90.convert_binary_field_to_attachment, env, {})
    attempt(openupgrade_160.migrate_translations_to_jsonb, env, [("res.partner", "name")])
    attempt(openupgrade.load_data, env.cr, "sale")
    print(openupgrade_merge_records.merge_records is merge_records, openupgrade_tools.table_exists(env.cr, "res_users"))
`, hosttest.OdooSchema())
	if r.Outcome.Status != "ok" {
		t.Fatalf("%s\n%s%s", r.Outcome.Status, r.Outcome.Stdout, r.Outcome.Traceback)
	}
	lines := strings.Split(strings.TrimSpace(r.Outcome.Stdout), "\n")
	calls := []string{"openupgrade.load_data", "openupgrade.load_xml", "openupgrade.delete_records_safely_by_xml_id",
		"openupgrade.safe_unlink", "openupgrade.chunked", "openupgrade.set_defaults", "openupgrade.m2o_to_x2m",
		"openupgrade.disable_invalid_filters", "openupgrade_merge_records.merge_records",
		"openupgrade_90.convert_binary_field_to_attachment", "openupgrade_160.migrate_translations_to_jsonb"}
	if len(lines) != len(calls)+2 {
		t.Fatalf("printed:\n%s", r.Outcome.Stdout)
	}
	for i, call := range calls {
		want := "OrmUnavailable: post-test.py:" + strconv.Itoa(callLine) + ": " + call + "(…) needs Odoo's ORM, which migrate-runner does not run"
		if !strings.HasPrefix(lines[i], want) {
			t.Errorf("got  %s\nwant %s…", lines[i], want)
		}
	}
	if want := "TypeError: load_data() missing 1 required positional argument: 'filename'"; lines[len(calls)] != want {
		t.Errorf("got  %s\nwant %s", lines[len(calls)], want)
	}
	if want := "True (1,)"; lines[len(calls)+1] != want {
		t.Errorf("got %s, want %s", lines[len(calls)+1], want)
	}
}
