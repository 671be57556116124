package precheck

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A small Python tokenizer, used only to name the construct behind a
// gpython parse error: gpython's own lexer stops at the error, and its
// tokens carry no columns. It knows strings (every prefix, triple
// quotes), comments, numbers, names, operators, bracket nesting and
// logical lines, and never fails: anything it does not know is a
// one-character operator.

type tokKind uint8

const (
	tName tokKind = iota + 1
	tNumber
	tString
	tOp
)

type token struct {
	kind      tokKind
	text      string
	line, col int // 1-based
	depth     int // bracket depth before the token
}

// logicalLine is the tokens of one statement line, brackets and
// backslash continuations joined.
type logicalLine struct {
	toks          []token
	first, last   int    // physical lines spanned
	unclosed      *token // an opening bracket never closed (the file ended inside it)
	endsInsideStr bool   // the file ended inside a string
}

// three- and two-character operators, longest first.
var longOps = []string{
	"**=", "//=", ">>=", "<<=", "...",
	"->", ":=", "**", "//", "==", "!=", "<=", ">=", "<<", ">>", "<>",
	"+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@=",
}

// logicalLines splits src into logical lines.
func logicalLines(src []byte) []logicalLine {
	s := string(src)
	var (
		out    []logicalLine
		cur    logicalLine
		stack  []token // open brackets
		line   = 1
		col    = 1
		i      = 0
		finish = func() {
			if len(cur.toks) > 0 {
				cur.last = line
				out = append(out, cur)
			}
			cur = logicalLine{}
		}
		add = func(t token) {
			t.depth = len(stack)
			if len(cur.toks) == 0 {
				cur.first = t.line
			}
			cur.toks = append(cur.toks, t)
		}
	)
	for i < len(s) {
		c := s[i]
		switch {
		case c == '\n': // gpython's lexer splits lines at '\n' only
			i++
			if len(stack) == 0 {
				finish()
			}
			line, col = line+1, 1
			continue
		case c == ' ' || c == '\t' || c == '\f' || c == '\r':
			i, col = i+1, col+1
			continue
		case c == '\\' && i+1 < len(s) && s[i+1] == '\n':
			i += 2 // a continuation: the newline does not end the line
			line, col = line+1, 1
			continue
		case c == '#':
			for i < len(s) && s[i] != '\n' {
				i++
			}
			continue
		}
		start, startLine, startCol := i, line, col
		if n := stringStart(s, i); n >= 0 {
			end, nl, lastCol, closed := scanString(s, i+n)
			add(token{kind: tString, text: s[start:end], line: startLine, col: startCol})
			i, line, col = end, line+nl, lastCol
			if nl == 0 {
				col = startCol + utf8.RuneCountInString(s[start:end])
			}
			if !closed {
				cur.endsInsideStr = true
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case c >= '0' && c <= '9' || c == '.' && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9':
			i = scanNumber(s, i)
			add(token{kind: tNumber, text: s[start:i], line: line, col: col})
		case r == '_' || unicode.IsLetter(r) || r >= utf8.RuneSelf && r != utf8.RuneError:
			i += size
			for i < len(s) {
				r, size = utf8.DecodeRuneInString(s[i:])
				if r != '_' && !unicode.IsLetter(r) && !unicode.IsDigit(r) && (r < utf8.RuneSelf || r == utf8.RuneError) {
					break
				}
				i += size
			}
			add(token{kind: tName, text: s[start:i], line: line, col: col})
		default:
			op := s[i : i+size]
			for _, o := range longOps {
				if strings.HasPrefix(s[i:], o) {
					op = o
					break
				}
			}
			i += len(op)
			t := token{kind: tOp, text: op, line: line, col: col}
			add(t)
			switch op {
			case "(", "[", "{":
				stack = append(stack, t)
			case ")", "]", "}":
				if len(stack) > 0 {
					stack = stack[:len(stack)-1]
				}
			}
		}
		col += utf8.RuneCountInString(s[start:i])
	}
	if len(stack) > 0 {
		t := stack[0]
		cur.unclosed = &t
	}
	finish()
	return out
}

// stringStart returns the length of the prefix of a string literal
// starting at i (0 for a bare quote), or -1 if no string starts there.
func stringStart(s string, i int) int {
	for n := 0; n <= 2 && i+n < len(s); n++ {
		switch c := s[i+n]; {
		case c == '\'' || c == '"':
			return n
		case strings.IndexByte("rRbBuUfF", c) < 0:
			return -1
		}
	}
	return -1
}

// scanString scans the literal whose opening quote is at i. It returns
// the end offset, the newlines crossed, the column after the literal
// when it crossed newlines, and whether it was closed.
func scanString(s string, i int) (end, newlines, col int, closed bool) {
	q := s[i : i+1]
	if strings.HasPrefix(s[i:], q+q+q) {
		q = q + q + q
	}
	j := i + len(q)
	lineStart := -1
	for j < len(s) {
		switch {
		case s[j] == '\\' && j+1 < len(s):
			if s[j+1] == '\n' {
				newlines++
				lineStart = j + 2
			}
			j += 2
			continue
		case strings.HasPrefix(s[j:], q):
			j += len(q)
			return j, newlines, colAfter(s, lineStart, j), true
		case s[j] == '\n':
			if len(q) == 1 {
				return j, newlines, colAfter(s, lineStart, j), false // an unterminated one-line string ends at the newline
			}
			newlines++
			lineStart = j + 1
		}
		j++
	}
	return len(s), newlines, colAfter(s, lineStart, len(s)), false
}

func colAfter(s string, lineStart, end int) int {
	if lineStart < 0 {
		return 0
	}
	return utf8.RuneCountInString(s[lineStart:end]) + 1
}

// scanNumber scans a numeric literal, underscores and exponents included.
func scanNumber(s string, i int) int {
	for i < len(s) {
		c := s[i]
		switch {
		case c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '.':
			i++
		case (c == '+' || c == '-') && (s[i-1] == 'e' || s[i-1] == 'E') && !isHexPrefixed(s, i):
			i++
		default:
			return i
		}
	}
	return i
}

// isHexPrefixed reports whether the number around i starts with 0x.
func isHexPrefixed(s string, i int) bool {
	j := i - 1
	for j > 0 && (s[j-1] >= '0' && s[j-1] <= '9' || s[j-1] >= 'a' && s[j-1] <= 'z' || s[j-1] >= 'A' && s[j-1] <= 'Z' || s[j-1] == '_') {
		j--
	}
	return j+1 < len(s) && s[j] == '0' && (s[j+1] == 'x' || s[j+1] == 'X')
}
