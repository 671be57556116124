package sqllex

import (
	"strings"
	"testing"
)

func TestSplit(t *testing.T) {
	src := "-- a comment; not a statement\n" +
		"SELECT 'a;b', \"x;y\", $$c;d$$, $t$e;$$f$t$, E'g\\';h' /* i; /* nested; */ j; */ ;\n" +
		"\\connect other\n" +
		"COPY t (a) FROM stdin;\n1;2\n\\.\n" +
		"UPDATE t SET a = 1::int -- trailing\n"
	stmts, err := Split(src)
	if err != nil {
		t.Fatal(err)
	}
	if len(stmts) != 3 {
		t.Fatalf("%d statements: %+v", len(stmts), stmts)
	}
	var texts []string
	for _, s := range stmts[0].Tokens {
		texts = append(texts, s.Text)
	}
	if got := strings.Join(texts, "|"); got != "select|a;b|,|x;y|,|c;d|,|e;$$f|,|g';h" {
		t.Errorf("tokens: %s", got)
	}
	if stmts[1].Line != 4 || !strings.HasPrefix(stmts[1].Text, "COPY") || stmts[2].Line != 7 || stmts[2].Text != "UPDATE t SET a = 1::int -- trailing" {
		t.Errorf("statements: %+v", stmts[1:])
	}
	for _, bad := range []struct{ src, msg string }{
		{"SELECT 'x", "line 1: unterminated string"},
		{"\nSELECT \"x", "line 2: unterminated quoted identifier"},
		{"SELECT $a$ x", "line 1: unterminated dollar-quoted string $a$"},
		{"SELECT 1 /* x", "line 1: unterminated /* comment"},
		{`SELECT ""`, "line 1: zero-length delimited identifier"},
	} {
		if _, err := Split(bad.src); err == nil || err.Error() != bad.msg {
			t.Errorf("%q: %v, want %s", bad.src, err, bad.msg)
		}
	}
}

// The lexer never panics, its tokens lie inside the source in order, and
// Split's statements are made of them.
func FuzzSplit(f *testing.F) {
	for _, s := range []string{"SELECT 1; SELECT 'a''b'", "COPY x FROM stdin;\n1\n\\.\nSELECT $$x$$", "/* /* */ */ E'\\n' \"q\"\"q\" 1.5e3 ::", "\\x\nSELECT @> <@ ||"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		toks, err := Tokens(src)
		if err == nil {
			prev := 0
			for _, tk := range toks {
				if tk.Pos < prev || tk.End < tk.Pos || tk.End > len(src) || tk.Line < 1 {
					t.Fatalf("token %+v out of place", tk)
				}
				prev = tk.End
			}
		}
		stmts, err := Split(src)
		if err != nil {
			return
		}
		for _, st := range stmts {
			if len(st.Tokens) == 0 || st.Text == "" {
				t.Fatalf("empty statement %+v", st)
			}
		}
	})
}
