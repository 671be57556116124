package upgradeutil

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/migrate-runner/migrate-runner/internal/pyre"
	"github.com/migrate-runner/migrate-runner/odoolib"
	"github.com/migrate-runner/migrate-runner/sqlexec"
)

// upgrade-util's src/util/pg.py: the schema helpers.

func init() {
	reg("table_exists", []string{"table"}, 1, nil, tableExists)
	reg("view_exists", []string{"view"}, 1, nil, viewExists)
	reg("sequence_exists", []string{"sequence"}, 1, nil, sequenceExists)
	reg("column_exists", []string{"table", "column"}, 2, nil, columnExists)
	reg("column_type", []string{"table", "column", "sized"}, 2, []sqlexec.Value{vFalse}, columnType)
	reg("column_nullable", []string{"table", "column"}, 2, nil, columnNullable)
	reg("column_updatable", []string{"table", "column"}, 2, nil, columnUpdatable)
	// create_column(cr, table, column, definition, **kwargs): the keyword
	// arguments it pops are parameters here, unset when not given.
	reg("create_column", []string{"table", "column", "definition", "default", "fk_table", "on_delete_action"}, 3,
		[]sqlexec.Value{unset, unset, unset}, createColumn)
	reg("remove_column", []string{"table", "column", "cascade"}, 2, []sqlexec.Value{vFalse}, removeColumn)
	reg("rename_table", []string{"old_table", "new_table", "remove_constraints"}, 2, []sqlexec.Value{vTrue}, renameTable)
	reg("alter_column_type", []string{"table", "column", "type", "using", "where", "logger"}, 3,
		[]sqlexec.Value{none, none, none}, alterColumnType)
	reg("create_m2m", []string{"m2m", "fk1", "fk2", "col1", "col2"}, 3, []sqlexec.Value{none, none}, createM2M)
	reg("fixup_m2m", []string{"m2m", "fk1", "fk2", "col1", "col2"}, 3, []sqlexec.Value{none, none}, fixupM2M)
	reg("get_fk", []string{"table", "quote_ident"}, 1, []sqlexec.Value{vTrue}, getFK)
	reg("target_of", []string{"table", "column"}, 2, nil, targetOf)
	reg("remove_constraint", []string{"table", "name", "cascade", "warn"}, 2, []sqlexec.Value{vFalse, vTrue}, removeConstraint)
	params, defaults := variadic([]string{"name", "table_name"}, "columns")
	reg("create_index", params, 2, defaults, createIndex)
	params, defaults = variadic([]string{"table"}, "columns")
	reg("get_index_on", params, 1, defaults, getIndexOn)
	reg("get_columns", []string{"table", "ignore"}, 1, []sqlexec.Value{tuple(s("id"))}, getColumns)
}

// validateTable is _validate_table: a dotted name is a model name.
func validateTable(fname string, v sqlexec.Value) (string, error) {
	t, err := str(fname, "table", v)
	if err != nil {
		return "", err
	}
	if strings.Contains(t, ".") {
		return "", sleepyError("`%s` seems to be a model name instead of table name", t)
	}
	return t, nil
}

func tableExists(o op, a []sqlexec.Value) (sqlexec.Value, error) {
	t, err := validateTable("table_exists", a[0])
	if err != nil {
		return none, err
	}
	ok, err := o.tableExists(t)
	return sqlexec.BoolValue(ok), err
}

// tableExists counts base tables only, in any schema (no schema filter).
func (o op) tableExists(table string) (bool, error) {
	row, err := o.one(`
            SELECT 1
              FROM information_schema.tables
             WHERE table_name = %s
               AND table_type = 'BASE TABLE'
    `, s(table))
	return row != nil, err
}

func viewExists(o op, a []sqlexec.Value) (sqlexec.Value, error) {
	v, err := validateTable("view_exists", a[0])
	if err != nil {
		return none, err
	}
	err = o.exec("SELECT 1 FROM information_schema.views WHERE table_name=%s", s(v))
	return sqlexec.BoolValue(o.rowcount() > 0), err
}

func sequenceExists(o op, a []sqlexec.Value) (sqlexec.Value, error) {
	err := o.exec("SELECT 1 FROM information_schema.sequences WHERE sequence_name = %s", a[0])
	return sqlexec.BoolValue(o.rowcount() > 0), err
}

// columnInfo is _column_info: (udt_name, char_max_length, is_nullable,
// is_updatable) of the column, nil when there is no such column. The
// relation is found by name in any schema.
func (o op) columnInfo(table, column string) ([]sqlexec.Value, error) {
	if strings.Contains(table, ".") {
		return nil, sleepyError("`%s` seems to be a model name instead of table name", table)
	}
	return o.one(`
        SELECT COALESCE(bt.typname, t.typname) AS udt_name,
               information_schema._pg_char_max_length(
                    information_schema._pg_truetypid(a.*, t.*),
                   information_schema._pg_truetypmod(a.*, t.*)
               ) AS char_max_length,
               NOT (a.attnotnull OR t.typtype = 'd' AND t.typnotnull) AS is_nullable,
               (   c.relkind IN ('r','p','v','f')
               AND pg_column_is_updatable(c.oid::regclass, a.attnum, false)
               ) AS is_updatable
          FROM pg_attribute a
          JOIN pg_class c
            ON a.attrelid = c.oid
          JOIN pg_type t
            ON a.atttypid = t.oid
     LEFT JOIN pg_type bt
            ON t.typtype = 'd'
           AND t.typbasetype = bt.oid
         WHERE c.relname = %s
           AND a.attname = %s
        `, s(table), s(column))
}

// knownColumn is upgrade-util's _COLUMNS map: columns it takes as
// existing (or missing) in every database of a series without asking
// PostgreSQL. The series thresholds are upstream's version_gte() calls
// ("saas~16.1" is first true for the 17.0 target, and so on).
func knownColumn(major int, table, column string) (exists, known bool) {
	key := table + "." + column
	switch {
	case major >= 19 && (key == "ir_model_fields.company_dependent" || key == "ir_filters.embedded_parent_res_id" ||
		key == "ir_act_report_xml.domain"):
		return true, true
	case major >= 18 && (key == "ir_cron.resource_ref" || key == "ir_act_server.resource_ref"):
		return true, true
	case major >= 17 && key == "ir_translation.name":
		return false, true
	case major >= 14 && key == "ir_module_module_dependency.auto_install_required":
		return true, true
	case major >= 14 && key == "ir_act_window.src_model":
		return false, true
	case major >= 10:
		switch key {
		case "ir_model_fields.depends", "ir_model_fields.domain", "ir_model_fields.relation_table",
			"ir_ui_view.arch_db", "ir_ui_view.active",
			"ir_filters.sort", "ir_filters.domain", "ir_filters.model_id",
			"ir_model_rule.domain_force",
			"ir_model_data.res_id", "ir_model_data.model", "ir_model_data.name",
			"ir_attachment.res_field", "ir_attachment.res_model", "ir_attachment.res_id",
			"ir_ui_menu.action",
			"ir_act_window.res_model", "ir_act_window.res_id", "ir_act_window.domain",
			"ir_value.res_id":
			return true, true
		}
	}
	return false, false
}

func (o op) columnExists(table, column string) (bool, error) {
	if exists, known := knownColumn(o.major(), table, column); known {
		return exists, nil
	}
	nfo, err := o.columnInfo(table, column)
	return nfo != nil, err
}

func columnExists(o op, a []sqlexec.Value) (sqlexec.Value, error) {
	t, err := validateTable("column_exists", a[0])
	if err != nil {
		return none, err
	}
	c, err := str("column_exists", "column", a[1])
	if err != nil {
		return none, err
	}
	ok, err := o.columnExists(t, c)
	return sqlexec.BoolValue(ok), err
}

// columnType is column_type: the udt name, "varchar(64)" when sized and
// the column has a length, "" when there is no such column.
func (o op) columnType(table, column string, sized bool) (string, error) {
	nfo, err := o.columnInfo(table, column)
	if err != nil || nfo == nil {
		return "", err
	}
	if sized && nfo[1].Truthy() {
		return fmt.Sprintf("%s(%s)", nfo[0].Text, sqlexec.Repr(nfo[1])), nil
	}
	return nfo[0].Text, nil
}

func columnArgs(fname string, a []sqlexec.Value) (string, string, error) {
	t, err := validateTable(fname, a[0])
	if err != nil {
		return "", "", err
	}
	c, err := str(fname, "column", a[1])
	return t, c, err
}

func columnType(o op, a []sqlexec.Value) (sqlexec.Value, error) {
	t, c, err := columnArgs("column_type", a)
	if err != nil {
		return none, err
	}
	typ, err := o.columnType(t, c, a[2].Truthy())
	if err != nil || typ == "" {
		return none, err
	}
	return s(typ), nil
}

// columnNullable is `nfo and nfo[2]`: None for a missing column.
func columnNullable(o op, a []sqlexec.Value) (sqlexec.Value, error) {
	t, c, err := columnArgs("column_nullable", a)
	if err != nil {
		return none, err
	}
	nfo, err := o.columnInfo(t, c)
	if err != nil || nfo == nil {
		return none, err
	}
	return nfo[2], nil
}

func (o op) columnUpdatable(table, column string) (bool, error) {
	nfo, err := o.columnInfo(table, column)
	if err != nil || nfo == nil {
		return false, err
	}
	return nfo[3].Truthy(), nil
}

func columnUpdatable(o op, a []sqlexec.Value) (sqlexec.Value, error) {
	t, c, err := columnArgs("column_updatable", a)
	if err != nil {
		return none, err
	}
	nfo, err := o.columnInfo(t, c)
	if err != nil || nfo == nil {
		return none, err
	}
	return nfo[3], nil
}

var pgTypeRe = regexp.MustCompile(`^(.+?)((?:\[\]|\([0-9]+\))*)$`)

var pgTypeAliases = map[string]string{
	"boolean": "bool", "smallint": "int2", "integer": "int4", "bigint": "int8", "real": "float4",
	"double precision": "float8", "character varying": "varchar",
	"timestamp with time zone": "timestamptz", "timestamp without time zone": "timestamp",
}

// normalizePgType is _normalize_pg_type: SQL type aliases become udt
// names, keeping a "(n)" or "[]" suffix.
func normalizePgType(typ string) (string, error) {
	m := pgTypeRe.FindStringSubmatch(typ)
	if m == nil {
		return "", attributeError("'NoneType' object has no attribute 'groups'")
	}
	main, suffix := m[1], m[2]
	if alias, ok := pgTypeAliases[strings.ToLower(strings.TrimSpace(main))]; ok {
		main = alias
	}
	return main + suffix, nil
}

var onDeleteActions = map[string]bool{"SET NULL": true, "CASCADE": true, "RESTRICT": true, "NO ACTION": true, "SET DEFAULT": true}

func createColumn(o op, a []sqlexec.Value) (sqlexec.Value, error) {
	table, err := str("create_column", "table", a[0])
	if err != nil {
		return none, err
	}
	column, err := str("create_column", "column", a[1])
	if err != nil {
		return none, err
	}
	definition, err := str("create_column", "definition", a[2])
	if err != nil {
		return none, err
	}
	dflt, fkTable, onDelete := a[3], a[4], a[5]
	fk := ""
	action := "NO ACTION"
	if !isUnset(fkTable) {
		if !isUnset(onDelete) {
			if onDelete.Kind != sqlexec.Str || !onDeleteActions[onDelete.Text] {
				return none, valueError("unexpected value for the `on_delete_action` argument: %s", sqlexec.Repr(onDelete))
			}
			action = onDelete.Text
		}
		ft, err := str("create_column", "fk_table", fkTable)
		if err != nil {
			return none, err
		}
		fk = fmt.Sprintf("REFERENCES %s(id) ON DELETE %s", q(ft), action)
	} else if !isUnset(onDelete) {
		return none, valueError("`on_delete_action` argument can only be used if `fk_table` argument is set.")
	}
	if definition, err = normalizePgType(definition); err != nil {
		return none, err
	}
	if definition == "bool" && isUnset(dflt) {
		dflt = vFalse
	}
	curtype, err := o.columnType(table, column, true)
	if err != nil {
		return none, err
	}
	if curtype != "" {
		if curtype != definition {
			logger("pg").Error(fmt.Sprintf("%s.%s already exists but is %s instead of %s", table, column,
				sqlexec.Repr(s(curtype)), sqlexec.Repr(s(definition))))
		}
		if !isUnset(fkTable) {
			if err := o.createFK(table, column, fkTable.Text, action); err != nil {
				return none, err
			}
		}
		if !isUnset(dflt) {
			query, err := mogrify(fmt.Sprintf(`UPDATE "%s" SET "%s" = %%s WHERE "%s" IS NULL`, table, column, column), dflt)
			if err != nil {
				return none, err
			}
			if err := o.explodeExecute(query, table, ""); err != nil {
				return none, err
			}
		}
		return vFalse, nil
	}
	create := fmt.Sprintf(`ALTER TABLE "%s" ADD COLUMN "%s" %s %s`, table, column, definition, fk)
	if isUnset(dflt) {
		return vTrue, o.exec(create)
	}
	if err := o.exec(create+" DEFAULT %s", dflt); err != nil {
		return none, err
	}
	return vTrue, o.exec(fmt.Sprintf(`ALTER TABLE "%s" ALTER COLUMN "%s" DROP DEFAULT`, table, column))
}

// createFK is create_fk: an FK already on fk_table.id is kept as is (its
// ON DELETE is not checked), another target is replaced.
func (o op) createFK(table, column, fkTable, action string) error {
	target, err := o.targetOf(table, column)
	if err != nil {
		return err
	}
	if target != nil {
		if target[0].Text == fkTable && target[1].Text == "id" {
			return nil
		}
		if err := o.exec(fmt.Sprintf("ALTER TABLE %s DROP CONSTRAINT %s", q(table), q(target[2].Text))); err != nil {
			return err
		}
	}
	return o.exec(fmt.Sprintf("ALTER TABLE %s ADD FOREIGN KEY (%s) REFERENCES %s(id) ON DELETE %s", q(table), q(column), q(fkTable), action))
}

// dependingViews is get_depending_views: (quoted name, relkind) of the
// views and materialized views that read table.column. upgrade-util sends
// the same query as odoo.tools.sql's, so this is that helper.
func (o op) dependingViews(table, column string) ([][]sqlexec.Value, error) {
	v, err := odoolib.Call(o.ctx, o.env, "odoo.tools.sql.get_depending_views", []sqlexec.Value{s(table), s(column)}, nil)
	if err != nil {
		return nil, err
	}
	out := make([][]sqlexec.Value, len(v.Items))
	for i, row := range v.Items {
		out[i] = row.Items
	}
	return out, nil
}

func (o op) dropDependingViews(table, column string) error {
	views, err := o.dependingViews(table, column)
	if err != nil {
		return err
	}
	for _, v := range views {
		kind := ""
		if v[1].Text == "m" {
			kind = "MATERIALIZED"
		}
		if err := o.exec(fmt.Sprintf("DROP %s VIEW IF EXISTS %s CASCADE", kind, v[0].Text)); err != nil {
			return err
		}
	}
	return nil
}

func removeColumn(o op, a []sqlexec.Value) (sqlexec.Value, error) {
	t, c, err := columnArgs("remove_column", a)
	if err != nil {
		return none, err
	}
	return none, o.removeColumn(t, c, a[2].Truthy())
}

// removeColumn drops the column when column_exists says it exists (so a
// _COLUMNS "missing" entry makes it a no-op), with its depending views.
func (o op) removeColumn(table, column string, cascade bool) error {
	ok, err := o.columnExists(table, column)
	if err != nil || !ok {
		return err
	}
	if err := o.dropDependingViews(table, column); err != nil {
		return err
	}
	drop := ""
	if cascade {
		drop = " CASCADE"
	}
	return o.exec(fmt.Sprintf(`ALTER TABLE "%s" DROP COLUMN "%s"%s`, table, column, drop))
}

func renameTable(o op, a []sqlexec.Value) (sqlexec.Value, error) {
	old, err := str("rename_table", "old_table", a[0])
	if err != nil {
		return none, err
	}
	nw, err := str("rename_table", "new_table", a[1])
	if err != nil {
		return none, err
	}
	return none, o.renameTable(old, nw, a[2].Truthy())
}

// likeEscape is `name.replace("_", r"\_")`, as rename_table builds its
// LIKE patterns.
func likeEscape(name string) string { return strings.ReplaceAll(name, "_", `\_`) }

func (o op) renameTable(old, nw string, removeConstraints bool) error {
	if ok, err := o.tableExists(old); err != nil || !ok {
		return err
	}
	if ok, err := o.tableExists(nw); err != nil {
		return err
	} else if ok {
		return migrationError("Table %s already exists. Can't rename table %s to %s.", nw, old, nw)
	}
	if err := o.exec(fmt.Sprintf("ALTER TABLE %s RENAME TO %s", q(old), q(nw))); err != nil {
		return err
	}
	if err := o.exec(fmt.Sprintf("ALTER SEQUENCE IF EXISTS %s RENAME TO %s", q(old+"_id_seq"), q(nw+"_id_seq"))); err != nil {
		return err
	}
	if ok, err := o.tableExists("upgrade_test_data"); err != nil {
		return err
	} else if ok {
		if err := o.exec(`
                UPDATE upgrade_test_data
                   SET value = replace(value::text, %s, %s)::jsonb
                 WHERE key = 'base.tests.test_moved0.TestMoved0'
            `, s(`["`+old+`",`), s(`["`+nw+`",`)); err != nil {
			return err
		}
	}
	// The primary key may still have a name from a former rename.
	row, err := o.one(`
        SELECT pgc.conname
          FROM pg_constraint pgc
          JOIN pg_index pgi
            ON pgi.indrelid = pgc.conrelid
           AND pgi.indexrelid = pgc.conindid
           AND pgi.indrelid = %s::regclass
           AND pgi.indisprimary
         WHERE pgc.confrelid = 0
        `, s(nw))
	if err != nil {
		return err
	}
	newPkey := ""
	if row != nil {
		newPkey = nw + "_pkey"
		if err := o.exec(fmt.Sprintf("ALTER INDEX %s RENAME TO %s", q(row[0].Text), q(newPkey))); err != nil {
			return err
		}
	}
	idxs, err := o.col0(`
        SELECT indexname
          FROM pg_indexes
         WHERE tablename = %s
           AND indexname != %s
           AND indexname LIKE %s
        `, s(nw), s(newPkey), s("%"+likeEscape(old)+`\_%`))
	if err != nil {
		return err
	}
	for _, idx := range idxs {
		if err := o.exec(fmt.Sprintf("ALTER INDEX %s RENAME TO %s", q(idx.Text), q(strings.ReplaceAll(idx.Text, old, nw)))); err != nil {
			return err
		}
	}
	if removeConstraints {
		// Everything but primary keys, foreign keys and NOT NULL checks:
		// the ORM recreates them (custom constraints are lost).
		consts, err := o.col0(`
            SELECT constraint_name
              FROM information_schema.table_constraints
             WHERE table_name = %s
               AND constraint_name !~ '^\w+_not_null$'
               AND (  constraint_type NOT IN ('PRIMARY KEY', 'FOREIGN KEY')
                   OR (constraint_type = 'FOREIGN KEY' AND constraint_name NOT LIKE %s)
                   )
            `, s(nw), s(likeEscape(old)+`\_%`))
		if err != nil {
			return err
		}
		for _, c := range consts {
			logger("pg").Info("Dropping constraint " + c.Text + " on table " + nw)
			if _, err := o.removeConstraint(nw, c.Text, false, false); err != nil {
				return err
			}
		}
	}
	consts, err := o.col0(`
        SELECT constraint_name
          FROM information_schema.table_constraints
         WHERE table_name = %s
           AND (
               constraint_name ~ %s
               OR (
                   constraint_type = 'FOREIGN KEY'
                   AND constraint_name LIKE %s
                  )
               )
        `, s(nw), s("^"+pyre.Escape(old)+`_\w+_not_null$`), s(likeEscape(old)+`\_%`))
	if err != nil {
		return err
	}
	for _, c := range consts {
		newConst := nw + c.Text[min(len(old), len(c.Text)):]
		logger("pg").Info(fmt.Sprintf("Renaming constraint %s to %s", sqlexec.Repr(c), sqlexec.Repr(s(newConst))))
		if err := o.exec(fmt.Sprintf("ALTER TABLE %s RENAME CONSTRAINT %s TO %s", q(nw), q(c.Text), q(newConst))); err != nil {
			return err
		}
	}
	return nil
}

func alterColumnType(o op, a []sqlexec.Value) (sqlexec.Value, error) {
	t, c, err := columnArgs("alter_column_type", a)
	if err != nil {
		return none, err
	}
	typ, err := str("alter_column_type", "type", a[2])
	if err != nil {
		return none, err
	}
	using, where := a[3], a[4]
	if where.Truthy() && !using.Truthy() {
		return none, valueError("`where` parameter is only relevant with a non-default `using` parameter")
	}
	if !using.Truthy() {
		current, err := o.columnType(t, c, true)
		if err != nil {
			return none, err
		}
		norm, err := normalizePgType(typ)
		if err != nil {
			return none, err
		}
		if current != "" && current == norm {
			logger("pg").Info(fmt.Sprintf("Column %s of table %s is already defined as %s", sqlexec.Repr(s(c)), sqlexec.Repr(s(t)), sqlexec.Repr(s(typ))))
			return none, nil
		}
	}
	// A selection field's values go with its old type.
	if ok, err := o.tableExists("ir_model_fields_selection"); err != nil {
		return none, err
	} else if ok {
		model, err := o.modelOfTable(t)
		if err != nil {
			return none, err
		}
		if err := o.exec(`
            DELETE FROM ir_model_fields_selection s
                  USING ir_model_fields f
                  WHERE f.id = s.field_id
                    AND f.model = %s
                    AND f.name = %s
            `, s(model), s(c)); err != nil {
			return none, err
		}
	}
	if err := o.dropDependingViews(t, c); err != nil {
		return none, err
	}
	usingExpr := ""
	if !using.Truthy() {
		// Mostly NULL columns are faster to convert by UPDATE, which can
		// skip the NULLs; otherwise a plain ALTER TYPE.
		if err := o.exec(fmt.Sprintf("ANALYZE %s(%s)", q(t), q(c))); err != nil {
			return none, err
		}
		row, err := o.one("SELECT null_frac FROM pg_stats WHERE schemaname = current_schema() AND tablename = %s AND attname = %s", s(t), s(c))
		if err != nil {
			return none, err
		}
		nullFrac := 0.0
		if row != nil && row[0].Kind == sqlexec.Float {
			nullFrac = row[0].Float
		}
		if nullFrac <= 0.70 {
			return none, o.exec(fmt.Sprintf("ALTER TABLE %s ALTER COLUMN %s TYPE %s", q(t), q(c), typ))
		}
		usingExpr = "{0}::" + typ
	} else if usingExpr, err = str("alter_column_type", "using", using); err != nil {
		return none, err
	}
	tmp := "_" + c + "_upg"
	if err := o.exec(fmt.Sprintf("ALTER TABLE %s RENAME COLUMN %s TO %s", q(t), q(c), q(tmp))); err != nil {
		return none, err
	}
	if err := o.exec(fmt.Sprintf("ALTER TABLE %s ADD COLUMN %s %s", q(t), q(c), typ)); err != nil {
		return none, err
	}
	usingSQL, err := formatQuery(usingExpr, q(tmp))
	if err != nil {
		return none, err
	}
	whereSQL := ""
	if where.Kind == sqlexec.None {
		tmpType, err := o.columnType(t, tmp, false)
		if err != nil {
			return none, err
		}
		if tmpType != "bool" {
			whereSQL = fmt.Sprintf("WHERE %s IS NOT NULL", q(tmp))
		}
	} else {
		w, err := str("alter_column_type", "where", where)
		if err != nil {
			return none, err
		}
		if whereSQL, err = formatQuery("WHERE "+w, q(tmp)); err != nil {
			return none, err
		}
	}
	if err := o.explodeExecute(fmt.Sprintf("UPDATE %s SET %s = %s %s", q(t), q(c), usingSQL, whereSQL), t, ""); err != nil {
		return none, err
	}
	return none, o.exec(fmt.Sprintf("ALTER TABLE %s DROP COLUMN %s CASCADE", q(t), q(tmp)))
}

// formatQuery is format_query(cr, template, *args) with args already
// rendered as SQL: str.format's "{}", "{0}" fields and "{{"/"}}" escapes.
func formatQuery(template string, args ...string) (string, error) {
	vals := make([]sqlexec.Value, len(args))
	for i, x := range args {
		vals[i] = sqlexec.ComposableValue(sqlexec.Composable{Kind: sqlexec.CompSQL, Text: x})
	}
	c, err := sqlexec.FormatComposable(template, vals, nil)
	if err != nil {
		return "", err
	}
	return c.AsString()
}

func m2mArgs(fname string, a []sqlexec.Value) (m2m, fk1, fk2, col1, col2 string, err error) {
	names := []string{"m2m", "fk1", "fk2"}
	out := make([]string, 5)
	for i, n := range names {
		if out[i], err = str(fname, n, a[i]); err != nil {
			return
		}
	}
	for i, n := range []string{"col1", "col2"} {
		if a[3+i].Kind == sqlexec.None {
			out[3+i] = out[1+i] + "_id"
		} else if out[3+i], err = str(fname, n, a[3+i]); err != nil {
			return
		}
	}
	return out[0], out[1], out[2], out[3], out[4], nil
}

func createM2M(o op, a []sqlexec.Value) (sqlexec.Value, error) {
	m2m, fk1, fk2, col1, col2, err := m2mArgs("create_m2m", a)
	if err != nil {
		return none, err
	}
	if ok, err := o.tableExists(m2m); err != nil {
		return none, err
	} else if ok {
		return s(m2m), o.fixupM2M(m2m, fk1, fk2, col1, col2)
	}
	err = o.exec(fmt.Sprintf(`
        CREATE TABLE %[1]s(
            %[2]s integer NOT NULL REFERENCES %[4]s(id) ON DELETE CASCADE,
            %[3]s integer NOT NULL REFERENCES %[5]s(id) ON DELETE CASCADE,
            PRIMARY KEY (%[2]s, %[3]s)
        );
        CREATE INDEX ON %[1]s(%[3]s, %[2]s);
        `, q(m2m), q(col1), q(col2), q(fk1), q(fk2)))
	return s(m2m), err
}

func fixupM2M(o op, a []sqlexec.Value) (sqlexec.Value, error) {
	m2m, fk1, fk2, col1, col2, err := m2mArgs("fixup_m2m", a)
	if err != nil {
		return none, err
	}
	return none, o.fixupM2M(m2m, fk1, fk2, col1, col2)
}

func (o op) fixupM2M(m2m, fk1, fk2, col1, col2 string) error {
	if ok, err := o.tableExists(m2m); err != nil || !ok {
		return err
	}
	_, extra, err := o.getColumns(m2m, []string{col1, col2})
	if err != nil {
		return err
	}
	if len(extra) > 0 {
		return migrationError("The m2m %s has extra columns: %s", sqlexec.Repr(s(m2m)), strings.Join(extra, ", "))
	}
	// Rows with NULLs, duplicates and dangling references go.
	if err := o.exec(fmt.Sprintf(`
        DELETE FROM "%s" t
              WHERE "%s" IS NULL
                 OR "%s" IS NULL
    `, m2m, col1, col2)); err != nil {
		return err
	}
	if err := o.exec(fmt.Sprintf(`
        DELETE FROM "%[1]s"
              WHERE ctid IN (SELECT ctid
                               FROM (SELECT ctid,
                                            ROW_NUMBER() OVER (PARTITION BY "%[2]s", "%[3]s"
                                                                   ORDER BY ctid) as rnum
                                       FROM "%[1]s") t
                              WHERE t.rnum > 1)
    `, m2m, col1, col2)); err != nil {
		return err
	}
	if err := o.exec(fmt.Sprintf(`
        DELETE FROM "%[1]s" t
              WHERE NOT EXISTS (SELECT id FROM "%[2]s" WHERE id=t."%[4]s")
                 OR NOT EXISTS (SELECT id FROM "%[3]s" WHERE id=t."%[5]s")
    `, m2m, fk1, fk2, col1, col2)); err != nil {
		return err
	}
	for _, c := range []string{col1, col2} {
		if err := o.exec(fmt.Sprintf(`ALTER TABLE "%s" ALTER COLUMN "%s" SET NOT NULL`, m2m, c)); err != nil {
			return err
		}
	}
	for _, p := range [][2]string{{col1, fk1}, {col2, fk2}} {
		target, err := o.targetOf(m2m, p[0])
		if err != nil {
			return err
		}
		if target != nil && !(target[0].Text == p[1] && target[1].Text == "id") {
			// target_of's name is already quote_ident-ed.
			if err := o.exec(fmt.Sprintf(`ALTER TABLE "%s" DROP CONSTRAINT %s`, m2m, target[2].Text)); err != nil {
				return err
			}
			target = nil
		}
		if target == nil {
			if err := o.exec(fmt.Sprintf(`ALTER TABLE "%s" ADD FOREIGN KEY ("%s") REFERENCES "%s" ON DELETE CASCADE`, m2m, p[0], p[1])); err != nil {
				return err
			}
		}
	}
	return o.fixupM2MIndexes(m2m, col1, col2)
}

// indexInfo is IndexInfo(name, on, isunique, isconstraint, ispk).
type indexInfo []sqlexec.Value

func (ix indexInfo) drop(o op) error {
	if ix[3].Truthy() {
		_, err := o.removeConstraint(ix[1].Text, ix[0].Text, false, false)
		return err
	}
	return o.exec(fmt.Sprintf(`DROP INDEX "%s"`, ix[0].Text))
}

func (o op) fixupM2MIndexes(m2m, col1, col2 string) error {
	idx1, err := o.indexOn(m2m, col1, col2)
	if err != nil {
		return err
	}
	idx2, err := o.indexOn(m2m, col2, col1)
	if err != nil {
		return err
	}
	addPK := func(a, b string) error {
		return o.exec(fmt.Sprintf(`ALTER TABLE "%s" ADD PRIMARY KEY("%s", "%s")`, m2m, a, b))
	}
	addIndex := func(a, b string) error {
		return o.exec(fmt.Sprintf(`CREATE INDEX ON "%s" ("%s", "%s")`, m2m, a, b))
	}
	switch {
	case idx1 == nil && idx2 == nil:
		if err := addPK(col1, col2); err != nil {
			return err
		}
		if err := addIndex(col2, col1); err != nil {
			return err
		}
	case idx1 != nil && idx2 != nil:
		if !idx1[4].Truthy() && !idx2[4].Truthy() {
			if err := idx1.drop(o); err != nil {
				return err
			}
			if err := addPK(col1, col2); err != nil {
				return err
			}
		}
	default:
		a, b := col1, col2 // the missing one
		existing := idx2
		if idx1 != nil {
			a, b, existing = col2, col1, idx1
		}
		switch {
		case existing[4].Truthy():
			if err := addIndex(a, b); err != nil {
				return err
			}
		case existing[2].Truthy():
			if err := existing.drop(o); err != nil {
				return err
			}
			if err := addPK(col1, col2); err != nil {
				return err
			}
			if err := addIndex(col2, col1); err != nil {
				return err
			}
		default:
			if err := addPK(a, b); err != nil {
				return err
			}
		}
	}
	for _, c := range []string{col1, col2} {
		idx, err := o.indexOn(m2m, c)
		if err != nil {
			return err
		}
		if idx != nil {
			if err := idx.drop(o); err != nil {
				return err
			}
		}
	}
	return nil
}

func getFK(o op, a []sqlexec.Value) (sqlexec.Value, error) {
	t, err := validateTable("get_fk", a[0])
	if err != nil {
		return none, err
	}
	rows, err := o.getFK(t, a[1].Truthy())
	out := list()
	for _, r := range rows {
		out.Items = append(out.Items, tuple(r...))
	}
	return out, err
}

// getFK lists (table, column, constraint, confdeltype) of the one-column
// foreign keys pointing to table.id.
func (o op) getFK(table string, quoteIdent bool) ([][]sqlexec.Value, error) {
	funk := "concat"
	if quoteIdent {
		funk = "quote_ident"
	}
	return o.rows(fmt.Sprintf(`SELECT %[1]s(cl1.relname) as table,
                  %[1]s(att1.attname) as column,
                  %[1]s(con.conname) as conname,
                  con.confdeltype
             FROM pg_constraint as con, pg_class as cl1, pg_class as cl2,
                  pg_attribute as att1, pg_attribute as att2
            WHERE con.conrelid = cl1.oid
              AND con.confrelid = cl2.oid
              AND array_lower(con.conkey, 1) = 1
              AND con.conkey[1] = att1.attnum
              AND att1.attrelid = cl1.oid
              AND cl2.relname = %%s
              AND att2.attname = 'id'
              AND array_lower(con.confkey, 1) = 1
              AND con.confkey[1] = att2.attnum
              AND att2.attrelid = cl2.oid
              AND con.contype = 'f'
    `, funk), s(table))
}

func targetOf(o op, a []sqlexec.Value) (sqlexec.Value, error) {
	t, c, err := columnArgs("target_of", a)
	if err != nil {
		return none, err
	}
	row, err := o.targetOf(t, c)
	if err != nil || row == nil {
		return none, err
	}
	return tuple(row...), nil
}

// targetOf is (table, column, constraint) of the foreign key on
// table.column, quote_ident-ed, or nil.
func (o op) targetOf(table, column string) ([]sqlexec.Value, error) {
	return o.one(`
        SELECT quote_ident(cl2.relname) as table,
               quote_ident(att2.attname) as column,
               quote_ident(con.conname) as conname
        FROM pg_constraint con
        JOIN pg_class cl1 ON (con.conrelid = cl1.oid)
        JOIN pg_attribute att1 ON (    array_lower(con.conkey, 1) = 1
                                    AND con.conkey[1] = att1.attnum
                                    AND att1.attrelid = cl1.oid)
        JOIN pg_class cl2 ON (con.confrelid = cl2.oid)
        JOIN pg_attribute att2 ON (    array_lower(con.confkey, 1) = 1
                                    AND con.confkey[1] = att2.attnum
                                    AND att2.attrelid = cl2.oid)
        WHERE cl1.relname = %s
        AND att1.attname = %s
        AND con.contype = 'f'
    `, s(table), s(column))
}

func removeConstraint(o op, a []sqlexec.Value) (sqlexec.Value, error) {
	t, err := validateTable("remove_constraint", a[0])
	if err != nil {
		return none, err
	}
	name, err := str("remove_constraint", "name", a[1])
	if err != nil {
		return none, err
	}
	ok, err := o.removeConstraint(t, name, a[2].Truthy(), a[3].Truthy())
	return sqlexec.BoolValue(ok), err
}

// removeConstraint drops the constraint and its ir_model_constraint rows
// and xmlids; when ir_model_constraint does not know the name it retries
// once with the ORM's "<table>_<name>".
func (o op) removeConstraint(table, name string, cascade, warn bool) (bool, error) {
	casc := ""
	if cascade {
		casc = "CASCADE"
	}
	if err := o.exec(fmt.Sprintf("ALTER TABLE %s DROP CONSTRAINT IF EXISTS %s %s", q(table), q(name), casc)); err != nil {
		return false, err
	}
	ids, err := o.col0("DELETE FROM ir_model_constraint WHERE name = %s RETURNING id", s(name))
	if err != nil {
		return false, err
	}
	if len(ids) > 0 {
		if err := o.exec("DELETE FROM ir_model_data WHERE model = 'ir.model.constraint' AND res_id IN %s", tuple(ids...)); err != nil {
			return false, err
		}
		return true, o.exec(fmt.Sprintf("DROP INDEX IF EXISTS %s", q(name)))
	}
	log := logger("pg").Info
	if warn {
		log = logger("pg").Warn
	}
	if strings.HasPrefix(name, table+"_") {
		log(fmt.Sprintf("%s not found in ir_model_constraint, table=%s", sqlexec.Repr(s(name)), sqlexec.Repr(s(table))))
		return false, nil
	}
	log(fmt.Sprintf("%s not found in ir_model_constraint, attempting to remove with table %s prefix", sqlexec.Repr(s(name)), sqlexec.Repr(s(table))))
	return o.removeConstraint(table, table+"_"+name, cascade, warn)
}

func getIndexOn(o op, a []sqlexec.Value) (sqlexec.Value, error) {
	t, err := validateTable("get_index_on", a[0])
	if err != nil {
		return none, err
	}
	cols, err := strItems("get_index_on", "columns", tuple(rest(a[1:])...))
	if err != nil {
		return none, err
	}
	ix, err := o.indexOn(t, cols...)
	if err != nil || ix == nil {
		return none, err
	}
	return tuple(ix...), nil
}

// indexOn is get_index_on: the index on exactly these columns, in this
// order, primary keys first, or nil.
func (o op) indexOn(table string, columns ...string) (indexInfo, error) {
	row, err := o.one(`
        SELECT name, on_, indisunique, indisconstraint, indisprimary
          FROM (SELECT i.relname as name,
                       c.relname as on_,
                       x.indisunique,
                       t.conname IS NOT NULL as indisconstraint,
                       x.indisprimary,
                       array_agg(a.attname::text order by array_position(x.indkey, x.unnest_indkey)) as attrs
                  FROM (select *, unnest(indkey) as unnest_indkey from pg_index) x
                  JOIN pg_class c ON c.oid = x.indrelid
                  JOIN pg_class i ON i.oid = x.indexrelid
                  JOIN pg_attribute a ON (a.attrelid=c.oid AND a.attnum=x.unnest_indkey)
             LEFT JOIN pg_constraint t ON (    t.connamespace = i.relnamespace
                                           AND t.conname = i.relname
                                           AND t.contype IN ('u'::"char", 'p'::"char")
                                           AND x.indisunique AND t.conrelid = c.oid)
                 WHERE (c.relkind = ANY (ARRAY['r'::"char", 'm'::"char"]))
                   AND i.relkind = 'i'::"char"
                   AND c.relname = %s
              GROUP BY 1, 2, 3, 4, 5
          ) idx
         WHERE attrs = %s
      ORDER BY indisprimary DESC
         FETCH FIRST ROW ONLY
    `, s(table), list(strs(columns)...))
	if err != nil || row == nil {
		return nil, err
	}
	return indexInfo(row), nil
}

// uniqueIndexesWith is _get_unique_indexes_with: (quoted name, columns)
// of the unique indexes covering at least these columns.
func (o op) uniqueIndexesWith(table string, columns ...string) ([][]sqlexec.Value, error) {
	return o.rows(`
        SELECT name, attrs
          FROM (SELECT quote_ident(i.relname) as name,
                       array_agg(a.attname::text) as attrs
                  FROM (select *, unnest(indkey) as unnest_indkey from pg_index) x
                  JOIN pg_class c ON c.oid = x.indrelid
                  JOIN pg_class i ON i.oid = x.indexrelid
                  JOIN pg_attribute a ON (a.attrelid=c.oid AND a.attnum=x.unnest_indkey)
                 WHERE (c.relkind = ANY (ARRAY['r'::"char", 'm'::"char"]))
                   AND i.relkind = 'i'::"char"
                   AND c.relname = %s
                   AND x.indisunique
              GROUP BY 1
          ) idx
         WHERE attrs @> %s
    `, s(table), list(strs(columns)...))
}

func createIndex(o op, a []sqlexec.Value) (sqlexec.Value, error) {
	name, err := str("create_index", "name", a[0])
	if err != nil {
		return none, err
	}
	t, err := validateTable("create_index", a[1])
	if err != nil {
		return none, err
	}
	cols, err := strItems("create_index", "columns", tuple(rest(a[2:])...))
	if err != nil {
		return none, err
	}
	if len(cols) == 0 {
		return none, sleepyError("Missing `columns` for index")
	}
	for _, c := range cols {
		if ok, err := o.columnExists(t, c); err != nil || !ok {
			return vFalse, err
		}
	}
	ix, err := o.indexOn(t, cols...)
	if err != nil || ix != nil {
		return vFalse, err
	}
	// Names go in unquoted, as upstream formats them.
	return vTrue, o.exec(fmt.Sprintf("CREATE INDEX %s ON %s(%s)", name, t, strings.Join(cols, ",")))
}

func getColumns(o op, a []sqlexec.Value) (sqlexec.Value, error) {
	t, err := validateTable("get_columns", a[0])
	if err != nil {
		return none, err
	}
	ignore, err := strItems("get_columns", "ignore", a[1])
	if err != nil {
		return none, err
	}
	_, quoted, err := o.getColumns(t, ignore)
	return list(strs(quoted)...), err
}

// getColumns lists the table's columns in the public schema, by name,
// minus ignore: raw and quote_ident-ed.
func (o op) getColumns(table string, ignore []string) (raw, quoted []string, err error) {
	row, err := o.one(`
            SELECT coalesce(array_agg(column_name::varchar ORDER BY column_name), ARRAY[]::varchar[]),
                   coalesce(array_agg(quote_ident(column_name) ORDER BY column_name), ARRAY[]::varchar[])
              FROM information_schema.columns
             WHERE table_schema = 'public'
               AND table_name = %s
               AND column_name != ALL(%s)
        `, s(table), list(strs(ignore)...))
	if err != nil || row == nil {
		return nil, nil, err
	}
	for _, v := range row[0].Items {
		raw = append(raw, v.Text)
	}
	for _, v := range row[1].Items {
		quoted = append(quoted, v.Text)
	}
	return raw, quoted, nil
}
