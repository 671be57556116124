package compat

import (
	"reflect"
	"sort"
	"strings"

	"github.com/go-python/gpython/py"
)

// Builtins installs this package's builtins into one context:
// sorted, min, max, reversed, isinstance, issubclass, super, property,
// round, id, hash, len, callable, dir, sum, iter, getattr, hasattr, the
// __build_class__ wrapper and the support functions the source pre-pass
// emits: __mr_add__, __mr_iadd__, __mr_lt__, __mr_le__, __mr_gt__,
// __mr_ge__, __mr_id__ (alias __mr_deco__) and __mr_iter__. It calls
// Install first.
func Builtins(ctx py.Context) {
	Install()
	b := ctx.Store().Builtins.Globals
	def := func(name, doc string, fn func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error)) {
		b[name] = py.MustNewMethod(name, func(self py.Object, args py.Tuple, kwargs py.StringDict) (res py.Object, err error) {
			defer recoverTo(name, &err)
			return fn(self, args, kwargs)
		}, 0, doc)
	}
	def("sorted", "sorted(iterable, /, *, key=None, reverse=False) -> new sorted list", builtinSorted)
	def("min", "min(iterable, *[, default=obj, key=func]) / min(arg1, arg2, *args, *[, key=func]) -> value", minMax("min", opLT))
	def("max", "max(iterable, *[, default=obj, key=func]) / max(arg1, arg2, *args, *[, key=func]) -> value", minMax("max", opGT))
	def("reversed", "reversed(sequence, /) -> reverse iterator", builtinReversed)
	dictBuiltins(def)
	def("isinstance", "isinstance(obj, class_or_tuple, /) -> bool", builtinIsinstance)
	def("issubclass", "issubclass(cls, class_or_tuple, /) -> bool", builtinIssubclass)
	def("super", "super(type, obj) -> bound super object", builtinSuper)
	def("round", "round(number, ndigits=None) -> number", builtinRound)
	def("id", "id(obj, /) -> int", func(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		if err := oneArg("id", args, kwargs); err != nil {
			return nil, err
		}
		return uintToInt(objectID(args[0])), nil
	})
	def("hash", "hash(obj, /) -> int", func(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		if err := oneArg("hash", args, kwargs); err != nil {
			return nil, err
		}
		h, err := hashObject(args[0])
		if err != nil {
			return nil, err
		}
		return py.Int(h), nil
	})
	def("len", "len(obj, /) -> int", builtinLen)
	def("callable", "callable(obj, /) -> bool", func(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		if err := oneArg("callable", args, kwargs); err != nil {
			return nil, err
		}
		return py.NewBool(isCallable(args[0])), nil
	})
	def("dir", "dir(obj) -> sorted list of attribute names", builtinDir)
	def("sum", "sum(iterable, /, start=0) -> value", builtinSum)
	def("iter", "iter(iterable) -> iterator; iter(callable, sentinel) -> iterator", builtinIter)
	def("getattr", "getattr(object, name[, default]) -> value", builtinGetattr)
	def("hasattr", "hasattr(obj, name, /) -> bool", builtinHasattr)
	def("__mr_add__", "__mr_add__(a, b) -> a + b with CPython semantics (emitted by the source pre-pass)", func(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		if len(args) != 2 || len(kwargs) != 0 {
			return nil, typeErrorf("__mr_add__ expected 2 arguments, got %d", len(args))
		}
		return mrAdd(args[0], args[1])
	})
	def("__mr_iadd__", "__mr_iadd__(a, b) -> the value of a after a += b (emitted by the source pre-pass)", func(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		if len(args) != 2 || len(kwargs) != 0 {
			return nil, typeErrorf("__mr_iadd__ expected 2 arguments, got %d", len(args))
		}
		return mrIAdd(args[0], args[1])
	})
	// gpython's parser turns a dotted decorator (@x.setter) into one
	// name "x.setter"; the pre-pass rewrites it to @__mr_deco__(x.setter).
	def("__mr_deco__", "__mr_deco__(decorator) -> decorator (emitted by the source pre-pass for dotted decorators)", func(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		if err := oneArg("__mr_deco__", args, kwargs); err != nil {
			return nil, err
		}
		return args[0], nil
	})
	// The pre-pass lowers every ordering comparison that is not chained,
	// a < b, to __mr_lt__(a, b) and so on: gpython's own operators cannot
	// order tuples or lists and ignore a user __lt__.
	for name, op := range map[string]cmpOp{"__mr_lt__": opLT, "__mr_le__": opLE, "__mr_gt__": opGT, "__mr_ge__": opGE} {
		op := op
		def(name, name+"(a, b) -> a "+op.symbol()+" b with CPython semantics (emitted by the source pre-pass)",
			func(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
				if len(args) != 2 || len(kwargs) != 0 {
					return nil, typeErrorf("%s expected 2 arguments, got %d", name, len(args))
				}
				r, err := compareOp(args[0], args[1], op)
				if err != nil {
					return nil, err
				}
				return py.NewBool(r), nil
			})
	}
	b["__mr_id__"] = b["__mr_deco__"] // the pre-pass's name for the dotted-decorator identity
	// The pre-pass wraps every for-loop iterable: `for x in E` becomes
	// `for x in __mr_iter__(E)` (see iter.go); recoverTo lets the loop
	// iterator's panic through.
	def("__mr_iter__", "__mr_iter__(iterable) -> for-loop iterator that cannot end silently on an error (emitted by the source pre-pass)", func(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		if err := oneArg("__mr_iter__", args, kwargs); err != nil {
			return nil, err
		}
		return mrIter(args[0])
	})
	b["property"] = propertyType
	if orig := originalBuildClass(); orig != nil {
		def("__build_class__", "__build_class__(func, name, /, *bases, [metaclass], **kwds) -> class", buildClass(orig))
	}
}

// originalBuildClass is gpython's own __build_class__, taken from the
// builtins module's definition so that wrapping is idempotent.
func originalBuildClass() *py.Method {
	impl := py.GetModuleImpl("builtins")
	if impl == nil {
		return nil
	}
	for _, m := range impl.Methods {
		if m.Name == "__build_class__" {
			return m
		}
	}
	return nil
}

func oneArg(name string, args py.Tuple, kwargs py.StringDict) error {
	if err := noKwargs(name, kwargs); err != nil {
		return err
	}
	if len(args) != 1 {
		return typeErrorf("%s() takes exactly one argument (%d given)", name, len(args))
	}
	if args[0] == nil {
		return errNil(name)
	}
	return nil
}

// normClass maps gpython's separate big-int type onto int for type
// checks: in CPython 2**70 is an int.
func normClass(t *py.Type) *py.Type {
	if t == py.BigIntType {
		return py.IntType
	}
	return t
}

// isSubclass is issubclass(t, cls) by MRO, plus CPython's numeric tower
// facts gpython's types miss (bool and big ints are ints).
func isSubclass(t, cls *py.Type) bool {
	t, cls = normClass(t), normClass(cls)
	if t == cls || t.IsSubtype(cls) {
		return true
	}
	if cls == py.IntType && t.IsSubtype(py.BoolType) {
		return true
	}
	if cls == py.StringDictType && isDictClass(t) {
		return true
	}
	return false
}

// classCheck walks a class or (nested) tuple of classes.
func classCheck(fname string, classinfo py.Object, test func(cls *py.Type) bool) (bool, error) {
	switch c := classinfo.(type) {
	case py.Tuple:
		for _, item := range c {
			ok, err := classCheck(fname, item, test)
			if err != nil || ok {
				return ok, err
			}
		}
		return false, nil
	case *py.Type:
		if isClass(c) {
			return test(c), nil
		}
	}
	return false, typeErrorf("%s() arg 2 must be a type, a tuple of types, or a union", fname)
}

func builtinIsinstance(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	if err := noKwargs("isinstance", kwargs); err != nil {
		return nil, err
	}
	if len(args) != 2 {
		return nil, typeErrorf("isinstance expected 2 arguments, got %d", len(args))
	}
	if args[0] == nil {
		return nil, errNil("isinstance")
	}
	ok, err := classCheck("isinstance", args[1], func(cls *py.Type) bool { return instanceOf(args[0], cls) })
	return py.NewBool(ok), err
}

// instanceOf is isinstance(o, cls) for one class.
func instanceOf(o py.Object, cls *py.Type) bool {
	return isSubclass(o.Type(), cls)
}

func builtinIssubclass(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	if err := noKwargs("issubclass", kwargs); err != nil {
		return nil, err
	}
	if len(args) != 2 {
		return nil, typeErrorf("issubclass expected 2 arguments, got %d", len(args))
	}
	t, ok := args[0].(*py.Type)
	if !ok || !isClass(t) {
		return nil, typeErrorf("issubclass() arg 1 must be a class")
	}
	res, err := classCheck("issubclass", args[1], func(cls *py.Type) bool { return isSubclass(t, cls) })
	return py.NewBool(res), err
}

// reverseIter walks a sequence backwards by index, reading it live as
// CPython's reverse iterators do.
type reverseIter struct {
	seq py.Object
	i   int
}

var reverseIterType = newGoType("reversed", "reversed(sequence, /) -> reverse iterator over the values of the sequence")

func (r *reverseIter) Type() *py.Type                { return reverseIterType }
func (r *reverseIter) M__iter__() (py.Object, error) { return r, nil }

func (r *reverseIter) M__next__() (py.Object, error) {
	if r.i < 0 {
		return nil, py.StopIteration
	}
	if l, ok := r.seq.(*py.List); ok {
		if r.i >= len(l.Items) {
			r.i = -1
			return nil, py.StopIteration
		}
		v := l.Items[r.i]
		r.i--
		return v, nil
	}
	v, err := py.GetItem(r.seq, py.Int(r.i))
	if err != nil {
		if py.IsException(py.IndexError, err) || isStopIteration(err) {
			r.i = -1
			return nil, py.StopIteration
		}
		return nil, err
	}
	r.i--
	return v, nil
}

func builtinReversed(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	if err := noKwargs("reversed", kwargs); err != nil {
		return nil, err
	}
	if len(args) != 1 {
		return nil, typeErrorf("reversed expected 1 argument, got %d", len(args))
	}
	seq := args[0]
	if seq == nil {
		return nil, errNil("reversed")
	}
	if res, found, err := callUserSpecial(seq, "__reversed__"); found {
		return res, err
	}
	if r, ok := seq.(py.I__reversed__); ok {
		return r.M__reversed__()
	}
	switch x := seq.(type) {
	case *py.List:
		return &reverseIter{seq: x, i: len(x.Items) - 1}, nil
	case py.Tuple:
		return &reverseIter{seq: x, i: len(x) - 1}, nil
	case py.StringDict:
		keys := sortedKeys(x)
		t := make(py.Tuple, len(keys))
		for i, k := range keys {
			t[i] = py.String(k)
		}
		return &reverseIter{seq: t, i: len(t) - 1}, nil
	case py.Bytes:
		t := make(py.Tuple, len(x))
		for i, c := range x {
			t[i] = py.Int(c)
		}
		return &reverseIter{seq: t, i: len(t) - 1}, nil
	case *py.Set, *py.FrozenSet:
		return nil, typeErrorf("'%s' object is not reversible", typeName(seq))
	}
	_, hasItem := seq.(py.I__getitem__)
	if inst := userInstance(seq); inst != nil {
		hasItem = userSpecial(inst.Type(), "__getitem__") != nil
	}
	if hasItem {
		n, err := lenOf(seq)
		if err == nil {
			return &reverseIter{seq: seq, i: n - 1}, nil
		}
	}
	return nil, typeErrorf("'%s' object is not reversible", typeName(seq))
}

// lenOf is len(o) with CPython's checks on what __len__ returns.
func lenOf(o py.Object) (int, error) {
	switch x := o.(type) {
	case py.Bytes:
		return len(x), nil
	case py.String:
		return len([]rune(string(x))), nil
	case py.Tuple:
		return len(x), nil
	case *py.List:
		return len(x.Items), nil
	case py.StringDict:
		return len(x), nil
	}
	res, err := py.Len(o)
	if err != nil {
		return 0, err
	}
	n, err := py.Index(res)
	if err != nil {
		return 0, typeErrorf("'%s' object cannot be interpreted as an integer", typeName(res))
	}
	if n < 0 {
		return 0, valueErrorf("__len__() should return >= 0")
	}
	return int(n), nil
}

func builtinLen(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	if err := oneArg("len", args, kwargs); err != nil {
		return nil, err
	}
	n, err := lenOf(args[0])
	if err != nil {
		return nil, err
	}
	return py.Int(n), nil
}

// isCallable is callable(o). Every user-class instance is a *py.Type,
// which gpython makes callable, so for those the class decides.
func isCallable(o py.Object) bool {
	if t, ok := o.(*py.Type); ok {
		if isClass(t) {
			return true
		}
		return userSpecial(t.Type(), "__call__") != nil
	}
	_, ok := o.(py.I__call__)
	return ok
}

func builtinDir(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	if err := noKwargs("dir", kwargs); err != nil {
		return nil, err
	}
	if len(args) != 1 {
		return nil, typeErrorf("dir() needs an object in the embedded host (dir() without arguments reads the caller's frame)")
	}
	o := args[0]
	names := map[string]bool{}
	addDict := func(d py.StringDict) {
		for k := range d {
			names[k] = true
		}
	}
	addMro := func(t *py.Type) {
		mro := t.Mro
		if len(mro) == 0 {
			mro = py.Tuple{t}
		}
		for _, m := range mro {
			if mt, ok := m.(*py.Type); ok {
				addDict(mt.Dict)
			}
		}
	}
	switch x := o.(type) {
	case *py.Module:
		addDict(x.Globals)
	case *py.Type:
		if isClass(x) {
			addMro(x)
		} else {
			addDict(x.Dict)
			addMro(x.Type())
		}
	case *py.Exception:
		addDict(x.Dict)
		addMro(x.Type())
	default:
		addMro(o.Type())
		// Special methods of Go types are Go methods named M__xxx__.
		rt := reflect.TypeOf(o)
		for i := 0; i < rt.NumMethod(); i++ {
			if n := rt.Method(i).Name; strings.HasPrefix(n, "M__") && strings.HasSuffix(n, "__") {
				names[n[1:]] = true
			}
		}
	}
	out := make([]string, 0, len(names))
	for n := range names {
		out = append(out, n)
	}
	sort.Strings(out)
	l := &py.List{Items: make([]py.Object, len(out))}
	for i, n := range out {
		l.Items[i] = py.String(n)
	}
	return l, nil
}

var sumArgs = argParser{fname: "sum", names: []string{"iterable", "start"}, nreq: 1}

func builtinSum(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	var iterable, start py.Object
	if err := sumArgs.parse(args, kwargs, &iterable, &start); err != nil {
		return nil, err
	}
	if start == nil {
		start = py.Int(0)
	}
	switch start.(type) {
	case py.String:
		return nil, typeErrorf("sum() can't sum strings [use ''.join(seq) instead]")
	case py.Bytes:
		return nil, typeErrorf("sum() can't sum bytes [use b''.join(seq) instead]")
	}
	acc := start
	err := iterate(iterable, func(item py.Object) (bool, error) {
		var err error
		acc, err = mrAdd(acc, item)
		return err != nil, err
	})
	if err != nil {
		return nil, err
	}
	return acc, nil
}

// callIter is iter(callable, sentinel).
type callIter struct {
	fn, sentinel py.Object
	done         bool
}

var callIterType = newGoType("callable_iterator", "iter(callable, sentinel): call until the sentinel is returned")

func (c *callIter) Type() *py.Type                { return callIterType }
func (c *callIter) M__iter__() (py.Object, error) { return c, nil }

func (c *callIter) M__next__() (py.Object, error) {
	if c.done {
		return nil, py.StopIteration
	}
	v, err := py.Call(c.fn, nil, nil)
	if err != nil {
		if isStopIteration(err) {
			c.done = true
			return nil, py.StopIteration
		}
		return nil, err
	}
	eq, err := equal(v, c.sentinel)
	if err != nil {
		return nil, err
	}
	if eq {
		c.done = true
		return nil, py.StopIteration
	}
	return v, nil
}

func builtinIter(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	if err := noKwargs("iter", kwargs); err != nil {
		return nil, err
	}
	switch len(args) {
	case 1:
		if args[0] == nil {
			return nil, errNil("iter")
		}
		return py.Iter(args[0])
	case 2:
		if args[0] == nil || args[1] == nil {
			return nil, errNil("iter")
		}
		if !isCallable(args[0]) {
			return nil, typeErrorf("iter(v, w): v must be callable")
		}
		return &callIter{fn: args[0], sentinel: args[1]}, nil
	}
	return nil, typeErrorf("iter expected at most 2 arguments, got %d", len(args))
}

func builtinGetattr(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	if err := noKwargs("getattr", kwargs); err != nil {
		return nil, err
	}
	if len(args) < 2 || len(args) > 3 {
		return nil, typeErrorf("getattr expected 2 or 3 arguments, got %d", len(args))
	}
	if _, ok := args[1].(py.String); !ok {
		return nil, typeErrorf("attribute name must be string, not '%s'", typeName(args[1]))
	}
	res, err := py.GetAttr(args[0], args[1])
	if err != nil {
		if len(args) == 3 && py.IsException(py.AttributeError, err) {
			return args[2], nil
		}
		return nil, err
	}
	return res, nil
}

func builtinHasattr(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	if err := noKwargs("hasattr", kwargs); err != nil {
		return nil, err
	}
	if len(args) != 2 {
		return nil, typeErrorf("hasattr expected 2 arguments, got %d", len(args))
	}
	if _, ok := args[1].(py.String); !ok {
		return nil, typeErrorf("attribute name must be string, not '%s'", typeName(args[1]))
	}
	_, err := py.GetAttr(args[0], args[1])
	if err != nil {
		if py.IsException(py.AttributeError, err) {
			return py.False, nil
		}
		return nil, err
	}
	return py.True, nil
}
