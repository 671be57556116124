package compat

import (
	"strings"

	"github.com/go-python/gpython/py"
)

// Exception instances are *py.Exception values. gpython resolves their
// attributes as: Go M__xxx__ methods, then the class's MRO dicts
// (binding descriptors), then Exception.M__getattr__, which returns
// e.Args for every name. A __getattribute__ or __setattr__ put in a type
// dict is never consulted for them (gpython's TypeCall only applies to
// *py.Type receivers), so the fix is data descriptors in the MRO dicts:
// properties for args, __cause__, __context__, __traceback__ and
// __suppress_context__, and classAttr descriptors that keep instance
// attributes in e.Dict and raise AttributeError when one is missing.

// wellKnownExcAttrs are read through e.Dict on every exception, so the
// attributes of CPython's standard exceptions and psycopg2's errors
// raise AttributeError when absent instead of returning e.args.
var wellKnownExcAttrs = []string{
	"message", "msg", "code", "errno", "strerror", "filename", "filename2", "winerror",
	"lineno", "offset", "text", "end_lineno", "end_offset", "print_file_and_line",
	"name", "path", "obj", "value", "encoding", "object", "start", "end", "reason",
	"characters_written", "pgcode", "pgerror", "diag", "cursor",
}

// ExceptionAttrs are the exception attributes the host answers
// truthfully on every exception (or with AttributeError when unset), for
// the pre-check: any other attribute still reads as e.args unless the
// exception's class sets it on self.
func ExceptionAttrs() []string {
	out := append([]string{"args", "__cause__", "__context__", "__traceback__", "__suppress_context__", "with_traceback"}, wellKnownExcAttrs...)
	return out
}

func installExceptions() {
	be := py.BaseException
	excProp := func(name string, get func(e *py.Exception) py.Object, set func(e *py.Exception, v py.Object) error) {
		p := &py.Property{Fget: func(self py.Object) (py.Object, error) {
			e, ok := self.(*py.Exception)
			if !ok {
				return nil, attributeErrorf("'%s' object has no attribute '%s'", typeName(self), name)
			}
			return get(e), nil
		}}
		p.Fset = func(self, v py.Object) error {
			e, ok := self.(*py.Exception)
			if !ok {
				return attributeErrorf("'%s' object has no attribute '%s'", typeName(self), name)
			}
			return set(e, v)
		}
		be.Dict[name] = p
	}
	orNone := func(o py.Object) py.Object {
		if o == nil {
			return py.None
		}
		return o
	}
	excOrNone := func(what string) func(v py.Object) (py.Object, error) {
		return func(v py.Object) (py.Object, error) {
			if v == py.None {
				return nil, nil
			}
			if _, ok := v.(*py.Exception); ok {
				return v, nil
			}
			return nil, typeErrorf("exception %s must be None or derive from BaseException", what)
		}
	}
	excProp("args", func(e *py.Exception) py.Object { return excArgs(e) }, func(e *py.Exception, v py.Object) error {
		t, err := toSlice(v)
		if err != nil {
			return err
		}
		e.Args = py.Tuple(t)
		return nil
	})
	excProp("__cause__", func(e *py.Exception) py.Object { return orNone(e.Cause) }, func(e *py.Exception, v py.Object) error {
		c, err := excOrNone("cause")(v)
		if err != nil {
			return err
		}
		e.Cause = c
		e.SuppressContext = true
		return nil
	})
	excProp("__context__", func(e *py.Exception) py.Object { return orNone(e.Context) }, func(e *py.Exception, v py.Object) error {
		c, err := excOrNone("context")(v)
		if err != nil {
			return err
		}
		e.Context = c
		return nil
	})
	excProp("__traceback__", func(e *py.Exception) py.Object { return orNone(e.Traceback) }, func(e *py.Exception, v py.Object) error {
		if _, ok := v.(*py.Traceback); !ok && v != py.None {
			return typeErrorf("__traceback__ must be a traceback or None")
		}
		if v == py.None {
			v = nil
		}
		e.Traceback = v
		return nil
	})
	// gpython's `raise ... from` sets Cause without SuppressContext.
	excProp("__suppress_context__", func(e *py.Exception) py.Object { return py.NewBool(e.SuppressContext || e.Cause != nil) }, func(e *py.Exception, v py.Object) error {
		b, err := truth(v)
		e.SuppressContext = b
		return err
	})
	be.Dict["with_traceback"] = method("with_traceback", "Exception.with_traceback(tb) -- set self.__traceback__ to tb and return self.",
		func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
			e, ok := self.(*py.Exception)
			if !ok {
				return nil, typeErrorf("descriptor 'with_traceback' requires a 'BaseException' object but received a '%s'", typeName(self))
			}
			if err := nargs("with_traceback", args, 1, 1); err != nil {
				return nil, err
			}
			if args[0] == py.None {
				e.Traceback = nil
			} else {
				e.Traceback = args[0]
			}
			return e, nil
		})
	be.Dict["__init__"] = method("__init__", "Initialize self: set self.args.", baseExceptionInit)
	for _, name := range wellKnownExcAttrs {
		if _, ok := be.Dict[name]; !ok {
			be.Dict[name] = &classAttr{name: name}
		}
	}
}

// excArgs is e.args, never a Go nil.
func excArgs(e *py.Exception) py.Tuple {
	if t, ok := e.Args.(py.Tuple); ok {
		return t
	}
	if e.Args == nil {
		return py.Tuple{}
	}
	return py.Tuple{e.Args}
}

// baseExceptionInit is BaseException.__init__: args become self.args.
func baseExceptionInit(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	e, ok := self.(*py.Exception)
	if !ok {
		return nil, typeErrorf("descriptor '__init__' requires a 'BaseException' object but received a '%s'", typeName(self))
	}
	if len(kwargs) != 0 {
		return nil, typeErrorf("%s() takes no keyword arguments", e.Type().Name)
	}
	e.Args = args.Copy()
	return py.None, nil
}

// excNew is the New of exception classes defined in Python: instances
// are real *py.Exception values, so the VM can raise and match them.
func excNew(cls *py.Type, args py.Tuple, _ py.StringDict) (py.Object, error) {
	return &py.Exception{Base: cls, Args: args.Copy(), Dict: py.StringDict{}}, nil
}

// excInit runs the class's __init__ if Python code defines one (it may
// call super().__init__(msg)); otherwise args already are self.args.
func excInit(self py.Object, args py.Tuple, kwargs py.StringDict) error {
	e, ok := self.(*py.Exception)
	if !ok {
		return typeErrorf("exception initialiser called on a '%s' object", typeName(self))
	}
	init := userSpecial(e.Type(), "__init__")
	if init == nil {
		if len(kwargs) != 0 {
			return typeErrorf("%s() takes no keyword arguments", e.Type().Name)
		}
		return nil
	}
	call := make(py.Tuple, 0, len(args)+1)
	call = append(call, e)
	call = append(call, args...)
	res, err := py.Call(init, call, kwargs)
	if err != nil {
		return err
	}
	if res != py.None {
		return typeErrorf("__init__() should return None, not '%s'", typeName(res))
	}
	return nil
}

// classAttr is an instance attribute of exception objects, stored in
// e.Dict. dflt, if set, is the class attribute it shadows (class access
// and instances that never set it see that value).
type classAttr struct {
	name    string
	dflt    py.Object
	hasDflt bool
}

var classAttrType = newGoType("member_descriptor", "An instance attribute of exception objects.")

func (a *classAttr) Type() *py.Type { return classAttrType }

func (a *classAttr) M__get__(instance, owner py.Object) (py.Object, error) {
	if instance == nil || instance == py.None {
		if t, ok := owner.(*py.Type); ok {
			return a.classValue(t)
		}
		return a, nil
	}
	e, ok := instance.(*py.Exception)
	if !ok {
		if d, ok := instance.(py.IGetDict); ok {
			if v, ok := d.GetDict()[a.name]; ok {
				return v, nil
			}
		}
		return nil, attributeErrorf("'%s' object has no attribute '%s'", typeName(instance), a.name)
	}
	if v, ok := e.Dict[a.name]; ok {
		return v, nil
	}
	if a.hasDflt {
		return bindDefault(a.dflt, e)
	}
	if v, ok := standardExcAttr(e, a.name); ok {
		return v, nil
	}
	return nil, attributeErrorf("'%s' object has no attribute '%s'", e.Type().Name, a.name)
}

// bindDefault gives a shadowed class attribute the binding it would have
// had: a plain value as is, a descriptor through __get__.
func bindDefault(v py.Object, e *py.Exception) (py.Object, error) {
	if g, ok := v.(py.I__get__); ok {
		return g.M__get__(e, e.Type())
	}
	return v, nil
}

// classValue is what Cls.name gives: the shadowed class attribute or
// AttributeError, as if the descriptor were not there.
func (a *classAttr) classValue(cls *py.Type) (py.Object, error) {
	if a.hasDflt {
		return classGet(a.dflt, cls)
	}
	return nil, attributeErrorf("type object '%s' has no attribute '%s'", displayName(cls), a.name)
}

func (a *classAttr) M__set__(instance, value py.Object) (py.Object, error) {
	switch x := instance.(type) {
	case *py.Exception:
		if x.Dict == nil {
			x.Dict = py.StringDict{}
		}
		x.Dict[a.name] = value
		return py.None, nil
	case py.IGetDict:
		if d := x.GetDict(); d != nil {
			d[a.name] = value
			return py.None, nil
		}
	}
	return nil, attributeErrorf("'%s' object attribute '%s' is read-only", typeName(instance), a.name)
}

func (a *classAttr) M__delete__(instance py.Object) (py.Object, error) {
	if e, ok := instance.(*py.Exception); ok {
		if _, ok := e.Dict[a.name]; ok {
			delete(e.Dict, a.name)
			return py.None, nil
		}
	}
	return nil, attributeErrorf("%s", a.name)
}

// standardExcAttr derives the attributes CPython computes from args for
// its standard exceptions (OSError.errno, StopIteration.value, …).
func standardExcAttr(e *py.Exception, name string) (py.Object, bool) {
	t := e.Type()
	args := excArgs(e)
	arg := func(i int) py.Object {
		if i < len(args) {
			return args[i]
		}
		return py.None
	}
	switch {
	case t.IsSubtype(py.OSError):
		switch name {
		case "errno", "strerror":
			if len(args) < 2 || len(args) > 5 {
				return py.None, true
			}
			if name == "errno" {
				return args[0], true
			}
			return args[1], true
		case "filename":
			if len(args) >= 3 && len(args) <= 5 {
				return args[2], true
			}
			return py.None, true
		case "filename2":
			if len(args) == 5 {
				return args[4], true
			}
			return py.None, true
		}
	case t.IsSubtype(py.StopIteration) && name == "value":
		return arg(0), true
	case t.IsSubtype(py.SystemExit) && name == "code":
		switch len(args) {
		case 0:
			return py.None, true
		case 1:
			return args[0], true
		}
		return args, true
	case t.IsSubtype(py.ImportError) && (name == "name" || name == "path" || name == "msg"):
		if name == "msg" {
			return arg(0), true
		}
		return py.None, true
	case t.IsSubtype(py.SyntaxError):
		switch name {
		case "msg":
			return arg(0), true
		case "text", "filename", "lineno", "offset", "end_lineno", "end_offset":
			if name == "text" {
				if v, ok := e.Dict["line"]; ok {
					return v, true
				}
			}
			return py.None, true
		}
	}
	return nil, false
}

// excStr is BaseException.__str__: empty for no args, str(arg) for one,
// str(args) otherwise.
func excStr(e *py.Exception) (py.Object, error) {
	args := excArgs(e)
	switch len(args) {
	case 0:
		return py.String(""), nil
	case 1:
		return py.Str(args[0])
	}
	return py.Str(args)
}

// excRepr is BaseException.__repr__: Name(arg) or Name(arg1, arg2).
func excRepr(e *py.Exception) (py.Object, error) {
	args := excArgs(e)
	parts := make([]string, len(args))
	for i, a := range args {
		s, err := py.ReprAsString(a)
		if err != nil {
			return nil, err
		}
		parts[i] = s
	}
	return py.String(e.Type().Name + "(" + strings.Join(parts, ", ") + ")"), nil
}
