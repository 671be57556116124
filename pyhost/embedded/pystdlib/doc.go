// Package pystdlib provides Go implementations of the parts of Python's
// standard library that Odoo migration scripts use, as gpython modules:
// re, json, collections, itertools, functools, copy and textwrap
// (dedent and indent).
//
// Install registers the modules once per process; Names lists them for
// the sandbox's import whitelist. The sandbox's __import__ loads them
// with py.GetModuleImpl and ctx.ModuleInit like any registered module.
//
// What it owns: the behaviour of these modules, kept identical to
// CPython 3.11 where gpython allows (messages and positions of errors
// included), and the Go types behind them: an insertion-ordered mapping
// that accepts any hashable key (gpython's dict takes only str keys and
// has no order), lazy iterators, the regexp translation from Python
// syntax to Go's RE2, and CPython's float repr for JSON.
//
// What it does not own: the sandbox and import hook (package embedded),
// gpython's own types and builtins (other packages patch str, tuple and
// float repr, sorted, isinstance, ...), the datetime module
// (pyhost/embedded/pydatetime).
//
// Deliberate differences from CPython, each forced by gpython or RE2:
//
//   - re runs on RE2: backreferences, look-around, conditionals, atomic
//     groups and possessive quantifiers raise re.error naming the
//     construct; \b is ASCII-only; `$` without MULTILINE does not match
//     before a trailing newline (see re_translate.go).
//   - gpython's dict has no order, so json.dumps writes a gpython dict's
//     keys sorted; OrderedDict, defaultdict, Counter and DictType (the
//     "dict" that scripts' dict displays build, via DictFromPairs and the
//     pre-pass) keep insertion order. type(d) of a display is DictType,
//     not the dict builtin, so `type(d) is dict` is False.
//     json.loads returns gpython dicts; object_pairs_hook=OrderedDict
//     keeps the document's order.
//   - The collections classes and namedtuple classes are Go types: they
//     are not dict or tuple subclasses for gpython's isinstance (package
//     compat's isinstance treats the mappings as dicts), and dict(d) on them
//     fails in gpython (dict(d.items()) works for str keys).
//     collections.abc is not provided.
//   - Python classes cannot subclass defaultdict, OrderedDict, Counter or
//     deque (gpython instantiates such subclasses without the Go value);
//     namedtuple classes and json.JSONEncoder/JSONDecoder can be
//     subclassed.
//   - functools.total_ordering fills in the class dict, but gpython's <
//     operator never consults Python classes (see ftTotalOrdering).
//   - The classes are process-wide, as gpython's built-in types are: a
//     script that sets an attribute on collections.OrderedDict changes it
//     for every context.
//   - Attributes of exception instances (re.error.pos, JSONDecodeError
//     .lineno) are stored but gpython does not expose them to scripts.
package pystdlib
