package textout

import (
	"bytes"
	"strings"
	"testing"

	"github.com/migrate-runner/migrate-runner/discover"
)

func TestSafe(t *testing.T) {
	tests := map[string]string{
		"pre-a.py":          "pre-a.py",
		"pré-ä.py":          "pré-ä.py",
		"pre-\nfake.py":     `"pre-\nfake.py"`,
		"pre-\x1b[31m.py":   `"pre-\x1b[31m.py"`,
		"pre-\xff.py":       `"pre-\xff.py"`,
		"post-~migrate.py":  "post-~migrate.py",
		"end--migrate.py\t": `"end--migrate.py\t"`,
	}
	for in, want := range tests {
		if got := Safe(in); got != want {
			t.Errorf("Safe(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestTableAlignsAndQuotes(t *testing.T) {
	var b bytes.Buffer
	tb := &Table{}
	tb.Header("group")
	tb.Row("1", "pre-a.py")
	tb.Row("22", "pre-\nb.py")
	w := &Writer{W: &b}
	tb.Write(w, []string{"#", "SCRIPT"})
	want := "  #   SCRIPT\ngroup\n  1   pre-a.py\n  22  \"pre-\\nb.py\"\n"
	if b.String() != want || w.Err != nil {
		t.Errorf("got %q, want %q", b.String(), want)
	}
}

func TestDiagnostics(t *testing.T) {
	var b bytes.Buffer
	err := Diagnostics(&b, []discover.Diagnostic{{Level: discover.Error, Path: "/x/m/__manifest__.py", Line: 3, Message: "bad"}},
		func(s string) string { return strings.TrimPrefix(s, "/x/") })
	if err != nil || b.String() != "\nDiagnostics (1):\n  error   m/__manifest__.py:3: bad\n" {
		t.Errorf("%q %v", b.String(), err)
	}
}
