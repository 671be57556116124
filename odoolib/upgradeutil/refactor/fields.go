package refactor

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"sort"
	"strings"

	"github.com/migrate-runner/migrate-runner/internal/pyre"
	"github.com/migrate-runner/migrate-runner/odoolib"
	"github.com/migrate-runner/migrate-runner/pyliteral"
	"github.com/migrate-runner/migrate-runner/sqlexec"
)

// util.rename_field and util.remove_field (upgrade-util src/util/fields.py).

const util = "odoo.upgrade.util."

// translationTypes are the ir_translation types a field's rows carry
// (wizard_* translations are left alone, as upstream does).
var translationTypes = sqlexec.TupleValue(str("field"), str("help"), str("model"), str("model_terms"), str("selection"))

// hasTranslations tells whether ir_translation holds translations: Odoo
// <= 15 only (16.0 moved them into jsonb columns, which follow their
// column). The fixture keeps the table for every series, so the series
// decides, as env.Major tells.
func (r runner) hasTranslations() (bool, error) {
	if r.atLeast(16) {
		return false, nil
	}
	return r.tableExists("ir_translation")
}

func renameFieldHelper(ctx context.Context, env odoolib.Env, a []sqlexec.Value) (sqlexec.Value, error) {
	names, err := odoolib.Strs("rename_field", []string{"model", "old", "new"}, a[:3])
	if err != nil {
		return none, err
	}
	if a[4].Kind != sqlexec.None {
		return none, odoolib.PyErr("NotImplementedError",
			"rename_field(domain_adapter=...): a Python domain adapter cannot run inside migrate-runner's SQL-level "+
				"upgrade-util; pass domain_adapter=None (the default) or run this script inside Odoo")
	}
	r := runner{ctx, env}
	err = r.renameField(names[0], names[1], names[2], a[3].Truthy(), newSkipSet(a[5]))
	return none, wrap(fmt.Sprintf("rename_field(%s, %s, %s)", names[0], names[1], names[2]), err)
}

func (r runner) renameField(model, old, new string, updateRefs bool, skip skipSet) error {
	if err := validateModel(model); err != nil {
		return err
	}
	if updateRefs {
		// Inheriting models get their own recursive call below.
		if err := r.updateFieldUsage([]string{model}, old, new, nil, skipSet{all: true}); err != nil {
			return err
		}
	}

	// A field already named new (from a custom module) becomes new_custom.
	clash, err := r.rows(`SELECT 1 FROM ir_model_fields WHERE model = %s AND name IN %s`,
		str(model), sqlexec.TupleValue(str(old), str(new)))
	if err != nil {
		return err
	}
	if len(clash) == 2 {
		custom := new + "_custom"
		slog.Warn("upgrade-util rename_field: a non-standard field is in the way, renamed", "model", model, "field", new, "to", custom)
		if err := r.renameField(model, new, custom, updateRefs, skip); err != nil {
			return err
		}
	}

	ids, err := r.ids0(`UPDATE ir_model_fields SET name = %s WHERE model = %s AND name = %s RETURNING id`,
		str(new), str(model), str(old))
	if err != nil {
		return err
	}
	if len(ids) > 0 {
		if err := r.recreateFieldXMLIDs(model, new, ids[0]); err != nil {
			return err
		}
		if ok, err := r.tableExists("ir_property"); err != nil {
			return err
		} else if ok {
			if err := r.exec(`UPDATE ir_property SET name = %s WHERE fields_id = %s`, str(new), sqlexec.IntValue(ids[0])); err != nil {
				return err
			}
		}
	}

	// Custom one2many fields whose inverse is the renamed field.
	if err := r.exec(`
        UPDATE ir_model_fields
           SET relation_field = %s
         WHERE relation = %s
           AND relation_field = %s
           AND state = 'manual'`, str(new), str(model), str(old)); err != nil {
		return err
	}

	if ok, err := r.hasTranslations(); err != nil {
		return err
	} else if ok {
		if err := r.exec(`UPDATE ir_translation SET name = %s WHERE name = %s AND type IN %s`,
			str(model+","+new), str(model+","+old), translationTypes); err != nil {
			return err
		}
	}
	if ok, err := r.columnExists("ir_attachment", "res_field"); err != nil {
		return err
	} else if ok {
		if err := r.exec(`UPDATE ir_attachment SET res_field = %s WHERE res_model = %s AND res_field = %s`,
			str(new), str(model), str(old)); err != nil {
			return err
		}
	}
	if ok, err := r.tableExists("ir_values"); err != nil {
		return err
	} else if ok {
		if err := r.exec(`UPDATE ir_values SET name = %s WHERE model = %s AND name = %s AND key = 'default'`,
			str(new), str(model), str(old)); err != nil {
			return err
		}
	}

	table, err := r.tableOfModel(model)
	if err != nil {
		return err
	}
	// table_exists keeps views (SQL-view models) out.
	if ok, err := r.tableExists(table); err != nil {
		return err
	} else if ok {
		if has, err := r.columnExists(table, old); err != nil {
			return err
		} else if has {
			if err := r.exec(fmt.Sprintf(`ALTER TABLE %s RENAME COLUMN %s TO %s`, q(table), q(old), q(new))); err != nil {
				return err
			}
			if err := r.exec(fmt.Sprintf(`ALTER INDEX IF EXISTS %s RENAME TO %s`,
				q(r.indexName(table, old)), q(r.indexName(table, new)))); err != nil {
				return err
			}
		}
	}

	inh, err := r.inherits(model, skip)
	if err != nil {
		return err
	}
	for _, i := range inh {
		if err := r.renameField(i.model, old, new, updateRefs, skip); err != nil {
			return err
		}
	}
	return nil
}

// recreateFieldXMLIDs replaces the xmlids of the renamed field fid by
// field_<model>__<new> in each of their modules (__export__ ones stay).
func (r runner) recreateFieldXMLIDs(model, new string, fid int64) error {
	mods, err := r.strings0(`
        DELETE FROM ir_model_data
              WHERE model = 'ir.model.fields'
                AND res_id = %s
                AND module != '__export__'
          RETURNING module`, sqlexec.IntValue(fid))
	if err != nil || len(mods) == 0 {
		return err
	}
	modules := uniqueSorted(mods)
	name := r.fieldXMLID(model, new)
	noupdate := sqlexec.BoolValue(false)
	if !r.atLeast(12) {
		noupdate = none
	}
	inserted, err := r.strings0(`
        INSERT INTO ir_model_data(module, name, model, res_id, noupdate)
             SELECT unnest(%s), %s, 'ir.model.fields', %s, %s
        ON CONFLICT DO NOTHING
          RETURNING module`, sqlexec.ListValue(strList(modules)...), str(name), sqlexec.IntValue(fid), noupdate)
	if err != nil {
		return err
	}
	var conflicted []string
	for _, m := range modules {
		if !contains(inserted, m) {
			conflicted = append(conflicted, m)
		}
	}
	if len(conflicted) == 0 {
		return nil
	}
	// The name is taken (some_model.sub_id vs some_model_sub.id before
	// saas~11.2): suffix the field id.
	return r.exec(`
        INSERT INTO ir_model_data(module, name, model, res_id, noupdate)
             SELECT unnest(%s), %s, 'ir.model.fields', %s, %s`,
		sqlexec.ListValue(strList(conflicted)...), str(fmt.Sprintf("%s_%d", name, fid)), sqlexec.IntValue(fid), noupdate)
}

func uniqueSorted(ss []string) []string {
	out := append([]string{}, ss...)
	sort.Strings(out)
	n := 0
	for i, s := range out {
		if i == 0 || s != out[n-1] {
			out[n] = s
			n++
		}
	}
	return out[:n]
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// updateFieldUsage is upstream's _update_field_usage_multi: it replaces
// old by new in saved filters, export paths, alias defaults, domains,
// related paths and custom depends of models (and their inheriting
// models unless skipped). new may be a path (remove_field replaces a
// related field by its path); then only domains, related and depends
// change, as upstream.
func (r runner) updateFieldUsage(models []string, old, new string, adapt adapter, skip skipSet) error {
	for _, m := range models {
		if err := validateModel(m); err != nil {
			return err
		}
	}
	if !strings.Contains(old, ".") && !strings.Contains(new, ".") {
		if err := r.renameInFilters(models, old, new); err != nil {
			return err
		}
		if err := r.renameImpexPaths(old, new, models); err != nil {
			return err
		}
		if ok, err := r.columnExists("mail_alias", "alias_defaults"); err != nil {
			return err
		} else if ok {
			if err := r.exec(`
                UPDATE mail_alias a
                   SET alias_defaults = regexp_replace(a.alias_defaults, %s, %s, 'g')
                  FROM ir_model m
                 WHERE m.id = a.alias_model_id
                   AND m.model IN %s
                   AND a.alias_defaults ~ %s`,
				str(pgRegexpWord(old)), str(new), sqlexec.TupleValue(strList(models)...), str(pgRegexpWord(old))); err != nil {
				return err
			}
		}
	}
	for _, m := range models {
		all := skipSet{all: true}
		if err := r.adaptDomains(m, old, new, adapt, all, true); err != nil {
			return err
		}
		if err := r.adaptRelated(m, old, new, all); err != nil {
			return err
		}
		if err := r.adaptDepends(m, old, new, all); err != nil {
			return err
		}
	}
	var inherited []string
	for _, m := range models {
		inh, err := r.inherits(m, skip)
		if err != nil {
			return err
		}
		for _, i := range inh {
			inherited = append(inherited, i.model)
		}
	}
	if len(inherited) > 0 {
		return r.updateFieldUsage(inherited, old, new, adapt, skip)
	}
	return nil
}

// renameInFilters rewrites the context and sort of the saved filters of
// models at the string level (whole-word regexp), as upstream does; their
// domain is rewritten with the other domains.
func (r runner) renameInFilters(models []string, old, new string) error {
	hasSort, err := r.columnExists("ir_filters", "sort")
	if err != nil {
		return err
	}
	oldRe, defOldRe := str(pgRegexpWord(old)), str(`\ydefault_`+pyre.Escape(old)+`\y`)
	set, cond := "", ""
	var params []sqlexec.Value
	if hasSort {
		set = "sort = regexp_replace(sort, %s, %s, 'g'), "
		cond = " OR sort ~ %s"
		params = append(params, oldRe, str(new))
	}
	params = append(params, oldRe, str(new), defOldRe, str("default_"+new), sqlexec.TupleValue(strList(models)...), oldRe, defOldRe)
	if hasSort {
		params = append(params, oldRe)
	}
	return r.exec(`
        UPDATE ir_filters
           SET `+set+`context = regexp_replace(regexp_replace(context, %s, %s, 'g'), %s, %s, 'g')
         WHERE model_id IN %s
           AND (context ~ %s OR context ~ %s`+cond+`)`, params...)
}

// renameImpexPaths renames old in the export (and import mapping) paths
// that go through a field old of one of models.
func (r runner) renameImpexPaths(old, new string, models []string) error {
	sources := [][3]string{{`
        SELECT el.id, e.resource, el.name
          FROM ir_exports_line el
          JOIN ir_exports e ON el.export_id = e.id
         WHERE el.name ~ %s`, "ir_exports_line", "name"}}
	if ok, err := r.tableExists("base_import_mapping"); err != nil {
		return err
	} else if ok {
		sources = append(sources, [3]string{`SELECT id, res_model, field_name FROM base_import_mapping WHERE field_name ~ %s`,
			"base_import_mapping", "field_name"})
	}
	for _, src := range sources {
		rows, err := r.rows(src[0], str(pgRegexpWord(old)))
		if err != nil {
			return err
		}
		for _, row := range rows {
			path := strings.Split(text(row[2]), "/")
			hasID := path[len(path)-1] == ".id"
			if hasID {
				path = path[:len(path)-1]
			}
			parts, err := r.resolvePath(text(row[1]), path)
			if err != nil {
				return err
			}
			newPath := make([]string, len(parts))
			for i, p := range parts {
				newPath[i] = p.name
				if p.name == old && contains(models, p.model) {
					newPath[i] = new
				}
			}
			if len(newPath) != len(path) || slices.Equal(newPath, path) {
				continue
			}
			if hasID {
				newPath = append(newPath, ".id")
			}
			if err := r.exec(fmt.Sprintf(`UPDATE %s SET %s = %%s WHERE id = %%s`, q(src[1]), q(src[2])),
				str(strings.Join(newPath, "/")), row[0]); err != nil {
				return err
			}
		}
	}
	return nil
}

// domainField is a column holding a domain and the SQL giving the model
// the domain applies to (t is the row's table).
type domainField struct{ table, column, modelSelect string }

// domainFields are upstream's known domain columns; those missing from
// the database are skipped.
func (r runner) domainFields() ([]domainField, error) {
	var out []domainField
	massModelID, err := r.columnExists("mail_mass_mailing", "mailing_model_id")
	if err != nil {
		return nil, err
	}
	massModel, err := r.columnExists("mail_mass_mailing", "mailing_model")
	if err != nil {
		return nil, err
	}
	mailTemplate, err := r.tableExists("mail_template")
	if err != nil {
		return nil, err
	}
	switch {
	case massModelID: // saas~18+
		out = append(out, domainField{"mail_mass_mailing", "mailing_domain", "(SELECT model FROM ir_model m WHERE m.id = t.mailing_model_id)"})
	case massModel:
		out = append(out, domainField{"mail_mass_mailing", "mailing_domain", "mailing_model"})
	default:
		tmpl := "email_template"
		if mailTemplate {
			tmpl = "mail_template"
		}
		out = append(out, domainField{"mail_mass_mailing", "mailing_domain", "(SELECT model FROM " + tmpl + " m WHERE m.id = t.template_id)"})
	}
	automationAction, err := r.columnExists("base_automation", "action_server_id")
	if err != nil {
		return nil, err
	}
	sel := "(SELECT model FROM ir_model m WHERE m.id = t.model_id)"
	if automationAction {
		sel = "(SELECT model_name FROM ir_act_server WHERE id = t.action_server_id)"
	}
	out = append(out, domainField{"base_automation", "filter_domain", sel}, domainField{"base_automation", "filter_pre_domain", sel})
	documentsTable, err := r.tableExists("documents_document")
	if err != nil {
		return nil, err
	}
	documents := "'ir.attachment'"
	if documentsTable {
		documents = "'documents.document'"
	}
	byModelID := func(col string) string { return "(SELECT model FROM ir_model m WHERE m.id = t." + col + ")" }
	out = append(out,
		domainField{"ir_model_fields", "domain", "model"},
		domainField{"ir_act_window", "domain", "res_model"},
		domainField{"ir_act_report_xml", "domain", byModelID("binding_model_id")},
		domainField{"ir_filters", "domain", "model_id"},
		domainField{"ir_embedded_actions", "domain", "parent_res_model"},
		domainField{"ir_rule", "domain_force", byModelID("model_id")},
		domainField{"document_directory", "domain", byModelID("ressource_type_id")},
		domainField{"mailing_mailing", "mailing_domain", byModelID("mailing_model_id")},
		domainField{"base_action_rule", "filter_domain", byModelID("model_id")},
		domainField{"base_action_rule", "filter_pre_domain", byModelID("model_id")},
		domainField{"gamification_goal_definition", "domain", byModelID("model_id")},
		domainField{"marketing_campaign", "domain", "model_name"},
		domainField{"marketing_activity", "domain", "(SELECT model_name FROM marketing_campaign WHERE id = t.campaign_id)"},
		domainField{"marketing_activity", "activity_domain", "(SELECT model_name FROM marketing_campaign WHERE id = t.campaign_id)"},
		domainField{"data_merge_model", "domain", "res_model_name"},
		domainField{"account_financial_html_report_line", "domain", "'account.move.line'"},
		domainField{"account_financial_html_report_line", "control_domain", "'account.move.line'"},
		domainField{"gamification_challenge", "user_domain", "'res.users'"},
		domainField{"pos_cache", "product_domain", "'product.product'"},
		domainField{"sale_coupon_rule", "rule_partners_domain", "'res.partner'"},
		domainField{"sale_coupon_rule", "rule_products_domain", "'product.product'"},
		domainField{"coupon_rule", "rule_partners_domain", "'res.partner'"},
		domainField{"coupon_rule", "rule_products_domain", "'product.product'"},
		domainField{"sale_subscription_template", "good_health_domain", "'sale.subscription'"},
		domainField{"sale_subscription_template", "bad_health_domain", "'sale.subscription'"},
		domainField{"website_crm_score", "domain", "'crm.lead'"},
		domainField{"team_user", "team_user_domain", "'crm.lead'"},
		domainField{"crm_team_member", "assignment_domain", "'crm.lead'"},
		domainField{"crm_team", "score_team_domain", "'crm.lead'"},
		domainField{"crm_team", "assignment_domain", "'crm.lead'"},
		domainField{"social_post", "visitor_domain", "'website.visitor'"},
		domainField{"social_post_template", "visitor_domain", "'website.visitor'"},
		domainField{"documents_share", "domain", documents},
		domainField{"documents_workflow_rule", "domain", documents},
		domainField{"loyalty_rule", "rule_domain", "'product.product'"},
		domainField{"loyalty_rule", "product_domain", "'product.product'"},
		domainField{"loyalty_reward", "discount_product_domain", "'product.product'"},
	)
	var present []domainField
	for _, df := range out {
		ok, err := r.columnExists(df.table, df.column)
		if err != nil {
			return nil, err
		}
		if ok {
			present = append(present, df)
		}
	}
	return present, nil
}

// adaptDomains rewrites old as new in every stored domain that uses the
// field old of model (adapt, when set, rewrites the matching leaves).
// Search-view arches and dashboards are not rewritten (see the README).
func (r runner) adaptDomains(model, old, new string, adapt adapter, skip skipSet, force bool) error {
	if err := validateModel(model); err != nil {
		return err
	}
	fields, err := r.domainFields()
	if err != nil {
		return err
	}
	for _, df := range fields {
		rows, err := r.rows(fmt.Sprintf(`SELECT id, %s, %s FROM %s t WHERE %s ~ %%s`,
			df.modelSelect, q(df.column), q(df.table), q(df.column)), str(pgRegexpWord(old)))
		if err != nil {
			return err
		}
		for _, row := range rows {
			dom, changed, err := r.adaptDomainText(model, old, new, text(row[1]), text(row[2]), adapt, force)
			if err != nil {
				return err
			}
			if changed {
				if err := r.exec(fmt.Sprintf(`UPDATE %s SET %s = %%s WHERE id = %%s`, q(df.table), q(df.column)), str(dom), row[0]); err != nil {
					return err
				}
			}
		}
	}
	inh, err := r.inherits(model, skip)
	if err != nil {
		return err
	}
	for _, i := range inh {
		if err := r.adaptDomains(i.model, old, new, adapt, skip, force); err != nil {
			return err
		}
	}
	return nil
}

// oneLeaf is the one-leaf domain [(path, "=", tag)] upstream adapts to
// rewrite a related or depends path.
func oneLeaf(path, tag string) *node {
	return listNode(tupleNode(strNode(path), strNode("="), strNode(tag)))
}

func (r runner) adaptRelated(model, old, new string, skip skipSet) error {
	if err := validateModel(model); err != nil {
		return err
	}
	if ok, err := r.columnExists("ir_model_fields", "related"); err != nil || !ok {
		return err
	}
	rows, err := r.rows(`SELECT id, model, related FROM ir_model_fields WHERE related ~ %s`, str(pgRegexpWord(old)))
	if err != nil {
		return err
	}
	for _, row := range rows {
		dom, err := r.adaptOneDomain(model, old, new, text(row[1]), oneLeaf(text(row[2]), "related"), nil, true)
		if err != nil {
			return err
		}
		if dom != nil {
			if err := r.exec(`UPDATE ir_model_fields SET related = %s WHERE id = %s`, str(dom.Items[0].Items[0].Str), row[0]); err != nil {
				return err
			}
		}
	}
	inh, err := r.inherits(model, skip)
	if err != nil {
		return err
	}
	for _, i := range inh {
		if err := r.adaptRelated(i.model, old, new, skip); err != nil {
			return err
		}
	}
	return nil
}

// adaptDepends rewrites the depends of custom computed fields; standard
// fields get theirs from the code.
func (r runner) adaptDepends(model, old, new string, skip skipSet) error {
	if err := validateModel(model); err != nil {
		return err
	}
	if ok, err := r.columnExists("ir_model_fields", "depends"); err != nil || !ok {
		return err
	}
	rows, err := r.rows(`SELECT id, model, depends FROM ir_model_fields WHERE state = 'manual' AND depends ~ %s`,
		str(pgRegexpWord(old)))
	if err != nil {
		return err
	}
	for _, row := range rows {
		depends := text(row[2])
		parts := strings.Split(depends, ",")
		for i, p := range parts {
			dom, err := r.adaptOneDomain(model, old, new, text(row[1]), oneLeaf(p, "depends"), nil, true)
			if err != nil {
				return err
			}
			if dom != nil {
				parts[i] = dom.Items[0].Items[0].Str
			}
		}
		if nd := strings.Join(parts, ","); nd != depends {
			if err := r.exec(`UPDATE ir_model_fields SET depends = %s WHERE id = %s`, str(nd), row[0]); err != nil {
				return err
			}
		}
	}
	inh, err := r.inherits(model, skip)
	if err != nil {
		return err
	}
	for _, i := range inh {
		if err := r.adaptDepends(i.model, old, new, skip); err != nil {
			return err
		}
	}
	return nil
}

// --- remove_field ---

func removeFieldHelper(ctx context.Context, env odoolib.Env, a []sqlexec.Value) (sqlexec.Value, error) {
	names, err := odoolib.Strs("remove_field", []string{"model", "fieldname"}, a[:2])
	if err != nil {
		return none, err
	}
	r := runner{ctx, env}
	o := removeOpts{cascade: a[2].Truthy(), dropColumn: a[3].Truthy(), skip: newSkipSet(a[4]),
		keepAsAttachments: a[5].Truthy(), updateRefs: a[6].Truthy()}
	call := fmt.Sprintf("remove_field(%s, %s)", names[0], names[1])
	if o.keepAsAttachments {
		// Refuse before touching anything: extracting binary data into
		// attachments creates ir.attachment records through the ORM.
		if err := r.checkBinaryExtraction(names[0], names[1], o.skip, map[string]bool{}); err != nil {
			return none, err
		}
	}
	return none, wrap(call, r.removeField(names[0], names[1], o))
}

type removeOpts struct {
	cascade, dropColumn, keepAsAttachments, updateRefs bool
	skip                                               skipSet
}

var defaultRemoveOpts = removeOpts{dropColumn: true, updateRefs: true, skip: newSkipSet(sqlexec.TupleValue())}

// checkBinaryExtraction raises OrmUnavailable when remove_field would
// have to copy binary column data into attachments (on model or one of
// the inheriting models it recurses into).
func (r runner) checkBinaryExtraction(model, field string, skip skipSet, seen map[string]bool) error {
	if seen[model] {
		return nil
	}
	seen[model] = true
	table, err := r.tableOfModel(model)
	if err != nil {
		return err
	}
	stored, err := r.isStored(table, field)
	if err != nil {
		return err
	}
	if stored {
		typ, err := r.columnType(table, field)
		if err != nil {
			return err
		}
		if typ == "bytea" {
			ids, err := r.ids0(fmt.Sprintf(`SELECT count(*) FROM %s WHERE %s IS NOT NULL`, q(table), q(field)))
			if err != nil {
				return err
			}
			if len(ids) > 0 && ids[0] > 0 {
				return odoolib.OrmUnavailable(fmt.Sprintf("util.remove_field(cr, %s, %s, keep_as_attachments=True) on a binary column holding data (%s.%s, %d rows)",
					pyliteral.StrRepr(model), pyliteral.StrRepr(field), table, field, ids[0]))
			}
		}
	}
	inh, err := r.inherits(model, skip)
	if err != nil {
		return err
	}
	for _, i := range inh {
		if err := r.checkBinaryExtraction(i.model, field, skip, seen); err != nil {
			return err
		}
	}
	return nil
}

// isStored: the model has a table (not a view) with that column.
func (r runner) isStored(table, column string) (bool, error) {
	ok, err := r.tableExists(table)
	if err != nil || !ok {
		return false, err
	}
	return r.columnExists(table, column)
}

func (r runner) removeField(model, field string, o removeOpts) error {
	if err := validateModel(model); err != nil {
		return err
	}
	if o.updateRefs {
		if err := r.removeFieldFromFilters(model, field); err != nil {
			return err
		}
		if err := r.removeImportExportPaths(model, field); err != nil {
			return err
		}
		related := ""
		if ok, err := r.columnExists("ir_model_fields", "related"); err != nil {
			return err
		} else if ok {
			vals, err := r.strings0(`SELECT related FROM ir_model_fields WHERE model = %s AND name = %s`, str(model), str(field))
			if err != nil {
				return err
			}
			if len(vals) > 0 {
				related = vals[0]
			}
		}
		if related != "" {
			// Usages of a related field now go through its path.
			if err := r.updateFieldUsage([]string{model}, field, related, nil, o.skip); err != nil {
				return err
			}
		} else if err := r.adaptDomains(model, field, "ignored", removedFieldAdapter, o.skip, true); err != nil {
			return err
		}
	}

	if ok, err := r.tableExists("ir_server_object_lines"); err != nil {
		return err
	} else if ok {
		if err := r.exec(`
            DELETE FROM ir_server_object_lines
                  WHERE col1 IN (SELECT id FROM ir_model_fields WHERE model = %s AND name = %s)`, str(model), str(field)); err != nil {
			return err
		}
	}

	if err := r.removeFromDepends(model, field); err != nil {
		return err
	}

	// The m2m table goes when no other many2many field uses it.
	if o.dropColumn {
		if ok, err := r.columnExists("ir_model_fields", "relation_table"); err != nil {
			return err
		} else if ok {
			rels, err := r.strings0(`
                SELECT relation_table
                  FROM ir_model_fields
                 WHERE relation_table = (SELECT relation_table
                                           FROM ir_model_fields
                                          WHERE model = %s
                                            AND name = %s
                                            AND ttype = 'many2many')
                   AND ttype = 'many2many'
              GROUP BY relation_table
                HAVING count(*) = 1`, str(model), str(field))
			if err != nil {
				return err
			}
			for _, rel := range rels {
				if err := r.exec(fmt.Sprintf(`DROP TABLE IF EXISTS %s CASCADE`, q(rel))); err != nil {
					return err
				}
				if err := r.exec(`DELETE FROM ir_model_relation r USING ir_model m WHERE m.id = r.model AND r.name = %s`, str(rel)); err != nil {
					return err
				}
			}
		}
	}

	if ok, err := r.hasTranslations(); err != nil {
		return err
	} else if ok {
		if err := r.exec(`DELETE FROM ir_translation WHERE name = %s AND type IN %s`, str(model+","+field), translationTypes); err != nil {
			return err
		}
	}

	if err := r.removeFromAliasDefaults(model, field); err != nil {
		return err
	}

	table, err := r.tableOfModel(model)
	if err != nil {
		return err
	}
	stored, err := r.isStored(table, field)
	if err != nil {
		return err
	}
	hasResField, err := r.columnExists("ir_attachment", "res_field")
	if err != nil {
		return err
	}
	if o.keepAsAttachments {
		// Binary data was checked absent (or OrmUnavailable raised) before
		// anything ran; the field's attachments are kept, unlinked from it.
		if hasResField {
			if err := r.explode(`UPDATE ir_attachment SET res_field = NULL WHERE res_model = %s AND res_field = %s`,
				"ir_attachment", str(model), str(field)); err != nil {
				return err
			}
		}
	} else if hasResField {
		if err := r.explode(`DELETE FROM ir_attachment WHERE res_model = %s AND res_field = %s`,
			"ir_attachment", str(model), str(field)); err != nil {
			return err
		}
	}

	if o.dropColumn && stored {
		if _, err := r.call(util+"remove_column", []sqlexec.Value{str(table), str(field)},
			map[string]sqlexec.Value{"cascade": sqlexec.BoolValue(o.cascade)}); err != nil {
			return err
		}
	}

	// Custom one2many fields whose inverse is this field go with it.
	if ok, err := r.columnExists("ir_model_fields", "relation_field_id"); err != nil {
		return err
	} else if ok {
		rows, err := r.rows(`
            SELECT d.model, d.name
              FROM ir_model_fields d
              JOIN ir_model_fields f ON d.relation_field_id = f.id
             WHERE f.model = %s
               AND f.name = %s
               AND d.ttype = 'one2many'
               AND d.state = 'manual'`, str(model), str(field))
		if err != nil {
			return err
		}
		for _, row := range rows {
			if err := r.removeField(text(row[0]), text(row[1]), defaultRemoveOpts); err != nil {
				return err
			}
		}
	}

	// The field's row and its xmlids; its selection values and defaults
	// follow through their ON DELETE CASCADE foreign keys.
	if err := r.exec(`
        WITH del AS (
            DELETE FROM ir_model_fields WHERE model = %s AND name = %s RETURNING id
        )
        DELETE FROM ir_model_data
              USING del
              WHERE model = 'ir.model.fields'
                AND res_id = del.id`, str(model), str(field)); err != nil {
		return err
	}

	inh, err := r.inherits(model, o.skip)
	if err != nil {
		return err
	}
	for _, i := range inh {
		if err := r.removeField(i.model, field, o); err != nil {
			return err
		}
	}
	return nil
}

// removeFromDepends drops the removed field's paths from the depends of
// custom computed fields.
func (r runner) removeFromDepends(model, field string) error {
	if ok, err := r.columnExists("ir_model_fields", "depends"); err != nil || !ok {
		return err
	}
	rows, err := r.rows(`
        SELECT id, model, depends, COALESCE(compute, ''), name
          FROM ir_model_fields
         WHERE state = 'manual'
           AND depends ~ %s`, str(`\m`+field+`\M`))
	if err != nil {
		return err
	}
	for _, row := range rows {
		fromModel, deps, code := text(row[1]), text(row[2]), text(row[3])
		all := strings.Split(deps, ",")
		var kept []string
		for _, part := range all {
			path := strings.Split(strings.TrimSpace(part), ".")
			uses := false
			for i := range path {
				if path[i] != field {
					continue
				}
				ok, err := r.validPathTo(path[:i], fromModel, model)
				if err != nil {
					return err
				}
				if ok {
					uses = true
					break
				}
			}
			if !uses {
				kept = append(kept, part)
			} else if strings.Contains(code, field) {
				slog.Warn("upgrade-util remove_field: a custom field's compute code still uses the removed field",
					"model", fromModel, "field", text(row[4]), "removed", model+"."+field)
			}
		}
		if len(kept) == len(all) {
			continue
		}
		val := none
		if len(kept) > 0 {
			val = str(strings.Join(kept, ", "))
		}
		if err := r.exec(`UPDATE ir_model_fields SET depends = %s WHERE id = %s`, val, row[0]); err != nil {
			return err
		}
	}
	return nil
}

// removeFromAliasDefaults drops the field from mail aliases' defaults
// (a dict literal); unreadable defaults are skipped, as upstream does.
func (r runner) removeFromAliasDefaults(model, field string) error {
	if ok, err := r.columnExists("mail_alias", "alias_defaults"); err != nil || !ok {
		return err
	}
	rows, err := r.rows(`
        SELECT a.id, a.alias_defaults
          FROM mail_alias a
          JOIN ir_model m ON m.id = a.alias_model_id
         WHERE m.model = %s
           AND a.alias_defaults ~ %s`, str(model), str(`\y`+field+`\y`))
	if err != nil {
		return err
	}
	for _, row := range rows {
		d, perr := pyliteral.Parse([]byte(text(row[1])))
		if perr != nil || d.Kind != pyliteral.Dict {
			continue
		}
		out := &node{Kind: pyliteral.Dict}
		for i, k := range d.Keys {
			if k.Kind == pyliteral.Str && k.Str == field {
				continue
			}
			out.Keys = append(out.Keys, k)
			out.Items = append(out.Items, d.Items[i])
		}
		if err := r.exec(`UPDATE mail_alias SET alias_defaults = %s WHERE id = %s`, str(out.PyStr()), row[0]); err != nil {
			return err
		}
	}
	return nil
}

// removeFieldFromFilters cleans the removed field out of the saved
// filters' contexts (rewritten as str(dict), even when unchanged) and
// sort orders. A context that is not a literal raises, as upstream's
// safe_eval without names does.
func (r runner) removeFieldFromFilters(model, field string) error {
	rows, err := r.rows(`SELECT id, name, context FROM ir_filters WHERE model_id = %s AND context ~ %s ORDER BY id`,
		str(model), str(`\y`+field+`\y`))
	if err != nil {
		return err
	}
	for _, row := range rows {
		src := text(row[2])
		if src == "" {
			src = "{}"
		}
		ctx, perr := pyliteral.Parse([]byte(src))
		if perr != nil {
			return odoolib.PyErr("ValueError", "cannot evaluate the context of ir.filters %d (%s) at the SQL level: %v while evaluating\n%s",
				intOf(row[0]), text(row[1]), perr, pyliteral.StrRepr(src))
		}
		if _, err := removeFieldFromContext(ctx, field); err != nil {
			return err
		}
		if err := r.exec(`UPDATE ir_filters SET context = %s WHERE id = %s`, str(ctx.PyStr()), row[0]); err != nil {
			return err
		}
	}
	if ok, err := r.columnExists("ir_filters", "sort"); err != nil || !ok {
		return err
	}
	return r.exec(`
        WITH to_update AS (
            SELECT f.id,
                   COALESCE(ARRAY_TO_JSON(ARRAY_AGG(s.sort_item ORDER BY rn) FILTER (WHERE s.sort_item NOT IN %s)), '[]') AS sort
              FROM ir_filters f
              JOIN LATERAL JSONB_ARRAY_ELEMENTS_TEXT(f.sort::jsonb) WITH ORDINALITY AS s(sort_item, rn) ON true
             WHERE f.model_id = %s
               AND f.sort ~ %s
          GROUP BY id
        )
        UPDATE ir_filters f
           SET sort = t.sort
          FROM to_update t
         WHERE f.id = t.id`, sqlexec.TupleValue(str(field), str(field+" desc")), str(model), str(`\y`+field+`\y`))
}

// removeImportExportPaths deletes the export (and import mapping) lines
// whose path goes through model's field (any field of model when field
// is ""). Upstream hands the table name to remove_records, so only the
// rows go (their xmlids, if any, stay).
func (r runner) removeImportExportPaths(model, field string) error {
	type source struct{ query, table string }
	exportQ := `SELECT el.id, e.resource, el.name FROM ir_exports_line el JOIN ir_exports e ON el.export_id = e.id`
	importQ := `SELECT id, res_model, field_name FROM base_import_mapping`
	var params []sqlexec.Value
	if field != "" {
		exportQ += ` WHERE el.name ~ %s`
		importQ += ` WHERE field_name ~ %s`
		params = []sqlexec.Value{str(`\y` + field + `\y`)}
	} else {
		exportQ += ` WHERE el.name IS NOT NULL`
		importQ += ` WHERE field_name IS NOT NULL`
	}
	sources := []source{{exportQ, "ir_exports_line"}}
	if ok, err := r.tableExists("base_import_mapping"); err != nil {
		return err
	} else if ok {
		sources = append(sources, source{importQ, "base_import_mapping"})
	}
	for _, s := range sources {
		rows, err := r.rows(s.query+` ORDER BY 1`, params...)
		if err != nil {
			return err
		}
		var doomed []int64
		for _, row := range rows {
			parts, err := r.resolvePath(text(row[1]), strings.Split(text(row[2]), "/"))
			if err != nil {
				return err
			}
			for _, p := range parts {
				if p.model == model && (field == "" || p.name == field) {
					doomed = append(doomed, intOf(row[0]))
					break
				}
			}
		}
		if err := r.removeRecords(s.table, doomed); err != nil {
			return err
		}
	}
	return nil
}
