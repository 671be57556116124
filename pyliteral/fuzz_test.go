package pyliteral

import (
	"bytes"
	"errors"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// FuzzParse checks that Parse never panics, that errors point inside the
// input, and that the repr of any accepted value parses back.
func FuzzParse(f *testing.F) {
	for _, tc := range acceptCases {
		if len(tc.src) <= 4096 {
			f.Add([]byte(tc.src))
		}
	}
	for _, tc := range rejectCases {
		if len(tc.src) <= 4096 {
			f.Add([]byte(tc.src))
		}
	}
	manifests, _ := filepath.Glob(filepath.Join("testdata", "*", "__*__.py"))
	for _, name := range manifests {
		if src, err := os.ReadFile(name); err == nil {
			f.Add(src)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		n, err := Parse(src)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || n != nil || e.Msg == "" {
				t.Fatalf("Parse(%q) = %v, %#v", src, n, err)
			}
			checkErrorPos(t, src, e)
			return
		}
		_ = n.PyStr()
		_ = n.Truthy()
		_ = n.Lookup("name")
		if !reparseable(n) {
			return
		}
		r := appendRepr(nil, n)
		m, err := Parse(r)
		if err != nil {
			t.Fatalf("repr %q of %q does not parse: %v", r, src, err)
		}
		// Signed zeros in complex numbers do not survive repr, in Python either.
		if r2 := appendRepr(nil, m); !hasComplex(n) && !bytes.Equal(r, r2) {
			t.Fatalf("repr of %q: %q, then %q", src, r, r2)
		}
	})
}

// checkErrorPos verifies that an error position names an existing line and
// a column at most one past its end.
func checkErrorPos(t *testing.T, src []byte, e *Error) {
	text := normalizeNewlines(bytes.TrimPrefix(src, bom))
	lines := bytes.Split(text, []byte("\n"))
	if e.Pos.Line < 1 || e.Pos.Line > len(lines) || e.Pos.Col < 1 || e.Pos.Col > len(lines[e.Pos.Line-1])+1 {
		t.Fatalf("Parse(%q): error position outside the input: %v", src, e)
	}
}

// reparseable reports whether the repr of n is a literal Python can read
// back: inf, nan and ints over 4300 digits are not.
func reparseable(n *Node) bool {
	switch n.Kind {
	case Float:
		return !math.IsInf(n.Float, 0) && !math.IsNaN(n.Float)
	case Complex:
		return reparseable(&Node{Kind: Float, Float: n.Float}) && reparseable(&Node{Kind: Float, Float: n.Imag})
	case Int:
		return n.Int.BitLen() < 14000
	}
	for _, k := range n.Keys {
		if !reparseable(k) {
			return false
		}
	}
	for _, it := range n.Items {
		if !reparseable(it) {
			return false
		}
	}
	return true
}

func hasComplex(n *Node) bool {
	if n.Kind == Complex {
		return true
	}
	for _, k := range n.Keys {
		if hasComplex(k) {
			return true
		}
	}
	for _, it := range n.Items {
		if hasComplex(it) {
			return true
		}
	}
	return false
}

// TestErrorPositions applies the fuzz invariant to the reject table.
func TestErrorPositions(t *testing.T) {
	for _, tc := range rejectCases {
		_, err := Parse([]byte(tc.src))
		var e *Error
		if errors.As(err, &e) {
			checkErrorPos(t, []byte(tc.src), e)
		}
	}
}
