// Package pyhost owns the Python hosts that run a migration script's
// migrate(cr, version). So far: the external CPython host, a long-lived
// interpreter running an embedded harness (harness.py) that talks to the
// Go side over two pipes with length-prefixed JSON frames. Every cursor
// call of a script is served here by a sqlexec.Cursor, so the SQL
// semantics stay in Go, in one place.
//
// It does not decide what runs (package phases) nor own the connection,
// transaction or ledger (package sqlexec); the embedded gpython host comes
// with its own issue.
package pyhost
