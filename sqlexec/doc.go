// Package sqlexec will own the database side of a run: the pgx connection
// and transaction, savepoints per script, locking, the history ledger and
// the psycopg2-compatible cursor semantics that both Python hosts share.
//
// It is empty until the execution issues land. It will not decide what
// runs or in which order (package phases) nor host Python (package pyhost).
package sqlexec
