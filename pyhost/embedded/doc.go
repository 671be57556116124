// Package embedded is the worker side of the embedded Python host: a
// gpython interpreter inside migrate-runner's own binary, re-executed as
// a supervised worker process, so that scripts run with no Python
// installed and a runaway script (an endless loop, unbounded recursion,
// a crash) can only take the worker down.
//
// It owns the gpython side of a script's life: the pre-check verdict
// (Check: the pre-pass, then package precheck), loading the script the
// way Odoo does (a fresh context per script, a module that is not
// registered anywhere), the sandbox (sandbox.go: no files but what
// --allow-fs grants, no processes, no environment, imports only from the
// shim and standard modules), the shim modules (psycopg2 with sql, errors,
// errorcodes, extensions and extras; odoo.tools with SQL and odoo.tools.sql; logging;
// os and os.path), the `cr` object, and CPython-style tracebacks. The
// compatibility layer lives in its subpackages: prepass (source
// lowering), precheck (static refusal), compat (builtins and type
// patches), pyfmt (formatting), pystdlib and pydatetime (modules).
//
// It does not own what runs when (package runner), the connection or any
// SQL rule: helper calls, savepoints and commits become frames of the
// external host's protocol (pyhost/harness.py, fd 3 in and fd 4 out) to
// the parent, which serves both hosts with the same code (packages
// sqlexec and odoolib). Pure composition (psycopg2.sql, odoo.tools.SQL)
// calls sqlexec in the worker: the same Go code, no round trip.
//
// Where the connection lives, decided by measuring. The parent owns it:
// it opens it, holds the lock, the transaction, the savepoints and the
// ledger, and survives the worker. But the worker runs cr.execute on it
// directly, over the socket the parent hands it for the run (the direct
// lane, package pyhost/internal/lane), with a sqlexec.Cursor of its own:
// the two processes take turns on the socket as the protocol's
// request/reply already makes them. A flag in shared memory tells the
// parent whether a dead worker left the connection in the middle of a
// statement; only then is the connection lost (cancelled, closed, and
// the open transaction rolled back by PostgreSQL, which the report
// says), otherwise the parent rolls back on it as after any failure. Measured on the project's 2-core VM, everything pinned to CPU 1
// (taskset -c 1), 10,000 single-row UPDATEs in one script
// (BenchmarkEmbedded10kUpdates in package pyhost, bench/exec.sh,
// bench/psycopg2_updates.py):
//
//	every statement through the parent (the hop)   163–169 µs a statement
//	the direct lane                                 71–80 µs a statement
//	psycopg2 straight to PostgreSQL                 71–83 µs a statement
//
// The hop cost two process wake-ups a statement, which this VM makes
// expensive; the lane costs the worker nothing beyond the statement, as
// its socket waits in a raw ppoll(2) (package internal/rawfd). gpython's
// interpreter loop and the value conversions cost about 1.2 µs a
// cr.execute (BenchmarkCursorExecute100k, against an in-process fake
// cursor). Over TLS the socket cannot be shared and every statement takes
// the hop.
//
// Other figures, same machine and pinning: starting the worker takes
// 11.7 ms (BenchmarkEmbeddedStart, in package pyhost); a script that does
// nothing costs the worker 75 µs (BenchmarkTrivialScript: fresh sandboxed
// context, pre-pass, compile, run); a typical 50-line script 1.08 ms
// (BenchmarkCompileRun50Lines), about two thirds of it gpython's own
// parser and compiler.
package embedded
