package pystdlib

import (
	"reflect"

	"github.com/go-python/gpython/py"
)

// The copy module: copy and deepcopy for the built-in containers, this
// package's containers and instances of Python classes (honouring their
// __copy__ / __deepcopy__).

// copyMemo is the memo deepcopy threads through __deepcopy__ calls: a
// map from an object's identity to its copy.
type copyMemo struct {
	seen  map[uintptr]py.Object
	depth int
}

var copyMemoType = newGoType("_deepcopy_memo", "", nil)

func (m *copyMemo) Type() *py.Type { return copyMemoType }

// identity returns a pointer-identity for mutable objects, 0 otherwise.
func identity(o py.Object) uintptr {
	v := reflect.ValueOf(o)
	switch v.Kind() {
	case reflect.Pointer, reflect.Map:
		return v.Pointer()
	}
	return 0
}

func isAtomic(o py.Object) bool {
	switch x := o.(type) {
	case py.Int, py.Float, py.String, py.Bool, py.NoneType, py.Bytes, *py.BigInt, py.Complex,
		*py.Function, *py.Method, *py.BoundMethod, *py.FrozenSet, *py.Module, *partial, *cachedFunc:
		return true
	case *py.Type:
		return !isInstance(x)
	}
	return false
}

func copyShallow(o py.Object) (py.Object, error) {
	if isAtomic(o) {
		return o, nil
	}
	switch x := o.(type) {
	case py.Tuple, *namedTuple:
		return o, nil
	case *py.List:
		return py.NewListFromItems(append([]py.Object(nil), x.Items...)), nil
	case py.StringDict:
		return x.Copy(), nil
	case *py.Set:
		return py.SequenceSet(x)
	case *Mapping:
		return x.clone(), nil
	case *deque:
		return x.clone(), nil
	case *py.Type:
		if res, found, err := callUserMethod(x, "__copy__"); found {
			return res, err
		}
		c := x.Type().Alloc()
		for k, v := range x.Dict {
			c.Dict[k] = v
		}
		return c, nil
	}
	if fn, err := py.GetAttrString(o, "__copy__"); err == nil {
		return py.Call(fn, nil, nil)
	}
	return nil, py.ExceptionNewf(py.TypeError, "cannot copy '%s' object", typeName(o))
}

func copyDeep(o py.Object, memo *copyMemo) (py.Object, error) {
	if isAtomic(o) {
		return o, nil
	}
	id := identity(o)
	if id != 0 {
		if c, ok := memo.seen[id]; ok {
			return c, nil
		}
	}
	memo.depth++
	defer func() { memo.depth-- }()
	if memo.depth > 1000 {
		return nil, py.ExceptionNewf(recursionError, "maximum recursion depth exceeded in deepcopy")
	}
	remember := func(c py.Object) {
		if id != 0 {
			memo.seen[id] = c
		}
	}
	switch x := o.(type) {
	case py.Tuple:
		return copyTupleDeep(x, memo)
	case *namedTuple:
		vals, err := copyTupleDeep(x.vals, memo)
		if err != nil {
			return nil, err
		}
		return &namedTuple{cls: x.cls, vals: vals.(py.Tuple)}, nil
	case *py.List:
		c := py.NewListWithCapacity(len(x.Items))
		remember(c)
		for _, it := range x.Items {
			v, err := copyDeep(it, memo)
			if err != nil {
				return nil, err
			}
			c.Append(v)
		}
		return c, nil
	case py.StringDict:
		c := py.NewStringDictSized(len(x))
		remember(c)
		for _, k := range sortedKeys(x) {
			v, err := copyDeep(x[k], memo)
			if err != nil {
				return nil, err
			}
			c[k] = v
		}
		return c, nil
	case *py.Set:
		items, err := toSlice(x)
		if err != nil {
			return nil, err
		}
		c := py.NewSet()
		remember(c)
		for _, it := range items {
			v, err := copyDeep(it, memo)
			if err != nil {
				return nil, err
			}
			c.Add(v)
		}
		return c, nil
	case *Mapping:
		c := &Mapping{kind: x.kind, m: newOmap(), factory: x.factory}
		remember(c)
		for _, kv := range x.m.items() {
			k, err := copyDeep(kv.(py.Tuple)[0], memo)
			if err != nil {
				return nil, err
			}
			v, err := copyDeep(kv.(py.Tuple)[1], memo)
			if err != nil {
				return nil, err
			}
			if err := c.setItem(k, v); err != nil {
				return nil, err
			}
		}
		return c, nil
	case *deque:
		c := &deque{maxlen: x.maxlen}
		remember(c)
		for _, it := range append([]py.Object(nil), x.items()...) {
			v, err := copyDeep(it, memo)
			if err != nil {
				return nil, err
			}
			c.pushRight(v)
		}
		return c, nil
	case *py.Type:
		if res, found, err := callUserMethod(x, "__deepcopy__", memo); found {
			if err == nil {
				remember(res)
			}
			return res, err
		}
		c := x.Type().Alloc()
		remember(c)
		for _, k := range sortedKeys(x.Dict) {
			v, err := copyDeep(x.Dict[k], memo)
			if err != nil {
				return nil, err
			}
			c.Dict[k] = v
		}
		return c, nil
	}
	if fn, err := py.GetAttrString(o, "__deepcopy__"); err == nil {
		return py.Call(fn, py.Tuple{memo}, nil)
	}
	return nil, py.ExceptionNewf(py.TypeError, "cannot deepcopy '%s' object", typeName(o))
}

func copyTupleDeep(t py.Tuple, memo *copyMemo) (py.Object, error) {
	out := make(py.Tuple, len(t))
	changed := false
	for i, it := range t {
		v, err := copyDeep(it, memo)
		if err != nil {
			return nil, err
		}
		out[i] = v
		if !sameObject(v, it) {
			changed = true
		}
	}
	if !changed {
		return t, nil
	}
	return out, nil
}

// sameObject is Python's `is` for what deepcopy hands back.
func sameObject(a, b py.Object) bool {
	if ia, ib := identity(a), identity(b); ia != 0 || ib != 0 {
		return ia == ib
	}
	if x, ok := a.(py.Tuple); ok {
		y, ok := b.(py.Tuple)
		return ok && len(x) == len(y) && (len(x) == 0 || &x[0] == &y[0])
	}
	return isAtomic(a)
}

func copyModule() *py.ModuleImpl {
	errType := newExceptionType(py.ExceptionType, "Error", "copy", "")
	return &py.ModuleImpl{
		Info: py.ModuleInfo{Name: "copy", Doc: "Generic (shallow and deep) copying operations (Go implementation)."},
		Methods: []*py.Method{
			py.MustNewMethod("copy", func(_ py.Object, x py.Object) (py.Object, error) { return copyShallow(x) }, 0,
				"Shallow copy operation on arbitrary Python objects."),
			method("deepcopy", "Deep copy operation on arbitrary Python objects.", func(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
				var x, memoObj py.Object
				if err := bindArgs("deepcopy", args, kwargs, []string{"x", "memo", "_nil"}, 1, 3, &x, &memoObj, new(py.Object)); err != nil {
					return nil, err
				}
				memo, ok := memoObj.(*copyMemo)
				if !ok {
					memo = &copyMemo{seen: map[uintptr]py.Object{}}
				}
				return copyDeep(x, memo)
			}),
		},
		Globals: py.StringDict{"Error": errType, "error": errType},
	}
}
