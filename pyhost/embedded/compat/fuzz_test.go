package compat

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/go-python/gpython/py"
)

// FuzzDecodeUTF8 checks the UTF-8 decoder against Go's: strict decoding
// succeeds exactly on valid input and returns it unchanged; the lenient
// handlers never fail and always produce valid UTF-8.
func FuzzDecodeUTF8(f *testing.F) {
	for _, s := range []string{"", "abc", "caf\xc3\xa9", "\xff", "a\xc3", "\xe2\x82(", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xf0\x9f\x98\x80"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := decodeBytes(b, "utf-8", "strict")
		if utf8.Valid(b) {
			if err != nil || s != string(b) {
				t.Fatalf("valid %q: got %q, %v", b, s, err)
			}
		} else if err == nil {
			t.Fatalf("invalid %q decoded to %q without error", b, s)
		} else if !py.IsException(py.UnicodeDecodeError, err) {
			t.Fatalf("invalid %q: wrong error %v", b, err)
		}
		for _, h := range []string{"replace", "ignore", "backslashreplace"} {
			out, err := decodeBytes(b, "utf-8", h)
			if err != nil || !utf8.ValidString(out) {
				t.Fatalf("%s on %q: %q, %v", h, b, out, err)
			}
		}
		if out, err := decodeBytes(b, "latin-1", "strict"); err != nil || utf8.RuneCountInString(out) != len(b) {
			t.Fatalf("latin-1 on %q: %q, %v", b, out, err)
		}
	})
}

func callStr(t *testing.T, s, name string, args ...py.Object) py.Object {
	t.Helper()
	m, ok := py.StringType.Dict[name].(*py.Method)
	if !ok {
		t.Fatalf("str.%s missing", name)
	}
	res, err := m.Call(py.String(s), args)
	if err != nil {
		t.Fatalf("%q.%s%v: %v", s, name, args, err)
	}
	return res
}

func joinList(o py.Object, sep string) string {
	var parts []string
	for _, it := range o.(*py.List).Items {
		parts = append(parts, string(it.(py.String)))
	}
	return strings.Join(parts, sep)
}

// FuzzStrMethods checks invariants of the string splitting and padding
// methods on arbitrary input.
func FuzzStrMethods(f *testing.F) {
	Install()
	for _, s := range []string{"", "a=b=c", "héllo\twörld\r\nnext\x1cline", "  a  b ", "\t\t", "-12"} {
		f.Add(s, "=")
	}
	f.Fuzz(func(t *testing.T, s, sep string) {
		if !utf8.ValidString(s) || !utf8.ValidString(sep) {
			return
		}
		if got := joinList(callStr(t, s, "splitlines", py.True), ""); got != s {
			t.Fatalf("splitlines(True) of %q joins to %q", s, got)
		}
		if sep != "" {
			p := callStr(t, s, "partition", py.String(sep)).(py.Tuple)
			if string(p[0].(py.String))+string(p[1].(py.String))+string(p[2].(py.String)) != s {
				t.Fatalf("partition(%q) of %q = %v", sep, s, p)
			}
			r := callStr(t, s, "rpartition", py.String(sep)).(py.Tuple)
			if string(r[0].(py.String))+string(r[1].(py.String))+string(r[2].(py.String)) != s {
				t.Fatalf("rpartition(%q) of %q = %v", sep, s, r)
			}
			if got := joinList(callStr(t, s, "rsplit", py.String(sep)), sep); got != s {
				t.Fatalf("rsplit(%q) of %q joins to %q", sep, s, got)
			}
			if got := joinList(callStr(t, s, "rsplit", py.String(sep), py.Int(1)), sep); got != s {
				t.Fatalf("rsplit(%q, 1) of %q joins to %q", sep, s, got)
			}
		}
		for _, w := range callStr(t, s, "rsplit").(*py.List).Items {
			if w == py.String("") || strings.ContainsFunc(string(w.(py.String)), isSpaceRune) {
				t.Fatalf("rsplit() of %q gave %q", s, w)
			}
		}
		if strings.Contains(string(callStr(t, s, "expandtabs").(py.String)), "\t") {
			t.Fatalf("expandtabs of %q kept a tab", s)
		}
		n := utf8.RuneCountInString(s)
		for _, name := range []string{"ljust", "rjust", "center", "zfill"} {
			got := callStr(t, s, name, py.Int(n+3))
			if utf8.RuneCountInString(string(got.(py.String))) != n+3 {
				t.Fatalf("%s(%d) of %q = %q", name, n+3, s, got)
			}
		}
		if got := callStr(t, s, "title"); utf8.RuneCountInString(string(got.(py.String))) < n {
			t.Fatalf("title of %q lost characters: %q", s, got)
		}
		if b, err := encodeString(s, "utf-8", "strict"); err != nil || string(b) != s {
			t.Fatalf("encode of %q: %q, %v", s, b, err)
		}
	})
}
