package upgradeutil_test

import (
	"testing"

	"github.com/migrate-runner/migrate-runner/internal/hosttest"
)

func TestSchemaHelpers(t *testing.T) {
	hosts := hosttest.Hosts(t)
	runCases(t, hosts, []hostCase{
		{name: "table_exists view_exists sequence_exists", body: `
cr.execute("CREATE VIEW partner_names AS SELECT id, name FROM res_partner")
print(util.table_exists(cr, "res_partner"), util.table_exists(cr, "partner_names"), util.table_exists(cr, "nope"))
print(util.view_exists(cr, "partner_names"), util.view_exists(cr, "res_partner"))
print(util.sequence_exists(cr, "res_partner_id_seq"), util.sequence_exists(cr, "nope"))
try:
    util.table_exists(cr, "res.partner")
except ValueError as e:
    print("ValueError:", e)`,
			want: "True False False\nTrue False\nTrue False\nValueError: `res.partner` seems to be a model name instead of table name\n"},

		{name: "column_exists column_type column_nullable column_updatable", body: `
cr.execute("CREATE VIEW partner_names AS SELECT id, upper(name) AS uname FROM res_partner")
print(util.column_exists(cr, "res_partner", "ref"), util.column_exists(cr, "res_partner", "nope"))
# upgrade-util's _COLUMNS: from 17.0 on ir_translation.name is taken as gone, and
# ir_model_fields.domain as there, without asking the database.
print(util.column_exists(cr, "ir_translation", "name"), util.column_exists(cr, "ir_model_fields", "domain"))
print(util.column_type(cr, "res_partner", "ref"), util.column_type(cr, "ir_module_module", "state", sized=True),
      util.column_type(cr, "ir_module_module", "state"), util.column_type(cr, "res_partner", "nope"))
print(util.column_nullable(cr, "res_partner", "ref"), util.column_nullable(cr, "res_users", "login"),
      util.column_nullable(cr, "res_partner", "nope"))
print(util.column_updatable(cr, "res_partner", "ref"), util.column_updatable(cr, "partner_names", "uname"))`,
			want: "True False\nFalse True\nvarchar varchar(16) varchar None\nTrue False None\nTrue False\n"},

		{name: "column_exists before 17.0 asks the database", major: 16, body: `
print(util.column_exists(cr, "ir_translation", "name"), util.column_exists(cr, "ir_model_fields", "domain"))`,
			want: "True True\n"},

		{name: "create_column", body: `
print(util.create_column(cr, "res_partner", "x_rank", "integer", default=7))
print(util.create_column(cr, "res_partner", "x_flag", "boolean"))
print(util.create_column(cr, "res_partner", "x_company_id", "int4", fk_table="res_users", on_delete_action="SET NULL"))
print(rows(cr, "SELECT id, x_rank, x_flag FROM res_partner ORDER BY id"))
print(rows(cr, "SELECT column_name, column_default FROM information_schema.columns WHERE table_name = 'res_partner' AND column_name LIKE 'x%' ORDER BY 1"))
# An existing column: False, and NULLs get the default.
cr.execute("UPDATE res_partner SET x_rank = NULL WHERE id > 2")
print(util.create_column(cr, "res_partner", "x_rank", "int4", default=9))
print(rows(cr, "SELECT id, x_rank FROM res_partner ORDER BY id"))
try:
    util.create_column(cr, "res_partner", "x_other", "int4", on_delete_action="CASCADE")
except ValueError as e:
    print("ValueError:", e)
try:
    util.create_column(cr, "res_partner", "x_other", "int4", fk_table="res_users", on_delete_action="DROP")
except ValueError as e:
    print("ValueError:", e)
try:
    util.create_column(cr, "res_partner", "x_other", "int4", colour=1)
except TypeError as e:
    print("TypeError:", e)`,
			want: `True
True
True
[(1, 7, False), (2, 7, False), (3, 7, False), (4, 7, False)]
[('x_company_id', None), ('x_flag', None), ('x_rank', None)]
False
[(1, 7), (2, 7), (3, 9), (4, 9)]
ValueError: ` + "`on_delete_action`" + ` argument can only be used if ` + "`fk_table`" + ` argument is set.
ValueError: unexpected value for the ` + "`on_delete_action`" + ` argument: 'DROP'
TypeError: create_column() got an unexpected keyword argument 'colour'
`,
			state: []string{"res_partner.res_partner_x_company_id_fkey FOREIGN KEY (x_company_id) REFERENCES res_users(id) ON DELETE SET NULL",
				"x_rank integer, x_flag boolean, x_company_id integer"}},

		{name: "remove_column drops depending views", body: `
cr.execute("CREATE VIEW partner_refs AS SELECT id, ref FROM res_partner")
util.remove_column(cr, "res_partner", "ref")
util.remove_column(cr, "res_partner", "nope")
# _COLUMNS says ir_translation.name is gone: nothing is dropped.
util.remove_column(cr, "ir_translation", "name")
print(util.column_exists(cr, "res_partner", "ref"), util.view_exists(cr, "partner_refs"))`,
			want:   "False False\n",
			state:  []string{"res_partner (r): id integer NOT NULL, name character varying, active boolean", "ir_translation (r): id integer NOT NULL, lang character varying, src text, name character varying NOT NULL"},
			absent: []string{"partner_refs"}},

		{name: "rename_table", body: `
cr.execute("CREATE INDEX sale_order_tag_name_idx ON sale_order_tag ((name->>'en_US'))")
cr.execute("ALTER TABLE sale_order_tag ADD CONSTRAINT sale_order_tag_name_uniq UNIQUE (name)")
util.rename_table(cr, "sale_order_tag", "sale_order_label")
print(util.table_exists(cr, "sale_order_tag"), util.table_exists(cr, "sale_order_label"))
print(util.sequence_exists(cr, "sale_order_label_id_seq"))
print(rows(cr, "SELECT indexname FROM pg_indexes WHERE tablename = 'sale_order_label' ORDER BY 1"))
try:
    util.rename_table(cr, "sale_order", "sale_order_label")
except Exception as e:
    print(type(e).__name__, e)
util.rename_table(cr, "nope", "whatever")`,
			want: `False True
True
[('sale_order_label_name_idx',), ('sale_order_label_pkey',)]
UpgradeError Table sale_order_label already exists. Can't rename table sale_order to sale_order_label.
`,
			state: []string{"sale_order_label (r): id integer NOT NULL, name jsonb NOT NULL",
				"sale_order_tag_rel.sale_order_tag_rel_tag_id_fkey FOREIGN KEY (tag_id) REFERENCES sale_order_label(id) ON DELETE CASCADE"},
			absent: []string{"sale_order_tag_name_uniq", "sale_order_label_name_uniq"}},

		{name: "alter_column_type", body: `
util.alter_column_type(cr, "res_partner", "customer_rank", "varchar")
print(util.column_type(cr, "res_partner", "customer_rank"), rows(cr, "SELECT customer_rank FROM res_partner ORDER BY id"))
# With using, through a temporary column and an UPDATE.
util.alter_column_type(cr, "sale_order", "amount_total", "float8", using="{0}::float8 * 2")
print(util.column_type(cr, "sale_order", "amount_total"), rows(cr, "SELECT amount_total FROM sale_order ORDER BY id"))
print(util.column_exists(cr, "sale_order", "_amount_total_upg"))
# A selection field's values go when its column changes type.
util.alter_column_type(cr, "sale_order", "state", "int4", using="CASE WHEN {0} = 'sale' THEN 1 END", where="{0} = 'sale'")
print(rows(cr, "SELECT state FROM sale_order ORDER BY id"), rows(cr, "SELECT count(*) FROM ir_model_fields_selection"))
try:
    util.alter_column_type(cr, "sale_order", "name", "text", where="true")
except ValueError as e:
    print("ValueError:", e)`,
			want: "varchar [('0',), ('0',), ('3',), ('1',)]\nfloat8 [(201.0,), (40.0,), (0.0,)]\nFalse\n[(1,), (None,), (None,)] [(0,)]\n" +
				"ValueError: `where` parameter is only relevant with a non-default `using` parameter\n",
			state: []string{"sale_order (r): id integer NOT NULL, name character varying NOT NULL, partner_id integer NOT NULL, note text, amount_total double precision, state integer"}},

		{name: "alter_column_type of a mostly NULL column", body: `
cr.execute("UPDATE res_partner SET ref = NULL")
cr.execute("UPDATE res_partner SET ref = '12' WHERE id = 1")
cr.execute("INSERT INTO res_partner (name) SELECT 'p' || i FROM generate_series(1, 20) i")
util.alter_column_type(cr, "res_partner", "ref", "int4")
print(util.column_type(cr, "res_partner", "ref"), rows(cr, "SELECT count(*), sum(ref) FROM res_partner"))`,
			want: "int4 [(24, 12)]\n"},

		{name: "create_m2m", body: `
print(util.create_m2m(cr, "res_partner_sale_order_tag_rel", "res_partner", "sale_order_tag"))
print(util.create_m2m(cr, "sale_order_tag_rel", "sale_order", "sale_order_tag", "order_id", "tag_id"))
print(rows(cr, "SELECT * FROM sale_order_tag_rel ORDER BY 1, 2"))`,
			want: "res_partner_sale_order_tag_rel\nsale_order_tag_rel\n[(1, 1), (1, 2), (2, 2)]\n",
			state: []string{
				"res_partner_sale_order_tag_rel (r): res_partner_id integer NOT NULL, sale_order_tag_id integer NOT NULL",
				"res_partner_sale_order_tag_rel.res_partner_sale_order_tag_rel_pkey PRIMARY KEY (res_partner_id, sale_order_tag_id)",
				"res_partner_sale_order_tag_rel.res_partner_sale_order_tag_rel_res_partner_id_fkey FOREIGN KEY (res_partner_id) REFERENCES res_partner(id) ON DELETE CASCADE",
				"ON public.res_partner_sale_order_tag_rel USING btree (sale_order_tag_id, res_partner_id)",
				// the existing table was fixed up: its one-column index became a two-column one
				"CREATE INDEX sale_order_tag_rel_tag_id_order_id_idx ON public.sale_order_tag_rel USING btree (tag_id, order_id)",
			},
			absent: []string{"sale_order_tag_rel_tag_id_idx "}},

		{name: "fixup_m2m", body: `
cr.execute("CREATE TABLE partner_tag_rel (partner_id int, tag_id int)")
cr.execute("INSERT INTO partner_tag_rel VALUES (1, 1), (1, 1), (2, 1), (NULL, 2), (99, 1), (3, 77), (4, 2)")
util.fixup_m2m(cr, "partner_tag_rel", "res_partner", "sale_order_tag", "partner_id", "tag_id")
print(rows(cr, "SELECT * FROM partner_tag_rel ORDER BY 1, 2"))
cr.execute("CREATE TABLE wide_rel (a_id int, b_id int, note text)")
try:
    util.fixup_m2m(cr, "wide_rel", "res_partner", "sale_order_tag", "a_id", "b_id")
except Exception as e:
    print(type(e).__name__, e)
util.fixup_m2m(cr, "nope_rel", "res_partner", "sale_order_tag")`,
			want: "[(1, 1), (2, 1), (4, 2)]\nUpgradeError The m2m 'wide_rel' has extra columns: note\n",
			state: []string{
				"partner_tag_rel (r): partner_id integer NOT NULL, tag_id integer NOT NULL",
				"partner_tag_rel.partner_tag_rel_partner_id_fkey FOREIGN KEY (partner_id) REFERENCES res_partner(id) ON DELETE CASCADE",
				"partner_tag_rel.partner_tag_rel_pkey PRIMARY KEY (partner_id, tag_id)",
				"partner_tag_rel.partner_tag_rel_tag_id_fkey FOREIGN KEY (tag_id) REFERENCES sale_order_tag(id) ON DELETE CASCADE",
				"CREATE INDEX partner_tag_rel_tag_id_partner_id_idx ON public.partner_tag_rel USING btree (tag_id, partner_id)",
			}},

		{name: "fixup_m2m turns a unique index into the primary key", body: `
cr.execute("CREATE TABLE partner_tag_rel (partner_id int REFERENCES res_partner, tag_id int REFERENCES sale_order_tag)")
cr.execute("CREATE UNIQUE INDEX partner_tag_rel_uniq ON partner_tag_rel (partner_id, tag_id)")
cr.execute("CREATE INDEX partner_tag_rel_partner_idx ON partner_tag_rel (partner_id)")
util.fixup_m2m(cr, "partner_tag_rel", "res_partner", "sale_order_tag", "partner_id", "tag_id")
print(util.get_index_on(cr, "partner_tag_rel", "partner_id", "tag_id"))`,
			want: "('partner_tag_rel_pkey', 'partner_tag_rel', True, True, True)\n",
			state: []string{
				"partner_tag_rel.partner_tag_rel_pkey PRIMARY KEY (partner_id, tag_id)",
				// the FKs were recreated ON DELETE CASCADE
				"partner_tag_rel.partner_tag_rel_partner_id_fkey FOREIGN KEY (partner_id) REFERENCES res_partner(id)\n",
				"CREATE INDEX partner_tag_rel_tag_id_partner_id_idx ON public.partner_tag_rel USING btree (tag_id, partner_id)",
			},
			absent: []string{"partner_tag_rel_uniq", "partner_tag_rel_partner_idx"}},

		{name: "get_fk target_of get_index_on get_columns", body: `
print(sorted(util.get_fk(cr, "sale_order")))
print(util.get_fk(cr, "sale_order", quote_ident=False) == util.get_fk(cr, "sale_order"))
print(util.target_of(cr, "sale_order_line", "order_id"), util.target_of(cr, "sale_order_line", "name"))
print(util.get_index_on(cr, "sale_order_tag_rel", "order_id", "tag_id"), util.get_index_on(cr, "sale_order_tag_rel", "tag_id"))
print(util.get_index_on(cr, "sale_order_tag_rel", "tag_id", "order_id"))
print(util.get_columns(cr, "sale_order_line"), util.get_columns(cr, "sale_order_line", ignore=("id", "name")))`,
			want: `[('sale_order_line', 'order_id', 'sale_order_line_order_id_fkey', 'c'), ('sale_order_tag_rel', 'order_id', 'sale_order_tag_rel_order_id_fkey', 'c')]
True
('sale_order', 'id', 'sale_order_line_order_id_fkey') None
('sale_order_tag_rel_pkey', 'sale_order_tag_rel', True, True, True) ('sale_order_tag_rel_tag_id_idx', 'sale_order_tag_rel', False, False, False)
None
['name', 'order_id', 'price_unit'] ['order_id', 'price_unit']
`},

		{name: "remove_constraint", body: `
cr.execute("ALTER TABLE res_partner ADD CONSTRAINT res_partner_ref_uniq UNIQUE (ref)")
cr.execute("ALTER TABLE res_partner ADD CONSTRAINT res_partner_rank_check CHECK (customer_rank >= 0)")
cr.execute("""INSERT INTO ir_model_constraint (name, model, module, type) VALUES ('res_partner_ref_uniq', 1, 1, 'u')""")
cr.execute("""INSERT INTO ir_model_data (module, name, model, res_id)
              SELECT 'base', 'constraint_res_partner_ref_uniq', 'ir.model.constraint', id FROM ir_model_constraint""")
# Found under the ORM's "<table>_<name>" after a first try with the name as given.
print(util.remove_constraint(cr, "res_partner", "ref_uniq"))
# Dropped, but unknown to ir_model_constraint: False.
print(util.remove_constraint(cr, "res_partner", "res_partner_rank_check"))
print(rows(cr, "SELECT count(*) FROM ir_model_constraint"), rows(cr, "SELECT count(*) FROM ir_model_data WHERE model = 'ir.model.constraint'"))`,
			want:   "True\nFalse\n[(0,)] [(0,)]\n",
			absent: []string{"res_partner_ref_uniq", "res_partner_rank_check"}},

		{name: "create_index", body: `
print(util.create_index(cr, "res_partner_ref_idx", "res_partner", "ref", "name"))
print(util.create_index(cr, "res_partner_ref_again_idx", "res_partner", "ref", "name"))
print(util.create_index(cr, "res_partner_nope_idx", "res_partner", "nope"))
print(util.get_index_on(cr, "res_partner", "ref", "name"))
try:
    util.create_index(cr, "x_idx", "res_partner")
except ValueError as e:
    print("ValueError:", e)`,
			want:   "True\nFalse\nFalse\n('res_partner_ref_idx', 'res_partner', False, False, False)\nValueError: Missing `columns` for index\n",
			state:  []string{"CREATE INDEX res_partner_ref_idx ON public.res_partner USING btree (ref, name)"},
			absent: []string{"res_partner_ref_again_idx", "res_partner_nope_idx"}},
	})
}
