package pyfmt

import (
	"fmt"

	"github.com/go-python/gpython/py"
)

// MaxWidth bounds every width, and every precision that produces
// characters (float digits, zero-padded %d), that the formatters accept.
// CPython would try to allocate the string and raise MemoryError when it
// cannot; a migration host should not allocate gigabytes because a
// script asked for '%.2000000000f', so it raises MemoryError earlier.
var MaxWidth = 1 << 24

// cpythonTypeNames maps gpython's internal type names to the names
// CPython shows for the same types in reprs and error messages.
var cpythonTypeNames = map[string]string{
	"bigint":       "int",
	"complex64":    "complex",
	"boundmethod":  "method",
	"method":       "builtin_function_or_method",
	"EllipsisType": "ellipsis",
}

// typeName is the CPython name of o's type, as used in error messages
// (tp_name): "int" for gpython's bigint, "A" for an instance of class A.
func typeName(o py.Object) string {
	if o == nil {
		return "NoneType"
	}
	if t, ok := o.(*py.Type); ok && isClass(t) {
		// gpython gives classes their base class as type unless the
		// host fixed the metatypes; in CPython they are all 'type'.
		return "type"
	}
	return typeNameOf(o.Type())
}

func typeNameOf(t *py.Type) string {
	if t == nil {
		return "object"
	}
	if n, ok := cpythonTypeNames[t.Name]; ok && t.Flags&py.TPFLAGS_HEAPTYPE == 0 {
		return n
	}
	return t.Name
}

// isClass tells a class from an instance of a user class: gpython
// represents both as *py.Type. Classes are readied (they have an MRO) or
// named; instances made by Type.Alloc have neither.
func isClass(t *py.Type) bool {
	return len(t.Mro) > 0 || t.Name != ""
}

// classRepr is CPython's type_repr: <class 'module.Qualname'>, with the
// module left out for built-in types.
func classRepr(t *py.Type) string {
	name := t.Qualname
	if name == "" || t.Flags&py.TPFLAGS_HEAPTYPE == 0 {
		name = typeNameOf(t)
	}
	if mod, ok := t.Dict["__module__"].(py.String); ok && mod != "builtins" {
		return fmt.Sprintf("<class '%s.%s'>", string(mod), name)
	}
	return fmt.Sprintf("<class '%s'>", name)
}

// qualifiedName is "module.Qualname" for a class, the way object.__repr__
// names an instance's class.
func qualifiedName(t *py.Type) string {
	name := t.Qualname
	if name == "" || t.Flags&py.TPFLAGS_HEAPTYPE == 0 {
		name = typeNameOf(t)
	}
	if mod, ok := t.Dict["__module__"].(py.String); ok && mod != "builtins" {
		return string(mod) + "." + name
	}
	return name
}

// lookupSpecial finds a special method a user class defines (CPython's
// _PyObject_LookupSpecial): only heap types (classes built by Python
// code) are searched, so gpython's own Go types and whatever Go methods
// other packages put in built-in type dicts are never called with a
// foreign self.
func lookupSpecial(cls *py.Type, name string) py.Object {
	if cls == nil {
		return nil
	}
	if len(cls.Mro) == 0 {
		if cls.Flags&py.TPFLAGS_HEAPTYPE != 0 {
			if fn, ok := cls.Dict[name]; ok {
				return fn
			}
		}
		return nil
	}
	for _, m := range cls.Mro {
		t, ok := m.(*py.Type)
		if !ok || t.Flags&py.TPFLAGS_HEAPTYPE == 0 {
			continue
		}
		if fn, ok := t.Dict[name]; ok {
			return fn
		}
	}
	return nil
}

// callSpecial calls a special method found by lookupSpecial, bound to
// self, with args.
func callSpecial(fn, self py.Object, cls *py.Type, args ...py.Object) (py.Object, error) {
	if g, ok := fn.(py.I__get__); ok {
		bound, err := g.M__get__(self, cls)
		if err != nil {
			return nil, err
		}
		return py.Call(bound, py.Tuple(args), nil)
	}
	return py.Call(fn, append(py.Tuple{self}, args...), nil)
}

// errNilObject is what every entry point returns for a Go nil where a
// Python object belongs: gpython's tuple concatenation bug leaves those
// in tuples, and printing one must fail loudly instead of crashing.
func errNilObject() error {
	return py.ExceptionNewf(py.SystemError, "Go nil object where a Python object was expected (corrupted tuple from gpython's tuple concatenation?)")
}

// recoverPanic turns a Go panic inside gpython (reached through a user
// __repr__, __format__ and the like) into a SystemError, so that no
// caller of this package can be crashed by formatting a value.
//
// A panic that must stop the script (one with a FatalToScript method,
// such as the compatibility layer's for-loop iteration error) goes on.
func recoverPanic(err *error) {
	if r := recover(); r != nil {
		if _, fatal := r.(interface{ FatalToScript() }); fatal {
			panic(r)
		}
		*err = py.ExceptionNewf(py.SystemError, "Go panic while formatting: %v", r)
	}
}

func valueError(format string, a ...any) error {
	return py.ExceptionNewf(py.ValueError, format, a...)
}

func typeError(format string, a ...any) error {
	return py.ExceptionNewf(py.TypeError, format, a...)
}

func widthError(what string, n int) error {
	return py.ExceptionNewf(py.MemoryError, "%s %d exceeds the host's formatting limit (%d)", what, n, MaxWidth)
}
