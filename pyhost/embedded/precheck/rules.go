package precheck

// The tables behind the AST checks. Each entry names something the
// pinned gpython gets wrong; probe_test.go proves every entry (and fails
// when gpython starts getting it right), and TestEveryDunderHasAProbe
// keeps the two in step.

// dunderMessages are the special methods gpython ignores when a user
// class defines them (or assigns them in the class body, as in
// `__hash__ = None`). Special methods gpython does honour (__init__,
// __str__, __repr__, __enter__, __exit__, __getattr__, __getattribute__,
// __setattr__, __delattr__, __contains__, __getitem__, __setitem__,
// __delitem__, __iter__, __next__ in a for loop, __index__, __len__ for
// len()) are not listed: TestProbeDundersThatWork pins them. Neither is
// __format__: plain gpython cannot reach it, but the host's format(),
// str.format and f-string support (package pyfmt) call it.
var dunderMessages = map[string]string{
	// Silently wrong.
	"__eq__":            "gpython ignores a user-defined __eq__, so == and `in` would silently compare identity",
	"__ne__":            "gpython ignores a user-defined __ne__, so != would silently compare identity",
	"__hash__":          "gpython ignores a user-defined __hash__ (and __hash__ = None), so sets and dict keys would silently use identity",
	"__bool__":          "gpython ignores a user-defined __bool__, so every instance would silently be true in if, while and not",
	"__len__":           "gpython calls __len__ for len() but not for truth tests, so an empty instance would silently be true in if, while and not",
	"__new__":           "gpython never calls a user-defined __new__, so the class would silently build a plain instance",
	"__init_subclass__": "gpython never calls __init_subclass__, so the subclass set-up would silently not happen",
	"__set_name__":      "gpython never calls __set_name__, so the descriptor would silently not learn its name",
	"__get__":           "gpython has no descriptor protocol, so reading the attribute would silently return the descriptor object itself",
	"__set__":           "gpython has no descriptor protocol, so assigning the attribute would silently bypass __set__",
	"__del__":           "gpython never runs finalizers, so __del__ would silently never run",
	// Loud, but with an obscure error.
	"__delete__":        "gpython has no descriptor protocol, so deleting the attribute raises AttributeError instead of calling __delete__",
	"__call__":          "gpython cannot call instances of user classes, so obj(...) raises TypeError",
	"__lt__":            "gpython does not dispatch < to a user __lt__, so the comparison raises TypeError",
	"__le__":            "gpython does not dispatch <= to a user __le__, so the comparison raises TypeError",
	"__gt__":            "gpython does not dispatch > to a user __gt__, so the comparison raises TypeError",
	"__ge__":            "gpython does not dispatch >= to a user __ge__, so the comparison raises TypeError",
	"__int__":           "gpython does not dispatch int() to a user __int__, so it raises TypeError",
	"__float__":         "gpython does not dispatch float() to a user __float__, so it raises TypeError",
	"__complex__":       "gpython does not dispatch complex() to a user __complex__, so it raises TypeError",
	"__round__":         "gpython does not dispatch round() to a user __round__, so it raises TypeError",
	"__bytes__":         "gpython does not dispatch bytes() to a user __bytes__, so it raises TypeError",
	"__class_getitem__": "gpython does not dispatch Class[...] to __class_getitem__, so it raises TypeError",
	"__neg__":           "gpython does not dispatch unary - to a user __neg__, so it raises TypeError",
	"__pos__":           "gpython does not dispatch unary + to a user __pos__, so it raises TypeError",
	"__abs__":           "gpython does not dispatch abs() to a user __abs__, so it raises TypeError",
	"__invert__":        "gpython does not dispatch ~ to a user __invert__, so it raises TypeError",
}

// binaryDunders are the operator methods: gpython's operators only
// dispatch to Go types, so on a user class each raises TypeError.
// (__matmul__ is absent: gpython rejects the @ operator itself, which
// the syntax check names.)
var binaryDunders = map[string]string{
	"add": "+", "sub": "-", "mul": "*", "truediv": "/", "floordiv": "//", "mod": "%",
	"pow": "**", "lshift": "<<", "rshift": ">>", "and": "&", "xor": "^", "or": "|", "divmod": "divmod()",
}

func init() {
	for name, op := range binaryDunders {
		for _, prefix := range []string{"", "r", "i"} {
			what := op
			switch {
			case prefix == "r":
				what = op + " with the instance on the right"
			case prefix == "i" && name == "divmod":
				continue
			case prefix == "i":
				what = op + "="
			}
			dunder := "__" + prefix + name + "__"
			dunderMessages[dunder] = "gpython does not dispatch " + what + " to a user " + dunder + ", so it raises TypeError"
		}
	}
}

// builtinTypes cannot be subclassed in gpython: instantiating the
// subclass raises TypeError ("object() takes no parameters", "type
// 'dict' is not an acceptable base type").
var builtinTypes = map[string]bool{
	"str": true, "int": true, "float": true, "list": true, "dict": true, "tuple": true,
	"set": true, "frozenset": true, "bytes": true, "bool": true, "type": true,
}

// codeBuiltins are the builtins whose use the host refuses; the value is
// the construct name and the reason.
var codeBuiltins = map[string][2]string{
	"eval":       {"eval/exec/compile", "code built from a string bypasses the pre-pass and this check (gpython's eval('\"%s\" % None') gives '{}'), so the embedded host removes eval"},
	"exec":       {"eval/exec/compile", "code built from a string bypasses the pre-pass and this check, so the embedded host removes exec"},
	"compile":    {"eval/exec/compile", "code built from a string bypasses the pre-pass and this check, so the embedded host removes compile"},
	"globals":    {"globals/locals/vars", "the embedded host removes globals(): gpython crashes the whole process on the repr of a namespace that contains itself"},
	"locals":     {"globals/locals/vars", "the embedded host removes locals(): gpython crashes the whole process on the repr of a namespace that contains itself"},
	"vars":       {"globals/locals/vars", "the embedded host removes vars(): gpython crashes the whole process on the repr of a namespace that contains itself"},
	"input":      {"input/breakpoint", "a migration has no terminal: gpython's input() reads the host process's stdin, so the embedded host removes it"},
	"breakpoint": {"input/breakpoint", "gpython has no breakpoint() and a migration has no terminal"},
}
