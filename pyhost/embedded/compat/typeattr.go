package compat

import (
	"github.com/go-python/gpython/py"
)

// newGoType makes a type for a Go object of this package. Types created
// after gpython's init must be readied by hand.
func newGoType(name, doc string) *py.Type {
	t := py.NewType(name, doc)
	if err := t.Ready(); err != nil {
		panic(err)
	}
	return t
}

// installTypeAttributes gives classes CPython's attribute lookup.
//
// gpython looks attributes of a class up in the class's own dict and
// then in its *metatype*, never along the class's MRO, so B.x fails when
// x is defined in B's base, A.__name__ does not exist, A.s() returns the
// raw staticmethod object and str.upper("x") calls the method with a
// nil self. gpython's GetAttrString does consult a __getattribute__
// found through TypeCall for *py.Type receivers, and for a class that
// lookup reaches the metatype's dict, so a Go __getattribute__ in type's
// dict implements type.__getattribute__ for every class whose metatype
// is type. Instances of user classes are not affected: their lookup
// reaches their class's dict, not type's.
func installTypeAttributes() {
	tt := py.TypeType
	tt.Dict["__getattribute__"] = py.MustNewMethod("__getattribute__", typeGetattribute, 0,
		"type.__getattribute__(cls, name): CPython's class attribute lookup (metatype data descriptors, the class's MRO, then the metatype).")

	prop := func(name string, get func(t *py.Type) (py.Object, error), set func(t *py.Type, v py.Object) error) {
		p := &py.Property{Fget: func(self py.Object) (py.Object, error) {
			t, ok := self.(*py.Type)
			if !ok {
				return nil, attributeErrorf("'%s' object has no attribute '%s'", typeName(self), name)
			}
			return get(t)
		}}
		if set != nil {
			p.Fset = func(self, v py.Object) error {
				t, ok := self.(*py.Type)
				if !ok {
					return attributeErrorf("'%s' object has no attribute '%s'", typeName(self), name)
				}
				return set(t, v)
			}
		}
		tt.Dict[name] = p
	}
	prop("__name__", func(t *py.Type) (py.Object, error) { return py.String(displayName(t)), nil },
		func(t *py.Type, v py.Object) error {
			s, ok := v.(py.String)
			if !ok {
				return typeErrorf("can only assign string to %s.__name__, not '%s'", t.Name, typeName(v))
			}
			t.Name = string(s)
			return nil
		})
	prop("__qualname__", func(t *py.Type) (py.Object, error) {
		if t.Qualname != "" {
			return py.String(t.Qualname), nil
		}
		return py.String(displayName(t)), nil
	}, func(t *py.Type, v py.Object) error {
		s, ok := v.(py.String)
		if !ok {
			return typeErrorf("can only assign string to %s.__qualname__, not '%s'", t.Name, typeName(v))
		}
		t.Qualname = string(s)
		return nil
	})
	prop("__module__", func(t *py.Type) (py.Object, error) {
		if m, ok := t.Dict["__module__"]; ok {
			return m, nil
		}
		return py.String("builtins"), nil
	}, func(t *py.Type, v py.Object) error {
		t.Dict["__module__"] = v
		return nil
	})
	prop("__mro__", func(t *py.Type) (py.Object, error) { return append(py.Tuple(nil), t.Mro...), nil }, nil)
	prop("__bases__", func(t *py.Type) (py.Object, error) { return append(py.Tuple(nil), t.Bases...), nil }, nil)
	prop("__base__", func(t *py.Type) (py.Object, error) {
		if t.Base == nil {
			return py.None, nil
		}
		return t.Base, nil
	}, nil)
	// A copy: CPython's is a read-only mappingproxy.
	prop("__dict__", func(t *py.Type) (py.Object, error) { return t.Dict.Copy(), nil }, nil)

	// No type.mro method: gpython's Type.Ready calls any "mro" found on
	// the metatype with no arguments.

	// A function's docstring is in Function.Doc, but gpython has no
	// __doc__ attribute for it, so f.__doc__ read the function type's
	// own doc ("A python function").
	ft := py.FunctionType
	ft.Dict["__doc__"] = &py.Property{
		Fget: func(self py.Object) (py.Object, error) {
			if f, ok := self.(*py.Function); ok && f.Doc != nil {
				return f.Doc, nil
			}
			return py.None, nil
		},
		Fset: func(self, v py.Object) error {
			if f, ok := self.(*py.Function); ok {
				f.Doc = v
			}
			return nil
		},
	}
	if _, ok := ft.Dict["__module__"]; !ok {
		ft.Dict["__module__"] = &py.Property{Fget: func(self py.Object) (py.Object, error) {
			if f, ok := self.(*py.Function); ok {
				if m, ok := f.Globals["__name__"]; ok {
					return m, nil
				}
			}
			return py.None, nil
		}}
	}

	ot := py.ObjectType
	ot.Dict["__class__"] = &py.Property{Fget: func(self py.Object) (py.Object, error) { return self.Type(), nil }}
	ot.Dict["__dict__"] = &py.Property{Fget: func(self py.Object) (py.Object, error) {
		switch x := self.(type) {
		case *py.Exception:
			return x.Dict, nil
		case py.StringDict:
			// A dict's GetDict is gpython's own plumbing, not __dict__.
		case py.IGetDict:
			if d := x.GetDict(); d != nil {
				return d, nil
			}
		}
		return nil, attributeErrorf("'%s' object has no attribute '__dict__'", typeName(self))
	}}
	if _, ok := ot.Dict["__init__"]; !ok {
		ot.Dict["__init__"] = py.MustNewMethod("__init__", objectInit, 0, "Initialize self.")
	}
}

// typeGetattribute is type.__getattribute__(cls, name) as in CPython's
// type_getattro: data descriptors of the metatype, then the class's MRO
// (binding through __get__(None, cls)), then the metatype's other
// attributes.
func typeGetattribute(self py.Object, args py.Tuple) (res py.Object, err error) {
	defer recoverTo("type.__getattribute__", &err)
	if !unboundSelf(self) {
		args = append(py.Tuple{self}, args...)
	}
	if len(args) != 2 {
		return nil, typeErrorf("expected 2 arguments, got %d", len(args))
	}
	cls, ok := args[0].(*py.Type)
	if !ok {
		return nil, typeErrorf("descriptor '__getattribute__' requires a 'type' object but received a '%s'", typeName(args[0]))
	}
	name, err := py.AttributeName(args[1])
	if err != nil {
		return nil, err
	}
	meta := cls.Type()
	metaAttr := lookupMro(meta, name)
	if metaAttr != nil {
		if _, isData := metaAttr.(py.I__set__); isData {
			if g, ok := metaAttr.(py.I__get__); ok {
				return g.M__get__(cls, meta)
			}
		}
	}
	if attr, owner := lookupMroOwner(cls, name); attr != nil {
		if m, ok := attr.(*py.Method); ok && owner.Flags&py.TPFLAGS_HEAPTYPE != 0 && m.Flags&(py.METH_STATIC|py.METH_CLASS) == 0 {
			// A builtin function stored as a class attribute (f = len)
			// is not a descriptor in CPython.
			return m, nil
		}
		return classGet(attr, cls)
	}
	if metaAttr != nil {
		if g, ok := metaAttr.(py.I__get__); ok {
			return g.M__get__(cls, meta)
		}
		return metaAttr, nil
	}
	if ga := lookupMro(meta, "__getattr__"); ga != nil && isClass(cls) && meta.Flags&py.TPFLAGS_HEAPTYPE != 0 {
		return py.Call(ga, py.Tuple{cls, py.String(name)}, nil)
	}
	return nil, attributeErrorf("type object '%s' has no attribute '%s'", displayName(cls), name)
}

// classGet is descr.__get__(None, cls) for an attribute found on a
// class, with the gpython objects whose __get__ would misbehave for a
// None instance handled here.
func classGet(attr py.Object, cls *py.Type) (py.Object, error) {
	switch x := attr.(type) {
	case *py.Property:
		// CPython returns the descriptor itself for class access;
		// gpython's would call the getter with None.
		return x, nil
	case *py.Method:
		switch {
		case x.Flags&py.METH_STATIC != 0:
			return x, nil
		case x.Flags&py.METH_CLASS != 0:
			return py.NewBoundMethod(cls, x), nil
		}
		// Called through the class, a method needs its self as the
		// first argument (str.upper("x")); gpython would pass nil.
		return &unboundMethod{m: x, owner: cls}, nil
	case *classAttr:
		return x.classValue(cls)
	case py.I__get__:
		return x.M__get__(py.None, cls)
	}
	return attr, nil
}

// unboundMethod is a Go method of a built-in type reached through the
// type (str.upper, dict.get, list.sort): calling it takes the instance
// as the first argument, as CPython's method descriptors do.
type unboundMethod struct {
	m     *py.Method
	owner *py.Type
}

var unboundMethodType = newGoType("method_descriptor", "A method of a built-in type, called with the instance as first argument.")

func (u *unboundMethod) Type() *py.Type { return unboundMethodType }

func (u *unboundMethod) M__call__(args py.Tuple, kwargs py.StringDict) (res py.Object, err error) {
	defer recoverTo(u.m.Name, &err)
	if len(args) == 0 {
		return nil, typeErrorf("unbound method %s.%s() needs an argument", u.owner.Name, u.m.Name)
	}
	self := args[0]
	if self == nil {
		return nil, errNil(u.m.Name)
	}
	if !instanceOf(self, u.owner) {
		return nil, typeErrorf("descriptor '%s' for '%s' objects doesn't apply to a '%s' object", u.m.Name, u.owner.Name, typeName(self))
	}
	return u.m.CallWithKeywords(self, args[1:], kwargs)
}

func (u *unboundMethod) M__get__(instance, owner py.Object) (py.Object, error) {
	if instance == nil || instance == py.None {
		return u, nil
	}
	return py.NewBoundMethod(instance, u.m), nil
}

func (u *unboundMethod) M__repr__() (py.Object, error) {
	return py.String("<method '" + u.m.Name + "' of '" + u.owner.Name + "' objects>"), nil
}

func (u *unboundMethod) M__eq__(other py.Object) (py.Object, error) {
	o, ok := other.(*unboundMethod)
	return py.NewBool(ok && o.m == u.m && o.owner == u.owner), nil
}

func (u *unboundMethod) M__ne__(other py.Object) (py.Object, error) {
	o, ok := other.(*unboundMethod)
	return py.NewBool(!(ok && o.m == u.m && o.owner == u.owner)), nil
}

func init() {
	unboundMethodType.Dict["__name__"] = &py.Property{Fget: func(self py.Object) (py.Object, error) {
		return py.String(self.(*unboundMethod).m.Name), nil
	}}
	// len.__name__, and the functions decorators made in Go
	// (@openupgrade.logging()), as CPython's builtins and wraps give them.
	if _, ok := py.MethodType.Dict["__name__"]; !ok {
		py.MethodType.Dict["__name__"] = &py.Property{Fget: func(self py.Object) (py.Object, error) {
			return py.String(self.(*py.Method).Name), nil
		}}
	}
}

// objectInit is object.__init__. gpython's ObjectInit calls it unbound
// (instance first) when a class has no __init__ of its own: extra
// arguments then mean `A(1)` for a class that takes none.
func objectInit(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	if unboundSelf(self) {
		if len(args) == 0 {
			return nil, typeErrorf("descriptor '__init__' of 'object' object needs an argument")
		}
		self, args = args[0], args[1:]
		if len(args) != 0 || len(kwargs) != 0 {
			if t, ok := self.(*py.Type); ok && !isClass(t) && userSpecial(t.Type(), "__new__") == nil {
				return nil, typeErrorf("%s() takes no arguments", t.Type().Name)
			}
		}
		return py.None, nil
	}
	if len(args) != 0 || len(kwargs) != 0 {
		return nil, typeErrorf("object.__init__() takes exactly one argument (the instance to initialize)")
	}
	return py.None, nil
}
