package compat

import (
	"sync"

	"github.com/go-python/gpython/py"

	"github.com/migrate-runner/migrate-runner/pyhost/embedded/pystdlib"
)

var installOnce sync.Once

// Install applies the process-global patches, once. gpython's type dicts
// and type fields are shared by every context, so call it before
// contexts run concurrently (Builtins calls it too).
//
// It fixes the metatypes of the built-in types, gives classes CPython's
// attribute lookup (__name__, __qualname__, __module__, __mro__, MRO
// inheritance, staticmethod/classmethod through the class, str.upper(s)),
// adds obj.__class__ and obj.__dict__, makes bool(x) work, makes classes
// defining exceptions, __call__, __new__ or inherited special methods
// work (see prepareClass), adds the missing str, bytes, dict, list,
// tuple and set methods, gives exception instances real attributes, and
// lets enumerate take start=.
func Install() {
	installOnce.Do(func() {
		pystdlib.Install() // the dict class of __mr_dict__
		fixMetatypes()
		installTypeAttributes()
		installExceptions()
		installStrMethods()
		installBytesMethods()
		installDictMethods()
		installListMethods()
		installSetMethods()
		py.BoolType.New = boolNew
		py.ListType.New = listNew
		py.TupleType.New = tupleNew
		py.TypeType.New = typeNewCompat
		if _, ok := py.ObjectType.Dict["__new__"]; !ok {
			py.ObjectType.Dict["__new__"] = staticMethod("__new__", "Create and return a new object.", objectNew)
		}
		enumerateNew := py.EnumerateType.New
		py.EnumerateType.New = func(t *py.Type, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
			var iterable, start py.Object
			if err := (argParser{fname: "enumerate", names: []string{"iterable", "start"}, nreq: 1}).parse(args, kwargs, &iterable, &start); err != nil {
				return nil, err
			}
			if start == nil {
				return enumerateNew(t, py.Tuple{iterable}, nil)
			}
			return enumerateNew(t, py.Tuple{iterable, start}, nil)
		}
	})
}

// fixMetatypes makes type(T) be type for every built-in type. gpython's
// Type.NewType sets a subtype's metatype to its *parent*, so
// type(ValueError) was BaseException and `class E(Exception)` was built
// by calling BaseException.
func fixMetatypes() {
	impl := py.GetModuleImpl("builtins")
	if impl == nil {
		return
	}
	for _, o := range impl.Globals {
		if t, ok := o.(*py.Type); ok && t.ObjectType != py.TypeType {
			t.ObjectType = py.TypeType
		}
	}
}

// boolNew is bool(x): False without an argument, otherwise x's truth
// value with a user __bool__ or __len__ honoured.
func boolNew(_ *py.Type, args py.Tuple, kwargs py.StringDict) (res py.Object, err error) {
	defer recoverTo("bool", &err)
	if len(kwargs) != 0 {
		return nil, typeErrorf("bool() takes no keyword arguments")
	}
	switch len(args) {
	case 0:
		return py.False, nil
	case 1:
		b, err := truth(args[0])
		if err != nil {
			return nil, err
		}
		return py.NewBool(b), nil
	}
	return nil, typeErrorf("bool expected at most 1 argument, got %d", len(args))
}

// listNew is list(iterable) through iterate: gpython's cannot iterate
// bytes, and stops only on the StopIteration class, not on an instance
// raised by Python code.
func listNew(_ *py.Type, args py.Tuple, kwargs py.StringDict) (res py.Object, err error) {
	defer recoverTo("list", &err)
	if err := noKwargs("list", kwargs); err != nil {
		return nil, err
	}
	if len(args) > 1 {
		return nil, typeErrorf("list expected at most 1 argument, got %d", len(args))
	}
	if len(args) == 0 {
		return &py.List{}, nil
	}
	items, err := toSlice(args[0])
	if err != nil {
		return nil, err
	}
	return &py.List{Items: items}, nil
}

// tupleNew is tuple(iterable), as listNew.
func tupleNew(_ *py.Type, args py.Tuple, kwargs py.StringDict) (res py.Object, err error) {
	defer recoverTo("tuple", &err)
	if err := noKwargs("tuple", kwargs); err != nil {
		return nil, err
	}
	if len(args) > 1 {
		return nil, typeErrorf("tuple expected at most 1 argument, got %d", len(args))
	}
	if len(args) == 0 {
		return py.Tuple{}, nil
	}
	if t, ok := args[0].(py.Tuple); ok {
		return t, nil
	}
	items, err := toSlice(args[0])
	if err != nil {
		return nil, err
	}
	return py.Tuple(items), nil
}
