package schema

import (
	"fmt"
	"strconv"
	"strings"
)

// Type is a column's type as the catalogs show it.
type Type struct {
	UDT      string // pg_type.typname and information_schema's udt_name: int4, varchar, _int4
	DataType string // information_schema's data_type: integer, character varying, ARRAY, USER-DEFINED
	Display  string // format_type(): integer, character varying(64), numeric(10,2), integer[]
	OID      uint32 // pg_type.oid; user-defined types get one from the schema
	// Length is character_maximum_length (varchar(n), char(n)); 0 when none.
	Length int
	// Precision and Scale are numeric(p,s)'s; Precision 0 when none.
	Precision, Scale int
	Typmod           int // atttypmod: -1 when none
}

// builtin describes a built-in type: its udt name, data_type, OID and
// array type OID (PostgreSQL 15's pg_type).
type builtin struct {
	udt, dataType string
	oid, array    uint32
}

var builtins = []builtin{
	{"bool", "boolean", 16, 1000},
	{"bytea", "bytea", 17, 1001},
	{"char", `"char"`, 18, 1002},
	{"name", "name", 19, 1003},
	{"int8", "bigint", 20, 1016},
	{"int2", "smallint", 21, 1005},
	{"int2vector", "int2vector", 22, 1006},
	{"int4", "integer", 23, 1007},
	{"regproc", "regproc", 24, 1008},
	{"text", "text", 25, 1009},
	{"oid", "oid", 26, 1028},
	{"json", "json", 114, 199},
	{"xml", "xml", 142, 143},
	{"cidr", "cidr", 650, 651},
	{"float4", "real", 700, 1021},
	{"float8", "double precision", 701, 1022},
	{"money", "money", 790, 791},
	{"macaddr", "macaddr", 829, 1040},
	{"inet", "inet", 869, 1041},
	{"bpchar", "character", 1042, 1014},
	{"varchar", "character varying", 1043, 1015},
	{"date", "date", 1082, 1182},
	{"time", "time without time zone", 1083, 1183},
	{"timestamp", "timestamp without time zone", 1114, 1115},
	{"timestamptz", "timestamp with time zone", 1184, 1185},
	{"interval", "interval", 1186, 1187},
	{"timetz", "time with time zone", 1266, 1270},
	{"bit", "bit", 1560, 1561},
	{"varbit", "bit varying", 1562, 1563},
	{"numeric", "numeric", 1700, 1231},
	{"regclass", "regclass", 2205, 2210},
	{"uuid", "uuid", 2950, 2951},
	{"tsvector", "tsvector", 3614, 3643},
	{"jsonb", "jsonb", 3802, 3807},
	{"int4range", "int4range", 3904, 3905},
	{"daterange", "daterange", 3912, 3913},
	{"tsrange", "tsrange", 3908, 3909},
}

// Builtin OIDs the catalog engine needs by name.
const (
	OIDBool       = 16
	OIDChar       = 18
	OIDName       = 19
	OIDInt8       = 20
	OIDInt2       = 21
	OIDInt2Vector = 22
	OIDInt4       = 23
	OIDText       = 25
	OIDOID        = 26
	OIDFloat4     = 700
	OIDFloat8     = 701
	OIDVarchar    = 1043
	OIDRegclass   = 2205
	OIDInt2Array  = 1005
	OIDTextArray  = 1009
	OIDNameArray  = 1003
	OIDVarcharArr = 1015
	OIDInt4Array  = 1007
)

var (
	byUDT   = map[string]*builtin{}
	byOID   = map[uint32]string{}
	aliases = map[string]string{ // SQL spellings → udt name
		"integer": "int4", "int": "int4", "smallint": "int2", "bigint": "int8",
		"boolean": "bool", "real": "float4", "float": "float8", "decimal": "numeric",
		"character varying": "varchar", "character": "bpchar", "char": "bpchar",
		"double precision": "float8", "timestamp without time zone": "timestamp",
		"timestamp with time zone": "timestamptz", "time without time zone": "time",
		"time with time zone": "timetz", "bit varying": "varbit",
	}
)

func init() {
	for i := range builtins {
		b := &builtins[i]
		byUDT[b.udt] = b
		byOID[b.oid] = b.udt
		byOID[b.array] = "_" + b.udt
	}
}

// TypeName returns the pg_type.typname of a built-in type OID, "" when
// the OID is not one.
func TypeName(oid uint32) string { return byOID[oid] }

// BuiltinOID returns the OID of a built-in udt name (int4, _int4), 0 when
// it is not built in.
func BuiltinOID(udt string) uint32 {
	if a, ok := strings.CutPrefix(udt, "_"); ok {
		if b := byUDT[a]; b != nil {
			return b.array
		}
		return 0
	}
	if b := byUDT[udt]; b != nil {
		return b.oid
	}
	return 0
}

// serial types: the integer type under them.
var serials = map[string]string{
	"serial": "int4", "serial4": "int4", "bigserial": "int8", "serial8": "int8",
	"smallserial": "int2", "serial2": "int2",
}

// displayNames are format_type()'s spellings of the udt names.
var displayNames = map[string]string{
	"int4": "integer", "int2": "smallint", "int8": "bigint", "bool": "boolean",
	"float4": "real", "float8": "double precision", "varchar": "character varying",
	"bpchar": "character", "timestamp": "timestamp without time zone",
	"timestamptz": "timestamp with time zone", "time": "time without time zone",
	"timetz": "time with time zone", "varbit": "bit varying", "char": `"char"`,
}

// makeType builds a Type from a udt name and its modifiers.
func makeType(udt string, mods []int, array bool) Type {
	t := Type{UDT: udt, Typmod: -1}
	display := displayNames[udt]
	if display == "" {
		display = udt
	}
	switch udt {
	case "varchar", "bpchar", "bit", "varbit":
		if len(mods) > 0 {
			t.Length = mods[0]
			t.Typmod = mods[0] + 4
			display += "(" + strconv.Itoa(mods[0]) + ")"
		} else if udt == "bpchar" || udt == "bit" {
			t.Length, t.Typmod = 1, 5
			display += "(1)"
		}
	case "numeric":
		if len(mods) > 0 {
			t.Precision = mods[0]
			if len(mods) > 1 {
				t.Scale = mods[1]
			}
			t.Typmod = (t.Precision<<16 | t.Scale) + 4
			display = fmt.Sprintf("numeric(%d,%d)", t.Precision, t.Scale)
		}
	case "timestamp", "timestamptz", "time", "timetz", "interval":
		if len(mods) > 0 {
			t.Typmod = mods[0]
			w := strings.Index(display, " ")
			if w < 0 {
				display += "(" + strconv.Itoa(mods[0]) + ")"
			} else {
				display = display[:w] + "(" + strconv.Itoa(mods[0]) + ")" + display[w:]
			}
		}
	}
	b := byUDT[udt]
	switch {
	case array:
		t.UDT, t.DataType, t.Display = "_"+udt, "ARRAY", display+"[]"
		if b != nil {
			t.OID = b.array
		}
	case b != nil:
		t.DataType, t.Display, t.OID = b.dataType, display, b.oid
	default:
		t.DataType, t.Display = "USER-DEFINED", display
	}
	return t
}

// MakeType is the Type of a udt name with an atttypmod (-1 for none):
// format_type(oid, typmod)'s reading.
func MakeType(udt string, typmod int, array bool) Type {
	var mods []int
	switch udt {
	case "varchar", "bpchar", "bit", "varbit":
		if typmod >= 4 {
			mods = []int{typmod - 4}
		}
	case "numeric":
		if typmod >= 4 {
			m := typmod - 4
			mods = []int{m >> 16, m & 0xffff}
		}
	case "timestamp", "timestamptz", "time", "timetz", "interval":
		if typmod >= 0 {
			mods = []int{typmod}
		}
	}
	return makeType(udt, mods, array)
}

// BuiltinTypes lists the built-in types: UDT, OID and, in Array, the
// array type's OID.
func BuiltinTypes() []BuiltinType {
	out := make([]BuiltinType, len(builtins))
	for i, b := range builtins {
		out[i] = BuiltinType{UDT: b.udt, OID: b.oid, Array: b.array}
	}
	return out
}

// BuiltinType is one built-in type.
type BuiltinType struct {
	UDT        string
	OID, Array uint32
}
