// Package compat makes the Python that Odoo migration scripts use behave
// as in CPython 3 under gpython, by patching gpython from outside with
// its exported API only (no fork).
//
// What it owns:
//   - Install: process-global patches, applied once: metatypes of the
//     built-in types; CPython's class attribute lookup (a Go
//     type.__getattribute__: MRO inheritance, __name__, __qualname__,
//     __module__, __mro__, staticmethod and classmethod through the
//     class, str.upper(s)); obj.__class__ and obj.__dict__; bool(x);
//     class preparation (raisable exception subclasses, inherited special
//     methods, __call__, __new__, __next__ raising StopIteration()); real
//     attributes on exception instances; the missing str, bytes, dict,
//     list, tuple and set methods; enumerate(start=).
//   - Builtins: per-context builtins (sorted, min, max, reversed,
//     isinstance, issubclass, super, property, round, id, hash, len,
//     callable, dir, sum, iter, getattr, hasattr, __build_class__) and
//     the functions the source pre-pass emits: __mr_add__ (a + b),
//     __mr_iadd__ (x += y), __mr_lt__ and friends (a < b), __mr_id__
//     (dotted decorators), __mr_iter__ (the iterator of a for loop),
//     __mr_dict__ (dict displays: pystdlib's ordered, any-key dict) and
//     __mr_kw__ (the operand of ** in a call, as a gpython dict).
//     isinstance(x, dict) and issubclass(C, dict) hold for pystdlib's
//     mappings (that dict, OrderedDict, defaultdict, Counter), and
//     dict.fromkeys builds the ordered dict.
//   - IterationError: the Go panic a for loop's iterator raises instead
//     of letting gpython end the loop silently on an error (gpython's
//     FOR_ITER takes any error for the end of the loop). The host
//     recovers it and fails the script; recover() sites on the way must
//     let it through (it has a FatalToScript method). The same iterator
//     walks a dict's keys in sorted order, reads lists live and iterates
//     bytes and str as CPython does.
//   - Compare: CPython's ordering, for sorting from Go.
//
// What it expects from the source pre-pass: every binary + rewritten to
// __mr_add__(a, b), x += y to x = __mr_iadd__(x, y), zero-argument
// super() to super(__class__, self), a dotted decorator @a.b (which
// gpython's parser reads as one name "a.b") to @__mr_id__(a.b) (the
// older name __mr_deco__ is kept as an alias), and every for-loop
// iterable `for x in E` to `for x in __mr_iter__(E)`.
//
// What it does not own: str/repr/format/% formatting and print (package
// pyfmt), the datetime, re, json, collections, itertools and functools
// modules, the source pre-pass itself and the static pre-check that
// rejects what cannot be fixed here (package precheck).
//
// What cannot be fixed from outside (gpython dispatches these through Go
// interfaces on its own types, or in its compiler): <, ==, in,
// truthiness and arithmetic other than + for user classes; tuple/list <
// and >; non-str dict keys and insertion order; tuples and bytes in
// sets; b[0] (for-loops over bytes work through __mr_iter__); `is`
// between dicts or tuples (a Go panic); decorated functions with default
// arguments or annotations (gpython's compiler pushes the decorators
// after them; @property, setters, @staticmethod and @classmethod
// included); a generator's return value (`x = yield from g()`); exception
// attributes whose names neither the standard list nor the exception
// class's own code mention (they still read as e.args). limits_test.go
// lists each one with gpython's and CPython's results.
package compat
