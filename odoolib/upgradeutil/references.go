package upgradeutil

import (
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/migrate-runner/migrate-runner/odoolib"
	"github.com/migrate-runner/migrate-runner/sqlexec"
)

// What upgrade-util knows about records pointing at other records: the
// _inherits delegations (inherit.py), the res_model/res_id pairs
// (indirect_references.py), and replace_record_references_batch
// (records.py), which rename_xmlid(on_collision="merge") and merge_module
// use.

// inherit is one model inheriting from a parent; via is the delegation
// column (_inherits) or "" for a plain _inherit.
type inherit struct{ model, via string }

// inherits is the inheritance data upgrade-util reads. From the 18.0
// target (saas~17.1) upstream reads ir_model_inherit; before, it uses a
// generated table of every standard model's history, which migrate-runner
// does not carry: there it reads ir_model_inherit when the table exists
// (Odoo 17.0 has it) and knows no inheritance otherwise.
func (o op) inherits() (map[string][]inherit, error) {
	if o.st.inherits != nil {
		return o.st.inherits, nil
	}
	data := map[string][]inherit{}
	read := o.major() >= 18
	if !read {
		ok, err := o.tableExists("ir_model_inherit")
		if err != nil {
			return nil, err
		}
		read = ok
	}
	if read {
		rows, err := o.rows(`
            SELECT p.model,
                   array_agg(m.model ORDER BY i.id),
                   array_agg(f.name ORDER BY i.id)
              FROM ir_model_inherit i
              JOIN ir_model m
                ON m.id = i.model_id
              JOIN ir_model p
                ON p.id = i.parent_id
         LEFT JOIN ir_model_fields f
                ON f.id = i.parent_field_id
          GROUP BY p.model
            `)
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			for k, m := range r[1].Items {
				via := r[2].Items[k]
				data[r[0].Text] = append(data[r[0].Text], inherit{model: m.Text, via: via.Text})
			}
		}
	}
	if o.major() < 19 {
		// ir.cron's delegation to ir.actions.server reached ir_model_inherit
		// only in 17.4; upstream adds it.
		found := false
		for _, inh := range data["ir.actions.server"] {
			found = found || inh.model == "ir.cron"
		}
		if !found {
			data["ir.actions.server"] = append(data["ir.actions.server"], inherit{model: "ir.cron", via: "ir_actions_server_id"})
		}
	}
	o.st.inherits = data
	return data, nil
}

// directInheritParents is direct_inherit_parents: (parent, inherit) for
// each parent model that model inherits from, once per parent.
func (o op) directInheritParents(model string) ([][2]string, error) {
	data, err := o.inherits()
	if err != nil {
		return nil, err
	}
	parents := make([]string, 0, len(data))
	for p := range data {
		parents = append(parents, p)
	}
	sort.Strings(parents)
	var out [][2]string
	for _, p := range parents {
		for _, inh := range data[p] {
			if inh.model == model {
				out = append(out, [2]string{p, inh.via})
				break
			}
		}
	}
	return out, nil
}

// indirectRef is one IndirectReference: table.res_id holds ids of the
// model named in res_model, or of the ir_model row in res_model_id; or,
// for a company-dependent many2one (18+), a jsonb of ids of comodel.
type indirectRef struct {
	table, resModel, resID, resModelID, comodel string
}

// boundRefs are upstream's indirect references that carry a res_id
// column; the unbound ones (a model name only) concern model refactors.
var boundRefs = []indirectRef{
	{table: "ir_attachment", resModel: "res_model", resID: "res_id"},
	{table: "ir_act_window", resModel: "res_model", resID: "res_id"},
	{table: "ir_embedded_actions", resModel: "parent_res_model", resID: "parent_res_id"},
	{table: "ir_model_data", resModel: "model", resID: "res_id"},
	{table: "ir_filters", resModel: "model_id", resID: "embedded_parent_res_id"},
	{table: "ir_values", resModel: "model", resID: "res_id"},
	{table: "calendar_event", resModel: "res_model", resID: "res_id"},
	{table: "data_cleaning_record", resModel: "res_model_name", resID: "res_id"},
	{table: "data_merge_record", resModel: "res_model_name", resID: "res_id"},
	{table: "documents_document", resModel: "res_model", resID: "res_id"},
	{table: "iap_extracted_words", resModel: "res_model", resID: "res_id"},
	{table: "mail_activity", resModel: "res_model", resID: "res_id", resModelID: "res_model_id"},
	{table: "mail_alias", resID: "alias_force_thread_id", resModelID: "alias_model_id"},
	{table: "mail_alias", resID: "alias_parent_thread_id", resModelID: "alias_parent_model_id"},
	{table: "mail_followers", resModel: "res_model", resID: "res_id"},
	{table: "mail_message", resModel: "model", resID: "res_id"},
	{table: "mail_compose_message", resModel: "model", resID: "res_id"},
	{table: "mail_wizard_invite", resModel: "res_model", resID: "res_id"},
	{table: "mail_mail_statistics", resModel: "model", resID: "res_id"},
	{table: "mailing_trace", resModel: "model", resID: "res_id"},
	{table: "marketing_participant", resModel: "model_name", resID: "res_id", resModelID: "model_id"},
	{table: "payment_transaction", resID: "callback_res_id", resModelID: "callback_model_id"},
	{table: "rating_rating", resModel: "res_model", resID: "res_id", resModelID: "res_model_id"},
	{table: "rating_rating", resModel: "parent_res_model", resID: "parent_res_id", resModelID: "parent_res_model_id"},
	{table: "snailmail_letter", resModel: "model", resID: "res_id"},
	{table: "spreadsheet_revision", resModel: "res_model", resID: "res_id"},
	{table: "studio_approval_entry", resModel: "model", resID: "res_id"},
	{table: "timer_timer", resModel: "res_model", resID: "res_id"},
	{table: "timer_timer", resModel: "parent_res_model", resID: "parent_res_id"},
}

// boundIndirectRefs is indirect_references(cr, bound_only=True): the
// entries whose columns exist (column_exists, with its _COLUMNS
// shortcut), then the company-dependent many2one fields.
func (o op) boundIndirectRefs() ([]indirectRef, error) {
	var out []indirectRef
	for _, ir := range boundRefs {
		ok, err := o.columnExists(ir.table, ir.resID)
		if err != nil {
			return nil, err
		}
		if !ok {
			continue
		}
		if ir.resModel != "" {
			if ok, err = o.columnExists(ir.table, ir.resModel); err != nil {
				return nil, err
			} else if !ok {
				ir.resModel = ""
			}
		}
		if ir.resModelID != "" {
			if ok, err = o.columnExists(ir.table, ir.resModelID); err != nil {
				return nil, err
			} else if !ok {
				ir.resModelID = ""
			}
		}
		if ir.resModel == "" && ir.resModelID == "" {
			continue
		}
		out = append(out, ir)
	}
	ok, err := o.columnExists("ir_model_fields", "company_dependent")
	if err != nil || !ok {
		return out, err
	}
	rows, err := o.rows(`
            SELECT model, name, relation
              FROM ir_model_fields
             WHERE company_dependent IS TRUE
               AND ttype = 'many2one'
            `)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		t, err := o.tableOfModel(r[0].Text)
		if err != nil {
			return nil, err
		}
		out = append(out, indirectRef{table: t, resID: r[1].Text, comodel: r[2].Text})
	}
	return out, nil
}

// modelFilter is IndirectReference.model_filter(prefix, placeholder).
func (ir indirectRef) modelFilter(prefix, placeholder string) string {
	if prefix != "" && !strings.HasSuffix(prefix, ".") {
		prefix += "."
	}
	column := ir.resModel
	if ir.resModelID != "" {
		placeholder = "(SELECT id FROM ir_model WHERE model=" + placeholder + ")"
		column = ir.resModelID
	}
	if column == "" {
		return "(false AND " + placeholder + " IS NULL)"
	}
	return fmt.Sprintf(`%s"%s"=%s`, prefix, column, placeholder)
}

// validModels are the underscored names _validate_model accepts.
func (o op) validModel(model string) bool {
	switch model {
	case "_unknown", "website_pricelist", "ir_actions_account_report_download", "o2m_readonly_subfield_parent",
		"o2m_readonly_subfield_child", "o2m_changes_parent", "o2m_changes_children":
		return true
	case "l10n_pl_tax_office":
		return o.between("16.0", "17.0")
	}
	for _, m := range strings.Split(os.Getenv("UPG_VALID_MODELS"), ";") {
		if strings.TrimSpace(m) == model && model != "" {
			return true
		}
	}
	return false
}

// validateModel is _validate_model: an underscored name without a dot is
// a table name.
func (o op) validateModel(model string) error {
	if strings.Contains(model, "_") && !strings.Contains(model, ".") && !strings.HasPrefix(model, "x_") && !o.validModel(model) {
		return sleepyError("`%s` seems to be a table name instead of model name", model)
	}
	return nil
}

// replaceRefs is replace_record_references_batch(cr, mapping, src, dst,
// replace_xmlid, parent_field=...): every foreign key (same model only),
// indirect reference and reference field pointing at an old id then
// points at the new one.
func (o op) replaceRefs(mapping [][2]int64, modelSrc, modelDst string, replaceXmlid bool, parentField string) error {
	if err := o.validateModel(modelSrc); err != nil {
		return err
	}
	if modelDst == "" {
		modelDst = modelSrc
	} else if err := o.validateModel(modelDst); err != nil {
		return err
	}
	if modelSrc == modelDst {
		kept := mapping[:0:0]
		for _, m := range mapping {
			if m[0] != m[1] {
				kept = append(kept, m)
			}
		}
		if len(kept) != len(mapping) {
			logger("records").Warn("Replace references in model `" + modelSrc + "`, ignoring same-id mapping")
		}
		mapping = kept
	}
	if len(mapping) == 0 {
		return assertionError("")
	}
	idUpdate := false
	for _, m := range mapping {
		idUpdate = idUpdate || m[0] != m[1]
	}
	ignores := map[string]bool{}
	if !replaceXmlid {
		ignores["ir_model_data"] = true
	}
	if err := o.exec("CREATE UNLOGGED TABLE _upgrade_rrr(old int PRIMARY KEY, new int)"); err != nil {
		return err
	}
	var values []string
	for _, m := range mapping {
		values = append(values, fmt.Sprintf("(%d, %d)", m[0], m[1]))
	}
	if err := o.exec("INSERT INTO _upgrade_rrr (old, new) VALUES " + strings.Join(values, ",")); err != nil {
		return err
	}
	srcTable, err := o.tableOfModel(modelSrc)
	if err != nil {
		return err
	}
	if modelSrc == modelDst {
		if err := o.replaceFKRefs(srcTable, ignores); err != nil {
			return err
		}
	}
	row, err := o.one("SELECT id FROM ir_model WHERE model=%s", s(modelDst))
	if err != nil {
		return err
	}
	if row == nil {
		return typeError("'NoneType' object is not subscriptable")
	}
	modelDestID := row[0]
	refs, err := o.boundIndirectRefs()
	if err != nil {
		return err
	}
	for _, ir := range refs {
		if ignores[ir.table] {
			continue
		}
		if err := o.replaceIndirect(ir, modelSrc, modelDst, modelDestID, idUpdate); err != nil {
			return err
		}
	}
	fields, err := o.rows("SELECT model, name FROM ir_model_fields WHERE ttype='reference'")
	if err != nil {
		return err
	}
	for _, f := range fields {
		table, err := o.tableOfModel(f[0].Text)
		if err != nil {
			return err
		}
		if ignores[table] {
			continue
		}
		if ok, err := o.columnUpdatable(table, f[1].Text); err != nil {
			return err
		} else if !ok {
			continue
		}
		if err := o.exec(fmt.Sprintf(`
                    WITH _ref AS (
                        SELECT concat(%%s, ',', old) as old, concat(%%s, ',', new) as new
                          FROM _upgrade_rrr
                    )
                    UPDATE "%[1]s" t
                       SET "%[2]s" = r.new
                      FROM _ref r
                     WHERE t."%[2]s" = r.old
            `, table, f[1].Text), s(modelSrc), s(modelDst)); err != nil {
			return err
		}
	}
	if err := o.exec("DROP TABLE _upgrade_rrr"); err != nil {
		return err
	}
	if parentField == "" || modelSrc != modelDst {
		return nil
	}
	if ok, err := o.columnExists(srcTable, "parent_path"); err != nil {
		return err
	} else if ok {
		target, err := o.targetOf(srcTable, parentField)
		if err != nil {
			return err
		}
		switch {
		case target != nil && target[0].Text != srcTable:
			logger("records").Warn(fmt.Sprintf("`%s` has a `parent_path` but `%s` is not a self-referencing FK", srcTable, parentField))
		case target != nil:
			return o.updateParentPath(modelSrc, parentField)
		case parentField != "parent_id":
			logger("records").Error(fmt.Sprintf("`%s` in `%s` is not a self-referencing FK", parentField, srcTable))
		}
		return nil
	}
	if ok, err := o.columnExists(srcTable, "parent_left"); err != nil {
		return err
	} else if ok {
		logger("records").Warn("Possibly missing update of parent_left/right in `" + srcTable + "`")
	}
	return nil
}

// replaceFKRefs moves the foreign keys to srcTable.id from old to new ids,
// keeping unique indexes satisfied (rows that would clash are deleted
// with the rows still pointing at an old id).
func (o op) replaceFKRefs(srcTable string, ignores map[string]bool) error {
	fks, err := o.getFK(srcTable, false)
	if err != nil {
		return err
	}
	var fkDef []sqlexec.Value
	for _, fk := range fks {
		table, col := fk[0].Text, fk[1].Text
		if ignores[table] {
			continue
		}
		query := fmt.Sprintf(`
                UPDATE %[1]s t
                   SET %[2]s = r.new
                  FROM _upgrade_rrr r
                 WHERE r.old = t.%[2]s
            `, q(table), q(col))
		uniques, err := o.uniqueIndexesWith(table, col)
		if err != nil {
			return err
		}
		for _, u := range uniques {
			var conds []string
			for _, c := range u[1].Items {
				if c.Text != col {
					conds = append(conds, fmt.Sprintf("u.%[1]s = t.%[1]s", q(c.Text)))
				}
			}
			where := "true"
			if len(conds) > 0 {
				where = strings.Join(conds, " AND ")
			}
			query += fmt.Sprintf(" AND NOT EXISTS(SELECT 1 FROM %s u WHERE u.%s = r.new AND %s)", q(table), q(col), where)
		}
		hasID, err := o.columnExists(table, "id")
		if err != nil {
			return err
		}
		if !hasID {
			// A many2many table: merge duplicates, then skip rows whose
			// new pair exists.
			others, _, err := o.getColumns(table, []string{col})
			if err != nil {
				return err
			}
			if len(others) != 1 {
				return valueError("too many values to unpack (expected 1)")
			}
			col2 := others[0]
			if err := o.exec(fmt.Sprintf(`
                        WITH rr2 AS (
                            SELECT array_agg(t.%[2]s ORDER BY t.%[2]s) AS olds,
                                   r.new AS new,
                                   t.%[3]s AS col2
                              FROM %[1]s t
                              JOIN _upgrade_rrr r
                                ON r.old = t.%[2]s
                             GROUP BY r.new, t.%[3]s
                        )
                        DELETE
                          FROM %[1]s t
                         USING rr2 r
                         WHERE t.%[3]s = r.col2
                           AND t.%[2]s = ANY(r.olds[2:])
                        `, q(table), q(col), q(col2))); err != nil {
				return err
			}
			query += fmt.Sprintf(" AND NOT EXISTS(SELECT 1 FROM %[1]s e WHERE e.%[3]s = t.%[3]s AND e.%[2]s = r.new)", q(table), q(col), q(col2))
			target, err := o.targetOf(table, col2)
			if err != nil {
				return err
			}
			if target != nil && target[0].Text == srcTable && target[1].Text == "id" {
				// A many2many on the model itself: drop the self links.
				query += fmt.Sprintf(`;
                        DELETE
                          FROM %[1]s t
                         USING _upgrade_rrr r
                         WHERE t.%[2]s = r.new
                           AND t.%[2]s = t.%[3]s;
                    `, q(table), q(col), q(col2))
			}
			if err := o.exec(query); err != nil {
				return err
			}
		} else {
			if err := o.explodeExecute(query, table, "t"); err != nil {
				return err
			}
			model, err := o.modelOfTable(table)
			if err != nil {
				return err
			}
			fkDef = append(fkDef, tuple(s(model), s(col)))
		}
		if err := o.exec(fmt.Sprintf(`
                DELETE
                  FROM %[1]s t
                 USING _upgrade_rrr r
                 WHERE t.%[2]s = r.old
            `, q(table), q(col))); err != nil {
			return err
		}
	}
	if len(fkDef) == 0 {
		return nil
	}
	if ok, err := o.tableExists("ir_values"); err != nil {
		return err
	} else if ok {
		return odoolib.PyErr("NotImplementedError", "replacing default values kept in ir_values (Odoo 10 and older) is not implemented by migrate-runner")
	}
	return o.exec(`
                    UPDATE ir_default d
                       SET json_value = r.new::varchar
                      FROM _upgrade_rrr r, ir_model_fields f
                     WHERE f.id = d.field_id
                       AND d.json_value = r.old::varchar
                       AND (f.model, f.name) IN %s
                `, tuple(fkDef...))
}

// replaceIndirect moves one indirect reference (res_model/res_id pairs,
// or a company-dependent jsonb) from the old ids to the new ones.
func (o op) replaceIndirect(ir indirectRef, modelSrc, modelDst string, modelDestID sqlexec.Value, idUpdate bool) error {
	if ir.comodel != "" {
		if ir.comodel != modelSrc {
			return nil
		}
		return o.replaceCompanyDependent(ir, modelSrc, modelDst)
	}
	var upd []string
	if ir.resModel != "" {
		upd = append(upd, q(ir.resModel)+" = %(model_dst)s")
	}
	if ir.resModelID != "" {
		upd = append(upd, q(ir.resModelID)+" = %(model_dest_id)s")
	}
	whr := ir.modelFilter("t.", "%(model_src)s")
	jmapExpr, jmapUpd := "true", ""
	if idUpdate {
		jmapExpr = q(ir.resID) + " = _upgrade_rrr.new"
		jmapUpd = ", " + jmapExpr
	}
	build := func(extraJoin string) string {
		return fmt.Sprintf(`
            UPDATE %s t
               SET %s
                   %s
              FROM _upgrade_rrr
              %s
             WHERE %s
               AND _upgrade_rrr.old = t.%s
            `, q(ir.table), strings.Join(upd, ", "), jmapUpd, extraJoin, whr, q(ir.resID))
	}
	var uniques [][]sqlexec.Value
	for _, c := range []string{ir.resModel, ir.resModelID} {
		if c == "" {
			continue
		}
		u, err := o.uniqueIndexesWith(ir.table, ir.resID, c)
		if err != nil {
			return err
		}
		uniques = append(uniques, u...)
	}
	named := map[string]sqlexec.Value{"model_src": s(modelSrc), "model_dst": s(modelDst), "model_dest_id": modelDestID}
	if len(uniques) == 0 {
		query, err := mogrifyNamed(build(""), named)
		if err != nil {
			return err
		}
		return o.explodeExecute(query, ir.table, "t")
	}
	query := build(fmt.Sprintf(`
         LEFT JOIN _upgrade_rrr AS _upgrade_rrr2
                ON _upgrade_rrr.new = _upgrade_rrr2.new
               AND _upgrade_rrr.old < _upgrade_rrr2.old
         LEFT JOIN %s t2
                ON _upgrade_rrr2.old = t2.%s
                    `, q(ir.table), q(ir.resID)))
	resModelWhr := strings.Join(upd, " AND ")
	var conds []string
	for _, u := range uniques {
		var w1, w2 []string
		for _, c := range u[1].Items {
			if c.Text == ir.resID || c.Text == ir.resModel || c.Text == ir.resModelID {
				continue
			}
			w1 = append(w1, fmt.Sprintf("%[1]s=t.%[1]s", q(c.Text)))
			w2 = append(w2, fmt.Sprintf("t2.%[1]s=t.%[1]s", q(c.Text)))
		}
		where1, where2 := "True", "True"
		if len(w1) > 0 {
			where1, where2 = strings.Join(w1, " AND "), strings.Join(w2, " AND ")
		}
		conds = append(conds, fmt.Sprintf(`
                         -- there is no target already present within the same constraint
                        NOT EXISTS(SELECT 1 FROM %s WHERE %s AND %s AND %s)
                         -- there is no other entry with the same target within the same constraint
                        AND NOT (t2 IS NOT NULL AND %s)
                        `, q(ir.table), resModelWhr, jmapExpr, where1, where2))
	}
	query = fmt.Sprintf(`%s   AND %s;

            DELETE FROM %s t USING _upgrade_rrr WHERE %s AND t.%s = _upgrade_rrr.old;
                `, query, strings.Join(conds, "\nAND "), q(ir.table), whr, q(ir.resID))
	return o.execNamed(query, named)
}

// replaceCompanyDependent rewrites the ids inside a company-dependent
// many2one's jsonb values, then checks every id exists in the target.
func (o op) replaceCompanyDependent(ir indirectRef, modelSrc, modelDst string) error {
	if modelSrc != modelDst {
		model, err := o.modelOfTable(ir.table)
		if err != nil {
			return err
		}
		if err := o.exec("UPDATE ir_model_fields SET relation = %s WHERE model = %s AND name = %s", s(modelDst), s(model), s(ir.resID)); err != nil {
			return err
		}
	}
	query := fmt.Sprintf(`
                     WITH _upg_cd AS (
                         SELECT t.id,
                                jsonb_object_agg(j.key, COALESCE(r.new, j.value::int)) as value
                           FROM %[1]s t
                           JOIN jsonb_each_text(t.%[2]s) j
                             ON true
                      LEFT JOIN _upgrade_rrr r
                             ON r.old = j.value::integer
                          WHERE {parallel_filter}
                       GROUP BY t.id
                         HAVING bool_or(r.new IS NOT NULL)
                     )
                     UPDATE %[1]s t
                        SET %[2]s = u.value
                       FROM _upg_cd u
                      WHERE u.id = t.id
                    `, q(ir.table), q(ir.resID))
	if err := o.explodeExecute(query, ir.table, "t"); err != nil {
		return err
	}
	dest, err := o.tableOfModel(modelDst)
	if err != nil {
		return err
	}
	invalid, err := o.rows(fmt.Sprintf(`
                        Select t.id AS id,
                               j.key AS c_id,
                               j.value AS ref
                          FROM %[1]s t
                          JOIN JSONB_EACH_TEXT(t.%[2]s) j
                            ON True
                         WHERE j.value IS NOT NULL
                           AND NOT EXISTS (
                                    SELECT 1 FROM %[3]s WHERE id = j.value::int
                               )
                        `, q(ir.table), q(ir.resID), q(dest)))
	if err != nil {
		return err
	}
	if len(invalid) > 0 {
		model, _ := o.modelOfTable(ir.table)
		return odoolib.PyErr("Exception", "Invalid company dependent values for %s.%s referencing model %s: %d rows", model, ir.resID, modelDst, len(invalid))
	}
	return nil
}

// updateParentPath is update_parent_path: parent_path recomputed from
// parent_field. Upstream first breaks recursive loops (renaming records
// and logging them); migrate-runner refuses a table that has one.
func (o op) updateParentPath(model, parentField string) error {
	if !o.gte("saas~11.3") {
		logger("records").Error("parent_left and parent_right must be computed via the ORM")
		return nil
	}
	table, err := o.tableOfModel(model)
	if err != nil {
		return err
	}
	loop, err := o.one(fmt.Sprintf(`
        WITH RECURSIVE walk(id, parent, path, looped) AS (
            SELECT t.id, t.%[2]s, ARRAY[t.id], false
              FROM %[1]s t
             WHERE t.%[2]s IS NOT NULL
             UNION ALL
            SELECT w.id, p.%[2]s, w.path || p.id, p.id = ANY(w.path)
              FROM walk w
              JOIN %[1]s p ON p.id = w.parent
             WHERE NOT w.looped
        )
        SELECT id FROM walk WHERE looped ORDER BY id LIMIT 1
        `, q(table), q(parentField)))
	if err != nil {
		return err
	}
	if loop != nil {
		return odoolib.PyErr("NotImplementedError", "%s has a recursive loop through %s (record %s): upgrade-util breaks such loops before computing parent_path, which migrate-runner does not implement", table, parentField, sqlexec.Repr(loop[0]))
	}
	return o.exec(fmt.Sprintf(`
        WITH RECURSIVE __parent_store_compute(id, parent_path) AS (
             SELECT row.id,
                    concat(row.id, '/')
               FROM %[1]s row
              WHERE row.%[2]s IS NULL

            UNION

             SELECT row.id,
                    concat(comp.parent_path, row.id, '/')
               FROM %[1]s row
               JOIN __parent_store_compute comp
                 ON row.%[2]s = comp.id
        )
        UPDATE %[1]s row
           SET parent_path = comp.parent_path
          FROM __parent_store_compute comp
         WHERE row.id = comp.id
        `, q(table), q(parentField)))
}

// replaceInJSONB is replace_in_all_jsonb_values(cr, table, column, old,
// new, extra_filter) for a PGRegexp old: every translation of the
// column matching the regexp gets regexp_replace(value, old, new, 'g').
func (o op) replaceInJSONB(table, column, reOld, newValue, extraFilter string) error {
	// The regexp, as a JSON string inside an SQL literal (jsonpath).
	match := strings.ReplaceAll(pyJSONString(reOld), "'", "''")
	if extraFilter == "" {
		extraFilter = "true"
	}
	query, err := mogrify(fmt.Sprintf(`
        WITH upd AS (
             SELECT t.id,
                    jsonb_object_agg(v.key, regexp_replace(v.value, %%s, %%s, 'g')) AS value
               FROM "%[1]s" t
               JOIN LATERAL jsonb_each_text(t."%[2]s") v
                 ON true
              WHERE jsonb_path_match(t."%[2]s", 'exists($.* ? (@ like_regex %[3]s))')
                AND %[4]s
              GROUP BY t.id
        )
        UPDATE "%[1]s" t
           SET "%[2]s" = upd.value
          FROM upd
         WHERE upd.id = t.id
        `, table, column, match, extraFilter), s(reOld), s(newValue))
	if err != nil {
		return err
	}
	if strings.Contains(query, "{parallel_filter}") {
		return o.explodeExecute(query, table, "t")
	}
	return o.exec(query)
}

// idsOf reads a list of record ids (res_id values, ints).
func idsOf(vs []sqlexec.Value) []int64 {
	out := make([]int64, 0, len(vs))
	for _, v := range vs {
		if n, ok := intOf(v); ok {
			out = append(out, n)
		}
	}
	return out
}

func intValues(ids []int64) []sqlexec.Value {
	out := make([]sqlexec.Value, len(ids))
	for i, id := range ids {
		out[i] = i64(id)
	}
	return out
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
