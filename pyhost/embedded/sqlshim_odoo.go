package embedded

import (
	"context"
	"strings"

	"github.com/go-python/gpython/py"

	"github.com/migrate-runner/migrate-runner/odoolib"
	"github.com/migrate-runner/migrate-runner/sqlexec"
)

// odoo.tools.SQL (Odoo 17+), odoo.tools.sql's helpers and TableKind, and
// psycopg2's Json and AsIs adapters, with the harness's behaviour. SQL
// objects are built by sqlexec (NewOdooSQL, OdooIdentifier, Join) and the
// helpers run in package odoolib, as for the external host.

// odooSQL is an odoo.tools.SQL object: code with %s placeholders and the
// parameters that fill them.
type odooSQL struct {
	code   string
	params py.Tuple
}

var odooSQLType = py.NewTypeX("SQL", "odoo.tools.SQL(code='', *args, to_flush=None, **kwargs): SQL code and its parameters", newOdooSQL, nil)

func (s *odooSQL) Type() *py.Type { return odooSQLType }

func newOdooSQL(_ *py.Type, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	if err := noNil(args, kwargs); err != nil {
		return nil, err
	}
	kw := py.NewStringDictSized(len(kwargs))
	for k, v := range kwargs {
		kw[k] = v
	}
	var code py.Object = py.String("")
	if len(args) > 0 {
		if _, dup := kw["code"]; dup {
			return nil, py.ExceptionNewf(py.TypeError, "SQL.__init__() got multiple values for argument 'code'")
		}
		code, args = args[0], args[1:]
	} else if c, ok := kw["code"]; ok {
		code = c
		delete(kw, "code")
	}
	var toFlush py.Object = py.None
	if f, ok := kw["to_flush"]; ok {
		toFlush = f
		delete(kw, "to_flush")
	}
	if o, ok := code.(*odooSQL); ok {
		flush, err := py.MakeBool(toFlush)
		if err != nil {
			return nil, err
		}
		if len(args) > 0 || len(kw) > 0 || flush == py.True {
			return nil, py.ExceptionNewf(py.TypeError, "SQL() unexpected arguments when code has type SQL")
		}
		return &odooSQL{code: o.code, params: o.params}, nil
	}
	str, ok := code.(py.String)
	if !ok {
		return nil, py.ExceptionNewf(py.TypeError, "SQL() code must be a str, got %s", mustRepr(code))
	}
	vals, err := valuesOf(args)
	if err != nil {
		return nil, goException(err)
	}
	var kwv *sqlexec.Value
	if len(kw) > 0 {
		d, err := toValue(kw)
		if err != nil {
			return nil, goException(err)
		}
		kwv = &d
	}
	return odooSQLResult(sqlexec.NewOdooSQL(string(str), vals, kwv))
}

// odooSQLResult wraps what sqlexec built, or raises its error.
func odooSQLResult(s *sqlexec.OdooSQL, err error) (py.Object, error) {
	if err != nil {
		return nil, goException(err)
	}
	o, err := odooSQLFrom(s)
	if err != nil {
		return nil, goException(err)
	}
	return o, nil
}

func odooSQLFrom(s *sqlexec.OdooSQL) (*odooSQL, error) {
	params := make(py.Tuple, len(s.Params))
	for i, p := range s.Params {
		o, err := fromValue(p)
		if err != nil {
			return nil, err
		}
		params[i] = o
	}
	return &odooSQL{code: s.Code, params: params}, nil
}

func (s *odooSQL) toSQLExec() (*sqlexec.OdooSQL, error) {
	params, err := valuesOf(s.params)
	if err != nil {
		return nil, err
	}
	return &sqlexec.OdooSQL{Code: s.code, Params: params}, nil
}

// wire is the harness's encoding: {"$osql": code, "p": params}.
func (s *odooSQL) wire() (any, error) {
	params, err := listToWire(s.params)
	return map[string]any{"$osql": s.code, "p": params}, err
}

func odooSQLFromWire(m map[string]any) (*odooSQL, error) {
	code, _ := m["$osql"].(string)
	list, _ := m["p"].([]any)
	params, err := listFromWire(list)
	return &odooSQL{code: code, params: params}, err
}

// M__repr__ is "SQL(%s)" % ", ".join(map(repr, [code, *params])).
func (s *odooSQL) M__repr__() (py.Object, error) {
	out := "SQL(" + sqlexec.Repr(sqlexec.StrValue(s.code))
	for _, p := range s.params {
		r, err := reprValue(p)
		if err != nil {
			return nil, err
		}
		out += ", " + r
	}
	return py.String(out + ")"), nil
}

func (s *odooSQL) M__bool__() (py.Object, error) { return py.NewBool(s.code != ""), nil }

func (s *odooSQL) M__eq__(other py.Object) (py.Object, error) {
	o, ok := other.(*odooSQL)
	if !ok || o.code != s.code {
		return py.False, nil
	}
	eq, err := py.Eq(s.params, o.params)
	if err != nil {
		return nil, err
	}
	return py.MakeBool(eq)
}

func (s *odooSQL) M__ne__(other py.Object) (py.Object, error) {
	eq, err := s.M__eq__(other)
	if err != nil {
		return nil, err
	}
	return py.Not(eq)
}

// M__iter__ yields code, then params: `code, params = sql`.
func (s *odooSQL) M__iter__() (py.Object, error) {
	return py.NewIterator(py.Tuple{py.String(s.code), py.NewListFromItems(append([]py.Object(nil), s.params...))}), nil
}

// odooIdentifier is SQL.identifier(name, subname=None, to_flush=None).
// A name that is not a str counts as "", as the parent reads it.
func odooIdentifier(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	var name, sub, toFlush py.Object = nil, py.None, py.None
	if err := py.ParseTupleAndKeywords(args, kwargs, "O|OO:identifier", []string{"name", "subname", "to_flush"}, &name, &sub, &toFlush); err != nil {
		return nil, err
	}
	n, _ := name.(py.String)
	var subp *string
	if sub != py.None {
		s, _ := sub.(py.String)
		str := string(s)
		subp = &str
	}
	return odooSQLResult(sqlexec.OdooIdentifier(string(n), subp))
}

// tableKind is odoo.tools.sql.TableKind (Odoo 17+), an Enum of relkinds.
type tableKind struct {
	name  string
	value py.Object
}

var (
	tableKindType = py.NewTypeX("TableKind", "odoo.tools.sql.TableKind: a table's relkind", newTableKind, nil)
	tableKinds    = []*tableKind{{"Regular", py.String("r")}, {"Temporary", py.String("t")}, {"View", py.String("v")},
		{"Materialized", py.String("m")}, {"Foreign", py.String("f")}, {"Other", py.None}}
)

func (k *tableKind) Type() *py.Type { return tableKindType }

// newTableKind is TableKind(value): the member with that value.
func newTableKind(_ *py.Type, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	var v py.Object
	if err := py.ParseTupleAndKeywords(args, kwargs, "O:TableKind", []string{"value"}, &v); err != nil {
		return nil, err
	}
	if k, ok := v.(*tableKind); ok {
		return k, nil
	}
	for _, k := range tableKinds {
		if eq, err := py.Eq(k.value, v); err == nil && eq == py.True {
			return k, nil
		}
	}
	return nil, py.ExceptionNewf(py.ValueError, "%s is not a valid TableKind", mustRepr(v))
}

func (k *tableKind) M__repr__() (py.Object, error) {
	return py.String("<TableKind." + k.name + ": " + mustRepr(k.value) + ">"), nil
}

func (k *tableKind) M__str__() (py.Object, error) { return py.String("TableKind." + k.name), nil }

// Members are singletons: equality is identity, as for Enum.
func (k *tableKind) M__eq__(other py.Object) (py.Object, error) {
	return py.NewBool(other == py.Object(k)), nil
}
func (k *tableKind) M__ne__(other py.Object) (py.Object, error) {
	return py.NewBool(other != py.Object(k)), nil
}

// jsonAdapter is psycopg2.extras.Json(adapted, dumps=None).
type jsonAdapter struct {
	adapted, dumps py.Object
}

var jsonType = py.NewTypeX("Json", "psycopg2.extras.Json(adapted, dumps=None): a value sent as JSON", newJSON, nil)

func (j *jsonAdapter) Type() *py.Type { return jsonType }

func newJSON(_ *py.Type, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	j := &jsonAdapter{dumps: py.None}
	if err := py.ParseTupleAndKeywords(args, kwargs, "O|O:Json", []string{"adapted", "dumps"}, &j.adapted, &j.dumps); err != nil {
		return nil, err
	}
	if err := noNil(py.Tuple{j.adapted, j.dumps}, nil); err != nil {
		return nil, err
	}
	return j, nil
}

// dump is self.dumps(obj): the dumps function given, or json.dumps.
func (j *jsonAdapter) dump(obj py.Object) (py.Object, error) {
	if j.dumps != py.None {
		return py.Call(j.dumps, py.Tuple{obj}, nil)
	}
	s, err := jsonDumps(obj)
	if err != nil {
		return nil, goException(err)
	}
	return py.String(s), nil
}

// dumped is the JSON text the harness sends: self.dumps(self.adapted).
func (j *jsonAdapter) dumped() (string, error) {
	o, err := j.dump(j.adapted)
	if err != nil {
		return "", err
	}
	s, ok := o.(py.String)
	if !ok {
		return "", py.ExceptionNewf(py.TypeError, "Json dumps() returned %s, not str", o.Type().Name)
	}
	return string(s), nil
}

// asIs is psycopg2.extensions.AsIs(adapted): SQL inlined verbatim.
type asIs struct{ adapted py.Object }

var asIsType = py.NewTypeX("AsIs", "psycopg2.extensions.AsIs(adapted): str(adapted) inlined in the SQL", newAsIs, nil)

func (a *asIs) Type() *py.Type { return asIsType }

func newAsIs(_ *py.Type, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	a := &asIs{}
	if err := py.ParseTupleAndKeywords(args, kwargs, "O:AsIs", []string{"adapted"}, &a.adapted); err != nil {
		return nil, err
	}
	if err := noNil(args, nil); err != nil {
		return nil, err
	}
	return a, nil
}

// helper is the Python function for the odoolib helper qualname. Cursor
// helpers send the harness's "helper" frame on the cursor's backend and
// leave their statements' results on the cursor; pure helpers run here,
// in the same package odoolib the parent would call. An OrmUnavailable a
// helper raises is marked to get the script's file and line (see
// locateOrm); hostWrappers replace a few (the openupgrade decorator).
func helper(qualname string) *py.Method {
	m := helperMethod(qualname)
	if wrap := hostWrappers[qualname]; wrap != nil {
		return wrap(m)
	}
	return m
}

func helperMethod(qualname string) *py.Method {
	fname := qualname[strings.LastIndexByte(qualname, '.')+1:]
	if !odoolib.TakesCursor(qualname) {
		return py.MustNewMethod(fname, func(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
			if err := noNil(args, kwargs); err != nil {
				return nil, err
			}
			vals, err := valuesOf(args)
			if err != nil {
				return nil, goException(err)
			}
			kw, err := toValue(kwargs)
			if err != nil {
				return nil, goException(err)
			}
			v, err := odoolib.Call(context.Background(), odoolib.Env{Major: runMajor}, qualname, vals, &kw)
			if err != nil {
				return nil, markOrm(goException(err))
			}
			return fromValue(v)
		}, 0, qualname+": run by migrate-runner")
	}
	call := func(args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		if len(args) == 0 {
			return nil, py.ExceptionNewf(py.TypeError, "%s() missing 1 required positional argument: 'cr'", fname)
		}
		cr, ok := helperCursor(args[0])
		if !ok {
			return nil, py.ExceptionNewf(py.TypeError, "%s(): cr must be the migration's cursor, got %s", fname, describeType(args[0]))
		}
		wargs := make([]any, len(args)-1)
		for i, a := range args[1:] {
			w, err := helperArgWire(a)
			if err != nil {
				return nil, err
			}
			wargs[i] = w
		}
		kw := make([][2]any, 0, len(kwargs))
		for _, k := range sortedKeys(kwargs) {
			w, err := helperArgWire(kwargs[k])
			if err != nil {
				return nil, err
			}
			kw = append(kw, [2]any{k, w})
		}
		reply, err := cr.call(map[string]any{"op": "helper", "name": qualname, "args": wargs, "kwargs": map[string]any{"$d": kw}})
		if err != nil {
			return nil, markOrm(err)
		}
		if err := cr.take(reply); err != nil {
			return nil, err
		}
		m, _ := reply.(map[string]any)
		v, err := fromWire(m["v"])
		if err != nil {
			return nil, err
		}
		if qualname == "odoo.tools.sql.table_kind" {
			return cr.tableKind(v)
		}
		return v, nil
	}
	return py.MustNewMethod(fname, func(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		return call(args, kwargs)
	}, 0, qualname+": run by migrate-runner on the cursor's connection")
}

// helperArgWire encodes a helper argument as the harness's _helper_arg
// does: sets and generators become lists, since the helpers iterate them.
func helperArgWire(a py.Object) (any, error) {
	switch a.(type) {
	case *py.Set, *py.FrozenSet, *py.Generator:
		var items []py.Object
		if err := py.Iterate(a, func(o py.Object) bool { items = append(items, o); return false }); err != nil {
			return nil, err
		}
		a = py.NewListFromItems(items)
	}
	w, err := toWire(a)
	if err != nil {
		return nil, wireError(err, a)
	}
	return w, nil
}

func describeType(o py.Object) string {
	if o == nil {
		return "a Go nil"
	}
	return o.Type().Name
}

// tableKind wraps table_kind's relkind in TableKind from Odoo 17 on, as
// the harness does; up to 16.0 the helper returns the raw relkind.
func (c *cursor) tableKind(kind py.Object) (py.Object, error) {
	if kind == py.None || c.major > 0 && c.major < 17 {
		return kind, nil
	}
	if s, ok := kind.(py.String); ok && s == "" {
		kind = py.None
	}
	return newTableKind(tableKindType, py.Tuple{kind}, nil)
}

// executeValues is psycopg2.extras.execute_values(cur, sql, argslist,
// template=None, page_size=100, fetch=False): cur.execute_values(…).
func executeValues(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	var cur, query, argslist py.Object
	var template, pageSize, fetch py.Object = py.None, py.Int(100), py.False
	if err := py.ParseTupleAndKeywords(args, kwargs, "OOO|OOO:execute_values",
		[]string{"cur", "sql", "argslist", "template", "page_size", "fetch"}, &cur, &query, &argslist, &template, &pageSize, &fetch); err != nil {
		return nil, err
	}
	m, err := py.GetAttrString(cur, "execute_values")
	if err != nil {
		return nil, err
	}
	return py.Call(m, py.Tuple{query, argslist, template, pageSize, fetch}, nil)
}

func init() {
	d := odooSQLType.Dict
	d["__module__"] = py.String("odoo.tools.sql")
	prop := func(name string, get func(s *odooSQL) py.Object) {
		d[name] = &py.Property{Fget: func(self py.Object) (py.Object, error) {
			s, ok := self.(*odooSQL)
			if !ok {
				return nil, py.ExceptionNewf(py.AttributeError, "'%s' has no attribute '%s'", self.Type().Name, name)
			}
			return get(s), nil
		}}
	}
	prop("code", func(s *odooSQL) py.Object { return py.String(s.code) })
	prop("params", func(s *odooSQL) py.Object { return py.NewListFromItems(append([]py.Object(nil), s.params...)) })
	prop("to_flush", func(*odooSQL) py.Object { return py.Tuple{} })
	d["join"] = py.MustNewMethod("join", func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		sep, ok := self.(*odooSQL)
		if !ok {
			return nil, py.ExceptionNewf(py.TypeError, "SQL.join needs an SQL separator")
		}
		list, err := oneArg("SQL.join", "args", args, kwargs, nil)
		if err != nil {
			return nil, err
		}
		var items []py.Object
		if err := py.Iterate(list, func(o py.Object) bool { items = append(items, o); return false }); err != nil {
			return nil, err
		}
		vals, err := valuesOf(items)
		if err != nil {
			return nil, goException(err)
		}
		s, err := sep.toSQLExec()
		if err != nil {
			return nil, goException(err)
		}
		return odooSQLResult(s.Join(vals))
	}, 0, "join(args): the SQL objects or values with this SQL between them")
	// A classmethod, as in Odoo: flagged so for a CPython-like class
	// attribute lookup, and ignoring its first argument (the class, an
	// instance, or nothing with gpython's own lookup) either way.
	d["identifier"] = py.MustNewMethod("identifier", odooIdentifier, py.METH_CLASS, "identifier(name, subname=None): a quoted name")

	k := tableKindType.Dict
	k["__module__"] = py.String("odoo.tools.sql")
	for _, m := range tableKinds {
		k[m.name] = m
	}
	k["name"] = &py.Property{Fget: func(self py.Object) (py.Object, error) { return py.String(self.(*tableKind).name), nil }}
	k["value"] = &py.Property{Fget: func(self py.Object) (py.Object, error) { return self.(*tableKind).value, nil }}

	jsonType.Dict["__module__"] = py.String("psycopg2.extras")
	jsonType.Dict["adapted"] = &py.Property{Fget: func(self py.Object) (py.Object, error) { return self.(*jsonAdapter).adapted, nil }}
	jsonType.Dict["dumps"] = py.MustNewMethod("dumps", func(self py.Object, args py.Tuple) (py.Object, error) {
		j, ok := self.(*jsonAdapter)
		if !ok || len(args) != 1 {
			return nil, py.ExceptionNewf(py.TypeError, "Json.dumps(obj) takes one argument")
		}
		return j.dump(args[0])
	}, 0, "dumps(obj): obj as JSON text")
	asIsType.Dict["__module__"] = py.String("psycopg2.extensions")
	asIsType.Dict["adapted"] = &py.Property{Fget: func(self py.Object) (py.Object, error) { return self.(*asIs).adapted, nil }}
	asIsType.Dict["getquoted"] = py.MustNewMethod("getquoted", func(self py.Object) (py.Object, error) {
		a, ok := self.(*asIs)
		if !ok {
			return nil, py.ExceptionNewf(py.TypeError, "getquoted() needs an AsIs")
		}
		s, err := py.StrAsString(a.adapted)
		if err != nil {
			return nil, err
		}
		return py.Bytes(s), nil
	}, 0, "getquoted(): the SQL, as bytes")
	for _, t := range []*py.Type{odooSQLType, tableKindType, jsonType, asIsType} {
		if err := t.Ready(); err != nil {
			panic(err)
		}
	}
}
