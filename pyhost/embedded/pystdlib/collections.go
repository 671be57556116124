package pystdlib

import (
	"github.com/go-python/gpython/py"
)

// The collections module: the mapping classes (mapping.go), Counter's
// extras, namedtuple (namedtuple.go) and deque (deque.go).

func initMappingTypes() {
	DefaultDictType = newGoType("defaultdict", "defaultdict(default_factory=None, /, [...]) --> dict with default factory", newDefaultDict)
	OrderedDictType = newGoType("OrderedDict", "Dictionary that remembers insertion order", newOrderedDict)
	CounterType = newGoType("Counter", "Dict subclass for counting hashable items.", newCounter)
	for k, prefix := range []string{"dict_", "odict_"} {
		keysViewTypes[k] = newGoType(prefix+"keys", "", nil)
		valuesViewTypes[k] = newGoType(prefix+"values", "", nil)
		itemsViewTypes[k] = newGoType(prefix+"items", "", nil)
	}
	mapIterType = newGoType("dict_iterator", "", nil)
	DictType = newGoType("dict", "dict() -> new empty dictionary (insertion-ordered, any hashable key)", newDict)

	for _, t := range []*py.Type{DefaultDictType, OrderedDictType, CounterType, DictType} {
		t.Dict["__module__"] = py.String("collections")
		if t == DictType {
			t.Dict["__module__"] = py.String("builtins")
		}
		for name, m := range commonMappingMethods() {
			t.Dict[name] = m
		}
	}
	typeFor := map[mapKind]*py.Type{kindDefaultDict: DefaultDictType, kindOrderedDict: OrderedDictType, kindCounter: CounterType, kindDict: DictType}
	for kind, t := range typeFor {
		kind := kind
		t.Dict["fromkeys"] = classMethod("fromkeys", "Create a new mapping with keys from iterable and values set to value.",
			func(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
				return fromKeys(kind, args, kwargs)
			})
	}

	DefaultDictType.Dict["default_factory"] = &py.Property{
		Fget: func(self py.Object) (py.Object, error) { return self.(*Mapping).factory, nil },
		Fset: func(self, v py.Object) error {
			if v != py.None {
				if _, ok := v.(py.I__call__); !ok {
					return py.ExceptionNewf(py.TypeError, "first argument must be callable or None")
				}
			}
			self.(*Mapping).factory = v
			return nil
		},
		Doc: "Factory for default value called by __missing__().",
	}
	DefaultDictType.Dict["__missing__"] = method("__missing__", "", func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		d, err := mapSelf("__missing__", self)
		if err != nil {
			return nil, err
		}
		var key py.Object
		if err := bindArgs("__missing__", args, kwargs, []string{"key"}, 1, 1, &key); err != nil {
			return nil, err
		}
		return d.missing(key)
	})

	OrderedDictType.Dict["move_to_end"] = method("move_to_end", "Move an existing element to the end (or beginning if last is false).",
		func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
			d, err := mapSelf("move_to_end", self)
			if err != nil {
				return nil, err
			}
			var key, last py.Object
			if err := bindArgs("move_to_end", args, kwargs, []string{"key", "last"}, 1, 2, &key, &last); err != nil {
				return nil, err
			}
			toEnd := true
			if last != nil {
				if toEnd, err = truth(last); err != nil {
					return nil, err
				}
			}
			found, err := d.m.moveToEnd(key, toEnd)
			if err != nil {
				return nil, err
			}
			if !found {
				return nil, keyError(key)
			}
			d.version++
			return py.None, nil
		})

	initCounterMethods()
}

func newDefaultDict(_ *py.Type, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	d := newMapping(kindDefaultDict)
	if len(args) > 0 {
		if args[0] != py.None {
			if _, ok := args[0].(py.I__call__); !ok {
				return nil, py.ExceptionNewf(py.TypeError, "first argument must be callable or None")
			}
		}
		d.factory = args[0]
		args = args[1:]
	}
	if len(args) > 1 {
		return nil, py.ExceptionNewf(py.TypeError, "defaultdict expected at most 2 arguments, got %d", len(args)+1)
	}
	var other py.Object
	if len(args) == 1 {
		other = args[0]
	}
	return d, d.update("defaultdict", other, kwargs)
}

func newDict(_ *py.Type, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	if len(args) > 1 {
		return nil, py.ExceptionNewf(py.TypeError, "dict expected at most 1 argument, got %d", len(args))
	}
	d := newMapping(kindDict)
	var other py.Object
	if len(args) == 1 {
		other = args[0]
	}
	return d, d.update("dict", other, kwargs)
}

func newOrderedDict(_ *py.Type, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	if len(args) > 1 {
		return nil, py.ExceptionNewf(py.TypeError, "OrderedDict expected at most 1 argument, got %d", len(args))
	}
	d := newMapping(kindOrderedDict)
	var other py.Object
	if len(args) == 1 {
		other = args[0]
	}
	return d, d.update("OrderedDict", other, kwargs)
}

func newCounter(_ *py.Type, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	if len(args) > 1 {
		return nil, py.ExceptionNewf(py.TypeError, "expected at most 1 argument, got %d", len(args))
	}
	d := newMapping(kindCounter)
	var other py.Object
	if len(args) == 1 {
		other = args[0]
	}
	return d, d.counterUpdate(other, kwargs, 1)
}

func fromKeys(kind mapKind, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	if kind == kindCounter {
		return nil, py.ExceptionNewf(py.NotImplementedError, "Counter.fromkeys() is undefined.  Use Counter(iterable) instead.")
	}
	var iterable, value py.Object
	if err := bindArgs("fromkeys", args, kwargs, []string{"iterable", "value"}, 1, 2, &iterable, &value); err != nil {
		return nil, err
	}
	if value == nil {
		value = py.None
	}
	d := newMapping(kind)
	return d, iterate(iterable, func(k py.Object) (bool, error) { return true, d.setItem(k, value) })
}

// commonMappingMethods are the dict methods every mapping class has. The
// Counter class replaces update.
func commonMappingMethods() map[string]*py.Method {
	view := func(name string, which int) *py.Method {
		return method(name, "", func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
			d, err := mapSelf(name, self)
			if err != nil {
				return nil, err
			}
			if err := bindArgs(name, args, kwargs, nil, 0, 0); err != nil {
				return nil, err
			}
			return &mapView{d: d, which: which}, nil
		})
	}
	ms := map[string]*py.Method{
		"keys":   view("keys", viewKeys),
		"values": view("values", viewValues),
		"items":  view("items", viewItems),
	}
	ms["get"] = method("get", "Return the value for key if key is in the dictionary, else default.",
		func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
			d, err := mapSelf("get", self)
			if err != nil {
				return nil, err
			}
			var key, def py.Object
			if err := bindArgs("get", args, kwargs, []string{"key", "default"}, 1, 2, &key, &def); err != nil {
				return nil, err
			}
			v, ok, err := d.m.get(key)
			if err != nil || ok {
				return v, err
			}
			if def == nil {
				return py.None, nil
			}
			return def, nil
		})
	ms["pop"] = method("pop", "D.pop(k[,d]) -> v, remove specified key and return the corresponding value.",
		func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
			d, err := mapSelf("pop", self)
			if err != nil {
				return nil, err
			}
			var key, def py.Object
			if err := bindArgs("pop", args, kwargs, []string{"key", "default"}, 1, 2, &key, &def); err != nil {
				return nil, err
			}
			v, ok, err := d.m.del(key)
			if err != nil {
				return nil, err
			}
			if ok {
				d.version++
				return v, nil
			}
			if def == nil {
				return nil, keyError(key)
			}
			return def, nil
		})
	ms["popitem"] = method("popitem", "Remove and return a (key, value) pair from the dictionary.",
		func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
			d, err := mapSelf("popitem", self)
			if err != nil {
				return nil, err
			}
			var lastArg py.Object
			maxPos := 0
			names := []string{}
			out := []*py.Object{}
			if d.kind == kindOrderedDict {
				maxPos, names, out = 1, []string{"last"}, []*py.Object{&lastArg}
			}
			if err := bindArgs("popitem", args, kwargs, names, 0, maxPos, out...); err != nil {
				return nil, err
			}
			last := true
			if lastArg != nil {
				if last, err = truth(lastArg); err != nil {
					return nil, err
				}
			}
			if d.m.live == 0 {
				if d.kind == kindOrderedDict {
					return nil, keyError(py.String("dictionary is empty"))
				}
				return nil, keyError(py.String("popitem(): dictionary is empty"))
			}
			i := d.m.last()
			if !last {
				i = d.m.first()
			}
			k := d.m.entries[i].key
			v := d.m.removeAt(i)
			d.version++
			return py.Tuple{k, v}, nil
		})
	ms["setdefault"] = method("setdefault", "Insert key with a value of default if key is not in the dictionary.",
		func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
			d, err := mapSelf("setdefault", self)
			if err != nil {
				return nil, err
			}
			var key, def py.Object
			if err := bindArgs("setdefault", args, kwargs, []string{"key", "default"}, 1, 2, &key, &def); err != nil {
				return nil, err
			}
			v, ok, err := d.m.get(key)
			if err != nil || ok {
				return v, err
			}
			if def == nil {
				def = py.None
			}
			return def, d.setItem(key, def)
		})
	ms["update"] = method("update", "D.update([E, ]**F) -> None.  Update D from dict/iterable E and F.",
		func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
			d, err := mapSelf("update", self)
			if err != nil {
				return nil, err
			}
			if len(args) > 1 {
				return nil, py.ExceptionNewf(py.TypeError, "update expected at most 1 argument, got %d", len(args))
			}
			var other py.Object
			if len(args) == 1 {
				other = args[0]
			}
			if d.kind == kindCounter {
				return py.None, d.counterUpdate(other, kwargs, 1)
			}
			return py.None, d.update("update", other, kwargs)
		})
	ms["copy"] = method("copy", "D.copy() -> a shallow copy of D", func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		d, err := mapSelf("copy", self)
		if err != nil {
			return nil, err
		}
		if err := bindArgs("copy", args, kwargs, nil, 0, 0); err != nil {
			return nil, err
		}
		return d.clone(), nil
	})
	ms["__copy__"] = ms["copy"]
	ms["clear"] = method("clear", "D.clear() -> None.  Remove all items from D.", func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		d, err := mapSelf("clear", self)
		if err != nil {
			return nil, err
		}
		if err := bindArgs("clear", args, kwargs, nil, 0, 0); err != nil {
			return nil, err
		}
		d.m.clear()
		d.version++
		return py.None, nil
	})
	return ms
}

func (d *Mapping) clone() *Mapping {
	return &Mapping{kind: d.kind, m: d.m.clone(), factory: d.factory}
}

// M__or__ is dict | other (3.9): a copy of d updated with other.
func (d *Mapping) M__or__(other py.Object) (py.Object, error) {
	if d.kind == kindCounter {
		return d.counterOp(other, opUnion)
	}
	switch other.(type) {
	case *Mapping, py.StringDict:
	default:
		return py.NotImplemented, nil
	}
	c := d.clone()
	return c, c.update("__or__", other, nil)
}

func (d *Mapping) M__ior__(other py.Object) (py.Object, error) {
	if d.kind == kindCounter {
		return d.counterInPlace(other, opUnion)
	}
	return d, d.update("__ior__", other, nil)
}
