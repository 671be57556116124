package embedded

import (
	"github.com/go-python/gpython/py"

	"github.com/migrate-runner/migrate-runner/sqlexec"
)

// psycopg2.sql: SQL, Identifier, Literal, Placeholder and Composed, with
// the harness's classes' behaviour. The objects hold their parts as
// Python values; formatting and rendering are sqlexec's (FormatComposable,
// AsString), which the parent uses for the external host.

// composable is an instance of any psycopg2.sql class; kind says which.
type composable struct {
	kind    sqlexec.CompKind
	text    string        // SQL's string, a named Placeholder's name
	named   bool          // Placeholder: a name was given
	strings []string      // Identifier's parts
	wrapped py.Object     // Literal's value
	seq     []*composable // Composed's parts
}

var (
	composableType  = py.NewType("Composable", "psycopg2.sql.Composable: the base of the psycopg2.sql classes")
	sqlType         = subclass(composableType, "SQL", "psycopg2.sql.SQL(string): SQL text, inlined verbatim", newSQL)
	identifierType  = subclass(composableType, "Identifier", "psycopg2.sql.Identifier(*strings): a quoted, dotted name", newIdentifier)
	literalType     = subclass(composableType, "Literal", "psycopg2.sql.Literal(wrapped): a value, adapted like a parameter", newLiteral)
	placeholderType = subclass(composableType, "Placeholder", "psycopg2.sql.Placeholder(name=None): %s or %(name)s", newPlaceholder)
	composedType    = subclass(composableType, "Composed", "psycopg2.sql.Composed(seq): a sequence of Composables", newComposed)
	compTypes       = [...]*py.Type{sqlexec.CompSQL: sqlType, sqlexec.CompIdentifier: identifierType,
		sqlexec.CompLiteral: literalType, sqlexec.CompPlaceholder: placeholderType, sqlexec.CompComposed: composedType}
)

func (c *composable) Type() *py.Type { return compTypes[c.kind] }

// subclass makes a Go subclass readied by hand: gpython gives a subclass
// its parent as metatype and copies its READY flag, which would leave the
// MRO unset.
func subclass(base *py.Type, name, doc string, newFn py.NewFunc) *py.Type {
	t := base.NewType(name, doc, newFn, nil)
	t.ObjectType = py.TypeType
	t.Flags &^= py.TPFLAGS_READY
	t.Dict["__module__"] = py.String("psycopg2.sql")
	return t
}

// oneArg binds a constructor's arguments by Python's rules for
// f(name=default): one positional or keyword argument.
func oneArg(fname, param string, args py.Tuple, kwargs py.StringDict, def py.Object) (py.Object, error) {
	if err := noNil(args, kwargs); err != nil {
		return nil, err
	}
	if len(args) > 1 {
		if def == nil {
			return nil, py.ExceptionNewf(py.TypeError, "%s() takes 2 positional arguments but %d were given", fname, len(args)+1)
		}
		return nil, py.ExceptionNewf(py.TypeError, "%s() takes from 1 to 2 positional arguments but %d were given", fname, len(args)+1)
	}
	var v py.Object = def
	if len(args) == 1 {
		v = args[0]
	}
	for k, x := range kwargs {
		if k != param {
			return nil, py.ExceptionNewf(py.TypeError, "%s() got an unexpected keyword argument '%s'", fname, k)
		}
		if len(args) == 1 {
			return nil, py.ExceptionNewf(py.TypeError, "%s() got multiple values for argument '%s'", fname, k)
		}
		v = x
	}
	if v == nil {
		return nil, py.ExceptionNewf(py.TypeError, "%s() missing 1 required positional argument: '%s'", fname, param)
	}
	return v, nil
}

func newSQL(_ *py.Type, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	s, err := oneArg("SQL.__init__", "string", args, kwargs, nil)
	if err != nil {
		return nil, err
	}
	str, ok := s.(py.String)
	if !ok {
		return nil, py.ExceptionNewf(py.TypeError, "SQL values must be strings")
	}
	return &composable{kind: sqlexec.CompSQL, text: string(str)}, nil
}

func newIdentifier(_ *py.Type, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	for k := range kwargs {
		return nil, py.ExceptionNewf(py.TypeError, "Identifier.__init__() got an unexpected keyword argument '%s'", k)
	}
	if err := noNil(args, nil); err != nil {
		return nil, err
	}
	if len(args) == 0 {
		return nil, py.ExceptionNewf(py.TypeError, "Identifier cannot be empty")
	}
	c := &composable{kind: sqlexec.CompIdentifier}
	for _, a := range args {
		s, ok := a.(py.String)
		if !ok {
			return nil, py.ExceptionNewf(py.TypeError, "SQL identifier parts must be strings")
		}
		c.strings = append(c.strings, string(s))
	}
	return c, nil
}

func newLiteral(_ *py.Type, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	v, err := oneArg("Literal.__init__", "wrapped", args, kwargs, nil)
	if err != nil {
		return nil, err
	}
	return &composable{kind: sqlexec.CompLiteral, wrapped: v}, nil
}

func newPlaceholder(_ *py.Type, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	v, err := oneArg("Placeholder.__init__", "name", args, kwargs, py.None)
	if err != nil {
		return nil, err
	}
	c := &composable{kind: sqlexec.CompPlaceholder}
	switch name := v.(type) {
	case py.String:
		for _, r := range name {
			if r == ')' {
				return nil, py.ExceptionNewf(py.ValueError, "invalid name: %s", mustRepr(name))
			}
		}
		c.text, c.named = string(name), true
	case py.NoneType:
	default:
		r, err := reprValue(v)
		if err != nil {
			return nil, err
		}
		return nil, py.ExceptionNewf(py.TypeError, "expected string or None as name, got %s", r)
	}
	return c, nil
}

func newComposed(_ *py.Type, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	seq, err := oneArg("Composed.__init__", "seq", args, kwargs, nil)
	if err != nil {
		return nil, err
	}
	items, err := composables(seq)
	if err != nil {
		return nil, err
	}
	return &composable{kind: sqlexec.CompComposed, seq: items}, nil
}

// composables iterates seq, requiring Composables as Composed() does.
func composables(seq py.Object) ([]*composable, error) {
	var items []*composable
	var bad py.Object
	found := false
	err := py.Iterate(seq, func(o py.Object) bool {
		c, ok := o.(*composable)
		if !ok {
			bad, found = o, true
			return true
		}
		items = append(items, c)
		return false
	})
	if err != nil {
		return nil, err
	}
	if found {
		r, err := reprValue(bad)
		if err != nil {
			return nil, err
		}
		return nil, py.ExceptionNewf(py.TypeError, "Composed elements must be Composable, got %s instead", r)
	}
	return items, nil
}

// noNil refuses arguments holding a Go nil: what gpython's tuple `+` bug
// leaves, splatted into a call.
func noNil(args py.Tuple, kwargs py.StringDict) error {
	for _, a := range args {
		if a == nil {
			return py.ExceptionNewf(py.SystemError, "%v", errNilElement)
		}
	}
	for _, a := range kwargs {
		if a == nil {
			return py.ExceptionNewf(py.SystemError, "%v", errNilElement)
		}
	}
	return nil
}

func mustRepr(o py.Object) string {
	s, err := reprValue(o)
	if err != nil {
		return "<" + o.Type().Name + ">"
	}
	return s
}

// toSQLExec is the object as sqlexec knows it.
func (c *composable) toSQLExec() (sqlexec.Composable, error) {
	out := sqlexec.Composable{Kind: c.kind, Text: c.text, Named: c.named, Strings: c.strings}
	switch c.kind {
	case sqlexec.CompLiteral:
		v, err := toValue(c.wrapped)
		if err != nil {
			return out, err
		}
		out.Literal = v
	case sqlexec.CompComposed:
		out.Seq = make([]sqlexec.Composable, len(c.seq))
		for i, it := range c.seq {
			s, err := it.toSQLExec()
			if err != nil {
				return out, err
			}
			out.Seq[i] = s
		}
	}
	return out, nil
}

// composableFrom builds the Python object for what sqlexec returned.
func composableFrom(s *sqlexec.Composable) (*composable, error) {
	c := &composable{kind: s.Kind, text: s.Text, named: s.Named, strings: s.Strings}
	switch s.Kind {
	case sqlexec.CompLiteral:
		v, err := fromValue(s.Literal)
		if err != nil {
			return nil, err
		}
		c.wrapped = v
	case sqlexec.CompComposed:
		c.seq = make([]*composable, len(s.Seq))
		for i := range s.Seq {
			it, err := composableFrom(&s.Seq[i])
			if err != nil {
				return nil, err
			}
			c.seq[i] = it
		}
	}
	return c, nil
}

// wire is the harness's _enc_composable.
func (c *composable) wire() (any, error) {
	switch c.kind {
	case sqlexec.CompSQL:
		return map[string]any{"$c": "sql", "v": c.text}, nil
	case sqlexec.CompIdentifier:
		return map[string]any{"$c": "id", "v": c.strings}, nil
	case sqlexec.CompLiteral:
		v, err := toWire(c.wrapped)
		return map[string]any{"$c": "lit", "v": v}, err
	case sqlexec.CompPlaceholder:
		if c.named {
			return map[string]any{"$c": "ph", "v": c.text}, nil
		}
		return map[string]any{"$c": "ph", "v": nil}, nil
	}
	seq := make([]any, len(c.seq))
	for i, it := range c.seq {
		w, err := it.wire()
		if err != nil {
			return nil, err
		}
		seq[i] = w
	}
	return map[string]any{"$c": "seq", "v": seq}, nil
}

// composableFromWire is the harness's _dec_composable.
func composableFromWire(m map[string]any) (*composable, error) {
	tag, _ := m["$c"].(string)
	switch tag {
	case "sql":
		s, _ := m["v"].(string)
		return &composable{kind: sqlexec.CompSQL, text: s}, nil
	case "id":
		parts, _ := m["v"].([]any)
		c := &composable{kind: sqlexec.CompIdentifier}
		for _, p := range parts {
			s, _ := p.(string)
			c.strings = append(c.strings, s)
		}
		return c, nil
	case "lit":
		v, err := fromWire(m["v"])
		return &composable{kind: sqlexec.CompLiteral, wrapped: v}, err
	case "ph":
		name, named := m["v"].(string)
		return &composable{kind: sqlexec.CompPlaceholder, text: name, named: named}, nil
	case "seq":
		items, _ := m["v"].([]any)
		c := &composable{kind: sqlexec.CompComposed}
		for _, it := range items {
			im, _ := it.(map[string]any)
			sub, err := composableFromWire(im)
			if err != nil {
				return nil, err
			}
			c.seq = append(c.seq, sub)
		}
		return c, nil
	}
	return nil, py.ExceptionNewf(py.SystemError, "unknown composable %q from the parent", tag)
}

func (c *composable) M__repr__() (py.Object, error) {
	switch c.kind {
	case sqlexec.CompLiteral:
		r, err := reprValue(c.wrapped)
		if err != nil {
			return nil, err
		}
		return py.String("Literal(" + r + ")"), nil
	case sqlexec.CompComposed:
		// Parts are repr'd one by one so that a Literal inside keeps its
		// own rules.
		out := "Composed(["
		for i, it := range c.seq {
			r, err := it.M__repr__()
			if err != nil {
				return nil, err
			}
			if i > 0 {
				out += ", "
			}
			out += string(r.(py.String))
		}
		return py.String(out + "])"), nil
	}
	s, err := c.toSQLExec() // no values inside: it cannot fail
	if err != nil {
		return nil, goException(err)
	}
	return py.String(sqlexec.Repr(sqlexec.ComposableValue(s))), nil
}

// M__eq__ is `type(self) is type(other) and self._wrapped == other._wrapped`.
func (c *composable) M__eq__(other py.Object) (py.Object, error) {
	o, ok := other.(*composable)
	if !ok || o.kind != c.kind {
		return py.False, nil
	}
	switch c.kind {
	case sqlexec.CompSQL:
		return py.NewBool(c.text == o.text), nil
	case sqlexec.CompPlaceholder:
		return py.NewBool(c.named == o.named && c.text == o.text), nil
	case sqlexec.CompIdentifier:
		if len(c.strings) != len(o.strings) {
			return py.False, nil
		}
		for i := range c.strings {
			if c.strings[i] != o.strings[i] {
				return py.False, nil
			}
		}
		return py.True, nil
	case sqlexec.CompLiteral:
		eq, err := py.Eq(c.wrapped, o.wrapped)
		if err != nil {
			return nil, err
		}
		return py.MakeBool(eq)
	}
	if len(c.seq) != len(o.seq) {
		return py.False, nil
	}
	for i := range c.seq {
		eq, err := c.seq[i].M__eq__(o.seq[i])
		if err != nil || eq != py.True {
			return eq, err
		}
	}
	return py.True, nil
}

func (c *composable) M__ne__(other py.Object) (py.Object, error) {
	eq, err := c.M__eq__(other)
	if err != nil {
		return nil, err
	}
	return py.Not(eq)
}

// M__add__ concatenates into a Composed; a Composed operand contributes
// its parts, any other Composable itself.
func (c *composable) M__add__(other py.Object) (py.Object, error) {
	o, ok := other.(*composable)
	if !ok {
		return py.NotImplemented, nil
	}
	var seq []*composable
	if c.kind == sqlexec.CompComposed {
		seq = append(seq, c.seq...)
	} else {
		seq = append(seq, c)
	}
	if o.kind == sqlexec.CompComposed {
		seq = append(seq, o.seq...)
	} else {
		seq = append(seq, o)
	}
	return &composable{kind: sqlexec.CompComposed, seq: seq}, nil
}

// M__mul__ is Composed([self] * n).
func (c *composable) M__mul__(other py.Object) (py.Object, error) {
	var n int
	switch v := other.(type) {
	case py.Int:
		n = int(v)
	case py.Bool:
		if v {
			n = 1
		}
	default:
		return py.NotImplemented, nil
	}
	seq := make([]*composable, 0, max(n, 0))
	for i := 0; i < n; i++ {
		seq = append(seq, c)
	}
	return &composable{kind: sqlexec.CompComposed, seq: seq}, nil
}

// M__iter__ iterates a Composed's parts; the other classes are not
// iterable.
func (c *composable) M__iter__() (py.Object, error) {
	if c.kind != sqlexec.CompComposed {
		return nil, py.ExceptionNewf(py.TypeError, "'%s' object is not iterable", c.Type().Name)
	}
	return py.NewIterator(c.seqTuple()), nil
}

func (c *composable) seqTuple() py.Tuple {
	t := make(py.Tuple, len(c.seq))
	for i, it := range c.seq {
		t[i] = it
	}
	return t
}

// join puts sep between the items: sql.SQL(sep).join(seq).
func join(sep *composable, seq py.Object) (py.Object, error) {
	var parts []py.Object
	err := py.Iterate(seq, func(o py.Object) bool {
		if len(parts) > 0 {
			parts = append(parts, sep)
		}
		parts = append(parts, o)
		return false
	})
	if err != nil {
		return nil, err
	}
	items, err := composables(py.Tuple(parts))
	if err != nil {
		return nil, err
	}
	return &composable{kind: sqlexec.CompComposed, seq: items}, nil
}

// format is SQL.format(*args, **kwargs), by sqlexec.FormatComposable.
func (c *composable) format(args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	if err := noNil(args, kwargs); err != nil {
		return nil, err
	}
	vals, err := valuesOf(args)
	if err != nil {
		return nil, goException(err)
	}
	var kw *sqlexec.Value
	if len(kwargs) > 0 {
		d, err := toValue(kwargs)
		if err != nil {
			return nil, goException(err)
		}
		kw = &d
	}
	out, err := sqlexec.FormatComposable(c.text, vals, kw)
	if err != nil {
		return nil, goException(err)
	}
	res, err := composableFrom(&out)
	if err != nil {
		return nil, goException(err)
	}
	return res, nil
}

// asString is Composable.as_string(context), by sqlexec's AsString.
func (c *composable) asString() (py.Object, error) {
	s, err := c.toSQLExec()
	if err != nil {
		return nil, goException(err)
	}
	text, err := s.AsString()
	if err != nil {
		return nil, goException(err)
	}
	return py.String(text), nil
}

func init() {
	method := func(t *py.Type, name, doc string, fn func(c *composable, args py.Tuple, kwargs py.StringDict) (py.Object, error)) {
		t.Dict[name] = py.MustNewMethod(name, func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
			c, ok := self.(*composable)
			if !ok {
				return nil, py.ExceptionNewf(py.TypeError, "%s() needs a %s instance", name, t.Name)
			}
			return fn(c, args, kwargs)
		}, 0, doc)
	}
	prop := func(t *py.Type, name string, get func(c *composable) (py.Object, error)) {
		t.Dict[name] = &py.Property{Fget: func(self py.Object) (py.Object, error) {
			c, ok := self.(*composable)
			if !ok {
				return nil, py.ExceptionNewf(py.AttributeError, "'%s' has no attribute '%s'", self.Type().Name, name)
			}
			return get(c)
		}}
	}
	method(composableType, "as_string", "as_string(context): the SQL text", func(c *composable, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		if _, err := oneArg("Composable.as_string", "context", args, kwargs, nil); err != nil {
			return nil, err
		}
		return c.asString()
	})
	method(sqlType, "format", "format(*args, **kwargs): fill {} fields with Composables", (*composable).format)
	method(sqlType, "join", "join(seq): the items with this SQL between them", func(c *composable, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		seq, err := oneArg("SQL.join", "seq", args, kwargs, nil)
		if err != nil {
			return nil, err
		}
		return join(c, seq)
	})
	method(composedType, "join", "join(joiner): the parts with joiner (a str or an SQL) between them", func(c *composable, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		j, err := oneArg("Composed.join", "joiner", args, kwargs, nil)
		if err != nil {
			return nil, err
		}
		sep, ok := j.(*composable)
		if s, isStr := j.(py.String); isStr {
			sep, ok = &composable{kind: sqlexec.CompSQL, text: string(s)}, true
		}
		if !ok || sep.kind != sqlexec.CompSQL {
			return nil, py.ExceptionNewf(py.TypeError, "Composed.join() argument must be a string or an SQL")
		}
		return join(sep, c.seqTuple())
	})
	prop(sqlType, "string", func(c *composable) (py.Object, error) { return py.String(c.text), nil })
	prop(identifierType, "strings", func(c *composable) (py.Object, error) {
		t := make(py.Tuple, len(c.strings))
		for i, s := range c.strings {
			t[i] = py.String(s)
		}
		return t, nil
	})
	prop(identifierType, "string", func(c *composable) (py.Object, error) {
		if len(c.strings) == 1 {
			return py.String(c.strings[0]), nil
		}
		return nil, py.ExceptionNewf(py.AttributeError, "the Identifier wraps more than one than one string")
	})
	prop(literalType, "wrapped", func(c *composable) (py.Object, error) { return c.wrapped, nil })
	prop(placeholderType, "name", func(c *composable) (py.Object, error) {
		if !c.named {
			return py.None, nil
		}
		return py.String(c.text), nil
	})
	prop(composedType, "seq", func(c *composable) (py.Object, error) {
		return py.NewListFromItems(c.seqTuple()), nil
	})
	for _, t := range append([]*py.Type{composableType}, compTypes[:]...) {
		t.Dict["__module__"] = py.String("psycopg2.sql")
		if err := t.Ready(); err != nil {
			panic(err)
		}
	}
}
