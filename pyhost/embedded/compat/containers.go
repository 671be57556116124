package compat

import (
	"sort"

	"github.com/go-python/gpython/py"

	"github.com/migrate-runner/migrate-runner/pyhost/embedded/pystdlib"
)

// installDictMethods adds the dict methods gpython lacks and replaces
// get, keys, values and items: gpython's get raises KeyError for a
// non-str key instead of returning the default, and its keys/values/
// items are one-shot iterators over separate random-order walks of the
// map, so zip(d.keys(), d.values()) could pair a key with another key's
// value. Here they are lists in one deterministic (sorted key) order.
// gpython dicts only hold str keys; that limit stays.
func installDictMethods() {
	t := py.StringDictType
	t.Dict["get"] = method("get", "D.get(key, default=None) -> D[key] if key in D, else default", dictGet)
	t.Dict["keys"] = method("keys", "D.keys() -> list of D's keys", dictView(func(k string, v py.Object) py.Object { return py.String(k) }))
	t.Dict["values"] = method("values", "D.values() -> list of D's values", dictView(func(k string, v py.Object) py.Object { return v }))
	t.Dict["items"] = method("items", "D.items() -> list of D's (key, value) pairs", dictView(func(k string, v py.Object) py.Object { return py.Tuple{py.String(k), v} }))
	t.Dict["update"] = method("update", "D.update([E, ]**F) -> None", dictUpdate)
	// dict(mapping), dict(pairs), dict(mapping, **kw): gpython's takes
	// only a sequence of pairs ("non-tuple sequence" for a dict).
	t.New = func(_ *py.Type, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		if len(args) > 1 {
			return nil, typeErrorf("dict expected at most 1 argument, got %d", len(args))
		}
		d := py.NewStringDict()
		if len(args) == 1 {
			if err := dictMerge(d, args[0]); err != nil {
				return nil, err
			}
		}
		for k, v := range kwargs {
			d[k] = v
		}
		return d, nil
	}
	addMissing(t, method("setdefault", "D.setdefault(key, default=None) -> D.get(key, default), also set D[key]=default if key not in D", dictSetdefault))
	addMissing(t, method("pop", "D.pop(k[, d]) -> v, remove specified key and return the corresponding value", dictPop))
	addMissing(t, method("popitem", "D.popitem() -> (k, v), remove and return some (key, value) pair", dictPopitem))
	addMissing(t, method("copy", "D.copy() -> a shallow copy of D", func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		d, err := selfDict(self, "copy")
		if err != nil {
			return nil, err
		}
		if err := nargs("copy", args, 0, 0); err != nil {
			return nil, err
		}
		return d.Copy(), nil
	}))
	addMissing(t, method("clear", "D.clear() -> None. Remove all items from D.", func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		d, err := selfDict(self, "clear")
		if err != nil {
			return nil, err
		}
		if err := nargs("clear", args, 0, 0); err != nil {
			return nil, err
		}
		for k := range d {
			delete(d, k)
		}
		return py.None, nil
	}))
	if _, ok := t.Dict["fromkeys"]; !ok {
		// A class method: self is the class (or an instance) and unused.
		t.Dict["fromkeys"] = py.MustNewMethod("fromkeys", func(_ py.Object, args py.Tuple) (res py.Object, err error) {
			defer recoverTo("fromkeys", &err)
			if err := nargs("fromkeys", args, 1, 2); err != nil {
				return nil, err
			}
			var value py.Object = py.None
			if len(args) == 2 {
				value = args[1]
			}
			// The ordered dict of displays: list(dict.fromkeys(xs)) is the
			// idiom for de-duplicating in order, and keys may be ints.
			d := pystdlib.NewDict()
			err = iterate(args[0], func(k py.Object) (bool, error) {
				return false, d.SetItem(k, value)
			})
			return d, err
		}, py.METH_CLASS, "dict.fromkeys(iterable, value=None) -> new dict with keys from iterable and values equal to value")
	}
}

func selfDict(self py.Object, name string) (py.StringDict, error) {
	d, ok := self.(py.StringDict)
	if !ok {
		return nil, typeErrorf("descriptor '%s' for 'dict' objects doesn't apply to a '%s' object", name, typeName(self))
	}
	return d, nil
}

// dictKey checks a key for gpython's str-only dicts.
func dictKey(k py.Object) (string, error) {
	s, ok := k.(py.String)
	if !ok {
		if _, err := hashObject(k); err != nil {
			return "", err
		}
		return "", typeErrorf("the embedded host's dicts only support str keys, not %s", typeName(k))
	}
	return string(s), nil
}

func dictSet(d py.StringDict, k, v py.Object) error {
	key, err := dictKey(k)
	if err != nil {
		return err
	}
	d[key] = v
	return nil
}

func sortedKeys(d py.StringDict) []string {
	keys := make([]string, 0, len(d))
	for k := range d {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func dictView(item func(k string, v py.Object) py.Object) func(py.Object, py.Tuple, py.StringDict) (py.Object, error) {
	return func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		d, err := selfDict(self, "keys")
		if err != nil {
			return nil, err
		}
		if err := nargs("keys", args, 0, 0); err != nil {
			return nil, err
		}
		keys := sortedKeys(d)
		out := make([]py.Object, len(keys))
		for i, k := range keys {
			out[i] = item(k, d[k])
		}
		return &py.List{Items: out}, nil
	}
}

func dictGet(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	d, err := selfDict(self, "get")
	if err != nil {
		return nil, err
	}
	if err := noKwargs("get", kwargs); err != nil {
		return nil, err
	}
	if err := nargs("get", args, 1, 2); err != nil {
		return nil, err
	}
	var dflt py.Object = py.None
	if len(args) == 2 {
		dflt = args[1]
	}
	s, ok := args[0].(py.String)
	if !ok {
		// No non-str key can be in a gpython dict, but an unhashable
		// one is still an error, as in CPython.
		if _, err := hashObject(args[0]); err != nil {
			return nil, err
		}
		return dflt, nil
	}
	if v, ok := d[string(s)]; ok {
		return v, nil
	}
	return dflt, nil
}

func dictUpdate(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	d, err := selfDict(self, "update")
	if err != nil {
		return nil, err
	}
	if err := nargs("update", args, 0, 1); err != nil {
		return nil, typeErrorf("update expected at most 1 argument, got %d", len(args))
	}
	if len(args) == 1 {
		if err := dictMerge(d, args[0]); err != nil {
			return nil, err
		}
	}
	for k, v := range kwargs {
		d[k] = v
	}
	return py.None, nil
}

// dictMerge adds a mapping (anything with keys()) or an iterable of
// pairs to d.
func dictMerge(d py.StringDict, other py.Object) error {
	if o, ok := other.(py.StringDict); ok {
		for k, v := range o {
			d[k] = v
		}
		return nil
	}
	if keysFn, err := py.GetAttrString(other, "keys"); err == nil {
		keys, err := py.Call(keysFn, nil, nil)
		if err != nil {
			return err
		}
		return iterate(keys, func(k py.Object) (bool, error) {
			v, err := py.GetItem(other, k)
			if err != nil {
				return true, err
			}
			return false, dictSet(d, k, v)
		})
	}
	i := 0
	err := iterate(other, func(pair py.Object) (bool, error) {
		kv, err := toSlice(pair)
		if err != nil {
			return true, typeErrorf("cannot convert dictionary update sequence element #%d to a sequence", i)
		}
		if len(kv) != 2 {
			return true, valueErrorf("dictionary update sequence element #%d has length %d; 2 is required", i, len(kv))
		}
		i++
		return false, dictSet(d, kv[0], kv[1])
	})
	if err != nil && py.IsException(py.TypeError, err) && i == 0 {
		if _, iterErr := py.Iter(other); iterErr != nil {
			return typeErrorf("'%s' object is not iterable", typeName(other))
		}
	}
	return err
}

func dictSetdefault(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	d, err := selfDict(self, "setdefault")
	if err != nil {
		return nil, err
	}
	if err := noKwargs("setdefault", kwargs); err != nil {
		return nil, err
	}
	if err := nargs("setdefault", args, 1, 2); err != nil {
		return nil, err
	}
	key, err := dictKey(args[0])
	if err != nil {
		return nil, err
	}
	if v, ok := d[key]; ok {
		return v, nil
	}
	var v py.Object = py.None
	if len(args) == 2 {
		v = args[1]
	}
	d[key] = v
	return v, nil
}

func dictPop(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	d, err := selfDict(self, "pop")
	if err != nil {
		return nil, err
	}
	if err := noKwargs("pop", kwargs); err != nil {
		return nil, err
	}
	if err := nargs("pop", args, 1, 2); err != nil {
		return nil, err
	}
	if s, ok := args[0].(py.String); ok {
		if v, ok := d[string(s)]; ok {
			delete(d, string(s))
			return v, nil
		}
	} else if _, err := hashObject(args[0]); err != nil {
		return nil, err
	}
	if len(args) == 2 {
		return args[1], nil
	}
	return nil, newException(py.KeyError, args[0])
}

// dictPopitem removes the greatest key: CPython removes the last
// inserted one, which gpython does not record, so the choice is at
// least deterministic.
func dictPopitem(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	d, err := selfDict(self, "popitem")
	if err != nil {
		return nil, err
	}
	if err := nargs("popitem", args, 0, 0); err != nil {
		return nil, err
	}
	if len(d) == 0 {
		return nil, newException(py.KeyError, py.String("popitem(): dictionary is empty"))
	}
	var last string
	first := true
	for k := range d {
		if first || k > last {
			last, first = k, false
		}
	}
	v := d[last]
	delete(d, last)
	return py.Tuple{py.String(last), v}, nil
}

// installListMethods adds the list methods gpython lacks and replaces
// extend (gpython's silently ignores anything but a list) and sort
// (gpython's cannot order tuples).
func installListMethods() {
	t := py.ListType
	t.Dict["extend"] = method("extend", "L.extend(iterable) -> None -- extend list by appending elements from the iterable", func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		l, err := selfList(self, "extend")
		if err != nil {
			return nil, err
		}
		if err := nargs("extend", args, 1, 1); err != nil {
			return nil, err
		}
		if _, err := mrIAdd(l, args[0]); err != nil {
			return nil, err
		}
		return py.None, nil
	})
	t.Dict["sort"] = method("sort", "L.sort(*, key=None, reverse=False) -> None -- stable sort *IN PLACE*", listSort)
	addMissing(t, method("insert", "L.insert(index, object) -- insert object before index", func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		l, err := selfList(self, "insert")
		if err != nil {
			return nil, err
		}
		if err := nargs("insert", args, 2, 2); err != nil {
			return nil, err
		}
		i, err := asIndex(args[0], "index")
		if err != nil {
			return nil, err
		}
		n := len(l.Items)
		i = clampIndex(i, n)
		l.Items = append(l.Items, nil)
		copy(l.Items[i+1:], l.Items[i:n])
		l.Items[i] = args[1]
		return py.None, nil
	}))
	addMissing(t, method("index", "L.index(value, [start, [stop]]) -> integer -- return first index of value", func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		l, err := selfList(self, "index")
		if err != nil {
			return nil, err
		}
		i, err := seqIndex(l.Items, args, "list")
		if err != nil {
			return nil, err
		}
		return py.Int(i), nil
	}))
	addMissing(t, method("count", "L.count(value) -> integer -- return number of occurrences of value", func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		l, err := selfList(self, "count")
		if err != nil {
			return nil, err
		}
		return seqCount(l.Items, args)
	}))
	addMissing(t, method("pop", "L.pop([index]) -> item -- remove and return item at index (default last)", func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		l, err := selfList(self, "pop")
		if err != nil {
			return nil, err
		}
		if err := nargs("pop", args, 0, 1); err != nil {
			return nil, err
		}
		n := len(l.Items)
		if n == 0 {
			return nil, py.ExceptionNewf(py.IndexError, "pop from empty list")
		}
		i := n - 1
		if len(args) == 1 {
			if i, err = asIndex(args[0], "index"); err != nil {
				return nil, err
			}
			if i < 0 {
				i += n
			}
			if i < 0 || i >= n {
				return nil, py.ExceptionNewf(py.IndexError, "pop index out of range")
			}
		}
		v := l.Items[i]
		copy(l.Items[i:], l.Items[i+1:])
		l.Items[n-1] = nil
		l.Items = l.Items[:n-1]
		return v, nil
	}))
	addMissing(t, method("remove", "L.remove(value) -> None -- remove first occurrence of value", func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		l, err := selfList(self, "remove")
		if err != nil {
			return nil, err
		}
		if err := nargs("remove", args, 1, 1); err != nil {
			return nil, err
		}
		for i, it := range l.Items {
			eq, err := equal(it, args[0])
			if err != nil {
				return nil, err
			}
			if eq {
				n := len(l.Items)
				copy(l.Items[i:], l.Items[i+1:])
				l.Items[n-1] = nil
				l.Items = l.Items[:n-1]
				return py.None, nil
			}
		}
		return nil, valueErrorf("list.remove(x): x not in list")
	}))
	addMissing(t, method("reverse", "L.reverse() -- reverse *IN PLACE*", func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		l, err := selfList(self, "reverse")
		if err != nil {
			return nil, err
		}
		if err := nargs("reverse", args, 0, 0); err != nil {
			return nil, err
		}
		for i, j := 0, len(l.Items)-1; i < j; i, j = i+1, j-1 {
			l.Items[i], l.Items[j] = l.Items[j], l.Items[i]
		}
		return py.None, nil
	}))
	addMissing(t, method("copy", "L.copy() -> list -- a shallow copy of L", func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		l, err := selfList(self, "copy")
		if err != nil {
			return nil, err
		}
		if err := nargs("copy", args, 0, 0); err != nil {
			return nil, err
		}
		return &py.List{Items: append([]py.Object(nil), l.Items...)}, nil
	}))
	addMissing(t, method("clear", "L.clear() -> None -- remove all items from L", func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		l, err := selfList(self, "clear")
		if err != nil {
			return nil, err
		}
		if err := nargs("clear", args, 0, 0); err != nil {
			return nil, err
		}
		l.Items = nil
		return py.None, nil
	}))

	tt := py.TupleType
	addMissing(tt, method("index", "T.index(value, [start, [stop]]) -> integer -- return first index of value", func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		t, ok := self.(py.Tuple)
		if !ok {
			return nil, typeErrorf("descriptor 'index' for 'tuple' objects doesn't apply to a '%s' object", typeName(self))
		}
		i, err := seqIndex(t, args, "tuple")
		if err != nil {
			return nil, err
		}
		return py.Int(i), nil
	}))
	addMissing(tt, method("count", "T.count(value) -> integer -- return number of occurrences of value", func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		t, ok := self.(py.Tuple)
		if !ok {
			return nil, typeErrorf("descriptor 'count' for 'tuple' objects doesn't apply to a '%s' object", typeName(self))
		}
		return seqCount(t, args)
	}))
}

func selfList(self py.Object, name string) (*py.List, error) {
	l, ok := self.(*py.List)
	if !ok {
		return nil, typeErrorf("descriptor '%s' for 'list' objects doesn't apply to a '%s' object", name, typeName(self))
	}
	return l, nil
}

// seqIndex is list.index/tuple.index with CPython's equality (a user
// __eq__ is honoured).
func seqIndex(items []py.Object, args py.Tuple, kind string) (int, error) {
	if err := nargs("index", args, 1, 3); err != nil {
		return 0, err
	}
	var s, e py.Object
	if len(args) > 1 {
		s = args[1]
	}
	if len(args) > 2 {
		e = args[2]
	}
	start, end, err := sliceBounds(s, e, len(items))
	if err != nil {
		return 0, err
	}
	for i := start; i < end && i < len(items); i++ {
		eq, err := equal(items[i], args[0])
		if err != nil {
			return 0, err
		}
		if eq {
			return i, nil
		}
	}
	if kind == "tuple" {
		return 0, valueErrorf("tuple.index(x): x not in tuple")
	}
	r, err := py.ReprAsString(args[0])
	if err != nil {
		r = "value"
	}
	return 0, valueErrorf("%s is not in list", r)
}

func seqCount(items []py.Object, args py.Tuple) (py.Object, error) {
	if err := nargs("count", args, 1, 1); err != nil {
		return nil, err
	}
	n := 0
	for _, it := range items {
		eq, err := equal(it, args[0])
		if err != nil {
			return nil, err
		}
		if eq {
			n++
		}
	}
	return py.Int(n), nil
}
