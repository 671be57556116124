package precheck

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// FuzzCheck: Check never panics (its own recover would turn a panic into
// an "internal error" finding, which fails here), and its findings are
// well-formed and sorted.
func FuzzCheck(f *testing.F) {
	for _, c := range checkCases {
		f.Add([]byte(c.src))
	}
	for _, dir := range []string{"clean", "flagged"} {
		for _, path := range scripts(f, dir) {
			src, err := os.ReadFile(path)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(src)
		}
	}
	// Pathological shapes: deep nesting, long lines, many rules at once.
	for _, s := range []string{
		strings.Repeat("(", 3000), strings.Repeat("f(", 2000), "x = " + strings.Repeat("[", 500) + strings.Repeat("]", 500) + "\n",
		"lambda " + strings.Repeat("a, /, ", 500) + "\n", "x = " + strings.Repeat("-", 2000) + "1\n", strings.Repeat("if x:\n", 100),
		"x = " + strings.Repeat("a, ", 1000) + ":=\n", strings.Repeat("'", 1001), strings.Repeat(" ", 1000) + "x\n",
		"@a[0]\n@b\ndef f(a, /, *b, **c):\n    return {**c, *b: 1_0}\n",
	} {
		f.Add([]byte(s))
	}
	for _, s := range []string{"\x00", "(", ")", "'''", "\\", "\r", "\r\n\r\n", "\t x\n  y\n", "@", "{**", "f(*", "x: ", "é = 1\n", "\xff\xfe"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		fs := Check("fuzz.py", src, defaultOpts)
		lines := bytes.Count(src, []byte("\n")) + bytes.Count(src, []byte("\r")) + 2
		for i, x := range fs {
			if x.Construct == "internal error" {
				t.Fatalf("Check crashed on %q: %s", src, x.Message)
			}
			if x.Construct == "" || x.Message == "" || x.Line < 1 || x.Line > lines || x.Col < 0 {
				t.Fatalf("malformed finding %+v for %q", x, src)
			}
			if i > 0 && (fs[i-1].Line > x.Line || fs[i-1].Line == x.Line && fs[i-1].Col > x.Col) {
				t.Fatalf("findings not sorted: %v", fs)
			}
		}
	})
}
