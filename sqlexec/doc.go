// Package sqlexec owns the database side of a run: how a script's query
// and parameters become SQL (psycopg2's "pyformat" rules and adaptation,
// client-side, exactly as psycopg2 does), and, as the execution issue
// lands, the pgx connection and transaction, savepoints per script,
// locking, the history ledger and the cursor semantics that both Python
// hosts share.
//
// It does not decide what runs or in which order (package phases) nor
// host Python (package pyhost): hosts hand it Values.
package sqlexec
