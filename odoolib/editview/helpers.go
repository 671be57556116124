package editview

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/migrate-runner/migrate-runner/odoolib"
	"github.com/migrate-runner/migrate-runner/sqlexec"
)

// The helpers the hosts' edit_view calls; not part of upgrade-util's
// API, hence their own module.
const views = "migrate_runner.views."

func init() {
	odoolib.Register(views+"read_arch", odoolib.Helper{
		Params: []string{"xmlid", "view_id", "skip_if_not_noupdate", "active"}, Required: 4, Fn: readArch})
	odoolib.Register(views+"write_arch", odoolib.Helper{
		Params: []string{"view_id", "arch", "active"}, Required: 3, Fn: writeArch})
}

// readArch decides, as edit_view does before it yields, which view to
// edit and whether to yield at all. It returns None (no yield) or
// (view_id, English arch, active to set: True, False or None).
func readArch(ctx context.Context, env odoolib.Env, a []sqlexec.Value) (sqlexec.Value, error) {
	xmlid, viewID, skip, active := a[0], a[1], a[2], a[3]
	if xmlid.Truthy() == viewID.Truthy() {
		return sqlexec.NoneValue(), odoolib.PyErr("AssertionError", "You Must specify either xmlid or view_id")
	}
	switch {
	case active.Kind == sqlexec.Bool, active.Kind == sqlexec.None:
	case active.Kind == sqlexec.Str && active.Text == "auto":
		active = sqlexec.NoneValue()
		if xmlid.Truthy() {
			active = sqlexec.BoolValue(true)
		}
	default:
		return sqlexec.NoneValue(), odoolib.PyErr("ValueError", "Invalid `active` value: %s", sqlexec.Repr(active))
	}
	noupdate := true
	if xmlid.Truthy() {
		s, err := odoolib.Str("edit_view", "xmlid", xmlid)
		if err != nil {
			return sqlexec.NoneValue(), err
		}
		module, name, ok := strings.Cut(s, ".")
		if !ok {
			return sqlexec.NoneValue(), odoolib.PyErr("ValueError", "Please use fully qualified name <module>.<name>")
		}
		if err := odoolib.Exec(ctx, env, "SELECT res_id, noupdate FROM ir_model_data WHERE module = %s AND name = %s",
			sqlexec.StrValue(module), sqlexec.StrValue(name)); err != nil {
			return sqlexec.NoneValue(), err
		}
		row, err := env.Cursor.FetchOne()
		if err != nil {
			return sqlexec.NoneValue(), err
		}
		if row != nil {
			viewID, noupdate = row[0], row[1].Truthy()
		}
	}
	if !viewID.Truthy() || (skip.Truthy() && !noupdate) {
		return sqlexec.NoneValue(), nil
	}
	col, jsonb, err := archColumn(ctx, env)
	if err != nil {
		return sqlexec.NoneValue(), err
	}
	if err := odoolib.Exec(ctx, env, "SELECT "+col+" FROM ir_ui_view WHERE id=%s", viewID); err != nil {
		return sqlexec.NoneValue(), err
	}
	row, err := env.Cursor.FetchOne()
	if err != nil || row == nil || !row[0].Truthy() {
		return sqlexec.NoneValue(), err
	}
	arch := row[0]
	if jsonb {
		if arch.Kind != sqlexec.Dict {
			return sqlexec.NoneValue(), odoolib.PyErr("ValueError", "ir_ui_view %s: %s is not a JSON object", sqlexec.Repr(viewID), col)
		}
		en, ok := dictGet(arch, "en_US")
		if !ok {
			return sqlexec.NoneValue(), odoolib.PyErr("KeyError", "'en_US'")
		}
		arch = en
	}
	return sqlexec.TupleValue(viewID, arch, active), nil
}

// writeArch writes the edited arch back, carrying each translation over
// (jsonb arch column), and sets active unless it is None.
func writeArch(ctx context.Context, env odoolib.Env, a []sqlexec.Value) (sqlexec.Value, error) {
	viewID, active := a[0], a[2]
	arch, err := odoolib.Str("edit_view", "arch", a[1])
	if err != nil {
		return sqlexec.NoneValue(), err
	}
	col, jsonb, err := archColumn(ctx, env)
	if err != nil {
		return sqlexec.NoneValue(), err
	}
	value := sqlexec.StrValue(arch)
	if jsonb {
		if err := odoolib.Exec(ctx, env, "SELECT "+col+" FROM ir_ui_view WHERE id=%s", viewID); err != nil {
			return sqlexec.NoneValue(), err
		}
		row, err := env.Cursor.FetchOne()
		if err != nil {
			return sqlexec.NoneValue(), err
		}
		if row == nil || row[0].Kind != sqlexec.Dict {
			return sqlexec.NoneValue(), odoolib.PyErr("ValueError", "ir_ui_view %s: no arch to write back to", sqlexec.Repr(viewID))
		}
		old := row[0]
		en, _ := dictGet(old, "en_US")
		out := map[string]string{}
		for i, lang := range old.Keys {
			if lang == "en_US" {
				out[lang] = arch
				continue
			}
			t, err := Translate(en.Text, old.Items[i].Text, arch)
			if err != nil {
				return sqlexec.NoneValue(), fmt.Errorf("edit_view: translation %s of view %s: %w", lang, sqlexec.Repr(viewID), err)
			}
			out[lang] = t
		}
		b, err := json.Marshal(out)
		if err != nil {
			return sqlexec.NoneValue(), err
		}
		value = sqlexec.StrValue(string(b))
	}
	setActive := ""
	if active.Kind != sqlexec.None {
		setActive = ", active=False"
		if active.Truthy() {
			setActive = ", active=True"
		}
	}
	return sqlexec.NoneValue(), odoolib.Exec(ctx, env, "UPDATE ir_ui_view SET "+col+"=%s"+setActive+" WHERE id=%s", value, viewID)
}

// archColumn is ir_ui_view's arch column (arch_db, or arch before 9.0)
// and whether it is jsonb (16.0+ keeps translations in it).
func archColumn(ctx context.Context, env odoolib.Env) (string, bool, error) {
	if err := odoolib.Exec(ctx, env, `SELECT a.attname, format_type(a.atttypid, NULL)
  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
 WHERE c.relname = 'ir_ui_view' AND a.attname IN ('arch_db', 'arch') AND a.attnum > 0 AND NOT a.attisdropped
 ORDER BY a.attname DESC`); err != nil {
		return "", false, err
	}
	rows, err := env.Cursor.FetchAll()
	if err != nil {
		return "", false, err
	}
	if len(rows) == 0 {
		return "", false, odoolib.PyErr("ValueError", "ir_ui_view has no arch_db or arch column")
	}
	return rows[0][0].Text, rows[0][1].Text == "jsonb", nil
}

func dictGet(d sqlexec.Value, key string) (sqlexec.Value, bool) {
	for i, k := range d.Keys {
		if k == key {
			return d.Items[i], true
		}
	}
	return sqlexec.Value{}, false
}
