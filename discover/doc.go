// Package discover finds Odoo modules and their migration scripts on disk,
// exactly where Odoo looks: modules in the addons paths (a directory with
// __manifest__.py or __openerp__.py, first path wins), and scripts in
// <module>/migrations/<version>/, <module>/upgrades/<version>/ and
// <upgrade-path>/<module>/<version>/ for every upgrade path, in that order.
//
// It reads manifests (as Python literals, like ast.literal_eval) and reports
// what Odoo would silently skip: mis-named scripts, scripts outside a
// version folder, invalid version folders, the same script name in two
// sources, malformed manifests.
//
// It does not decide which scripts run or in what order (package order and
// phases do), and it never touches a database.
package discover
