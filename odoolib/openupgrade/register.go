package openupgrade

import (
	"fmt"
	"strings"

	"github.com/migrate-runner/migrate-runner/odoolib"
	"github.com/migrate-runner/migrate-runner/sqlexec"
)

func init() {
	// openupgradelib.openupgrade: the SQL-level helpers.
	reg(ouMod+"logged_query", []string{"query", "args", "skip_no_result"}, 1, []sqlexec.Value{none, vFalse}, loggedQuery)
	reg(ouMod+"column_exists", []string{"table", "column"}, 2, nil, columnExists)
	reg(ouMod+"table_exists", []string{"table"}, 1, nil, tableExists)
	reg(ouMod+"rename_columns", []string{"column_spec"}, 1, nil, renameColumns)
	reg(ouMod+"rename_tables", []string{"table_spec"}, 1, nil, renameTables)
	reg(ouMod+"rename_models", []string{"model_spec"}, 1, nil, renameModels)
	reg(ouMod+"rename_fields", []string{"field_spec", "no_deep"}, 1, []sqlexec.Value{vFalse}, renameFields)
	reg(ouMod+"rename_xmlids", []string{"xmlids_spec", "allow_merge"}, 1, []sqlexec.Value{vFalse}, renameXmlids)
	reg(ouMod+"copy_columns", []string{"column_spec"}, 1, nil, copyColumns)
	reg(ouMod+"drop_columns", []string{"column_spec"}, 1, nil, dropColumns)
	reg(ouMod+"map_values", []string{"source_column", "target_column", "mapping", "model", "table", "write"}, 3,
		[]sqlexec.Value{none, none, s("sql")}, mapValues)
	reg(ouMod+"update_module_names", []string{"namespec", "merge_modules"}, 1, []sqlexec.Value{vFalse}, updateModuleNames)
	reg(ouMod+"set_xml_ids_noupdate_value", []string{"module", "xml_ids", "value"}, 3, nil, setXMLIDsNoupdateValue)
	reg(ouMod+"add_fields", []string{"field_spec"}, 1, nil, addFields)
	reg(ouMod+"lift_constraints", []string{"table", "column", "cascade"}, 2, []sqlexec.Value{vFalse}, liftConstraints)
	reg(ouMod+"float_to_integer", []string{"table", "field"}, 2, nil, floatToInteger)
	reg(ouMod+"delete_sql_constraint_safely", []string{"module", "table", "name"}, 3, nil, deleteSQLConstraintSafely)
	regPure(ouMod+"get_legacy_name", []string{"original_name"}, 1, nil, getLegacyName)
	reg(ouMod+"is_module_installed", []string{"module"}, 1, nil, isModuleInstalled)
	reg(ouMod+"rename_property", []string{"model", "old_name", "new_name"}, 3, nil, renameProperty)
	reg(ouMod+"delete_record_translations", []string{"module", "xml_ids"}, 2, nil, deleteRecordTranslations)
	reg(ouMod+"remove_tables_fks", []string{"tables"}, 1, nil, removeTablesFks)
	reg(ouMod+"add_xmlid", []string{"module", "xmlid", "model", "res_id", "noupdate"}, 4, []sqlexec.Value{vFalse}, addXmlid)
	reg(ouMod+"add_ir_model_fields", []string{"columnspec"}, 1, nil, addIrModelFields)
	reg(ouMod+"update_module_moved_fields", []string{"model", "moved_fields", "old_module", "new_module"}, 4, nil, updateModuleMovedFields)
	// The decorator's options; the hosts build the decorator from them.
	regPure(ouMod+"migrate", []string{"no_version", "use_env", "uid", "context"}, 0,
		[]sqlexec.Value{vFalse, none, none, none}, migrateOptions)

	// Sibling modules.
	reg(toolsMod+"table_exists", []string{"table"}, 1, nil, tableExists)
	reg(toolsMod+"column_exists", []string{"table", "column"}, 2, nil, columnExists)
	reg(ou160Mod+"fill_analytic_distribution", []string{"table", "m2m_rel", "m2m_column1", "m2m_column2", "column"}, 3,
		[]sqlexec.Value{s("account_analytic_tag_id"), s("analytic_distribution")}, fillAnalyticDistribution)

	// What needs Odoo's ORM (records, the registry, XML data loading):
	// the arguments are bound as Python would, then OrmUnavailable.
	for _, f := range ormHelpers {
		f := f
		fn := func(o op, a []sqlexec.Value) (sqlexec.Value, error) {
			return none, odoolib.OrmUnavailable(f.call + "(…)")
		}
		if f.pure {
			regPure(f.qualname, f.params, f.required, f.defaults, fn)
		} else {
			reg(f.qualname, f.params, f.required, f.defaults, fn)
		}
	}
}

// ormHelper is an upstream function that needs the ORM, with its Python
// parameters (after cr when pure is false).
type ormHelper struct {
	qualname, call string
	params         []string
	required       int
	defaults       []sqlexec.Value
	pure           bool // its first parameter is not a cursor or env
}

var ormHelpers = []ormHelper{
	{qualname: ouMod + "load_data", call: "openupgrade.load_data", params: []string{"module_name", "filename", "idref", "mode"},
		required: 2, defaults: []sqlexec.Value{none, s("init")}},
	{qualname: ouMod + "load_xml", call: "openupgrade.load_xml", params: []string{"module_name", "filename", "idref", "mode"},
		required: 2, defaults: []sqlexec.Value{none, s("init")}},
	{qualname: ouMod + "delete_records_safely_by_xml_id", call: "openupgrade.delete_records_safely_by_xml_id",
		params: []string{"xml_ids", "delete_childs"}, required: 1, defaults: []sqlexec.Value{vFalse}},
	{qualname: ouMod + "safe_unlink", call: "openupgrade.safe_unlink", params: []string{"records", "do_raise"},
		required: 1, defaults: []sqlexec.Value{vFalse}, pure: true},
	{qualname: ouMod + "chunked", call: "openupgrade.chunked", params: []string{"records", "single"},
		required: 1, defaults: []sqlexec.Value{vTrue}, pure: true},
	{qualname: ouMod + "update_field_multilang", call: "openupgrade.update_field_multilang",
		params: []string{"records", "field", "method"}, required: 3, pure: true},
	{qualname: ouMod + "set_defaults", call: "openupgrade.set_defaults", params: []string{"pool", "default_spec", "force", "use_orm"},
		required: 2, defaults: []sqlexec.Value{vFalse, vFalse}},
	{qualname: ouMod + "m2o_to_x2m", call: "openupgrade.m2o_to_x2m", params: []string{"model", "table", "field", "source_field"}, required: 4},
	{qualname: ouMod + "m2o_to_m2m", call: "openupgrade.m2o_to_m2m", params: []string{"model", "table", "field", "source_field"}, required: 4},
	{qualname: ouMod + "move_field_m2o", call: "openupgrade.move_field_m2o",
		params: []string{"pool", "registry_old_model", "field_old_model", "m2o_field_old_model", "registry_new_model",
			"field_new_model", "quick_request", "compute_func", "binary_field"},
		required: 6, defaults: []sqlexec.Value{vTrue, none, vFalse}},
	{qualname: ouMod + "warn_possible_dataloss", call: "openupgrade.warn_possible_dataloss",
		params: []string{"pool", "old_module", "fields"}, required: 3},
	{qualname: ouMod + "disable_invalid_filters", call: "openupgrade.disable_invalid_filters", params: []string{}},
	{qualname: mergeMod + "merge_records", call: "openupgrade_merge_records.merge_records",
		params:   []string{"model_name", "record_ids", "target_record_id", "field_spec", "method", "delete", "exclude_columns", "model_table"},
		required: 3, defaults: []sqlexec.Value{none, s("orm"), vTrue, none, none}},
	{qualname: ou90Mod + "convert_binary_field_to_attachment", call: "openupgrade_90.convert_binary_field_to_attachment",
		params: []string{"field_spec"}, required: 1},
	{qualname: ou90Mod + "replace_account_types", call: "openupgrade_90.replace_account_types",
		params: []string{"type_spec", "unlink"}, required: 1, defaults: []sqlexec.Value{vTrue}},
	{qualname: ou160Mod + "migrate_translations_to_jsonb", call: "openupgrade_160.migrate_translations_to_jsonb",
		params: []string{"fields_spec"}, required: 1},
	{qualname: ou160Mod + "convert_field_bootstrap_4to5", call: "openupgrade_160.convert_field_bootstrap_4to5",
		params: []string{"model_name", "field_name", "domain", "method"}, required: 2, defaults: []sqlexec.Value{none, s("orm")}},
}

// loggedQuery is logged_query(cr, query, args=None, skip_no_result=False):
// cr.rowcount after the statement.
func loggedQuery(o op, a []sqlexec.Value) (sqlexec.Value, error) {
	n, err := o.logged(a[0], a[1], a[2].Truthy())
	if err != nil {
		return none, err
	}
	return sqlexec.IntValue(n), nil
}

// getLegacyName is get_legacy_name(original_name).
func getLegacyName(o op, a []sqlexec.Value) (sqlexec.Value, error) {
	name, err := o.legacyName(a[0])
	return s(name), err
}

// migrateOptions binds @openupgrade.migrate(no_version=False,
// use_env=None, uid=None, context=None) and resolves it as the decorator
// does: (no_version, whether migrate() gets an env — by default from
// 10.0 on —, the env's uid, its context). The hosts wrap the script's
// migrate() with them (pyhost/harness.py, pyhost/embedded/openupgrade.go).
func migrateOptions(o op, a []sqlexec.Value) (sqlexec.Value, error) {
	useEnv := a[1].Truthy()
	if a[1].Kind == sqlexec.None {
		useEnv = o.major() >= 10
	}
	uid := a[2]
	if !uid.Truthy() {
		uid = sqlexec.IntValue(1) // SUPERUSER_ID
	}
	ctx := a[3]
	if !ctx.Truthy() {
		ctx = sqlexec.Value{Kind: sqlexec.Dict}
	}
	return tuple(sqlexec.BoolValue(a[0].Truthy()), sqlexec.BoolValue(useEnv), uid, ctx), nil
}

// fillAnalyticDistribution is openupgrade_160.fill_analytic_distribution(
// env, table, m2m_rel, m2m_column1, m2m_column2='account_analytic_tag_id',
// column='analytic_distribution'): the jsonb column (added if missing)
// gets {account_id: percentage} per line, from the line's analytic
// account (100) plus the distributions of its active distribution tags,
// summed per account. Names are spliced bare, as upstream's f-strings do.
func fillAnalyticDistribution(o op, a []sqlexec.Value) (sqlexec.Value, error) {
	n := make([]string, len(a))
	for i, v := range a {
		n[i] = pyStr(v)
	}
	table, rel, col1, col2, column := n[0], n[1], n[2], n[3], n[4]
	if err := o.loggedText(fmt.Sprintf("ALTER TABLE %s ADD COLUMN IF NOT EXISTS %s jsonb", table, column)); err != nil {
		return none, err
	}
	query := strings.NewReplacer("{table}", table, "{rel}", rel, "{col1}", col1, "{col2}", col2, "{column}", column).Replace(`
        WITH shares AS (
                SELECT line.id AS line_id, line.analytic_account_id AS account_id, 100 AS percentage
                  FROM {table} line
                 WHERE line.analytic_account_id IS NOT NULL
             UNION ALL
                SELECT line.id, dist.account_id, dist.percentage
                  FROM {table} line
                  JOIN {rel} tag_rel ON tag_rel.{col1} = line.id
                  JOIN account_analytic_distribution dist ON dist.tag_id = tag_rel.{col2}
                  JOIN account_analytic_tag tag ON tag.id = tag_rel.{col2}
                 WHERE tag.active_analytic_distribution = true
        ), per_account AS (
                SELECT line_id, account_id, sum(percentage) AS percentage
                  FROM shares
              GROUP BY line_id, account_id
        ), distribution AS (
                SELECT line_id, jsonb_object_agg(account_id::text, percentage) AS analytic_distribution
                  FROM per_account
              GROUP BY line_id
        )
        UPDATE {table} line
           SET {column} = distribution.analytic_distribution
          FROM distribution
         WHERE line.id = distribution.line_id`)
	return none, o.loggedText(query)
}
