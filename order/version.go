package order

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Version is the comparison key Odoo's parse_version returns: a tuple of
// strings compared element by element. Numeric parts are zero-padded to
// eight digits, every other part carries a '*' prefix, and the key ends
// with "*final" so that pre-release tags sort below a release.
type Version []string

// Odoo's replacement table for tokens, applied after lower-casing.
var versionReplace = map[string]string{
	"pre": "c", "preview": "c", "-": "final-", "_": "final-",
	"rc": "c", "dev": "@", "saas": "", "~": "",
}

const zeroPart = "00000000"

// ParseVersion is an exact port of odoo.tools.parse_version. An empty
// string means "0.1", as in Odoo (None or ” both mean 0.1).
func ParseVersion(s string) Version {
	if s == "" {
		s = "0.1"
	}
	parts := make(Version, 0, 6)
	add := func(part string) {
		if strings.HasPrefix(part, "*") {
			if part < "*final" { // drop the '-' before a pre-release tag
				for len(parts) > 0 && parts[len(parts)-1] == "*final-" {
					parts = parts[:len(parts)-1]
				}
			}
			// Trailing zeros of a numeric series go, so 1.0 == 1.0.0.
			for len(parts) > 0 && parts[len(parts)-1] == zeroPart {
				parts = parts[:len(parts)-1]
			}
		}
		parts = append(parts, part)
	}
	splitVersion(strings.ToLower(s), func(tok string) {
		if r, ok := versionReplace[tok]; ok {
			tok = r
		}
		if tok == "" || tok == "." {
			return
		}
		if tok[0] >= '0' && tok[0] <= '9' {
			add(zfill8(tok))
		} else {
			add("*" + tok)
		}
	})
	add("*final")
	return parts
}

// splitVersion yields what Python's re.split(r'(\d+|[a-z]+|\.|-)', s)
// returns, minus empty strings: runs of (Unicode) digits, runs of ASCII
// lower-case letters, single '.' or '-', and the runs of anything else
// between them.
func splitVersion(s string, yield func(string)) {
	gap := -1 // start of the current run of "other" characters
	flush := func(end int) {
		if gap >= 0 {
			yield(s[gap:end])
			gap = -1
		}
	}
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= 0x80 {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		switch {
		case unicode.IsDigit(r):
			flush(i)
			j := i + size
			for j < len(s) {
				r2, n := rune(s[j]), 1
				if r2 >= 0x80 {
					r2, n = utf8.DecodeRuneInString(s[j:])
				}
				if !unicode.IsDigit(r2) {
					break
				}
				j += n
			}
			yield(s[i:j])
			i = j
		case r >= 'a' && r <= 'z':
			flush(i)
			j := i + 1
			for j < len(s) && s[j] >= 'a' && s[j] <= 'z' {
				j++
			}
			yield(s[i:j])
			i = j
		case r == '.' || r == '-':
			flush(i)
			yield(s[i : i+1])
			i++
		default:
			if gap < 0 {
				gap = i
			}
			i += size
		}
	}
	flush(len(s))
}

// smallParts holds the padded form of 0..999: folder names repeat the same
// small numbers thousands of times, and this saves an allocation each.
var smallParts = func() (t [1000]string) {
	for i := range t {
		t[i] = fmt.Sprintf("%08d", i)
	}
	return t
}()

// zfill8 left-pads a run of digits with zeros to eight characters, never
// truncating, like Python's str.zfill(8). It counts characters, not bytes:
// a run may hold non-ASCII digits after an ASCII one.
func zfill8(d string) string {
	if len(d) <= 3 {
		n := 0
		for i := 0; i < len(d); i++ {
			if d[i] < '0' || d[i] > '9' {
				n = -1
				break
			}
			n = n*10 + int(d[i]-'0')
		}
		if n >= 0 {
			return smallParts[n]
		}
	}
	if c := utf8.RuneCountInString(d); c < 8 {
		return zeroPart[:8-c] + d
	}
	return d
}

// Compare orders two keys like Python tuples of str: element by element in
// code-point order (bytewise for UTF-8), a proper prefix being smaller.
func (v Version) Compare(w Version) int {
	for i := 0; i < len(v) && i < len(w); i++ {
		if c := strings.Compare(v[i], w[i]); c != 0 {
			return c
		}
	}
	switch {
	case len(v) < len(w):
		return -1
	case len(v) > len(w):
		return 1
	}
	return 0
}

// Less reports v < w.
func (v Version) Less(w Version) bool { return v.Compare(w) < 0 }

// tail is Python's tuple slice v[2:]: the key without the series part.
func (v Version) tail() Version {
	if len(v) < 2 {
		return nil
	}
	return v[2:]
}

// String renders the key the way Python prints the tuple, for diagnostics.
func (v Version) String() string {
	var b strings.Builder
	b.WriteByte('(')
	for i, p := range v {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('\'')
		b.WriteString(p)
		b.WriteByte('\'')
	}
	if len(v) == 1 {
		b.WriteByte(',')
	}
	b.WriteByte(')')
	return b.String()
}
