package parallel

import (
	"strings"
	"testing"
)

// explodeFormat never panics; without braces it changes nothing; and a
// {parallel_filter} put in front of any query that formats is replaced
// exactly once there, with the rest formatted as on its own.
func FuzzExplodeFormat(f *testing.F) {
	for _, seed := range []string{"", "UPDATE t SET a = 1", "WHERE {parallel_filter}", "{{x}} {y} {0!r:>3}", "{", "}", "{a{b}c}",
		"{parallel_filter!r}", "{parallel_filter:>9}", "{[}]}", "%(x)s {}", "WHERE\u00a0x"} {
		f.Add(seed)
	}
	const filter = "t.id BETWEEN %(lower-bound)s AND %(upper-bound)s"
	f.Fuzz(func(t *testing.T, q string) {
		out, err := explodeFormat(q, filter)
		if !strings.ContainsAny(q, "{}") && (err != nil || out != q) {
			t.Fatalf("brace-free %q: %q %v", q, out, err)
		}
		_ = hasWhere(q)
		if err != nil {
			return
		}
		got, err := explodeFormat("<{parallel_filter}>"+q, filter)
		if err != nil || got != "<"+filter+">"+out {
			t.Fatalf("%q: %q %v, want %q", q, got, err, "<"+filter+">"+out)
		}
	})
}

func TestHasWhere(t *testing.T) {
	for q, want := range map[string]bool{
		"SELECT 1 FROM t WHERE x":   true,
		"SELECT 1 FROM t\nwhere\tx": true,
		"SELECT 1 FROM t WHERE(x)":  false,
		"WHERE x":                   false, // nothing before it
		"SELECT 1 FROM t WHERE":     false, // nothing after it
		"a\u00a0WhErE\u2003b":       true,  // Unicode white space, any case
		"a\x1fwhere\x1cb":           true,  // str.isspace() separators
		"nowhere x":                 false,
		"somewhere_else":            false,
	} {
		if got := hasWhere(q); got != want {
			t.Errorf("hasWhere(%q) = %v", q, got)
		}
	}
}
