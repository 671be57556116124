// Package pydatetime is a Go implementation of CPython 3.11's datetime
// module for the embedded gpython host: the types date, datetime, time,
// timedelta, timezone and tzinfo, the constants MINYEAR, MAXYEAR and UTC,
// and the conversions the host needs between those values and Go's
// time.Time and time.Duration (rows read from the database reach a
// script as datetime objects; datetime objects a script passes to
// cr.execute reach the driver as Go values).
//
// Output matches CPython on Linux byte for byte where tested: repr, str,
// isoformat, strftime (CPython's own %z %Z %f, then glibc's C-locale
// conversions with their flags, widths and modifiers), strptime (the
// regular expressions and rules of CPython's _strptime), fromisoformat
// (the C implementation's 3.11 forms and quirks), timedelta's float
// rounding, and the error messages of the common mistakes. The tests
// compare against python3 when it is installed.
//
// Owned here: the module "datetime", registered once by Install, and the
// Go value types behind it (comparable structs, so equal values are
// equal Go map keys in gpython sets). Not owned here: the sandbox's
// import whitelist (it must allow "datetime"), and builtins such as
// isinstance, hash, bool or format, which the host supplies.
// DatetimeType's base is DateType, so an MRO-aware isinstance finds a
// datetime to be a date; gpython's own isinstance compares exact types.
//
// Limits: only fixed-offset timezones exist (no Python tzinfo subclasses,
// no zoneinfo, pytz or dateutil); timetuple and struct_time are missing;
// set membership uses Go equality, so two aware datetimes for the same
// instant in different zones, or values differing only in fold, are
// distinct set members although they compare equal; ordering against a
// foreign type reports the operator from the datetime's side even when
// the datetime is on the right.
package pydatetime
