package pyjson

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestJSONStringEscapes(t *testing.T) {
	tests := []struct {
		in          string
		ensureASCII bool
		want        string
	}{
		{"plain", true, `"plain"`},
		{"é\u2028\U0001F600", true, `"\u00e9\u2028\ud83d\ude00"`},
		{"é\u2028\U0001F600", false, "\"é\u2028\U0001F600\""},
		{"\x00\x1f\x7f", true, `"\u0000\u001f\u007f"`},
		{"\x00\x1f\x7f", false, "\"\\u0000\\u001f\x7f\""},
		{"\"\\/\b\f\n\r\t", true, `"\"\\/\b\f\n\r\t"`},
		{"\xff", true, `"\ufffd"`},
	}
	for _, tc := range tests {
		var b strings.Builder
		WriteString(&b, tc.in, tc.ensureASCII)
		if b.String() != tc.want {
			t.Errorf("WriteString(%q, %v) = %s, want %s", tc.in, tc.ensureASCII, b.String(), tc.want)
		}
	}
}

// FuzzJSONString: json.dumps' string quoting is ASCII, and decodes back
// to the string.
func FuzzJSONString(f *testing.F) {
	for _, s := range []string{"", "a", "\"\\", "\x00\x1f\x7f", "é€😀", "\ud7ff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return // Python str values are valid Unicode
		}
		var b strings.Builder
		WriteString(&b, s, true)
		out := b.String()
		for i := 0; i < len(out); i++ {
			if out[i] < 0x20 || out[i] >= 0x7f {
				t.Fatalf("non-ASCII output %q for %q", out, s)
			}
		}
		var back string
		if err := json.Unmarshal([]byte(out), &back); err != nil || back != s {
			t.Fatalf("%q -> %s -> %q (%v)", s, out, back, err)
		}
	})
}
