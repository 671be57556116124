package pystdlib

import (
	"encoding/json"
	"math"
	"math/rand"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-python/gpython/py"
)

func TestFloatRepr(t *testing.T) {
	tests := []struct {
		f    float64
		want string
	}{
		{1, "1.0"}, {1.5, "1.5"}, {0.1, "0.1"}, {1e16, "1e+16"}, {1e15, "1000000000000000.0"},
		{1e-5, "1e-05"}, {0.0001, "0.0001"}, {123456789.123, "123456789.123"}, {math.Copysign(0, -1), "-0.0"},
		{1e300, "1e+300"}, {2.5e-300, "2.5e-300"}, {-12.75, "-12.75"}, {1.7976931348623157e308, "1.7976931348623157e+308"},
		{5e-324, "5e-324"}, {123456789012345678, "1.2345678901234568e+17"}, {0.30000000000000004, "0.30000000000000004"},
		{math.NaN(), "nan"}, {math.Inf(1), "inf"}, {math.Inf(-1), "-inf"},
	}
	for _, tc := range tests {
		if got := floatRepr(tc.f); got != tc.want {
			t.Errorf("floatRepr(%v) = %q, want %q", tc.f, got, tc.want)
		}
	}
}

// TestFloatReprMatchesCPython compares repr() of random floats of every
// magnitude with CPython's.
func TestFloatReprMatchesCPython(t *testing.T) {
	bin, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not found")
	}
	rng := rand.New(rand.NewSource(1))
	var floats []float64
	var hexes []string
	for i := 0; i < 2000; i++ {
		var f float64
		switch i % 3 {
		case 0:
			f = math.Float64frombits(rng.Uint64())
		case 1:
			f = rng.NormFloat64() * math.Pow(10, float64(rng.Intn(40)-20))
		default:
			f = float64(rng.Intn(1_000_000)) / math.Pow(10, float64(rng.Intn(8)))
		}
		floats = append(floats, f)
		hexes = append(hexes, strconv.FormatUint(math.Float64bits(f), 16))
	}
	cmd := exec.Command(bin, "-c", `
import struct, sys
for h in sys.stdin.read().split():
    print(repr(struct.unpack('<d', int(h, 16).to_bytes(8, 'little'))[0]))
`)
	cmd.Stdin = strings.NewReader(strings.Join(hexes, "\n"))
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python3: %v", err)
	}
	want := strings.Fields(string(out))
	for i, f := range floats {
		if got := floatRepr(f); got != want[i] {
			t.Errorf("floatRepr(%b) = %q, CPython %q", f, got, want[i])
		}
	}
}

func dumpsGo(t testing.TB, o py.Object) string {
	t.Helper()
	e, err := newEncoder(nil, nil, nil, nil, nil, nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.encode(o); err != nil {
		t.Fatalf("dumps: %v", err)
	}
	return e.b.String()
}

func loadsGo(s string) (py.Object, error) {
	d, err := newDecoder(s, nil, nil, nil, nil, nil, nil)
	if err != nil {
		return nil, err
	}
	return d.decode()
}

// Python's mappings keep insertion order through dumps; gpython dicts
// are written sorted by key.
func TestDumpsKeyOrder(t *testing.T) {
	Install()
	od := newMapping(kindOrderedDict)
	for _, k := range []string{"z", "a", "m"} {
		if err := od.setItem(py.String(k), py.Int(1)); err != nil {
			t.Fatal(err)
		}
	}
	if got := dumpsGo(t, od); got != `{"z": 1, "a": 1, "m": 1}` {
		t.Errorf("OrderedDict: %s", got)
	}
	sd := py.StringDict{"z": py.Int(1), "a": py.Int(2), "m": py.Int(3)}
	for i := 0; i < 20; i++ { // Go map order is random: every run must agree
		if got := dumpsGo(t, sd); got != `{"a": 2, "m": 3, "z": 1}` {
			t.Fatalf("dict: %s", got)
		}
	}
}

// A lone surrogate cannot live in a Go string: it decodes to U+FFFD,
// where CPython keeps the surrogate.
func TestLoadsLoneSurrogate(t *testing.T) {
	o, err := loadsGo(`"a\ud800b\udc00"`)
	if err != nil {
		t.Fatal(err)
	}
	if o != py.String("a\ufffdb\ufffd") {
		t.Errorf("got %q", o)
	}
	o, err = loadsGo(`"\ud83d\ude00"`)
	if err != nil || o != py.String("\U0001F600") {
		t.Errorf("surrogate pair: %q, %v", o, err)
	}
}

func TestLoadsDepthLimit(t *testing.T) {
	deep := strings.Repeat("[", maxJSONDepth+1) + strings.Repeat("]", maxJSONDepth+1)
	if _, err := loadsGo(deep); !py.IsException(py.RuntimeError, err) {
		t.Errorf("depth %d: %v, want RecursionError", maxJSONDepth+1, err)
	}
	ok := strings.Repeat("[", maxJSONDepth) + strings.Repeat("]", maxJSONDepth)
	if _, err := loadsGo(ok); err != nil {
		t.Errorf("depth %d: %v", maxJSONDepth, err)
	}
}

// FuzzLoads: loads never panics; strict JSON always loads; whatever
// loads survives dumps and loads again unchanged.
func FuzzLoads(f *testing.F) {
	for _, seed := range []string{`{"a": [1, 2.5, "x\u00e9", null, true, false]}`, `[]`, `""`, `"\ud83d\ude00"`, `1e400`,
		`[NaN, -Infinity]`, `{"a":`, `[1,]`, `"\x01"`, `123456789012345678901234567890`, `-0.0e-7`, "\xff\"", ` [ { } ] `,
		`{"a":1,"a":2}`, `"\\u12"`, `[[[[[[]]]]]]`} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		start := time.Now()
		defer func() {
			if d := time.Since(start); d > 5*time.Second {
				t.Fatalf("%d-byte document took %v", len(doc), d)
			}
		}()
		v, err := loadsGo(doc)
		if err != nil {
			if json.Valid([]byte(doc)) && !py.IsException(recursionError, err) {
				t.Fatalf("strict JSON %q refused: %v", doc, err)
			}
			var exc *py.Exception
			if e, ok := err.(*py.Exception); ok {
				exc = e
			}
			if exc == nil {
				t.Fatalf("error of type %T: %v", err, err)
			}
			return
		}
		s1 := dumpsGo(t, v)
		v2, err := loadsGo(s1)
		if err != nil {
			t.Fatalf("dumps output %q does not load: %v", s1, err)
		}
		if s2 := dumpsGo(t, v2); s2 != s1 {
			t.Fatalf("round trip changed %q into %q", s1, s2)
		}
		if !hasNonFinite(v) && !json.Valid([]byte(s1)) {
			t.Fatalf("dumps wrote invalid JSON %q", s1)
		}
	})
}

// hasNonFinite reports a NaN or infinity anywhere in a decoded value
// (written as NaN/Infinity, which strict JSON lacks).
func hasNonFinite(o py.Object) bool {
	switch x := o.(type) {
	case py.Float:
		return math.IsNaN(float64(x)) || math.IsInf(float64(x), 0)
	case *py.List:
		for _, it := range x.Items {
			if hasNonFinite(it) {
				return true
			}
		}
	case py.StringDict:
		for _, it := range x {
			if hasNonFinite(it) {
				return true
			}
		}
	}
	return false
}
