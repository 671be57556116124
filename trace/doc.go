// Package trace runs a plan's migration scripts with no database: each
// script runs in its Python host (embedded or CPython, chosen as `run`
// chooses) against a sqlexec.Cursor whose backend is a Recorder, so every
// SQL text the script would send, parameters rendered exactly as psycopg2
// renders them, is recorded in execution order, together with the
// script's failures, prints and logs. It is the module developer's
// "what would this upgrade do" preview.
//
// The Recorder answers as an empty database with the structure given by
// --schema would (package schema reads it; without one there are no
// tables): catalog queries are evaluated against that structure by
// package catalog, other SELECTs over empty tables, everything else gets
// psycopg2's empty result. A script that raises is reported and the
// trace goes on with the next script (its host restarted if it died): a
// developer wants the whole picture in one go, and with no rows to read a
// script may fail where it would not on a real database.
//
// It owns the trace report and its text and JSON forms. It does not
// decide the order (package phases), host Python (packages pyhost and
// runner, whose host choice it reuses) nor render parameters (package
// sqlexec).
package trace
