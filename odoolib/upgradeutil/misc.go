package upgradeutil

import (
	"fmt"
	"strings"

	"github.com/migrate-runner/migrate-runner/odoolib"
	"github.com/migrate-runner/migrate-runner/sqlexec"
)

// upgrade-util's misc.py, helpers.py and orm.py: versions, model and
// table names, and the ORM entry points, which cannot run here.

func init() {
	odoolib.Alias("odoo.addons.base.maintenance.migrations.util", "odoo.upgrade.util")

	regPure("version_gte", []string{"version"}, 1, nil, versionGte)
	regPure("version_between", []string{"a", "b"}, 2, nil, versionBetween)
	reg("table_of_model", []string{"model"}, 1, nil, tableOfModel)
	reg("dbuuid", nil, 0, nil, dbuuid)
	reg("model_of_table", []string{"table"}, 1, nil, modelOfTable)

	reg("env", nil, 0, nil, func(op, []sqlexec.Value) (sqlexec.Value, error) {
		return none, odoolib.OrmUnavailable("util.env(cr)")
	})
	regPure("iter_browse", []string{"model", "ids", "chunk_size", "logger", "strategy"}, 1,
		[]sqlexec.Value{unset, unset, unset, unset}, func(op, []sqlexec.Value) (sqlexec.Value, error) {
			return none, odoolib.OrmUnavailable("util.iter_browse(model, ids)")
		})
	reg("recompute_fields", []string{"model", "fields", "ids", "logger", "chunk_size", "strategy", "query"}, 2,
		[]sqlexec.Value{none, none, sqlexec.IntValue(256), s("auto"), none}, func(_ op, a []sqlexec.Value) (sqlexec.Value, error) {
			return none, odoolib.OrmUnavailable(fmt.Sprintf("util.recompute_fields(cr, %s, %s)", sqlexec.Repr(a[0]), sqlexec.Repr(a[1])))
		})
	reg("update_record_from_xml", []string{"xmlid", "reset_write_metadata", "force_create", "from_module",
		"reset_translations", "ensure_references", "fields"}, 1,
		[]sqlexec.Value{vTrue, unset, none, tuple(), vFalse, none}, func(_ op, a []sqlexec.Value) (sqlexec.Value, error) {
			return none, odoolib.OrmUnavailable(fmt.Sprintf("util.update_record_from_xml(cr, %s)", sqlexec.Repr(a[0])))
		})
}

// dbuuid is the database's uuid, its origin's when it is a copy (what
// dispatch_by_dbuuid, which the hosts implement, compares).
func dbuuid(o op, _ []sqlexec.Value) (sqlexec.Value, error) {
	row, err := o.one(`
        SELECT value
          FROM ir_config_parameter
         WHERE key IN ('database.uuid', 'origin.database.uuid')
      ORDER BY key DESC
         LIMIT 1`)
	if err != nil {
		return none, err
	}
	if row == nil {
		return none, odoolib.PyErr("TypeError", "'NoneType' object is not subscriptable")
	}
	return row[0], nil
}

// checkVersion refuses the dash upgrade-util refuses, and a target
// series migrate-runner was not told.
func (o op) checkVersion(vs ...sqlexec.Value) error {
	for _, v := range vs {
		x, err := str("version_gte", "version", v)
		if err != nil {
			return err
		}
		if strings.Contains(x, "-") {
			return sleepyError("version cannot contains dash")
		}
	}
	if o.env.Major <= 0 {
		return odoolib.PyErr("Exception", "the target Odoo series is unknown here: version checks need the series the script migrates to")
	}
	return nil
}

func versionGte(o op, a []sqlexec.Value) (sqlexec.Value, error) {
	if err := o.checkVersion(a[0]); err != nil {
		return none, err
	}
	return sqlexec.BoolValue(o.gte(a[0].Text)), nil
}

func versionBetween(o op, a []sqlexec.Value) (sqlexec.Value, error) {
	if err := o.checkVersion(a[0], a[1]); err != nil {
		return none, err
	}
	return sqlexec.BoolValue(o.between(a[0].Text, a[1].Text)), nil
}

// mailNotificationRel tells the series where mail.notification was the
// mail_message_res_partner_needaction_rel table (9.saas~13 to saas~14.3).
func (o op) mailNotificationRel() bool { return o.gte("9.saas~13") && !o.gte("saas~14.3") }

func (o op) tableOfModel(model string) (string, error) {
	switch model {
	case "ir.actions.actions", "ir.actions.act_window_close":
		return "ir_actions", nil
	case "ir.actions.act_url":
		return "ir_act_url", nil
	case "ir.actions.act_window":
		return "ir_act_window", nil
	case "ir.actions.act_window.view":
		return "ir_act_window_view", nil
	case "ir.actions.client":
		return "ir_act_client", nil
	case "ir.actions.report.xml", "ir.actions.report":
		return "ir_act_report_xml", nil
	case "ir.actions.server":
		return "ir_act_server", nil
	case "ir.actions.wizard":
		return "ir_act_wizard", nil
	case "stock.picking.in", "stock.picking.out":
		return "stock_picking", nil
	case "workflow":
		return "wkf", nil
	case "workflow.activity", "workflow.instance", "workflow.transition", "workflow.triggers", "workflow.workitem":
		return "wkf_" + strings.TrimPrefix(model, "workflow."), nil
	case "mail.mass_mailing.list_contact_rel":
		return "mail_mass_mailing_contact_list_rel", nil
	case "mailing.contact.subscription":
		return "mailing_contact_list_rel", nil
	case "project.task.stage.personal":
		return "project_task_user_rel", nil
	case "mail.notification":
		if o.mailNotificationRel() {
			return "mail_message_res_partner_needaction_rel", nil
		}
	}
	return strings.ReplaceAll(model, ".", "_"), nil
}

func tableOfModel(o op, a []sqlexec.Value) (sqlexec.Value, error) {
	model, err := str("table_of_model", "model", a[0])
	if err != nil {
		return none, err
	}
	t, err := o.tableOfModel(model)
	return s(t), err
}

// modelOfTable is model_of_table: upstream's exceptions, else the
// ir_model row whose dotted name gives the table, else the table with
// dots for underscores (logged as critical).
func (o op) modelOfTable(table string) (string, error) {
	switch table {
	case "ir_actions":
		return "ir.actions.actions", nil
	case "ir_act_url":
		return "ir.actions.act_url", nil
	case "ir_act_window":
		return "ir.actions.act_window", nil
	case "ir_act_window_view":
		return "ir.actions.act_window.view", nil
	case "ir_act_client":
		return "ir.actions.client", nil
	case "ir_act_report_xml":
		if o.gte("10.saas~17") {
			return "ir.actions.report", nil
		}
		return "ir.actions.report.xml", nil
	case "ir_act_server":
		return "ir.actions.server", nil
	case "ir_act_wizard":
		return "ir.actions.wizard", nil
	case "wkf":
		return "workflow", nil
	case "wkf_activity", "wkf_instance", "wkf_transition", "wkf_triggers", "wkf_workitem":
		return "workflow." + strings.TrimPrefix(table, "wkf_"), nil
	case "_unknown":
		return "_unknown", nil
	case "mail_mass_mailing_contact_list_rel":
		return "mail.mass_mailing.list_contact_rel", nil
	case "mailing_contact_list_rel":
		return "mailing.contact.subscription", nil
	case "project_task_user_rel":
		return "project.task.stage.personal", nil
	case "mail_message_res_partner_needaction_rel":
		if o.mailNotificationRel() {
			return "mail.notification", nil
		}
	}
	candidates, err := o.col0(`
            SELECT model
              FROM ir_model
             WHERE replace(model, '.', '_') = %s
            `, s(table))
	if err != nil {
		return "", err
	}
	if len(candidates) > 0 {
		if len(candidates) > 1 {
			logger("helpers").Error(fmt.Sprintf("cannot determine model of table %s. Multiple candidates: %s",
				sqlexec.Repr(s(table)), sqlexec.Repr(list(candidates...))))
		}
		return candidates[0].Text, nil
	}
	fallback := strings.ReplaceAll(table, "_", ".")
	logger("helpers").Error(fmt.Sprintf("cannot determine model of table %s. No candidates found in the `ir_model` table. Fallback to %s",
		sqlexec.Repr(s(table)), sqlexec.Repr(s(fallback))))
	return fallback, nil
}

func modelOfTable(o op, a []sqlexec.Value) (sqlexec.Value, error) {
	table, err := str("model_of_table", "table", a[0])
	if err != nil {
		return none, err
	}
	m, err := o.modelOfTable(table)
	return s(m), err
}
