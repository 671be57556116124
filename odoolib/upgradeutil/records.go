package upgradeutil

import (
	"fmt"
	"strings"

	"github.com/antchfx/xmlquery"

	"github.com/migrate-runner/migrate-runner/internal/pyre"
	"github.com/migrate-runner/migrate-runner/odoolib"
	"github.com/migrate-runner/migrate-runner/odoolib/editview"
	"github.com/migrate-runner/migrate-runner/sqlexec"
)

// upgrade-util's src/util/records.py: xmlids and record removal.

func init() {
	reg("ref", []string{"xmlid"}, 1, nil, ref)
	reg("force_noupdate", []string{"xmlid", "noupdate", "warn"}, 1, []sqlexec.Value{vTrue, vFalse}, forceNoupdate)
	reg("rename_xmlid", []string{"old", "new", "noupdate", "on_collision"}, 2, []sqlexec.Value{none, s("fail")}, renameXmlid)
	reg("ensure_xmlid_match_record", []string{"xmlid", "model", "values"}, 3, nil, ensureXmlidMatchRecord)
	reg("is_changed", []string{"xmlid", "interval"}, 1, []sqlexec.Value{s("1 minute")}, isChanged)
	reg("remove_record", []string{"name"}, 1, nil, removeRecord)
	reg("remove_records", []string{"model", "ids"}, 2, nil, removeRecords)
	reg("remove_view", []string{"xml_id", "view_id", "silent", "key"}, 0, []sqlexec.Value{none, none, vFalse, none}, removeView)
	reg("remove_menus", []string{"menu_ids"}, 1, nil, removeMenus)
	reg("remove_group", []string{"xml_id", "group_id"}, 0, []sqlexec.Value{none, none}, removeGroup)
}

func splitXmlid(fname string, v sqlexec.Value) (string, string, error) {
	x, err := str(fname, "xmlid", v)
	if err != nil {
		return "", "", err
	}
	module, name, ok := strings.Cut(x, ".")
	if !ok {
		return "", "", valueError("Please use fully qualified name <module>.<name>")
	}
	return module, name, nil
}

func ref(o op, a []sqlexec.Value) (sqlexec.Value, error) {
	module, name, err := splitXmlid("ref", a[0])
	if err != nil {
		return none, err
	}
	return o.ref(module, name)
}

// ref is the res_id of module.name, None when there is no such xmlid.
func (o op) ref(module, name string) (sqlexec.Value, error) {
	row, err := o.one(`
            SELECT res_id
              FROM ir_model_data
             WHERE module = %s
               AND name = %s
    `, s(module), s(name))
	if err != nil || row == nil {
		return none, err
	}
	return row[0], nil
}

func forceNoupdate(o op, a []sqlexec.Value) (sqlexec.Value, error) {
	module, name, err := splitXmlid("force_noupdate", a[0])
	if err != nil {
		return none, err
	}
	n, err := o.forceNoupdate(module, name, a[1])
	if err != nil {
		return none, err
	}
	// `noupdate is False`: only the bool warns.
	if a[1].Kind == sqlexec.Bool && !a[1].Bool && n > 0 && a[2].Truthy() {
		logger("records").Warn("Customizations on `" + a[0].Text + "` might be lost!")
	}
	return i64(n), nil
}

// forceNoupdate sets the flag where it differs and returns the rowcount.
func (o op) forceNoupdate(module, name string, noupdate sqlexec.Value) (int64, error) {
	err := o.exec(`
            UPDATE ir_model_data
               SET noupdate = %s
             WHERE module = %s
               AND name = %s
               AND noupdate != %s
    `, noupdate, s(module), s(name), noupdate)
	return o.rowcount(), err
}

func renameXmlid(o op, a []sqlexec.Value) (sqlexec.Value, error) {
	old, err := str("rename_xmlid", "old", a[0])
	if err != nil {
		return none, err
	}
	nw, err := str("rename_xmlid", "new", a[1])
	if err != nil {
		return none, err
	}
	if !strings.Contains(old, ".") || !strings.Contains(nw, ".") {
		return none, valueError("Please use fully qualified name <module>.<name>")
	}
	onCollision := a[3]
	if onCollision.Kind != sqlexec.Str || (onCollision.Text != "fail" && onCollision.Text != "merge") {
		return none, valueError("Invalid value for the `on_collision` argument: %s", sqlexec.Repr(onCollision))
	}
	if old == nw {
		return none, valueError("Cannot rename an XMLID to itself")
	}
	return o.renameXmlid(old, nw, a[2], onCollision.Text)
}

func (o op) renameXmlid(old, nw string, noupdate sqlexec.Value, onCollision string) (sqlexec.Value, error) {
	oldModule, oldName, _ := strings.Cut(old, ".")
	newModule, newName, _ := strings.Cut(nw, ".")
	lookup := func(module, name string) (string, sqlexec.Value, error) {
		row, err := o.one("SELECT model, res_id FROM ir_model_data WHERE module = %s AND name = %s", s(module), s(name))
		if err != nil || row == nil {
			return "", none, err
		}
		return row[0].Text, row[1], nil
	}
	newModel, newID, err := lookup(newModule, newName)
	if err != nil {
		return none, err
	}
	model, oldID, err := lookup(oldModule, oldName)
	if err != nil {
		return none, err
	}
	if newID.Truthy() && oldID.Truthy() {
		if model != newModel || sqlexec.Repr(oldID) != sqlexec.Repr(newID) {
			if onCollision == "fail" {
				return none, migrationError("Can't rename %s to %s as it already exists", old, nw)
			}
			if model != newModel {
				return none, migrationError("Model mismatch while renaming xmlid %s. %s to %s", old, model, newModel)
			}
			from, _ := intOf(oldID)
			to, _ := intOf(newID)
			if err := o.replaceRefs([][2]int64{{from, to}}, model, model, false, "parent_id"); err != nil {
				return none, err
			}
		}
		if noupdate.Kind != sqlexec.None {
			if _, err := o.forceNoupdate(newModule, newName, sqlexec.BoolValue(noupdate.Truthy())); err != nil {
				return none, err
			}
		}
		if err := o.exec("DELETE FROM ir_model_data WHERE module=%s AND name=%s", s(oldModule), s(oldName)); err != nil {
			return none, err
		}
	} else {
		nu := ""
		if noupdate.Kind != sqlexec.None {
			nu = fmt.Sprintf(", noupdate=%t", noupdate.Truthy())
		}
		row, err := o.one(fmt.Sprintf(`UPDATE ir_model_data
                  SET module=%%s, name=%%s
                   %s
                WHERE module=%%s AND name=%%s
            RETURNING model, res_id
            `, nu), s(newModule), s(newName), s(oldModule), s(oldName))
		if err != nil {
			return none, err
		}
		model, newID = "", none
		if row != nil {
			model, newID = row[0].Text, row[1]
		}
	}
	if model == "" || !newID.Truthy() {
		return none, nil
	}
	if model == "ir.ui.view" {
		if err := o.renameViewKey(old, nw, newID); err != nil {
			return none, err
		}
	}
	if model == "ir.ui.menu" {
		if ok, err := o.columnExists("res_users_settings", "homemenu_config"); err != nil {
			return none, err
		} else if ok {
			if err := o.execNamed(`
                UPDATE res_users_settings
                   SET homemenu_config = regexp_replace(homemenu_config::text, %(old)s, %(new)s)::jsonb
                 WHERE homemenu_config::text ~ %(old)s
            `, map[string]sqlexec.Value{"old": s(`\y` + pyre.Escape(old) + `\y`), "new": s(nw)}); err != nil {
				return none, err
			}
		}
	}
	parents, err := o.directInheritParents(model)
	if err != nil {
		return none, err
	}
	for _, p := range parents {
		if p[1] == "" {
			continue
		}
		parent := strings.ReplaceAll(p[0], ".", "_")
		if _, err := o.renameXmlid(old+"_"+parent, nw+"_"+parent, noupdate, onCollision); err != nil {
			return none, err
		}
	}
	return newID, nil
}

// renameViewKey follows a view's xmlid rename in its key, the keys of its
// website copies, and the t-call/t-name attributes that name it.
func (o op) renameViewKey(old, nw string, viewID sqlexec.Value) error {
	if ok, err := o.columnExists("ir_ui_view", "key"); err != nil || !ok {
		return err
	}
	if err := o.exec("UPDATE ir_ui_view SET key=%s WHERE id=%s AND key=%s", s(nw), viewID, s(old)); err != nil {
		return err
	}
	if o.rowcount() <= 0 {
		return nil
	}
	if err := o.exec("UPDATE ir_ui_view SET key = %s WHERE key = %s", s(nw), s(old)); err != nil {
		return err
	}
	search := `\yt-(call|name)=(["'])` + pyre.Escape(old) + `\2`
	replace := `t-\1=\2` + nw + `\2`
	typ, err := o.columnType("ir_ui_view", "arch_db", false)
	if err != nil {
		return err
	}
	if typ == "jsonb" {
		filter, err := mogrify("arch_db->>'en_US' ~ %s", s(search))
		if err != nil {
			return err
		}
		return o.replaceInJSONB("ir_ui_view", "arch_db", search, replace, filter)
	}
	arch := "arch"
	if ok, err := o.columnExists("ir_ui_view", "arch_db"); err != nil {
		return err
	} else if ok {
		arch = "arch_db"
	}
	return o.exec(fmt.Sprintf(`
                            UPDATE ir_ui_view
                               SET %[1]s = regexp_replace(%[1]s, %%s, %%s, 'g')
                             WHERE %[1]s ~ %%s
                            `, q(arch)), s(search), s(replace), s(search))
}

func ensureXmlidMatchRecord(o op, a []sqlexec.Value) (sqlexec.Value, error) {
	module, name, err := splitXmlid("ensure_xmlid_match_record", a[0])
	if err != nil {
		return none, err
	}
	model, err := str("ensure_xmlid_match_record", "model", a[1])
	if err != nil {
		return none, err
	}
	values := a[2]
	if values.Kind != sqlexec.Dict {
		return none, attributeError("'%s' object has no attribute 'items'", sqlexec.TypeName(values))
	}
	row, err := o.one(`
            SELECT id, res_id
              FROM ir_model_data
             WHERE module = %s
               AND name = %s
    `, s(module), s(name))
	if err != nil {
		return none, err
	}
	dataID, resID := none, none
	if row != nil {
		dataID, resID = row[0], row[1]
	}
	table, err := o.tableOfModel(model)
	if err != nil {
		return none, err
	}
	var where []string
	var data []sqlexec.Value
	for k, key := range values.Keys {
		v := values.Items[k]
		if v.Kind == sqlexec.None {
			where = append(where, key+" IS NULL")
			continue
		}
		col, err := o.valueOrEnTranslation(table, key)
		if err != nil {
			return none, err
		}
		where = append(where, col+" = %s")
		data = append(data, v)
	}
	records, err := o.col0("SELECT id FROM "+table+" WHERE "+strings.Join(where, " AND "), data...)
	if err != nil {
		return none, err
	}
	log := logger("records.ensure_xmlid_match_record")
	if resID.Truthy() {
		for _, r := range records {
			if sqlexec.Repr(r) == sqlexec.Repr(resID) {
				return resID, nil
			}
		}
	}
	if len(records) == 0 {
		if resID.Truthy() {
			log.Debug(fmt.Sprintf("`%s.%s` refers %s(%s); values differ; no other match found.", module, name, model, sqlexec.Repr(resID)))
			return resID, nil
		}
		log.Debug(fmt.Sprintf("`%s.%s` doesn't exist; no match found", module, name))
		return none, nil
	}
	newResID := records[0]
	if dataID.Truthy() {
		log.Info(fmt.Sprintf("update `%s.%s` from %s(%s) to %s(%s)", module, name, model, sqlexec.Repr(newResID), model, sqlexec.Repr(resID)))
		err = o.exec(`
                UPDATE ir_model_data
                   SET res_id=%s
                 WHERE id=%s
        `, newResID, dataID)
	} else {
		log.Info(fmt.Sprintf("create `%s.%s` that point to %s(%s)", module, name, model, sqlexec.Repr(newResID)))
		err = o.exec(`
                INSERT INTO ir_model_data(module, name, model, res_id, noupdate)
                     VALUES (%s, %s, %s, %s, %s)
        `, s(module), s(name), s(model), newResID, vTrue)
	}
	return newResID, err
}

// valueOrEnTranslation is get_value_or_en_translation: the column, or
// its en_US value when it is a translated jsonb column.
func (o op) valueOrEnTranslation(table, column string) (string, error) {
	typ, err := o.columnType(table, column, false)
	if err != nil {
		return "", err
	}
	if typ == "jsonb" {
		return q(column) + "->>'en_US'", nil
	}
	return q(column), nil
}

func isChanged(o op, a []sqlexec.Value) (sqlexec.Value, error) {
	x, err := str("is_changed", "xmlid", a[0])
	if err != nil {
		return none, err
	}
	module, name, ok := strings.Cut(x, ".")
	if !ok {
		return none, assertionError("")
	}
	row, err := o.one("SELECT model, res_id FROM ir_model_data WHERE module=%s AND name=%s", s(module), s(name))
	if err != nil || row == nil {
		return none, err
	}
	table, err := o.tableOfModel(row[0].Text)
	if err != nil {
		return none, err
	}
	// A record is changed when written more than interval after its
	// creation and before this upgrade started (upgrade.start.time).
	err = o.exec(fmt.Sprintf(`
        SELECT 1
          FROM %s r
     LEFT JOIN ir_config_parameter p
            ON p.key = 'upgrade.start.time'
         WHERE r.id = %%s
           AND COALESCE(r.write_date < p.value::timestamp, True)
           AND r.write_date - r.create_date > interval %%s
        `, table), row[1], a[1])
	return sqlexec.BoolValue(o.rowcount() > 0), err
}

func removeRecord(o op, a []sqlexec.Value) (sqlexec.Value, error) {
	return none, o.removeRecord(a[0])
}

func (o op) removeRecord(name sqlexec.Value) error {
	var model string
	var resID sqlexec.Value
	switch name.Kind {
	case sqlexec.Str:
		module, xname, ok := strings.Cut(name.Text, ".")
		if !ok {
			return valueError("Please use fully qualified name <module>.<name>")
		}
		row, err := o.one(`
                SELECT model, res_id
                  FROM ir_model_data
                 WHERE module = %s
                   AND name = %s
        `, s(module), s(xname))
		if err != nil || row == nil {
			return err
		}
		model, resID = row[0].Text, row[1]
	case sqlexec.Tuple:
		if len(name.Items) != 2 {
			return valueError("Please use a 2-tuple (<model>, <res_id>)")
		}
		m, err := str("remove_record", "model", name.Items[0])
		if err != nil {
			return err
		}
		model, resID = m, name.Items[1]
	default:
		return typeError("Either use a fully qualified xmlid string <module>.<name> or a 2-tuple (<model>, <res_id>)")
	}
	log := logger("records")
	switch model {
	case "ir.ui.view":
		log.Info("Removing view " + sqlexec.Repr(name))
		return o.removeView("", resID, false, "")
	case "ir.ui.menu":
		log.Info("Removing menu " + sqlexec.Repr(name))
		return o.removeMenus([]sqlexec.Value{resID})
	case "res.groups":
		log.Info("Removing group " + sqlexec.Repr(name))
		return o.removeGroup("", resID)
	}
	return o.removeRecords(model, []sqlexec.Value{resID})
}

func removeRecords(o op, a []sqlexec.Value) (sqlexec.Value, error) {
	model, err := str("remove_records", "model", a[0])
	if err != nil {
		return none, err
	}
	ids, err := items("remove_records", "ids", a[1])
	if err != nil {
		return none, err
	}
	return none, o.removeRecords(model, ids)
}

// themeModels maps a theme model to the model of its per-website copies.
var themeModels = map[string]string{
	"theme.ir.ui.view": "ir.ui.view", "theme.ir.asset": "ir.asset", "theme.website.page": "website.page",
	"theme.website.menu": "website.menu", "theme.ir.attachment": "ir.attachment",
}

// removeRecords deletes the records and what hangs on them: theme copies,
// records inheriting them by delegation, xmlids and other indirect
// references, reference fields naming them.
func (o op) removeRecords(model string, ids []sqlexec.Value) error {
	if len(ids) == 0 {
		return nil
	}
	idTuple := tuple(ids...)
	if copyModel, ok := themeModels[model]; ok {
		table, err := o.tableOfModel(copyModel)
		if err != nil {
			return err
		}
		copies, err := o.col0(fmt.Sprintf(`SELECT id FROM "%s" WHERE theme_template_id IN %%s`, table), idTuple)
		if err != nil {
			return err
		}
		if copyModel == "ir.ui.view" {
			for _, v := range copies {
				if err := o.removeView("", v, false, ""); err != nil {
					return err
				}
			}
		} else if err := o.removeRecords(copyModel, copies); err != nil {
			return err
		}
	}
	data, err := o.inherits()
	if err != nil {
		return err
	}
	for _, inh := range data[model] {
		if inh.via == "" {
			continue
		}
		table, err := o.tableOfModel(inh.model)
		if err != nil {
			return err
		}
		// A partly uninstalled module may leave the table without it.
		if ok, err := o.columnExists(table, inh.via); err != nil {
			return err
		} else if !ok {
			continue
		}
		children, err := o.col0(fmt.Sprintf(`SELECT id FROM "%s" WHERE "%s" IN %%s`, table, inh.via), idTuple)
		if err != nil {
			return err
		}
		switch inh.model {
		case "ir.ui.menu":
			err = o.removeMenus(children)
		case "ir.ui.view":
			for _, v := range children {
				if err = o.removeView("", v, false, ""); err != nil {
					break
				}
			}
		default:
			err = o.removeRecords(inh.model, children)
		}
		if err != nil {
			return err
		}
	}
	table, err := o.tableOfModel(model)
	if err != nil {
		return err
	}
	var queries []string
	for start := 0; start < len(ids); start += 1000 {
		chunk := ids[start:min(start+1000, len(ids))]
		query, err := mogrify(fmt.Sprintf("DELETE FROM %s WHERE id IN %%s", q(table)), tuple(chunk...))
		if err != nil {
			return err
		}
		queries = append(queries, query)
	}
	if err := o.parallelExecute(queries); err != nil {
		return err
	}
	refs, err := o.boundIndirectRefs()
	if err != nil {
		return err
	}
	for _, ir := range refs {
		switch {
		case ir.comodel == "":
			if err := o.exec(fmt.Sprintf(`DELETE FROM "%s" WHERE %s AND "%s" IN %%s`, ir.table, ir.modelFilter("", "%s"), ir.resID),
				s(model), idTuple); err != nil {
				return err
			}
		case ir.comodel == model:
			conds := make([]string, len(ids))
			for k := range ids {
				conds[k] = "@ == %s"
			}
			jsonPath, err := mogrify("$.* ? ("+strings.Join(conds, " || ")+")", ids...)
			if err != nil {
				return err
			}
			query, err := mogrify(fmt.Sprintf(`
                    UPDATE %[1]s
                       SET %[2]s = (
                            SELECT jsonb_object_agg(
                                key,
                                CASE
                                    WHEN value::int4 IN %%s THEN NULL
                                    ELSE value::int4
                                END)
                              FROM jsonb_each_text(%[2]s)
                           )
                     WHERE %[2]s IS NOT NULL
                       AND %[2]s @? %[3]s
                    `, q(ir.table), q(ir.resID), quoteLiteral(jsonPath)), idTuple)
			if err != nil {
				return err
			}
			if err := o.explodeExecute(query, ir.table, ""); err != nil {
				return err
			}
		}
	}
	if err := o.removeRefFields(model, ids); err != nil {
		return err
	}
	if model == "res.groups" {
		// base.user_groups_view is generated from the groups: a shim
		// until Odoo regenerates it.
		arch := "arch"
		if ok, err := o.columnExists("ir_ui_view", "arch_db"); err != nil {
			return err
		} else if ok {
			arch = "arch_db"
		}
		typ, err := o.columnType("ir_ui_view", arch, false)
		if err != nil {
			return err
		}
		value := "'<form/>'"
		if typ == "jsonb" {
			value = "json_build_object('en_US', '<form/>')"
		}
		view, err := o.ref("base", "user_groups_view")
		if err != nil {
			return err
		}
		return o.exec(fmt.Sprintf("UPDATE ir_ui_view SET %s = %s WHERE id = %%s", arch, value), view)
	}
	return nil
}

// removeRefFields is _rm_refs with ids: records whose reference field
// ("model,id") names a removed record go too, and ir_values entries.
func (o op) removeRefFields(model string, ids []sqlexec.Value) error {
	needle := make([]sqlexec.Value, len(ids))
	for k, id := range ids {
		needle[k] = s(model + "," + pyStr(id))
	}
	fields, err := o.rows(`
        SELECT model, name
          FROM ir_model_fields
         WHERE ttype='reference'
         UNION
        SELECT 'ir.translation', 'name'
    `)
	if err != nil {
		return err
	}
	for _, f := range fields {
		refModel, refColumn := f[0].Text, f[1].Text
		table, err := o.tableOfModel(refModel)
		if err != nil {
			return err
		}
		if ok, err := o.columnUpdatable(table, refColumn); err != nil {
			return err
		} else if !ok {
			continue
		}
		found, err := o.col0(fmt.Sprintf(`SELECT id FROM "%s" WHERE "%s" in %%s`, table, refColumn), tuple(needle...))
		if err != nil {
			return err
		}
		switch refModel {
		case "ir.ui.view":
			for _, v := range found {
				if err := o.removeView("", v, true, ""); err != nil {
					return err
				}
			}
		case "ir.ui.menu":
			if err := o.removeMenus(found); err != nil {
				return err
			}
		default:
			for _, r := range found {
				if err := o.removeRecord(tuple(s(refModel), r)); err != nil {
					return err
				}
			}
		}
	}
	if ok, err := o.tableExists("ir_values"); err != nil {
		return err
	} else if ok {
		column, err := o.irValuesValue()
		if err != nil {
			return err
		}
		return o.exec(fmt.Sprintf("DELETE FROM ir_values WHERE %s in %%s", column), tuple(needle...))
	}
	return nil
}

// irValuesValue is the column expression _ir_values_value reads ir_values'
// value with (bytea in saas~17 and later 10.x databases).
func (o op) irValuesValue() (string, error) {
	typ, err := o.columnType("ir_values", "value", false)
	if err != nil || typ != "bytea" {
		return "value", err
	}
	row, err := o.one("SELECT character_set_name FROM information_schema.character_sets")
	if err != nil || row == nil {
		return "value", err
	}
	return fmt.Sprintf("convert_from(value, '%s')", row[0].Text), nil
}

// pyStr is str(v) for the ints and strs that make "model,id" needles.
func pyStr(v sqlexec.Value) string {
	if v.Kind == sqlexec.Str {
		return v.Text
	}
	return sqlexec.Repr(v)
}

func removeView(o op, a []sqlexec.Value) (sqlexec.Value, error) {
	xmlid := ""
	if a[0].Truthy() {
		x, err := str("remove_view", "xml_id", a[0])
		if err != nil {
			return none, err
		}
		xmlid = x
	}
	key := ""
	if a[3].Truthy() {
		k, err := str("remove_view", "key", a[3])
		if err != nil {
			return none, err
		}
		key = k
	}
	if a[0].Truthy() == a[1].Truthy() {
		return none, assertionError("")
	}
	return none, o.removeView(xmlid, a[1], a[2].Truthy(), key)
}

// refOf is the record id of xmlid (None when it is unknown), which must be
// a record of model, as remove_view and remove_group check it.
func (o op) refOf(xmlid, model string) (sqlexec.Value, error) {
	module, name, ok := strings.Cut(xmlid, ".")
	if !ok {
		return none, valueError("Please use fully qualified name <module>.<name>")
	}
	id, err := o.ref(module, name)
	if err != nil || !id.Truthy() {
		return id, err
	}
	row, err := o.one("SELECT model FROM ir_model_data WHERE module=%s AND name=%s", s(module), s(name))
	if err != nil {
		return none, err
	}
	if m := cell(row, 0); m.Text != model {
		return none, valueError("%s should point to a '%s', not a %s", sqlexec.Repr(s(xmlid)), model, sqlexec.Repr(m))
	}
	return id, nil
}

// removeView removes the view, its website copies (same key) and the
// views inheriting from it; custom inheriting views are detached and
// deactivated instead. t-calls of the view in other views are removed.
func (o op) removeView(xmlid string, viewID sqlexec.Value, silent bool, key string) error {
	log := logger("records")
	if xmlid != "" {
		id, err := o.refOf(xmlid, "ir.ui.view")
		if err != nil {
			return err
		}
		viewID = id
	} else {
		xmlid = "?"
		if key == "" {
			row, err := o.one("SELECT module, name FROM ir_model_data WHERE model='ir.ui.view' AND res_id=%s", viewID)
			if err != nil {
				return err
			}
			if row != nil {
				xmlid = row[0].Text + "." + row[1].Text
			}
		}
	}
	hasKey, err := o.columnExists("ir_ui_view", "key")
	if err != nil {
		return err
	}
	if xmlid != "?" && hasKey {
		copies, err := o.col0("SELECT id FROM ir_ui_view WHERE key = %s AND id != %s", s(xmlid), viewID)
		if err != nil {
			return err
		}
		for _, v := range copies {
			if err := o.removeView("", v, silent, xmlid); err != nil {
				return err
			}
		}
	}
	if key == "" && hasKey {
		row, err := o.one("SELECT key FROM ir_ui_view WHERE id = %s and key != %s", viewID, s(xmlid))
		if err != nil {
			return err
		}
		if row != nil && row[0].Kind == sqlexec.Str {
			key = row[0].Text
		}
	}
	if xmlid != "?" {
		if err := o.removeRedundantTcalls(xmlid); err != nil {
			return err
		}
	}
	if key != "" && key != xmlid {
		if err := o.removeRedundantTcalls(key); err != nil {
			return err
		}
	}
	if !viewID.Truthy() {
		return nil
	}
	children, err := o.rows(`
        SELECT v.id, x.module || '.' || x.name, v.name
        FROM ir_ui_view v LEFT JOIN
           ir_model_data x ON (v.id = x.res_id AND x.model = 'ir.ui.view' AND x.module !~ '^_')
        WHERE v.inherit_id = %s;
    `, viewID)
	if err != nil {
		return err
	}
	for _, c := range children {
		childID, childXmlid := c[0], c[1]
		if childXmlid.Kind == sqlexec.Str && childXmlid.Text != "" {
			if !silent {
				log.Info(fmt.Sprintf("remove deprecated built-in view %s (ID %s) as parent view %s (ID %s) is going to be removed",
					childXmlid.Text, sqlexec.Repr(childID), xmlid, sqlexec.Repr(viewID)))
			}
			if err := o.removeView(childXmlid.Text, none, true, ""); err != nil {
				return err
			}
			continue
		}
		if !silent {
			log.Warn(fmt.Sprintf("deactivate deprecated custom view with ID %s as parent view %s (ID %s) is going to be removed",
				sqlexec.Repr(childID), xmlid, sqlexec.Repr(viewID)))
		}
		extra := ""
		if ok, err := o.columnExists("ir_ui_view", "mode"); err != nil {
			return err
		} else if ok {
			extra = ",  mode = 'primary' "
		}
		if ok, err := o.columnExists("ir_ui_view", "active"); err != nil {
			return err
		} else if ok {
			extra += ", active = false "
		}
		inheritedFrom := key
		if inheritedFrom == "" {
			inheritedFrom = xmlid
		}
		if err := o.exec(fmt.Sprintf(`
                UPDATE ir_ui_view
                SET name = (name || ' - old view, inherited from ' || %%s),
                    inherit_id = NULL
                    %s
                    WHERE id = %%s
            `, extra), s(inheritedFrom), childID); err != nil {
			return err
		}
		// upgrade-util also lists the view in its migration report, which
		// migrate-runner does not produce: the warning above stands for it.
	}
	if !silent {
		kind, shown := "built-in", xmlid
		if key != "" {
			kind, shown = "COWed", key
		}
		log.Info(fmt.Sprintf("remove deprecated %s view %s (ID %s)", kind, shown, sqlexec.Repr(viewID)))
	}
	return o.removeRecords("ir.ui.view", []sqlexec.Value{viewID})
}

// removeRedundantTcalls is _remove_redundant_tcalls: the <t t-call="match"/>
// elements go from every view's arch. Upstream rewrites each view
// through edit_view (lxml, translations rebuilt from the en_US arch);
// here every translation of the arch is edited the same way.
func (o op) removeRedundantTcalls(match string) error {
	archCol := "arch"
	if ok, err := o.columnExists("ir_ui_view", "arch_db"); err != nil {
		return err
	} else if ok {
		if archCol, err = o.valueOrEnTranslation("ir_ui_view", "arch_db"); err != nil {
			return err
		}
	}
	rows, err := o.rows(fmt.Sprintf(`
            SELECT iv.id,
                   imd.module,
                   imd.name
              FROM ir_ui_view iv
         LEFT JOIN ir_model_data imd
                ON iv.id = imd.res_id
               AND imd.model = 'ir.ui.view'
             WHERE %s ~ %%s
        `, archCol), s(`\yt-call=(["'])`+pyre.Escape(match)+`\1`))
	if err != nil {
		return err
	}
	for _, r := range rows {
		if err := o.editViewArch(r[0], func(root *xmlquery.Node) error { return removeTcalls(root, match) }); err != nil {
			return err
		}
		who := ""
		if r[1].Kind == sqlexec.Str {
			who = fmt.Sprintf("`%s.%s` ", r[1].Text, r[2].Text)
		}
		logger("records").Info(fmt.Sprintf("The view %swith ID: %s has been updated, removed t-calls to deprecated %s", who, sqlexec.Repr(r[0]), sqlexec.Repr(s(match))))
	}
	return nil
}

// removeTcalls removes root's descendant <t t-call="match"/> elements
// (the XPath .//t[@t-call='match']), each with its tail.
func removeTcalls(root *xmlquery.Node, match string) error {
	var found []*xmlquery.Node
	var walk func(n *xmlquery.Node)
	walk = func(n *xmlquery.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != xmlquery.ElementNode {
				continue
			}
			if c.Data == "t" && c.Prefix == "" {
				if v, ok := editview.Attr(c, "t-call"); ok && v == match {
					found = append(found, c)
				}
			}
			walk(c)
		}
	}
	walk(root)
	for _, n := range found {
		if n.Parent == nil { // inside an element already removed
			continue
		}
		if err := editview.Remove(n.Parent, n); err != nil {
			return err
		}
	}
	return nil
}

// editViewArch is edit_view(cr, view_id=id) for a change made by a
// helper: the arch (each translation of a jsonb arch) is parsed, edited
// and written back; the view's active flag is left alone.
func (o op) editViewArch(viewID sqlexec.Value, edit func(*xmlquery.Node) error) error {
	archCol := "arch"
	if ok, err := o.columnExists("ir_ui_view", "arch_db"); err != nil {
		return err
	} else if ok {
		archCol = "arch_db"
	}
	typ, err := o.columnType("ir_ui_view", archCol, false)
	if err != nil {
		return err
	}
	row, err := o.one(fmt.Sprintf("SELECT %s FROM ir_ui_view WHERE id=%%s", archCol), viewID)
	if err != nil || row == nil || !row[0].Truthy() {
		return err
	}
	rewrite := func(arch string) (string, error) {
		root, err := editview.Parse(arch)
		if err != nil {
			return "", odoolib.PyErr("Exception", "view %s: %v", sqlexec.Repr(viewID), err)
		}
		if err := edit(root); err != nil {
			return "", err
		}
		return editview.Serialize(root, false), nil
	}
	if typ != "jsonb" {
		arch, err := rewrite(row[0].Text)
		if err != nil {
			return err
		}
		return o.exec(fmt.Sprintf("UPDATE ir_ui_view SET %s=%%s WHERE id=%%s", archCol), s(arch), viewID)
	}
	translations := row[0]
	if translations.Kind != sqlexec.Dict {
		return odoolib.PyErr("TypeError", "view %s: arch_db is not a JSON object", sqlexec.Repr(viewID))
	}
	if _, ok := dictGet(translations, "en_US"); !ok {
		return odoolib.PyErr("KeyError", "'en_US'")
	}
	var parts []string
	for k, lang := range translations.Keys {
		arch, err := rewrite(translations.Items[k].Text)
		if err != nil {
			return err
		}
		parts = append(parts, pyJSONString(lang)+": "+pyJSONString(arch))
	}
	value := sqlexec.JSONValue("{" + strings.Join(parts, ", ") + "}")
	return o.exec(fmt.Sprintf("UPDATE ir_ui_view SET %s=%%s WHERE id=%%s", archCol), value, viewID)
}

func dictGet(d sqlexec.Value, key string) (sqlexec.Value, bool) {
	for k, name := range d.Keys {
		if name == key {
			return d.Items[k], true
		}
	}
	return sqlexec.Value{}, false
}

func removeMenus(o op, a []sqlexec.Value) (sqlexec.Value, error) {
	ids, err := items("remove_menus", "menu_ids", a[0])
	if err != nil {
		return none, err
	}
	return none, o.removeMenus(ids)
}

// removeMenus deletes the menus, their submenus and their xmlids.
func (o op) removeMenus(ids []sqlexec.Value) error {
	if len(ids) == 0 {
		return nil
	}
	return o.exec(`
        WITH RECURSIVE tree(id) AS (
            SELECT id
              FROM ir_ui_menu
             WHERE id IN %s
             UNION
            SELECT m.id
              FROM ir_ui_menu m
              JOIN tree t ON (m.parent_id = t.id)
        ),
        removed_menus AS (
            DELETE
              FROM ir_ui_menu m
             USING tree t
             WHERE m.id = t.id
         RETURNING m.id
        )
        DELETE
          FROM ir_model_data imd
         USING removed_menus m
         WHERE imd.res_id = m.id
           AND imd.model = 'ir.ui.menu'
        `, tuple(ids...))
}

func removeGroup(o op, a []sqlexec.Value) (sqlexec.Value, error) {
	if a[0].Truthy() == a[1].Truthy() {
		return none, assertionError("")
	}
	xmlid := ""
	if a[0].Truthy() {
		x, err := str("remove_group", "xml_id", a[0])
		if err != nil {
			return none, err
		}
		xmlid = x
	}
	return none, o.removeGroup(xmlid, a[1])
}

// removeGroup removes a group after the rows that restrict its deletion
// in the standard tables; rows of other tables that restrict it make it
// fail, naming them.
func (o op) removeGroup(xmlid string, groupID sqlexec.Value) error {
	if xmlid != "" {
		id, err := o.refOf(xmlid, "res.groups")
		if err != nil {
			return err
		}
		groupID = id
	}
	if !groupID.Truthy() {
		return nil
	}
	fks, err := o.getFK("res_groups", false)
	if err != nil {
		return err
	}
	type blocker struct {
		table, column string
		count         int64
	}
	var custom []blocker
	for _, fk := range fks {
		table, column := fk[0].Text, fk[1].Text
		if fk[3].Text != "r" {
			continue
		}
		if table != "ir_model_access" && table != "rule_group_rel" {
			row, err := o.one(fmt.Sprintf(`SELECT COUNT(*) FROM "%s" WHERE "%s" = %%s`, table, column), groupID)
			if err != nil {
				return err
			}
			if n, _ := intOf(cell(row, 0)); n > 0 {
				custom = append(custom, blocker{table, column, n})
			}
			continue
		}
		query, err := mogrify(fmt.Sprintf(`DELETE FROM "%s" WHERE "%s" = %%s`, table, column), groupID)
		if err != nil {
			return err
		}
		if ok, err := o.columnExists(table, "id"); err != nil {
			return err
		} else if ok {
			err = o.explodeExecute(query, table, "")
		} else {
			err = o.exec(query)
		}
		if err != nil {
			return err
		}
	}
	if len(custom) > 0 {
		col, err := o.valueOrEnTranslation("res_groups", "name")
		if err != nil {
			return err
		}
		row, err := o.one(fmt.Sprintf("SELECT %s FROM res_groups WHERE id = %%s", col), groupID)
		if err != nil {
			return err
		}
		lines := make([]string, len(custom))
		for k, c := range custom {
			lines[k] = fmt.Sprintf(" - %s (%s) - %d record(s)", c.table, c.column, c.count)
		}
		return migrationError("\nThe following 'table (column) - records count' are referencing the group '%s' and cannot be removed automatically:\n%s\nPlease remove them manually or remove the foreign key constraints set as RESTRICT.",
			pyStr(cell(row, 0)), strings.Join(lines, "\n"))
	}
	return o.removeRecords("res.groups", []sqlexec.Value{groupID})
}
