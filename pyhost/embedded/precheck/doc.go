// Package precheck is a static pre-check of a migration script for the
// embedded gpython host. It answers one question before a script runs:
// can gpython run this correctly? `--host auto` uses the verdict to pick
// the embedded host or an external CPython; `--host embedded` refuses a
// script that fails it, naming file:line and the construct.
//
// The priority is that a construct gpython would execute silently wrong
// (user __eq__, exception attributes, …) never runs;
// constructs gpython rejects loudly (walrus, dict unpacking, a user
// __lt__, a dict with int keys, …) are reported early under a clear name
// instead of a cryptic runtime error.
//
// Every check is backed by a probe test (probe_test.go) that runs the
// construct in the pinned gpython and fails if a future gpython fixes it,
// so a check never outlives the bug it guards against.
//
// Input is the source after the line-preserving pre-pass (package
// prepass): f-strings, binary + and %, += / %=, unchained ordering
// comparisons, dotted decorators and super() are already lowered into
// calls of host builtins, every for-loop iterable is wrapped in
// __mr_iter__ (whose iterator stops the script rather than let an error
// end the loop silently), and line numbers are the original ones. What
// those builtins fix (tuple concatenation, ordering of tuples and lists,
// loops that swallow errors) is therefore not checked here; what the
// pre-pass leaves to gpython (chained comparisons, decorated defs with
// defaults or annotations, the value of `yield from`) is.
//
// The package owns the verdict only. It does not own the pre-pass, the
// sandbox that enforces the same import and file rules at run time
// (package embedded), nor the choice of host (package runner).
package precheck
