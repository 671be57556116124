// Package odoolib implements, once and in Go, the SQL-level helpers of the
// Python libraries that migration scripts import: odoo.tools.sql here, and
// the registry (Register, Call, Modules, Alias) through which the library
// packages (upgradeutil, upgradeutil/refactor, upgradeutil/parallel,
// openupgrade, editview) add theirs. Both Python hosts forward a script's
// calls here by name, so a helper behaves the same whichever host runs the
// script.
//
// It owns each helper's SQL, return value and quirks (column_exists
// returns a rowcount, set_not_null raises a bare Exception, …). It does
// not own the cursor's semantics (package sqlexec) nor how a host binds
// the names into Python modules (package pyhost).
package odoolib
