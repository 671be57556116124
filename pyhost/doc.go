// Package pyhost owns the Python hosts that run a migration script's
// migrate(cr, version): the external CPython host, a long-lived
// interpreter running an embedded harness (harness.py) that talks to the
// Go side over two pipes with length-prefixed JSON frames, and the
// embedded gpython host (StartEmbedded; its worker side is package
// pyhost/embedded), which speaks the same protocol, so one parent side
// (External) drives both. CheckEmbedded is the embedded host's pre-check
// that --host auto uses to choose between them. Every cursor
// call of a script is served here by a sqlexec.Cursor, and the shim
// modules' logic (psycopg2.sql formatting, odoo.tools.SQL, odoo.tools.sql
// helpers) runs in packages sqlexec and odoolib, so the SQL semantics stay
// in Go, in one place.
//
// It does not decide what runs (package phases) nor own the connection,
// transaction or ledger (package sqlexec).
//
// Speed. Through the external host a statement costs one pipe round
// trip on top of its PostgreSQL round trip: cr.execute with a str query
// travels as a JSON array and its result comes back as one built without
// reflection. The embedded host's worker skips that hop: the parent hands
// it the run's connection (package pyhost/internal/lane) and it sends
// cr.execute to PostgreSQL itself, with the same sqlexec code; helper
// calls, savepoints and commits still come here. Both this process's pipe
// ends and the run's socket are read outside the runtime's poller
// (package internal/rawfd). Measured with bench/exec.sh on the project's
// 2-core VM, everything pinned to one CPU, 10,000 single-row UPDATEs: the
// embedded host 80 µs a statement against psycopg2's 71 µs (1.12x), the
// external host 128 µs (1.81x); the history of those figures is in the
// README's Speed section.
package pyhost
