package catalog

import (
	"slices"
	"strconv"
	"strings"

	"github.com/migrate-runner/migrate-runner/trace/schema"
)

// call evaluates a function call; aggregates read the frame's group.
func (e *engine) call(c call, f *frame) (any, error) {
	if aggregates[c.name] {
		return e.aggregate(c, f)
	}
	args := make([]any, len(c.args))
	for i, a := range c.args {
		v, err := e.eval(a, f)
		if err != nil {
			return nil, err
		}
		args[i] = v
	}
	arity := func(lo, hi int) error {
		if len(args) < lo || len(args) > hi {
			return errorf("function %s with %d arguments is not supported", c.name, len(args))
		}
		return nil
	}
	switch c.name {
	case "coalesce":
		for _, a := range args {
			if a != nil {
				return a, nil
			}
		}
		return nil, nil
	case "nullif":
		if err := arity(2, 2); err != nil {
			return nil, err
		}
		if cmpv, ok := compare(args[0], args[1]); args[0] != nil && args[1] != nil && ok && cmpv == 0 {
			return nil, nil
		}
		return args[0], nil
	case "current_schema":
		return "public", nil
	case "current_database", "current_catalog":
		return e.db, nil
	case "current_user", "session_user", "user":
		return "odoo", nil
	case "quote_ident":
		if err := arity(1, 1); err != nil || args[0] == nil {
			return nil, err
		}
		return schema.QuoteIdent(textOf(args[0])), nil
	case "quote_literal":
		if err := arity(1, 1); err != nil || args[0] == nil {
			return nil, err
		}
		return "'" + strings.ReplaceAll(textOf(args[0]), "'", "''") + "'", nil
	case "concat":
		var b strings.Builder
		for _, a := range args {
			b.WriteString(textOf(a))
		}
		return b.String(), nil
	case "lower", "upper", "length", "btrim", "trim":
		if err := arity(1, 1); err != nil || args[0] == nil {
			return nil, err
		}
		s := textOf(args[0])
		switch c.name {
		case "lower":
			return strings.ToLower(s), nil
		case "upper":
			return strings.ToUpper(s), nil
		case "length":
			return int64(len([]rune(s))), nil
		}
		return strings.TrimSpace(s), nil
	case "replace":
		if err := arity(3, 3); err != nil || args[0] == nil || args[1] == nil || args[2] == nil {
			return nil, err
		}
		return strings.ReplaceAll(textOf(args[0]), textOf(args[1]), textOf(args[2])), nil
	case "array_lower", "array_upper", "array_length", "cardinality":
		if c.name == "cardinality" {
			if err := arity(1, 1); err != nil {
				return nil, err
			}
		} else if err := arity(2, 2); err != nil {
			return nil, err
		}
		if args[0] == nil {
			return nil, nil
		}
		arr := arrayOf(args[0])
		if c.name == "cardinality" {
			return int64(len(arr)), nil
		}
		if d, _ := toInt(args[1]); d != 1 || len(arr) == 0 {
			return nil, nil
		}
		if c.name == "array_lower" {
			if _, vec := args[0].(int2vector); vec {
				return int64(0), nil
			}
			return int64(1), nil
		}
		return int64(len(arr)), nil
	case "array_position":
		if err := arity(2, 2); err != nil || args[0] == nil {
			return nil, err
		}
		for i, x := range arrayOf(args[0]) {
			if cmpv, ok := compare(x, args[1]); x != nil && args[1] != nil && ok && cmpv == 0 {
				return int64(i + 1), nil
			}
		}
		return nil, nil
	case "array_to_string":
		if err := arity(2, 3); err != nil || args[0] == nil {
			return nil, err
		}
		var parts []string
		for _, x := range arrayOf(args[0]) {
			if x == nil {
				if len(args) == 3 && args[2] != nil {
					parts = append(parts, textOf(args[2]))
				}
				continue
			}
			parts = append(parts, textOf(x))
		}
		return strings.Join(parts, textOf(args[1])), nil
	case "to_regclass":
		if err := arity(1, 1); err != nil || args[0] == nil {
			return nil, err
		}
		if r := e.relationByText(textOf(args[0])); r != nil {
			return regclass(r.OID), nil
		}
		return nil, nil
	case "pg_get_constraintdef":
		if err := arity(1, 2); err != nil || args[0] == nil {
			return nil, err
		}
		oid, _ := toInt(args[0])
		for _, r := range e.s.Relations() {
			for _, k := range r.Constraints {
				if int64(k.OID) == oid {
					return e.s.ConstraintDef(k), nil
				}
			}
		}
		return nil, nil
	case "pg_get_indexdef":
		if err := arity(1, 3); err != nil || args[0] == nil {
			return nil, err
		}
		oid, _ := toInt(args[0])
		if r := e.s.ByOID(uint32(oid)); r != nil && r.Kind == schema.Index {
			if len(args) == 3 {
				col, _ := toInt(args[1])
				if col > 0 && int(col) <= len(r.IndexCols) {
					return r.IndexCols[col-1], nil
				}
			}
			return e.s.IndexDef(r), nil
		}
		return nil, nil
	case "pg_get_viewdef":
		if err := arity(1, 2); err != nil || args[0] == nil {
			return nil, err
		}
		var r *schema.Relation
		if s, ok := args[0].(string); ok {
			r = e.relationByText(s)
		} else if oid, ok := toInt(args[0]); ok {
			r = e.s.ByOID(uint32(oid))
		}
		if r == nil || r.Kind != schema.View && r.Kind != schema.MatView {
			return nil, nil
		}
		return r.ViewDef, nil
	case "pg_get_expr":
		if err := arity(2, 3); err != nil {
			return nil, err
		}
		return args[0], nil
	case "pg_get_serial_sequence":
		if err := arity(2, 2); err != nil || args[0] == nil || args[1] == nil {
			return nil, err
		}
		t := e.relationByText(textOf(args[0]))
		if t == nil {
			return nil, errorf("relation %q does not exist", textOf(args[0]))
		}
		for _, r := range e.s.Relations() {
			if r.Kind == schema.Sequence && r.OwnerTable == t && r.OwnerCol == textOf(args[1]) {
				return r.Namespace + "." + r.Name, nil
			}
		}
		return nil, nil
	case "format_type":
		if err := arity(2, 2); err != nil || args[0] == nil {
			return nil, err
		}
		oid, _ := toInt(args[0])
		mod := int64(-1)
		if args[1] != nil {
			mod, _ = toInt(args[1])
		}
		return e.formatType(uint32(oid), int(mod)), nil
	case "pg_column_is_updatable", "pg_relation_is_updatable":
		if len(args) == 0 || args[0] == nil {
			return nil, nil
		}
		oid, _ := toInt(args[0])
		r := e.s.ByOID(uint32(oid))
		ok := r != nil && (r.Kind == schema.Table || r.Kind == schema.Partitioned || r.Kind == schema.Foreign || r.Kind == schema.View)
		if c.name == "pg_relation_is_updatable" {
			if ok {
				return int64(28), nil
			}
			return int64(0), nil
		}
		return ok, nil
	case "pg_table_is_visible", "pg_type_is_visible":
		return args[0] != nil, nil
	case "has_table_privilege", "has_column_privilege", "has_schema_privilege", "has_sequence_privilege":
		return true, nil
	case "obj_description", "col_description", "shobj_description":
		return nil, nil
	case "unnest":
		return nil, errorf("unnest() is only supported as a whole select-list item")
	// information_schema's helpers, as its views use them (PostgreSQL 15).
	case "information_schema._pg_truetypid", "information_schema._pg_truetypmod":
		if err := arity(2, 2); err != nil {
			return nil, err
		}
		att, ok1 := args[0].(wholeRow)
		typ, ok2 := args[1].(wholeRow)
		if !ok1 || !ok2 {
			return nil, errorf("%s takes (pg_attribute.*, pg_type.*)", c.name)
		}
		domain := typ.get("typtype") == "d"
		if c.name == "information_schema._pg_truetypid" {
			if domain {
				return typ.get("typbasetype"), nil
			}
			return att.get("atttypid"), nil
		}
		if domain {
			return typ.get("typtypmod"), nil
		}
		return att.get("atttypmod"), nil
	case "information_schema._pg_char_max_length":
		if err := arity(2, 2); err != nil || args[0] == nil || args[1] == nil {
			return nil, err
		}
		typid, _ := toInt(args[0])
		typmod, _ := toInt(args[1])
		switch {
		case typmod == -1:
			return nil, nil
		case typid == 1042 || typid == 1043:
			return typmod - 4, nil
		case typid == 1560 || typid == 1562:
			return typmod, nil
		}
		return nil, nil
	}
	return nil, errorf("function %s() is not supported", c.name)
}

// relationByText resolves a regclass input: [schema.]name, quoted parts
// keeping their case, unquoted ones folded.
func (e *engine) relationByText(s string) *schema.Relation {
	parts := splitQualified(s)
	switch len(parts) {
	case 1:
		return e.s.Lookup("", parts[0])
	case 2:
		return e.s.Lookup(parts[0], parts[1])
	}
	return nil
}

func splitQualified(s string) []string {
	var out []string
	var b strings.Builder
	quoted := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' && quoted && i+1 < len(s) && s[i+1] == '"':
			b.WriteByte('"')
			i++
		case c == '"':
			quoted = !quoted
		case c == '.' && !quoted:
			out = append(out, b.String())
			b.Reset()
		case !quoted:
			b.WriteString(strings.ToLower(string(c)))
		default:
			b.WriteByte(c)
		}
	}
	return append(out, strings.TrimSpace(b.String()))
}

func (e *engine) aggregate(c call, f *frame) (any, error) {
	var vals []any
	for _, g := range f.group {
		if c.filter != nil {
			ok, err := e.truth(c.filter, g)
			if err != nil {
				return nil, err
			}
			if !ok {
				continue
			}
		}
		if c.star {
			vals = append(vals, true)
			continue
		}
		if len(c.args) == 0 {
			return nil, errorf("%s() needs an argument", c.name)
		}
		v, err := e.eval(c.args[0], g)
		if err != nil {
			return nil, err
		}
		vals = append(vals, v)
		if len(c.orderBy) > 0 {
			// Sort keys travel with the value.
			var k []any
			for _, o := range c.orderBy {
				kv, err := e.eval(o.e, g)
				if err != nil {
					return nil, err
				}
				k = append(k, kv)
			}
			vals[len(vals)-1] = keyed{v, k}
		}
	}
	if len(c.orderBy) > 0 {
		slices.SortStableFunc(vals, func(a, b any) int {
			ka, kb := a.(keyed).keys, b.(keyed).keys
			for i, o := range c.orderBy {
				r := sortCompare(ka[i], kb[i])
				if o.desc {
					r = -r
				}
				if r != 0 {
					return r
				}
			}
			return 0
		})
		for i, v := range vals {
			vals[i] = v.(keyed).v
		}
	}
	if c.distinct {
		var d []any
		for _, v := range vals {
			if !containsValue(d, v) || v == nil && !slices.Contains(d, nil) {
				d = append(d, v)
			}
		}
		vals = d
	}
	var nonNull []any
	for _, v := range vals {
		if v != nil {
			nonNull = append(nonNull, v)
		}
	}
	switch c.name {
	case "count":
		if c.star {
			return int64(len(vals)), nil
		}
		return int64(len(nonNull)), nil
	case "array_agg":
		if len(vals) == 0 {
			return nil, nil
		}
		return vals, nil
	case "string_agg":
		if len(nonNull) == 0 {
			return nil, nil
		}
		sep := ""
		if len(c.args) > 1 {
			s, err := e.eval(c.args[1], f)
			if err != nil {
				return nil, err
			}
			sep = textOf(s)
		}
		parts := make([]string, len(nonNull))
		for i, v := range nonNull {
			parts[i] = textOf(v)
		}
		return strings.Join(parts, sep), nil
	case "min", "max":
		var best any
		for _, v := range nonNull {
			if best == nil {
				best = v
				continue
			}
			r, ok := compare(v, best)
			if !ok {
				return nil, errorf("%s: incompatible values", c.name)
			}
			if c.name == "min" && r < 0 || c.name == "max" && r > 0 {
				best = v
			}
		}
		return best, nil
	case "sum", "avg":
		if len(nonNull) == 0 {
			return nil, nil
		}
		var total any = int64(0)
		for _, v := range nonNull {
			t, err := arith("+", total, v)
			if err != nil {
				return nil, err
			}
			total = t
		}
		if c.name == "avg" {
			f, _ := toFloat(total)
			return f / float64(len(nonNull)), nil
		}
		return total, nil
	case "bool_or", "bool_and", "every":
		if len(nonNull) == 0 {
			return nil, nil
		}
		want := c.name == "bool_or"
		for _, v := range nonNull {
			if v == want {
				return want, nil
			}
		}
		return !want, nil
	}
	return nil, errorf("aggregate %s() is not supported", c.name)
}

type keyed struct {
	v    any
	keys []any
}

func (e *engine) formatType(oid uint32, mod int) string {
	name := schema.TypeName(oid)
	if name == "" {
		for n, o := range e.s.UserTypes() {
			if o == oid {
				return n
			}
		}
		return "???"
	}
	array := strings.HasPrefix(name, "_")
	t := schema.MakeType(strings.TrimPrefix(name, "_"), mod, array)
	return t.Display
}

// cast converts a value to a cast target.
func (e *engine) cast(v any, t typeRef) (any, error) {
	if v == nil {
		return nil, nil
	}
	if t.array {
		var arr []any
		switch a := v.(type) {
		case []any:
			arr = a
		case int2vector:
			arr = a
		case string:
			arr = parseArrayText(a)
			if arr == nil {
				return nil, errorf("malformed array literal: %q", a)
			}
		default:
			return nil, errorf("cannot cast %s to %s[]", typeLabel(v), t.udt)
		}
		out := make([]any, len(arr))
		for i, x := range arr {
			c, err := e.cast(x, typeRef{udt: t.udt})
			if err != nil {
				return nil, err
			}
			out[i] = c
		}
		return out, nil
	}
	switch t.udt {
	case "regclass":
		switch v := v.(type) {
		case string:
			r := e.relationByText(v)
			if r == nil {
				return nil, errorf("relation %q does not exist (PostgreSQL would raise UndefinedTable)", v)
			}
			return regclass(r.OID), nil
		default:
			if n, ok := toIntStrict(v); ok {
				return regclass(n), nil
			}
		}
	case "regtype":
		switch v := v.(type) {
		case string:
			if oid := schema.BuiltinOID(canonicalType(strings.ToLower(v), false)); oid != 0 {
				return regtype(oid), nil
			}
			if oid, ok := e.s.UserTypes()[v]; ok {
				return regtype(oid), nil
			}
			return nil, errorf("type %q does not exist", v)
		default:
			if n, ok := toIntStrict(v); ok {
				return regtype(n), nil
			}
		}
	case "regnamespace":
		switch v := v.(type) {
		case string:
			if oid := e.s.NamespaceOID(v); oid != 0 {
				return int64(oid), nil
			}
			return nil, errorf("schema %q does not exist", v)
		default:
			if n, ok := toIntStrict(v); ok {
				return n, nil
			}
		}
	case "oid", "int2", "int4", "int8", "regproc":
		if n, ok := toInt(v); ok {
			return n, nil
		}
		return nil, errorf("invalid input syntax for type %s: %q", t.udt, textOf(v))
	case "float4", "float8", "numeric":
		if f, ok := toFloat(v); ok {
			return f, nil
		}
		return nil, errorf("invalid input syntax for type %s: %q", t.udt, textOf(v))
	case "bool":
		switch v := v.(type) {
		case bool:
			return v, nil
		case string:
			if b, ok := parseBool(v); ok {
				return b, nil
			}
		case int64:
			return v != 0, nil
		}
		return nil, errorf("invalid input syntax for type boolean: %q", textOf(v))
	case "text", "varchar", "name", "bpchar", "char", "sql_identifier", "character_data":
		switch v := v.(type) {
		case regclass:
			if r := e.s.ByOID(uint32(v)); r != nil {
				if r.Namespace != "public" {
					return schema.QuoteIdent(r.Namespace) + "." + schema.QuoteIdent(r.Name), nil
				}
				return schema.QuoteIdent(r.Name), nil
			}
			return strconv.FormatInt(int64(v), 10), nil
		case regtype:
			return e.formatType(uint32(v), -1), nil
		}
		return textOf(v), nil
	}
	return nil, errorf("cast to %s is not supported", t.udt)
}

// typeOf is an expression's result type OID, as far as it can be told
// without running it (cursor.description's type_code).
func (e *engine) typeOf(x expr, binds []binding) uint32 {
	switch x := x.(type) {
	case lit:
		switch x.v.(type) {
		case int64:
			return x.oid
		case float64:
			return oidNumeric
		case bool:
			return oidBool
		case string:
			return oidText
		}
		return oidText
	case colRef:
		for _, b := range binds {
			if x.qual != "" && b.alias != x.qual {
				continue
			}
			if i := slices.Index(b.rel.cols, x.name); i >= 0 && i < len(b.rel.types) {
				return b.rel.types[i]
			}
		}
		return oidText
	case castExpr:
		if x.typ.array {
			if oid := schema.BuiltinOID("_" + x.typ.udt); oid != 0 {
				return oid
			}
			return oidTextArr
		}
		if oid := schema.BuiltinOID(x.typ.udt); oid != 0 {
			return oid
		}
		if x.typ.udt == "regtype" {
			return oidRegtype
		}
		return oidText
	case call:
		switch x.name {
		case "count":
			return oidInt8
		case "array_agg":
			if len(x.args) == 1 {
				t := e.typeOf(x.args[0], binds)
				if n := schema.TypeName(t); n != "" && !strings.HasPrefix(n, "_") {
					return schema.BuiltinOID("_" + n)
				}
			}
			return oidTextArr
		case "min", "max", "coalesce", "nullif", "sum":
			if len(x.args) > 0 {
				return e.typeOf(x.args[0], binds)
			}
		case "unnest":
			if len(x.args) == 1 {
				t := e.typeOf(x.args[0], binds)
				if t == oidInt2Vec {
					return oidInt2
				}
				if n := schema.TypeName(t); strings.HasPrefix(n, "_") {
					return schema.BuiltinOID(n[1:])
				}
			}
		case "to_regclass":
			return oidRegclass
		case "information_schema._pg_truetypid":
			return oidOID
		case "array_lower", "array_upper", "array_length", "cardinality", "array_position", "length", "pg_relation_is_updatable",
			"information_schema._pg_char_max_length", "information_schema._pg_truetypmod":
			return oidInt4
		case "bool_or", "bool_and", "every", "pg_column_is_updatable", "pg_table_is_visible", "pg_type_is_visible",
			"has_table_privilege", "has_column_privilege", "has_schema_privilege", "has_sequence_privilege":
			return oidBool
		case "current_schema", "current_user", "session_user", "current_database", "current_catalog", "user":
			return oidName
		case "avg":
			return oidNumeric
		}
		return oidText
	case subscript:
		t := e.typeOf(x.x, binds)
		if t == oidInt2Vec {
			return oidInt2
		}
		if n := schema.TypeName(t); strings.HasPrefix(n, "_") {
			return schema.BuiltinOID(n[1:])
		}
		return oidText
	case scalarSub:
		if len(x.sub.items) == 1 {
			return oidText
		}
	case binary:
		switch x.op {
		case "||":
			return oidText
		case "+", "-", "*", "/", "%":
			return e.typeOf(x.l, binds)
		}
		return oidBool
	case unary:
		if x.op == "-" {
			return e.typeOf(x.x, binds)
		}
		return oidBool
	case isTest, inList, anyAll, existsSub, between, likeExpr:
		return oidBool
	case caseExpr:
		if len(x.whens) > 0 {
			return e.typeOf(x.whens[0][1], binds)
		}
	case arrayLit:
		if len(x.elems) > 0 {
			if n := schema.TypeName(e.typeOf(x.elems[0], binds)); n != "" {
				return schema.BuiltinOID("_" + n)
			}
		}
		return oidTextArr
	}
	return oidText
}
