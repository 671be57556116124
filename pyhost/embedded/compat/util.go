package compat

import (
	"fmt"
	"reflect"
	"sort"

	"github.com/go-python/gpython/py"
)

func typeErrorf(format string, a ...any) error {
	return py.ExceptionNewf(py.TypeError, format, a...)
}

func valueErrorf(format string, a ...any) error {
	return py.ExceptionNewf(py.ValueError, format, a...)
}

func attributeErrorf(format string, a ...any) error {
	return py.ExceptionNewf(py.AttributeError, format, a...)
}

// newException builds an exception instance whose args are exactly args,
// as CPython's KeyError(key) does (no message formatting).
func newException(t *py.Type, args ...py.Object) *py.Exception {
	return &py.Exception{Base: t, Args: py.Tuple(args), Dict: py.StringDict{}}
}

// typeName is type(o).__name__, safe for a Go nil (which gpython's tuple
// concatenation bug can leave in a tuple).
func typeName(o py.Object) string {
	if o == nil {
		return "<Go nil>"
	}
	return displayName(o.Type())
}

// cpythonNames are the names CPython gives the built-in types that
// gpython names differently.
var cpythonNames = map[string]string{
	"bigint":       "int",
	"complex64":    "complex",
	"boundmethod":  "method",
	"method":       "builtin_function_or_method",
	"EllipsisType": "ellipsis",
}

// displayName is t.__name__ as CPython spells it.
func displayName(t *py.Type) string {
	if t == nil {
		return "object"
	}
	if n, ok := cpythonNames[t.Name]; ok && t.Flags&py.TPFLAGS_HEAPTYPE == 0 {
		return n
	}
	return t.Name
}

// errNil is returned instead of dereferencing a Go nil object.
func errNil(where string) error {
	return py.ExceptionNewf(py.SystemError, "%s: Go nil object where a Python object was expected (corrupted tuple?)", where)
}

// recoverTo turns a Go panic inside a builtin into a Python SystemError
// naming the builtin, so a bug here cannot take the host down. A panic
// that must reach the host (a for loop's iterator failing, see
// IterationError) is passed on: the Python frames it crossed were
// unwound without their except and finally blocks.
func recoverTo(where string, err *error) {
	if r := recover(); r != nil {
		if f, ok := r.(interface{ FatalToScript() }); ok {
			panic(f)
		}
		*err = py.ExceptionNewf(py.SystemError, "%s: internal error: %v", where, r)
	}
}

// isClass reports whether t is a class rather than an instance of a user
// class: gpython represents both as *py.Type and only the metatype tells
// them apart.
func isClass(t *py.Type) bool {
	mt := t.Type()
	return mt != nil && mt.IsSubtype(py.TypeType)
}

// userInstance returns o as an instance of a user class, or nil.
func userInstance(o py.Object) *py.Type {
	if t, ok := o.(*py.Type); ok && !isClass(t) {
		return t
	}
	return nil
}

// lookupMro finds name along cls's MRO without binding it.
func lookupMro(cls *py.Type, name string) py.Object {
	if cls == nil {
		return nil
	}
	if v, ok := cls.Dict[name]; ok {
		return v
	}
	return cls.Lookup(name)
}

// lookupMroOwner is lookupMro that also returns the class whose dict
// holds the attribute.
func lookupMroOwner(cls *py.Type, name string) (py.Object, *py.Type) {
	if v, ok := cls.Dict[name]; ok {
		return v, cls
	}
	for _, m := range cls.Mro {
		if t, ok := m.(*py.Type); ok {
			if v, ok := t.Dict[name]; ok {
				return v, t
			}
		}
	}
	return nil, nil
}

// userSpecial finds a special method defined in Python code (a heap
// type) along the class's MRO. Go types' own slots are not returned:
// those are reached through gpython's Go interfaces.
func userSpecial(cls *py.Type, name string) py.Object {
	if cls == nil {
		return nil
	}
	mro := cls.Mro
	if len(mro) == 0 {
		mro = py.Tuple{cls}
	}
	for _, m := range mro {
		t, ok := m.(*py.Type)
		if !ok || t.Flags&py.TPFLAGS_HEAPTYPE == 0 {
			continue
		}
		if v, ok := t.Dict[name]; ok {
			return v
		}
	}
	return nil
}

// callUserSpecial calls a user special method on an instance of a user
// class. found is false when the class does not define it.
func callUserSpecial(self py.Object, name string, args ...py.Object) (res py.Object, found bool, err error) {
	inst := userInstance(self)
	if inst == nil {
		return nil, false, nil
	}
	fn := userSpecial(inst.Type(), name)
	if fn == nil {
		return nil, false, nil
	}
	if fn == py.None {
		return nil, true, typeErrorf("'%s' object is not callable (%s is None)", inst.Type().Name, name)
	}
	call := make(py.Tuple, 0, len(args)+1)
	call = append(call, self)
	call = append(call, args...)
	res, err = py.Call(fn, call, nil)
	return res, true, err
}

// identical is Python's `is` for gpython objects without the Go panic
// that == on two interfaces holding slices or maps would raise.
func identical(a, b py.Object) (same bool) {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	// The common kinds first: reflect would allocate.
	switch x := a.(type) {
	case py.Int:
		y, ok := b.(py.Int)
		return ok && x == y
	case py.String:
		y, ok := b.(py.String)
		return ok && x == y
	case py.Float:
		y, ok := b.(py.Float)
		return ok && x == y
	case py.Bool:
		y, ok := b.(py.Bool)
		return ok && x == y
	case py.NoneType:
		_, ok := b.(py.NoneType)
		return ok
	case py.Tuple:
		y, ok := b.(py.Tuple)
		return ok && len(x) == len(y) && (len(x) == 0 || &x[0] == &y[0])
	case py.Bytes:
		y, ok := b.(py.Bytes)
		return ok && len(x) == len(y) && (len(x) == 0 || &x[0] == &y[0])
	case py.StringDict:
		y, ok := b.(py.StringDict)
		return ok && reflect.ValueOf(x).Pointer() == reflect.ValueOf(y).Pointer()
	case *py.List:
		y, ok := b.(*py.List)
		return ok && x == y
	case *py.Type:
		y, ok := b.(*py.Type)
		return ok && x == y
	}
	ta, tb := reflect.TypeOf(a), reflect.TypeOf(b)
	if ta != tb {
		return false
	}
	switch ta.Kind() {
	case reflect.Slice, reflect.Map, reflect.Func:
		return reflect.ValueOf(a).Pointer() == reflect.ValueOf(b).Pointer()
	}
	if !ta.Comparable() {
		return false
	}
	// A comparable struct may still hold an uncomparable interface value.
	defer func() {
		if recover() != nil {
			same = false
		}
	}()
	return a == b
}

// truth is bool(o) as CPython computes it: user __bool__ then __len__
// (gpython's MakeBool only knows Go types).
func truth(o py.Object) (bool, error) {
	if o == nil {
		return false, errNil("bool()")
	}
	if inst := userInstance(o); inst != nil {
		if res, found, err := callUserSpecial(o, "__bool__"); found {
			if err != nil {
				return false, err
			}
			b, ok := res.(py.Bool)
			if !ok {
				return false, typeErrorf("__bool__ should return bool, returned %s", typeName(res))
			}
			return bool(b), nil
		}
		if res, found, err := callUserSpecial(o, "__len__"); found {
			if err != nil {
				return false, err
			}
			n, err := py.Index(res)
			if err != nil {
				return false, typeErrorf("'%s' object cannot be interpreted as an integer", typeName(res))
			}
			if n < 0 {
				return false, valueErrorf("__len__() should return >= 0")
			}
			return n != 0, nil
		}
		return true, nil
	}
	b, err := py.MakeBool(o)
	if err != nil {
		return false, err
	}
	bb, ok := b.(py.Bool)
	if !ok {
		return false, typeErrorf("__bool__ should return bool, returned %s", typeName(b))
	}
	return bool(bb), nil
}

// isStopIteration reports whether err ends an iteration: gpython's own
// iterators return the StopIteration class, a Python `raise
// StopIteration` gives an instance.
func isStopIteration(err error) bool {
	if err == nil {
		return false
	}
	if t, ok := err.(*py.Type); ok {
		return t == py.StopIteration || t.IsSubtype(py.StopIteration)
	}
	return py.IsException(py.StopIteration, err)
}

// iterate calls fn for each item of obj until fn returns stop or an
// error. Lists are read live by index, as CPython's list iterator does.
func iterate(obj py.Object, fn func(item py.Object) (stop bool, err error)) error {
	if obj == nil {
		return errNil("iteration")
	}
	switch x := obj.(type) {
	case py.Tuple:
		for _, item := range x {
			if stop, err := fn(item); stop || err != nil {
				return err
			}
		}
		return nil
	case py.StringDict:
		// gpython walks a dict in Go's random map order; list(d), tuple(d)
		// and friends see its keys in one deterministic order instead, the
		// order keys() gives.
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if stop, err := fn(py.String(k)); stop || err != nil {
				return err
			}
		}
		return nil
	case *py.List:
		for i := 0; i < len(x.Items); i++ {
			if stop, err := fn(x.Items[i]); stop || err != nil {
				return err
			}
		}
		return nil
	case py.String:
		for _, r := range string(x) {
			if stop, err := fn(py.String(string(r))); stop || err != nil {
				return err
			}
		}
		return nil
	case py.Bytes:
		for _, b := range x {
			if stop, err := fn(py.Int(b)); stop || err != nil {
				return err
			}
		}
		return nil
	}
	it, err := py.Iter(obj)
	if err != nil {
		return err
	}
	for {
		item, err := py.Next(it)
		if err != nil {
			if isStopIteration(err) {
				return nil
			}
			return err
		}
		if item == nil {
			return errNil("iteration")
		}
		if stop, err := fn(item); stop || err != nil {
			return err
		}
	}
}

// toSlice collects the items of an iterable into a fresh slice.
func toSlice(obj py.Object) ([]py.Object, error) {
	switch x := obj.(type) {
	case py.Tuple:
		return append([]py.Object(nil), x...), nil
	case *py.List:
		return append([]py.Object(nil), x.Items...), nil
	}
	var out []py.Object
	err := iterate(obj, func(item py.Object) (bool, error) {
		out = append(out, item)
		return false, nil
	})
	return out, err
}

// checkNoNil rejects Go nils in a tuple (the signature of gpython's
// tuple concatenation bug) before they reach code that would panic.
func checkNoNil(where string, items []py.Object) error {
	for _, it := range items {
		if it == nil {
			return errNil(where)
		}
	}
	return nil
}

// argParser binds positional and keyword arguments to names as CPython's
// argument clinic does. Names after "*" are keyword-only; the first
// nreq names are required.
type argParser struct {
	fname string
	names []string
	nreq  int
}

func (p argParser) parse(args py.Tuple, kwargs py.StringDict, out ...*py.Object) error {
	npos := len(p.names)
	for i, n := range p.names {
		if n == "*" {
			npos = i
			break
		}
	}
	slots := make(map[string]*py.Object, len(p.names))
	j := 0
	for _, n := range p.names {
		if n == "*" {
			continue
		}
		slots[n] = out[j]
		j++
	}
	if len(args) > npos {
		if npos == len(p.names) && p.nreq == npos {
			return typeErrorf("%s() takes exactly %d argument%s (%d given)", p.fname, npos, plural(npos), len(args))
		}
		return typeErrorf("%s() takes at most %d argument%s (%d given)", p.fname, npos, plural(npos), len(args))
	}
	for i, a := range args {
		*out[i] = a
	}
	for k, v := range kwargs {
		slot, ok := slots[k]
		if !ok {
			return typeErrorf("%s() got an unexpected keyword argument '%s'", p.fname, k)
		}
		if *slot != nil {
			return typeErrorf("argument for %s() given by name ('%s') and position", p.fname, k)
		}
		*slot = v
	}
	j = 0
	for _, n := range p.names {
		if n == "*" {
			continue
		}
		if j < p.nreq && *out[j] == nil {
			return typeErrorf("%s() missing required argument '%s' (pos %d)", p.fname, n, j+1)
		}
		j++
	}
	return nil
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// noKwargs rejects keyword arguments for builtins that take none.
func noKwargs(fname string, kwargs py.StringDict) error {
	if len(kwargs) != 0 {
		return typeErrorf("%s() takes no keyword arguments", fname)
	}
	return nil
}

// nargs checks the positional argument count.
func nargs(fname string, args py.Tuple, min, max int) error {
	switch {
	case min == max && len(args) != min:
		if min == 0 {
			return typeErrorf("%s() takes no arguments (%d given)", fname, len(args))
		}
		return typeErrorf("%s() takes exactly %s (%d given)", fname, argCount(min), len(args))
	case len(args) < min:
		return typeErrorf("%s() takes at least %s (%d given)", fname, argCount(min), len(args))
	case max >= 0 && len(args) > max:
		return typeErrorf("%s() takes at most %s (%d given)", fname, argCount(max), len(args))
	}
	return nil
}

func argCount(n int) string {
	if n == 1 {
		return "one argument"
	}
	return fmt.Sprintf("%d arguments", n)
}

// method wraps fn as a method for a type's dict, with keyword support
// and a Go panic guard.
//
// gpython calls a method found in a type dict in two ways: bound (self
// is the instance) or, through TypeCall/CallMethod and unbound calls,
// with self set to the method's nil *py.Module and the instance as the
// first argument. The wrapper turns the second form into the first.
func method(name, doc string, fn func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error)) *py.Method {
	return py.MustNewMethod(name, func(self py.Object, args py.Tuple, kwargs py.StringDict) (res py.Object, err error) {
		defer recoverTo(name, &err)
		if unboundSelf(self) {
			if len(args) == 0 {
				return nil, typeErrorf("unbound method %s() needs an argument", name)
			}
			self, args = args[0], args[1:]
		}
		return fn(self, args, kwargs)
	}, 0, doc)
}

// staticMethod wraps fn as a static method for a type's dict: it never
// receives an instance, however it is reached.
func staticMethod(name, doc string, fn func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error)) *py.Method {
	m := py.MustNewMethod(name, func(_ py.Object, args py.Tuple, kwargs py.StringDict) (res py.Object, err error) {
		defer recoverTo(name, &err)
		return fn(nil, args, kwargs)
	}, py.METH_STATIC, doc)
	return m
}

// unboundSelf reports whether self is the placeholder gpython passes
// when a type-dict method is called without an instance.
func unboundSelf(self py.Object) bool {
	if self == nil {
		return true
	}
	m, ok := self.(*py.Module)
	return ok && m == nil
}

// addMissing puts m into t's dict unless gpython already has the name,
// so upstream implementations win when they exist.
func addMissing(t *py.Type, m *py.Method) {
	if _, ok := t.Dict[m.Name]; !ok {
		t.Dict[m.Name] = m
	}
}

// asIndex converts an index argument (int, bool, __index__) to a Go int.
func asIndex(o py.Object, what string) (int, error) {
	if o == nil || o == py.None {
		return 0, typeErrorf("%s must be an integer, not NoneType", what)
	}
	i, err := py.Index(o)
	if err != nil {
		return 0, typeErrorf("'%s' object cannot be interpreted as an integer", typeName(o))
	}
	return int(i), nil
}

// sliceBounds normalises the optional start/end arguments of
// list.index and tuple.index (negatives from the end, clamped) for a
// sequence of length n.
func sliceBounds(start, end py.Object, n int) (int, int, error) {
	s, e := 0, n
	for i, o := range []py.Object{start, end} {
		if o == nil {
			continue
		}
		v, err := asIndex(o, "slice indices")
		if err != nil {
			return 0, 0, typeErrorf("slice indices must be integers or have an __index__ method")
		}
		if i == 0 {
			s = clampIndex(v, n)
		} else {
			e = clampIndex(v, n)
		}
	}
	return s, e, nil
}

func clampIndex(v, n int) int {
	if v < 0 {
		v += n
		if v < 0 {
			v = 0
		}
	}
	if v > n {
		v = n
	}
	return v
}
