package compat

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"os/exec"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/go-python/gpython/py"
	_ "github.com/go-python/gpython/stdlib"
)

// prelude defines, for CPython, the support functions the source
// pre-pass makes gpython scripts call, so the same test program runs on
// both interpreters.
const prelude = `def __mr_add__(a, b):
    return a + b
def __mr_iadd__(a, b):
    a += b
    return a
def __mr_deco__(d):
    return d
__mr_iter__ = iter
`

// newTestContext is a fresh gpython context with this package's patches
// and a print that writes into out with CPython's formatting of the
// values the test programs print (package pyfmt owns the real one).
func newTestContext(out *strings.Builder) py.Context {
	ctx := py.NewContext(py.DefaultContextOpts())
	Builtins(ctx)
	ctx.Store().Builtins.Globals["print"] = py.MustNewMethod("print", func(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		sep, end := " ", "\n"
		for k, v := range kwargs {
			s, ok := v.(py.String)
			if !ok {
				return nil, typeErrorf("print() %s must be str", k)
			}
			switch k {
			case "sep":
				sep = string(s)
			case "end":
				end = string(s)
			default:
				return nil, typeErrorf("print() got an unexpected keyword argument '%s'", k)
			}
		}
		for i, a := range args {
			if i > 0 {
				out.WriteString(sep)
			}
			s, err := testStr(a)
			if err != nil {
				return nil, err
			}
			out.WriteString(s)
		}
		out.WriteString(end)
		return py.None, nil
	}, 0, "test print")
	return ctx
}

// runPy runs src in a fresh context and returns what it printed. A
// Python exception is returned as an error after the output so far.
func runPy(t testing.TB, src string) (string, error) {
	t.Helper()
	var out strings.Builder
	ctx := newTestContext(&out)
	defer func() { _ = ctx.Close() }()
	code, err := py.Compile(src, "test.py", py.ExecMode, 0, true)
	if err != nil {
		return "", fmt.Errorf("compile: %w", err)
	}
	mod := &py.Module{Globals: py.StringDict{"__name__": py.String("__main__")}, Context: ctx}
	err = func() (err error) {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("Go panic: %v", r)
			}
		}()
		_, err = py.RunCode(ctx, code, "test.py", mod)
		return err
	}()
	return out.String(), err
}

// pyError formats a gpython error as CPython's last traceback line.
func pyError(err error) string {
	var info py.ExceptionInfo
	if errors.As(err, &info) {
		if e, ok := info.Value.(*py.Exception); ok {
			s, _ := testStr(e)
			return e.Type().Name + ": " + s
		}
	}
	var e *py.Exception
	if errors.As(err, &e) {
		s, _ := testStr(e)
		return e.Type().Name + ": " + s
	}
	return err.Error()
}

// runCPython runs prelude+src with python3, skipping the test when
// python3 is not installed.
func runCPython(t testing.TB, src string) string {
	t.Helper()
	path, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not installed")
	}
	cmd := exec.Command(path, "-c", prelude+src)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("python3 failed: %v\n%s", err, out)
	}
	return string(out)
}

// testStr is CPython's str() for the values test programs print.
func testStr(o py.Object) (string, error) {
	switch x := o.(type) {
	case py.String:
		return string(x), nil
	case *py.Exception:
		args := excArgs(x)
		switch len(args) {
		case 0:
			return "", nil
		case 1:
			if x.Type().IsSubtype(py.KeyError) {
				return testRepr(args[0])
			}
			return testStr(args[0])
		}
		return testRepr(args)
	}
	return testRepr(o)
}

// testRepr is CPython's repr() for the values test programs print.
func testRepr(o py.Object) (string, error) {
	switch x := o.(type) {
	case nil:
		return "<Go nil>", nil
	case py.NoneType:
		return "None", nil
	case py.Bool:
		if x {
			return "True", nil
		}
		return "False", nil
	case py.Int:
		return strconv.FormatInt(int64(x), 10), nil
	case *py.BigInt:
		return (*big.Int)(x).String(), nil
	case py.Float:
		return floatRepr(float64(x)), nil
	case py.String:
		return strRepr(string(x)), nil
	case py.Bytes:
		return bytesRepr(x), nil
	case py.Tuple:
		s, err := seqRepr(x)
		if err != nil {
			return "", err
		}
		if len(x) == 1 {
			return "(" + s + ",)", nil
		}
		return "(" + s + ")", nil
	case *py.List:
		s, err := seqRepr(x.Items)
		return "[" + s + "]", err
	case py.StringDict:
		keys := sortedKeys(x)
		parts := make([]string, len(keys))
		for i, k := range keys {
			v, err := testRepr(x[k])
			if err != nil {
				return "", err
			}
			parts[i] = strRepr(k) + ": " + v
		}
		return "{" + strings.Join(parts, ", ") + "}", nil
	case *py.Set:
		items := setMembers(x)
		if len(items) == 0 {
			return "set()", nil
		}
		if err := sortObjects(items, nil, false); err != nil {
			return "", err
		}
		s, err := seqRepr(items)
		return "{" + s + "}", err
	case *py.Exception:
		s, err := seqRepr(excArgs(x))
		return x.Type().Name + "(" + s + ")", err
	case *py.Type:
		if isClass(x) {
			return "<class '" + x.Name + "'>", nil
		}
	}
	r, err := py.Repr(o)
	if err != nil {
		return "", err
	}
	return string(r.(py.String)), nil
}

func seqRepr(items []py.Object) (string, error) {
	parts := make([]string, len(items))
	for i, it := range items {
		s, err := testRepr(it)
		if err != nil {
			return "", err
		}
		parts[i] = s
	}
	return strings.Join(parts, ", "), nil
}

func floatRepr(f float64) string {
	switch {
	case math.IsNaN(f):
		return "nan"
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	}
	e := strconv.FormatFloat(f, 'e', -1, 64)
	mant, exp, _ := strings.Cut(e, "e")
	n, _ := strconv.Atoi(exp)
	if n >= -4 && n < 16 {
		s := strconv.FormatFloat(f, 'f', -1, 64)
		if !strings.ContainsAny(s, ".") {
			s += ".0"
		}
		return s
	}
	sign := "+"
	if n < 0 {
		sign, n = "-", -n
	}
	return fmt.Sprintf("%se%s%02d", mant, sign, n)
}

func strRepr(s string) string {
	q := byte('\'')
	if strings.Contains(s, "'") && !strings.Contains(s, "\"") {
		q = '"'
	}
	var b strings.Builder
	b.WriteByte(q)
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == rune(q):
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte(q)
	return b.String()
}

func bytesRepr(x []byte) string {
	q := byte('\'')
	if strings.Contains(string(x), "'") && !strings.Contains(string(x), "\"") {
		q = '"'
	}
	var b strings.Builder
	b.WriteString("b")
	b.WriteByte(q)
	for _, c := range x {
		switch {
		case c == '\\':
			b.WriteString(`\\`)
		case c == q:
			b.WriteByte('\\')
			b.WriteByte(c)
		case c == '\n':
			b.WriteString(`\n`)
		case c == '\r':
			b.WriteString(`\r`)
		case c == '\t':
			b.WriteString(`\t`)
		case c < 0x20 || c >= 0x7f:
			fmt.Fprintf(&b, `\x%02x`, c)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte(q)
	return b.String()
}

// sortedStrings is a deterministic listing for failure messages.
func sortedStrings(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
