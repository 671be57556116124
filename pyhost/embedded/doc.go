// Package embedded is the worker side of the embedded Python host: a
// gpython interpreter inside migrate-runner's own binary, re-executed as
// a supervised worker process, so that scripts run with no Python
// installed and a runaway script (an endless loop, unbounded recursion,
// os._exit) can only take the worker down.
//
// The worker speaks the external host's protocol (frames of a 4-byte
// length and JSON, fd 3 in and fd 4 out; see pyhost/harness.py), so the
// parent serves both hosts with the same code: the connection, the
// savepoints and every SQL rule stay in the parent (packages sqlexec and
// odoolib), and this package only turns a script's calls into frames.
// That costs one pipe round trip per statement and keeps a crash's
// damage to one script's savepoint.
//
// It owns the gpython side: the sandbox (no files, processes,
// environment or imports from disk), the shim modules (psycopg2, odoo.*,
// logging), the `cr` object and CPython-style tracebacks. It does not
// own what runs when (package runner) nor SQL semantics (package
// sqlexec).
//
// This is the first slice of the embedded host: the compatibility layer
// (f-strings, str.format, % formatting, datetime, …) is not there yet,
// so scripts that need it fail with gpython's error.
package embedded
