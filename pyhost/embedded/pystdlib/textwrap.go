package pystdlib

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/go-python/gpython/py"
)

// The textwrap module's dedent and indent (wrap/fill are not provided).

// dedent is textwrap.dedent: whitespace-only lines become empty, then
// the longest run of spaces and tabs common to the other lines is removed.
func dedent(text string) string {
	lines := strings.Split(text, "\n")
	margin, haveMargin := "", false
	for i, line := range lines {
		trimmed := strings.TrimLeft(line, " \t")
		if trimmed == "" {
			lines[i] = "" // whitespace-only lines do not count and are normalised
			continue
		}
		indent := line[:len(line)-len(trimmed)]
		switch {
		case !haveMargin:
			margin, haveMargin = indent, true
		case strings.HasPrefix(indent, margin):
		case strings.HasPrefix(margin, indent):
			margin = indent
		default:
			n := 0
			for n < len(margin) && n < len(indent) && margin[n] == indent[n] {
				n++
			}
			margin = margin[:n]
		}
	}
	if margin != "" {
		for i, line := range lines {
			lines[i] = strings.TrimPrefix(line, margin)
		}
	}
	return strings.Join(lines, "\n")
}

// splitLinesKeepEnds is str.splitlines(True).
func splitLinesKeepEnds(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); {
		r, w := rune(s[i]), 1
		if r >= 0x80 {
			r, w = utf8.DecodeRuneInString(s[i:])
		}
		end := -1
		switch r {
		case '\n', '\x0b', '\x0c', '\x1c', '\x1d', '\x1e', '\u0085', '\u2028', '\u2029':
			end = i + w
		case '\r':
			end = i + 1
			if i+1 < len(s) && s[i+1] == '\n' {
				end = i + 2
			}
		}
		if end >= 0 {
			out = append(out, s[start:end])
			start, i = end, end
			continue
		}
		i += w
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

// isPySpace is str.isspace for one character: Go's White_Space set plus
// the information separators U+001C..U+001F.
func isPySpace(r rune) bool { return unicode.IsSpace(r) || r >= 0x1c && r <= 0x1f }

func textwrapModule() *py.ModuleImpl {
	return &py.ModuleImpl{
		Info: py.ModuleInfo{Name: "textwrap", Doc: "textwrap.dedent and textwrap.indent (Go implementation)."},
		Methods: []*py.Method{
			method("dedent", "Remove any common leading whitespace from every line in `text`.", func(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
				var text py.Object
				if err := bindArgs("dedent", args, kwargs, []string{"text"}, 1, 1, &text); err != nil {
					return nil, err
				}
				s, ok := text.(py.String)
				if !ok {
					return nil, py.ExceptionNewf(py.TypeError, "expected str, got '%s'", typeName(text))
				}
				return py.String(dedent(string(s))), nil
			}),
			method("indent", "Adds 'prefix' to the beginning of selected lines in 'text'.", func(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
				var text, prefix, pred py.Object
				if err := bindArgs("indent", args, kwargs, []string{"text", "prefix", "predicate"}, 2, 3, &text, &prefix, &pred); err != nil {
					return nil, err
				}
				s, ok1 := text.(py.String)
				p, ok2 := prefix.(py.String)
				if !ok1 || !ok2 {
					return nil, py.ExceptionNewf(py.TypeError, "indent() arguments must be str")
				}
				var b strings.Builder
				for _, line := range splitLinesKeepEnds(string(s)) {
					add := strings.TrimFunc(line, isPySpace) != ""
					if !isNone(pred) {
						res, err := py.Call(pred, py.Tuple{py.String(line)}, nil)
						if err != nil {
							return nil, err
						}
						if add, err = truth(res); err != nil {
							return nil, err
						}
					}
					if add {
						b.WriteString(string(p))
					}
					b.WriteString(line)
				}
				return py.String(b.String()), nil
			}),
		},
	}
}
