// Package parallel implements upgrade-util's query builders and parallel
// execution: format_query, explode_query_range, explode_execute and
// parallel_execute, which run id-range buckets of one query on several
// connections and so commit the script's transaction first. It
// registers them with package odoolib as odoo.upgrade.util.<name>.
//
// It does not decide when a commit is allowed (the runner does, through
// odoolib.Env) nor own the other upgrade-util helpers.
package parallel
