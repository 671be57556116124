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
// extensions and extras; odoo.tools with SQL and odoo.tools.sql; logging;
// os and os.path), the `cr` object, and CPython-style tracebacks. The
// compatibility layer lives in its subpackages: prepass (source
// lowering), precheck (static refusal), compat (builtins and type
// patches), pyfmt (formatting), pystdlib and pydatetime (modules).
//
// It does not own what runs when (package runner), the connection or any
// SQL rule: every cursor call becomes a frame of the external host's
// protocol (pyhost/harness.py, fd 3 in and fd 4 out) to the parent, which
// serves both hosts with the same code (packages sqlexec and odoolib).
// Pure composition (psycopg2.sql, odoo.tools.SQL) calls sqlexec in the
// worker: the same Go code, no round trip.
//
// Where the connection lives, decided by measuring. The parent holds it;
// the worker sends each statement over the pipes. The alternative, a
// worker that holds the connection itself, saves that hop on every
// statement, but a killed or crashed worker would take the run's
// transaction with it, and the lock, the savepoints and the ledger would
// have to move too. Measured on the project's 2-core VM, all pinned to
// CPU 1 (taskset -c 1), 10,000 single-row UPDATEs in one script
// (BenchmarkEmbedded10kUpdates and BenchmarkInProcess10kUpdates in
// package pyhost, bench/psycopg2_updates.py), two rounds:
//
//	parent holds the connection (this design)   219–257 µs a statement
//	gpython and pgx in one process              195–211 µs a statement
//	psycopg2 straight to PostgreSQL             145–159 µs a statement
//
// The hop costs 25–50 µs a statement (15–20 %), and even in one process
// the statement costs 1.3–1.4x psycopg2's, because gpython's interpreter
// loop and the value conversions cost about 3 µs a cr.execute
// (BenchmarkCursorExecute100k, against an in-process fake cursor). A
// script's crash costing only its savepoint was judged worth the hop.
//
// Other figures, same machine and pinning: starting the worker takes
// 11.7 ms (BenchmarkEmbeddedStart, in package pyhost); a script that does
// nothing costs the worker 75 µs (BenchmarkTrivialScript: fresh sandboxed
// context, pre-pass, compile, run); a typical 50-line script 1.08 ms
// (BenchmarkCompileRun50Lines), about two thirds of it gpython's own
// parser and compiler.
package embedded
