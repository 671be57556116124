package pyfmt

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/go-python/gpython/py"
)

// diffCase is one differential case; see testdata/differential.py for
// what each kind means.
type diffCase struct {
	K string `json:"k"`
	A string `json:"a,omitempty"`
	B string `json:"b,omitempty"`
	C string `json:"c,omitempty"`
}

func (c diffCase) String() string {
	switch c.K {
	case "repr", "str", "ascii":
		return fmt.Sprintf("%s(%s)", c.K, c.A)
	case "format":
		return fmt.Sprintf("format(%s, %q)", c.A, c.B)
	case "fv":
		return fmt.Sprintf("f'{(%s)!%s:%s}'", c.A, c.B, c.C)
	case "pct":
		return fmt.Sprintf("%q %% %s", c.A, c.B)
	case "bpct":
		return fmt.Sprintf("b%q %% %s", c.A, c.B)
	case "sfmt":
		return fmt.Sprintf("%q.format(*%s, **%s)", c.A, c.B, c.C)
	case "sfmap":
		return fmt.Sprintf("%q.format_map(%s)", c.A, c.B)
	}
	return c.K
}

// Values every kind of conversion is tried on. Containers have at most
// one key or only small ints, whose order gpython cannot change.
var diffValues = []string{
	"0", "1", "-1", "7", "42", "-42", "255", "1234567", "-1234567", "2**31", "2**63-1", "-2**63",
	"2**64", "2**70", "-2**70", "10**20", "True", "False",
	"0.0", "-0.0", "0.5", "1.0", "-1.5", "2.5", "2.675", "3.14159", "1e16", "1e15", "123456789.123",
	"1e-05", "0.0001", "1e22", "1e100", "1.5e-300", "5e-324", "1.7976931348623157e308",
	"float('inf')", "float('-inf')", "float('nan')", "0.1", "1/3", "100.0", "1234.5678", "-0.000123",
	"12345678901234567890.0", "9.999999999999999e22", "0.30000000000000004", "1e-7", "123456.0",
	"''", "'abc'", `"it's"`, `'say "hi"'`, `'both \' and "'`, `'tab\tnl\ncr\r'`, `'é'`, `'日本語'`,
	`'\x00\x7f\x80\xa0'`, `'\u200b\u2028'`, `'emoji 😀'`, `'back\\slash'`, `'\U0001d7ce'`, `'x' * 3`,
	"None", "()", "(1,)", "(1, 'a')", "((1,),)", "[]", "[1, 'a', None]", "[[1, [2.5]], ()]",
	"{'a': 1}", "{}", "{'k': (1,)}", "{1, 2, 3}", "set()",
	"range(5)", "range(1, 10, 2)", "range(0)", "b''", "b'abc'", `b"it's"`, `b'\x00\xff\t'`,
	"ValueError('x')", "KeyError('k')", "Exception()", "Exception(1, 2)", "KeyError()", "OSError(1000, 'Bad thing')", "OSError(1000, 'Bad', 'f.txt')",
	"1.5j", "R()", "S()", "F()", "Idx()", "Pt().x", "[R(), S()]", "(S(),)", "(1+2j)", "-0.0j", "complex(-0.0, -1e20)",
	"R", "Plain", "Plain()", "int", "ValueError", "len", "BadRepr()", "BadFormat()", "Raises()", "Num()", "[Raises()]",
}

// randomNumbers adds reproducible pseudo-random floats (from random bit
// patterns and from short decimals) and ints, as Python literals.
func randomNumbers() []string {
	rng := rand.New(rand.NewPCG(1, 2))
	var out []string
	for len(out) < 250 {
		x := math.Float64frombits(rng.Uint64())
		if math.IsNaN(x) || math.IsInf(x, 0) {
			continue
		}
		out = append(out, strconv.FormatFloat(x, 'g', -1, 64))
	}
	for i := 0; i < 150; i++ {
		digits := strconv.FormatInt(rng.Int64N(1_000_000_000), 10)
		exp := rng.IntN(40) - 20
		out = append(out, digits+"e"+strconv.Itoa(exp))
	}
	for i := 0; i < 50; i++ {
		out = append(out, strconv.FormatInt(rng.Int64()>>rng.IntN(63), 10))
	}
	return out
}

var randomSpecs = []string{"", ".17g", "e", ".3f", "%", ".12", "g", ",.2f", "#.5g", ".1e", "F"}

// Format specs tried on every value.
var diffSpecs = []string{
	"", "d", "5", "<5", ">5", "^5", "*^9", "=+8", "+", "-", " ", "05", "010", "08.3f", ",", "_", "10,", "020,",
	"#x", "#X", "#o", "#b", "x", "X", "o", "b", "_x", "_b", ",x", "c", "n", "e", ".2e", "E", "f", ".2f",
	".0f", "#.0f", "F", "g", ".3g", "#g", "G", "%", ".1%", "z.1f", "z", ".3", ".0", ".10", "s", "10s",
	".2s", "<10.3", "=10", "#", "+.3e", " 12.4f", ",.2f", "_.3f", "xx", "abc", "5.5d", "-^+#012,.3g",
	"€>7", "0<6", "0=8", "^", ".", "5,_", "_,", ",d", ",c", "#c", "+c", "z.0f", ".25g", "#.3g", ".17",
	"-08.2%", "010.3e", ".300f", "#20.10G", "+010_", "=^10", "\x00<4",
}

func diffCases() []diffCase {
	var cases []diffCase
	for _, v := range diffValues {
		cases = append(cases, diffCase{K: "repr", A: v}, diffCase{K: "str", A: v}, diffCase{K: "ascii", A: v})
		for _, s := range diffSpecs {
			cases = append(cases, diffCase{K: "format", A: v, B: s})
		}
	}
	for _, v := range randomNumbers() {
		cases = append(cases, diffCase{K: "repr", A: v})
		for _, s := range randomSpecs {
			cases = append(cases, diffCase{K: "format", A: v, B: s})
		}
		cases = append(cases, diffCase{K: "pct", A: "%r|%.3e|%g|%.10f|%d", B: "(" + strings.Repeat(v+", ", 5) + ")"})
	}
	for _, v := range []string{"'abc'", "42", "3.5", "None", "(1,)", "'é'", "S()", "R()", "F()"} {
		for _, conv := range []string{"", "r", "s", "a"} {
			for _, spec := range []string{"", ">8", "^9", "<3", ".2", "x"} {
				cases = append(cases, diffCase{K: "fv", A: v, B: conv, C: spec})
			}
		}
	}
	pctFormats := []string{
		"%s", "%r", "%a", "%d", "%i", "%u", "%x", "%X", "%o", "%#x", "%#X", "%#o", "%e", "%E", "%f", "%F",
		"%g", "%G", "%c", "%5s", "%-5s|", "%.2s", "%05d", "%+d", "% d", "%.3f", "%10.4e", "%-10.2f|",
		"%#g", "%.0f", "%%", "%s %s", "%(k)s", "%y", "%", "%5", "%(k", "%*d", "%.*f", "%ld", "[%s]",
		"no format", "%#010x", "%#10o", "%-#8x|", "%+#o", "%08.3f", "%+08d", "%-+8d|", "%.5d", "%#.5x",
		"%5%", "% %", "%é", "%(k)s %(k)r", "%s %(k)s", "%*.*f", "%-*s|", "%.*s", "%(k)", "%(k)*d",
		"%c%c", "%5c|", "%-3c|", "%.2147483648f", "%99999999999999999999d", "%.1000d", "%(a(b)c)s",
		"%#x %#X %#o", "%5.1s|", "%-05d|", "%0-5d|", "% +d", "%+ d",
	}
	pctArgs := []string{
		"1", "-1", "0", "3.7", "-2.5", "2**70", "'abc'", "'é'", "None", "True", "(1,)", "(1, 2)", "()",
		"[1]", "{'k': 'v'}", "('a', 'b')", "(5, 3.14159)", "((1, 2),)", "b'x'", "65", "1e300",
		"float('nan')", "(8, 255, 8)", "(3, 2, 3.14159)", "(-6, 'ab')", "(65, 'é')", "{'k': 5}", "{'a(b)c': 1}",
		"Idx()", "Num()", "R()", "S()", "(1.5,)", "0x110000", "'ab'", "-255", "{}", "[]", "range(3)",
		"{'k': 2**70}", "1.5j", "float('inf')", "(3, 'abc')",
	}
	for _, f := range pctFormats {
		for _, a := range pctArgs {
			cases = append(cases, diffCase{K: "pct", A: f, B: a})
		}
	}
	for _, f := range []string{"%s", "%b", "%r", "%a", "%d", "%x", "%5.2f", "%c", "%-6s|", "%(k)s", "%y", "%\u00ff", "%\x7f", "%\x01", "%5%", "abc"} {
		for _, a := range []string{"b'xy'", "'str'", "1", "300", "b'a'", "(b'a', b'b')", "{'k': b'v'}", "3.5", "[]", "()"} {
			cases = append(cases, diffCase{K: "bpct", A: f, B: a})
		}
	}
	templates := []string{
		"{}", "{0}", "{!r}", "{!s}", "{!a}", "{:>10}", "{0:{1}}", "{:{}}", "{} {}", "{0} {1} {0}",
		"{} {1}", "{0} {}", "{x}", "{0[0]}", "{d[k]}", "{{}}", "{{{}}}", "}", "{", "{0!x}", "{:{:{}}}",
		"{0[}", "{0]}", "{!}", "{0.}", "{0[]}", "{0:=^{1}.{2}f}", "{x!r:>{w}}", "{10}", "{:d}", "a{{b}}c",
		"{0.x} {0.y!r}", "{p.x:>4}", "{0[1]}", "{d[0]}", "{0!r:^12}", "{:}", "{0:}", "{!r:}", "{x}{y}",
		"{ x }", "{0[0][0]}", "{0.nope}", "{:%}", "{:,}", "{0:{x}}", "{0!}", "{0!rr}", "{0[x]y}",
		"{0:{{}}", "{}}", "{{}", "\u00e9{}\u00e9", "{٣}", "{0:٣}", "{0[ 0 ]}",
	}
	argSets := [][2]string{
		{"(1,)", "{}"}, {"('abc', 5)", "{'x': 'y', 'w': 6}"}, {"(3.14159, 10, 3)", "{}"},
		{"([1, [2]],)", "{'d': {'k': 'v'}, 'x': 1, 'y': 2}"}, {"(Pt(), 'é')", "{'p': Pt(), 'x': 5}"},
		{"()", "{}"}, {"((1, 2), 'z', 7)", "{'d': {'0': 'zero'}}"},
	}
	for _, t := range templates {
		for _, a := range argSets {
			cases = append(cases, diffCase{K: "sfmt", A: t, B: a[0], C: a[1]})
		}
	}
	for _, t := range []string{"{x}", "{x!r:>5}", "{0}", "{}", "{y}", "{x[0]}"} {
		for _, m := range []string{"{'x': 'abc'}", "{}", "[1]"} {
			cases = append(cases, diffCase{K: "sfmap", A: t, B: m})
		}
	}
	return cases
}

// run evaluates a case with this package.
func (e *testEnv) run(t *testing.T, c diffCase) string {
	t.Helper()
	switch c.K {
	case "repr":
		return outcome(Repr(e.eval(t, c.A)))
	case "str":
		return outcome(Str(e.eval(t, c.A)))
	case "ascii":
		return outcome(Ascii(e.eval(t, c.A)))
	case "format":
		return outcome(Format(e.eval(t, c.A), c.B))
	case "fv":
		return outcome(FormatValue(e.eval(t, c.A), c.B, c.C))
	case "pct":
		return outcome(Percent(c.A, e.eval(t, c.B)))
	case "bpct":
		b, err := BytesPercent(latin1Encode(c.A), e.eval(t, c.B))
		return outcome(latin1Decode(b), err)
	case "sfmt":
		args, _ := e.eval(t, c.B).(py.Tuple)
		kwargs, _ := e.eval(t, c.C).(py.StringDict)
		return outcome(StrFormat(c.A, args, kwargs))
	case "sfmap":
		return outcome(StrFormatMap(c.A, e.eval(t, c.B)))
	}
	t.Fatalf("unknown case kind %q", c.K)
	return ""
}

var addressRE = regexp.MustCompile(`0x[0-9a-f]{6,}`)

// TestDifferentialCPython runs thousands of conversions through this
// package and through python3, and compares the results line by line.
func TestDifferentialCPython(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not on PATH")
	}
	cases := diffCases()
	if len(cases) < 300 {
		t.Fatalf("only %d cases", len(cases))
	}
	input, err := json.Marshal(map[string]any{"prelude": prelude, "cases": cases})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "cases.json")
	if err := os.WriteFile(path, input, 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(python, "testdata/differential.py", path)
	cmd.Env = append(os.Environ(), "PYTHONIOENCODING=utf-8", "PYTHONHASHSEED=0")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python3: %v\n%s", err, stderr.String())
	}
	var want []string
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		var s string
		if err := json.Unmarshal(sc.Bytes(), &s); err != nil {
			t.Fatalf("python3 output line %d: %v", len(want)+1, err)
		}
		want = append(want, s)
	}
	if len(want) != len(cases) {
		t.Fatalf("python3 printed %d results for %d cases", len(want), len(cases))
	}
	env := newTestEnv(t)
	mismatches := 0
	for i, c := range cases {
		got := addressRE.ReplaceAllString(env.run(t, c), "0xADDR")
		exp := addressRE.ReplaceAllString(want[i], "0xADDR")
		if got != exp {
			mismatches++
			if mismatches <= 60 {
				t.Errorf("case %d %s:\n   got %s\n  want %s", i, c, shorten(got), shorten(exp))
			}
		}
	}
	t.Logf("%d cases, %d mismatches", len(cases), mismatches)
	if mismatches > 60 {
		t.Errorf("... %d mismatches in all", mismatches)
	}
}

func shorten(s string) string {
	if len(s) > 300 {
		return fmt.Sprintf("%q… (%d bytes)", s[:300], len(s))
	}
	return fmt.Sprintf("%q", s)
}
