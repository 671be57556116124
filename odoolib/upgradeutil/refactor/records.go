package refactor

import (
	"fmt"

	"github.com/migrate-runner/migrate-runner/sqlexec"
)

// Indirect references (a model name, optionally with a record id, stored
// in another table) and the record removal the model refactors need, as
// upgrade-util's indirect_references.py and records.py define them.

// indirectRef is one column pair naming a model (resModel, or resModelID
// pointing at ir_model) and optionally a record of it (resID).
// setUnknown: when the model goes, rows without an xmlid are kept and
// pointed at the "_unknown" model instead of being deleted.
type indirectRef struct {
	table, resModel, resID, resModelID string
	setUnknown                         bool
}

// modelFilter is the SQL condition "this row names model" (one %s).
func (ir indirectRef) modelFilter(prefix string) string {
	if ir.resModelID != "" {
		return prefix + q(ir.resModelID) + " = (SELECT id FROM ir_model WHERE model = %s)"
	}
	return prefix + q(ir.resModel) + " = %s"
}

// allIndirectRefs is upstream's list (indirect_references.py, latest stored version),
// without the company-dependent many2one fields it appends on 18.0+.
var allIndirectRefs = []indirectRef{
	{table: "ir_attachment", resModel: "res_model", resID: "res_id"},
	{table: "ir_cron", resModel: "model", setUnknown: true},
	{table: "ir_act_report_xml", resModel: "model", setUnknown: true},
	{table: "ir_act_window", resModel: "res_model", resID: "res_id"},
	{table: "ir_act_window", resModel: "res_model"},
	{table: "ir_act_window", resModel: "src_model"},
	{table: "ir_act_server", resModel: "wkf_model_name"},
	{table: "ir_act_server", resModel: "crud_model_name"},
	{table: "ir_act_server", resModel: "model_name", resModelID: "model_id", setUnknown: true},
	{table: "ir_act_client", resModel: "res_model", setUnknown: true},
	{table: "ir_embedded_actions", resModel: "parent_res_model", resID: "parent_res_id"},
	{table: "ir_model", resModel: "model"},
	{table: "ir_model_fields", resModel: "model"},
	{table: "ir_model_fields", resModel: "relation"}, // the target of a relational field
	{table: "ir_model_data", resModel: "model", resID: "res_id"},
	{table: "ir_filters", resModel: "model_id", setUnknown: true}, // a model name, not an id
	{table: "ir_filters", resModel: "model_id", resID: "embedded_parent_res_id"},
	{table: "ir_exports", resModel: "resource"},
	{table: "ir_ui_view", resModel: "model", setUnknown: true},
	{table: "ir_values", resModel: "model", resID: "res_id"},
	{table: "wkf_transition", resModel: "trigger_model"},
	{table: "wkf_triggers", resModel: "model"},
	{table: "ir_model_fields_anonymization", resModel: "model_name"},
	{table: "ir_model_fields_anonymization_migration_fix", resModel: "model_name"},
	{table: "base_import_mapping", resModel: "res_model"},
	{table: "calendar_event", resModel: "res_model", resID: "res_id"},
	{table: "data_cleaning_model", resModel: "res_model_name"},
	{table: "data_cleaning_record", resModel: "res_model_name", resID: "res_id"},
	{table: "data_cleaning_rule", resModel: "res_model_name"},
	{table: "data_merge_group", resModel: "res_model_name"},
	{table: "data_merge_model", resModel: "res_model_name"},
	{table: "data_merge_record", resModel: "res_model_name", resID: "res_id"},
	{table: "documents_document", resModel: "res_model", resID: "res_id"},
	{table: "email_template", resModel: "model", setUnknown: true},
	{table: "iap_extracted_words", resModel: "res_model", resID: "res_id"},
	{table: "mail_template", resModel: "model", setUnknown: true},
	{table: "mail_activity", resModel: "res_model", resID: "res_id", resModelID: "res_model_id"},
	{table: "mail_activity_type", resModel: "res_model"},
	{table: "mail_alias", resID: "alias_force_thread_id", resModelID: "alias_model_id"},
	{table: "mail_alias", resID: "alias_parent_thread_id", resModelID: "alias_parent_model_id"},
	{table: "mail_followers", resModel: "res_model", resID: "res_id"},
	{table: "mail_message_subtype", resModel: "res_model"},
	{table: "mail_message", resModel: "model", resID: "res_id"},
	{table: "mail_compose_message", resModel: "model", resID: "res_id"},
	{table: "mail_wizard_invite", resModel: "res_model", resID: "res_id"},
	{table: "mail_mail_statistics", resModel: "model", resID: "res_id"},
	{table: "mailing_trace", resModel: "model", resID: "res_id"},
	{table: "mail_mass_mailing", resModel: "mailing_model", resModelID: "mailing_model_id", setUnknown: true},
	{table: "mailing_mailing", resModelID: "mailing_model_id", setUnknown: true},
	{table: "marketing_campaign", resModel: "model_name", setUnknown: true},
	{table: "marketing_participant", resModel: "model_name", resID: "res_id", resModelID: "model_id", setUnknown: true},
	{table: "payment_transaction", resID: "callback_res_id", resModelID: "callback_model_id"},
	{table: "project_project", resModel: "alias_model", setUnknown: true},
	{table: "quality_point", resModel: "worksheet_model_name"},
	{table: "rating_rating", resModel: "res_model", resID: "res_id", resModelID: "res_model_id"},
	{table: "rating_rating", resModel: "parent_res_model", resID: "parent_res_id", resModelID: "parent_res_model_id"},
	{table: "snailmail_letter", resModel: "model", resID: "res_id", setUnknown: true},
	{table: "sms_template", resModel: "model"},
	{table: "studio_approval_rule", resModel: "model_name"},
	{table: "spreadsheet_revision", resModel: "res_model", resID: "res_id"},
	{table: "studio_approval_entry", resModel: "model", resID: "res_id"},
	{table: "timer_timer", resModel: "res_model", resID: "res_id"},
	{table: "timer_timer", resModel: "parent_res_model", resID: "parent_res_id"},
	{table: "worksheet_template", resModel: "res_model"},
}

// indirectRefs lists the references present in the database: a missing
// res_id column drops the reference, a missing res_model or res_model_id
// column drops that side.
func (r runner) indirectRefs(boundOnly bool) ([]indirectRef, error) {
	var out []indirectRef
	for _, ir := range allIndirectRefs {
		if boundOnly && ir.resID == "" {
			continue
		}
		if ir.resID != "" {
			ok, err := r.columnExists(ir.table, ir.resID)
			if err != nil {
				return nil, err
			}
			if !ok {
				continue
			}
		}
		if ir.resModel != "" {
			ok, err := r.columnExists(ir.table, ir.resModel)
			if err != nil {
				return nil, err
			}
			if !ok {
				ir.resModel = ""
			}
		}
		if ir.resModelID != "" {
			ok, err := r.columnExists(ir.table, ir.resModelID)
			if err != nil {
				return nil, err
			}
			if !ok {
				ir.resModelID = ""
			}
		}
		if ir.resModel == "" && ir.resModelID == "" {
			continue
		}
		out = append(out, ir)
	}
	return out, nil
}

// removeRecords is remove_records(cr, model, ids), which package
// upgradeutil implements: the records, what delegates to them, what is
// bound to them and what references them.
func (r runner) removeRecords(model string, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	_, err := r.call(util+"remove_records", []sqlexec.Value{str(model), sqlexec.ListValue(intList(ids)...)}, nil)
	return err
}

// removeReferencing is upstream's _rm_refs: the records whose reference
// field ("model,id") points at the given records (every record of model
// when ids is nil) are removed, and with ids nil the model's ir_translation
// rows of constraint, view and report types.
func (r runner) removeReferencing(model string, ids []int64) error {
	match, needle := "LIKE %s", str(model+",%")
	if ids != nil {
		if len(ids) == 0 {
			return nil
		}
		var refs []sqlexec.Value
		for _, id := range ids {
			refs = append(refs, str(fmt.Sprintf("%s,%d", model, id)))
		}
		match, needle = "IN %s", sqlexec.TupleValue(refs...)
	}
	translations, err := r.hasTranslations()
	if err != nil {
		return err
	}
	fieldsQ := `SELECT model, name FROM ir_model_fields WHERE ttype = 'reference'`
	if translations {
		fieldsQ += ` UNION SELECT 'ir.translation', 'name'`
	}
	fields, err := r.rows(fieldsQ + ` ORDER BY 1, 2`)
	if err != nil {
		return err
	}
	for _, f := range fields {
		refModel, column := text(f[0]), text(f[1])
		table, err := r.tableOfModel(refModel)
		if err != nil {
			return err
		}
		if ok, err := r.columnUpdatable(table, column); err != nil {
			return err
		} else if !ok {
			continue
		}
		found, err := r.ids0(fmt.Sprintf(`SELECT id FROM %s WHERE %s %s ORDER BY id`, q(table), q(column), match), needle)
		if err != nil {
			return err
		}
		switch refModel {
		case "ir.ui.view":
			err = r.removeViews(found)
		case "ir.ui.menu":
			err = r.removeMenus(found)
		default:
			for _, id := range found {
				if err = r.removeRecord(refModel, id); err != nil {
					break
				}
			}
		}
		if err != nil {
			return err
		}
	}
	if ids == nil && translations {
		return r.exec(`
            DELETE FROM ir_translation
             WHERE name = %s
               AND type IN ('constraint', 'sql_constraint', 'view', 'report', 'rml', 'xsl')`, str(model))
	}
	return nil
}

// removeRecord is remove_record(cr, (model, id)) (package upgradeutil),
// which picks the removal that fits the model.
func (r runner) removeRecord(model string, id int64) error {
	_, err := r.call(util+"remove_record", []sqlexec.Value{sqlexec.TupleValue(str(model), sqlexec.IntValue(id))}, nil)
	return err
}

// removeViews removes views (and the views inheriting them) through
// upgrade-util's remove_view, silently, as remove_model does.
func (r runner) removeViews(ids []int64) error {
	for _, id := range ids {
		if _, err := r.call(util+"remove_view", nil, map[string]sqlexec.Value{
			"view_id": sqlexec.IntValue(id), "silent": sqlexec.BoolValue(true)}); err != nil {
			return err
		}
	}
	return nil
}

// removeMenus removes menus and their submenus through upgrade-util's
// remove_menus.
func (r runner) removeMenus(ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	_, err := r.call(util+"remove_menus", []sqlexec.Value{inList(ids)}, nil)
	return err
}
