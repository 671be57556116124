package refactor_test

import (
	"testing"

	"github.com/migrate-runner/migrate-runner/internal/hosttest"
)

const header = `from odoo.upgrade import util
import migrate_runner

def migrate(cr, version):
`

// Every reference kind rename_field rewrites, on the Odoo 17 fixture
// (jsonb translations: they move with their column).
func TestRenameField(t *testing.T) {
	hosts := hosttest.Hosts(t)
	cases := []struct {
		name   string
		major  int
		body   string
		stdout string
		checks []check
	}{{
		name:   "references",
		major:  17,
		body:   `    print(util.rename_field(cr, "sale.order", "state", "status"))`,
		stdout: "None\n",
		checks: []check{
			{"columns:sale_order", "", "", []string{"id integer NOT NULL, name character varying NOT NULL, partner_id integer NOT NULL, " +
				"status character varying, note text, amount_total numeric"}},
			{"sale_order", "id,status", "", []string{"1|sale", "2|draft", "3|cancel"}},
			// The row keeps its id, so its selection values and defaults follow.
			{"ir_model_fields", "name", "model=sale.order;ttype=selection", []string{"status"}},
			{"ir_model_fields_selection", "value", "", []string{"cancel", "draft", "sale"}},
			{"ir_default", "json_value", "", []string{`"draft"`, "4"}},
			// The xmlid is recreated under the new name, noupdate false.
			{"ir_model_data", "module,name,noupdate", "model=ir.model.fields;module=sale", []string{
				"sale|field_sale_order__note|false", "sale|field_sale_order__partner_id|false",
				"sale|field_sale_order__status|false", "sale|field_sale_order_line__order_id|false"}},
			// Saved filters: literal domains are re-rendered as upstream's str(list), a
			// domain using uid is rewritten in place; context and sort at the string level.
			{"ir_filters", "name,domain,context,sort", "", []string{
				`Big orders|[("amount_total", ">", 50)]|{"group_by": ["partner_id"]}|["amount_total desc"]`,
				`Draft quotations|['&', ('status', '=', 'draft'), ('partner_id.customer_rank', '>', 0)]|{'group_by': ['status'], 'default_status': 'draft'}|["status desc", "name"]`,
				`Lines of drafts|['|', ('order_id.status', '=', 'draft'), ('name', 'ilike', 'state')]|{}|[]`,
				`My quotations|[('user_id', '=', uid), ("status", "in", ['draft', 'sent'])]|{}|[]`,
				`Red tags|[('color', '=', 1)]|{}|[]`,
				`Sale analysis|[]|{'pivot_measures': ['amount_total'], 'pivot_row_groupby': ['status:month']}|[]`,
			}},
			// Window actions: the domain; upstream leaves their context alone.
			{"ir_act_window", "name,domain,context", "res_model=sale.order", []string{
				`{"en_US":"Orders to invoice"}|[('status', 'not in', ('draft', 'cancel'))]|{'group_by': 'state', 'default_state': 'sale'}`,
				`{"en_US":"Quotations"}|[('status', '=', 'draft')]|{"search_default_my": 1}`,
			}},
			{"ir_rule", "domain_force", "", []string{`[('status', '!=', 'cancel')]`}},
			{"ir_model_fields", "domain", "name=x_vip_partner_id", []string{`['&', ('status', '=', 'sale'), ('customer_rank', '>', 2)]`}},
			{"ir_exports_line", "name", "", []string{"name", "note", "order_id/note/.id", "order_id/status", "partner_id/name", "status"}},
			// Custom depends: a path after ", " keeps its space and is not
			// resolved, so it is not renamed (upstream's quirk).
			{"ir_model_fields", "depends", "name=x_note_len", []string{"order_id.status,order_id.note, order_id.state"}},
			{"mail_alias", "alias_defaults", "", []string{"{'status': 'draft', 'note': 'x'}"}},
			// Odoo 17 has no ir_translation: the fixture's rows are left alone.
			{"ir_translation", "name", "type=selection", []string{"sale.order,state"}},
		},
	}, {
		name:  "related path and index",
		major: 17,
		body: `    util.rename_field(cr, "sale.order", "note", "terms")
    cr.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'sale_order' AND indexname LIKE '%%index'")
    print(cr.fetchall())`,
		stdout: "[('sale_order__terms_index',)]\n",
		checks: []check{
			{"ir_model_fields", "related", "name=x_order_note", []string{"order_id.terms"}},
			{"ir_model_fields", "depends", "name=x_note_len", []string{"order_id.state,order_id.terms, order_id.state"}},
			{"ir_attachment", "name,res_field", "res_model=sale.order", []string{"quote.pdf|NULL", "terms.pdf|terms"}},
			{"ir_exports_line", "name", "", []string{"name", "order_id/state", "order_id/terms/.id", "partner_id/name", "state", "terms"}},
			{"sale_order", "id,terms", "", []string{"1|<p>Net 30</p>", "2|NULL", "3|<p>void</p>"}},
		},
	}, {
		name:   "without references",
		major:  17,
		body:   `    util.rename_field(cr, "sale.order", "state", "status", update_references=False)`,
		stdout: "",
		checks: []check{
			{"ir_model_fields", "name", "model=sale.order;ttype=selection", []string{"status"}},
			{"ir_model_data", "name", "model=ir.model.fields;res_id=7", []string{"field_sale_order__status"}},
			{"ir_filters", "domain", "name=Draft quotations", []string{`[("state", "=", "draft"), ("partner_id.customer_rank", ">", 0)]`}},
			{"ir_rule", "domain_force", "", []string{`[('state', '!=', 'cancel')]`}},
			{"ir_exports_line", "name", "export_id=1", []string{"note", "partner_id/name", "state"}},
		},
	}, {
		// A field already named like the target (here from a custom module)
		// is renamed <new>_custom first. Upstream rewrites references before
		// that: those just renamed note -> terms then follow terms ->
		// terms_custom (its quirk, kept).
		name:  "clash with an existing field",
		major: 17,
		body: `    cr.execute("ALTER TABLE sale_order ADD COLUMN terms varchar")
    cr.execute("UPDATE sale_order SET terms = 'custom' WHERE id = 1")
    cr.execute("""INSERT INTO ir_model_fields (name, model, model_id, field_description, ttype, state)
                  SELECT 'terms', 'sale.order', id, '{"en_US": "Terms"}', 'char', 'base' FROM ir_model WHERE model = 'sale.order'""")
    util.rename_field(cr, "sale.order", "note", "terms")`,
		stdout: "",
		checks: []check{
			{"ir_model_fields", "name,ttype", "model=sale.order", []string{
				"name|char", "partner_id|many2one", "state|selection", "tag_ids|many2many", "terms_custom|char", "terms|html",
				"x_studio_note|char", "x_vip_partner_id|many2one"}},
			{"sale_order", "id,terms,terms_custom", "", []string{"1|<p>Net 30</p>|custom", "2|NULL|NULL", "3|<p>void</p>|NULL"}},
			{"ir_exports_line", "name", "export_id=1", []string{"partner_id/name", "state", "terms_custom"}},
			{"ir_model_fields", "related", "name=x_order_note", []string{"order_id.terms_custom"}},
		},
	}, {
		name:  "Odoo 15: ir_translation and the old index name",
		major: 15,
		body: `    cr.execute("CREATE INDEX sale_order_note_index ON sale_order (note)")
    util.rename_field(cr, "sale.order", "note", "terms")
    cr.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'sale_order' AND indexname LIKE '%%index' ORDER BY 1")
    print(cr.fetchall())`,
		stdout: "[('sale_order__note_index',), ('sale_order_terms_index',)]\n",
		checks: []check{
			// Field translations follow; wizard ("code") ones do not.
			{"ir_translation", "name,type,value", "lang=fr_FR", []string{
				"res.partner,name|model|Client", "sale.order,note|code|Conditions", "sale.order,state|selection|Devis",
				"sale.order,terms|model_terms|<p>Net 30 jours</p>", "sale.order|sql_constraint|Le nom doit être unique"}},
			{"ir_model_data", "name,noupdate", "model=ir.model.fields;res_id=6", []string{"field_sale_order__terms|false"}},
		},
	}, {
		name:  "inheriting models, one skipped",
		major: 17,
		body:  `    util.rename_field(cr, "mail.activity.mixin", "activity_note", "activity_summary", skip_inherit=("project.task",))`,
		checks: []check{
			{"ir_model_fields", "model,name", "ttype=text", []string{
				"crm.lead|activity_summary", "mail.activity.mixin|activity_summary", "project.task|activity_note"}},
			{"columns:crm_lead", "", "", []string{"id integer NOT NULL, name character varying, activity_summary text, description text, " +
				"x_origin_ref character varying"}},
			{"columns:project_task", "", "", []string{"id integer NOT NULL, name character varying, activity_note text"}},
			{"ir_model_data", "module,name", "model=ir.model.fields;module=crm", []string{
				"crm|field_crm_lead__activity_summary", "crm|field_crm_lead_tag__color", "crm|field_crm_lead_tag__name",
				"crm|field_crm_tag__color", "crm|field_crm_tag__name"}},
			{"ir_model_data", "name", "module=mail", []string{"field_mail_activity_mixin__activity_summary"}},
		},
	}, {
		name:  "refusals",
		major: 17,
		body: `    try:
        util.rename_field(cr, "sale.order", "state", "status", domain_adapter=lambda leaf, in_or, negated: [leaf])
    except NotImplementedError as e:
        print("NotImplementedError:", e)
    try:
        util.rename_field(cr, "sale_order", "state", "status")
    except ValueError as e:
        print("ValueError:", e)
    try:
        util.rename_field(cr, "sale.order", 1, "status")
    except TypeError as e:
        print("TypeError:", e)`,
		stdout: "NotImplementedError: rename_field(domain_adapter=...): a Python domain adapter cannot run inside migrate-runner's " +
			"SQL-level upgrade-util; pass domain_adapter=None (the default) or run this script inside Odoo\n" +
			"ValueError: `sale_order` seems to be a table name instead of model name\n" +
			"TypeError: rename_field(): old must be str, not int\n",
		checks: []check{
			{"ir_model_fields", "name", "model=sale.order;ttype=selection", []string{"state"}},
		},
	}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			runCase(t, hosts, c.major, header+c.body+"\n", c.stdout, c.checks)
		})
	}
}

func TestRemoveField(t *testing.T) {
	hosts := hosttest.Hosts(t)
	cases := []struct {
		name   string
		major  int
		body   string
		stdout string
		checks []check
	}{{
		name:   "references",
		major:  17,
		body:   `    print(util.remove_field(cr, "sale.order", "state"))`,
		stdout: "None\n",
		checks: []check{
			{"columns:sale_order", "", "", []string{"id integer NOT NULL, name character varying NOT NULL, partner_id integer NOT NULL, " +
				"note text, amount_total numeric"}},
			{"ir_model_fields", "name", "model=sale.order;ttype=selection", nil},
			// Selection values and defaults go with the field row (ON DELETE CASCADE).
			{"ir_model_fields_selection", "value", "", nil},
			{"ir_default", "json_value", "", []string{"4"}},
			{"ir_model_data", "name", "model=ir.model.fields;module=sale", []string{
				"field_sale_order__note", "field_sale_order__partner_id", "field_sale_order_line__order_id"}},
			// Contexts are evaluated, cleaned and written back as str(dict);
			// the removed leaf becomes TRUE under an AND, FALSE under an OR;
			// a domain that is not a literal is left alone.
			{"ir_filters", "name,domain,context,sort", "", []string{
				`Big orders|[("amount_total", ">", 50)]|{"group_by": ["partner_id"]}|["amount_total desc"]`,
				`Draft quotations|['&', (1, '=', 1), ('partner_id.customer_rank', '>', 0)]|{'group_by': [], 'default_state': 'draft'}|["name"]`,
				`Lines of drafts|['|', (0, '=', 1), ('name', 'ilike', 'state')]|{}|[]`,
				`My quotations|[('user_id', '=', uid), ("state", "in", ['draft', 'sent'])]|{}|[]`,
				`Red tags|[('color', '=', 1)]|{}|[]`,
				`Sale analysis|[]|{'pivot_measures': ['amount_total'], 'pivot_row_groupby': []}|[]`,
			}},
			{"ir_act_window", "domain", "res_model=sale.order", []string{`[(1, '=', 1)]`, `[(1, '=', 1)]`}},
			{"ir_rule", "domain_force", "", []string{`[(1, '=', 1)]`}},
			{"ir_model_fields", "domain", "name=x_vip_partner_id", []string{`['&', (1, '=', 1), ('customer_rank', '>', 2)]`}},
			// Export paths through the field are deleted.
			{"ir_exports_line", "name", "", []string{"name", "note", "order_id/note/.id", "partner_id/name"}},
			// Custom depends lose every path to the field (spaces stripped).
			{"ir_model_fields", "depends", "name=x_note_len", []string{"order_id.note"}},
			{"mail_alias", "alias_defaults", "", []string{"{'note': 'x'}"}},
		},
	}, {
		name:   "its attachments",
		major:  17,
		body:   `    util.remove_field(cr, "sale.order", "note")`,
		stdout: "",
		checks: []check{
			{"ir_attachment", "name", "res_model=sale.order", []string{"quote.pdf"}},
			{"columns:sale_order", "", "", []string{"id integer NOT NULL, name character varying NOT NULL, partner_id integer NOT NULL, " +
				"state character varying, amount_total numeric"}},
			// Upstream leaves related fields that went through it alone.
			{"ir_model_fields", "related", "name=x_order_note", []string{"order_id.note"}},
		},
	}, {
		// Usages of a removed related field go through its path instead.
		name:  "a related field",
		major: 17,
		body: `    cr.execute("""INSERT INTO ir_filters (name, model_id, domain) VALUES ('Net lines', 'sale.order.line', '[("x_order_note", "ilike", "net")]')""")
    util.remove_field(cr, "sale.order.line", "x_order_note")`,
		checks: []check{
			{"ir_filters", "domain", "name=Net lines", []string{`[('order_id.note', 'ilike', 'net')]`}},
			{"ir_model_fields", "name", "model=sale.order.line", []string{"order_id", "x_note_len"}},
		},
	}, {
		name:  "keep_as_attachments without binary data",
		major: 17,
		body:  `    util.remove_field(cr, "sale.order", "note", keep_as_attachments=True)`,
		checks: []check{
			{"ir_attachment", "name,res_field", "res_model=sale.order", []string{"quote.pdf|NULL", "terms.pdf|NULL"}},
			{"ir_model_fields", "name", "model=sale.order;name=note", nil},
		},
	}, {
		// Binary data would have to become ir.attachment records through the
		// ORM: refused before anything changed.
		name:  "keep_as_attachments with binary data",
		major: 17,
		body: `    cr.execute("ALTER TABLE sale_order ADD COLUMN x_scan bytea")
    cr.execute("UPDATE sale_order SET x_scan = 'PDF' WHERE id = 1")
    cr.execute("""INSERT INTO ir_model_fields (name, model, model_id, field_description, ttype, state)
                  SELECT 'x_scan', 'sale.order', id, '{"en_US": "Scan"}', 'binary', 'manual' FROM ir_model WHERE model = 'sale.order'""")
    def attempt():  # raised out of a function: both hosts name the script line
        util.remove_field(cr, "sale.order", "x_scan", keep_as_attachments=True)
    try:
        attempt()
    except migrate_runner.OrmUnavailable as e:
        print("OrmUnavailable:", e)
    cr.execute("SELECT count(*) FROM ir_model_fields WHERE name = 'x_scan'")
    print(cr.fetchone())`,
		stdout: "OrmUnavailable: post-test.py:10: util.remove_field(cr, 'sale.order', 'x_scan', keep_as_attachments=True) on a binary column holding data " +
			"(sale_order.x_scan, 1 rows) needs Odoo's ORM, which migrate-runner does not run: it runs migration scripts at the SQL level only " +
			"(use cr.execute, or run this script inside Odoo)\n(1,)\n",
		checks: []check{
			{"sale_order", "id,x_scan", "id=1", []string{`1|\x504446`}},
		},
	}, {
		name:  "many2many: its table goes",
		major: 17,
		body:  `    util.remove_field(cr, "crm.lead", "x_tag_ids")`,
		checks: []check{
			{"crm_lead_tag_rel", "lead_id", "", []string{"<no table>"}},
			{"ir_model_relation", "name", "", nil},
			{"ir_model_fields", "name", "model=crm.lead", []string{"activity_note", "description", "name", "x_origin_ref"}},
		},
	}, {
		name:  "drop_column=False keeps column and m2m table",
		major: 17,
		body: `    util.remove_field(cr, "crm.lead", "x_tag_ids", drop_column=False)
    util.remove_field(cr, "crm.lead", "description", drop_column=False)`,
		checks: []check{
			{"crm_lead_tag_rel", "lead_id,tag_id", "", []string{"1|1", "2|2"}},
			{"crm_lead", "id,description", "", []string{"1|<p>big</p>", "2|NULL"}},
			{"ir_model_fields", "name", "model=crm.lead", []string{"activity_note", "name", "x_origin_ref"}},
		},
	}, {
		name:  "inheriting models",
		major: 17,
		body: `    util.remove_field(cr, "mail.activity.mixin", "activity_note")
    cr.execute("SELECT count(*) FROM ir_model_fields WHERE name = 'activity_note'")
    print(cr.fetchone())`,
		stdout: "(0,)\n",
		checks: []check{
			{"columns:crm_lead", "", "", []string{"id integer NOT NULL, name character varying, description text, x_origin_ref character varying"}},
			{"columns:project_task", "", "", []string{"id integer NOT NULL, name character varying"}},
			{"ir_model_data", "name", "module=mail", nil},
		},
	}, {
		name:  "skip every inheriting model",
		major: 17,
		body:  `    util.remove_field(cr, "mail.activity.mixin", "activity_note", skip_inherit="*")`,
		checks: []check{
			{"ir_model_fields", "model", "name=activity_note", []string{"crm.lead", "project.task"}},
		},
	}, {
		name:   "Odoo 15: its translations go",
		major:  15,
		body:   `    util.remove_field(cr, "sale.order", "state")`,
		stdout: "",
		checks: []check{
			{"ir_translation", "name,type", "lang=fr_FR", []string{
				"res.partner,name|model", "sale.order,note|code", "sale.order,note|model_terms", "sale.order|sql_constraint"}},
		},
	}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			runCase(t, hosts, c.major, header+c.body+"\n", c.stdout, c.checks)
		})
	}
}
