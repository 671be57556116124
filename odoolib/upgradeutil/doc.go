// Package upgradeutil implements, on the sqlexec cursor, the SQL-level
// helpers of Odoo's upgrade-util library as scripts import it
// (`from odoo.upgrade import util`, also importable as
// odoo.addons.base.maintenance.migrations.util): schema, records and
// xmlids, views and menus, modules, and the ORM entry points that raise
// OrmUnavailable. It registers them with package odoolib, which both
// Python hosts bind.
//
// It does not own the field and model refactors (package
// upgradeutil/refactor) nor the query builders and parallel execution
// (package upgradeutil/parallel).
package upgradeutil
