package refactor

import (
	"fmt"
	"hash/crc32"
	"strings"

	"github.com/migrate-runner/migrate-runner/odoolib"
	"github.com/migrate-runner/migrate-runner/sqlexec"
)

// Naming rules upgrade-util applies: model ↔ table, field xmlids, index
// names, and its guard against a table name passed as a model name.

// validateModel is upstream's _validate_model. It raises
// SleepyDeveloperError, a ValueError subclass both hosts define.
func validateModel(model string) error {
	switch model {
	case "_unknown", "website_pricelist", "ir_actions_account_report_download":
		return nil
	}
	if strings.Contains(model, "_") && !strings.Contains(model, ".") && !strings.HasPrefix(model, "x_") {
		return odoolib.PyErr("SleepyDeveloperError", "`%s` seems to be a table name instead of model name", model)
	}
	return nil
}

// fieldXMLID is the name of a field's ir.model.fields xmlid: field_<model>__<name>
// since saas~11.2, field_<model>_<name> before.
func (r runner) fieldXMLID(model, field string) string {
	sep := "__"
	if !r.atLeast(12) {
		sep = "_"
	}
	return "field_" + strings.ReplaceAll(model, ".", "_") + sep + field
}

// indexName is odoo.tools.sql.make_index_name (16.0+: "<table>__<column>_index",
// shortened to 63 bytes with a crc32 suffix), and "<table>_<column>_index" before.
func (r runner) indexName(table, column string) string {
	if !r.atLeast(16) {
		return table + "_" + column + "_index"
	}
	name := table + "__" + column + "_index"
	if len(name) > 63 {
		prefix := strings.ToValidUTF8(name[:54], "") // a cut rune is dropped, as decode(errors="ignore")
		return fmt.Sprintf("%s_%08x", prefix, crc32.ChecksumIEEE([]byte(name)))
	}
	return name
}

// skipSet is a skip_inherit / ignore_m2m argument: "*" for all, else
// anything Python's `in` accepts (a str matches substrings, as upstream's
// `inh.model in skip` does on a str).
type skipSet struct {
	all   bool
	value sqlexec.Value
}

func newSkipSet(v sqlexec.Value) skipSet {
	return skipSet{all: v.Kind == sqlexec.Str && v.Text == "*", value: v}
}

func (s skipSet) has(name string) (bool, error) {
	switch s.value.Kind {
	case sqlexec.Str:
		return strings.Contains(s.value.Text, name), nil
	case sqlexec.List, sqlexec.Tuple:
		for _, it := range s.value.Items {
			if it.Kind == sqlexec.Str && it.Text == name {
				return true, nil
			}
		}
		return false, nil
	case sqlexec.Dict:
		for _, k := range s.value.Keys {
			if k == name {
				return true, nil
			}
		}
		return false, nil
	}
	return false, odoolib.PyErr("TypeError", "argument of type '%s' is not iterable", sqlexec.TypeName(s.value))
}

// inherit is one model inheriting from another (via: the delegation
// field of an _inherits, "" for a plain _inherit).
type inherit struct{ model, via string }

// inherits lists the models inheriting model, minus skip, from
// ir_model_inherit (where upstream reads them from saas~17.1). Without
// that table upstream uses its frozen per-version inheritance data, which
// migrate-runner does not carry: then no inheriting model is known. Before
// saas~18.1 ir.cron's delegation to ir.actions.server is added, as
// upstream does (ir_model_inherit got it only in 17.4).
func (r runner) inherits(model string, skip skipSet) ([]inherit, error) {
	if skip.all {
		return nil, nil
	}
	ok, err := r.tableExists("ir_model_inherit")
	if err != nil {
		return nil, err
	}
	var all []inherit
	if ok {
		if all, err = r.inheritRows(model); err != nil {
			return nil, err
		}
	}
	if model == "ir.actions.server" && !r.atLeast(19) {
		found := false
		for _, i := range all {
			found = found || i.model == "ir.cron"
		}
		if !found {
			all = append(all, inherit{model: "ir.cron", via: "ir_actions_server_id"})
		}
	}
	var out []inherit
	for _, i := range all {
		skipped, err := skip.has(i.model)
		if err != nil {
			return nil, err
		}
		if !skipped {
			out = append(out, i)
		}
	}
	return out, nil
}

// inheritRows reads the children of model from ir_model_inherit.
func (r runner) inheritRows(model string) ([]inherit, error) {
	rows, err := r.rows(`
        SELECT m.model, f.name
          FROM ir_model_inherit i
          JOIN ir_model m ON m.id = i.model_id
          JOIN ir_model p ON p.id = i.parent_id
     LEFT JOIN ir_model_fields f ON f.id = i.parent_field_id
         WHERE p.model = %s
      ORDER BY i.id`, str(model))
	if err != nil {
		return nil, err
	}
	out := make([]inherit, 0, len(rows))
	for _, row := range rows {
		out = append(out, inherit{model: text(row[0]), via: text(row[1])})
	}
	return out, nil
}
