// Package pyfmt converts and formats gpython objects exactly as CPython
// 3.11 does: repr(), str(), ascii(), format() with the full format
// mini-language, str % args (and bytes % args), str.format and
// str.format_map, and the print builtin.
//
// gpython gets all of these wrong in ways that corrupt output silently
// ("%s" % None gives "{}", "IN %s" % ((1, 2, 3),) gives "IN [1 2 3]",
// str(1e16) gives "10000000000000000.0", repr((2,)) gives "(2)"), and a
// migration script's output is mostly SQL and log lines built with these
// operations, so they must match CPython character for character.
//
// What it owns:
//   - the Go API (Repr, Str, Ascii, Format, FormatValue, Percent,
//     BytesPercent, StrFormat, StrFormatMap, Mod, IMod) that other host
//     packages call;
//   - Install: the process-global patches (str.format, str.format_map,
//     __format__ on the numeric and str types, str(x) going through Str);
//   - Builtins: the per-context builtins print, repr, ascii, format and
//     the support functions the source pre-pass emits (__mr_fs__,
//     __mr_fv__, __mr_mod__, __mr_imod__).
//
// What it does not own: rewriting f-strings and % expressions in the
// source (the pre-pass package does that), other str methods, and
// gpython's own operators (String.M__mod__ is still gpython's; only code
// the pre-pass rewrote reaches Percent).
//
// Known, deliberate differences from CPython, all caused by gpython:
//   - gpython dicts (py.StringDict) and sets have no insertion order, so
//     their repr lists items in a deterministic sorted order (numbers by
//     value, then everything else by repr) instead of CPython's order;
//   - Go strings cannot hold lone surrogates, so chr(0xd800)-style values
//     become U+FFFD; printability follows Go's Unicode tables, which may
//     be a version apart from CPython's;
//   - exceptions built by gpython have no errno/filename attributes, so
//     OSError's message is derived from its args the way CPython does;
//   - widths and digit-producing precisions above MaxWidth raise
//     MemoryError instead of allocating gigabytes.
package pyfmt
