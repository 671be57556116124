package pystdlib

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/go-python/gpython/py"

	"github.com/migrate-runner/migrate-runner/pyhost/embedded/pyfmt"
)

// Shared plumbing: argument binding with CPython's messages, type and
// exception construction that is safe after gpython's init, iteration.

// recursionError stands in for CPython's RecursionError, which gpython
// lacks: a RuntimeError subclass, so `except RuntimeError` catches it.
var recursionError = newExceptionType(py.RuntimeError, "RecursionError", "builtins", "Recursion limit exceeded.")

// bindArgs binds positional and keyword arguments to names the way
// CPython binds a Python-level signature: the first nreq names are
// required, at most maxPos may be given positionally (the rest are
// keyword-only), unknown keywords are a TypeError. Unset outputs stay nil.
func bindArgs(fn string, args py.Tuple, kwargs py.StringDict, names []string, nreq, maxPos int, out ...*py.Object) error {
	if len(out) != len(names) {
		panic("pystdlib: bindArgs called with mismatched names and outputs for " + fn)
	}
	if len(args) > maxPos {
		if maxPos == 0 {
			return py.ExceptionNewf(py.TypeError, "%s() takes no positional arguments", fn)
		}
		return py.ExceptionNewf(py.TypeError, "%s() takes at most %d positional argument%s (%d given)", fn, maxPos, plural(maxPos), len(args))
	}
	for i, a := range args {
		*out[i] = a
	}
	for k, v := range kwargs {
		i := indexOf(names, k)
		if i < 0 {
			return py.ExceptionNewf(py.TypeError, "%s() got an unexpected keyword argument '%s'", fn, k)
		}
		if i < len(args) {
			return py.ExceptionNewf(py.TypeError, "argument for %s() given by name ('%s') and position (%d)", fn, k, i+1)
		}
		*out[i] = v
	}
	for i := 0; i < nreq; i++ {
		if *out[i] == nil {
			return py.ExceptionNewf(py.TypeError, "%s() missing required argument '%s' (pos %d)", fn, names[i], i+1)
		}
	}
	return nil
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func indexOf(names []string, s string) int {
	for i, n := range names {
		if n == s {
			return i
		}
	}
	return -1
}

// noKwargs rejects keyword arguments for functions that take none.
func noKwargs(fn string, kwargs py.StringDict) error {
	if len(kwargs) > 0 {
		return py.ExceptionNewf(py.TypeError, "%s() takes no keyword arguments", fn)
	}
	return nil
}

// newGoType makes a type for a Go-implemented object. It avoids
// py.NewType, which appends to a process-global, unlocked list that is
// only drained at gpython's init; a type built here is readied at once,
// so namedtuple() may run in concurrent contexts.
func newGoType(name, doc string, newFn py.NewFunc) *py.Type {
	t := &py.Type{ObjectType: py.TypeType, Name: name, Doc: doc, New: newFn, Dict: py.StringDict{}}
	if err := t.Ready(); err != nil {
		panic(fmt.Sprintf("pystdlib: readying type %s: %v", name, err))
	}
	return t
}

// newExceptionType makes an exception class under base. It is built by
// hand rather than with base.NewType, which appends to gpython's global,
// unlocked list of types to ready. The metatype is type (gpython gives
// subclasses their parent as metatype, which breaks `class E(json.
// JSONDecodeError)`), and Ready computes the MRO, without which `except
// ValueError` would not catch the subclass.
func newExceptionType(base *py.Type, name, module, doc string) *py.Type {
	t := &py.Type{
		ObjectType: py.TypeType,
		Name:       name,
		Doc:        doc,
		New:        base.New,
		Init:       base.Init,
		Flags:      (base.Flags | py.TPFLAGS_BASE_EXC_SUBCLASS) &^ py.TPFLAGS_READY,
		Base:       base,
		Bases:      py.Tuple{base},
		Dict:       py.StringDict{"__module__": py.String(module)},
	}
	if err := t.Ready(); err != nil {
		panic(fmt.Sprintf("pystdlib: readying exception %s: %v", name, err))
	}
	return t
}

// method builds a *py.Method from a function taking (self, args, kwargs).
func method(name, doc string, fn func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error)) *py.Method {
	return py.MustNewMethod(name, fn, 0, doc)
}

// classMethod is a method reached through the class (chain.from_iterable,
// OrderedDict.fromkeys, Point._make) that takes no instance; the
// compatibility layer's type lookup honours METH_STATIC.
func classMethod(name, doc string, fn func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error)) *py.Method {
	return py.MustNewMethod(name, fn, py.METH_STATIC, doc)
}

// unbound recovers the receiver of a method from a class dict that
// gpython called without binding it (object.__init__ and the dunder
// dispatch for Python subclasses pass the instance as the first
// argument, and the method's own self is its nil module).
func unbound(self py.Object, args py.Tuple) (py.Object, py.Tuple) {
	if _, isModule := self.(*py.Module); (isModule || self == nil) && len(args) > 0 {
		return args[0], args[1:]
	}
	return self, args
}

// isStop reports whether err ends an iteration.
func isStop(err error) bool {
	return err == py.StopIteration || py.IsException(py.StopIteration, err)
}

// next advances an iterator: (item, true, nil), (nil, false, nil) at the
// end, or an error.
func next(it py.Object) (py.Object, bool, error) {
	o, err := py.Next(it)
	if err != nil {
		if isStop(err) {
			return nil, false, nil
		}
		return nil, false, err
	}
	return o, true, nil
}

// iterate calls fn for each item of an iterable; fn returning false stops.
func iterate(o py.Object, fn func(py.Object) (bool, error)) error {
	switch x := o.(type) {
	case py.Tuple:
		for _, it := range x {
			if more, err := fn(it); err != nil || !more {
				return err
			}
		}
		return nil
	case *py.List:
		for i := 0; i < len(x.Items); i++ { // the list may change under fn
			if more, err := fn(x.Items[i]); err != nil || !more {
				return err
			}
		}
		return nil
	}
	it, err := py.Iter(o)
	if err != nil {
		return err
	}
	for {
		item, ok, err := next(it)
		if err != nil || !ok {
			return err
		}
		if more, err := fn(item); err != nil || !more {
			return err
		}
	}
}

// toSlice materialises an iterable.
func toSlice(o py.Object) ([]py.Object, error) {
	switch x := o.(type) {
	case py.Tuple:
		return append([]py.Object(nil), x...), nil
	case *py.List:
		return append([]py.Object(nil), x.Items...), nil
	}
	var out []py.Object
	err := iterate(o, func(item py.Object) (bool, error) {
		out = append(out, item)
		return true, nil
	})
	return out, err
}

// truth is Python's bool(o).
func truth(o py.Object) (bool, error) {
	b, err := py.MakeBool(o)
	if err != nil {
		return false, err
	}
	return b == py.True, nil
}

// eq is Python's a == b as a Go bool. gpython ignores a user class's
// __eq__ (instances compare by identity), so it is called here when the
// class defines one.
func eq(a, b py.Object) (bool, error) {
	if isGoIdentityComparable(a) && isGoIdentityComparable(b) && a == b {
		return true, nil
	}
	if inst, ok := a.(*py.Type); ok && isInstance(inst) {
		if res, found, err := callUserMethod(inst, "__eq__", b); found {
			if err != nil {
				return false, err
			}
			if res != py.NotImplemented {
				return truth(res)
			}
		}
	}
	res, err := py.Eq(a, b)
	if err != nil {
		if py.IsException(py.TypeError, err) {
			return false, nil // gpython raises for unrelated types of the same Go kind
		}
		return false, err
	}
	return truth(res)
}

// isGoIdentityComparable reports whether == on the interfaces cannot
// panic and implies Python equality (pointers and scalars other than
// floats, whose NaN is not equal to itself).
func isGoIdentityComparable(o py.Object) bool {
	switch o.(type) {
	case py.Int, py.String, py.Bool, py.NoneType, *py.Type, *py.Function, *py.Method, *py.List, *py.BigInt:
		return true
	}
	return false
}

// isInstance tells a user-class instance from a class: gpython
// represents both as *py.Type and tells them apart by the empty name.
func isInstance(t *py.Type) bool { return t.Name == "" }

// callUserMethod calls a method defined in Python on an instance's class,
// when the class (not object) defines it.
func callUserMethod(inst *py.Type, name string, args ...py.Object) (py.Object, bool, error) {
	cls := inst.Type()
	if cls == nil {
		return nil, false, nil
	}
	fn := cls.Lookup(name)
	if fn == nil {
		return nil, false, nil
	}
	if _, ok := fn.(*py.Function); !ok {
		return nil, false, nil
	}
	res, err := py.Call(fn, append(py.Tuple{inst}, args...), nil)
	return res, true, err
}

// repr is CPython's repr (pyfmt's: gpython's own gets a 1-tuple and
// floats wrong); it exists so that containers share one spot.
func repr(o py.Object) (string, error) {
	if o == nil {
		return "<NULL>", nil
	}
	return pyfmt.Repr(o)
}

// typeName is the name CPython shows in error messages.
func typeName(o py.Object) string {
	if o == nil {
		return "NoneType"
	}
	if t, ok := o.(*py.Type); ok && isInstance(t) {
		if c := t.Type(); c != nil {
			return c.Name
		}
	}
	if t := o.Type(); t != nil {
		return t.Name
	}
	return fmt.Sprintf("%T", o)
}

// reprJoin joins the reprs of items with ", ".
func reprJoin(items []py.Object) (string, error) {
	var b strings.Builder
	for i, it := range items {
		if i > 0 {
			b.WriteString(", ")
		}
		s, err := repr(it)
		if err != nil {
			return "", err
		}
		b.WriteString(s)
	}
	return b.String(), nil
}

// asInt converts an index-like object to a Go int.
func asInt(o py.Object, what string) (int, error) {
	switch x := o.(type) {
	case py.Bool:
		if x {
			return 1, nil
		}
		return 0, nil
	case py.Int:
		return int(x), nil
	}
	i, err := py.Index(o)
	if err != nil {
		return 0, py.ExceptionNewf(py.TypeError, "%s must be an integer, not %s", what, typeName(o))
	}
	return int(i), nil
}

// isNone reports whether o is absent or None.
func isNone(o py.Object) bool {
	return o == nil || o == py.None
}

// runeOffsets maps between byte offsets (Go) and code-point offsets
// (Python) in one string. ASCII strings need no table.
type runeOffsets struct {
	s      string
	ascii  bool
	byteAt []int // byteAt[i] = byte offset of code point i; len = runes+1
}

func newRuneOffsets(s string) *runeOffsets {
	r := &runeOffsets{s: s, ascii: true}
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			r.ascii = false
			break
		}
	}
	if !r.ascii {
		r.byteAt = make([]int, 0, len(s)+1)
		for i := range s { // range steps by rune; invalid bytes count as one rune each, as gpython's len does
			r.byteAt = append(r.byteAt, i)
		}
		r.byteAt = append(r.byteAt, len(s))
	}
	return r
}

// runes is the length in code points.
func (r *runeOffsets) runes() int {
	if r.ascii {
		return len(r.s)
	}
	return len(r.byteAt) - 1
}

// char converts a byte offset to a code-point offset (-1 stays -1).
func (r *runeOffsets) char(b int) int {
	if b < 0 || r.ascii {
		return b
	}
	lo, hi := 0, len(r.byteAt)-1
	for lo < hi {
		mid := (lo + hi) / 2
		if r.byteAt[mid] < b {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}

// byteOf converts a code-point offset, clamped to [0, runes], to bytes.
func (r *runeOffsets) byteOf(c int) int {
	if c < 0 {
		c = 0
	}
	if n := r.runes(); c > n {
		c = n
	}
	if r.ascii {
		return c
	}
	return r.byteAt[c]
}

func itoa(i int) string { return strconv.Itoa(i) }
