// Package refactor implements upgrade-util's field and model refactors at
// the SQL level (rename_field, remove_field, rename_model, remove_model,
// merge_model): the columns and tables, the ir_model* rows, xmlids,
// translations, and the references in filters, actions, defaults and
// exports. It registers them with package odoolib as
// odoo.upgrade.util.<name>.
//
// It does not own the schema, record and module helpers (package
// upgradeutil) nor parallel execution (package upgradeutil/parallel).
package refactor
