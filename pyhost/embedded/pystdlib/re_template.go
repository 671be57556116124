package pystdlib

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/go-python/gpython/py"
)

// Replacement templates of re.sub and Match.expand, parsed as
// sre_parse.parse_template does: \1..\99, \g<n>, \g<name>, octal escapes,
// \n-style escapes; other escaped ASCII letters are errors and other
// escaped characters stay as written (backslash included).

type templatePart struct {
	lit   string
	group int // -1 for a literal
}

type template struct{ parts []templatePart }

func parseTemplate(src string, tr *translation) (*template, error) {
	r := []rune(src)
	t := &template{}
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			t.parts = append(t.parts, templatePart{lit: lit.String(), group: -1})
			lit.Reset()
		}
	}
	fail := func(pos int, format string, args ...any) error {
		return raiseReError(&reError{msg: fmt.Sprintf(format, args...), pos: pos}, src)
	}
	addGroup := func(g, pos int) error {
		if g > tr.groups {
			return fail(pos, "invalid group reference %d", g)
		}
		flush()
		t.parts = append(t.parts, templatePart{group: g})
		return nil
	}
	isOct := func(c rune) bool { return c >= '0' && c <= '7' }
	for i := 0; i < len(r); {
		c := r[i]
		if c != '\\' {
			lit.WriteRune(c)
			i++
			continue
		}
		if i+1 >= len(r) {
			return nil, fail(i, "bad escape (end of pattern)")
		}
		start := i
		c = r[i+1]
		i += 2
		switch {
		case c == 'g':
			if i >= len(r) || r[i] != '<' {
				return nil, fail(i, "missing <")
			}
			i++
			j := i
			for i < len(r) && r[i] != '>' {
				i++
			}
			if i >= len(r) {
				if i == j {
					return nil, fail(j, "missing group name")
				}
				return nil, fail(j, "missing >, unterminated name")
			}
			name := string(r[j:i])
			i++
			if name == "" {
				return nil, fail(j, "missing group name")
			}
			var g int
			if isIdentifier(name) {
				idx, ok := tr.groupIndex[name]
				if !ok {
					return nil, py.ExceptionNewf(py.IndexError, "unknown group name %s", pyQuote(name))
				}
				g = idx
			} else {
				n, err := strconv.Atoi(name)
				if err != nil || n < 0 || strings.ContainsAny(name, "+-") {
					return nil, fail(j, "bad character in group name %s", pyQuote(name))
				}
				g = n
			}
			if err := addGroup(g, j); err != nil {
				return nil, err
			}
		case c == '0':
			j := i
			for i < len(r) && i-j < 2 && isOct(r[i]) {
				i++
			}
			v, _ := strconv.ParseUint("0"+string(r[j:i]), 8, 32)
			lit.WriteRune(rune(v & 0xff))
		case c >= '1' && c <= '9':
			j := i - 1
			if i < len(r) && isDigit(r[i]) {
				i++
				if isOct(c) && isOct(r[i-1]) && i < len(r) && isOct(r[i]) {
					i++
					v, _ := strconv.ParseUint(string(r[j:i]), 8, 32)
					if v > 0o377 {
						return nil, fail(start, `octal escape value \%s outside of range 0-0o377`, string(r[j:i]))
					}
					lit.WriteRune(rune(v))
					continue
				}
			}
			g, _ := strconv.Atoi(string(r[j:i]))
			if err := addGroup(g, start+1); err != nil {
				return nil, err
			}
		default:
			if e, ok := templateEscapes[c]; ok {
				lit.WriteRune(e)
			} else if c < 128 && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
				return nil, fail(start, `bad escape \%c`, c)
			} else {
				lit.WriteRune('\\')
				lit.WriteRune(c)
			}
		}
	}
	flush()
	return t, nil
}

var templateEscapes = map[rune]rune{'a': '\a', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t', 'v': '\v', '\\': '\\'}

// expand writes the template for one match; unmatched groups are empty.
func (t *template) expand(b *strings.Builder, s string, loc []int) {
	for _, p := range t.parts {
		if p.group < 0 {
			b.WriteString(p.lit)
		} else if loc[2*p.group] >= 0 {
			b.WriteString(s[loc[2*p.group]:loc[2*p.group+1]])
		}
	}
}
