package sqlexec

import (
	"math/big"
	"time"
)

// Kind is the Python type of a Value.
type Kind uint8

const (
	None      Kind = iota
	Bool           // bool
	Int            // int, arbitrary precision
	Float          // float
	Str            // str
	Bytes          // bytes, bytearray, memoryview
	Date           // datetime.date
	DateTime       // datetime.datetime, naive or aware
	Time           // datetime.time
	Timedelta      // datetime.timedelta
	Decimal        // decimal.Decimal, as str(d)
	Tuple          // tuple: adapted to (a, b) for IN %s
	List           // list: adapted to ARRAY[...]
	Dict           // dict: named parameters, never a value
	JSON           // psycopg2.extras.Json: Text holds json.dumps(obj)
	AsIs           // psycopg2.extensions.AsIs: Text is inlined verbatim
	Other          // any other Python type: TypeName names it
	Composed       // a psycopg2.sql Composable: Comp holds it
	SQLObject      // an odoo.tools.SQL object: SQL holds it
)

// Value is one Python value handed to the cursor by a host.
type Value struct {
	Kind  Kind
	Bool  bool
	Int   *big.Int
	Float float64
	// Text holds the str or bytes content, the Decimal's str(), the JSON
	// text or the AsIs SQL.
	Text string
	// Time holds dates, datetimes and times; Aware tells a datetime or
	// time with a tzinfo from a naive one.
	Time  time.Time
	Aware bool
	// Micros holds a timedelta in microseconds.
	Micros int64
	// Items are the elements of a Tuple or List, or the values of a Dict.
	Items []Value
	// Keys are a Dict's keys (str keys only: psycopg2 looks them up by name).
	Keys []string
	// TypeName is the Python type name, for errors ("can't adapt type 'set'").
	TypeName string
	// Comp is a psycopg2.sql object (Kind Composed).
	Comp *Composable
	// SQL is an odoo.tools.SQL object (Kind SQLObject).
	SQL *OdooSQL
}

// Convenience constructors, for hosts and tests.

func NoneValue() Value              { return Value{Kind: None} }
func BoolValue(b bool) Value        { return Value{Kind: Bool, Bool: b} }
func IntValue(i int64) Value        { return Value{Kind: Int, Int: big.NewInt(i)} }
func FloatValue(f float64) Value    { return Value{Kind: Float, Float: f} }
func StrValue(s string) Value       { return Value{Kind: Str, Text: s} }
func BytesValue(b []byte) Value     { return Value{Kind: Bytes, Text: string(b)} }
func DecimalValue(s string) Value   { return Value{Kind: Decimal, Text: s} }
func JSONValue(text string) Value   { return Value{Kind: JSON, Text: text} }
func AsIsValue(sql string) Value    { return Value{Kind: AsIs, Text: sql} }
func TupleValue(vs ...Value) Value  { return Value{Kind: Tuple, Items: vs} }
func ListValue(vs ...Value) Value   { return Value{Kind: List, Items: vs} }
func DateValue(t time.Time) Value   { return Value{Kind: Date, Time: t} }
func TimedeltaValue(us int64) Value { return Value{Kind: Timedelta, Micros: us} }

// DateTimeValue is a naive datetime when aware is false.
func DateTimeValue(t time.Time, aware bool) Value {
	return Value{Kind: DateTime, Time: t, Aware: aware}
}

// DictValue builds a dict from alternating keys and values.
func DictValue(kv map[string]Value) Value {
	d := Value{Kind: Dict}
	for k, v := range kv {
		d.Keys = append(d.Keys, k)
		d.Items = append(d.Items, v)
	}
	return d
}

// lookup returns a Dict's value for key.
func (v Value) lookup(key string) (Value, bool) {
	for i, k := range v.Keys {
		if k == key {
			return v.Items[i], true
		}
	}
	return Value{}, false
}

// pyTypeName is the Python name of the value's type, for messages.
func (v Value) pyTypeName() string {
	if v.TypeName != "" {
		return v.TypeName
	}
	if v.Kind == Composed && v.Comp != nil {
		return v.Comp.typeName()
	}
	return [...]string{"NoneType", "bool", "int", "float", "str", "bytes", "date", "datetime", "time",
		"timedelta", "Decimal", "tuple", "list", "dict", "Json", "AsIs", "object", "Composed", "SQL"}[v.Kind]
}

// TypeName is the Python type name of v ("str", "NoneType", "Identifier").
func TypeName(v Value) string { return v.pyTypeName() }
