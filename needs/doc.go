// Package needs is the static needs analysis of migration scripts: before
// anything runs, it parses a script and says what the script needs at run
// time, as a sorted set of
//
//   - "sql": the script uses the cursor itself (cr.execute, fetchall,
//     rowcount, …, also env.cr.execute) or hands raw SQL to a helper that
//     runs it (openupgrade.logged_query, util.explode_execute,
//     util.parallel_execute);
//   - "odoo.tools.sql": it imports or calls odoo.tools.sql (SQL included);
//   - "upgrade-util": it imports Odoo's upgrade-util (odoo.upgrade.util,
//     odoo.addons.base.maintenance.migrations.util);
//   - "openupgradelib": it imports OCA's openupgradelib;
//   - "orm": it needs Odoo's ORM, which migrate-runner does not run.
//
// Each ORM use is reported with its line and the construct
// (`env["res.partner"]` at line 12). A script needs the ORM when it
// indexes an Environment, reads or calls anything on one but its cursor
// (env.ref, env.user, env.company, …), builds one (api.Environment,
// util.env), reaches a registry (odoo.registry, pooler, self.pool), calls
// an upgrade-util or openupgradelib function that works through the ORM
// (iter_browse, recompute_fields, update_record_from_xml, load_data,
// m2o_to_x2m, delete_records_safely_by_xml_id, …; the lists are in
// rules.go), loads data files (odoo.tools.convert_file), uses
// odoo.models, or imports an addon's Python code (odoo.addons.X…, which
// loads its models).
//
// Where a name comes from is tracked within each function, flow by flow:
// the first parameter of a migrate() decorated with @openupgrade.migrate()
// is an Environment (from Odoo 10 on, or with use_env=True), that of an
// undecorated migrate() is a cursor whatever its name; env = util.env(cr)
// and env = api.Environment(cr, …) make Environments, env = {} or
// env = os.environ do not. A helper function's parameter takes what its
// call sites in the script pass; with no call site, its name decides
// (env is an Environment, cr a cursor).
//
// The parser is gpython's (github.com/go-python/gpython/parser), as in
// the embedded host's pre-check. When it rejects a script, the script is
// lowered by the embedded host's pre-pass (f-strings, dict displays, …)
// and parsed again; when that fails too (walrus, match, annotated
// assignments, Python 2), a token scan classifies the script with the
// same rules but without flow tracking, and the result says so.
//
// The package owns the classification only. Refusing or skipping ORM
// scripts is package runner's; showing needs is the CLI's.
package needs
