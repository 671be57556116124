// Package conformance is the embedded Python host's conformance suite:
// small Python programs (testdata/NNN_topic.py), each printing a few
// lines, whose stdout under the embedded gpython host must equal CPython
// 3's byte for byte. The package has no code of its own; everything is in
// its tests.
//
// It owns the programs, the list of features still unsupported
// (testdata/expected_failures.txt, one "NNN_name: reason" a line) and the
// CPython stand-ins for odoo.* and psycopg2 (testdata/pystubs) that let
// the import programs run under a plain python3. It does not own the
// compatibility layer it checks (package pyhost/embedded and its
// subpackages): a program that fails here is fixed there, or listed as an
// expected failure with its reason.
//
// The suite compares against python3 found on PATH and skips when there
// is none. The programs run one after another, never in parallel,
// because the embedded host patches process-global gpython state.
package conformance
