package compat

import (
	"math"
	"math/big"
	"math/rand"
	"strconv"
	"strings"
	"testing"

	"github.com/go-python/gpython/py"
)

func bigInt(s string) py.Object {
	b, ok := new(big.Int).SetString(s, 10)
	if !ok {
		panic(s)
	}
	return (*py.BigInt)(b)
}

func TestCompare(t *testing.T) {
	Install()
	nan := py.Float(math.NaN())
	cases := []struct {
		name    string
		a, b    py.Object
		want    int
		wantErr string
	}{
		{"int", py.Int(1), py.Int(2), -1, ""},
		{"int equal", py.Int(7), py.Int(7), 0, ""},
		{"bool int", py.True, py.Int(1), 0, ""},
		{"bool bool", py.False, py.True, -1, ""},
		{"int float", py.Int(2), py.Float(1.5), 1, ""},
		{"float int equal", py.Float(3), py.Int(3), 0, ""},
		{"big int", bigInt("1180591620717411303424"), py.Int(5), 1, ""},
		{"neg big int", bigInt("-1180591620717411303424"), py.Int(5), -1, ""},
		{"big big", bigInt("1180591620717411303424"), bigInt("1180591620717411303425"), -1, ""},
		{"2**53+1 vs float(2**53)", py.Int(1<<53 + 1), py.Float(1 << 53), 1, ""},
		{"big vs float exact", bigInt("9007199254740993"), py.Float(9007199254740992), 1, ""},
		{"int vs inf", bigInt("1180591620717411303424"), py.Float(math.Inf(1)), -1, ""},
		{"nan unordered", nan, py.Int(1), 0, ""},
		{"str", py.String("a"), py.String("b"), -1, ""},
		{"str code points", py.String("é"), py.String("z"), 1, ""},
		{"str prefix", py.String("ab"), py.String("a"), 1, ""},
		{"bytes", py.Bytes("a"), py.Bytes("ab"), -1, ""},
		{"tuple first", py.Tuple{py.Int(1), py.String("z")}, py.Tuple{py.Int(2), py.String("a")}, -1, ""},
		{"tuple second", py.Tuple{py.Int(1), py.String("b")}, py.Tuple{py.Int(1), py.String("a")}, 1, ""},
		{"tuple prefix", py.Tuple{py.Int(1)}, py.Tuple{py.Int(1), py.Int(0)}, -1, ""},
		{"tuple nested", py.Tuple{py.Tuple{py.Int(1), py.Int(2)}}, py.Tuple{py.Tuple{py.Int(1), py.Int(3)}}, -1, ""},
		{"tuple mixed numbers equal", py.Tuple{py.Int(1), py.Float(2)}, py.Tuple{py.True, py.Int(2)}, 0, ""},
		{"list", &py.List{Items: []py.Object{py.Int(1)}}, &py.List{Items: []py.Object{py.Int(0), py.Int(9)}}, 1, ""},
		{"tuple equal prefix decides before None", py.Tuple{py.Int(1), py.None}, py.Tuple{py.Int(2), py.Int(1)}, -1, ""},
		{"None int", py.None, py.Int(1), 0, "'<' not supported between instances of 'NoneType' and 'int'"},
		{"int None", py.Int(1), py.None, 0, "'<' not supported between instances of 'int' and 'NoneType'"},
		{"str int", py.String("a"), py.Int(1), 0, "'<' not supported between instances of 'str' and 'int'"},
		{"tuple list", py.Tuple{}, &py.List{}, 0, "'<' not supported between instances of 'tuple' and 'list'"},
		{"None in tuple", py.Tuple{py.Int(1), py.None}, py.Tuple{py.Int(1), py.Int(2)}, 0, "'<' not supported between instances of 'NoneType' and 'int'"},
		{"Go nil", py.Tuple{py.Int(1), nil}, py.Tuple{py.Int(1), py.Int(2)}, 0, "Go nil"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Compare(c.a, c.b)
			if c.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), c.wantErr) {
					t.Fatalf("Compare error = %v, want %q", err, c.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Compare: %v", err)
			}
			if got != c.want {
				t.Errorf("Compare = %d, want %d", got, c.want)
			}
			if back, err := Compare(c.b, c.a); err != nil || back != -c.want {
				t.Errorf("Compare(b, a) = %d, %v, want %d", back, err, -c.want)
			}
		})
	}
}

// TestCompareUserClass checks that a user __lt__ (and a reflected
// __gt__) decides, and that a class without either is unorderable.
func TestCompareUserClass(t *testing.T) {
	g := evalPy(t, `
class V:
    def __init__(self, v):
        self.v = v
    def __lt__(self, other):
        return self.v < other.v
class G:
    def __init__(self, v):
        self.v = v
    def __gt__(self, other):
        return self.v > other.v
class Plain:
    pass
a, b = V(1), V(2)
g1, g2 = G(1), G(2)
p = Plain()
`)
	if c, err := Compare(g["a"], g["b"]); err != nil || c != -1 {
		t.Errorf("V(1) vs V(2) = %d, %v", c, err)
	}
	if c, err := Compare(g["b"], g["a"]); err != nil || c != 1 {
		t.Errorf("V(2) vs V(1) = %d, %v", c, err)
	}
	if c, err := Compare(g["g1"], g["g2"]); err != nil || c != -1 {
		t.Errorf("G(1) vs G(2) through the reflected __gt__ = %d, %v", c, err)
	}
	if _, err := Compare(g["p"], g["p"]); err == nil || !strings.Contains(err.Error(), "'<' not supported between instances of 'Plain' and 'Plain'") {
		t.Errorf("Plain vs Plain error = %v", err)
	}
}

// evalPy runs src in a patched context and returns its globals.
func evalPy(t testing.TB, src string) py.StringDict {
	t.Helper()
	var out strings.Builder
	ctx := newTestContext(&out)
	t.Cleanup(func() { _ = ctx.Close() })
	code, err := py.Compile(src, "eval.py", py.ExecMode, 0, true)
	if err != nil {
		t.Fatal(err)
	}
	mod := &py.Module{Globals: py.StringDict{"__name__": py.String("__main__")}, Context: ctx}
	if _, err := py.RunCode(ctx, code, "eval.py", mod); err != nil {
		t.Fatalf("%s", pyError(err))
	}
	return mod.Globals
}

// randValue builds a random nested value of ints, floats, big ints,
// strs and tuples, with its Python source.
func randValue(r *rand.Rand, depth int) (py.Object, string) {
	switch k := r.Intn(7); {
	case k == 0 && depth < 3:
		n := r.Intn(4)
		items := make(py.Tuple, n)
		src := make([]string, n)
		for i := range items {
			items[i], src[i] = randValue(r, depth+1)
		}
		if n == 1 {
			return items, "(" + src[0] + ",)"
		}
		return items, "(" + strings.Join(src, ", ") + ")"
	case k == 1:
		f := float64(r.Intn(7)-3) / 2
		return py.Float(f), strconv.FormatFloat(f, 'g', -1, 64)
	case k == 2:
		s := string(rune('a' + r.Intn(3)))
		if r.Intn(2) == 0 {
			s += string(rune('a' + r.Intn(3)))
		}
		return py.String(s), "'" + s + "'"
	case k == 3:
		v := new(big.Int).Lsh(big.NewInt(int64(r.Intn(5)-2)), 64)
		return bigToInt(v), v.String()
	default:
		v := r.Intn(5) - 2
		return py.Int(v), strconv.Itoa(v)
	}
}

// TestCompareDifferential compares Compare with CPython's ordering of
// the same random values (sign of a<b / b<a, or "E" for TypeError).
func TestCompareDifferential(t *testing.T) {
	Install()
	r := rand.New(rand.NewSource(4))
	const n = 400
	var src strings.Builder
	src.WriteString("pairs = [\n")
	type pair struct{ a, b py.Object }
	pairs := make([]pair, n)
	for i := range pairs {
		a, as := randValue(r, 0)
		b, bs := randValue(r, 0)
		pairs[i] = pair{a, b}
		src.WriteString("    (" + as + ", " + bs + "),\n")
	}
	src.WriteString(`]
for a, b in pairs:
    try:
        print(-1 if a < b else (1 if b < a else 0))
    except TypeError:
        print("E")
`)
	want := strings.Fields(runCPython(t, src.String()))
	if len(want) != n {
		t.Fatalf("python3 printed %d results, want %d", len(want), n)
	}
	for i, p := range pairs {
		c, err := Compare(p.a, p.b)
		got := strconv.Itoa(c)
		if err != nil {
			if !py.IsException(py.TypeError, err) {
				t.Fatalf("pair %d: unexpected error %v", i, err)
			}
			got = "E"
		}
		if got != want[i] {
			a, _ := testRepr(p.a)
			b, _ := testRepr(p.b)
			t.Errorf("Compare(%s, %s) = %s, CPython %s", a, b, got, want[i])
		}
	}
}

// FuzzCompare checks that Compare is antisymmetric and reflexive, never
// panics, and that sorting gives an ordered list.
func FuzzCompare(f *testing.F) {
	Install()
	for _, seed := range []int64{1, 2, 3, 99, 12345} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, seed int64) {
		r := rand.New(rand.NewSource(seed))
		items := make([]py.Object, 12)
		for i := range items {
			items[i], _ = randValue(r, 0)
		}
		for _, a := range items {
			if c, err := Compare(a, a); err == nil && c != 0 {
				t.Fatalf("Compare(a, a) = %d", c)
			}
			for _, b := range items {
				ab, err1 := Compare(a, b)
				ba, err2 := Compare(b, a)
				if (err1 == nil) != (err2 == nil) {
					t.Fatalf("errors differ: %v / %v", err1, err2)
				}
				if err1 == nil && ab != -ba {
					t.Fatalf("Compare(a, b) = %d but Compare(b, a) = %d", ab, ba)
				}
			}
		}
		if err := sortObjects(items, nil, false); err == nil {
			for i := 1; i < len(items); i++ {
				if c, err := Compare(items[i-1], items[i]); err != nil || c > 0 {
					t.Fatalf("sorted items %d and %d out of order (%d, %v)", i-1, i, c, err)
				}
			}
		}
	})
}

// TestSortObjects checks stability, reverse stability and that the key
// runs once per item, against Go's stable sort.
func TestSortObjects(t *testing.T) {
	Install()
	r := rand.New(rand.NewSource(7))
	for _, n := range []int{0, 1, 2, 11, 12, 13, 100, 1000} {
		for _, reverse := range []bool{false, true} {
			items := make([]py.Object, n)
			recs := make([]sortRec, n)
			for i := range items {
				k := r.Intn(10)
				items[i] = py.Tuple{py.Int(k), py.Int(i)}
				recs[i] = sortRec{k, i}
			}
			calls := 0
			key := py.MustNewMethod("key", func(_ py.Object, args py.Tuple) (py.Object, error) {
				calls++
				return args[0].(py.Tuple)[0], nil
			}, 0, "")
			if err := sortObjects(items, key, reverse); err != nil {
				t.Fatal(err)
			}
			if calls != n {
				t.Errorf("n=%d: key called %d times", n, calls)
			}
			sortStableRecs(recs, reverse)
			for i, it := range items {
				tup := it.(py.Tuple)
				if int(tup[0].(py.Int)) != recs[i].key || int(tup[1].(py.Int)) != recs[i].pos {
					t.Fatalf("n=%d reverse=%v: item %d = %v, want %v", n, reverse, i, tup, recs[i])
				}
			}
		}
	}
}

type sortRec struct{ key, pos int }

// sortStableRecs is an insertion sort on key: trivially stable.
func sortStableRecs(s []sortRec, reverse bool) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0; j-- {
			a, b := s[j-1].key, s[j].key
			if (!reverse && b < a) || (reverse && b > a) {
				s[j-1], s[j] = s[j], s[j-1]
			} else {
				break
			}
		}
	}
}

// TestSortErrorLeavesListUnchanged: a failing comparison raises and the
// list keeps its order.
func TestSortErrorLeavesListUnchanged(t *testing.T) {
	out, err := runPy(t, `
l = [3, None, 1]
try:
    l.sort()
except TypeError as e:
    print(e)
print(l)
`)
	if err != nil {
		t.Fatal(pyError(err))
	}
	want := "'<' not supported between instances of 'NoneType' and 'int'\n[3, None, 1]\n"
	if out != want {
		t.Errorf("got %q, want %q", out, want)
	}
}
