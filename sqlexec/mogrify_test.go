package sqlexec

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"math/big"
	"os/exec"
	"strings"
	"testing"
	"time"
)

type mogrifyCase struct {
	query  string
	py     string // the params as a Python expression, for the psycopg2 oracle
	params *Value // nil: no params
	want   string // rendered SQL, or "!Type: message"
}

func tup(vs ...Value) *Value { v := TupleValue(vs...); return &v }

func bigInt(s string) Value {
	i, _ := new(big.Int).SetString(s, 10)
	return Value{Kind: Int, Int: i}
}

var utc = time.UTC

// The expected strings are psycopg2 2.9.5's output for the same calls.
var mogrifyCases = []mogrifyCase{
	{"SELECT 'a%%'", "None", nil, "SELECT 'a%%'"},
	{"SELECT 'a%%'", "()", tup(), "SELECT 'a%'"},
	{"SELECT 'a%%', %s", "(1,)", tup(IntValue(1)), "SELECT 'a%', 1"},
	{"SELECT %s", "(-1,)", tup(IntValue(-1)), "SELECT  -1"},
	{"SELECT %s", "(-1.5,)", tup(FloatValue(-1.5)), "SELECT  -1.5"},
	{"SELECT %s", "(1.0,)", tup(FloatValue(1)), "SELECT 1.0"},
	{"SELECT %s", "(1e16,)", tup(FloatValue(1e16)), "SELECT 1e+16"},
	{"SELECT %s", "(float('inf'),)", tup(FloatValue(math.Inf(1))), "SELECT 'Infinity'::float"},
	{"SELECT %s", "(float('-inf'),)", tup(FloatValue(math.Inf(-1))), "SELECT '-Infinity'::float"},
	{"SELECT %s", "(float('nan'),)", tup(FloatValue(math.NaN())), "SELECT 'NaN'::float"},
	{"SELECT %s", "(-0.0,)", tup(FloatValue(math.Copysign(0, -1))), "SELECT  -0.0"},
	{"SELECT %s", "(True,)", tup(BoolValue(true)), "SELECT true"},
	{"SELECT %s", "(None,)", tup(NoneValue()), "SELECT NULL"},
	{"SELECT %s", `("it's \\ x",)`, tup(StrValue(`it's \ x`)), `SELECT 'it''s \ x'`},
	{"SELECT %s", `("a\x00b",)`, tup(StrValue("a\x00b")), "!ValueError: A string literal cannot contain NUL (0x00) characters."},
	{"SELECT %s", `(b"hi\x00",)`, tup(BytesValue([]byte("hi\x00"))), `SELECT '\x686900'::bytea`},
	{"SELECT %s", "(datetime.date(2024,1,2),)", tup(DateValue(time.Date(2024, 1, 2, 0, 0, 0, 0, utc))), "SELECT '2024-01-02'::date"},
	{"SELECT %s", "(datetime.datetime(2024,1,2,3,4,5,123456),)", tup(DateTimeValue(time.Date(2024, 1, 2, 3, 4, 5, 123456000, utc), false)), "SELECT '2024-01-02T03:04:05.123456'::timestamp"},
	{"SELECT %s", "(datetime.datetime(2024,1,2,3,4,5),)", tup(DateTimeValue(time.Date(2024, 1, 2, 3, 4, 5, 0, utc), false)), "SELECT '2024-01-02T03:04:05'::timestamp"},
	{"SELECT %s", "(datetime.datetime(2024,1,2,3,4,5,tzinfo=datetime.timezone.utc),)", tup(DateTimeValue(time.Date(2024, 1, 2, 3, 4, 5, 0, utc), true)), "SELECT '2024-01-02T03:04:05+00:00'::timestamptz"},
	{"SELECT %s", "(datetime.datetime(2024,1,2,3,4,5,tzinfo=datetime.timezone(datetime.timedelta(hours=-5, minutes=-30))),)", tup(DateTimeValue(time.Date(2024, 1, 2, 3, 4, 5, 0, time.FixedZone("", -19800)), true)), "SELECT '2024-01-02T03:04:05-05:30'::timestamptz"},
	{"SELECT %s", "(datetime.time(3,4,5),)", tup(Value{Kind: Time, Time: time.Date(0, 1, 1, 3, 4, 5, 0, utc)}), "SELECT '03:04:05'::time"},
	{"SELECT %s", "(datetime.timedelta(days=1,seconds=5,microseconds=7),)", tup(TimedeltaValue(86_405_000_007)), "SELECT '1 days 5.000007 seconds'::interval"},
	{"SELECT %s", "(datetime.timedelta(seconds=-1),)", tup(TimedeltaValue(-1_000_000)), "SELECT '-1 days 86399.000000 seconds'::interval"},
	{"SELECT %s", "(decimal.Decimal('1.50'),)", tup(DecimalValue("1.50")), "SELECT 1.50"},
	{"SELECT %s", "(decimal.Decimal('-1.50'),)", tup(DecimalValue("-1.50")), "SELECT  -1.50"},
	{"SELECT %s", "(decimal.Decimal('NaN'),)", tup(DecimalValue("NaN")), "SELECT 'NaN'::numeric"},
	{"SELECT %s", "((1,2,'a'),)", tup(TupleValue(IntValue(1), IntValue(2), StrValue("a"))), "SELECT (1, 2, 'a')"},
	{"SELECT %s", "((),)", tup(TupleValue()), "SELECT ()"},
	{"SELECT %s", "((1,),)", tup(TupleValue(IntValue(1))), "SELECT (1)"},
	{"SELECT %s", "((-1,),)", tup(TupleValue(IntValue(-1))), "SELECT ( -1)"},
	{"SELECT %s", "([1,2],)", tup(ListValue(IntValue(1), IntValue(2))), "SELECT ARRAY[1,2]"},
	{"SELECT %s", "([-1,-2.5],)", tup(ListValue(IntValue(-1), FloatValue(-2.5))), "SELECT ARRAY[ -1, -2.5]"},
	{"SELECT %s", "([],)", tup(ListValue()), "SELECT '{}'"},
	{"SELECT %s", "([[1,2],[3,4]],)", tup(ListValue(ListValue(IntValue(1), IntValue(2)), ListValue(IntValue(3), IntValue(4)))), "SELECT ARRAY[ARRAY[1,2],ARRAY[3,4]]"},
	{"SELECT %s", "(['a',None],)", tup(ListValue(StrValue("a"), NoneValue())), "SELECT ARRAY['a',NULL]"},
	{"SELECT %s", "([(1,2)],)", tup(ListValue(TupleValue(IntValue(1), IntValue(2)))), "SELECT ARRAY[(1, 2)]"},
	{"SELECT %s", "([datetime.date(2024,1,2)],)", tup(ListValue(DateValue(time.Date(2024, 1, 2, 0, 0, 0, 0, utc)))), "SELECT ARRAY['2024-01-02'::date]"},
	{"SELECT %s", "([b'x'],)", tup(ListValue(BytesValue([]byte("x")))), `SELECT ARRAY['\x78'::bytea]`},
	{"SELECT %s", `(Json({"a": 1, "b": [1, 2]}),)`, tup(JSONValue(`{"a": 1, "b": [1, 2]}`)), `SELECT '{"a": 1, "b": [1, 2]}'`},
	{"SELECT %s", "(AsIs('now()'),)", tup(AsIsValue("now()")), "SELECT now()"},
	{"SELECT %s", "({'a':1},)", tup(DictValue(map[string]Value{"a": IntValue(1)})), "!ProgrammingError: can't adapt type 'dict'"},
	{"SELECT %s", "({1,2},)", tup(Value{Kind: Other, TypeName: "set"}), "!ProgrammingError: can't adapt type 'set'"},
	{"SELECT %s", "([[],[1]],)", tup(ListValue(ListValue(), ListValue(IntValue(1)))), "SELECT ARRAY[ARRAY[],ARRAY[1]]"},
	{"SELECT %s", "(datetime.time(3,4,5,tzinfo=datetime.timezone.utc),)", tup(Value{Kind: Time, Time: time.Date(0, 1, 1, 3, 4, 5, 0, utc), Aware: true}), "SELECT '03:04:05+00:00'::timetz"},
	{"SELECT %s", "(datetime.datetime(1,1,1),)", tup(DateTimeValue(time.Date(1, 1, 1, 0, 0, 0, 0, utc), false)), "SELECT '0001-01-01T00:00:00'::timestamp"},
	{"SELECT %s", "(decimal.Decimal('Infinity'),)", tup(DecimalValue("Infinity")), "SELECT 'NaN'::numeric"},
	{"SELECT %s", "(decimal.Decimal('-0'),)", tup(DecimalValue("-0")), "SELECT  -0"},
	{"SELECT %s", "(decimal.Decimal('1E+3'),)", tup(DecimalValue("1E+3")), "SELECT 1E+3"},
	{"SELECT %s", "(datetime.timedelta(0),)", tup(TimedeltaValue(0)), "SELECT '0 days 0.000000 seconds'::interval"},
	{"SELECT %s", "(2**70,)", tup(bigInt("1180591620717411303424")), "SELECT 1180591620717411303424"},
	{"SELECT %s", "('é',)", tup(StrValue("é")), "SELECT 'é'"},
	{"SELECT %s", "[1]", &Value{Kind: List, Items: []Value{IntValue(1)}}, "SELECT 1"},
	{"SELECT %(x)s, %(x)s", "{'x':1,'y':2}", ptr(DictValue(map[string]Value{"x": IntValue(1), "y": IntValue(2)})), "SELECT 1, 1"},
	{"SELECT %%(a)s", "{'a':1}", ptr(DictValue(map[string]Value{"a": IntValue(1)})), "SELECT %(a)s"},
	{"SELECT %()s", "{'':1}", ptr(DictValue(map[string]Value{"": IntValue(1)})), "SELECT 1"},
	// Errors, with psycopg2's exception classes and messages.
	{"SELECT %(x)s", "{'y':2}", ptr(DictValue(map[string]Value{"y": IntValue(2)})), "!KeyError: 'x'"},
	{"SELECT %s", "{'y':2}", ptr(DictValue(map[string]Value{"y": IntValue(2)})), "!TypeError: dict is not a sequence"},
	{"SELECT %(x)s", "(1,)", tup(IntValue(1)), "!TypeError: tuple indices must be integers or slices, not str"},
	{"SELECT %s, %s", "(1,)", tup(IntValue(1)), "!IndexError: tuple index out of range"},
	{"SELECT %s", "(1,2)", tup(IntValue(1), IntValue(2)), "!TypeError: not all arguments converted during string formatting"},
	{"SELECT %d", "(1,)", tup(IntValue(1)), "!ValueError: unsupported format character 'd' (0x64) at index 8"},
	{"SELECT 5 % 2, %s", "(1,)", tup(IntValue(1)), "!IndexError: tuple index out of range"},
	{"SELECT 5 % 2", "(1,)", tup(IntValue(1)), "!ValueError: unsupported format character ' ' (0x20) at index 10"},
	{"SELECT %", "(1,)", tup(IntValue(1)), "!ValueError: incomplete format"},
	{"SELECT %s %", "(1,)", tup(IntValue(1)), "!IndexError: tuple index out of range"},
	{"SELECT %(x", "{'x':1}", ptr(DictValue(map[string]Value{"x": IntValue(1)})), "!ProgrammingError: incomplete placeholder: '%(' without ')'"},
	{"SELECT %(a)", "{'a':1}", ptr(DictValue(map[string]Value{"a": IntValue(1)})), "!ValueError: incomplete format"},
	{"SELECT %(a(b)s", "{'a(b':1}", ptr(DictValue(map[string]Value{"a(b": IntValue(1)})), "!ValueError: incomplete format key"},
	{"SELECT %(a)s %s", "{'a':1}", ptr(DictValue(map[string]Value{"a": IntValue(1)})), "!ProgrammingError: argument formats can't be mixed"},
	{"SELECT %s %(a)s", "(1,)", tup(IntValue(1)), "!ProgrammingError: argument formats can't be mixed"},
}

func ptr(v Value) *Value { return &v }

func render(q string, p *Value) string {
	out, err := Mogrify(q, p)
	if err != nil {
		var pe *PyError
		if errors.As(err, &pe) {
			return "!" + pe.Error()
		}
		return "!" + err.Error()
	}
	return out
}

func TestMogrify(t *testing.T) {
	for _, c := range mogrifyCases {
		if got := render(c.query, c.params); got != c.want {
			t.Errorf("Mogrify(%q, %s)\n got %s\nwant %s", c.query, c.py, got, c.want)
		}
	}
}

// TestMogrifyAgainstPsycopg2 asks the real psycopg2 (Debian's
// python3-psycopg2, which .ci/run installs) for every case.
func TestMogrifyAgainstPsycopg2(t *testing.T) {
	var cases [][2]string
	for _, c := range mogrifyCases {
		cases = append(cases, [2]string{c.query, c.py})
	}
	var want []string
	psycopg2Oracle(t, `
cur = conn.cursor()
out = []
for query, params in json.load(sys.stdin):
    try:
        out.append(cur.mogrify(query, eval(params)).decode())
    except Exception as e:
        msg = str(e) if not isinstance(e, KeyError) else repr(e.args[0])
        out.append("!%s: %s" % (type(e).__name__, msg))
json.dump(out, sys.stdout)
`, cases, &want)
	for i, c := range mogrifyCases {
		if got := render(c.query, c.params); got != want[i] {
			t.Errorf("Mogrify(%q, %s)\n    got %s\npsycopg2 %s", c.query, c.py, got, want[i])
		}
	}
}

func FuzzMogrify(f *testing.F) {
	for _, c := range mogrifyCases {
		f.Add(c.query)
	}
	named := DictValue(map[string]Value{"a": StrValue("x'y"), "": IntValue(-1)})
	positional := TupleValue(StrValue("a"), ListValue(IntValue(1)), NoneValue())
	f.Fuzz(func(t *testing.T, q string) {
		for _, p := range []*Value{nil, &named, &positional} {
			out, err := Mogrify(q, p)
			if err == nil && p == nil && out != q {
				t.Fatalf("no params must be verbatim")
			}
			if err == nil && p != nil && strings.Count(out, "'")%2 != strings.Count(q, "'")%2 {
				t.Fatalf("quotes unbalanced by adaptation: %q -> %q", q, out)
			}
		}
	})
}

// The text-format decoders never panic, whatever the server (or a
// corrupt stream) sends.
func FuzzDecodeText(f *testing.F) {
	oids := []uint32{oidBool, oidInt4, oidNumeric, oidBytea, oidDate, oidTimestamp, oidTimestampTZ, oidTime, oidTimeTZ, oidInterval, oidJSON, 1007, 1009, 1231, 1182}
	for _, s := range []string{"t", "12", "1.5", `\x00ff`, "2024-01-02", "2024-01-02 03:04:05+02", "03:04:05+05:30", "1 year 2 mons -04:05:06.5", `{"a": [1]}`, `{{1,2},{3,NULL}}`, `{"a b","c\"d"}`} {
		for i := range oids {
			f.Add(uint8(i), s)
		}
	}
	f.Fuzz(func(t *testing.T, which uint8, s string) {
		v, err := decodeText(oids[int(which)%len(oids)], s)
		if err == nil {
			_ = Repr(v)
		}
	})
}

// psycopg2Oracle runs script under /usr/bin/python3 with psycopg2 (Debian's
// python3-psycopg2, which .ci/run installs) and a connection "conn" to the
// test server in UTC; input arrives as JSON on stdin and the JSON the
// script prints is decoded into out. It skips when psycopg2 is absent.
func psycopg2Oracle(t *testing.T, script string, input, out any) {
	t.Helper()
	py := "/usr/bin/python3"
	if err := exec.Command(py, "-c", "import psycopg2").Run(); err != nil {
		t.Skip("psycopg2 is not installed for /usr/bin/python3 (apt-get install python3-psycopg2)")
	}
	in, err := json.Marshal(input)
	if err != nil {
		t.Fatal(err)
	}
	prelude := `
import sys, json, datetime, decimal, psycopg2, psycopg2.extensions as ext
from psycopg2.extras import Json
from psycopg2.extensions import AsIs
conn = psycopg2.connect(host="127.0.0.1", user="postgres", dbname="postgres", options="-c TimeZone=UTC")
`
	cmd := exec.Command(py, "-c", prelude+script)
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	raw, err := cmd.Output()
	if err != nil {
		t.Fatalf("psycopg2: %v\n%s", err, stderr.String())
	}
	if err := json.Unmarshal(raw, out); err != nil {
		t.Fatal(err)
	}
}
