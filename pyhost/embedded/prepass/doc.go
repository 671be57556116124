// Package prepass is a line-preserving source-to-source pass that lowers
// Python 3.11 constructs gpython cannot run, or runs with the wrong
// semantics, into calls of support builtins, so that the embedded host
// gets CPython behaviour:
//
//   - f-strings (any implicit concatenation group containing one) become
//     __mr_fs__(part, ...) with one __mr_fv__(value, conv, spec) per
//     replacement field; plain literal parts are copied verbatim;
//   - every binary `+` becomes __mr_add__(a, b) and every binary `%`
//     becomes __mr_mod__(a, b), with operand extents following Python's
//     precedence (gpython's tuple `+` and str `%` are broken);
//   - every unchained ordering comparison `A < B` (exactly one comparison
//     operator, and it is < <= > or >=) becomes __mr_lt__(A, B), and
//     likewise __mr_le__, __mr_gt__, __mr_ge__ (gpython cannot order
//     tuples or lists and ignores a user __lt__). The operands are
//     bitwise-or level expressions, bounded by not/and/or, if/else,
//     lambda, commas and brackets. Chained comparisons (`0 <= i < n`) and
//     those mixing ordering with == != in `not in` is `is not` are left
//     as written: only their operands are lowered;
//   - a decorator with a dot outside brackets, `@a.b` or `@a.b(args)`,
//     becomes `@__mr_id__(a.b(args))`: gpython's grammar takes only a
//     dotted name there and compiles it as the single name "a.b";
//   - `T += E` / `T %= E` become `T = __mr_iadd__(T, E)` /
//     `T = __mr_imod__(T, E)`. The target text is duplicated, so its
//     sub-expressions (`d[k()]`, `f().x`) are evaluated twice;
//   - zero-argument super() inside a method becomes
//     super(__class__, <first parameter of the innermost enclosing def>);
//   - the iterable of every for statement and comprehension clause is
//     wrapped: `for T in E` becomes `for T in __mr_iter__(E)`, and a
//     tuple iterable `for x in a, b:` becomes `__mr_iter__((a, b))`.
//     gpython's loop takes ANY error from the iterator for the end of the
//     loop (a generator that raises halfway silently skips the remaining
//     rows); the host's iterator refuses to end that way. The extent is
//     the star_expressions up to the body's ':' for a statement, and the
//     disjunction up to the next `if`, `for`, `async for` or closing
//     bracket for a comprehension clause. `async for` is left alone, and
//     so is an iterable already written as one __mr_iter__(...) call;
//   - a dict display `{k1: v1, k2: v2}` becomes
//     `__mr_dict__((k1, v1), (k2, v2))`, `{}` becomes `__mr_dict__()` and
//     a comprehension `{k: v for ...}` becomes `__mr_dict__((k, v) for
//     ...)`: gpython's dict keeps no insertion order and takes only str
//     keys. Keys and values keep CPython's left-to-right, key-first
//     evaluation. Sets, `{**d}` and a lambda inside a key are left alone;
//   - a `**E` argument of a call becomes `**__mr_kw__(E)`: gpython's call
//     takes only its own dict after `**` (def and lambda parameters are
//     not calls and are left alone).
//
// The output has exactly as many '\n' as the input and every original
// token stays on its original line, so gpython's tracebacks report the
// script's own line numbers.
//
// The package owns only the rewrite. It does not implement the __mr_*
// builtins (the embedded host installs them per context) and it does not
// validate the program beyond what lowering needs: code it cannot lower
// is left for gpython's compiler to reject. Malformed f-strings, strings
// and brackets are reported as *SyntaxError with CPython's messages.
//
// The lowering is lexical (a Python 3.11 tokenizer plus a precedence
// parser for the comparison and arithmetic levels of the grammar, which
// skips the targets of `for` so that their `in` is not taken for a
// comparison, and delimits for-loop iterables), not a full parse, so
// it costs microseconds per script. Rewrite is safe for concurrent use.
//
// Known approximations, all outside what migration scripts do:
//   - super() takes the first parameter of the innermost enclosing def;
//     lambdas and comprehensions are not scopes for it (CPython would
//     raise there). Outside a method it is left alone.
//   - an augmented assignment whose target holds a multi-line literal,
//     or whose shape is not NAME / primary.NAME / primary[...], is left
//     as written (gpython's own `+=` then applies).
//   - case patterns of a match statement are not rewritten (they are not
//     expressions); the subject and guards are.
//   - relaxed decorators without a dot outside brackets (`@handlers[0]`,
//     `@(x)`) are left alone: gpython rejects them at parse time, and the
//     pre-check names them.
package prepass
