package prepass

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// goldenCase is one exact input -> output pair. gpy names the feature
// gpython lacks when the output cannot compile there for that reason
// alone (TestGoldenCompilesInGpython proves the input fails too).
type goldenCase struct{ name, in, out, gpy string }

// errorCase is an input Rewrite must reject with CPython's message.
type errorCase struct {
	name, in  string
	line, col int
	msg       string
}

func TestRewriteGolden(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range goldenCases {
		if seen[c.name] {
			t.Fatalf("duplicate case name %q", c.name)
		}
		seen[c.name] = true
		t.Run(c.name, func(t *testing.T) {
			out, err := Rewrite([]byte(c.in))
			if err != nil {
				t.Fatalf("Rewrite: %v", err)
			}
			if string(out) != c.out {
				t.Errorf("Rewrite(%q)\n got: %q\nwant: %q", c.in, out, c.out)
			}
			checkLines(t, []byte(c.in), out)
		})
	}
}

func TestRewriteErrors(t *testing.T) {
	for _, c := range errorCases {
		t.Run(c.name, func(t *testing.T) {
			out, err := Rewrite([]byte(c.in))
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("Rewrite(%q) error = %v, want *SyntaxError", c.in, err)
			}
			if se.Line != c.line || se.Col != c.col || se.Msg != c.msg {
				t.Errorf("Rewrite(%q) = line %d col %d %q, want line %d col %d %q", c.in, se.Line, se.Col, se.Msg, c.line, c.col, c.msg)
			}
			if want := "line " + itoa(c.line) + ": " + c.msg; se.Error() != want {
				t.Errorf("Error() = %q, want %q", se.Error(), want)
			}
			if string(out) != c.in {
				t.Errorf("on error the source must come back unchanged, got %q", out)
			}
		})
	}
}

// Sources with nothing to lower come back as the very same slice.
func TestRewriteNothingToLowerReturnsSource(t *testing.T) {
	for _, src := range []string{"", "\n\n", "x = a - b\n", "def f(self):\n    return super(A, self).f()\n", "# only + a % comment\n", "s = 'a + b %s'\n"} {
		in := []byte(src)
		out, err := Rewrite(in)
		if err != nil {
			t.Fatalf("Rewrite(%q): %v", src, err)
		}
		if string(out) != src || (len(in) > 0 && &out[0] != &in[0]) {
			t.Errorf("Rewrite(%q) = %q, want the input slice itself", src, out)
		}
	}
}

// Rewriting is idempotent: the output holds no construct left to lower.
func TestRewriteIdempotent(t *testing.T) {
	for _, c := range goldenCases {
		again, err := Rewrite([]byte(c.out))
		if err != nil {
			t.Errorf("%s: second Rewrite: %v", c.name, err)
			continue
		}
		if string(again) != c.out {
			t.Errorf("%s: second Rewrite changed the output:\n got: %q\nwant: %q", c.name, again, c.out)
		}
	}
}

// Inputs that used to be risky for a lexical pass: they must neither
// panic nor change the line count (the fuzz test explores further).
func TestRewriteMalformedInputs(t *testing.T) {
	for _, src := range []string{
		"+", "x +", "x + )", "(x + ", "a % % b", "f(", ")", "x +=", "+= 1", "def", "class", "super(",
		"super()", "f'{'", "f'}'", "rf'\\", "'''", "\\", "x = 1 \\\n", "a ** ** b", "- - - -", "await",
		"match", "case x:", "match x:\n", "@", "lambda: +", "x[1:+]", "\xef\xbb\xbfx = 1 + 2", "x = 'a' \\\n 'b' + 1",
		"<", "a <", "< b", "a < < b", "a <= not b", "a not", "a is", "not in", "for", "for in", "for x", "[x for]",
		"@a.", "@.b", "@a.b", "@a.b;", "@a.b; x = 1 < 2", "@\n", "@a.b(\n)", "x = a @ b.c < d", "@a.b\n@c.d(e < f)\n",
		strings.Repeat("a < ", 5000) + "b", strings.Repeat("(a < ", 150) + "b" + strings.Repeat(")", 150),
		strings.Repeat("for x in ", 3000) + "y", strings.Repeat("@a.b\n", 3000),
		strings.Repeat("(", 300) + strings.Repeat(")", 300), strings.Repeat("-", 10000) + "x",
		strings.Repeat("a ** ", 5000) + "b", strings.Repeat("a + ", 5000) + "b",
	} {
		out, err := Rewrite([]byte(src))
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Errorf("Rewrite(%.40q): error %v is not a *SyntaxError", src, err)
			}
			continue
		}
		checkLines(t, []byte(src), out)
	}
}

// Invalid augmented assignments are left for the compiler to reject:
// rewriting them would overlap or turn them into something valid.
func TestRewriteLeavesInvalidAugAssign(t *testing.T) {
	for _, src := range []string{"a = b += 1", "a += b += 1", "x += y = 2", "0 += 1", "x % += 1", "f() += 1 if 0 else x += 2"} {
		out, err := Rewrite([]byte(src))
		if err != nil {
			t.Fatalf("Rewrite(%q): %v", src, err)
		}
		if strings.Contains(string(out), FnIAdd) {
			t.Errorf("Rewrite(%q) = %q, want the augmented assignment left alone", src, out)
		}
	}
}

// Comparisons that are not valid Python are left as written, so that the
// compiler reports them rather than the lowered text.
func TestRewriteLeavesInvalidComparisons(t *testing.T) {
	for _, src := range []string{"a < not b", "a < lambda: 1", "a <", "a < *b", "a < b <", "a <= > b", "x = a < yield", "a < )"} {
		out, err := Rewrite([]byte(src))
		if err != nil {
			continue // unbalanced brackets: a SyntaxError is fine too
		}
		for _, fn := range []string{FnLt, FnLe, FnGt, FnGe} {
			if strings.Contains(string(out), fn) {
				t.Errorf("Rewrite(%q) = %q, want the comparison left alone", src, out)
			}
		}
	}
}

// checkLines verifies the line invariant: the same number of '\n', and
// every name and number token of the input still on its line in the
// output (output tokens are a superset: the rewrite only inserts).
func checkLines(t testing.TB, in, out []byte) {
	t.Helper()
	if a, b := bytes.Count(in, []byte{'\n'}), bytes.Count(out, []byte{'\n'}); a != b {
		t.Fatalf("line count changed: %d -> %d\n in: %q\nout: %q", a, b, in, out)
	}
	have := map[lineWord]int{}
	for _, w := range lineWords(t, out) {
		have[w]++
	}
	for _, w := range lineWords(t, in) {
		if have[w] == 0 {
			t.Fatalf("%q is no longer on line %d\n in: %q\nout: %q", w.text, w.line, in, out)
		}
		have[w]--
	}
}

type lineWord struct {
	line int
	text string
}

// lineWords lists the name and number tokens of src with their lines.
func lineWords(t testing.TB, src []byte) []lineWord {
	t.Helper()
	r := &rewriter{src: src, sc: &scopes{}, nesting: 1 << 30}
	if err := r.tokenize(0, len(src), 0); err != nil {
		t.Fatalf("tokenize: %v\n%q", err, src)
	}
	var ws []lineWord
	line, pos := 1, 0
	for _, tk := range r.toks {
		line += bytes.Count(src[pos:tk.start], []byte{'\n'})
		pos = int(tk.start)
		if tk.kind == kName || tk.kind == kNumber {
			ws = append(ws, lineWord{line, string(src[tk.start:tk.end])})
		}
	}
	return ws
}

// For-loop iterables that are not well formed are left as written, so
// that the compiler reports them rather than the lowered text.
func TestRewriteLeavesInvalidFor(t *testing.T) {
	for _, src := range []string{
		"[x for x in a, b]", "f(x for x in a, b)", "[x for x in lambda: y]", "[x for x in a else b]",
		"[x for x in y := z]", "for x in y = 1: pass", "for x in y", "for x in: pass", "for in y: pass",
		"x = 1; for y in z: pass", "if a: for x in y: pass", "[x for x in yield]", "for x in y; z: pass",
		"[x for x in a = b]", "for x in c := d: pass", "[x for x in a:]",
	} {
		out, err := Rewrite([]byte(src))
		if err != nil {
			continue
		}
		checkLines(t, []byte(src), out)
		if strings.Contains(string(out), FnIter) {
			t.Errorf("Rewrite(%q) = %q, want the for loop left alone", src, out)
		}
	}
}
