package compat

import (
	"strings"
	"sync"

	"github.com/go-python/gpython/py"
)

// flagPrepared marks a class prepareClass has seen. gpython uses none of
// the bits between TPFLAGS_IS_ABSTRACT and TPFLAGS_INT_SUBCLASS.
const flagPrepared uint = 1 << 22

// dispatchedSpecials are the special methods gpython looks up with
// TypeCall, which searches only the instance's own class dict, not its
// bases: prepareClass copies inherited ones down so that a subclass
// keeps its base's __len__, __iter__, __repr__, ...
var dispatchedSpecials = []string{
	"__len__", "__getitem__", "__setitem__", "__delitem__", "__contains__",
	"__iter__", "__next__", "__repr__", "__str__", "__bool__", "__index__",
	"__getattr__", "__getattribute__", "__setattr__", "__delattr__",
	"__bytes__", "__ceil__", "__floor__", "__trunc__", "send",
}

// typeNewCompat wraps gpython's TypeNew so that every class, whether
// from a class statement or type(name, bases, dict), gets prepareClass.
func typeNewCompat(metatype *py.Type, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	if len(args) == 3 {
		if _, ok := args[2].(py.StringDict); !ok {
			return nil, typeErrorf("type.__new__() argument 3 must be dict, not %s", typeName(args[2]))
		}
		if _, ok := args[1].(py.Tuple); !ok {
			return nil, typeErrorf("type.__new__() argument 2 must be tuple, not %s", typeName(args[1]))
		}
		if _, ok := args[0].(py.String); !ok {
			return nil, typeErrorf("type.__new__() argument 1 must be str, not %s", typeName(args[0]))
		}
		if ns := args[2].(py.StringDict); ns["__module__"] == nil {
			// A class statement's body sets __module__; type(name, bases,
			// dict) cannot see its caller's module, and gpython's TypeNew
			// would print a FIXME line on stdout without one.
			ns = ns.Copy()
			ns["__module__"] = py.String("builtins")
			args = py.Tuple{args[0], args[1], ns}
		}
	}
	res, err := py.TypeNew(metatype, args, kwargs)
	if err != nil || len(args) != 3 {
		return res, err
	}
	if cls, ok := res.(*py.Type); ok {
		prepareClass(cls)
	}
	return res, nil
}

// prepareClass makes a class built by gpython behave as in CPython where
// gpython's class machinery falls short:
//   - exception subclasses create real *py.Exception instances (so they
//     can be raised and caught) and chain the user's __init__;
//   - instance attributes of exception subclasses get descriptors (see
//     exceptions.go);
//   - inherited special methods are copied into the class dict;
//   - __next__ raising StopIteration() ends list()/tuple()/join();
//   - __call__ and __new__ defined in Python are honoured, and calling an
//     instance without __call__ gives CPython's TypeError.
func prepareClass(cls *py.Type) {
	if cls.Flags&flagPrepared != 0 || !isClass(cls) {
		return
	}
	cls.Flags |= flagPrepared
	if needsRepair(cls, 0) && repairBases(cls) {
		// The class's MRO was computed from a broken base: redo it.
		cls.Flags &^= py.TPFLAGS_READY
		if err := cls.Ready(); err != nil {
			return
		}
	}
	for _, name := range dispatchedSpecials {
		if _, ok := cls.Dict[name]; ok {
			continue
		}
		if fn := userSpecial(cls, name); fn != nil {
			cls.Dict[name] = fn
		}
	}
	if fn, ok := cls.Dict["__next__"]; ok {
		if _, already := fn.(*py.Method); !already && fn != py.None {
			cls.Dict["__next__"] = nextWrapper(fn)
		}
	}
	if cls.Flags&py.TPFLAGS_BASE_EXC_SUBCLASS != 0 {
		cls.New = excNew
		cls.Init = excInit
		if fn := userSpecial(cls, "__new__"); fn != nil {
			cls.New = userNew(cls, fn)
		}
		addInstanceAttrs(cls)
		return
	}
	base := cls.New
	if fn := userSpecial(cls, "__new__"); fn != nil {
		base = userNew(cls, fn)
	}
	cls.New = func(metatype *py.Type, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		obj, err := base(metatype, args, kwargs)
		if err != nil {
			return nil, err
		}
		makeCallable(obj)
		return obj, nil
	}
}

// repairMu serialises repairs of shared base types. Types should be
// readied by the package that makes them; this is a safety net.
var repairMu sync.Mutex

// needsRepair reports whether a base of t (at any depth) has no MRO. A
// type made with Type.NewType after gpython's init copies its parent's
// flags, READY included, so its Ready() returns at once and leaves the
// MRO empty: then `except Parent` never catches the subclass and super()
// finds nothing.
func needsRepair(t *py.Type, depth int) bool {
	if depth > 32 {
		return false
	}
	for _, b := range t.Bases {
		if bt, ok := b.(*py.Type); ok && bt != py.ObjectType && (len(bt.Mro) == 0 || needsRepair(bt, depth+1)) {
			return true
		}
	}
	return false
}

// repairBases readies the bases of t that have no MRO, deepest first,
// and reports whether it changed any.
func repairBases(t *py.Type) bool {
	repairMu.Lock()
	defer repairMu.Unlock()
	var fix func(t *py.Type, depth int) bool
	fix = func(t *py.Type, depth int) bool {
		if depth > 32 {
			return false
		}
		repaired := false
		for _, b := range t.Bases {
			bt, ok := b.(*py.Type)
			if !ok || bt == py.ObjectType {
				continue
			}
			if fix(bt, depth+1) {
				repaired = true
			}
			if len(bt.Mro) == 0 {
				if bt.Base == nil && len(bt.Bases) > 0 {
					bt.Base, _ = bt.Bases[0].(*py.Type)
				}
				bt.Flags &^= py.TPFLAGS_READY
				if err := bt.Ready(); err == nil {
					repaired = true
				}
			}
		}
		return repaired
	}
	return fix(t, 0)
}

// makeCallable gives an instance of a user class CPython's call
// behaviour. gpython calls an instance (a *py.Type) through
// Type.M__call__, which runs the *instance's* New: pointing it at
// callInstance calls the class's __call__ (M__call__ then skips __init__
// because the result is not an instance of the instance), or raises
// "'X' object is not callable" instead of gpython's "cannot create" error.
func makeCallable(obj py.Object) {
	if inst := userInstance(obj); inst != nil && inst.New == nil {
		inst.New = callInstance
	}
}

func callInstance(self *py.Type, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	fn := userSpecial(self.Type(), "__call__")
	if fn == nil || fn == py.None {
		return nil, typeErrorf("'%s' object is not callable", self.Type().Name)
	}
	call := make(py.Tuple, 0, len(args)+1)
	call = append(call, self)
	call = append(call, args...)
	return py.Call(fn, call, kwargs)
}

// userNew calls a __new__ written in Python (an implicit staticmethod
// in CPython) with the class first.
func userNew(cls *py.Type, fn py.Object) py.NewFunc {
	if sm, ok := fn.(*py.StaticMethod); ok {
		fn = sm.Callable
	}
	return func(metatype *py.Type, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		call := make(py.Tuple, 0, len(args)+1)
		call = append(call, metatype)
		call = append(call, args...)
		return py.Call(fn, call, kwargs)
	}
}

// objectNew is object.__new__(cls): a bare instance of cls (an exception
// object for exception classes), made callable if cls defines __call__.
func objectNew(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	if len(args) == 0 {
		return nil, typeErrorf("object.__new__(): not enough arguments")
	}
	cls, ok := args[0].(*py.Type)
	if !ok || !isClass(cls) {
		return nil, typeErrorf("object.__new__(X): X is not a type object (%s)", typeName(args[0]))
	}
	if cls.Flags&py.TPFLAGS_BASE_EXC_SUBCLASS != 0 {
		return excNew(cls, args[1:], nil)
	}
	obj, err := py.ObjectNew(cls, nil, nil)
	if err != nil {
		return nil, err
	}
	makeCallable(obj)
	return obj, nil
}

// nextWrapper makes a Python __next__ report exhaustion the way
// gpython's consumers (list(), tuple(), str.join, ...) test for it: they
// compare the error with the StopIteration class, while `raise
// StopIteration` in Python gives an instance.
func nextWrapper(fn py.Object) *py.Method {
	return py.MustNewMethod("__next__", func(self py.Object, args py.Tuple) (py.Object, error) {
		var call py.Tuple
		if unboundSelf(self) {
			call = args
		} else {
			call = append(py.Tuple{self}, args...)
		}
		res, err := py.Call(fn, call, nil)
		if err != nil && isStopIteration(err) {
			return nil, py.StopIteration
		}
		return res, err
	}, 0, "Implement next(self).")
}

// addInstanceAttrs gives an exception class a classAttr for every
// attribute name its methods use (self.code = code, e.code), so those
// attributes can be set and read on instances. Names the class already
// resolves to a method or descriptor are left alone; a plain class
// attribute becomes the descriptor's default.
func addInstanceAttrs(cls *py.Type) {
	names := map[string]bool{}
	for _, v := range cls.Dict {
		collectCodeNames(v, names, 0)
	}
	for name := range names {
		if strings.HasPrefix(name, "__") && strings.HasSuffix(name, "__") {
			continue
		}
		existing := lookupMro(cls, name)
		switch existing.(type) {
		case nil:
			cls.Dict[name] = &classAttr{name: name}
		case *classAttr, *py.Property, *propertyObj, *py.Function, *py.Method,
			*py.StaticMethod, *py.ClassMethod, *py.Type:
			// Methods, descriptors and nested classes stay class-level.
		default:
			if _, isDesc := existing.(py.I__get__); isDesc {
				continue
			}
			cls.Dict[name] = &classAttr{name: name, dflt: existing, hasDflt: true}
		}
	}
}

// collectCodeNames adds the attribute and global names used by the code
// of a function (and of the functions nested in it) to names.
func collectCodeNames(v py.Object, names map[string]bool, depth int) {
	if depth > 8 {
		return
	}
	var code *py.Code
	switch x := v.(type) {
	case *py.Function:
		code = x.Code
	case *py.StaticMethod:
		collectCodeNames(x.Callable, names, depth+1)
	case *py.ClassMethod:
		collectCodeNames(x.Callable, names, depth+1)
	case *propertyObj:
		for _, f := range []py.Object{x.fget, x.fset, x.fdel} {
			collectCodeNames(f, names, depth+1)
		}
	case *py.Code:
		code = x
	}
	if code == nil {
		return
	}
	for _, n := range code.Names {
		names[n] = true
	}
	for _, c := range code.Consts {
		if sub, ok := c.(*py.Code); ok {
			collectCodeNames(sub, names, depth+1)
		}
	}
}

// buildClass wraps gpython's __build_class__: it checks the arguments
// gpython would panic on, protects the bases from aliasing the VM stack,
// and makes sure the new class is prepared even when a metaclass other
// than type built it.
func buildClass(orig py.Object) func(py.Object, py.Tuple, py.StringDict) (py.Object, error) {
	return func(_ py.Object, args py.Tuple, kwargs py.StringDict) (res py.Object, err error) {
		defer recoverTo("__build_class__", &err)
		if len(args) < 2 {
			return nil, typeErrorf("__build_class__: not enough arguments")
		}
		if _, ok := args[0].(*py.Function); !ok {
			return nil, typeErrorf("__build_class__: func must be a function")
		}
		if _, ok := args[1].(py.String); !ok {
			return nil, typeErrorf("__build_class__: name is not a string")
		}
		for _, b := range args[2:] {
			if t, ok := b.(*py.Type); !ok || !isClass(t) {
				return nil, typeErrorf("bases must be types")
			}
		}
		// gpython's __build_class__ keeps args[2:] as the class's
		// Bases, and args may be a window on the VM's stack that later
		// calls overwrite (C.__bases__ turned into ('B',)): pass a copy.
		res, err = py.Call(orig, args.Copy(), kwargs)
		if err != nil {
			return nil, err
		}
		if cls, ok := res.(*py.Type); ok {
			prepareClass(cls)
		}
		return res, nil
	}
}
