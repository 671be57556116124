package pyre

import "testing"

func TestEscape(t *testing.T) {
	for in, want := range map[string]string{
		"sale.order":    `sale\.order`,
		"a_b-c d#e~f":   `a_b\-c\ d\#e\~f`,
		"x[1](2){3}*+?": `x\[1\]\(2\)\{3\}\*\+\?`,
		"é\t\n":         "é\\\t\\\n",
	} {
		if got := Escape(in); got != want {
			t.Errorf("Escape(%q) = %q, want %q", in, got, want)
		}
	}
}
