package openupgrade

import (
	"fmt"
	"strings"

	"github.com/migrate-runner/migrate-runner/odoolib"
	"github.com/migrate-runner/migrate-runner/sqlexec"
)

// Metadata helpers: models, fields, XML-IDs, modules.

// renameModels is rename_models(cr, [(old, new), …]): the model's rows in
// ir_model, ir_model_fields, ir_model_data (the model's and its fields'
// XML-IDs), attachments, filters, exports, properties, server actions,
// and the mail tables when mail is installed. The table is not renamed
// (rename_tables does that), and, unlike upgrade-util's rename_model,
// actions, views and rules are not touched.
func renameModels(o op, a []sqlexec.Value) (sqlexec.Value, error) {
	items, err := iterate(a[0])
	if err != nil {
		return none, err
	}
	for _, item := range items {
		pair, err := unpack(item, 2)
		if err != nil {
			return none, err
		}
		if err := o.renameModel(pair[0], pair[1]); err != nil {
			return none, err
		}
	}
	return none, nil
}

func (o op) renameModel(oldV, newV sqlexec.Value) error {
	old, newName := pyStr(oldV), pyStr(newV)
	o.info("model %s: renaming to %s", old, newName)
	under := func(v string) string { return strings.ReplaceAll(v, ".", "_") }
	steps := []struct {
		query  string
		params []sqlexec.Value
	}{
		{"UPDATE ir_model SET model = %s WHERE model = %s", []sqlexec.Value{newV, oldV}},
		{"UPDATE ir_model_data SET model = %s WHERE model = %s", []sqlexec.Value{newV, oldV}},
		{"UPDATE ir_model_data SET name = %s WHERE name = %s AND model = 'ir.model'",
			[]sqlexec.Value{s("model_" + under(newName)), s("model_" + under(old))}},
	}
	for _, st := range steps {
		if err := o.loggedText(st.query, st.params...); err != nil {
			return err
		}
	}
	// The fields' XML-IDs: field_<model>_<name> up to 11.0, field_<model>__<name> since.
	sep := "__"
	if o.major() < 12 {
		sep = "_"
	}
	if err := o.loggedText(fmt.Sprintf(`
        UPDATE ir_model_data imd
           SET name = 'field_' || '%s' || '%s' || imf.name
          FROM ir_model_fields imf
         WHERE imd.model = 'ir.model.fields'
           AND imd.name = 'field_' || '%s' || '%s' || imf.name
           AND imf.model = %%s`, under(newName), sep, under(old), sep), oldV); err != nil {
		return err
	}
	for _, q := range []string{
		"UPDATE ir_attachment SET res_model = %s WHERE res_model = %s",
		"UPDATE ir_model_fields SET model = %s WHERE model = %s",
	} {
		if err := o.loggedText(q, newV, oldV); err != nil {
			return err
		}
	}
	if o.major() < 16 {
		if err := o.loggedText("UPDATE ir_translation SET name = %s || substr(name, strpos(name, ',')) WHERE name LIKE %s",
			newV, s(old+",%")); err != nil {
			return err
		}
	}
	if err := o.loggedText("UPDATE ir_filters SET model_id = %s WHERE model_id = %s", newV, oldV); err != nil {
		return err
	}
	// Properties pointing at the model's records ("<model>,<id>").
	if err := o.loggedText("SELECT id FROM ir_model_fields WHERE relation = %s AND ttype = 'many2one'", oldV); err != nil {
		return err
	}
	fieldIDs, err := o.column0()
	if err != nil {
		return err
	}
	if err := o.loggedText("UPDATE ir_model_fields SET relation = %s WHERE relation = %s", newV, oldV); err != nil {
		return err
	}
	if len(fieldIDs) > 0 {
		hasProps, err := o.tableExists("ir_property")
		if err != nil {
			return err
		}
		if hasProps {
			params := sqlexec.DictValue(map[string]sqlexec.Value{
				"field_ids":   tuple(fieldIDs...),
				"old_pattern": s(`^` + old + `,[ ]*([0-9]*)`),
				"new_pattern": s(newName + `,\1`),
			})
			if _, err := o.logged(s(`
                UPDATE ir_property
                   SET value_reference = regexp_replace(value_reference, %(old_pattern)s, %(new_pattern)s)
                 WHERE fields_id IN %(field_ids)s
                   AND value_reference ~ %(old_pattern)s`), params, false); err != nil {
				return err
			}
		}
	}
	if err := o.loggedText("UPDATE ir_exports SET resource = %s WHERE resource = %s", newV, oldV); err != nil {
		return err
	}
	if ok, err := o.columnExists("ir_act_server", "model_name"); err != nil {
		return err
	} else if ok {
		if err := o.loggedText("UPDATE ir_act_server SET model_name = %s WHERE model_name = %s", newV, oldV); err != nil {
			return err
		}
	}
	if ok, err := o.isModuleInstalled("email_template"); err != nil {
		return err
	} else if ok {
		t, err := o.tableExists("email_template")
		if err == nil && t {
			t, err = o.columnExists("email_template", "model")
		}
		if err != nil {
			return err
		}
		if t {
			if err := o.loggedText("UPDATE email_template SET model = %s WHERE model = %s", newV, oldV); err != nil {
				return err
			}
		}
	}
	mail, err := o.isModuleInstalled("mail")
	if err != nil || !mail {
		return err
	}
	if err := o.loggedText("UPDATE mail_message SET model = %s WHERE model = %s", newV, oldV); err != nil {
		return err
	}
	for _, t := range []struct{ table, column string }{
		{"mail_message_subtype", "res_model"}, {"mail_template", "model"},
		{"mail_followers", "res_model"}, {"mail_activity", "res_model"},
	} {
		ok, err := o.tableExists(t.table)
		if err != nil {
			return err
		}
		if ok {
			q := fmt.Sprintf("UPDATE %s SET %s = %%s WHERE %s = %%s", t.table, t.column, t.column)
			if err := o.loggedText(q, newV, oldV); err != nil {
				return err
			}
		}
	}
	return nil
}

// renameFields is rename_fields(env, [(model, table, old, new), …],
// no_deep=False): the column (and its index) when it exists, the
// ir_model_fields row, properties (up to 17.0), translations (up to
// 15.0), binary attachments, export lines, and the field's appearances
// in filters (domains written with single quotes, group_by contexts) and
// mail alias defaults. Upstream does not rename the field's XML-ID.
func renameFields(o op, a []sqlexec.Value) (sqlexec.Value, error) {
	items, err := iterate(a[0])
	if err != nil {
		return none, err
	}
	for _, item := range items {
		f, err := unpack(item, 4)
		if err != nil {
			return none, err
		}
		if err := o.renameField(f[0], f[1], f[2], f[3]); err != nil {
			return none, err
		}
	}
	return none, nil
}

func (o op) renameField(modelV, tableV, oldV, newV sqlexec.Value) error {
	exists, err := columnExists(o, []sqlexec.Value{tableV, oldV})
	if err != nil {
		return err
	}
	if exists.Truthy() {
		if err := o.renameColumn(pyStr(tableV), oldV, newV); err != nil {
			return err
		}
	}
	model, old, newName := pyStr(modelV), pyStr(oldV), pyStr(newV)
	if err := o.exec("UPDATE ir_model_fields SET name = %s WHERE name = %s AND model = %s", newV, oldV, modelV); err != nil {
		return err
	}
	if o.major() < 18 {
		ok, err := o.tableExists("ir_property")
		if err != nil {
			return err
		}
		if ok {
			if err := o.exec(`
                UPDATE ir_property ip
                   SET name = %s
                  FROM ir_model_fields imf
                 WHERE ip.fields_id = imf.id
                   AND imf.name = %s AND imf.model = %s
                   AND ip.name = %s`, newV, newV, modelV, oldV); err != nil {
				return err
			}
		}
	}
	if o.major() < 16 {
		if err := o.exec("UPDATE ir_translation SET name = %s WHERE name = %s AND type = 'model'",
			s(model+","+newName), s(model+","+old)); err != nil {
			return err
		}
	}
	if ok, err := o.columnExists("ir_attachment", "res_field"); err != nil {
		return err
	} else if ok {
		if err := o.exec("UPDATE ir_attachment SET res_field = %s WHERE res_model = %s AND res_field = %s", newV, modelV, oldV); err != nil {
			return err
		}
	}
	if err := o.exec(`
        UPDATE ir_exports_line iel
           SET name = %s
          FROM ir_exports ie
         WHERE iel.name = %s AND ie.id = iel.export_id AND ie.resource = %s`, newV, oldV, modelV); err != nil {
		return err
	}
	// Filters: [('old', …)] in domains, 'old' (and 'old:month') in
	// group_by and col_group_by contexts; only single-quoted names match.
	oldPat, newPat := "$$'"+old+"'$$", "$$'"+newName+"'$$"
	if err := o.exec(fmt.Sprintf(`
        UPDATE ir_filters
           SET domain = replace(domain, %s, %s)
         WHERE model_id = %%s AND domain ~ %s`, oldPat, newPat, oldPat), modelV); err != nil {
		return err
	}
	ctxOld := `$$('group_by'|'col_group_by'):([^\]]*)'` + old + `(:day|:week|:month|:year){0,1}'(.*?\])$$`
	ctxNew := `$$\1:\2'` + newName + `\3'\4$$`
	if err := o.exec(fmt.Sprintf(`
        UPDATE ir_filters
           SET context = regexp_replace(context, %s, %s)
         WHERE model_id = %%s AND context ~ %s`, ctxOld, ctxNew, ctxOld), modelV); err != nil {
		return err
	}
	if ok, err := o.tableExists("mail_alias"); err != nil {
		return err
	} else if ok {
		if err := o.exec(fmt.Sprintf(`
            UPDATE mail_alias ma
               SET alias_defaults = replace(alias_defaults, %s, %s)
              FROM ir_model im
             WHERE ma.alias_model_id = im.id AND im.model = %%s AND ma.alias_defaults ~ %s`, oldPat, newPat, oldPat), modelV); err != nil {
			return err
		}
	}
	return nil
}

// renameXmlids is rename_xmlids(cr, [(old, new), …], allow_merge=False).
// IDs without a module are skipped (upstream logs an error), missing ones
// too. Merging into an existing XML-ID (allow_merge) needs Odoo's ORM
// (upstream calls merge_records with an Environment).
func renameXmlids(o op, a []sqlexec.Value) (sqlexec.Value, error) {
	items, err := iterate(a[0])
	if err != nil {
		return none, err
	}
	for _, item := range items {
		pair, err := unpack(item, 2)
		if err != nil {
			return none, err
		}
		oldDot, err := strIn(".", pair[0])
		if err != nil {
			return none, err
		}
		newDot := false
		if oldDot {
			if newDot, err = strIn(".", pair[1]); err != nil {
				return none, err
			}
		}
		if !oldDot || !newDot {
			o.warn("Cannot rename XMLID %s to %s: need the module reference to be specified in the IDs", pyStr(pair[0]), pyStr(pair[1]))
			continue
		}
		oldParts, err := split(pair[0])
		if err != nil {
			return none, err
		}
		newParts, err := split(pair[1])
		if err != nil {
			return none, err
		}
		const lookup = "SELECT res_id, model FROM ir_model_data WHERE module = %s AND name = %s"
		if err := o.exec(lookup, oldParts...); err != nil {
			return none, err
		}
		oldRow, err := o.fetchOne()
		if err != nil {
			return none, err
		}
		if oldRow == nil {
			o.info("XMLID %s not found when renaming to %s", pyStr(pair[0]), pyStr(pair[1]))
			continue
		}
		if a[1].Truthy() {
			if err := o.exec(lookup, newParts...); err != nil {
				return none, err
			}
			newRow, err := o.fetchOne()
			if err != nil {
				return none, err
			}
			if newRow != nil {
				return none, odoolib.OrmUnavailable(fmt.Sprintf("openupgrade.rename_xmlids(cr, [(%s, %s)], allow_merge=True), merging into the existing XML-ID,",
					sqlexec.Repr(pair[0]), sqlexec.Repr(pair[1])))
			}
		}
		if err := o.loggedText("UPDATE ir_model_data SET module = %s, name = %s WHERE module = %s and name = %s",
			append(newParts, oldParts...)...); err != nil {
			return none, err
		}
	}
	return none, nil
}

// mapValues is map_values(cr, source_column, target_column, mapping,
// model=None, table=None, write='sql'): one UPDATE per (old, new) pair,
// the values spliced into the SQL in single quotes without escaping; old
// True and False stand for IS NOT NULL and IS NULL. Upstream passes its
// values dict as the query parameters, so a '%' in a value is a format
// error. A model needs Odoo's ORM (its _table, or write='orm').
func mapValues(o op, a []sqlexec.Value) (sqlexec.Value, error) {
	source, target, mapping, model, table, write := a[0], a[1], a[2], a[3], a[4], a[5]
	if write.Kind == sqlexec.Str && write.Text == "orm" {
		return none, odoolib.OrmUnavailable("openupgrade.map_values(…, write='orm')")
	}
	if !(write.Kind == sqlexec.Str && write.Text == "sql") {
		o.warn("map_values is called with unknown value for write param: %s", pyStr(write))
	}
	if !table.Truthy() {
		if model.Kind == sqlexec.None {
			return none, odoolib.PyErr("AttributeError", "'NoneType' object has no attribute '_table'")
		}
		if model.Kind == sqlexec.Other {
			return none, odoolib.OrmUnavailable("openupgrade.map_values(…, model=…) (model._table)")
		}
		return none, odoolib.PyErr("AttributeError", "'%s' object has no attribute '_table'", sqlexec.TypeName(model))
	}
	if pyStr(source) == pyStr(target) && source.Kind == target.Kind {
		o.warn("map_values is called with the same value for source and old columns : %s", pyStr(source))
	}
	pairs, err := iterate(mapping)
	if err != nil {
		return none, err
	}
	for _, item := range pairs {
		on, err := unpack(item, 2)
		if err != nil {
			return none, err
		}
		oldV, newV := on[0], on[1]
		newLit := "'" + pyStr(newV) + "'"
		var oldLit, opr string
		switch {
		case oldV.Kind == sqlexec.Bool && oldV.Bool:
			oldLit, opr = "NOT NULL", "IS"
		case oldV.Kind == sqlexec.Bool:
			oldLit, opr = "NULL", "IS"
		default:
			oldLit, opr = "'"+pyStr(oldV)+"'", "="
		}
		query := fmt.Sprintf("UPDATE %s SET %s = %s WHERE %s %s %s", pyStr(table), pyStr(target), newLit, pyStr(source), opr, oldLit)
		values := sqlexec.DictValue(map[string]sqlexec.Value{"table": table, "source": source, "target": target,
			"old": s(oldLit), "new": s(newLit), "op": s(opr)})
		if _, err := o.logged(s(query), values, false); err != nil {
			return none, err
		}
	}
	return none, nil
}

// updateModuleNames is update_module_names(cr, [(old, new), …],
// merge_modules=False): the module row (or, when merging into an
// existing module, the old one's constraints and relations records), the
// module's XML-IDs (clashing ones renamed to <name>_openupgrade_<id>),
// dependencies and, up to 15.0, translations; a merge keeps the old
// module's state on an uninstalled new one and deletes the old row.
func updateModuleNames(o op, a []sqlexec.Value) (sqlexec.Value, error) {
	items, err := iterate(a[0])
	if err != nil {
		return none, err
	}
	merge := a[1].Truthy()
	for _, item := range items {
		pair, err := unpack(item, 2)
		if err != nil {
			return none, err
		}
		oldV, newV := pair[0], pair[1]
		if err := o.exec("SELECT id FROM ir_module_module WHERE name = %s", newV); err != nil {
			return none, err
		}
		row, err := o.fetchOne()
		if err != nil {
			return none, err
		}
		if row != nil && merge {
			if err := o.exec("SELECT id FROM ir_module_module WHERE name = %s", oldV); err != nil {
				return none, err
			}
			oldRow, err := o.fetchOne()
			if err != nil {
				return none, err
			}
			if oldRow != nil {
				for _, q := range []string{"DELETE FROM ir_model_constraint WHERE module = %s", "DELETE FROM ir_model_relation WHERE module = %s"} {
					if err := o.loggedText(q, oldRow[0]); err != nil {
						return none, err
					}
				}
			}
		} else {
			if err := o.loggedText("UPDATE ir_module_module SET name = %s WHERE name = %s", newV, oldV); err != nil {
				return none, err
			}
			if err := o.loggedText("UPDATE ir_model_data SET name = %s WHERE name = %s AND module = 'base' AND model = 'ir.module.module'",
				s("module_"+pyStr(newV)), s("module_"+pyStr(oldV))); err != nil {
				return none, err
			}
		}
		steps := []struct {
			q string
			p []sqlexec.Value
		}{
			// Not over XML-IDs the new module already has.
			{"UPDATE ir_model_data SET module = %s WHERE module = %s AND name NOT IN (SELECT name FROM ir_model_data WHERE module = %s)",
				[]sqlexec.Value{newV, oldV, newV}},
			// The clashing rest, renamed so that Odoo's update removes what it no longer loads.
			{"UPDATE ir_model_data SET name = name || '_openupgrade_' || id, module = %s WHERE module = %s", []sqlexec.Value{newV, oldV}},
			{"UPDATE ir_module_module_dependency SET name = %s WHERE name = %s", []sqlexec.Value{newV, oldV}},
		}
		if o.major() > 7 && o.major() < 16 {
			steps = append(steps, struct {
				q string
				p []sqlexec.Value
			}{"UPDATE ir_translation SET module = %s WHERE module = %s", []sqlexec.Value{newV, oldV}})
		}
		for _, st := range steps {
			if err := o.loggedText(st.q, st.p...); err != nil {
				return none, err
			}
		}
		if !merge {
			continue
		}
		if err := o.loggedText(`
            UPDATE ir_module_module m1
               SET state = m2.state, latest_version = m2.latest_version
              FROM ir_module_module m2
             WHERE m1.name = %s AND m2.name = %s AND m1.state = 'uninstalled'`, newV, oldV); err != nil {
			return none, err
		}
		if err := o.loggedText("DELETE FROM ir_module_module WHERE name = %s", oldV); err != nil {
			return none, err
		}
		if err := o.loggedText("DELETE FROM ir_model_data WHERE module = 'base' AND model = 'ir.module.module' AND name = %s",
			s("module_"+pyStr(oldV))); err != nil {
			return none, err
		}
	}
	return none, nil
}

// setXMLIDsNoupdateValue is set_xml_ids_noupdate_value(env, module,
// xml_ids, value). An empty list is `IN ()`, a syntax error, as upstream.
func setXMLIDsNoupdateValue(o op, a []sqlexec.Value) (sqlexec.Value, error) {
	ids := a[1]
	if ids.Kind != sqlexec.List && ids.Kind != sqlexec.Tuple {
		return none, doRaise("XML IDs %s must be a tuple or list!", pyStr(ids))
	}
	return none, o.loggedText("UPDATE ir_model_data SET noupdate = %s WHERE module = %s AND name in %s",
		a[2], a[0], tuple(ids.Items...))
}

// sqlTypes is add_fields' map from field type to column type; types
// without a column (x2many) map to "".
var sqlTypes = map[string]string{
	"binary": "bytea", "boolean": "bool", "char": "varchar", "date": "date", "datetime": "timestamp",
	"float": "numeric", "html": "text", "integer": "int4", "many2many": "", "many2one": "int4",
	"monetary": "numeric", "one2many": "", "reference": "varchar", "selection": "varchar",
	"text": "text", "serialized": "text",
}

// addFields is add_fields(env, [(field, model, table, type, sql_type,
// module[, init_value]), …]): the column (with init_value as a default
// for the existing rows, dropped afterwards), the ir_model_fields row
// ("OU" as description, jsonb from 16.0 on) and, up to 11.0, its XML-ID.
// A false table name means env[model]._table, which needs the ORM.
func addFields(o op, a []sqlexec.Value) (sqlexec.Value, error) {
	items, err := iterate(a[0])
	if err != nil {
		return none, err
	}
	for _, vals := range items {
		if vals.Kind != sqlexec.Tuple && vals.Kind != sqlexec.List {
			return none, odoolib.PyErr("TypeError", "'%s' object is not subscriptable", sqlexec.TypeName(vals))
		}
		if len(vals.Items) < 6 {
			return none, odoolib.PyErr("IndexError", "%s index out of range", sqlexec.TypeName(vals))
		}
		v := vals.Items
		field, model, table, fieldType, sqlType, module := v[0], v[1], v[2], v[3], v[4], v[5]
		init := vFalse
		if len(v) > 6 {
			init = v[6]
		}
		if !table.Truthy() {
			return none, odoolib.OrmUnavailable(fmt.Sprintf("openupgrade.add_fields() without a table name (env[%s]._table)", sqlexec.Repr(model)))
		}
		exists, err := columnExists(o, []sqlexec.Value{table, field})
		if err != nil {
			return none, err
		}
		if !exists.Truthy() {
			colType := ""
			if sqlType.Truthy() {
				colType = pyStr(sqlType)
			} else if fieldType.Kind == sqlexec.Str {
				colType = sqlTypes[fieldType.Text]
			}
			if colType != "" {
				query := fmt.Sprintf("ALTER TABLE %s ADD COLUMN %s %s", odoolib.Q(pyStr(table)), odoolib.Q(pyStr(field)), colType)
				args := tuple()
				if init.Truthy() {
					query += " DEFAULT %s"
					args = tuple(init)
				}
				if _, err := o.logged(s(query), args, false); err != nil {
					return none, err
				}
				if init.Truthy() {
					if err := o.loggedText(fmt.Sprintf("ALTER TABLE %s ALTER COLUMN %s DROP DEFAULT",
						odoolib.Q(pyStr(table)), odoolib.Q(pyStr(field)))); err != nil {
						return none, err
					}
				}
			}
		}
		if err := o.exec("SELECT id FROM ir_model WHERE model = %s", model); err != nil {
			return none, err
		}
		row, err := o.fetchOne()
		if err != nil {
			return none, err
		}
		if row == nil {
			continue
		}
		modelID := row[0]
		if err := o.exec("SELECT id FROM ir_model_fields WHERE model_id = %s AND name = %s", modelID, field); err != nil {
			return none, err
		}
		row, err = o.fetchOne()
		if err != nil {
			return none, err
		}
		var fieldID sqlexec.Value
		if row != nil && row[0].Truthy() {
			fieldID = row[0]
			o.warn("add_fields: There's already an entry for %s in %s. This may mean that there's some misconfiguration, "+
				"or simply that another module added the same field previously.", pyStr(field), pyStr(model))
		} else {
			description := s("OU")
			if o.major() >= 16 {
				description = sqlexec.JSONValue(`{"en_US": "OU"}`)
			}
			cols, phs := "", ""
			if o.major() < 9 {
				cols, phs = ", select_level", ", %(select_level)s"
			}
			params := sqlexec.DictValue(map[string]sqlexec.Value{"model_id": modelID, "model": model, "name": field,
				"field_description": description, "ttype": fieldType, "state": s("base"), "select_level": s("0")})
			if _, err := o.logged(s(`
                INSERT INTO ir_model_fields (model_id, model, name, field_description, ttype, state`+cols+`)
                VALUES (%(model_id)s, %(model)s, %(name)s, %(field_description)s, %(ttype)s, %(state)s`+phs+`)
                RETURNING id`), params, false); err != nil {
				return none, err
			}
			row, err := o.fetchOne()
			if err != nil {
				return none, err
			}
			fieldID = row[0]
		}
		if !module.Truthy() || o.major() >= 12 {
			continue
		}
		name := fmt.Sprintf("field_%s_%s", strings.ReplaceAll(pyStr(model), ".", "_"), pyStr(field))
		err = odoolib.Savepoint(o.ctx, o.env, func() error {
			return o.loggedText(`
                INSERT INTO ir_model_data (name, date_init, date_update, module, model, res_id)
                VALUES (%s, (now() at time zone 'UTC'), (now() at time zone 'UTC'), %s, %s, %s)`,
				s(name), module, s("ir.model.fields"), fieldID)
		})
		if err != nil && !isDBClass(err, "IntegrityError") {
			return none, err
		}
	}
	return none, nil
}

// deleteSQLConstraintSafely is delete_sql_constraint_safely(env, module,
// table, name). Upstream unlinks the ir.model.constraint record of the
// XML-ID <module>.constraint_<table>_<name> through the ORM, which drops
// the constraint, and logs (never raises) any failure. Here the same is
// done in SQL inside a savepoint: the constraint is dropped from the
// table if it is there, then its ir_model_constraint row and XML-IDs are
// deleted; a missing XML-ID or record is nothing to do.
func deleteSQLConstraintSafely(o op, a []sqlexec.Value) (sqlexec.Value, error) {
	module, table, name := a[0], a[1], a[2]
	full, err := concat(table, s("_"))
	if err == nil {
		full, err = concat(s(full), name)
	}
	if err != nil {
		return none, err
	}
	xmlid := "constraint_" + full
	err = odoolib.Savepoint(o.ctx, o.env, func() error {
		if err := o.exec("SELECT res_id FROM ir_model_data WHERE module = %s AND name = %s AND model = 'ir.model.constraint'", module, s(xmlid)); err != nil {
			return err
		}
		row, err := o.fetchOne()
		if err != nil || row == nil {
			return err
		}
		id := row[0]
		if err := o.exec("SELECT name FROM ir_model_constraint WHERE id = %s", id); err != nil {
			return err
		}
		if row, err = o.fetchOne(); err != nil || row == nil {
			return err
		}
		if err := o.loggedText(fmt.Sprintf("ALTER TABLE %s DROP CONSTRAINT IF EXISTS %s", odoolib.Q(pyStr(table)), odoolib.Q(pyStr(row[0])))); err != nil {
			return err
		}
		if err := o.loggedText("DELETE FROM ir_model_constraint WHERE id = %s", id); err != nil {
			return err
		}
		return o.loggedText("DELETE FROM ir_model_data WHERE model = 'ir.model.constraint' AND res_id = %s", id)
	})
	if err != nil {
		o.warn("Error deleting XML-ID %s.%s: %v", pyStr(module), xmlid, err)
	}
	return none, nil
}

// addXmlid is add_xmlid(cr, module, xmlid, model, res_id, noupdate=False):
// False when the XML-ID exists, else the row is inserted and True.
func addXmlid(o op, a []sqlexec.Value) (sqlexec.Value, error) {
	module, xmlid, model, resID, noupdate := a[0], a[1], a[2], a[3], a[4]
	if err := o.exec("SELECT id FROM ir_model_data WHERE module = %s AND name = %s AND model = %s", module, xmlid, model); err != nil {
		return none, err
	}
	row, err := o.fetchOne()
	if err != nil {
		return none, err
	}
	if row != nil {
		return vFalse, nil
	}
	now := sqlexec.AsIsValue("(now() at time zone 'UTC')")
	cols := []string{"create_uid", "create_date", "write_uid", "write_date", "noupdate", "name", "module", "model", "res_id"}
	args := []sqlexec.Value{sqlexec.IntValue(1), now, sqlexec.IntValue(1), now, noupdate, xmlid, module, model, resID}
	if o.major() < 14 {
		cols = append(cols, "date_init", "date_update")
		args = append(args, now, now)
	}
	phs := strings.TrimSuffix(strings.Repeat("%s,", len(args)), ",")
	if err := o.loggedText(fmt.Sprintf("INSERT INTO ir_model_data (%s) VALUES (%s)", strings.Join(cols, ","), phs), args...); err != nil {
		return none, err
	}
	return vTrue, nil
}

// isModuleInstalled is is_module_installed(cr, module): installed or to
// upgrade.
func isModuleInstalled(o op, a []sqlexec.Value) (sqlexec.Value, error) {
	if err := o.exec("SELECT id FROM ir_module_module WHERE name = %s AND state IN ('installed', 'to upgrade')", a[0]); err != nil {
		return none, err
	}
	row, err := o.fetchOne()
	return sqlexec.BoolValue(row != nil), err
}

// updateModuleMovedFields is update_module_moved_fields(cr, model,
// moved_fields, old_module, new_module): the fields' XML-IDs (not over
// ones the new module has) and, up to 15.0, their translations.
func updateModuleMovedFields(o op, a []sqlexec.Value) (sqlexec.Value, error) {
	model, fields, oldModule, newModule := a[0], a[1], a[2], a[3]
	if o.major() <= 7 {
		return none, doRaise("This only works for Odoo version >=v8")
	}
	if fields.Kind != sqlexec.List && fields.Kind != sqlexec.Tuple {
		return none, doRaise("moved_fields %s must be a tuple or list!", pyStr(fields))
	}
	vals := sqlexec.DictValue(map[string]sqlexec.Value{"new_module": newModule, "old_module": oldModule,
		"model": model, "fields": tuple(fields.Items...)})
	if _, err := o.logged(s(`
        UPDATE ir_model_data imd
           SET module = %(new_module)s
          FROM ir_model_fields imf
         WHERE imf.model = %(model)s AND imf.name IN %(fields)s
           AND imd.module = %(old_module)s AND imd.model = 'ir.model.fields' AND imd.res_id = imf.id
           AND imd.id NOT IN (SELECT id FROM ir_model_data WHERE module = %(new_module)s)`), vals, false); err != nil {
		return none, err
	}
	if o.major() >= 16 {
		return none, nil
	}
	_, err := o.logged(s(`
        UPDATE ir_translation it
           SET module = %(new_module)s
          FROM ir_model_fields imf
         WHERE imf.model = %(model)s AND imf.name IN %(fields)s AND it.res_id = imf.id
           AND it.module = %(old_module)s
           AND ((it.name LIKE 'ir.model.fields,field_%%' AND it.type = 'model') OR it.type = 'field')`), vals, false)
	return none, err
}

// isDBClass tells whether err is a database error of psycopg2 class cls.
func isDBClass(err error, cls string) bool {
	db, ok := asDBError(err)
	return ok && db.Class == cls
}

// renameProperty is rename_property(cr, model, old_name, new_name): the
// field's ir_model_fields row, its XML-ID and its ir_property rows. No
// such field makes `IN ()`, a syntax error, as upstream.
func renameProperty(o op, a []sqlexec.Value) (sqlexec.Value, error) {
	model, oldName, newName := a[0], a[1], a[2]
	if err := o.exec("update ir_model_fields f set name=%s from ir_model m where m.id=f.model_id and m.model=%s and f.name=%s returning f.id",
		newName, model, oldName); err != nil {
		return none, err
	}
	ids, err := o.column0()
	if err != nil {
		return none, err
	}
	fieldIDs := tuple(ids...)
	xmlName := s(pyStr(model) + "," + pyStr(newName))
	if err := o.exec("update ir_model_data set name=%s where model='ir.model.fields' and res_id in %s", xmlName, fieldIDs); err != nil {
		return none, err
	}
	return none, o.exec("update ir_property set name=%s where fields_id in %s", newName, fieldIDs)
}

// deleteRecordTranslations is delete_record_translations(cr, module,
// xml_ids): the ir_translation rows (Odoo <= 15) of the records behind
// the module's XML-IDs.
func deleteRecordTranslations(o op, a []sqlexec.Value) (sqlexec.Value, error) {
	module, ids := a[0], a[1]
	if ids.Kind != sqlexec.List && ids.Kind != sqlexec.Tuple {
		return none, doRaise("XML IDs %s must be a tuple or list!", pyStr(ids))
	}
	if err := o.exec("\n        SELECT model, res_id\n        FROM ir_model_data\n        WHERE module = %s AND name in %s\n    ",
		module, tuple(ids.Items...)); err != nil {
		return none, err
	}
	rows, err := o.fetchAll()
	if err != nil {
		return none, err
	}
	for _, row := range rows {
		if err := o.loggedText("\n            DELETE FROM ir_translation\n            WHERE module = %s AND name LIKE %s AND res_id = %s;\n        ",
			module, s(pyStr(row[0])+",%"), row[1]); err != nil {
			return none, err
		}
	}
	return none, nil
}
