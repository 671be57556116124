// Package openupgrade implements the SQL-level helpers of OCA's
// openupgradelib (openupgradelib.openupgrade and its sibling modules) on
// the sqlexec cursor, and registers them with package odoolib, which
// both Python hosts bind. Everything that needs Odoo's ORM raises
// OrmUnavailable.
//
// It does not own the @openupgrade.migrate() decorator's Python side nor
// the env object a decorated script receives (the hosts do).
package openupgrade
