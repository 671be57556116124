package pystdlib

import (
	"strings"

	"github.com/go-python/gpython/py"
)

// The functools module: partial, reduce, wraps/update_wrapper,
// lru_cache/cache, cmp_to_key and total_ordering.

var (
	partialType, cachedFuncType, keyWrapperType, cmpKeyType *py.Type
	cacheInfoClass                                          *ntClass
)

var (
	wrapperAssignments = py.Tuple{py.String("__module__"), py.String("__name__"), py.String("__qualname__"), py.String("__doc__"), py.String("__annotations__")}
	wrapperUpdates     = py.Tuple{py.String("__dict__")}
)

// partial is functools.partial.
type partial struct {
	fn   py.Object
	args py.Tuple
	kw   py.StringDict
	dict py.StringDict
}

func (p *partial) Type() *py.Type { return partialType }

func (p *partial) GetDict() py.StringDict { return p.dict }

func newPartial(_ *py.Type, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	if len(args) < 1 {
		return nil, py.ExceptionNewf(py.TypeError, "type 'partial' takes at least one argument")
	}
	fn := args[0]
	if _, ok := fn.(py.I__call__); !ok {
		return nil, py.ExceptionNewf(py.TypeError, "the first argument must be callable")
	}
	p := &partial{fn: fn, args: append(py.Tuple(nil), args[1:]...), kw: py.StringDict{}, dict: py.StringDict{}}
	if inner, ok := fn.(*partial); ok { // flatten, as CPython does
		p.fn = inner.fn
		p.args = append(append(py.Tuple(nil), inner.args...), p.args...)
		for k, v := range inner.kw {
			p.kw[k] = v
		}
	}
	for k, v := range kwargs {
		p.kw[k] = v
	}
	return p, nil
}

func (p *partial) M__call__(args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	all := append(append(make(py.Tuple, 0, len(p.args)+len(args)), p.args...), args...)
	var kw py.StringDict
	if len(p.kw)+len(kwargs) > 0 {
		kw = py.NewStringDictSized(len(p.kw) + len(kwargs))
		for k, v := range p.kw {
			kw[k] = v
		}
		for k, v := range kwargs {
			kw[k] = v
		}
	}
	return py.Call(p.fn, all, kw)
}

func (p *partial) M__repr__() (py.Object, error) {
	parts := []string{}
	s, err := repr(p.fn)
	if err != nil {
		return nil, err
	}
	parts = append(parts, s)
	for _, a := range p.args {
		s, err := repr(a)
		if err != nil {
			return nil, err
		}
		parts = append(parts, s)
	}
	for _, k := range sortedKeys(p.kw) { // gpython's kwargs carry no order
		s, err := repr(p.kw[k])
		if err != nil {
			return nil, err
		}
		parts = append(parts, k+"="+s)
	}
	return py.String("functools.partial(" + strings.Join(parts, ", ") + ")"), nil
}

func initPartialType() {
	partialType = newGoType("partial", "partial(func, *args, **keywords) - new function with partial application\nof the given arguments and keywords.", newPartial)
	partialType.Dict["__module__"] = py.String("functools")
	partialType.Dict["func"] = &py.Property{Fget: func(self py.Object) (py.Object, error) { return self.(*partial).fn, nil }}
	partialType.Dict["args"] = &py.Property{Fget: func(self py.Object) (py.Object, error) { return self.(*partial).args, nil }}
	partialType.Dict["keywords"] = &py.Property{Fget: func(self py.Object) (py.Object, error) { return self.(*partial).kw, nil }}
}

func ftReduce(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	if err := noKwargs("reduce", kwargs); err != nil {
		return nil, err
	}
	if len(args) < 2 || len(args) > 3 {
		return nil, py.ExceptionNewf(py.TypeError, "reduce expected at least 2 arguments, got %d", len(args))
	}
	fn := args[0]
	var acc py.Object
	if len(args) == 3 {
		acc = args[2]
	}
	err := iterate(args[1], func(item py.Object) (bool, error) {
		if acc == nil {
			acc = item
			return true, nil
		}
		var err error
		acc, err = py.Call(fn, py.Tuple{acc, item}, nil)
		return true, err
	})
	if err != nil {
		return nil, err
	}
	if acc == nil {
		return nil, py.ExceptionNewf(py.TypeError, "reduce() of empty iterable with no initial value")
	}
	return acc, nil
}

// getWrapperAttr reads an attribute update_wrapper copies. gpython's
// functions keep __doc__ and __module__ outside their attribute lookup
// (f.__doc__ answers the type's doc), so they are read from the fields.
func getWrapperAttr(o py.Object, name string) (py.Object, bool) {
	if f, ok := o.(*py.Function); ok {
		switch name {
		case "__doc__":
			if v, ok := f.Dict["__doc__"]; ok {
				return v, true
			}
			if f.Doc == nil {
				return py.None, true
			}
			return f.Doc, true
		case "__module__":
			if v, ok := f.Dict["__module__"]; ok {
				return v, true
			}
			if v, ok := f.Globals["__name__"]; ok {
				return v, true
			}
			return nil, false
		case "__annotations__":
			if f.Annotations == nil {
				return py.StringDict{}, true
			}
			return f.Annotations, true
		}
	}
	if d, ok := o.(py.IGetDict); ok && name == "__dict__" && !isTypeObject(o) {
		if dict := d.GetDict(); dict != nil {
			return dict, true
		}
	}
	v, err := py.GetAttrString(o, name)
	if err != nil {
		return nil, false
	}
	return v, true
}

func setWrapperAttr(o py.Object, name string, v py.Object) error {
	if f, ok := o.(*py.Function); ok {
		if f.Dict == nil {
			f.Dict = py.StringDict{}
		}
		switch name {
		case "__doc__":
			f.Doc = v
			f.Dict["__doc__"] = v // so that f.__doc__ answers it
			return nil
		case "__module__", "__wrapped__":
			f.Dict[name] = v
			return nil
		case "__annotations__":
			if d, ok := v.(py.StringDict); ok {
				f.Annotations = d
			}
			return nil
		}
	}
	if d, ok := o.(py.IGetDict); ok && !isTypeObject(o) {
		if dict := d.GetDict(); dict != nil {
			if o.Type().NativeGetAttrOrNil(name) == nil {
				dict[name] = v
				return nil
			}
		}
	}
	_, err := py.SetAttrString(o, name, v)
	return err
}

func isTypeObject(o py.Object) bool {
	t, ok := o.(*py.Type)
	return ok && !isInstance(t)
}

// updateWrapper is functools.update_wrapper.
func updateWrapper(wrapper, wrapped, assigned, updated py.Object) (py.Object, error) {
	if assigned == nil {
		assigned = wrapperAssignments
	}
	if updated == nil {
		updated = wrapperUpdates
	}
	names, err := toSlice(assigned)
	if err != nil {
		return nil, err
	}
	for _, n := range names {
		name, err := py.StrAsString(n)
		if err != nil {
			return nil, err
		}
		if v, ok := getWrapperAttr(wrapped, name); ok {
			if err := setWrapperAttr(wrapper, name, v); err != nil {
				return nil, err
			}
		}
	}
	upd, err := toSlice(updated)
	if err != nil {
		return nil, err
	}
	for _, n := range upd {
		name, err := py.StrAsString(n)
		if err != nil {
			return nil, err
		}
		src, ok := getWrapperAttr(wrapped, name)
		if !ok {
			continue
		}
		dst, ok := getWrapperAttr(wrapper, name)
		if !ok {
			return nil, py.ExceptionNewf(py.AttributeError, "'%s' object has no attribute '%s'", typeName(wrapper), name)
		}
		if err := mergeInto(dst, src); err != nil {
			return nil, err
		}
	}
	if err := setWrapperAttr(wrapper, "__wrapped__", wrapped); err != nil {
		return nil, err
	}
	return wrapper, nil
}

// mergeInto is dst.update(src) for the dict kinds __dict__ may be.
func mergeInto(dst, src py.Object) error {
	sd, ok := src.(py.StringDict)
	if !ok {
		return nil
	}
	switch d := dst.(type) {
	case py.StringDict:
		for k, v := range sd {
			if k == "__wrapped__" && d[k] != nil {
				continue
			}
			d[k] = v
		}
		return nil
	}
	fn, err := py.GetAttrString(dst, "update")
	if err != nil {
		return err
	}
	_, err = py.Call(fn, py.Tuple{sd}, nil)
	return err
}

func ftUpdateWrapper(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	var wrapper, wrapped, assigned, updated py.Object
	if err := bindArgs("update_wrapper", args, kwargs, []string{"wrapper", "wrapped", "assigned", "updated"}, 2, 4, &wrapper, &wrapped, &assigned, &updated); err != nil {
		return nil, err
	}
	return updateWrapper(wrapper, wrapped, assigned, updated)
}

var updateWrapperMethod = method("update_wrapper", "Update a wrapper function to look like the wrapped function", ftUpdateWrapper)

func ftWraps(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	var wrapped, assigned, updated py.Object
	if err := bindArgs("wraps", args, kwargs, []string{"wrapped", "assigned", "updated"}, 1, 3, &wrapped, &assigned, &updated); err != nil {
		return nil, err
	}
	kw := py.StringDict{"wrapped": wrapped}
	if assigned != nil {
		kw["assigned"] = assigned
	}
	if updated != nil {
		kw["updated"] = updated
	}
	return &partial{fn: updateWrapperMethod, args: py.Tuple{}, kw: kw, dict: py.StringDict{}}, nil
}

// cachedFunc is the wrapper lru_cache and cache return.
type cachedFunc struct {
	fn      py.Object
	maxsize int // -1: unbounded
	typed   bool
	cache   *omap
	hits    int
	misses  int
	dict    py.StringDict
}

func (c *cachedFunc) Type() *py.Type { return cachedFuncType }

func (c *cachedFunc) GetDict() py.StringDict { return c.dict }

// kwdMark separates positional from keyword arguments in a cache key.
var kwdMark = py.String("\x00functools._kwd_mark")

func (c *cachedFunc) key(args py.Tuple, kwargs py.StringDict) py.Object {
	if len(kwargs) == 0 && !c.typed {
		if len(args) == 1 {
			switch args[0].(type) {
			case py.Int, py.String: // CPython's fast path: the argument itself
				return args[0]
			}
		}
		return args
	}
	key := append(py.Tuple(nil), args...)
	if len(kwargs) > 0 {
		key = append(key, kwdMark)
		for _, k := range sortedKeys(kwargs) {
			key = append(key, py.String(k), kwargs[k])
		}
	}
	if c.typed {
		for _, a := range args {
			key = append(key, a.Type())
		}
		for _, k := range sortedKeys(kwargs) {
			key = append(key, kwargs[k].Type())
		}
	}
	return key
}

func (c *cachedFunc) M__call__(args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	if c.maxsize == 0 {
		c.misses++
		return py.Call(c.fn, args, kwargs)
	}
	key := c.key(args, kwargs)
	v, ok, err := c.cache.get(key)
	if err != nil {
		return nil, err
	}
	if ok {
		c.hits++
		if c.maxsize > 0 {
			if _, err := c.cache.moveToEnd(key, true); err != nil {
				return nil, err
			}
		}
		return v, nil
	}
	c.misses++
	res, err := py.Call(c.fn, args, kwargs)
	if err != nil {
		return nil, err
	}
	if _, err := c.cache.set(key, res); err != nil {
		return nil, err
	}
	if c.maxsize > 0 && c.cache.live > c.maxsize {
		c.cache.removeAt(c.cache.first())
	}
	return res, nil
}

// M__get__ binds the cached function as a method when it decorates one.
func (c *cachedFunc) M__get__(instance, owner py.Object) (py.Object, error) {
	if instance == py.None || instance == nil {
		return c, nil
	}
	return py.NewBoundMethod(instance, c), nil
}

func (c *cachedFunc) M__repr__() (py.Object, error) {
	s, err := repr(c.fn)
	if err != nil {
		return nil, err
	}
	return py.String("<functools._lru_cache_wrapper wrapping " + s + ">"), nil
}

func newCachedFunc(fn py.Object, maxsize int, typed bool) (py.Object, error) {
	if _, ok := fn.(py.I__call__); !ok {
		return nil, py.ExceptionNewf(py.TypeError, "the first argument must be callable")
	}
	c := &cachedFunc{fn: fn, maxsize: maxsize, typed: typed, cache: newOmap(), dict: py.StringDict{}}
	if _, err := updateWrapper(c, fn, nil, nil); err != nil {
		return nil, err
	}
	return c, nil
}

func initCachedFuncType() {
	cachedFuncType = newGoType("_lru_cache_wrapper", "", nil)
	cachedFuncType.Dict["__module__"] = py.String("functools")
	cacheInfoClass = &ntClass{fields: []string{"hits", "misses", "maxsize", "currsize"}}
	cacheInfoClass.typ = newGoType("CacheInfo", "CacheInfo(hits, misses, maxsize, currsize)", nil)
	cacheInfoClass.fill(py.String("functools"))
	self := func(fn string, o py.Object) (*cachedFunc, error) {
		c, ok := o.(*cachedFunc)
		if !ok {
			return nil, py.ExceptionNewf(py.TypeError, "%s() requires an lru_cache wrapper, not '%s'", fn, typeName(o))
		}
		return c, nil
	}
	cachedFuncType.Dict["cache_info"] = method("cache_info", "Report cache statistics", func(o py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		c, err := self("cache_info", o)
		if err != nil {
			return nil, err
		}
		var maxsize py.Object = py.None
		if c.maxsize >= 0 {
			maxsize = py.Int(c.maxsize)
		}
		return &namedTuple{cls: cacheInfoClass, vals: py.Tuple{py.Int(c.hits), py.Int(c.misses), maxsize, py.Int(c.cache.live)}}, nil
	})
	cachedFuncType.Dict["cache_clear"] = method("cache_clear", "Clear the cache and cache statistics", func(o py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		c, err := self("cache_clear", o)
		if err != nil {
			return nil, err
		}
		c.cache.clear()
		c.hits, c.misses = 0, 0
		return py.None, nil
	})
	cachedFuncType.Dict["cache_parameters"] = method("cache_parameters", "Report the cache parameters", func(o py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		c, err := self("cache_parameters", o)
		if err != nil {
			return nil, err
		}
		var maxsize py.Object = py.None
		if c.maxsize >= 0 {
			maxsize = py.Int(c.maxsize)
		}
		return py.StringDict{"maxsize": maxsize, "typed": py.NewBool(c.typed)}, nil
	})
}

func ftLruCache(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	var maxsizeObj, typedObj py.Object
	if err := bindArgs("lru_cache", args, kwargs, []string{"maxsize", "typed"}, 0, 2, &maxsizeObj, &typedObj); err != nil {
		return nil, err
	}
	typed := false
	if typedObj != nil {
		var err error
		if typed, err = truth(typedObj); err != nil {
			return nil, err
		}
	}
	maxsize := 128
	switch m := maxsizeObj.(type) {
	case nil:
	case py.NoneType:
		maxsize = -1
	case py.Int:
		maxsize = max(int(m), 0)
	case py.Bool:
		maxsize = map[bool]int{true: 1, false: 0}[bool(m)]
	default:
		if _, ok := m.(py.I__call__); ok && typedObj == nil { // @lru_cache without parentheses
			return newCachedFunc(m, 128, false)
		}
		return nil, py.ExceptionNewf(py.TypeError, "Expected first argument to be an integer, a callable, or None")
	}
	return py.MustNewMethod("decorating_function", func(_ py.Object, fn py.Object) (py.Object, error) {
		return newCachedFunc(fn, maxsize, typed)
	}, 0, "lru_cache decorator"), nil
}

func ftCache(_ py.Object, fn py.Object) (py.Object, error) {
	return newCachedFunc(fn, -1, false)
}

// cmpKey is what cmp_to_key(f)(obj) returns: ordered through f.
type cmpKey struct {
	obj, cmp py.Object
}

func (k *cmpKey) Type() *py.Type { return cmpKeyType }

func (k *cmpKey) compare(other py.Object, want func(py.Object) (py.Object, error)) (py.Object, error) {
	o, ok := other.(*cmpKey)
	if !ok {
		return nil, py.ExceptionNewf(py.TypeError, "other argument must be K instance")
	}
	res, err := py.Call(k.cmp, py.Tuple{k.obj, o.obj}, nil)
	if err != nil {
		return nil, err
	}
	return want(res)
}

func (k *cmpKey) M__lt__(other py.Object) (py.Object, error) {
	return k.compare(other, func(r py.Object) (py.Object, error) { return py.Lt(r, py.Int(0)) })
}

func (k *cmpKey) M__le__(other py.Object) (py.Object, error) {
	return k.compare(other, func(r py.Object) (py.Object, error) { return py.Le(r, py.Int(0)) })
}

func (k *cmpKey) M__gt__(other py.Object) (py.Object, error) {
	return k.compare(other, func(r py.Object) (py.Object, error) { return py.Gt(r, py.Int(0)) })
}

func (k *cmpKey) M__ge__(other py.Object) (py.Object, error) {
	return k.compare(other, func(r py.Object) (py.Object, error) { return py.Ge(r, py.Int(0)) })
}

func (k *cmpKey) M__eq__(other py.Object) (py.Object, error) {
	return k.compare(other, func(r py.Object) (py.Object, error) { return py.Eq(r, py.Int(0)) })
}

func (k *cmpKey) M__ne__(other py.Object) (py.Object, error) {
	return k.compare(other, func(r py.Object) (py.Object, error) { return py.Ne(r, py.Int(0)) })
}

func (k *cmpKey) M__hash__() (py.Object, error) {
	return nil, py.ExceptionNewf(py.TypeError, "unhashable type: 'functools.KeyWrapper'")
}

// keyWrapper is the callable cmp_to_key returns.
type keyWrapper struct{ cmp py.Object }

func (w *keyWrapper) Type() *py.Type { return keyWrapperType }

func (w *keyWrapper) M__call__(args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	var obj py.Object
	if err := bindArgs("K", args, kwargs, []string{"obj"}, 1, 1, &obj); err != nil {
		return nil, err
	}
	return &cmpKey{obj: obj, cmp: w.cmp}, nil
}

func ftCmpToKey(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	var cmp py.Object
	if err := bindArgs("cmp_to_key", args, kwargs, []string{"mycmp"}, 1, 1, &cmp); err != nil {
		return nil, err
	}
	return &keyWrapper{cmp: cmp}, nil
}

// totalOrderingPlans lists, for each root a class defines, the methods
// derived from it (CPython's _convert table).
var totalOrderingPlans = map[string][]string{
	"__lt__": {"__gt__", "__le__", "__ge__"},
	"__le__": {"__ge__", "__lt__", "__gt__"},
	"__gt__": {"__lt__", "__ge__", "__le__"},
	"__ge__": {"__le__", "__gt__", "__lt__"},
}

// ftTotalOrdering adds the missing rich comparisons to a class from the
// one it defines. The methods land in the class dict, so explicit calls
// (a.__gt__(b)) and hosts that dispatch comparisons through the class
// dict use them; gpython's own < and > operators never consult a Python
// class and still raise TypeError (a gpython limit, not this module's).
func ftTotalOrdering(_ py.Object, clsObj py.Object) (py.Object, error) {
	cls, ok := clsObj.(*py.Type)
	if !ok || isInstance(cls) {
		return nil, py.ExceptionNewf(py.TypeError, "total_ordering() requires a class, not '%s'", typeName(clsObj))
	}
	var root string
	for _, op := range []string{"__lt__", "__le__", "__gt__", "__ge__"} { // max() of the names, as CPython picks
		if _, ok := cls.Lookup(op).(*py.Function); ok {
			root = op
			break
		}
	}
	if root == "" {
		return nil, py.ExceptionNewf(py.ValueError, "must define at least one ordering operation: < > <= >=")
	}
	for _, op := range totalOrderingPlans[root] {
		if _, ok := cls.Lookup(op).(*py.Function); ok {
			continue
		}
		cls.Dict[op] = derivedComparison(root, op)
	}
	return cls, nil
}

func derivedComparison(root, op string) *py.Method {
	return method(op, "", func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		var other py.Object
		if err := bindArgs(op, args, kwargs, []string{"other"}, 1, 1, &other); err != nil {
			return nil, err
		}
		inst, ok := self.(*py.Type)
		if !ok {
			return nil, py.ExceptionNewf(py.TypeError, "%s requires an instance, not '%s'", op, typeName(self))
		}
		res, _, err := callUserMethod(inst, root, other)
		if err != nil {
			return nil, err
		}
		if res == py.NotImplemented {
			return res, nil
		}
		r, err := truth(res)
		if err != nil {
			return nil, err
		}
		same := func() (bool, error) { return eq(self, other) }
		// Each derivation is the one in CPython's functools.
		switch root + op {
		case "__lt____gt__", "__gt____lt__": // not root and self != other
			if r {
				return py.False, nil
			}
			s, err := same()
			return py.NewBool(!s), err
		case "__lt____le__", "__gt____ge__": // root or self == other
			if r {
				return py.True, nil
			}
			s, err := same()
			return py.NewBool(s), err
		case "__le____lt__", "__ge____gt__": // root and self != other
			if !r {
				return py.False, nil
			}
			s, err := same()
			return py.NewBool(!s), err
		case "__le____ge__", "__ge____le__": // not root or self == other
			if !r {
				return py.True, nil
			}
			s, err := same()
			return py.NewBool(s), err
		}
		return py.NewBool(!r), nil // the converse: not root
	})
}

func functoolsModule() *py.ModuleImpl {
	initPartialType()
	initCachedFuncType()
	keyWrapperType = newGoType("KeyWrapper", "", nil)
	cmpKeyType = newGoType("K", "", nil)
	return &py.ModuleImpl{
		Info: py.ModuleInfo{Name: "functools", Doc: "Tools for working with functions and callable objects (Go implementation)."},
		Methods: []*py.Method{
			method("reduce", "reduce(function, iterable[, initial]) -> value", ftReduce),
			updateWrapperMethod,
			method("wraps", "Decorator factory to apply update_wrapper() to a wrapper function", ftWraps),
			method("lru_cache", "Least-recently-used cache decorator.", ftLruCache),
			py.MustNewMethod("cache", ftCache, 0, "Simple lightweight unbounded cache."),
			method("cmp_to_key", "Convert a cmp= function into a key= function.", ftCmpToKey),
			py.MustNewMethod("total_ordering", ftTotalOrdering, 0, "Class decorator that fills in missing ordering methods"),
		},
		Globals: py.StringDict{
			"partial":             partialType,
			"WRAPPER_ASSIGNMENTS": wrapperAssignments,
			"WRAPPER_UPDATES":     wrapperUpdates,
		},
	}
}
