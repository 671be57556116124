package refactor

import (
	"context"
	"fmt"
	"log/slog"
	"regexp"
	"sort"
	"strings"

	"github.com/migrate-runner/migrate-runner/internal/pyre"
	"github.com/migrate-runner/migrate-runner/odoolib"
	"github.com/migrate-runner/migrate-runner/pyliteral"
	"github.com/migrate-runner/migrate-runner/sqlexec"
)

// util.rename_model, util.remove_model (alias delete_model) and
// util.merge_model (upgrade-util src/util/models.py).

const allBefore181 = "ALL_BEFORE_18_1"

func renameModelHelper(ctx context.Context, env odoolib.Env, a []sqlexec.Value) (sqlexec.Value, error) {
	names, err := odoolib.Strs("rename_model", []string{"old", "new"}, a[:2])
	if err != nil {
		return none, err
	}
	r := runner{ctx, env}
	return none, wrap(fmt.Sprintf("rename_model(%s, %s)", names[0], names[1]), r.renameModel(names[0], names[1], a[2].Truthy(), a[3]))
}

func (r runner) renameModel(old, new string, renameTable bool, ignoredM2Ms sqlexec.Value) error {
	if err := validateModel(old); err != nil {
		return err
	}
	if err := validateModel(new); err != nil {
		return err
	}
	if renameTable {
		oldTable, err := r.tableOfModel(old)
		if err != nil {
			return err
		}
		newTable, err := r.tableOfModel(new)
		if err != nil {
			return err
		}
		if newTable != oldTable {
			if _, err := r.call(util+"rename_table", []sqlexec.Value{str(oldTable), str(newTable)}, nil); err != nil {
				return err
			}
			switch {
			case ignoredM2Ms.Kind != sqlexec.Str || ignoredM2Ms.Text != allBefore181: // an explicit value: update
				if err := r.updateM2MTables(oldTable, newTable, ignoredM2Ms); err != nil {
					return err
				}
			case r.atLeast(19): // saas~18.1 and later update them by default
				if err := r.updateM2MTables(oldTable, newTable, sqlexec.TupleValue()); err != nil {
					return err
				}
			}
		}
	}

	type column struct{ table, column string }
	var updates []column
	if ok, err := r.tableExists("wkf"); err != nil {
		return err
	} else if ok {
		updates = append(updates, column{"wkf", "osv"})
	}
	refs, err := r.indirectRefs(false)
	if err != nil {
		return err
	}
	for _, ir := range refs {
		if ir.resModel != "" {
			updates = append(updates, column{ir.table, ir.resModel})
		}
	}
	for _, u := range updates {
		found, err := r.any(fmt.Sprintf(`SELECT 1 FROM %s WHERE %s = %%s LIMIT 1`, q(u.table), q(u.column)), str(old))
		if err != nil {
			return err
		}
		if found {
			if err := r.explode(fmt.Sprintf(`UPDATE %s SET %s = %%s WHERE %s = %%s`, q(u.table), q(u.column), q(u.column)),
				u.table, str(new), str(old)); err != nil {
				return err
			}
		}
	}

	// Reference fields: "old,42" becomes "new,42".
	refFields, err := r.rows(`SELECT model, name FROM ir_model_fields WHERE ttype = 'reference' ORDER BY model, name`)
	if err != nil {
		return err
	}
	for _, f := range refFields {
		col := text(f[1])
		table, err := r.tableOfModel(text(f[0]))
		if err != nil {
			return err
		}
		if ok, err := r.columnUpdatable(table, col); err != nil {
			return err
		} else if !ok {
			continue
		}
		// The text is sent as is (no parameters), "%" and all, as upstream's
		// mogrify without arguments leaves it.
		query := fmt.Sprintf(`UPDATE %s SET %s = %s || substring(%s FROM '%%#",%%#"' FOR '#') WHERE %s LIKE %s`,
			q(table), q(col), sqlLiteral(new), q(col), q(col), sqlLiteral(old+",%"))
		if err := r.explode(query, table); err != nil {
			return err
		}
	}

	if ok, err := r.hasTranslations(); err != nil {
		return err
	} else if ok {
		if err := r.renameModelTranslations(old, new); err != nil {
			return err
		}
	}

	oldU, newU := strings.ReplaceAll(old, ".", "_"), strings.ReplaceAll(new, ".", "_")
	if err := r.exec(`UPDATE ir_model_data SET name = %s WHERE model = %s AND name = %s`,
		str("model_"+newU), str("ir.model"), str("model_"+oldU)); err != nil {
		return err
	}
	if err := r.exec(`
        UPDATE ir_model_data
           SET name = %s || substring(name FROM %s)
         WHERE model = 'ir.model.fields'
           AND name LIKE %s`,
		str("field_"+newU), sqlexec.IntValue(int64(len(oldU)+7)), str(likeEscape(r.fieldXMLID(old, "%")))); err != nil {
		return err
	}

	// Quoted model names in server actions' code.
	hasCondition, err := r.columnExists("ir_act_server", "condition")
	if err != nil {
		return err
	}
	pattern := `([''"])` + strings.ReplaceAll(old, ".", `\.`) + `\1`
	repl := `\1` + new + `\1`
	set := fmt.Sprintf(`code = regexp_replace(code, '%s', '%s', 'g')`, pattern, repl)
	if hasCondition {
		set = fmt.Sprintf(`condition = regexp_replace(condition, '%s', '%s', 'g'), `, pattern, repl) + set
	}
	if err := r.exec(`UPDATE ir_act_server SET ` + set); err != nil {
		return err
	}
	return r.replaceModelInCustomComputes(old, new)
}

// sqlLiteral quotes s as an SQL string literal.
func sqlLiteral(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// renameModelTranslations moves "old,field" translations to "new,field"
// unless the target already has one, drops the rest, and renames the
// constraint/view/report ones named after the model (Odoo <= 15).
func (r runner) renameModelTranslations(old, new string) error {
	if err := r.exec(`
        WITH renames AS (
            SELECT id, type, lang, res_id, src, %s || substring(name FROM '%%#",%%#"' FOR '#') AS new
              FROM ir_translation
             WHERE name LIKE %s
        )
        UPDATE ir_translation t
           SET name = r.new
          FROM renames r
     LEFT JOIN ir_translation e ON (
                e.type = r.type
            AND e.lang = r.lang
            AND e.name = r.new
            AND CASE WHEN e.type = 'model' THEN e.res_id IS NOT DISTINCT FROM r.res_id
                     WHEN e.type = 'selection' THEN e.src IS NOT DISTINCT FROM r.src
                     ELSE e.res_id IS NOT DISTINCT FROM r.res_id AND e.src IS NOT DISTINCT FROM r.src
                 END
         )
         WHERE t.id = r.id
           AND e.id IS NULL`, str(new), str(old+",%")); err != nil {
		return err
	}
	if err := r.exec(`DELETE FROM ir_translation WHERE name LIKE %s`, str(old+",%")); err != nil {
		return err
	}
	return r.exec(`
        UPDATE ir_translation
           SET name = %s
         WHERE name = %s
           AND type IN ('constraint', 'sql_constraint', 'view', 'report', 'rml', 'xsl')`, str(new), str(old))
}

// replaceModelInCustomComputes rewrites env['old'] / env["old"] in the
// compute code of custom x_ fields.
func (r runner) replaceModelInCustomComputes(source, target string) error {
	if ok, err := r.columnExists("ir_model_fields", "compute"); err != nil || !ok {
		return err
	}
	return r.exec(`
        UPDATE ir_model_fields
           SET compute = regexp_replace(compute, %s, %s, 'g')
         WHERE state = 'manual'
           AND compute IS NOT NULL
           AND name LIKE 'x\_%%'`,
		str(`\yenv\[('|")`+pyre.Escape(source)+`\1\]`), str("env['"+target+"']"))
}

// updateM2MTables renames the m2m tables and columns still named after
// oldTable: "<other>_<old>_rel" becomes the sorted "<a>_<b>_rel" of other
// and newTable, and a column "<old>_id" that references newTable becomes
// "<new>_id" with its foreign key recreated.
func (r runner) updateM2MTables(oldTable, newTable string, ignored sqlexec.Value) error {
	if ignored.Kind != sqlexec.List && ignored.Kind != sqlexec.Tuple {
		return odoolib.PyErr("AssertionError", "")
	}
	if oldTable == newTable || !r.atLeast(10) {
		return nil
	}
	skip := newSkipSet(ignored)
	m2ms, err := r.m2mTables(newTable)
	if err != nil {
		return err
	}
	re := regexp.MustCompile(`^(x_|)(?:(\w+)_` + regexp.QuoteMeta(oldTable) + `|` + regexp.QuoteMeta(oldTable) + `_(\w+))_rel$`)
	for _, orig := range m2ms {
		if s, err := skip.has(orig); err != nil {
			return err
		} else if s {
			continue
		}
		m2m := orig
		if m := re.FindStringSubmatch(orig); m != nil {
			other := m[2]
			if other == "" {
				other = m[3]
			}
			pair := []string{other, newTable}
			sort.Strings(pair)
			m2m = m[1] + pair[0] + "_" + pair[1] + "_rel"
			// Keep the constraints: they tell which column points where.
			if _, err := r.call(util+"rename_table", []sqlexec.Value{str(orig), str(m2m)},
				map[string]sqlexec.Value{"remove_constraints": sqlexec.BoolValue(false)}); err != nil {
				return err
			}
			if err := r.exec(`UPDATE ir_model_fields SET relation_table = %s WHERE relation_table = %s AND state = 'manual'`,
				str(m2m), str(orig)); err != nil {
				return err
			}
		}
		cols, err := r.columnsOf(m2m, "id")
		if err != nil {
			return err
		}
		oldCol, newCol := oldTable+"_id", newTable+"_id"
		for _, col := range cols {
			target, targetCol, constraint, ok, err := r.targetOf(m2m, col)
			if err != nil {
				return err
			}
			if !ok || target != newTable || targetCol != "id" {
				continue
			}
			if col != oldCol {
				slog.Warn("upgrade-util rename_model: possibly missing rename of an m2m column", "table", m2m, "column", col, "references", newTable)
				continue
			}
			onDelete, err := r.strings0(`
                SELECT c.confdeltype::varchar
                  FROM pg_constraint c
                  JOIN pg_class t ON c.conrelid = t.oid
                 WHERE t.relname = %s
                   AND c.conname = %s`, str(m2m), str(constraint))
			if err != nil {
				return err
			}
			action := "CASCADE"
			if len(onDelete) > 0 && onDelete[0] == "r" {
				action = "RESTRICT"
			}
			if err := r.exec(fmt.Sprintf(`ALTER TABLE %s RENAME COLUMN %s TO %s; ALTER TABLE %s DROP CONSTRAINT %s, ADD FOREIGN KEY (%s) REFERENCES %s (id) ON DELETE %s`,
				q(m2m), q(oldCol), q(newCol), q(m2m), q(constraint), q(newCol), q(newTable), action)); err != nil {
				return err
			}
			for _, c := range []string{"column1", "column2"} {
				if err := r.exec(fmt.Sprintf(`UPDATE ir_model_fields SET %s = %%s WHERE relation_table = %%s AND %s = %%s AND state = 'manual'`, c, c),
					str(newCol), str(m2m), str(oldCol)); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// --- remove_model ---

func removeModelHelper(ctx context.Context, env odoolib.Env, a []sqlexec.Value) (sqlexec.Value, error) {
	model, err := odoolib.Str("remove_model", "model", a[0])
	if err != nil {
		return none, err
	}
	r := runner{ctx, env}
	return none, wrap("remove_model("+model+")", r.removeModel(model, a[1].Truthy(), a[2]))
}

// unknownModelID returns the id of the "_unknown" placeholder model,
// creating it first if needed (upstream does so on every remove_model).
func (r runner) unknownModelID() (int64, error) {
	hasOrder, err := r.columnExists("ir_model", "order")
	if err != nil {
		return 0, err
	}
	typ, err := r.columnType("ir_model", "name")
	if err != nil {
		return 0, err
	}
	cols, vals := "", ""
	if hasOrder {
		cols, vals = `, "order"`, `, 'id'`
	}
	name := "'Unknown'"
	if typ == "jsonb" {
		name = "jsonb_build_object('en_US', 'Unknown')"
	}
	if err := r.exec(fmt.Sprintf(`
        INSERT INTO ir_model(name, model%s)
             SELECT %s, '_unknown'%s
              WHERE NOT EXISTS (SELECT 1 FROM ir_model WHERE model = '_unknown')`, cols, name, vals)); err != nil {
		return 0, err
	}
	return r.modelID("_unknown")
}

func (r runner) removeModel(model string, dropTable bool, ignoreM2M sqlexec.Value) error {
	if err := validateModel(model); err != nil {
		return err
	}
	modelU := strings.ReplaceAll(model, ".", "_")
	unknownID, err := r.unknownModelID()
	if err != nil {
		return err
	}

	refs, err := r.indirectRefs(false)
	if err != nil {
		return err
	}
	for _, ir := range refs {
		if ir.table == "ir_model" || ir.table == "ir_model_fields" || ir.table == "ir_model_data" {
			continue
		}
		refModel, err := r.modelOfTable(ir.table)
		if err != nil {
			return err
		}
		// Without setUnknown every referencing row goes; with it only those
		// with an xmlid, the others are re-pointed at _unknown below.
		query := fmt.Sprintf(`SELECT id FROM %s r WHERE %s ORDER BY id`, q(ir.table), ir.modelFilter("r."))
		params := []sqlexec.Value{str(model)}
		if ir.setUnknown {
			query = fmt.Sprintf(`
                SELECT d.res_id
                  FROM ir_model_data d
                  JOIN %s r ON d.model = %%s AND d.res_id = r.id
                 WHERE d.module != '__export__'
                   AND %s
              GROUP BY d.res_id
              ORDER BY d.res_id`, q(ir.table), ir.modelFilter("r."))
			params = []sqlexec.Value{str(refModel), str(model)}
		}
		ids, err := r.ids0(query, params...)
		if err != nil {
			return err
		}
		if ir.table == "ir_ui_view" {
			if err := r.removeViews(ids); err != nil {
				return err
			}
		} else {
			for _, chunk := range chunks(ids, 1000) {
				if err := r.removeRecords(refModel, chunk); err != nil {
					return err
				}
				if err := r.removeReferencing(refModel, chunk); err != nil {
					return err
				}
			}
		}
		if ir.setUnknown {
			rest, err := r.ids0(fmt.Sprintf(`SELECT id FROM %s r WHERE %s ORDER BY id`, q(ir.table), ir.modelFilter("r.")), str(model))
			if err != nil {
				return err
			}
			if len(rest) > 0 {
				var sets []string
				var args []sqlexec.Value
				if ir.resModel != "" {
					sets, args = append(sets, q(ir.resModel)+" = %s"), append(args, str("_unknown"))
				}
				if ir.resModelID != "" {
					sets, args = append(sets, q(ir.resModelID)+" = %s"), append(args, sqlexec.IntValue(unknownID))
				}
				if err := r.exec(fmt.Sprintf(`UPDATE %s SET %s WHERE id IN %%s`, q(ir.table), strings.Join(sets, ",")),
					append(args, inList(rest))...); err != nil {
					return err
				}
			}
		}
	}

	if err := r.removeImportExportPaths(model, ""); err != nil {
		return err
	}
	if err := r.removeReferencing(model, nil); err != nil {
		return err
	}

	modelID, err := r.modelID(model)
	if err != nil {
		return err
	}
	if modelID != 0 {
		if err := r.removeModelRow(model, modelID, ignoreM2M); err != nil {
			return err
		}
	}

	if err := r.exec(`DELETE FROM ir_model_data WHERE model = %s AND name = %s`, str("ir.model"), str("model_"+modelU)); err != nil {
		return err
	}
	if err := r.exec(`DELETE FROM ir_model_data WHERE model = 'ir.model.fields' AND name LIKE %s`,
		str(likeEscape(r.fieldXMLID(model, "%")))); err != nil {
		return err
	}
	if err := r.exec(`DELETE FROM ir_model_data WHERE model = %s`, str(model)); err != nil {
		return err
	}
	if err := r.exec(`UPDATE ir_model_fields SET relation = '_unknown' WHERE relation = %s`, str(model)); err != nil {
		return err
	}

	if dropTable {
		table, err := r.tableOfModel(model)
		if err != nil {
			return err
		}
		if ok, err := r.tableExists(table); err != nil {
			return err
		} else if ok {
			return r.exec(fmt.Sprintf(`DROP TABLE %s CASCADE`, q(table)))
		}
		if ok, err := r.viewExists(table); err != nil {
			return err
		} else if ok {
			return r.exec(fmt.Sprintf(`DROP VIEW %s CASCADE`, q(table)))
		}
	}
	return nil
}

// removeModelRow removes the ir_model row of model and what hangs on it:
// automated actions, m2m relations and tables (custom m2m fields on them
// first), constraints and the xmlids of its rules and access rights.
func (r runner) removeModelRow(model string, modelID int64, ignoreM2M sqlexec.Value) error {
	id := sqlexec.IntValue(modelID)
	// Required foreign keys in ON DELETE SET NULL/RESTRICT.
	for _, t := range []string{"base_action_rule", "base_automation", "google_drive_config"} {
		if ok, err := r.columnExists(t, "model_id"); err != nil {
			return err
		} else if ok {
			if err := r.exec(fmt.Sprintf(`DELETE FROM %s WHERE model_id = %%s`, q(t)), id); err != nil {
				return err
			}
		}
	}
	if !r.atLeast(17) {
		if ok, err := r.columnExists("base_automation", "action_server_id"); err != nil {
			return err
		} else if ok {
			if err := r.exec(`
                DELETE FROM base_automation b_a
                 USING ir_act_server action
                 WHERE b_a.action_server_id = action.id
                   AND action.binding_model_id = %s`, id); err != nil {
				return err
			}
		}
	}
	if err := r.exec(`DELETE FROM ir_model_relation WHERE model = %s`, id); err != nil {
		return err
	}

	if !(ignoreM2M.Kind == sqlexec.Str && ignoreM2M.Text == "*") {
		table, err := r.tableOfModel(model)
		if err != nil {
			return err
		}
		tables, err := r.m2mTables(table)
		if err != nil {
			return err
		}
		ignore, err := pySet(ignoreM2M)
		if err != nil {
			return err
		}
		hasRelTable, err := r.columnExists("ir_model_fields", "relation_table")
		if err != nil {
			return err
		}
		if len(tables) > 0 && hasRelTable {
			rows, err := r.rows(`
                SELECT name, model
                  FROM ir_model_fields
                 WHERE relation_table IN %s
                   AND state = 'manual'
              ORDER BY id`, sqlexec.TupleValue(strList(tables)...))
			if err != nil {
				return err
			}
			for _, row := range rows {
				o := defaultRemoveOpts
				o.dropColumn = false
				if err := r.removeField(text(row[1]), text(row[0]), o); err != nil {
					return err
				}
			}
		}
		for _, t := range tables {
			if ignore[t] {
				continue
			}
			if err := r.exec(fmt.Sprintf(`DROP TABLE %s CASCADE`, q(t))); err != nil {
				return err
			}
		}
	}

	constraints, err := r.ids0(`DELETE FROM ir_model_constraint WHERE model = %s RETURNING id`, id)
	if err != nil {
		return err
	}
	if len(constraints) > 0 {
		if err := r.exec(`DELETE FROM ir_model_data WHERE model = 'ir.model.constraint' AND res_id IN %s`, inList(constraints)); err != nil {
			return err
		}
	}
	// The rules and access rights go with the ir_model row (cascade); their
	// xmlids would not.
	for _, t := range [][2]string{{"ir_rule", "ir.rule"}, {"ir_model_access", "ir.model.access"}} {
		if err := r.exec(fmt.Sprintf(`
            DELETE FROM ir_model_data x
             USING %s a
             WHERE x.res_id = a.id
               AND x.model = %%s
               AND a.model_id = %%s`, q(t[0])), str(t[1]), id); err != nil {
			return err
		}
	}
	return r.exec(`DELETE FROM ir_model WHERE id = %s`, id)
}

// pySet is set(v) for the ignore_m2m argument: a str gives its characters.
func pySet(v sqlexec.Value) (map[string]bool, error) {
	out := map[string]bool{}
	switch v.Kind {
	case sqlexec.Str:
		for _, c := range v.Text {
			out[string(c)] = true
		}
	case sqlexec.List, sqlexec.Tuple:
		for _, it := range v.Items {
			if it.Kind == sqlexec.Str {
				out[it.Text] = true
			}
		}
	case sqlexec.Dict:
		for _, k := range v.Keys {
			out[k] = true
		}
	default:
		return nil, odoolib.PyErr("TypeError", "'%s' object is not iterable", sqlexec.TypeName(v))
	}
	return out, nil
}

// --- merge_model ---

func mergeModelHelper(ctx context.Context, env odoolib.Env, a []sqlexec.Value) (sqlexec.Value, error) {
	names, err := odoolib.Strs("merge_model", []string{"source", "target"}, a[:2])
	if err != nil {
		return none, err
	}
	var mapping map[string]string
	var mappingOrder []string
	switch a[3].Kind {
	case sqlexec.None:
	case sqlexec.Dict:
		mapping = map[string]string{}
		for i, k := range a[3].Keys {
			v := a[3].Items[i]
			if v.Kind != sqlexec.Str {
				return none, odoolib.PyErr("TypeError", "merge_model(): fields_mapping[%s] must be str, not %s",
					pyliteral.StrRepr(k), sqlexec.TypeName(v))
			}
			mapping[k] = v.Text
			mappingOrder = append(mappingOrder, k)
		}
	default:
		return none, odoolib.PyErr("TypeError", "merge_model(): fields_mapping must be a dict or None, not %s", sqlexec.TypeName(a[3]))
	}
	r := runner{ctx, env}
	return none, wrap(fmt.Sprintf("merge_model(%s, %s)", names[0], names[1]),
		r.mergeModel(names[0], names[1], a[2].Truthy(), mapping, mappingOrder, a[4]))
}

var irModelTables = []string{"ir_model", "ir_model_fields", "ir_model_constraint", "ir_model_relation"}

func (r runner) mergeModel(source, target string, dropTable bool, mapping map[string]string, mappingOrder []string, ignoreM2M sqlexec.Value) error {
	if err := validateModel(source); err != nil {
		return err
	}
	if err := validateModel(target); err != nil {
		return err
	}
	sourceID, err := r.modelID(source)
	if err != nil {
		return err
	}
	targetID, err := r.modelID(target)
	if err != nil {
		return err
	}
	for _, m := range []struct {
		name string
		id   int64
	}{{source, sourceID}, {target, targetID}} {
		if m.id == 0 {
			return odoolib.PyErr("KeyError", "%s", m.name)
		}
	}

	// Records pointing at the source's ir_model row now point at the target's.
	ignores := append([]string{}, irModelTables...)
	bound, err := r.indirectRefs(true)
	if err != nil {
		return err
	}
	for _, ir := range bound {
		if ir.resModelID != "" {
			ignores = append(ignores, ir.table)
		}
	}
	if err := r.replaceReferences("ir.model", map[int64]int64{sourceID: targetID}, ignores); err != nil {
		return err
	}

	// Fields: same names, plus the explicit mapping.
	rows, err := r.rows(`
        SELECT mf1.id, mf2.id
          FROM ir_model_fields mf1
          JOIN ir_model_fields mf2 ON mf1.model = %s AND mf2.model = %s AND mf1.name = mf2.name
      ORDER BY mf1.id`, str(source), str(target))
	if err != nil {
		return err
	}
	fieldIDs := map[int64]int64{}
	for _, row := range rows {
		fieldIDs[intOf(row[0])] = intOf(row[1])
	}
	if len(mapping) > 0 {
		explicit := map[string]bool{}
		for _, s := range mappingOrder {
			rows, err := r.rows(`
                SELECT mf1.id, mf2.id
                  FROM ir_model_fields mf1
                  JOIN ir_model_fields mf2 ON mf1.model = %s AND mf2.model = %s AND mf1.name = %s AND mf2.name = %s`,
				str(source), str(target), str(s), str(mapping[s]))
			if err != nil {
				return err
			}
			for _, row := range rows {
				fieldIDs[intOf(row[0])] = intOf(row[1])
				explicit[s] = true
			}
		}
		// A target field that does not exist yet: the source field moves.
		for _, s := range mappingOrder {
			if explicit[s] {
				continue
			}
			moved, err := r.ids0(`
                UPDATE ir_model_fields
                   SET model = %s, model_id = %s, name = %s
                 WHERE model = %s AND name = %s
             RETURNING id`, str(target), sqlexec.IntValue(targetID), str(mapping[s]), str(source), str(s))
			if err != nil {
				return err
			}
			if len(moved) > 0 {
				// Their xmlids no longer match their names; the ORM recreates them.
				if err := r.exec(`DELETE FROM ir_model_data WHERE model = 'ir.model.fields' AND res_id IN %s`, inList(moved)); err != nil {
					return err
				}
			}
		}
	}
	if len(fieldIDs) > 0 {
		if err := r.replaceReferences("ir.model.fields", fieldIDs, []string{"ir_model_fields_group_rel", "ir_model_fields_selection"}); err != nil {
			return err
		}
	}

	// Unbound references (a model name without a record id).
	refs, err := r.indirectRefs(false)
	if err != nil {
		return err
	}
	for _, ir := range refs {
		if ir.resModel == "" || ir.resID != "" || contains(irModelTables, ir.table) {
			continue
		}
		uniques, err := r.uniqueIndexesWith(ir.table, ir.resModel)
		if err != nil {
			return err
		}
		var where []string
		for _, cols := range uniques {
			var sub []string
			for _, c := range cols {
				if c != ir.resModel {
					sub = append(sub, fmt.Sprintf("o.%s = t.%s", q(c), q(c)))
				}
			}
			cond := "true"
			if len(sub) > 0 {
				cond = strings.Join(sub, " AND ")
			}
			where = append(where, fmt.Sprintf("NOT EXISTS(SELECT 1 FROM %s o WHERE %s AND o.%s = %%s)", q(ir.table), cond, q(ir.resModel)))
		}
		cond := "true"
		var params []sqlexec.Value
		params = append(params, str(target))
		if len(where) > 0 {
			cond = strings.Join(where, " AND ")
			for range where {
				params = append(params, str(target))
			}
		}
		params = append(params, str(source))
		query := fmt.Sprintf(`UPDATE %s t SET %s = %%s WHERE %s AND %s = %%s`, q(ir.table), q(ir.resModel), cond, q(ir.resModel))
		hasID, err := r.columnExists(ir.table, "id")
		if err != nil {
			return err
		}
		if hasID {
			err = r.explodeAs("t", query, ir.table, params...)
		} else {
			err = r.exec(query, params...)
		}
		if err != nil {
			return err
		}
	}

	if err := r.replaceModelInCustomComputes(source, target); err != nil {
		return err
	}
	if ok, err := r.hasTranslations(); err != nil {
		return err
	} else if ok {
		if err := r.exec(`
            UPDATE ir_translation it
               SET name = %s || substr(name, %s)
             WHERE it.name LIKE %s
               AND NOT EXISTS (SELECT 1 FROM ir_translation itt
                                WHERE itt.name = %s || substr(it.name, %s)
                                  AND itt.type = it.type
                                  AND itt.lang = it.lang
                                  AND itt.res_id = it.res_id)`,
			str(target), sqlexec.IntValue(int64(len(source)+1)), str(likeEscape(source)+",%"),
			str(target), sqlexec.IntValue(int64(len(source)+1))); err != nil {
			return err
		}
	}
	return r.removeModel(source, dropTable, ignoreM2M)
}

// replaceReferences is upstream's replace_record_references_batch for a
// model onto itself (old id → new id), without touching xmlids: every
// foreign key to the model's table (but those of the ignored tables) is
// re-pointed unless a unique index would be violated, and the rows still
// pointing at an old id are deleted; defaults, bound indirect references
// ("model", id) and reference fields ("model,id") follow.
func (r runner) replaceReferences(model string, mapping map[int64]int64, ignores []string) error {
	ignores = append(append([]string{}, ignores...), "ir_model_data")
	olds := make([]int64, 0, len(mapping))
	for k, v := range mapping {
		if k != v {
			olds = append(olds, k)
		}
	}
	if len(olds) == 0 {
		return nil
	}
	sort.Slice(olds, func(i, j int) bool { return olds[i] < olds[j] })
	var pairs []string
	for _, o := range olds {
		pairs = append(pairs, fmt.Sprintf("(%d, %d)", o, mapping[o]))
	}
	rrr := "(VALUES " + strings.Join(pairs, ", ") + ") AS r(old, new)"
	table, err := r.tableOfModel(model)
	if err != nil {
		return err
	}

	fks, err := r.fksTo(table)
	if err != nil {
		return err
	}
	type modelField struct{ model, field string }
	var defaults []modelField
	for _, f := range fks {
		if contains(ignores, f.table) {
			continue
		}
		uniques, err := r.uniqueIndexesWith(f.table, f.column)
		if err != nil {
			return err
		}
		query := fmt.Sprintf(`UPDATE %s t SET %s = r.new FROM %s WHERE r.old = t.%s`, q(f.table), q(f.column), rrr, q(f.column))
		for _, cols := range uniques {
			var sub []string
			for _, c := range cols {
				if c != f.column {
					sub = append(sub, fmt.Sprintf("u.%s = t.%s", q(c), q(c)))
				}
			}
			cond := "true"
			if len(sub) > 0 {
				cond = strings.Join(sub, " AND ")
			}
			query += fmt.Sprintf(" AND NOT EXISTS(SELECT 1 FROM %s u WHERE u.%s = r.new AND %s)", q(f.table), q(f.column), cond)
		}
		hasID, err := r.columnExists(f.table, "id")
		if err != nil {
			return err
		}
		if hasID {
			if err := r.explodeAs("t", query, f.table); err != nil {
				return err
			}
			m, err := r.modelOfTable(f.table)
			if err != nil {
				return err
			}
			defaults = append(defaults, modelField{m, f.column})
		} else {
			// An m2m table: drop the rows that would become duplicates first.
			others, err := r.columnsOf(f.table, f.column)
			if err != nil {
				return err
			}
			if len(others) != 1 {
				return odoolib.PyErr("ValueError", "too many values to unpack (expected 1)")
			}
			col2 := q(others[0])
			if err := r.exec(fmt.Sprintf(`
                WITH rr2 AS (
                    SELECT array_agg(t.%[2]s ORDER BY t.%[2]s) AS olds, r.new AS new, t.%[3]s AS col2
                      FROM %[1]s t
                      JOIN %[4]s ON r.old = t.%[2]s
                  GROUP BY r.new, t.%[3]s
                )
                DELETE FROM %[1]s t USING rr2 r WHERE t.%[3]s = r.col2 AND t.%[2]s = ANY(r.olds[2:])`,
				q(f.table), q(f.column), col2, rrr)); err != nil {
				return err
			}
			query += fmt.Sprintf(" AND NOT EXISTS(SELECT 1 FROM %s e WHERE e.%s = t.%s AND e.%s = r.new)", q(f.table), col2, col2, q(f.column))
			if err := r.exec(query); err != nil {
				return err
			}
			if tgt, tcol, _, ok, err := r.targetOf(f.table, others[0]); err != nil {
				return err
			} else if ok && tgt == table && tcol == "id" {
				// An m2m onto itself: drop the self links.
				if err := r.exec(fmt.Sprintf(`DELETE FROM %s t USING %s WHERE t.%s = r.new AND t.%s = t.%s`,
					q(f.table), rrr, q(f.column), q(f.column), col2)); err != nil {
					return err
				}
			}
		}
		if err := r.exec(fmt.Sprintf(`DELETE FROM %s t USING %s WHERE t.%s = r.old`, q(f.table), rrr, q(f.column))); err != nil {
			return err
		}
	}
	if len(defaults) > 0 {
		var keys []sqlexec.Value
		for _, d := range defaults {
			keys = append(keys, sqlexec.TupleValue(str(d.model), str(d.field)))
		}
		if err := r.exec(fmt.Sprintf(`
            UPDATE ir_default d
               SET json_value = r.new::varchar
              FROM %s, ir_model_fields f
             WHERE f.id = d.field_id
               AND d.json_value = r.old::varchar
               AND (f.model, f.name) IN %%s`, rrr), sqlexec.TupleValue(keys...)); err != nil {
			return err
		}
	}

	destID, err := r.modelID(model)
	if err != nil {
		return err
	}
	bound, err := r.indirectRefs(true)
	if err != nil {
		return err
	}
	for _, ir := range bound {
		if contains(ignores, ir.table) {
			continue
		}
		var sets []string
		var setParams []sqlexec.Value
		if ir.resModel != "" {
			sets, setParams = append(sets, q(ir.resModel)+" = %s"), append(setParams, str(model))
		}
		if ir.resModelID != "" {
			sets, setParams = append(sets, q(ir.resModelID)+" = %s"), append(setParams, sqlexec.IntValue(destID))
		}
		sets = append(sets, q(ir.resID)+" = r.new")
		query := fmt.Sprintf(`UPDATE %s t SET %s FROM %s WHERE %s AND r.old = t.%s`,
			q(ir.table), strings.Join(sets, ", "), rrr, ir.modelFilter("t."), q(ir.resID))
		params := append(setParams, str(model))
		var uniques [][]string
		if ir.resModel != "" {
			u, err := r.uniqueIndexesWith(ir.table, ir.resID, ir.resModel)
			if err != nil {
				return err
			}
			uniques = append(uniques, u...)
		}
		if ir.resModelID != "" {
			u, err := r.uniqueIndexesWith(ir.table, ir.resID, ir.resModelID)
			if err != nil {
				return err
			}
			uniques = append(uniques, u...)
		}
		if len(uniques) == 0 {
			if err := r.explodeAs("t", query, ir.table, params...); err != nil {
				return err
			}
			continue
		}
		// Keep a row pointing at the old record when its target would
		// clash in a unique index, then drop the leftovers.
		for _, cols := range uniques {
			var sub []string
			for _, c := range cols {
				if c != ir.resID && c != ir.resModel && c != ir.resModelID {
					sub = append(sub, fmt.Sprintf("x.%s = t.%s", q(c), q(c)))
				}
			}
			cond := "true"
			if len(sub) > 0 {
				cond = strings.Join(sub, " AND ")
			}
			query += fmt.Sprintf(" AND NOT EXISTS(SELECT 1 FROM %s x WHERE %s AND x.%s = r.new AND %s)",
				q(ir.table), ir.modelFilter("x."), q(ir.resID), cond)
			params = append(params, str(model))
		}
		if err := r.exec(query, params...); err != nil {
			return err
		}
		if err := r.exec(fmt.Sprintf(`DELETE FROM %s t USING %s WHERE %s AND t.%s = r.old`, q(ir.table), rrr, ir.modelFilter("t."), q(ir.resID)),
			str(model)); err != nil {
			return err
		}
	}

	refFields, err := r.rows(`SELECT model, name FROM ir_model_fields WHERE ttype = 'reference' ORDER BY model, name`)
	if err != nil {
		return err
	}
	for _, f := range refFields {
		col := text(f[1])
		t, err := r.tableOfModel(text(f[0]))
		if err != nil {
			return err
		}
		if contains(ignores, t) {
			continue
		}
		if ok, err := r.columnUpdatable(t, col); err != nil {
			return err
		} else if !ok {
			continue
		}
		if err := r.exec(fmt.Sprintf(`
            WITH _ref AS (SELECT concat(%%s, ',', old) AS old, concat(%%s, ',', new) AS new FROM %s)
            UPDATE %s t SET %s = r.new FROM _ref r WHERE t.%s = r.old`, rrr, q(t), q(col), q(col)),
			str(model), str(model)); err != nil {
			return err
		}
	}
	return nil
}
