package compat

import (
	"fmt"

	"github.com/go-python/gpython/py"
)

// propertyObj is CPython's property: a data descriptor calling Python
// getter, setter and deleter functions.
type propertyObj struct {
	fget, fset, fdel py.Object
	doc              py.Object
	name             string
}

var propertyType = newGoType("property", "property(fget=None, fset=None, fdel=None, doc=None) -> property attribute")

func (p *propertyObj) Type() *py.Type { return propertyType }

var propertyArgs = argParser{fname: "property", names: []string{"fget", "fset", "fdel", "doc"}}

func propertyNew(_ *py.Type, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	p := &propertyObj{}
	if err := propertyArgs.parse(args, kwargs, &p.fget, &p.fset, &p.fdel, &p.doc); err != nil {
		return nil, err
	}
	p.normalise()
	if p.doc == nil && p.fget != nil {
		if d, err := py.GetAttrString(p.fget, "__doc__"); err == nil {
			p.doc = d
		}
	}
	if p.fget != nil {
		if n, err := py.GetAttrString(p.fget, "__name__"); err == nil {
			if s, ok := n.(py.String); ok {
				p.name = string(s)
			}
		}
	}
	return p, nil
}

// normalise turns explicit None accessors into absent ones.
func (p *propertyObj) normalise() {
	for _, f := range []*py.Object{&p.fget, &p.fset, &p.fdel} {
		if *f == py.None {
			*f = nil
		}
	}
}

func (p *propertyObj) owner(instance py.Object) string {
	return typeName(instance)
}

func (p *propertyObj) M__get__(instance, owner py.Object) (py.Object, error) {
	if instance == nil || instance == py.None {
		return p, nil
	}
	if p.fget == nil {
		return nil, attributeErrorf("property %s of '%s' object has no getter", p.quotedName(), p.owner(instance))
	}
	return py.Call(p.fget, py.Tuple{instance}, nil)
}

func (p *propertyObj) M__set__(instance, value py.Object) (py.Object, error) {
	if p.fset == nil {
		return nil, attributeErrorf("property %s of '%s' object has no setter", p.quotedName(), p.owner(instance))
	}
	if _, err := py.Call(p.fset, py.Tuple{instance, value}, nil); err != nil {
		return nil, err
	}
	return py.None, nil
}

func (p *propertyObj) M__delete__(instance py.Object) (py.Object, error) {
	if p.fdel == nil {
		return nil, attributeErrorf("property %s of '%s' object has no deleter", p.quotedName(), p.owner(instance))
	}
	if _, err := py.Call(p.fdel, py.Tuple{instance}, nil); err != nil {
		return nil, err
	}
	return py.None, nil
}

func (p *propertyObj) quotedName() string {
	if p.name == "" {
		return "<unnamed>"
	}
	return "'" + p.name + "'"
}

func (p *propertyObj) M__repr__() (py.Object, error) {
	return py.String(fmt.Sprintf("<property object at %p>", p)), nil
}

// with returns a copy with one accessor replaced, as property.setter
// and friends do.
func (p *propertyObj) with(which string, fn py.Object) *propertyObj {
	q := *p
	switch which {
	case "getter":
		q.fget = fn
		if fn != nil {
			if n, err := py.GetAttrString(fn, "__name__"); err == nil {
				if s, ok := n.(py.String); ok {
					q.name = string(s)
				}
			}
		}
	case "setter":
		q.fset = fn
	case "deleter":
		q.fdel = fn
	}
	q.normalise()
	return &q
}

func init() {
	propertyType.New = propertyNew
	for _, which := range []string{"getter", "setter", "deleter"} {
		which := which
		propertyType.Dict[which] = method(which, "Descriptor to obtain a copy of the property with a different "+which+".",
			func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
				p, ok := self.(*propertyObj)
				if !ok {
					return nil, typeErrorf("descriptor '%s' requires a 'property' object", which)
				}
				if err := nargs(which, args, 1, 1); err != nil {
					return nil, err
				}
				return p.with(which, args[0]), nil
			})
	}
	field := func(name string, get func(p *propertyObj) py.Object) {
		propertyType.Dict[name] = &py.Property{Fget: func(self py.Object) (py.Object, error) {
			p, ok := self.(*propertyObj)
			if !ok {
				return nil, attributeErrorf("'%s' object has no attribute '%s'", typeName(self), name)
			}
			if v := get(p); v != nil {
				return v, nil
			}
			return py.None, nil
		}}
	}
	field("fget", func(p *propertyObj) py.Object { return p.fget })
	field("fset", func(p *propertyObj) py.Object { return p.fset })
	field("fdel", func(p *propertyObj) py.Object { return p.fdel })
	field("__doc__", func(p *propertyObj) py.Object { return p.doc })
}

// superObj is super(type, obj): attribute lookup along obj's MRO after
// type, bound to obj.
type superObj struct {
	this    *py.Type // the class named in super(this, obj)
	obj     py.Object
	objType *py.Type // where the MRO comes from: type(obj), or obj if it is a class
}

var superType = newGoType("super", "super(type, obj) -> bound super object; requires isinstance(obj, type) or issubclass(obj, type)")

func (s *superObj) Type() *py.Type { return superType }

func builtinSuper(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	if err := noKwargs("super", kwargs); err != nil {
		return nil, err
	}
	switch len(args) {
	case 0:
		return nil, py.ExceptionNewf(py.RuntimeError, "super(): no arguments (zero-argument super() needs the source pre-pass that rewrites it to super(__class__, self))")
	case 1:
		return nil, typeErrorf("super() with one argument (an unbound super object) is not supported by the embedded host")
	case 2:
	default:
		return nil, typeErrorf("super() takes at most 2 arguments (%d given)", len(args))
	}
	this, ok := args[0].(*py.Type)
	if !ok || !isClass(this) {
		return nil, typeErrorf("super() argument 1 must be a type, not %s", typeName(args[0]))
	}
	obj := args[1]
	if obj == nil {
		return nil, errNil("super")
	}
	var objType *py.Type
	if t, ok := obj.(*py.Type); ok && isClass(t) && t.IsSubtype(this) {
		objType = t
	} else if obj.Type().IsSubtype(this) {
		objType = obj.Type()
	} else {
		return nil, typeErrorf("super(type, obj): obj must be an instance or subtype of type")
	}
	return &superObj{this: this, obj: obj, objType: objType}, nil
}

func (s *superObj) M__getattribute__(name string) (res py.Object, err error) {
	defer recoverTo("super", &err)
	switch name {
	case "__class__":
		return superType, nil
	case "__thisclass__":
		return s.this, nil
	case "__self__":
		return s.obj, nil
	case "__self_class__":
		return s.objType, nil
	}
	mro := s.objType.Mro
	i := 0
	for ; i < len(mro); i++ {
		if mro[i] == py.Object(s.this) {
			break
		}
	}
	for i++; i < len(mro); i++ {
		t, ok := mro[i].(*py.Type)
		if !ok {
			continue
		}
		if v, ok := t.Dict[name]; ok {
			return s.bind(v)
		}
	}
	if fn := s.defaultSpecial(name); fn != nil {
		return fn, nil
	}
	return nil, attributeErrorf("'super' object has no attribute '%s'", name)
}

// bind applies the descriptor protocol with obj as the instance (or the
// class, for super() in a classmethod).
func (s *superObj) bind(v py.Object) (py.Object, error) {
	instance := s.obj
	if t, ok := s.obj.(*py.Type); ok && isClass(t) {
		// super(C, cls) inside a classmethod: functions stay unbound.
		return classGet(v, t)
	}
	switch x := v.(type) {
	case *py.Function:
		return py.NewBoundMethod(instance, x), nil
	case *py.Method:
		switch {
		case x.Flags&py.METH_STATIC != 0:
			return x, nil
		case x.Flags&py.METH_CLASS != 0:
			return py.NewBoundMethod(s.objType, x), nil
		}
		return py.NewBoundMethod(instance, x), nil
	case *py.ClassMethod:
		return py.NewBoundMethod(s.objType, x.Callable), nil
	case *py.StaticMethod:
		return x.Callable, nil
	case py.I__get__:
		return x.M__get__(instance, s.objType)
	}
	return v, nil
}

// defaultSpecial provides object's and BaseException's __str__ and
// __repr__, which gpython implements as Go methods rather than type
// dict entries, so that super().__str__() works.
func (s *superObj) defaultSpecial(name string) py.Object {
	if name != "__str__" && name != "__repr__" {
		return nil
	}
	obj := s.obj
	return py.MustNewMethod(name, func(_ py.Object, args py.Tuple) (py.Object, error) {
		if len(args) != 0 {
			return nil, typeErrorf("expected 0 arguments, got %d", len(args))
		}
		if e, ok := obj.(*py.Exception); ok {
			if name == "__str__" {
				return excStr(e)
			}
			return excRepr(e)
		}
		return py.String(fmt.Sprintf("<%s object at %p>", qualifiedName(obj.Type()), obj)), nil
	}, 0, "")
}

// qualifiedName is module.qualname, as object.__repr__ prints it.
func qualifiedName(t *py.Type) string {
	name := t.Name
	if t.Qualname != "" {
		name = t.Qualname
	}
	if m, ok := t.Dict["__module__"].(py.String); ok && m != "builtins" {
		return string(m) + "." + name
	}
	return name
}

func (s *superObj) M__repr__() (py.Object, error) {
	return py.String(fmt.Sprintf("<super: <class '%s'>, <%s object>>", s.this.Name, s.objType.Name)), nil
}
