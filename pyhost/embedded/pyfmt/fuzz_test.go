package pyfmt

import (
	"errors"
	"testing"
	"unicode/utf8"

	"github.com/go-python/gpython/py"
)

// The fuzz targets call the unexported entry points, which have no
// recover, so any panic fails the fuzzer. Besides not panicking, every
// failure must be a Python exception and every result valid UTF-8 when
// the input was.

func fuzzValues() []py.Object {
	list := &py.List{Items: []py.Object{py.Int(1), py.String("a")}}
	return []py.Object{
		py.Int(0), py.Int(-42), py.Int(1 << 40), bigInt("-1180591620717411303424"), py.True,
		py.Float(3.14159), py.Float(-0.0), py.Float(1e300), py.Float(5e-324),
		py.String(""), py.String("héllo"), py.None, py.Tuple{}, py.Tuple{py.Int(1), py.String("b")},
		list, py.StringDict{"k": py.Int(5), "a": py.Float(2.5)}, py.Bytes("x\x00"), py.Complex(complex(1, -2)),
	}
}

func checkFuzzResult(t *testing.T, input string, out string, err error) {
	t.Helper()
	if err != nil {
		var exc *py.Exception
		if !errors.As(err, &exc) {
			t.Fatalf("%q: non-Python error %T %v", input, err, err)
		}
		return
	}
	if utf8.ValidString(input) && !utf8.ValidString(out) {
		t.Fatalf("%q: invalid UTF-8 output %q", input, out)
	}
}

func limitWidth(t *testing.T) {
	old := MaxWidth
	MaxWidth = 1 << 12
	t.Cleanup(func() { MaxWidth = old })
}

func FuzzPercent(f *testing.F) {
	for _, s := range []string{"%s", "%(k)s %(a)r", "%-+ #05.3f|%*.*d", "%c%%%x%X%o%e%E%g%G", "%(", "%5", "%.*s", "abc", "%ld %hi %Lu", "%#010x"} {
		f.Add(s, uint8(0))
	}
	vals := fuzzValues()
	f.Fuzz(func(t *testing.T, format string, pick uint8) {
		limitWidth(t)
		var args py.Object
		switch n := int(pick) % (len(vals) + 3); {
		case n < len(vals):
			args = vals[n]
		case n == len(vals):
			args = py.Tuple(vals)
		case n == len(vals)+1:
			args = py.Tuple{py.Int(3), py.Int(2), py.Float(1.5), py.String("s"), py.Int(65)}
		default:
			args = py.StringDict{"k": py.Int(5), "a": py.String("é")}
		}
		out, err := percent(format, args)
		checkFuzzResult(t, format, out, err)
		_, err = bytesPercent([]byte(format), args)
		if err != nil {
			var exc *py.Exception
			if !errors.As(err, &exc) {
				t.Fatalf("bytes %q: non-Python error %v", format, err)
			}
		}
	})
}

func FuzzStrFormat(f *testing.F) {
	for _, s := range []string{"{}", "{0!r:>{1}}", "{k[0]:{w}.{p}f}", "{{}}", "{0.real}", "{:{:{}}}", "{!}", "{0[}", "{x.y[z]}", "}{"} {
		f.Add(s)
	}
	args := py.Tuple(fuzzValues())
	kwargs := py.StringDict{"k": &py.List{Items: []py.Object{py.Float(2.5)}}, "w": py.Int(8), "p": py.Int(2), "x": py.String("v")}
	f.Fuzz(func(t *testing.T, format string) {
		limitWidth(t)
		out, err := strFormat(format, args, kwargs)
		checkFuzzResult(t, format, out, err)
	})
}

func FuzzFormatSpec(f *testing.F) {
	for _, s := range []string{"", ">10", "*^+#015,.3f", "_x", "z.2%", "c", "n", "0=20_", "€<5.2s", ".0e", "#G"} {
		f.Add(s)
	}
	vals := fuzzValues()
	f.Fuzz(func(t *testing.T, spec string) {
		limitWidth(t)
		for _, v := range vals {
			out, err := format(v, spec)
			checkFuzzResult(t, spec, out, err)
		}
		for _, conv := range []string{"r", "a"} {
			out, err := formatValue(py.String("x"), conv, spec)
			checkFuzzResult(t, spec, out, err)
		}
	})
}
