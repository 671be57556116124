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
// Speed. A statement costs one pipe round trip on top of its PostgreSQL
// round trip. cr.execute with a str query travels as a JSON array and its
// result comes back as one built without reflection, and the pipes are
// read with blocking syscalls rather than through the runtime poller.
// Measured with bench/exec.sh on the project's 2-core VM, both sides
// pinned to one CPU: 10,000 single-row UPDATEs take 169 µs a statement
// against psycopg2's 105 µs (1.6x; other runs 1.5x to 1.9x, the machine's
// wake-up latency varies a lot). The Go side spends about 70 µs of CPU a
// statement, half of it in the TCP write to PostgreSQL that psycopg2 pays
// too; the rest is the second process hop, which this design cannot
// avoid while migrate-runner owns the connection. A pgx connection read
// with blocking syscalls was tried and was slower (the runtime hands the P
// to another thread while a syscall blocks).
package pyhost
