// Package order is the Go port of Odoo's version semantics for migration
// scripts: parse_version, the VERSION_RE folder check, convert_version and
// adapt_version per series, the compare() rule that decides whether a version
// folder runs, the order of version folders within a stage, and the module
// dependency-graph order.
//
// It owns comparisons and orderings only. It does not read the file system
// (see package discover) and does not assemble the run schedule (see package
// phases). Every rule follows odoo/modules/migration.py, module.py and
// graph.py as described in shared/reference/odoo-migration-semantics.md
// §2–§5 and §7.1; where Odoo's behaviour differs by release, the Series
// chooses.
package order
