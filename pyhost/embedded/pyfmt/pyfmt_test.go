package pyfmt

import (
	"math"
	"math/big"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/go-python/gpython/py"
)

func bigInt(s string) *py.BigInt {
	b, ok := new(big.Int).SetString(s, 10)
	if !ok {
		panic(s)
	}
	return (*py.BigInt)(b)
}

var point1 = 0.1 // a variable, so that 0.1+0.2 is not folded exactly

func TestRepr(t *testing.T) {
	selfList := &py.List{}
	selfList.Items = []py.Object{py.Int(1), selfList}
	selfDict := py.StringDict{}
	selfDict["me"] = selfDict
	tests := []struct {
		in   py.Object
		want string
	}{
		{py.None, "None"},
		{py.True, "True"},
		{py.Int(-42), "-42"},
		{py.Int(math.MinInt64), "-9223372036854775808"},
		{bigInt("1180591620717411303424"), "1180591620717411303424"},
		{py.Float(1e16), "1e+16"},
		{py.Float(1e15), "1000000000000000.0"},
		{py.Float(123456789.123), "123456789.123"},
		{py.Float(1e-05), "1e-05"},
		{py.Float(0.0001), "0.0001"},
		{py.Float(math.Inf(1)), "inf"},
		{py.Float(math.Inf(-1)), "-inf"},
		{py.Float(math.NaN()), "nan"},
		{py.Float(math.Copysign(0, -1)), "-0.0"},
		{py.Float(point1 + 0.2), "0.30000000000000004"},
		{py.Float(2), "2.0"},
		{py.Float(5e-324), "5e-324"},
		{py.Complex(complex(1, 2)), "(1+2j)"},
		{py.Complex(complex(0, -1.5)), "-1.5j"},
		{py.String("it's"), `"it's"`},
		{py.String(`say "hi"`), `'say "hi"'`},
		{py.String(`both ' and "`), `'both \' and "'`},
		{py.String("tab\tnl\ncr\r\x00\x7f\u0080"), `'tab\tnl\ncr\r\x00\x7f\x80'`},
		{py.String("é日本😀"), "'é日本😀'"},
		{py.String("\u200b\u2028\U000e0001"), `'\u200b\u2028\U000e0001'`},
		{py.String("back\\slash"), `'back\\slash'`},
		{py.Bytes("it's\x00\xff\\"), `b"it's\x00\xff\\"`},
		{py.Bytes(""), "b''"},
		{py.Tuple{}, "()"},
		{py.Tuple{py.Int(2)}, "(2,)"},
		{py.Tuple{py.Int(1), py.String("a")}, "(1, 'a')"},
		{&py.List{Items: []py.Object{py.Int(1), py.String("a"), py.None}}, "[1, 'a', None]"},
		{selfList, "[1, [...]]"},
		{py.StringDict{"b": py.Int(2), "a": py.Tuple{py.Int(1)}}, "{'a': (1,), 'b': 2}"},
		{selfDict, "{'me': {...}}"},
		{py.NewSet(), "set()"},
		{py.NewSetFromItems([]py.Object{py.Int(10), py.Int(-1), py.Int(3)}), "{-1, 3, 10}"},
		{py.NewFrozenSet(), "frozenset()"},
		{py.NewFrozenSetFromItems([]py.Object{py.String("b"), py.Int(2), py.String("a")}), "frozenset({2, 'a', 'b'})"},
		{&py.Range{Start: 0, Stop: 5, Step: 1}, "range(0, 5)"},
		{&py.Range{Start: 1, Stop: 10, Step: 2}, "range(1, 10, 2)"},
		{py.Ellipsis, "Ellipsis"},
		{py.NotImplemented, "NotImplemented"},
		{py.ExceptionNewf(py.ValueError, "x"), "ValueError('x')"},
		{&py.Exception{Base: py.KeyError, Args: py.Tuple{}}, "KeyError()"},
		{&py.Exception{Base: py.ValueError, Args: py.Tuple{py.Int(1), py.String("b")}}, "ValueError(1, 'b')"},
		{py.IntType, "<class 'int'>"},
		{py.BigIntType, "<class 'int'>"},
		{py.ValueError, "<class 'ValueError'>"},
	}
	for _, tt := range tests {
		got, err := Repr(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("Repr(%#v) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestStr(t *testing.T) {
	tests := []struct {
		in   py.Object
		want string
	}{
		{py.String("it's"), "it's"},
		{py.None, "None"},
		{py.Float(1e16), "1e+16"},
		{py.Tuple{py.String("a")}, "('a',)"},
		{py.ExceptionNewf(py.ValueError, "bad value"), "bad value"},
		{&py.Exception{Base: py.KeyError, Args: py.Tuple{py.String("k")}}, "'k'"},
		{&py.Exception{Base: py.ValueError, Args: py.Tuple{}}, ""},
		{&py.Exception{Base: py.ValueError, Args: py.Tuple{py.Int(1), py.Int(2)}}, "(1, 2)"},
		{&py.Exception{Base: py.FileNotFoundError, Args: py.Tuple{py.Int(2), py.String("No such file"), py.String("x.txt")}}, "[Errno 2] No such file: 'x.txt'"},
		{&py.Exception{Base: py.OSError, Args: py.Tuple{py.Int(1), py.String("Bad")}}, "[Errno 1] Bad"},
	}
	for _, tt := range tests {
		got, err := Str(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("Str(%#v) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestAscii(t *testing.T) {
	got, err := Ascii(&py.List{Items: []py.Object{py.String("é日😀"), py.Bytes("\xff")}})
	want := `['\xe9\u65e5\U0001f600', b'\xff']`
	if err != nil || got != want {
		t.Errorf("Ascii = %q, %v; want %q", got, err, want)
	}
}

// TestReprUserObjects covers classes, instances, functions and modules,
// whose reprs carry addresses.
func TestReprUserObjects(t *testing.T) {
	env := newTestEnv(t)
	if err := env.exec("def f(): pass\ndef gen():\n    yield 1\nclass A:\n    def m(self): pass\nimport math\n"); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		expr, pattern string
	}{
		{"A", `^<class '__main__\.A'>$`},
		{"A()", `^<__main__\.A object at 0x[0-9a-f]+>$`},
		{"f", `^<function f at 0x[0-9a-f]+>$`},
		{"A().m", `^<bound method A\.m of <__main__\.A object at 0x[0-9a-f]+>>$`},
		{"len", `^<built-in function len>$`},
		{"gen()", `^<generator object gen at 0x[0-9a-f]+>$`},
		{"math", `^<module 'math' \(built-in\)>$`},
		{"R()", `^R\(\)$`},
		{"[R(), S()]", `^\[R\(\), <__main__\.S object at 0x[0-9a-f]+>\]$`},
	}
	for _, tt := range tests {
		got, err := Repr(env.eval(t, tt.expr))
		if err != nil || !regexp.MustCompile(tt.pattern).MatchString(got) {
			t.Errorf("Repr(%s) = %q, %v; want match for %s", tt.expr, got, err, tt.pattern)
		}
	}
	for expr, want := range map[string]string{
		"S()":          "OK:S-str",
		"R()":          "OK:R()",
		"BadRepr()":    "ERR:TypeError: __str__ returned non-string (type int)",
		"Raises()":     "ERR:ValueError: no repr",
		"[Raises()]":   "ERR:ValueError: no repr",
		"Pt().y":       "OK:two",
		"F()":          "OK:<__main__.F object at 0xADDR>",
		"(BadRepr(),)": "ERR:TypeError: __repr__ returned non-string (type int)",
	} {
		got := addressRE.ReplaceAllString(outcome(Str(env.eval(t, expr))), "0xADDR")
		if got != want {
			t.Errorf("Str(%s) = %s; want %s", expr, got, want)
		}
	}
}

func TestReprNilAndDepth(t *testing.T) {
	if _, err := Repr(py.Tuple{py.Int(1), nil}); err == nil || !strings.Contains(errText(err), "SystemError") {
		t.Errorf("Repr of a tuple holding Go nil: err = %v, want SystemError", err)
	}
	var deep py.Object = py.Int(0)
	for i := 0; i < 5000; i++ {
		deep = &py.List{Items: []py.Object{deep}}
	}
	if _, err := Repr(deep); !strings.Contains(errText(err), "RuntimeError: maximum recursion depth exceeded") {
		t.Errorf("Repr of 5000 nested lists: err = %v, want RecursionError-like RuntimeError", err)
	}
	huge := new(big.Int).Exp(big.NewInt(10), big.NewInt(5000), nil)
	if _, err := Str((*py.BigInt)(huge)); !strings.Contains(errText(err), "Exceeds the limit (4300 digits)") {
		t.Errorf("Str(10**5000): err = %v, want the int digits limit", err)
	}
	if got, err := Format((*py.BigInt)(huge), "x"); err != nil || len(got) != 4153 {
		t.Errorf("Format(10**5000, 'x'): %d chars, %v; hex has no digit limit", len(got), err)
	}
}

func TestFormat(t *testing.T) {
	tests := []struct {
		in   py.Object
		spec string
		want string
	}{
		{py.Float(2.675), ".2f", "OK:2.67"},
		{py.Float(0.125), ".2f", "OK:0.12"},
		{py.Float(0.375), ".2f", "OK:0.38"},
		{py.Float(1e16), "", "OK:1e+16"},
		{py.Float(1.0), ".0", "OK:1e+00"},
		{py.Float(1234.5), ",.1f", "OK:1,234.5"},
		{py.Float(-0.0001), "z.1f", "OK:0.0"},
		{py.Float(math.Inf(1)), "010", "OK:0000000inf"},
		{py.Float(0.5), ".0%", "OK:50%"},
		{py.Float(100000), "g", "OK:100000"},
		{py.Float(1000000), "g", "OK:1e+06"},
		{py.Float(1.5), "#.0f", "OK:2."},
		{py.Int(12345678), "020,", "OK:0,000,000,012,345,678"},
		{py.Int(-255), "#010x", "OK:-0x00000ff"},
		{py.Int(255), "_b", "OK:1111_1111"},
		{py.Int(1234), "n", "OK:1234"},
		{py.Int(65), "^5c", "OK:  A  "},
		{py.Int(5), "+", "OK:+5"},
		{py.Int(3), ".2f", "OK:3.00"},
		{py.True, "", "OK:True"},
		{py.True, ">5", "OK:    1"},
		{bigInt("-1180591620717411303424"), ",", "OK:-1,180,591,620,717,411,303,424"},
		{py.String("abc"), "*^9", "OK:***abc***"},
		{py.String("abc"), "05", "OK:abc00"},
		{py.String("日本語"), "^7.2", "OK:  日本   "},
		{py.String("x"), "€>3", "OK:€€x"},
		{py.None, "", "OK:None"},
		{py.Tuple{py.Int(1)}, "", "OK:(1,)"},
		{py.String("a"), "d", "ERR:ValueError: Unknown format code 'd' for object of type 'str'"},
		{py.String("a"), "+", "ERR:ValueError: Sign not allowed in string format specifier"},
		{py.String("a"), "=5", "ERR:ValueError: '=' alignment not allowed in string format specifier"},
		{py.Int(1), "xx", "ERR:ValueError: Invalid format specifier 'xx' for object of type 'int'"},
		{py.Int(1), ".2", "ERR:ValueError: Precision not allowed in integer format specifier"},
		{py.Int(1), ",_", "ERR:ValueError: Cannot specify both ',' and '_'."},
		{py.Int(1), ",x", "ERR:ValueError: Cannot specify ',' with 'x'."},
		{py.Int(1), ".", "ERR:ValueError: Format specifier missing precision"},
		{py.Int(-1), "c", "ERR:OverflowError: %c arg not in range(0x110000)"},
		{py.Float(1), "d", "ERR:ValueError: Unknown format code 'd' for object of type 'float'"},
		{py.Float(1), "99999999999999999999", "ERR:ValueError: Too many decimal digits in format string"},
		{py.Float(1), ".2147483648f", "ERR:ValueError: precision too big"},
		{py.None, ">5", "ERR:TypeError: unsupported format string passed to NoneType.__format__"},
		{bigInt("1" + strings.Repeat("0", 400)), "e", "ERR:OverflowError: int too large to convert to float"},
	}
	for _, tt := range tests {
		got := outcome(Format(tt.in, tt.spec))
		if got != tt.want {
			t.Errorf("Format(%#v, %q) = %s; want %s", tt.in, tt.spec, got, tt.want)
		}
	}
}

func TestFormatLimits(t *testing.T) {
	if got := errText(func() error { _, err := Format(py.String("x"), "99999999999"); return err }()); !strings.HasPrefix(got, "MemoryError") {
		t.Errorf("huge width: %s, want MemoryError", got)
	}
	if got := errText(func() error { _, err := Format(py.Float(1), ".99999999f"); return err }()); !strings.HasPrefix(got, "MemoryError") {
		t.Errorf("huge precision: %s, want MemoryError", got)
	}
	if got, err := Format(py.String("abcdef"), ".99999999999"); err != nil || got != "abcdef" {
		t.Errorf("huge string precision truncates nothing: %q, %v", got, err)
	}
	if got := errText(func() error { _, err := Percent("%.99999999d", py.Int(1)); return err }()); !strings.HasPrefix(got, "MemoryError") {
		t.Errorf("huge %%d precision: %s, want MemoryError", got)
	}
}

func TestFormatValue(t *testing.T) {
	tests := []struct {
		in         py.Object
		conv, spec string
		want       string
	}{
		{py.String("q"), "r", "", "OK:'q'"},
		{py.String("é"), "a", "^8", "OK: '\\xe9' "},
		{py.Int(7), "", "03d", "OK:007"},
		{py.Int(7), "s", ">3", "OK:  7"},
		{py.Int(7), "s", "d", "ERR:ValueError: Unknown format code 'd' for object of type 'str'"},
		{py.Int(7), "x", "", "ERR:ValueError: Unknown conversion specifier x"},
	}
	for _, tt := range tests {
		got := outcome(FormatValue(tt.in, tt.conv, tt.spec))
		if got != tt.want {
			t.Errorf("FormatValue(%#v, %q, %q) = %s; want %s", tt.in, tt.conv, tt.spec, got, tt.want)
		}
	}
}

func TestPercent(t *testing.T) {
	list := &py.List{Items: []py.Object{py.Int(1), py.String("a")}}
	tests := []struct {
		format string
		args   py.Object
		want   string
	}{
		{"%s", py.None, "OK:None"},
		{"IN %s", py.Tuple{py.Tuple{py.Int(1), py.Int(2), py.Int(3)}}, "OK:IN (1, 2, 3)"},
		{"%s|%r|%s", py.Tuple{py.True, py.String("q"), list}, "OK:True|'q'|[1, 'a']"},
		{"%s", list, "OK:[1, 'a']"},
		{"%(name)s=%(v)05.1f", py.StringDict{"name": py.String("x"), "v": py.Float(2.25)}, "OK:x=002.2"},
		{"%s", bigInt("1180591620717411303424"), "OK:1180591620717411303424"},
		{"%5.1f%%|%-4d|%04d|%x|%#X", py.Tuple{py.Float(12.34), py.Int(7), py.Int(42), py.Int(255), py.Int(255)}, "OK: 12.3%|7   |0042|ff|0XFF"},
		{"%*d|%-*d|%.*f", py.Tuple{py.Int(4), py.Int(1), py.Int(3), py.Int(2), py.Int(1), py.Float(0.25)}, "OK:   1|2  |0.2"},
		{"%c%c", py.Tuple{py.Int(65), py.String("é")}, "OK:Aé"},
		{"%d", py.Float(-3.9), "OK:-3"},
		{"%.3s", py.String("abcdef"), "OK:abc"},
		{"%#o|%#010o|% d", py.Tuple{py.Int(8), py.Int(8), py.Int(5)}, "OK:0o10|0o00000010| 5"},
		{"no format", py.Tuple{}, "OK:no format"},
		{"no format", py.StringDict{}, "OK:no format"},
		{"%s %s", py.Tuple{py.Int(1)}, "ERR:TypeError: not enough arguments for format string"},
		{"%s", py.Tuple{py.Int(1), py.Int(2)}, "ERR:TypeError: not all arguments converted during string formatting"},
		{"no format", py.Int(1), "ERR:TypeError: not all arguments converted during string formatting"},
		{"%d", py.String("x"), "ERR:TypeError: %d format: a real number is required, not str"},
		{"%x", py.Float(1.5), "ERR:TypeError: %x format: an integer is required, not float"},
		{"%f", py.String("x"), "ERR:TypeError: must be real number, not str"},
		{"%y", py.Int(1), "ERR:ValueError: unsupported format character 'y' (0x79) at index 1"},
		{"ab%€", py.Int(1), "ERR:ValueError: unsupported format character '?' (0x20ac) at index 3"},
		{"%(a)s", py.Tuple{py.Int(1)}, "ERR:TypeError: format requires a mapping"},
		{"%(a)s", py.StringDict{}, "ERR:KeyError: 'a'"},
		{"%(a", py.StringDict{}, "ERR:ValueError: incomplete format key"},
		{"%", py.Tuple{}, "ERR:ValueError: incomplete format"},
		{"%*d", py.Tuple{py.String("a"), py.Int(1)}, "ERR:TypeError: * wants int"},
		{"%c", py.Int(0x110000), "ERR:OverflowError: %c arg not in range(0x110000)"},
		{"%s", py.Tuple{nil}, "ERR:SystemError: Go nil object where a Python object was expected (corrupted tuple from gpython's tuple concatenation?)"},
	}
	for _, tt := range tests {
		got := outcome(Percent(tt.format, tt.args))
		if got != tt.want {
			t.Errorf("Percent(%q, %#v) = %s; want %s", tt.format, tt.args, got, tt.want)
		}
	}
}

func TestBytesPercent(t *testing.T) {
	tests := []struct {
		format string
		args   py.Object
		want   string
	}{
		{"%s-%d-%c-%c", py.Tuple{py.Bytes("ab"), py.Int(5), py.Int(255), py.Bytes("z")}, "OK:ab-5-\xff-z"},
		{"%r|%a", py.Tuple{py.String("é"), py.Bytes("x")}, "OK:'\\xe9'|b'x'"},
		{"%s", py.String("x"), "ERR:TypeError: %b requires a bytes-like object, or an object that implements __bytes__, not 'str'"},
		{"%c", py.Int(256), "ERR:OverflowError: %c arg not in range(256)"},
		{"abc", py.String("x"), "ERR:TypeError: not all arguments converted during bytes formatting"},
	}
	for _, tt := range tests {
		b, err := BytesPercent([]byte(tt.format), tt.args)
		if got := outcome(string(b), err); got != tt.want {
			t.Errorf("BytesPercent(%q, %#v) = %q; want %q", tt.format, tt.args, got, tt.want)
		}
	}
}

func TestStrFormat(t *testing.T) {
	list := &py.List{Items: []py.Object{py.Int(9), py.String("b")}}
	kw := py.StringDict{"name": py.String("Ann"), "d": py.StringDict{"key": py.Float(1.5)}, "w": py.Int(6)}
	tests := []struct {
		format string
		args   py.Tuple
		want   string
	}{
		{"{} {} {}", py.Tuple{py.Int(1), py.String("a"), py.None}, "OK:1 a None"},
		{"{1}{0}{1}", py.Tuple{py.String("a"), py.String("b")}, "OK:bab"},
		{"{name!r:>{w}}", nil, "OK: 'Ann'"},
		{"{d[key]:.2f} {0[1]} {0[0]:03}", py.Tuple{list}, "OK:1.50 b 009"},
		{"{{}} {{{0}}}", py.Tuple{py.Int(5)}, "OK:{} {5}"},
		{"{:{}.{}f}", py.Tuple{py.Float(3.14159), py.Int(8), py.Int(2)}, "OK:    3.14"},
		{"{!a}", py.Tuple{py.String("é")}, "OK:'\\xe9'"},
		{"{0:{1}}", py.Tuple{py.Int(5), py.String(">3")}, "OK:  5"},
		{"{} {0}", py.Tuple{py.Int(1)}, "ERR:ValueError: cannot switch from automatic field numbering to manual field specification"},
		{"{0} {}", py.Tuple{py.Int(1)}, "ERR:ValueError: cannot switch from manual field specification to automatic field numbering"},
		{"{2}", py.Tuple{py.Int(1)}, "ERR:IndexError: Replacement index 2 out of range for positional args tuple"},
		{"{missing}", nil, "ERR:KeyError: 'missing'"},
		{"{", nil, "ERR:ValueError: Single '{' encountered in format string"},
		{"}", nil, "ERR:ValueError: Single '}' encountered in format string"},
		{"{0!x}", py.Tuple{py.Int(1)}, "ERR:ValueError: Unknown conversion specifier x"},
		{"{:{:{}}}", py.Tuple{py.Int(1), py.Int(2), py.Int(3)}, "ERR:ValueError: Max string recursion exceeded"},
		{"{0[}", py.Tuple{list}, "ERR:ValueError: expected '}' before end of string"},
		{"{0.}", py.Tuple{py.Int(1)}, "ERR:ValueError: Empty attribute in format string"},
		{"{0[0]x}", py.Tuple{list}, "ERR:ValueError: Only '.' or '[' may follow ']' in format field specifier"},
		{"{0.nope}", py.Tuple{py.Int(1)}, "ERR:AttributeError: 'int' object has no attribute 'nope'"},
		{"{0[5]}", py.Tuple{list}, "ERR:IndexError: list index out of range"},
	}
	for _, tt := range tests {
		got := outcome(StrFormat(tt.format, tt.args, kw))
		if got != tt.want {
			t.Errorf("StrFormat(%q, %#v) = %s; want %s", tt.format, tt.args, got, tt.want)
		}
	}
	if got := outcome(StrFormatMap("{a}-{b!r}", py.StringDict{"a": py.Int(1), "b": py.String("x")})); got != "OK:1-'x'" {
		t.Errorf("StrFormatMap = %s", got)
	}
	if got := outcome(StrFormatMap("{}", py.StringDict{})); got != "ERR:ValueError: Format string contains positional fields" {
		t.Errorf("StrFormatMap positional = %s", got)
	}
}

func TestFloatFormattingAgainstStrconv(t *testing.T) {
	// 'f' output of a finite value is the exactly rounded decimal, which
	// strconv also produces: an independent check of the digit handling.
	for _, x := range []float64{0, 1, -1, 0.5, 1.5, 2.5, 2.675, 1e-300, 123456.789, 1e300, 5e-324, math.MaxFloat64, 1.0 / 3} {
		for _, prec := range []int{0, 1, 2, 6, 17, 30, 400} {
			if got, want := doubleToString(x, 'f', prec, 0), strconv.FormatFloat(x, 'f', prec, 64); got != want {
				t.Errorf("'f' %v prec %d: %s, want %s", x, prec, got, want)
			}
		}
	}
}

func TestInstall(t *testing.T) {
	out, err := runScript(t, `
print(str(1e16), str((1,)), str(None), str([1.5, 'a']))
print("{} {:>4}".format("x", 7), "{a}".format_map({"a": 1}))
print((12).__format__("04d"), "s".__format__(">3"), (2.5).__format__(".2f"))
`)
	want := "1e+16 (1,) None [1.5, 'a']\nx    7 1\n0012   s 2.50\n"
	if err != nil || out != want {
		t.Errorf("script output %q, %v; want %q", out, err, want)
	}
}

func TestPrintWithoutStdout(t *testing.T) {
	ctx := py.NewContext(py.ContextOpts{SysPaths: []string{}})
	defer ctx.Close()
	Builtins(ctx)
	sys, _ := ctx.GetModule("sys")
	sys.Globals["stdout"] = py.None
	code, err := py.Compile("print('dropped')\nx = 1\n", "t.py", py.ExecMode, 0, true)
	if err != nil {
		t.Fatal(err)
	}
	g := py.StringDict{}
	if _, err := ctx.RunCode(code, g, g, nil); err != nil {
		t.Errorf("print with sys.stdout = None: %v (CPython prints nothing)", err)
	}
}

func TestModFallsBackToGpython(t *testing.T) {
	got, err := Mod(py.Int(7), py.Int(3))
	if err != nil || got != py.Int(1) {
		t.Errorf("Mod(7, 3) = %v, %v", got, err)
	}
	if _, err := Mod(py.None, py.Int(3)); !strings.Contains(errText(err), "TypeError") {
		t.Errorf("Mod(None, 3): %v, want TypeError", err)
	}
}

func TestBuiltinsArePerContext(t *testing.T) {
	withFmt := py.NewContext(py.ContextOpts{SysPaths: []string{}})
	defer withFmt.Close()
	plain := py.NewContext(py.ContextOpts{SysPaths: []string{}})
	defer plain.Close()
	Builtins(withFmt)
	Builtins(withFmt) // idempotent
	for _, name := range []string{"print", "repr", "ascii", "format", "__mr_fs__", "__mr_fv__", "__mr_mod__", "__mr_imod__"} {
		m, ok := withFmt.Store().Builtins.Globals[name].(*py.Method)
		if !ok || m.Module != withFmt.Store().Builtins {
			t.Errorf("%s not installed in the context (%T)", name, withFmt.Store().Builtins.Globals[name])
		}
	}
	if _, ok := plain.Store().Builtins.Globals["__mr_fs__"]; ok {
		t.Error("__mr_fs__ leaked into a context Builtins was not called for")
	}
}

// TestConcurrentUse formats from several goroutines at once; run with
// -race it checks that the package keeps no shared mutable state.
func TestConcurrentUse(t *testing.T) {
	args := py.Tuple{py.Tuple{py.Int(1), py.Int(2)}, py.Float(2.5), py.String("é")}
	done := make(chan string, 8)
	for g := 0; g < 8; g++ {
		go func() {
			var last string
			for i := 0; i < 200; i++ {
				s1, err1 := Percent("IN %s %.1f %r", args)
				s2, err2 := StrFormat("{0} {1:>6.2f} {2!a}", args, nil)
				s3, err3 := Repr(args)
				if err1 != nil || err2 != nil || err3 != nil {
					done <- "error"
					return
				}
				last = s1 + "|" + s2 + "|" + s3
			}
			done <- last
		}()
	}
	want := "IN (1, 2) 2.5 'é'|(1, 2)   2.50 '\\xe9'|((1, 2), 2.5, 'é')"
	for g := 0; g < 8; g++ {
		if got := <-done; got != want {
			t.Errorf("goroutine result %q, want %q", got, want)
		}
	}
}

func TestDecode(t *testing.T) {
	tests := []struct {
		in, enc, errors, want string
	}{
		{"caf\xc3\xa9", "utf-8", "strict", "OK:café"},
		{"caf\xc3\xa9", "latin-1", "strict", "OK:cafÃ©"},
		{"\xe2\x82abc", "utf-8", "replace", "OK:\ufffdabc"},
		{"\xe2\x82abc", "UTF_8", "ignore", "OK:abc"},
		{"\xffx", "utf8", "replace", "OK:\ufffdx"},
		{"ab\xe2\x82", "utf-8", "strict", "ERR:UnicodeDecodeError: 'utf-8' codec can't decode bytes in position 2-3: unexpected end of data"},
		{"a\xe0\x80", "utf-8", "strict", "ERR:UnicodeDecodeError: 'utf-8' codec can't decode byte 0xe0 in position 1: invalid continuation byte"},
		{"a\xe2\x82x", "utf-8", "strict", "ERR:UnicodeDecodeError: 'utf-8' codec can't decode bytes in position 1-2: invalid continuation byte"},
		{"a\x80", "ascii", "strict", "ERR:UnicodeDecodeError: 'ascii' codec can't decode byte 0x80 in position 1: ordinal not in range(128)"},
		{"a", "cp1252", "strict", "ERR:LookupError: unknown encoding: cp1252"},
		{"a", "utf-8", "bogus", "ERR:LookupError: unknown error handler name 'bogus'"},
	}
	for _, tt := range tests {
		if got := outcome(decode([]byte(tt.in), tt.enc, tt.errors)); got != tt.want {
			t.Errorf("decode(%q, %s, %s) = %s; want %s", tt.in, tt.enc, tt.errors, got, tt.want)
		}
	}
}
