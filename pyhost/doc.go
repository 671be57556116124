// Package pyhost will own the Python hosts that run a migration script's
// migrate(cr, version): an external CPython interpreter and the embedded
// gpython host, both behind one interface and both exposing the same cr.
//
// It is empty until the execution issues land. It will not own SQL
// semantics (package sqlexec) or the schedule (package phases).
package pyhost
