package needs

import "strings"

// The rule tables, by qualified name after normalize(). They come from
// ../shared/reference/odoo-migration-semantics.md §10, §11 and §13 and
// from reading upgrade-util's src/util/orm.py and openupgradelib's
// openupgrade*.py: a function is listed as needing the ORM when it
// builds an Environment, browses, searches or writes records, reads a
// model's _fields/_table, or goes through a registry or pool.

// normalize maps the many spellings of one module to one name: openerp
// is odoo; upgrade-util is odoo.upgrade.util however it is imported;
// the openupgrade module of the old OpenUpgrade fork is openupgradelib's.
func normalize(q string) string {
	switch {
	case q == "openerp" || strings.HasPrefix(q, "openerp."):
		q = "odoo" + q[len("openerp"):]
	}
	for _, p := range [...]struct{ from, to string }{
		{"odoo.addons.base.maintenance.migrations", "odoo.upgrade"},
		{"odoo.openupgrade", "openupgradelib"},
	} {
		if q == p.from || strings.HasPrefix(q, p.from+".") {
			q = p.to + q[len(p.from):]
		}
	}
	return q
}

// under reports whether q is prefix or inside it.
func under(q, prefix string) bool {
	return q == prefix || strings.HasPrefix(q, prefix+".")
}

// last is the last dotted component.
func last(q string) string {
	if i := strings.LastIndexByte(q, '.'); i >= 0 {
		return q[i+1:]
	}
	return q
}

// importNeed classifies an imported name (normalized): which library it
// belongs to, or whether importing it loads addon code.
func importNeed(q string) (Need, bool) {
	switch {
	case under(q, "odoo.upgrade"):
		return UpgradeUtil, true
	case under(q, "openupgradelib"):
		return OpenUpgrade, true
	case isToolsSQL(q):
		return ToolsSQL, true
	case strings.HasPrefix(q, "odoo.addons.") && q != "odoo.addons.":
		// An addon's package imports its models (its __init__ does
		// `from . import models`): they need the ORM's metaclasses and
		// registry.
		return ORM, true
	}
	return "", false
}

// toolsSQLNames are odoo.tools.sql's public functions (T-16 to T-18).
var toolsSQLNames = set("existing_tables", "table_exists", "table_kind", "table_columns", "column_exists",
	"create_column", "rename_column", "convert_column", "convert_column_translatable", "drop_depending_views",
	"get_depending_views", "set_not_null", "drop_not_null", "add_constraint", "drop_constraint",
	"constraint_definition", "add_foreign_key", "fix_foreign_key", "get_foreign_keys", "index_exists",
	"create_index", "create_unique_index", "drop_index", "drop_view_if_exists", "escape_psql", "pg_varchar",
	"reverse_order", "increment_fields_skiplock", "make_identifier", "make_index_name", "SQL", "TableKind",
	"rename_table", "column_nullable", "table_has_rows")

func isToolsSQL(q string) bool {
	return under(q, "odoo.tools.sql") || strings.HasPrefix(q, "odoo.tools.") && strings.Count(q, ".") == 2 && toolsSQLNames[last(q)]
}

// utilORM: upgrade-util functions that go through the ORM.
var utilORM = set("env", "iter_browse", "recompute_fields", "update_record_from_xml", "create_cron",
	"get_admin_channel", "custom_module_field_as_manual", "uninstall_theme", "invalidate", "flush",
	"no_selection_cache_validation")

// openupgradeORM: openupgradelib functions (any of its modules) that go
// through the ORM whatever their arguments.
var openupgradeORM = set(
	// openupgrade
	"load_data", "load_xml", "m2o_to_x2m", "m2o_to_m2m", "set_defaults", "update_workflow_workitems",
	"warn_possible_dataloss", "move_field_m2o", "disable_invalid_filters", "update_field_multilang",
	"safe_unlink", "delete_records_safely_by_xml_id", "chunked",
	// openupgrade_merge_records
	"merge_records",
	// openupgrade_80 / _90 / _120 / _140 / _160
	"set_message_last_post", "update_aliases", "convert_binary_field_to_attachment", "replace_account_types",
	"convert_field_bootstrap_3to4", "convert_field_html_string_13to14", "convert_field_bootstrap_4to5",
	"migrate_translations_to_jsonb",
	// openupgrade_tools
	"invalidate_cache")

// sqlRunners run raw SQL the script hands them: the script needs "sql"
// as much as with cr.execute.
var sqlRunners = set("logged_query", "explode_execute", "parallel_execute")

// registryQuals build or are registries (old and new API).
var registryQuals = []string{"odoo.registry", "odoo.modules.registry.Registry", "odoo.modules.registry.RegistryManager",
	"odoo.modules.registry.registry", "odoo.pooler", "odoo.modules.registry.get"}

// ormQuals need the ORM when used at all: Environments, models, the old
// osv API, and the data file loaders (they create records through it).
var ormQuals = []string{"odoo.api.Environment", "odoo.models", "odoo.osv", "odoo.tools.convert",
	"odoo.tools.convert_file", "odoo.tools.convert_xml_import", "odoo.tools.convert_csv_import",
	"odoo.tools.convert_yaml_import", "odoo.tools.yaml_import", "odoo.addons"}

func underAny(q string, prefixes []string) bool {
	for _, p := range prefixes {
		if under(q, p) {
			return true
		}
	}
	return false
}

// callRule is what calling q (normalized) does: the need (ORM or SQL)
// and the kind of value it returns. args tells the conditional rules.
func callRule(q string, args *callArgs) (need Need, result kinds) {
	switch {
	case under(q, "odoo.api.Environment"):
		return ORM, kEnv
	case underAny(q, registryQuals):
		return ORM, kRegistry
	case underAny(q, ormQuals):
		return ORM, kModel
	case strings.HasPrefix(q, "odoo.upgrade.util."):
		name := last(q)
		switch {
		case name == "env":
			return ORM, kEnv
		case utilORM[name]:
			return ORM, kModel
		case name == "remove_field" && args.truthy("keep_as_attachments", 6):
			return ORM, kOther
		case sqlRunners[name]:
			return SQL, kOther
		}
		return UpgradeUtil, kOther
	case strings.HasPrefix(q, "openupgradelib."):
		name := last(q)
		switch {
		case openupgradeORM[name]:
			return ORM, kModel
		case name == "map_values" && args.equals("write", 6, "orm"):
			return ORM, kOther
		case name == "convert_to_company_dependent" && !args.given("model_table_name", 4):
			// Without a table name it reads env[model]._table.
			return ORM, kOther
		case name == "deactivate_workflow_transitions" && args.truthy("transitions", 2):
			return ORM, kOther
		case sqlRunners[name]:
			return SQL, kOther
		}
		return OpenUpgrade, kOther
	case isToolsSQL(q):
		return ToolsSQL, kOther
	case under(q, "odoo.sql_db.db_connect"):
		return "", kConnection
	}
	return "", kOther
}

// refRule is what merely naming q (not calling it) needs:
// `with api.Environment.manage():`, `class X(models.Model)`, isinstance.
func refRule(q string) Need {
	switch {
	case underAny(q, ormQuals) && q != "odoo.addons", underAny(q, registryQuals):
		return ORM
	case isToolsSQL(q):
		return ToolsSQL
	case under(q, "odoo.upgrade"):
		return UpgradeUtil
	case under(q, "openupgradelib"):
		return OpenUpgrade
	}
	return ""
}

// isMigrateDecorator reports whether q is openupgradelib's decorator.
func isMigrateDecorator(q string) bool {
	return strings.HasPrefix(q, "openupgradelib.") && last(q) == "migrate"
}

// Names whose values are known by name alone, when nothing in the
// script says where they come from.
func byName(name string) kinds {
	switch {
	case name == "env" || name == "environment" || strings.HasSuffix(name, "_env"):
		return kEnv
	case cursorName(name):
		return kCursor
	case name == "pool":
		return kRegistry
	}
	return 0
}

// cursorName: the receivers real-world-scripts.md recognises as cursors.
func cursorName(name string) bool {
	return name == "cr" || name == "_cr" || name == "cursor" || strings.HasSuffix(name, "_cr")
}

// envAttrsWithoutORM are the Environment attributes that are plain
// values: the cursor, the uid and context the decorator built it with.
var envAttrsWithoutORM = set("cr", "_cr", "uid", "context", "su")

// builtins a script may call to build plain values.
var builtinNames = set("dict", "list", "tuple", "set", "frozenset", "str", "int", "float", "bool", "bytes",
	"len", "sorted", "reversed", "enumerate", "zip", "range", "map", "filter", "min", "max", "sum", "any", "all",
	"repr", "format", "print", "open", "isinstance", "getattr", "hasattr", "setattr", "type", "iter", "next",
	"round", "abs", "divmod", "hash", "id", "object", "super", "vars", "locals", "globals", "Exception",
	"ValueError", "KeyError", "TypeError", "RuntimeError", "AttributeError", "NotImplementedError",
	"IndexError", "AssertionError", "True", "False", "None")

func set(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// step is what x.name is, given what x is, and the need reading it shows:
// the ORM for an Environment's attribute (but its cursor, uid and
// context) or a registry's, "sql" for a cursor's. Both the AST analysis
// and the token scan go through it.
func step(recv val, name string) (val, Need) {
	if recv.qual != "" {
		return val{qual: recv.qual + "." + name}, ""
	}
	switch {
	case recv.k&kEnv != 0:
		switch {
		case name == "cr" || name == "_cr":
			return val{k: kCursor}, ""
		case envAttrsWithoutORM[name]:
			return val{k: kOther}, ""
		case name == "registry":
			return val{k: kRegistry}, ORM
		}
		return val{k: kModel, callRet: kModel}, ORM
	case recv.k&kRegistry != 0:
		if name == "cursor" {
			return val{k: kOther, callRet: kCursor}, ORM
		}
		return val{k: kModel, callRet: kModel}, ORM
	case recv.k&kCursor != 0:
		return val{k: kOther, callRet: kOther}, SQL
	case recv.k == kOther:
		return val{k: kOther, callRet: kOther}, "" // a plain value's attributes are plain
	}
	switch name {
	case "env":
		return val{k: kEnv}, ""
	case "cr", "_cr":
		return val{k: kCursor}, ""
	case "pool":
		return val{k: kRegistry}, ""
	case "cursor":
		return val{callRet: kCursor}, ""
	}
	if recv.k&kModel != 0 {
		return val{k: kModel, callRet: kModel}, ""
	}
	return val{}, ""
}
