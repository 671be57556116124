package upgradeutil

import (
	"fmt"
	"sort"
	"strings"

	"github.com/migrate-runner/migrate-runner/odoolib"
	"github.com/migrate-runner/migrate-runner/sqlexec"
)

// upgrade-util's src/util/modules.py: the ir_module_module* rows.
// Upstream warns when these run outside base's scripts (module
// operations belong before base is loaded); migrate-runner runs them
// wherever they are called.

var installedStates = []string{"installed", "to install", "to upgrade"}

func init() {
	params, defaults := variadic(nil, "modules")
	reg("modules_installed", params, 0, defaults, modulesInstalled)
	reg("module_installed", []string{"module"}, 1, nil, moduleInstalled)
	reg("uninstall_module", []string{"module"}, 1, nil, uninstallModule)
	reg("remove_module", []string{"module"}, 1, nil, removeModule)
	reg("rename_module", []string{"old", "new"}, 2, nil, renameModule)
	reg("merge_module", []string{"old", "into", "update_dependers"}, 2, []sqlexec.Value{vTrue}, mergeModule)
	reg("force_install_module", []string{"module", "if_installed"}, 1, []sqlexec.Value{none}, forceInstallModule)
	reg("new_module_dep", []string{"module", "new_dep"}, 2, nil, newModuleDep)
	reg("remove_module_deps", []string{"module", "old_deps"}, 2, nil, removeModuleDeps)
	reg("module_deps_diff", []string{"module", "plus", "minus"}, 1, []sqlexec.Value{tuple(), tuple()}, moduleDepsDiff)
	reg("new_module", []string{"module", "deps", "auto_install", "category"}, 1, []sqlexec.Value{tuple(), vFalse, none}, newModule)
}

func installedTuple() sqlexec.Value { return tuple(strs(installedStates)...) }

func modulesInstalled(o op, a []sqlexec.Value) (sqlexec.Value, error) {
	modules := rest(a)
	if len(modules) == 0 {
		return none, assertionError("")
	}
	ok, err := o.modulesInstalled(modules...)
	return sqlexec.BoolValue(ok), err
}

// modulesInstalled tells whether every module is installed or about to
// be; a name given twice makes it false, as upstream counts rows.
func (o op) modulesInstalled(modules ...sqlexec.Value) (bool, error) {
	row, err := o.one(`
            SELECT count(1)
              FROM ir_module_module
             WHERE name IN %s
               AND state IN %s
    `, tuple(modules...), installedTuple())
	if err != nil || row == nil {
		return false, err
	}
	n, _ := intOf(row[0])
	return n == int64(len(modules)), nil
}

func moduleInstalled(o op, a []sqlexec.Value) (sqlexec.Value, error) {
	ok, err := o.modulesInstalled(a[0])
	return sqlexec.BoolValue(ok), err
}

func uninstallModule(o op, a []sqlexec.Value) (sqlexec.Value, error) {
	module, err := str("uninstall_module", "module", a[0])
	if err != nil {
		return none, err
	}
	return none, o.uninstallModule(module)
}

// uninstallModule removes what the module owns (constraints, records
// only it has xmlids for, views, menus, m2m relations, models and fields)
// and marks it uninstalled. Models and fields go through remove_model and
// remove_field (package upgradeutil/refactor).
func (o op) uninstallModule(module string) error {
	row, err := o.one("SELECT id FROM ir_module_module WHERE name=%s", s(module))
	if err != nil || row == nil || !row[0].Truthy() {
		return err
	}
	modID := row[0]
	// Models and fields need the refactor helpers: check before changing
	// anything, so that a missing one never leaves the module half gone.
	for _, dep := range [][2]string{{"ir.model", "remove_model"}, {"ir.model.fields", "remove_field"}} {
		if registered(prefix + dep[1]) {
			continue
		}
		if err := o.exec("SELECT 1 FROM ir_model_data WHERE module = %s AND model = %s", s(module), s(dep[0])); err != nil {
			return err
		}
		if o.rowcount() > 0 {
			return odoolib.PyErr("NotImplementedError", "uninstall_module(cr, %s): the module owns %s records, whose removal needs util.%s, which this build of migrate-runner does not include",
				sqlexec.Repr(s(module)), dep[0], dep[1])
		}
	}
	// Constraints owned by this module only.
	constraints, err := o.col0(`
            SELECT name
              FROM ir_model_constraint
          GROUP BY name
            HAVING array_agg(module) = %s
    `, list(modID))
	if err != nil {
		return err
	}
	if len(constraints) > 0 {
		rows, err := o.rows(`
                SELECT table_name, constraint_name
                  FROM information_schema.table_constraints
                 WHERE constraint_name IN %s
        `, tuple(constraints...))
		if err != nil {
			return err
		}
		for _, r := range rows {
			if err := o.exec(fmt.Sprintf(`ALTER TABLE "%s" DROP CONSTRAINT "%s"`, r[0].Text, r[1].Text)); err != nil {
				return err
			}
		}
	}
	if err := o.exec(`
            DELETE
              FROM ir_model_constraint
             WHERE module = %s
    `, modID); err != nil {
		return err
	}
	// Records only this module has an xmlid for.
	data, err := o.rows(`
            SELECT model, res_id
              FROM ir_model_data d
             WHERE NOT EXISTS (SELECT 1
                                 FROM ir_model_data
                                WHERE id != d.id
                                  AND res_id = d.res_id
                                  AND model = d.model
                                  AND module != d.module)
               AND module = %s
               AND model != 'ir.module.module'
          ORDER BY id DESC
    `, s(module))
	if err != nil {
		return err
	}
	var modelIDs, fieldIDs, menuIDs, serverActionIDs []sqlexec.Value
	type group struct {
		model string
		ids   []sqlexec.Value
	}
	var groups []group // consecutive rows of one model, as itertools.groupby
	for _, r := range data {
		model, resID := r[0].Text, r[1]
		switch model {
		case "ir.model":
			modelIDs = append(modelIDs, resID)
		case "ir.model.fields":
			fieldIDs = append(fieldIDs, resID)
		case "ir.ui.menu":
			menuIDs = append(menuIDs, resID)
		case "ir.actions.server":
			serverActionIDs = append(serverActionIDs, resID)
		default:
			if len(groups) > 0 && groups[len(groups)-1].model == model {
				groups[len(groups)-1].ids = append(groups[len(groups)-1].ids, resID)
			} else {
				groups = append(groups, group{model, []sqlexec.Value{resID}})
			}
		}
	}
	for _, g := range groups {
		if g.model == "ir.ui.view" {
			for _, v := range g.ids {
				if err := o.removeView("", v, true, ""); err != nil {
					return err
				}
			}
		} else if err := o.removeRecords(g.model, g.ids); err != nil {
			return err
		}
	}
	if err := o.removeRecords("ir.actions.server", serverActionIDs); err != nil {
		return err
	}
	if err := o.removeMenus(menuIDs); err != nil {
		return err
	}
	// Many2many tables only this module declared.
	relations, err := o.col0(`
            SELECT name
              FROM ir_model_relation
          GROUP BY name
            HAVING array_agg(module) = %s
    `, list(modID))
	if err != nil {
		return err
	}
	if err := o.exec("DELETE FROM ir_model_relation WHERE module=%s", modID); err != nil {
		return err
	}
	if len(relations) > 0 {
		tables, err := o.col0("SELECT table_name FROM information_schema.tables WHERE table_name IN %s", tuple(relations...))
		if err != nil {
			return err
		}
		for _, t := range tables {
			if err := o.exec(fmt.Sprintf(`DROP TABLE "%s" CASCADE`, t.Text)); err != nil {
				return err
			}
		}
	}
	if len(modelIDs) > 0 {
		models, err := o.col0("SELECT model FROM ir_model WHERE id IN %s", tuple(modelIDs...))
		if err != nil {
			return err
		}
		for _, m := range models {
			if _, err := o.call("remove_model", []sqlexec.Value{m}, nil); err != nil {
				return err
			}
		}
	}
	if len(fieldIDs) > 0 {
		fields, err := o.rows("SELECT model, name FROM ir_model_fields WHERE id IN %s", tuple(fieldIDs...))
		if err != nil {
			return err
		}
		for _, f := range fields {
			if f[1].Text == "id" {
				_, err = o.call("remove_model", []sqlexec.Value{f[0]}, nil)
			} else {
				_, err = o.call("remove_field", []sqlexec.Value{f[0], f[1]}, nil)
			}
			if err != nil {
				return err
			}
		}
	}
	if err := o.exec("DELETE FROM ir_model_data WHERE module=%s", s(module)); err != nil {
		return err
	}
	if ok, err := o.tableExists("ir_translation"); err != nil {
		return err
	} else if ok {
		if err := o.exec("DELETE FROM ir_translation WHERE module=%s", s(module)); err != nil {
			return err
		}
	}
	return o.exec("UPDATE ir_module_module SET state='uninstalled' WHERE name=%s", s(module))
}

func removeModule(o op, a []sqlexec.Value) (sqlexec.Value, error) {
	module, err := str("remove_module", "module", a[0])
	if err != nil {
		return none, err
	}
	if err := o.uninstallModule(module); err != nil {
		return none, err
	}
	if err := o.exec("DELETE FROM ir_module_module_dependency WHERE name=%s", s(module)); err != nil {
		return none, err
	}
	ids, err := o.col0("DELETE FROM ir_module_module WHERE name=%s RETURNING id", s(module))
	if err != nil || len(ids) == 0 {
		return none, err
	}
	return none, o.exec("DELETE FROM ir_model_data WHERE model='ir.module.module' AND res_id=%s", ids[0])
}

// updateViewKey is _update_view_key: view keys "old.*" become "new.*"
// (names are inlined as upstream does).
func (o op) updateViewKey(old, nw string) error {
	if ok, err := o.columnExists("ir_ui_view", "key"); err != nil || !ok {
		return err
	}
	likeOld := strings.ReplaceAll(strings.ReplaceAll(old, "_", `\_`), "%", `\%`)
	return o.exec(fmt.Sprintf(`
        UPDATE ir_ui_view
           SET key = concat('%[2]s', right(key, -length('%[1]s')))
         WHERE key LIKE '%[3]s.%%'
    `, old, nw, likeOld))
}

func renameModule(o op, a []sqlexec.Value) (sqlexec.Value, error) {
	old, err := str("rename_module", "old", a[0])
	if err != nil {
		return none, err
	}
	nw, err := str("rename_module", "new", a[1])
	if err != nil {
		return none, err
	}
	for _, query := range []string{
		"UPDATE ir_module_module SET name=%s WHERE name=%s",
		"UPDATE ir_module_module_dependency SET name=%s WHERE name=%s",
	} {
		if err := o.exec(query, s(nw), s(old)); err != nil {
			return none, err
		}
	}
	if err := o.updateViewKey(old, nw); err != nil {
		return none, err
	}
	if err := o.exec("UPDATE ir_model_data SET module=%s WHERE module=%s", s(nw), s(old)); err != nil {
		return none, err
	}
	if ok, err := o.tableExists("ir_translation"); err != nil {
		return none, err
	} else if ok {
		if err := o.exec("UPDATE ir_translation SET module=%s WHERE module=%s", s(nw), s(old)); err != nil {
			return none, err
		}
	}
	return none, o.exec(`
            UPDATE ir_model_data
               SET name = %s
             WHERE name = %s
               AND module = %s
               AND model = %s
    `, s("module_"+nw), s("module_"+old), s("base"), s("ir.module.module"))
}

func mergeModule(o op, a []sqlexec.Value) (sqlexec.Value, error) {
	old, err := str("merge_module", "old", a[0])
	if err != nil {
		return none, err
	}
	into, err := str("merge_module", "into", a[1])
	if err != nil {
		return none, err
	}
	return none, o.mergeModule(old, into, a[2].Truthy())
}

// mergeModule moves everything of module old into module into: xmlids
// (records of old whose xmlid into also has are merged into into's),
// constraints, relations, translations, dependencies; old's row goes and
// into is installed if old was.
func (o op) mergeModule(old, into string, updateDependers bool) error {
	rows, err := o.rows("SELECT name, id FROM ir_module_module WHERE name IN %s", tuple(s(old), s(into)))
	if err != nil {
		return err
	}
	ids := map[string]sqlexec.Value{}
	for _, r := range rows {
		ids[r[0].Text] = r[1]
	}
	if _, ok := ids[old]; !ok {
		logger("modules").Info(fmt.Sprintf("Unknow module %s. Skip merge into %s.", old, into))
		return nil
	}
	intoID, ok := ids[into]
	if !ok {
		return odoolib.PyErr("KeyError", "%s", sqlexec.Repr(s(into)))
	}
	up := func(table string, oldV, newV sqlexec.Value) error {
		if err := o.exec(fmt.Sprintf(`
                UPDATE ir_model_%[1]s x
                   SET module=%%s
                 WHERE module=%%s
                   AND NOT EXISTS(SELECT 1
                                    FROM ir_model_%[1]s y
                                   WHERE y.name = x.name
                                     AND y.module = %%s)
        `, table), newV, oldV, newV); err != nil {
			return err
		}
		if table == "data" {
			if err := o.mergeModuleData(old, into); err != nil {
				return err
			}
		}
		return o.exec(fmt.Sprintf("DELETE FROM ir_model_%s WHERE module=%%s", table), oldV)
	}
	if err := up("constraint", ids[old], intoID); err != nil {
		return err
	}
	if err := up("relation", ids[old], intoID); err != nil {
		return err
	}
	if err := o.updateViewKey(old, into); err != nil {
		return err
	}
	if err := up("data", s(old), s(into)); err != nil {
		return err
	}
	if ok, err := o.tableExists("ir_translation"); err != nil {
		return err
	} else if ok {
		if err := o.exec("UPDATE ir_translation SET module=%s WHERE module=%s", s(into), s(old)); err != nil {
			return err
		}
	}
	if updateDependers {
		if err := o.exec(`
            UPDATE ir_module_module_dependency d
               SET name = %s
              FROM ir_module_module m
             WHERE m.id = d.module_id
               AND d.name = %s
               AND m.name != %s
               AND NOT EXISTS(SELECT 1
                                FROM ir_module_module_dependency o
                               WHERE o.module_id = d.module_id
                                 AND o.name = %s)
            `, s(into), s(old), s(into), s(into)); err != nil {
			return err
		}
	}
	row, err := o.one("DELETE FROM ir_module_module WHERE name=%s RETURNING state", s(old))
	if err != nil {
		return err
	}
	if row == nil {
		return typeError("cannot unpack non-iterable NoneType object")
	}
	if err := o.exec("DELETE FROM ir_module_module_dependency WHERE name=%s", s(old)); err != nil {
		return err
	}
	if err := o.exec("DELETE FROM ir_model_data WHERE model='ir.module.module' AND res_id=%s", ids[old]); err != nil {
		return err
	}
	if row[0].Kind == sqlexec.Str && contains(installedStates, row[0].Text) {
		_, err := o.forceInstallModule(into, nil)
		return err
	}
	return nil
}

// mergeModuleData handles the xmlids of old that stayed (into has the
// same name): duplicates of into's records go, records are merged into
// into's when both name the same model, and old's remaining records are
// removed.
func (o op) mergeModuleData(old, into string) error {
	if err := o.exec(`
                    DELETE
                      FROM ir_model_data o
                     USING ir_model_data n
                     WHERE o.module = %s
                       AND n.module = %s
                       AND o.model = n.model
                       AND o.res_id = n.res_id
                `, s(old), s(into)); err != nil {
		return err
	}
	merges, err := o.rows(`
                    SELECT o.model,
                           jsonb_object_agg(o.res_id, n.res_id)
                      FROM ir_model_data o
                      JOIN ir_model_data n
                        ON n.model = o.model
                       AND n.name = o.name
                     WHERE o.module = %s
                       AND n.module = %s
                       AND o.model NOT LIKE 'ir.model%%'
                       AND o.model NOT LIKE 'ir.module.module%%'
                       AND o.model NOT IN ('ir.ui.view', 'ir.ui.menu')
                  GROUP BY o.model
                `, s(old), s(into))
	if err != nil {
		return err
	}
	for _, m := range merges {
		var mapping [][2]int64
		for k, from := range m[1].Keys {
			var f, t int64
			if _, err := fmt.Sscan(from, &f); err != nil {
				return odoolib.PyErr("ValueError", "invalid literal for int() with base 10: %s", sqlexec.Repr(s(from)))
			}
			t, _ = intOf(m[1].Items[k])
			mapping = append(mapping, [2]int64{f, t})
		}
		sort.Slice(mapping, func(i, j int) bool { return mapping[i][0] < mapping[j][0] })
		if err := o.replaceRefs(mapping, m[0].Text, "", false, "parent_id"); err != nil {
			return err
		}
	}
	remaining, err := o.rows(`
                SELECT model, array_agg(res_id)
                  FROM ir_model_data
                 WHERE module=%s
                   AND model NOT LIKE 'ir.model%%'
                   AND model NOT LIKE 'ir.module.module%%'
              GROUP BY model
            `, s(old))
	if err != nil {
		return err
	}
	for _, r := range remaining {
		ids := r[1].Items
		switch r[0].Text {
		case "ir.ui.view":
			for _, v := range ids {
				if err := o.removeView("", v, true, ""); err != nil {
					return err
				}
			}
		case "ir.ui.menu":
			err = o.removeMenus(ids)
		default:
			err = o.removeRecords(r[0].Text, ids)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func contains(list []string, x string) bool {
	for _, v := range list {
		if v == x {
			return true
		}
	}
	return false
}

func forceInstallModule(o op, a []sqlexec.Value) (sqlexec.Value, error) {
	module, err := str("force_install_module", "module", a[0])
	if err != nil {
		return none, err
	}
	var ifInstalled []sqlexec.Value
	if a[1].Truthy() {
		if ifInstalled, err = items("force_install_module", "if_installed", a[1]); err != nil {
			return none, err
		}
	}
	return o.forceInstallModule(module, ifInstalled)
}

// forceInstallModule marks the module and its dependencies, recursively,
// to install (to upgrade for "to remove"), then the auto_install modules
// that became installable; it returns the module's new state or None.
func (o op) forceInstallModule(module string, ifInstalled []sqlexec.Value) (sqlexec.Value, error) {
	sub := ""
	params := []sqlexec.Value{s(module)}
	if len(ifInstalled) > 0 {
		sub = `AND EXISTS(SELECT 1 FROM ir_module_module
                                  WHERE name IN %s
                                    AND state IN %s)`
		params = append(params, tuple(ifInstalled...), installedTuple())
	}
	rows, err := o.rows(fmt.Sprintf(`
        WITH RECURSIVE deps (mod_id, dep_name) AS (
              SELECT m.id, d.name from ir_module_module_dependency d
              JOIN ir_module_module m on (d.module_id = m.id)
              WHERE m.name = %%s
            UNION
              SELECT m.id, d.name from ir_module_module m
              JOIN deps ON deps.dep_name = m.name
              JOIN ir_module_module_dependency d on (d.module_id = m.id)
        )
        UPDATE ir_module_module m
           SET state = CASE WHEN state = 'to remove' THEN 'to upgrade'
                            WHEN state = 'uninstalled' THEN 'to install'
                            ELSE state
                       END,
               demo=(select demo from ir_module_module where name='base')
          FROM deps d
         WHERE m.id = d.mod_id
           %s
     RETURNING m.name, m.state
    `, sub), params...)
	if err != nil {
		return none, err
	}
	states := map[string]sqlexec.Value{}
	var toInstall []sqlexec.Value
	for _, r := range rows {
		if _, seen := states[r[0].Text]; !seen && r[1].Text == "to install" {
			toInstall = append(toInstall, r[0])
		}
		states[r[0].Text] = r[1]
	}
	if len(toInstall) > 0 {
		depMatch, err := o.autoInstallRequiredMatch("AND d.auto_install_required = TRUE AND e.auto_install_required = TRUE", "")
		if err != nil {
			return none, err
		}
		catMatch, err := o.hiddenCategoryMatch("AND on_me.category_id = %s", "")
		if err != nil {
			return none, err
		}
		mods, err := o.col0(fmt.Sprintf(`
            SELECT on_me.name
              FROM ir_module_module_dependency d
              JOIN ir_module_module on_me ON on_me.id = d.module_id
              JOIN ir_module_module_dependency e ON e.module_id = on_me.id
              JOIN ir_module_module its_deps ON its_deps.name = e.name
             WHERE d.name = ANY(%%s)
               AND on_me.state = 'uninstalled'
               AND on_me.auto_install = TRUE
               %s
               %s
          GROUP BY on_me.name
            HAVING
                   -- are all dependencies (to be) installed?
                   array_agg(its_deps.state)::text[] <@ %%s
        `, depMatch, catMatch), list(toInstall...), list(strs(installedStates)...))
		if err != nil {
			return none, err
		}
		for _, m := range mods {
			logger("modules").Debug(fmt.Sprintf("auto install module %s due to module %s being force installed", sqlexec.Repr(m), sqlexec.Repr(s(module))))
			if _, err := o.forceInstallModule(m.Text, nil); err != nil {
				return none, err
			}
		}
	}
	if st, ok := states[module]; ok {
		return st, nil
	}
	return none, nil
}

// autoInstallRequiredMatch is the SQL condition on
// auto_install_required when the column exists (13.0+), else otherwise.
func (o op) autoInstallRequiredMatch(cond, otherwise string) (string, error) {
	ok, err := o.columnExists("ir_module_module_dependency", "auto_install_required")
	if err != nil || !ok {
		return otherwise, err
	}
	return cond, nil
}

// hiddenCategoryMatch restricts auto installs to the Hidden category's
// link modules when UPG_NO_AUTOINSTALL is set (15.0+).
func (o op) hiddenCategoryMatch(cond, otherwise string) (string, error) {
	if !o.gte("15.0") {
		return otherwise, nil
	}
	on, err := envFlag("UPG_NO_AUTOINSTALL")
	if err != nil || !on {
		return otherwise, err
	}
	hidden, err := o.ref("base", "module_category_hidden")
	if err != nil {
		return "", err
	}
	return mogrify(cond, hidden)
}

// assertModulesExist is _assert_modules_exists; the missing names are
// listed sorted (upstream joins a set, in no fixed order).
func (o op) assertModulesExist(modules ...string) error {
	if len(modules) == 0 {
		return assertionError("")
	}
	found, err := o.col0("SELECT name FROM ir_module_module WHERE name IN %s", tuple(strs(modules)...))
	if err != nil {
		return err
	}
	have := map[string]bool{}
	for _, f := range found {
		have[f.Text] = true
	}
	var missing []string
	for _, m := range modules {
		if !have[m] && !contains(missing, m) {
			missing = append(missing, m)
		}
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		return assertionError("Unexisting modules: %s", strings.Join(missing, ", "))
	}
	return nil
}

func newModuleDep(o op, a []sqlexec.Value) (sqlexec.Value, error) {
	module, err := str("new_module_dep", "module", a[0])
	if err != nil {
		return none, err
	}
	if a[1].Kind != sqlexec.Str {
		return none, assertionError("")
	}
	return none, o.newModuleDep(module, a[1].Text)
}

// newModuleDep adds one dependency; an installed module has its
// dependencies (the new one included) forced to install.
func (o op) newModuleDep(module, dep string) error {
	if err := o.assertModulesExist(module, dep); err != nil {
		return err
	}
	if err := o.exec(`
            INSERT INTO ir_module_module_dependency(name, module_id)
                       SELECT %s, id
                         FROM ir_module_module m
                        WHERE name=%s
                          AND NOT EXISTS(SELECT 1
                                           FROM ir_module_module_dependency
                                          WHERE module_id = m.id
                                            AND name=%s)
    `, s(dep), s(module), s(dep)); err != nil {
		return err
	}
	row, err := o.one("SELECT state FROM ir_module_module WHERE name = %s", s(module))
	if err != nil {
		return err
	}
	if row != nil && row[0].Kind == sqlexec.Str && contains(installedStates, row[0].Text) {
		_, err = o.forceInstallModule(module, nil)
	}
	return err
}

func removeModuleDeps(o op, a []sqlexec.Value) (sqlexec.Value, error) {
	module, err := str("remove_module_deps", "module", a[0])
	if err != nil {
		return none, err
	}
	if a[1].Kind != sqlexec.Tuple && a[1].Kind != sqlexec.List {
		return none, assertionError("")
	}
	return none, o.removeModuleDeps(module, a[1].Items)
}

// removeModuleDeps deletes the dependencies named, existing or not.
func (o op) removeModuleDeps(module string, deps []sqlexec.Value) error {
	return o.exec(`
            DELETE
              FROM ir_module_module_dependency
             WHERE module_id = (SELECT id
                                  FROM ir_module_module
                                 WHERE name = %s)
               AND name IN %s
    `, s(module), tuple(deps...))
}

func moduleDepsDiff(o op, a []sqlexec.Value) (sqlexec.Value, error) {
	module, err := str("module_deps_diff", "module", a[0])
	if err != nil {
		return none, err
	}
	plus, err := items("module_deps_diff", "plus", a[1])
	if err != nil {
		return none, err
	}
	for _, dep := range plus {
		if dep.Kind != sqlexec.Str {
			return none, assertionError("")
		}
		if err := o.newModuleDep(module, dep.Text); err != nil {
			return none, err
		}
	}
	if !a[2].Truthy() {
		return none, nil
	}
	minus, err := items("module_deps_diff", "minus", a[2])
	if err != nil {
		return none, err
	}
	return none, o.removeModuleDeps(module, minus)
}

func newModule(o op, a []sqlexec.Value) (sqlexec.Value, error) {
	module, err := str("new_module", "module", a[0])
	if err != nil {
		return none, err
	}
	deps, err := strItems("new_module", "deps", a[1])
	if err != nil {
		return none, err
	}
	autoInstall, category := a[2], a[3]
	if len(deps) > 0 {
		if err := o.assertModulesExist(deps...); err != nil {
			return none, err
		}
	}
	row, err := o.one("SELECT id FROM ir_module_module WHERE name = %s", s(module))
	if err != nil {
		return none, err
	}
	if row != nil {
		// A module already known (a custom one that became standard, or
		// one added by several series): only its dependencies are reset.
		logger("modules").Warn(fmt.Sprintf("New module %s already defined. Resetting dependencies.", sqlexec.Repr(s(module))))
		if err := o.exec("DELETE FROM ir_module_module_dependency WHERE module_id = %s", row[0]); err != nil {
			return none, err
		}
	} else {
		row, err := o.one(`
            INSERT INTO ir_module_module (name, state, demo)
                 VALUES (%s, %s, (SELECT demo FROM ir_module_module WHERE name='base'))
              RETURNING id
            `, s(module), s("uninstalled"))
		if err != nil {
			return none, err
		}
		if err := o.exec(`
            INSERT INTO ir_model_data (name, module, noupdate, model, res_id)
                 VALUES ('module_'||%s, 'base', 't', 'ir.module.module', %s)
            `, s(module), cell(row, 0)); err != nil {
			return none, err
		}
	}
	for _, dep := range deps {
		if err := o.newModuleDep(module, dep); err != nil {
			return none, err
		}
	}
	if category.Kind != sqlexec.None {
		cat, err := str("new_module", "category", category)
		if err != nil {
			return none, err
		}
		id, err := o.createCategories(strings.Split(cat, "/"))
		if err != nil {
			return none, err
		}
		if err := o.exec("UPDATE ir_module_module SET category_id=%s WHERE name=%s", id, s(module)); err != nil {
			return none, err
		}
	}
	return none, o.moduleAutoInstall(module, autoInstall)
}

// createCategories is odoo.modules.db.create_categories: the category
// path's ir_module_category rows, found or created by their
// base.module_category_<path> xmlids; it returns the last one's id.
func (o op) createCategories(path []string) (sqlexec.Value, error) {
	parent := none
	typ, err := o.columnType("ir_module_category", "name", false)
	if err != nil {
		return none, err
	}
	for k := range path {
		xmlid := "module_category_" + strings.ReplaceAll(strings.ReplaceAll(
			strings.ToLower(strings.Join(path[:k+1], "_")), "&", "and"), " ", "_")
		row, err := o.one("SELECT res_id FROM ir_model_data WHERE name=%s AND module=%s AND model=%s",
			s(xmlid), s("base"), s("ir.module.category"))
		if err != nil {
			return none, err
		}
		if row != nil {
			parent = row[0]
			continue
		}
		name := s(path[k])
		if typ == "jsonb" {
			name = sqlexec.JSONValue(`{"en_US": ` + pyJSONString(path[k]) + `}`)
		}
		row, err = o.one("INSERT INTO ir_module_category (name, parent_id) VALUES (%s, %s) RETURNING id", name, parent)
		if err != nil {
			return none, err
		}
		if err := o.exec("INSERT INTO ir_model_data (module, name, res_id, model, noupdate) VALUES (%s, %s, %s, %s, %s)",
			s("base"), s(xmlid), cell(row, 0), s("ir.module.category"), vTrue); err != nil {
			return none, err
		}
		parent = cell(row, 0)
	}
	return parent, nil
}

// moduleAutoInstall is module_auto_install: True makes every dependency
// required for auto install, a list only those, a falsy value none;
// auto_install is set unless the value is False itself.
func (o op) moduleAutoInstall(module string, autoInstall sqlexec.Value) error {
	if ok, err := o.columnExists("ir_module_module_dependency", "auto_install_required"); err != nil {
		return err
	} else if ok {
		value := "FALSE"
		var params []sqlexec.Value
		switch {
		case autoInstall.Kind == sqlexec.Bool && autoInstall.Bool:
			value = "TRUE"
		case autoInstall.Truthy():
			deps, err := items("new_module", "auto_install", autoInstall)
			if err != nil {
				return err
			}
			value = "(name = ANY(%s))"
			params = append(params, list(deps...))
		}
		params = append(params, s(module))
		if err := o.exec(fmt.Sprintf(`
            UPDATE ir_module_module_dependency
               SET auto_install_required = %s
             WHERE module_id = (SELECT id
                                  FROM ir_module_module
                                 WHERE name = %%s)
        `, value), params...); err != nil {
			return err
		}
	}
	isFalse := autoInstall.Kind == sqlexec.Bool && !autoInstall.Bool
	if err := o.exec("UPDATE ir_module_module SET auto_install = %s WHERE name = %s", sqlexec.BoolValue(!isFalse), s(module)); err != nil {
		return err
	}
	_, err := o.triggerAutoInstall(module)
	return err
}

// triggerAutoInstall force-installs an uninstalled auto_install module
// whose required dependencies are all (to be) installed.
func (o op) triggerAutoInstall(module string) (bool, error) {
	if err := o.assertModulesExist(module); err != nil {
		return false, err
	}
	depMatch, err := o.autoInstallRequiredMatch("d.auto_install_required = true", "true")
	if err != nil {
		return false, err
	}
	catMatch, err := o.hiddenCategoryMatch("m.category_id = %s", "true")
	if err != nil {
		return false, err
	}
	if err := o.exec(fmt.Sprintf(`
            SELECT m.id
              FROM ir_module_module_dependency d
              JOIN ir_module_module m ON m.id = d.module_id
              JOIN ir_module_module md ON md.name = d.name
             WHERE m.name = %%s
               AND m.state = 'uninstalled'
               AND m.auto_install = true
               AND %s
               AND %s
          GROUP BY m.id
            HAVING bool_and(md.state IN %%s)
    `, depMatch, catMatch), s(module), installedTuple()); err != nil {
		return false, err
	}
	if o.rowcount() <= 0 {
		return false, nil
	}
	_, err = o.forceInstallModule(module, nil)
	return err == nil, err
}
