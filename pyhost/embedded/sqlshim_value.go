package embedded

import (
	"errors"
	"github.com/migrate-runner/migrate-runner/internal/pyjson"
	"math/big"
	"sort"
	"strconv"
	"strings"

	"github.com/go-python/gpython/py"

	"github.com/migrate-runner/migrate-runner/pyhost/embedded/pydatetime"
	"github.com/migrate-runner/migrate-runner/pyhost/embedded/pystdlib"
	"github.com/migrate-runner/migrate-runner/pyliteral"
	"github.com/migrate-runner/migrate-runner/sqlexec"
)

// The shims compose SQL in the worker by calling package sqlexec, as the
// parent does for the external host. Values cross that boundary here, and
// must come out exactly as a round trip through the harness protocol
// would leave them: toValue is toWire followed by the parent's decoding,
// fromValue the parent's encoding followed by fromWire. The parity tests
// in package pyhost hold the two hosts to that.

// toValue converts a Python value to what the parent would decode from
// toWire(o).
func toValue(o py.Object) (sqlexec.Value, error) {
	switch v := o.(type) {
	case nil:
		return sqlexec.Value{}, errNilElement
	case py.NoneType:
		return sqlexec.NoneValue(), nil
	case py.Bool:
		return sqlexec.BoolValue(bool(v)), nil
	case py.Int:
		return sqlexec.IntValue(int64(v)), nil
	case *py.BigInt:
		return sqlexec.Value{Kind: sqlexec.Int, Int: new(big.Int).Set((*big.Int)(v))}, nil
	case py.Float:
		return sqlexec.FloatValue(float64(v)), nil
	case py.String:
		return sqlexec.StrValue(string(v)), nil
	case py.Bytes:
		return sqlexec.BytesValue(v), nil
	case py.Tuple:
		items, err := valuesOf(v)
		return sqlexec.Value{Kind: sqlexec.Tuple, Items: items}, err
	case *py.List:
		items, err := valuesOf(v.Items)
		return sqlexec.Value{Kind: sqlexec.List, Items: items}, err
	case *pystdlib.Mapping:
		keys, vals, err := strPairs(v)
		d := sqlexec.Value{Kind: sqlexec.Dict, Keys: keys}
		if err != nil {
			return d, err
		}
		for _, x := range vals {
			item, err := toValue(x)
			if err != nil {
				return d, err
			}
			d.Items = append(d.Items, item)
		}
		return d, nil
	case py.StringDict:
		d := sqlexec.Value{Kind: sqlexec.Dict}
		for _, k := range sortedKeys(v) { // as toWire sends them
			item, err := toValue(v[k])
			if err != nil {
				return d, err
			}
			d.Keys, d.Items = append(d.Keys, k), append(d.Items, item)
		}
		return d, nil
	case *composable:
		c, err := v.toSQLExec()
		return sqlexec.ComposableValue(c), err
	case *odooSQL:
		s, err := v.toSQLExec()
		return sqlexec.Value{Kind: sqlexec.SQLObject, SQL: s}, err
	case *jsonAdapter:
		text, err := v.dumped()
		return sqlexec.JSONValue(text), err
	case *asIs:
		text, err := py.StrAsString(v.adapted)
		return sqlexec.AsIsValue(text), err
	}
	if v, ok := timeValue(o); ok {
		return v, nil
	}
	return sqlexec.Value{Kind: sqlexec.Other, TypeName: o.Type().Name}, nil
}

// timeValue is a datetime module object as a sqlexec value: the one
// conversion both the shims and the wire (toWire) use.
func timeValue(o py.Object) (sqlexec.Value, bool) {
	if t, kind, ok := pydatetime.ToGo(o); ok {
		aware := pydatetime.IsAware(o)
		switch kind {
		case "datetime":
			return sqlexec.DateTimeValue(t, aware), true
		case "date":
			return sqlexec.Value{Kind: sqlexec.Date, Time: t}, true
		case "time":
			return sqlexec.Value{Kind: sqlexec.Time, Time: t, Aware: aware}, true
		}
	}
	if d, ok := pydatetime.ToDuration(o); ok {
		return sqlexec.Value{Kind: sqlexec.Timedelta, Micros: d.Microseconds()}, true
	}
	return sqlexec.Value{}, false
}

func valuesOf(items []py.Object) ([]sqlexec.Value, error) {
	out := make([]sqlexec.Value, len(items))
	for i, it := range items {
		v, err := toValue(it)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

func sortedKeys(d py.StringDict) []string {
	keys := make([]string, 0, len(d))
	for k := range d {
		keys = append(keys, k)
	}
	sort.Strings(keys) // gpython's dict order is random; sorted is at least stable
	return keys
}

// fromValue converts a value sqlexec produced to what fromWire makes of
// the parent's encoding of it. Dates and times become their ISO text and
// decimals floats, as the worker has no datetime or decimal types; Json,
// AsIs and unknown objects come back as the parent encodes them: text.
func fromValue(v sqlexec.Value) (py.Object, error) {
	switch v.Kind {
	case sqlexec.None:
		return py.None, nil
	case sqlexec.Bool:
		return py.NewBool(v.Bool), nil
	case sqlexec.Int:
		if v.Int == nil {
			return py.Int(0), nil
		}
		if v.Int.IsInt64() {
			return py.Int(v.Int.Int64()), nil
		}
		return (*py.BigInt)(new(big.Int).Set(v.Int)), nil
	case sqlexec.Float:
		return py.Float(v.Float), nil
	case sqlexec.Str:
		return py.String(v.Text), nil
	case sqlexec.Bytes:
		return py.Bytes(v.Text), nil
	case sqlexec.Date:
		return pydatetime.NewDate(v.Time.Year(), v.Time.Month(), v.Time.Day()), nil
	case sqlexec.DateTime:
		return pydatetime.NewDatetime(v.Time, v.Aware), nil
	case sqlexec.Time:
		return wireTime(v.Time.Format("15:04:05.999999"+zoneLayout(v.Aware)), "time")
	case sqlexec.Timedelta:
		return pydatetime.NewTimedeltaDSU(0, 0, v.Micros)
	case sqlexec.Decimal:
		f, err := strconv.ParseFloat(v.Text, 64)
		return py.Float(f), err
	case sqlexec.Tuple, sqlexec.List:
		items := make([]py.Object, len(v.Items))
		for i, it := range v.Items {
			o, err := fromValue(it)
			if err != nil {
				return nil, err
			}
			items[i] = o
		}
		if v.Kind == sqlexec.Tuple {
			return py.Tuple(items), nil
		}
		return py.NewListFromItems(items), nil
	case sqlexec.Dict:
		d := py.NewStringDictSized(len(v.Keys))
		for i, k := range v.Keys {
			o, err := fromValue(v.Items[i])
			if err != nil {
				return nil, err
			}
			d[k] = o
		}
		return d, nil
	case sqlexec.Composed:
		if v.Comp == nil {
			return nil, errors.New("a Composed value without its composable")
		}
		return composableFrom(v.Comp)
	case sqlexec.SQLObject:
		if v.SQL == nil {
			return nil, errors.New("an SQL value without its object")
		}
		return odooSQLFrom(v.SQL)
	}
	return py.String(v.Text), nil // Json, AsIs, other objects: the parent sends their text
}

func zoneLayout(aware bool) string {
	if aware {
		return "-07:00"
	}
	return ""
}

// reprValue is repr(o) as the harness computes it in CPython: sqlexec's
// repr, which is CPython's for the types it knows, or gpython's own for a
// value holding objects it does not.
func reprValue(o py.Object) (string, error) {
	v, err := toValue(o)
	if err != nil {
		return "", goException(err)
	}
	if holdsOther(v) {
		return py.ReprAsString(o)
	}
	return sqlexec.Repr(v), nil
}

func holdsOther(v sqlexec.Value) bool {
	if v.Kind == sqlexec.Other || v.Kind == sqlexec.JSON || v.Kind == sqlexec.AsIs {
		return true
	}
	for _, it := range v.Items {
		if holdsOther(it) {
			return true
		}
	}
	return false
}

// goException turns an error from sqlexec or odoolib into the exception
// the harness raises for the parent's error reply to the same error (see
// errorReply in package pyhost): one mapping for both paths.
func goException(err error) error {
	var pe *sqlexec.PyError
	var dbe *sqlexec.DBError
	var exc *py.Exception
	var ei py.ExceptionInfo
	switch {
	case errors.As(err, &exc), errors.As(err, &ei):
		return err // already a Python exception
	case errors.Is(err, errNilElement):
		return py.ExceptionNewf(py.SystemError, "%v", err)
	case errors.As(err, &dbe):
		return exceptionFrom(map[string]any{"class": dbe.Class, "name": dbe.Name, "pgcode": dbe.Code, "pgerror": dbe.PgError})
	case errors.As(err, &pe):
		return exceptionFrom(map[string]any{"class": pe.Type, "msg": pe.Msg})
	}
	return exceptionFrom(map[string]any{"class": "OperationalError", "msg": err.Error()})
}

// jsonDumps is json.dumps(o) with CPython's defaults (ensure_ascii,
// allow_nan, ", " and ": " separators), for psycopg2.extras.Json. Dict
// keys come out sorted: gpython does not keep insertion order.
func jsonDumps(o py.Object) (string, error) {
	var b strings.Builder
	if err := appendJSON(&b, o); err != nil {
		return "", err
	}
	return b.String(), nil
}

func appendJSON(b *strings.Builder, o py.Object) error {
	switch v := o.(type) {
	case py.NoneType:
		b.WriteString("null")
	case py.Bool:
		if v {
			b.WriteString("true")
		} else {
			b.WriteString("false")
		}
	case py.Int:
		b.WriteString(strconv.FormatInt(int64(v), 10))
	case *py.BigInt:
		b.WriteString((*big.Int)(v).String())
	case py.Float:
		b.WriteString(jsonFloat(float64(v)))
	case py.String:
		pyjson.WriteString(b, string(v), true)
	case py.Tuple:
		return appendJSONArray(b, v)
	case *py.List:
		return appendJSONArray(b, v.Items)
	case *pystdlib.Mapping:
		return appendJSONMapping(b, v)
	case py.StringDict:
		b.WriteByte('{')
		for i, k := range sortedKeys(v) {
			if i > 0 {
				b.WriteString(", ")
			}
			pyjson.WriteString(b, k, true)
			b.WriteString(": ")
			if err := appendJSON(b, v[k]); err != nil {
				return err
			}
		}
		b.WriteByte('}')
	case nil:
		return errNilElement
	default:
		return py.ExceptionNewf(py.TypeError, "Object of type %s is not JSON serializable", o.Type().Name)
	}
	return nil
}

func appendJSONArray(b *strings.Builder, items []py.Object) error {
	b.WriteByte('[')
	for i, it := range items {
		if i > 0 {
			b.WriteString(", ")
		}
		if err := appendJSON(b, it); err != nil {
			return err
		}
	}
	b.WriteByte(']')
	return nil
}

func jsonFloat(f float64) string {
	switch {
	case f != f:
		return "NaN"
	case f > 1.7976931348623157e308:
		return "Infinity"
	case f < -1.7976931348623157e308:
		return "-Infinity"
	}
	return pyliteral.FloatRepr(f)
}
