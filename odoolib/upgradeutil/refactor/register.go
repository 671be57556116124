package refactor

import (
	"github.com/migrate-runner/migrate-runner/odoolib"
	"github.com/migrate-runner/migrate-runner/sqlexec"
)

func init() {
	t, f := sqlexec.BoolValue(true), sqlexec.BoolValue(false)
	empty := sqlexec.TupleValue()
	odoolib.Register(util+"rename_field", odoolib.Helper{
		Params:   []string{"model", "old", "new", "update_references", "domain_adapter", "skip_inherit"},
		Required: 3, Defaults: []sqlexec.Value{t, none, empty}, Fn: renameFieldHelper,
	})
	odoolib.Register(util+"remove_field", odoolib.Helper{
		Params:   []string{"model", "fieldname", "cascade", "drop_column", "skip_inherit", "keep_as_attachments", "update_references"},
		Required: 2, Defaults: []sqlexec.Value{f, t, empty, f, t}, Fn: removeFieldHelper,
	})
	odoolib.Register(util+"rename_model", odoolib.Helper{
		Params:   []string{"old", "new", "rename_table", "ignored_m2ms"},
		Required: 2, Defaults: []sqlexec.Value{t, sqlexec.StrValue(allBefore181)}, Fn: renameModelHelper,
	})
	removeModel := odoolib.Helper{
		Params:   []string{"model", "drop_table", "ignore_m2m"},
		Required: 1, Defaults: []sqlexec.Value{t, empty}, Fn: removeModelHelper,
	}
	odoolib.Register(util+"remove_model", removeModel)
	odoolib.Register(util+"delete_model", removeModel) // upstream's compatibility alias
	odoolib.Register(util+"merge_model", odoolib.Helper{
		Params:   []string{"source", "target", "drop_table", "fields_mapping", "ignore_m2m"},
		Required: 2, Defaults: []sqlexec.Value{t, none, empty}, Fn: mergeModelHelper,
	})
}
