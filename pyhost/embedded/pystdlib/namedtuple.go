package pystdlib

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/go-python/gpython/py"
)

// collections.namedtuple: each call makes a class whose instances are
// *namedTuple values (a tuple of values plus their class). gpython's
// tuple cannot be subclassed from Go, so isinstance(p, tuple) is False;
// everything else a script does with a tuple (index, slice, unpack,
// iterate, len, ==, ordering, hash, + and *) works.
//
// A Python class deriving from a namedtuple class (`class P(namedtuple(
// 'P', 'x y')): ...`) gets gpython's generic instances; the class's
// __init__ stores the values in the instance dict under ntValuesKey and
// the dunder methods below read them from there, so such subclasses work
// too, except for == and ordering (gpython compares generic instances by
// identity).

const ntValuesKey = "_nt_values"

type ntClass struct {
	typ      *py.Type
	fields   []string
	defaults py.Tuple // values of the last len(defaults) fields
}

type namedTuple struct {
	cls  *ntClass
	vals py.Tuple
}

func (n *namedTuple) Type() *py.Type { return n.cls.typ }

var pyKeywords = map[string]bool{
	"False": true, "None": true, "True": true, "and": true, "as": true, "assert": true, "async": true,
	"await": true, "break": true, "class": true, "continue": true, "def": true, "del": true, "elif": true,
	"else": true, "except": true, "finally": true, "for": true, "from": true, "global": true, "if": true,
	"import": true, "in": true, "is": true, "lambda": true, "nonlocal": true, "not": true, "or": true,
	"pass": true, "raise": true, "return": true, "try": true, "while": true, "with": true, "yield": true,
}

// isIdentifier approximates str.isidentifier (XID_Start then XID_Continue).
func isIdentifier(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		switch {
		case r == '_' || unicode.IsLetter(r):
		case i > 0 && (unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r) || unicode.Is(unicode.Pc, r) || unicode.Is(unicode.Nd, r)):
		default:
			return false
		}
	}
	return true
}

func namedtupleFactory(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	var typenameObj, fieldsObj, renameObj, defaultsObj, moduleObj py.Object
	if err := bindArgs("namedtuple", args, kwargs, []string{"typename", "field_names", "rename", "defaults", "module"}, 2, 2,
		&typenameObj, &fieldsObj, &renameObj, &defaultsObj, &moduleObj); err != nil {
		return nil, err
	}
	typename, err := py.StrAsString(typenameObj)
	if err != nil {
		return nil, err
	}
	var fields []string
	if s, ok := fieldsObj.(py.String); ok {
		fields = strings.Fields(strings.ReplaceAll(string(s), ",", " "))
	} else {
		items, err := toSlice(fieldsObj)
		if err != nil {
			return nil, err
		}
		for _, it := range items {
			s, err := py.StrAsString(it)
			if err != nil {
				return nil, err
			}
			fields = append(fields, s)
		}
	}
	rename := false
	if renameObj != nil {
		if rename, err = truth(renameObj); err != nil {
			return nil, err
		}
	}
	if rename {
		seen := map[string]bool{}
		for i, name := range fields {
			if !isIdentifier(name) || pyKeywords[name] || strings.HasPrefix(name, "_") || seen[name] {
				fields[i] = fmt.Sprintf("_%d", i)
			}
			seen[name] = true
		}
	}
	for _, name := range append([]string{typename}, fields...) {
		if !isIdentifier(name) {
			return nil, py.ExceptionNewf(py.ValueError, "Type names and field names must be valid identifiers: %s", pyQuote(name))
		}
		if pyKeywords[name] {
			return nil, py.ExceptionNewf(py.ValueError, "Type names and field names cannot be a keyword: %s", pyQuote(name))
		}
	}
	seen := map[string]bool{}
	for _, name := range fields {
		if strings.HasPrefix(name, "_") && !rename {
			return nil, py.ExceptionNewf(py.ValueError, "Field names cannot start with an underscore: %s", pyQuote(name))
		}
		if seen[name] {
			return nil, py.ExceptionNewf(py.ValueError, "Encountered duplicate field name: %s", pyQuote(name))
		}
		seen[name] = true
	}
	cls := &ntClass{fields: fields}
	if !isNone(defaultsObj) {
		d, err := toSlice(defaultsObj)
		if err != nil {
			return nil, err
		}
		if len(d) > len(fields) {
			return nil, py.ExceptionNewf(py.TypeError, "Got more default values than field names")
		}
		cls.defaults = d
	}
	module := py.Object(py.String("__main__"))
	if !isNone(moduleObj) {
		module = moduleObj
	}
	cls.typ = newGoType(typename, fmt.Sprintf("%s(%s)", typename, strings.Join(fields, ", ")),
		func(_ *py.Type, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
			vals, err := cls.bind(typename, args, kwargs)
			if err != nil {
				return nil, err
			}
			return &namedTuple{cls: cls, vals: vals}, nil
		})
	cls.typ.Flags |= py.TPFLAGS_BASETYPE // Python classes may derive from it (see ntValuesKey)
	cls.fill(module)
	return cls.typ, nil
}

// pyQuote is repr() of a str for messages (single quotes unless the
// string has one).
func pyQuote(s string) string {
	r, err := repr(py.String(s))
	if err != nil {
		return "'" + s + "'"
	}
	return r
}

// bind maps __new__'s arguments to the field values, with the messages a
// Python-level __new__(_cls, x, y) gives.
func (c *ntClass) bind(typename string, args py.Tuple, kwargs py.StringDict) (py.Tuple, error) {
	n := len(c.fields)
	fn := typename + ".__new__"
	if len(args) > n {
		if len(c.defaults) > 0 {
			return nil, py.ExceptionNewf(py.TypeError, "%s() takes from %d to %d positional arguments but %d were given", fn, n-len(c.defaults)+1, n+1, len(args)+1)
		}
		return nil, py.ExceptionNewf(py.TypeError, "%s() takes %d positional argument%s but %d were given", fn, n+1, plural(n+1), len(args)+1)
	}
	vals := make(py.Tuple, n)
	copy(vals, args)
	for _, k := range sortedKeys(kwargs) {
		i := indexOf(c.fields, k)
		if i < 0 {
			return nil, py.ExceptionNewf(py.TypeError, "%s() got an unexpected keyword argument '%s'", fn, k)
		}
		if vals[i] != nil {
			return nil, py.ExceptionNewf(py.TypeError, "%s() got multiple values for argument '%s'", fn, k)
		}
		vals[i] = kwargs[k]
	}
	var missing []string
	firstDefault := n - len(c.defaults)
	for i := range vals {
		if vals[i] == nil {
			if i >= firstDefault {
				vals[i] = c.defaults[i-firstDefault]
			} else {
				missing = append(missing, "'"+c.fields[i]+"'")
			}
		}
	}
	if len(missing) > 0 {
		return nil, py.ExceptionNewf(py.TypeError, "%s() missing %d required positional argument%s: %s", fn, len(missing), plural(len(missing)), joinEnglish(missing))
	}
	return vals, nil
}

// joinEnglish renders 'a' / 'a' and 'b' / 'a', 'b', and 'c'.
func joinEnglish(items []string) string {
	switch len(items) {
	case 1:
		return items[0]
	case 2:
		return items[0] + " and " + items[1]
	}
	return strings.Join(items[:len(items)-1], ", ") + ", and " + items[len(items)-1]
}

// ntOf returns the class and values behind a namedtuple instance or an
// instance of a Python subclass of one.
func ntOf(self py.Object) (*ntClass, py.Tuple, string, error) {
	switch x := self.(type) {
	case *namedTuple:
		return x.cls, x.vals, x.cls.typ.Name, nil
	case *py.Type:
		if vals, ok := x.Dict[ntValuesKey].(py.Tuple); ok && isInstance(x) {
			cls, _ := x.Dict["_nt_class"].(*ntClassRef)
			if cls != nil {
				return cls.c, vals, x.Type().Name, nil
			}
		}
	}
	return nil, nil, "", py.ExceptionNewf(py.TypeError, "descriptor requires a namedtuple instance, not '%s'", typeName(self))
}

// ntDunders are the special methods Python subclasses reach by lookup.
var ntDunders = []string{"__repr__", "__len__", "__iter__", "__getitem__", "__contains__"}

// ntClassRef carries the class record into a subclass instance's dict.
type ntClassRef struct{ c *ntClass }

var ntClassRefType = newGoType("namedtuple_class", "", nil)

func (r *ntClassRef) Type() *py.Type { return ntClassRefType }

// fill populates the class dict: field properties, the _ helpers, tuple
// methods, and dunder methods that Python subclasses reach by lookup.
func (c *ntClass) fill(module py.Object) {
	d := c.typ.Dict
	d["__module__"] = module
	fieldsT := make(py.Tuple, len(c.fields))
	for i, f := range c.fields {
		fieldsT[i] = py.String(f)
		i := i
		d[f] = &py.Property{
			Fget: func(self py.Object) (py.Object, error) {
				_, vals, _, err := ntOf(self)
				if err != nil {
					return nil, err
				}
				return vals[i], nil
			},
			Doc: fmt.Sprintf("Alias for field number %d", i),
		}
	}
	d["_fields"] = fieldsT
	d["__match_args__"] = fieldsT
	defaults := py.StringDict{}
	for i, v := range c.defaults {
		defaults[c.fields[len(c.fields)-len(c.defaults)+i]] = v
	}
	d["_field_defaults"] = defaults

	d["_make"] = classMethod("_make", "Make a new object from a sequence or iterable", func(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		var iterable py.Object
		if err := bindArgs("_make", args, kwargs, []string{"iterable"}, 1, 1, &iterable); err != nil {
			return nil, err
		}
		vals, err := toSlice(iterable)
		if err != nil {
			return nil, err
		}
		if len(vals) != len(c.fields) {
			return nil, py.ExceptionNewf(py.TypeError, "Expected %d arguments, got %d", len(c.fields), len(vals))
		}
		return &namedTuple{cls: c, vals: vals}, nil
	})
	d["_asdict"] = method("_asdict", "Return a new dict which maps field names to their values.", func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		cls, vals, _, err := ntOf(self)
		if err != nil {
			return nil, err
		}
		if err := bindArgs("_asdict", args, kwargs, nil, 0, 0); err != nil {
			return nil, err
		}
		out := py.NewStringDictSized(len(vals))
		for i, f := range cls.fields {
			out[f] = vals[i]
		}
		return out, nil
	})
	d["_replace"] = method("_replace", "Return a new namedtuple object replacing specified fields with new values", func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		cls, vals, _, err := ntOf(self)
		if err != nil {
			return nil, err
		}
		if len(args) > 0 {
			return nil, py.ExceptionNewf(py.TypeError, "_replace() takes 1 positional argument but %d were given", len(args)+1)
		}
		nv := append(py.Tuple(nil), vals...)
		var unknown []string
		for _, k := range sortedKeys(kwargs) {
			i := indexOf(cls.fields, k)
			if i < 0 {
				unknown = append(unknown, pyQuote(k))
				continue
			}
			nv[i] = kwargs[k]
		}
		if len(unknown) > 0 {
			return nil, py.ExceptionNewf(py.ValueError, "Got unexpected field names: [%s]", strings.Join(unknown, ", "))
		}
		if inst, ok := self.(*py.Type); ok { // a Python subclass: build one of its own
			return py.Call(inst.Type(), nv, nil)
		}
		return &namedTuple{cls: cls, vals: nv}, nil
	})
	d["count"] = method("count", "Return number of occurrences of value.", func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		_, vals, _, err := ntOf(self)
		if err != nil {
			return nil, err
		}
		var v py.Object
		if err := bindArgs("count", args, kwargs, []string{"value"}, 1, 1, &v); err != nil {
			return nil, err
		}
		n := 0
		for _, x := range vals {
			if same, err := eq(x, v); err != nil {
				return nil, err
			} else if same {
				n++
			}
		}
		return py.Int(n), nil
	})
	d["index"] = method("index", "Return first index of value.", func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		_, vals, _, err := ntOf(self)
		if err != nil {
			return nil, err
		}
		var v py.Object
		if err := bindArgs("index", args, kwargs, []string{"value"}, 1, 1, &v); err != nil {
			return nil, err
		}
		for i, x := range vals {
			if same, err := eq(x, v); err != nil {
				return nil, err
			} else if same {
				return py.Int(i), nil
			}
		}
		return nil, py.ExceptionNewf(py.ValueError, "tuple.index(x): x not in tuple")
	})
	d["__init__"] = method("__init__", "", func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		self, args = unbound(self, args)
		inst, ok := self.(*py.Type)
		if !ok || !isInstance(inst) {
			return py.None, nil // a Go instance was complete at __new__
		}
		vals, err := c.bind(inst.Type().Name, args, kwargs)
		if err != nil {
			return nil, err
		}
		inst.Dict[ntValuesKey] = vals
		inst.Dict["_nt_class"] = &ntClassRef{c}
		// gpython finds a dunder method of an instance only in its own
		// class's dict, not in the bases: lift ours into the subclass,
		// unless the subclass overrides them.
		sub := inst.Type()
		for _, name := range ntDunders {
			if _, own := sub.Dict[name]; !own && sub.Lookup(name) == d[name] {
				sub.Dict[name] = d[name]
			}
		}
		return py.None, nil
	})
	// Reached by gpython's lookup for instances of Python subclasses.
	dunder := func(name string, fn func(n *namedTuple, typ string, args py.Tuple) (py.Object, error)) {
		d[name] = method(name, "", func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
			self, args = unbound(self, args)
			cls, vals, typ, err := ntOf(self)
			if err != nil {
				return nil, err
			}
			return fn(&namedTuple{cls: cls, vals: vals}, typ, args)
		})
	}
	dunder("__repr__", func(n *namedTuple, typ string, _ py.Tuple) (py.Object, error) { return n.reprAs(typ) })
	dunder("__len__", func(n *namedTuple, _ string, _ py.Tuple) (py.Object, error) { return n.M__len__() })
	dunder("__iter__", func(n *namedTuple, _ string, _ py.Tuple) (py.Object, error) { return n.M__iter__() })
	dunder("__getitem__", func(n *namedTuple, _ string, a py.Tuple) (py.Object, error) {
		if len(a) != 1 {
			return nil, py.ExceptionNewf(py.TypeError, "__getitem__ expected 1 argument, got %d", len(a))
		}
		return n.M__getitem__(a[0])
	})
	dunder("__contains__", func(n *namedTuple, _ string, a py.Tuple) (py.Object, error) {
		if len(a) != 1 {
			return nil, py.ExceptionNewf(py.TypeError, "__contains__ expected 1 argument, got %d", len(a))
		}
		return n.M__contains__(a[0])
	})
}

func (n *namedTuple) M__repr__() (py.Object, error) { return n.reprAs(n.cls.typ.Name) }

// reprAs renders `Name(field=value, ...)` under the given class name.
func (n *namedTuple) reprAs(name string) (py.Object, error) {
	var b strings.Builder
	b.WriteString(name)
	b.WriteString("(")
	for i, f := range n.cls.fields {
		if i > 0 {
			b.WriteString(", ")
		}
		s, err := repr(n.vals[i])
		if err != nil {
			return nil, err
		}
		b.WriteString(f)
		b.WriteString("=")
		b.WriteString(s)
	}
	b.WriteString(")")
	return py.String(b.String()), nil
}

func (n *namedTuple) M__len__() (py.Object, error) { return py.Int(len(n.vals)), nil }

func (n *namedTuple) M__bool__() (py.Object, error) { return py.NewBool(len(n.vals) > 0), nil }

func (n *namedTuple) M__iter__() (py.Object, error) { return py.NewIterator(n.vals), nil }

func (n *namedTuple) M__getitem__(key py.Object) (py.Object, error) { return n.vals.M__getitem__(key) }

func (n *namedTuple) M__contains__(item py.Object) (py.Object, error) {
	for _, v := range n.vals {
		if same, err := eq(v, item); err != nil || same {
			return py.NewBool(same), err
		}
	}
	return py.False, nil
}

func (n *namedTuple) M__hash__() (py.Object, error) { return hashValue(n.vals) }

// M__add__ builds a fresh tuple (gpython's own tuple + is broken).
func (n *namedTuple) M__add__(other py.Object) (py.Object, error) {
	o, ok := asTuple(other)
	if !ok {
		return py.NotImplemented, nil
	}
	out := make(py.Tuple, 0, len(n.vals)+len(o))
	return append(append(out, n.vals...), o...), nil
}

func (n *namedTuple) M__radd__(other py.Object) (py.Object, error) {
	o, ok := asTuple(other)
	if !ok {
		return py.NotImplemented, nil
	}
	out := make(py.Tuple, 0, len(n.vals)+len(o))
	return append(append(out, o...), n.vals...), nil
}

func (n *namedTuple) M__mul__(other py.Object) (py.Object, error) {
	k, ok := other.(py.Int)
	if !ok {
		return py.NotImplemented, nil
	}
	out := py.Tuple{}
	for i := 0; i < int(k); i++ {
		out = append(out, n.vals...)
	}
	return out, nil
}

func (n *namedTuple) M__rmul__(other py.Object) (py.Object, error) { return n.M__mul__(other) }

func asTuple(o py.Object) (py.Tuple, bool) {
	switch x := o.(type) {
	case py.Tuple:
		return x, true
	case *namedTuple:
		return x.vals, true
	}
	return nil, false
}

func (n *namedTuple) M__eq__(other py.Object) (py.Object, error) {
	o, ok := asTuple(other)
	if !ok {
		return py.NotImplemented, nil
	}
	c, err := seqCompare(n.vals, o)
	if err != nil {
		return nil, err
	}
	return py.NewBool(c.eq), nil
}

func (n *namedTuple) M__ne__(other py.Object) (py.Object, error) {
	res, err := n.M__eq__(other)
	if err != nil || res == py.NotImplemented {
		return res, err
	}
	return py.NewBool(res == py.False), nil
}

func (n *namedTuple) order(other py.Object, want func(int) bool) (py.Object, error) {
	o, ok := asTuple(other)
	if !ok {
		return py.NotImplemented, nil
	}
	c, err := seqCompare(n.vals, o)
	if err != nil {
		return nil, err
	}
	return py.NewBool(want(c.sign)), nil
}

func (n *namedTuple) M__lt__(other py.Object) (py.Object, error) {
	return n.order(other, func(s int) bool { return s < 0 })
}

func (n *namedTuple) M__le__(other py.Object) (py.Object, error) {
	return n.order(other, func(s int) bool { return s <= 0 })
}

func (n *namedTuple) M__gt__(other py.Object) (py.Object, error) {
	return n.order(other, func(s int) bool { return s > 0 })
}

func (n *namedTuple) M__ge__(other py.Object) (py.Object, error) {
	return n.order(other, func(s int) bool { return s >= 0 })
}

type seqCmp struct {
	eq   bool
	sign int
}

// seqCompare is CPython's lexicographic sequence comparison.
func seqCompare(a, b []py.Object) (seqCmp, error) {
	for i := 0; i < len(a) && i < len(b); i++ {
		same, err := eq(a[i], b[i])
		if err != nil {
			return seqCmp{}, err
		}
		if same {
			continue
		}
		lt, err := py.Lt(a[i], b[i])
		if err != nil {
			return seqCmp{}, err
		}
		if lt == py.True {
			return seqCmp{sign: -1}, nil
		}
		return seqCmp{sign: 1}, nil
	}
	switch {
	case len(a) < len(b):
		return seqCmp{sign: -1}, nil
	case len(a) > len(b):
		return seqCmp{sign: 1}, nil
	}
	return seqCmp{eq: true}, nil
}
