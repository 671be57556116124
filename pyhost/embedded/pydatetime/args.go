package pydatetime

import (
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/go-python/gpython/py"
)

func valueErrorf(format string, a ...any) error { return py.ExceptionNewf(py.ValueError, format, a...) }
func typeErrorf(format string, a ...any) error  { return py.ExceptionNewf(py.TypeError, format, a...) }
func overflowErrorf(format string, a ...any) error {
	return py.ExceptionNewf(py.OverflowError, format, a...)
}

// typeName is the name CPython puts in its messages (tp_name).
func typeName(o py.Object) string {
	if o == nil {
		return "NoneType"
	}
	return o.Type().Name
}

// argTypeName is the type name of CPython's "must be X, not Y"
// messages, which say None rather than NoneType.
func argTypeName(o py.Object) string {
	if o == py.None {
		return "None"
	}
	return typeName(o)
}

// parseArgs binds positional and keyword arguments to names with the
// rules and messages of CPython's PyArg_ParseTupleAndKeywords. fname ""
// gives the anonymous "function" wording the constructors use. Names
// from maxPos on are keyword-only. Unset optional slots stay nil.
func parseArgs(fname string, args py.Tuple, kwargs py.StringDict, names []string, required, maxPos int, out []py.Object) error {
	fn, paren := "function", ""
	if fname != "" {
		fn, paren = fname, "()"
	}
	if total := len(args) + len(kwargs); total > len(names) {
		plural := "s"
		if len(names) == 1 {
			plural = ""
		}
		if len(kwargs) == 0 && maxPos < len(names) {
			return typeErrorf("%s%s takes at most %d positional argument%s (%d given)", fn, paren, maxPos, plural, len(args))
		}
		return typeErrorf("%s%s takes at most %d argument%s (%d given)", fn, paren, len(names), plural, total)
	}
	if len(args) > maxPos {
		plural := "s"
		if maxPos == 1 {
			plural = ""
		}
		return typeErrorf("%s%s takes at most %d positional argument%s (%d given)", fn, paren, maxPos, plural, len(args))
	}
	for i := range out {
		out[i] = nil
	}
	copy(out, args)
	// CPython's order: fill from keywords, report a missing required
	// argument, then a keyword that repeats a positional, then an
	// unknown keyword.
	used := 0
	for i := len(args); i < len(names); i++ {
		if v, ok := kwargs[names[i]]; ok {
			out[i] = v
			used++
		}
	}
	for i := 0; i < required; i++ {
		if out[i] == nil {
			return typeErrorf("%s%s missing required argument '%s' (pos %d)", fn, paren, names[i], i+1)
		}
	}
	if used == len(kwargs) {
		return nil
	}
	for i := 0; i < len(args) && i < len(names); i++ {
		if _, ok := kwargs[names[i]]; ok {
			return typeErrorf("argument for %s%s given by name ('%s') and position (%d)", fn, paren, names[i], i+1)
		}
	}
	keys := make([]string, 0, len(kwargs))
	for k := range kwargs {
		keys = append(keys, k)
	}
	sort.Strings(keys) // deterministic choice when several are wrong
	for _, k := range keys {
		known := false
		for _, n := range names {
			known = known || n == k
		}
		if !known {
			if fname == "" {
				return typeErrorf("'%s' is an invalid keyword argument for this function", k)
			}
			return typeErrorf("'%s' is an invalid keyword argument for %s()", k, fname)
		}
	}
	return nil
}

// noArgs checks a method called without arguments, as "date.today()".
func noArgs(qualname string, args py.Tuple, kwargs py.StringDict) error {
	if len(kwargs) > 0 {
		return typeErrorf("%s() takes no keyword arguments", qualname)
	}
	if len(args) > 0 {
		return typeErrorf("%s() takes no arguments (%d given)", qualname, len(args))
	}
	return nil
}

// toInt converts an int (or bool) argument to a C int the way the
// datetime constructors do, with CPython's messages.
func toInt(o py.Object) (int, error) {
	switch v := o.(type) {
	case py.Int:
		if v > math.MaxInt32 {
			return 0, overflowErrorf("signed integer is greater than maximum")
		}
		if v < math.MinInt32 {
			return 0, overflowErrorf("signed integer is less than minimum")
		}
		return int(v), nil
	case py.Bool:
		if v {
			return 1, nil
		}
		return 0, nil
	case *py.BigInt:
		return 0, overflowErrorf("Python int too large to convert to C long")
	case nil:
		return 0, typeErrorf("an integer is required")
	}
	return 0, typeErrorf("'%s' object cannot be interpreted as an integer", typeName(o))
}

// optInt is toInt with a default for an absent argument.
func optInt(o py.Object, def int) (int, error) {
	if o == nil {
		return def, nil
	}
	return toInt(o)
}

// strArg checks that argument pos of fname is a str.
func strArg(fname string, pos int, o py.Object) (string, error) {
	s, ok := o.(py.String)
	if !ok {
		return "", typeErrorf("%s() argument %d must be str, not %s", fname, pos, argTypeName(o))
	}
	return string(s), nil
}

// pyRepr is CPython's repr of a str: the quote choice, the escapes and
// the printable test of unicode_repr.
func pyRepr(s string) string {
	quote := byte('\'')
	if strings.IndexByte(s, '\'') >= 0 && strings.IndexByte(s, '"') < 0 {
		quote = '"'
	}
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte(quote)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			// Not produced by Python strings; shown as its byte.
			b.WriteString(`\x`)
			b.WriteString(hex2(int(s[i])))
			i++
			continue
		}
		i += size
		switch {
		case r == rune(quote) || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < ' ' || r == 0x7f:
			b.WriteString(`\x`)
			b.WriteString(hex2(int(r)))
		case r < 0x7f:
			b.WriteRune(r)
		case unicode.IsPrint(r):
			b.WriteRune(r)
		case r <= 0xff:
			b.WriteString(`\x`)
			b.WriteString(hex2(int(r)))
		case r <= 0xffff:
			b.WriteString(`\u`)
			b.WriteString(hex2(int(r >> 8)))
			b.WriteString(hex2(int(r & 0xff)))
		default:
			b.WriteString(`\U`)
			b.WriteString(hex2(int(r >> 24)))
			b.WriteString(hex2(int(r >> 16 & 0xff)))
			b.WriteString(hex2(int(r >> 8 & 0xff)))
			b.WriteString(hex2(int(r & 0xff)))
		}
	}
	b.WriteByte(quote)
	return b.String()
}

func hex2(v int) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[v>>4&0xf], digits[v&0xf]})
}

func boolObj(b bool) py.Object {
	if b {
		return py.True
	}
	return py.False
}
