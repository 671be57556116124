package pyliteral

import (
	"bytes"
	"errors"
	"math/big"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxIntDigits mirrors CPython 3.11's default int_max_str_digits: longer
// decimal int literals are a SyntaxError there. It also keeps the
// (quadratic) decimal-to-binary conversion cheap.
const maxIntDigits = 4300

type tokKind uint8

const (
	tEOF     tokKind = iota
	tNewline         // end of a logical line outside brackets
	tName
	tNumber
	tString
	tOp
)

type token struct {
	kind  tokKind
	pos   Pos
	raw   []byte // tName, tNumber: source text (aliases the input)
	text  string // tOp: the operator
	num   *Node  // tNumber: the decoded Int, Float or Complex
	str   string // tString: decoded contents
	bytes bool   // tString: a bytes literal
}

// scanner is a small subset of Python's tokenizer: enough to tokenize any
// literal and to name the constructs that are not literals.
type scanner struct {
	src        []byte
	off        int
	line       int
	lineStart  int  // offset of the first byte of the current line
	depth      int  // open brackets; newlines inside brackets are insignificant
	bol        bool // at the beginning of a line outside brackets
	lineHasTok bool // the current logical line has produced a token
	buf        []byte
	text       string // src as a string: escape-free literals are slices of it
}

func (s *scanner) init(src []byte) {
	s.src = src
	s.text = string(src)
	s.line = 1
	// ast.literal_eval strips leading spaces and tabs before parsing, so
	// only the first line may be indented.
	for s.off < len(src) && (src[s.off] == ' ' || src[s.off] == '\t') {
		s.off++
	}
	s.bol = true
}

func (s *scanner) posAt(off int) Pos { return Pos{Line: s.line, Col: off - s.lineStart + 1} }

func (s *scanner) newline(next int) {
	s.line++
	s.lineStart = next
}

func (s *scanner) next() (token, *Error) {
	for {
		if s.bol {
			s.bol = false
			if err := s.indent(); err != nil {
				return token{}, err
			}
		}
		if s.off >= len(s.src) {
			return token{kind: tEOF, pos: s.posAt(s.off)}, nil
		}
		switch s.src[s.off] {
		case ' ', '\t', '\f':
			s.off++
		case '#':
			if i := bytes.IndexByte(s.src[s.off:], '\n'); i >= 0 {
				s.off += i
			} else {
				s.off = len(s.src)
			}
		case '\n':
			pos := s.posAt(s.off)
			s.off++
			s.newline(s.off)
			if s.depth == 0 {
				s.bol = true
				if s.lineHasTok {
					s.lineHasTok = false
					return token{kind: tNewline, pos: pos}, nil
				}
			}
		case '\\':
			if err := s.continuation(); err != nil {
				return token{}, err
			}
		default:
			s.lineHasTok = true
			return s.scanToken()
		}
	}
}

// indent rejects an indented logical line, as Python's tokenizer does
// (IndentationError). Lines holding only blanks or a comment do not count,
// but trailing blanks at the very end of the input do. As in CPython, a
// backslash continuation inside the indentation fixes the indentation at
// the column of the first backslash, or keeps counting if that was 0.
func (s *scanner) indent() *Error {
	col, contCol, i := 0, 0, s.off
loop:
	for i < len(s.src) {
		switch s.src[i] {
		case ' ':
			col++
		case '\t':
			col = col/8*8 + 8
		case '\f':
			col = 0
		case '\\':
			if contCol == 0 {
				contCol = col
			}
			s.off = i
			if err := s.continuation(); err != nil {
				return err
			}
			i = s.off
			continue
		default:
			break loop
		}
		i++
	}
	s.off = i
	if contCol != 0 {
		col = contCol
	}
	if col == 0 || i < len(s.src) && (s.src[i] == '\n' || s.src[i] == '#') {
		return nil
	}
	return errorf(s.posAt(i), "unexpected indent")
}

// continuation consumes a backslash that must end the line and the newline.
func (s *scanner) continuation() *Error {
	if s.off+1 >= len(s.src) || s.src[s.off+1] != '\n' {
		return errorf(s.posAt(s.off), "unexpected character after line continuation character")
	}
	s.off += 2
	s.newline(s.off)
	if s.off == len(s.src) {
		return errorf(s.posAt(s.off), "unexpected end of input after line continuation")
	}
	return nil
}

func (s *scanner) scanToken() (token, *Error) {
	start := s.off
	pos := s.posAt(start)
	c := s.src[start]
	switch {
	case c == '\'' || c == '"':
		return s.scanString(pos, start, false, false)
	case isDigit(c) || c == '.' && start+1 < len(s.src) && isDigit(s.src[start+1]):
		return s.scanNumber(pos)
	case isLetter(c) || c == '_' || c >= utf8.RuneSelf:
		r, size := utf8.DecodeRune(s.src[start:])
		if c >= utf8.RuneSelf && !isIDStart(r) {
			return token{}, invalidChar(pos, r)
		}
		end := start + size
		for end < len(s.src) {
			if b := s.src[end]; b < utf8.RuneSelf {
				if !isIdentByte(b) {
					break
				}
				end++
				continue
			}
			r, size := utf8.DecodeRune(s.src[end:])
			if !isIDContinue(r) {
				break
			}
			end += size
		}
		if end < len(s.src) && end-start <= 2 && (s.src[end] == '\'' || s.src[end] == '"') {
			if raw, isBytes, f, ok := stringPrefix(s.src[start:end]); ok {
				if f {
					return token{}, errorf(pos, "f-strings are not literals")
				}
				return s.scanString(pos, end, raw, isBytes)
			}
		}
		s.off = end
		return token{kind: tName, pos: pos, raw: s.src[start:end]}, nil
	}
	return s.scanOp(pos)
}

// stringPrefix recognises the prefixes Python 3 allows: r, u, b, f and the
// two-letter combinations of r with b or f, in any case.
func stringPrefix(p []byte) (raw, isBytes, f, ok bool) {
	var nr, nb, nu, nf int
	for _, c := range p {
		switch c | 0x20 {
		case 'r':
			nr++
		case 'b':
			nb++
		case 'u':
			nu++
		case 'f':
			nf++
		default:
			return false, false, false, false
		}
	}
	ok = nr <= 1 && nb+nu+nf <= 1 && !(nu == 1 && nr == 1)
	return nr == 1, nb == 1, nf == 1, ok
}

// opLen returns the length of the Python operator or delimiter at the start
// of b, or 0. All of them are recognised so that the constructs that are not
// literals can be named in error messages.
func opLen(b []byte) int {
	var c1, c2 byte
	if len(b) > 1 {
		c1 = b[1]
	}
	if len(b) > 2 {
		c2 = b[2]
	}
	switch b[0] {
	case '(', ')', '[', ']', '{', '}', ',', ';', '~':
		return 1
	case '.':
		if c1 == '.' && c2 == '.' {
			return 3
		}
		return 1
	case '*', '/', '<', '>': // x, xx, x=, xx=
		switch {
		case c1 == b[0] && c2 == '=':
			return 3
		case c1 == b[0] || c1 == '=':
			return 2
		}
		return 1
	case '-':
		if c1 == '>' || c1 == '=' {
			return 2
		}
		return 1
	case '!':
		if c1 == '=' {
			return 2
		}
		return 0
	case ':', '=', '+', '%', '&', '|', '^', '@':
		if c1 == '=' {
			return 2
		}
		return 1
	}
	return 0
}

func (s *scanner) scanOp(pos Pos) (token, *Error) {
	rest := s.src[s.off:]
	n := opLen(rest)
	if n == 0 {
		r, _ := utf8.DecodeRune(rest)
		return token{}, invalidChar(pos, r)
	}
	op := string(rest[:n]) // single bytes do not allocate
	switch op {
	case "(", "[", "{":
		s.depth++
	case ")", "]", "}":
		if s.depth > 0 {
			s.depth--
		}
	}
	s.off += n
	return token{kind: tOp, pos: pos, text: op}, nil
}

func invalidChar(pos Pos, r rune) *Error {
	if unicode.IsPrint(r) {
		return errorf(pos, "invalid character %q (U+%04X)", r, r)
	}
	return errorf(pos, "invalid non-printable character U+%04X", r)
}

func (s *scanner) scanNumber(pos Pos) (token, *Error) {
	src := s.src
	start := s.off
	i := start
	bad := func(what string) (token, *Error) {
		return token{}, errorf(pos, "invalid %s literal", what)
	}
	if src[i] == '0' && i+1 < len(src) {
		base, what := 0, ""
		switch src[i+1] | 0x20 {
		case 'x':
			base, what = 16, "hexadecimal"
		case 'o':
			base, what = 8, "octal"
		case 'b':
			base, what = 2, "binary"
		}
		if base != 0 {
			// ("0x" | "0o" | "0b") (["_"] digit)+
			i += 2
			n := 0
			for {
				j := i
				if j < len(src) && src[j] == '_' {
					j++
				}
				if j < len(src) && digitVal(src[j]) < base {
					i = j + 1
					n++
					continue
				}
				if j < len(src) && isDigit(src[j]) {
					return token{}, errorf(pos, "invalid digit '%c' in %s literal", src[j], what)
				}
				if j != i || n == 0 {
					return bad(what)
				}
				break
			}
			if i < len(src) && (isIdentByte(src[i]) || src[i] >= utf8.RuneSelf) {
				return bad(what)
			}
			x, ok := new(big.Int).SetString(stripUnderscores(src[start+2:i]), base)
			if !ok {
				return bad(what)
			}
			s.off = i
			return token{kind: tNumber, pos: pos, raw: src[start:i], num: &Node{Kind: Int, Pos: pos, Int: x}}, nil
		}
	}

	// digits consumes digit (["_"] digit)*; src[i] must be a digit.
	digits := func() bool {
		for i++; i < len(src); {
			switch {
			case isDigit(src[i]):
				i++
			case src[i] == '_' && i+1 < len(src) && isDigit(src[i+1]):
				i += 2
			case src[i] == '_':
				return false
			default:
				return true
			}
		}
		return true
	}
	isFloat, isImag := false, false
	if isDigit(src[i]) && !digits() {
		return bad("decimal")
	}
	if i < len(src) && src[i] == '.' {
		isFloat = true
		i++
		if i < len(src) && isDigit(src[i]) && !digits() {
			return bad("decimal")
		}
	}
	if i < len(src) && src[i]|0x20 == 'e' {
		j := i + 1
		if j < len(src) && (src[j] == '+' || src[j] == '-') {
			j++
		}
		if j >= len(src) || !isDigit(src[j]) {
			return bad("decimal")
		}
		i = j
		if !digits() {
			return bad("decimal")
		}
		isFloat = true
	}
	end := i
	if i < len(src) && src[i]|0x20 == 'j' {
		i++
		isImag = true
	}
	if i < len(src) && (isIdentByte(src[i]) || src[i] >= utf8.RuneSelf) {
		if isImag {
			return bad("imaginary")
		}
		return bad("decimal")
	}
	s.off = i
	tok := token{kind: tNumber, pos: pos, raw: src[start:i]}
	text := stripUnderscores(src[start:end])
	switch {
	case isImag, isFloat:
		f, err := strconv.ParseFloat(text, 64)
		if err != nil && !errors.Is(err, strconv.ErrRange) { // out of range gives ±Inf, as in Python
			return bad("decimal")
		}
		tok.num = &Node{Kind: Float, Pos: pos, Float: f}
		if isImag {
			tok.num = &Node{Kind: Complex, Pos: pos, Imag: f}
		}
	default:
		allZero := strings.Trim(text, "0") == ""
		if text[0] == '0' && !allZero {
			return token{}, errorf(pos, "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers")
		}
		if len(text) > maxIntDigits && !allZero {
			return token{}, errorf(pos, "exceeds the limit (%d digits) for integer string conversion: value has %d digits", maxIntDigits, len(text))
		}
		x := new(big.Int)
		if v, err := strconv.ParseUint(text, 10, 64); err == nil {
			x.SetUint64(v) // the common case, without big's general scanner
		} else if _, ok := x.SetString(text, 10); !ok {
			return bad("decimal")
		}
		tok.num = &Node{Kind: Int, Pos: pos, Int: x}
	}
	return tok, nil
}

func stripUnderscores(b []byte) string {
	if bytes.IndexByte(b, '_') < 0 {
		return string(b)
	}
	return strings.ReplaceAll(string(b), "_", "")
}

// scanString scans a string literal whose opening quote is at q; raw and
// isBytes come from its prefix. Escapes are decoded as CPython 3.11 does.
func (s *scanner) scanString(pos Pos, q int, raw, isBytes bool) (token, *Error) {
	src := s.src
	quote := src[q]
	i := q + 1
	triple := i+1 < len(src) && src[i] == quote && src[i+1] == quote
	if triple {
		i += 2
	}
	buf := s.buf[:0]
	start, plain := i, true // plain: no escape seen, buf equals src[start:i]
	str := func(end int) string {
		if plain {
			return s.text[start:end]
		}
		return string(buf)
	}
	for {
		if i >= len(src) {
			if triple {
				return token{}, errorf(pos, "unterminated triple-quoted string literal (detected at line %d)", s.line)
			}
			return token{}, errorf(pos, "unterminated string literal (detected at line %d)", s.line)
		}
		c := src[i]
		switch {
		case c == quote:
			if !triple {
				s.off, s.buf = i+1, buf
				return token{kind: tString, pos: pos, str: str(i), bytes: isBytes}, nil
			}
			if i+2 < len(src) && src[i+1] == quote && src[i+2] == quote {
				s.off, s.buf = i+3, buf
				return token{kind: tString, pos: pos, str: str(i), bytes: isBytes}, nil
			}
			buf = append(buf, c)
			i++
		case c == '\n':
			if !triple {
				return token{}, errorf(pos, "unterminated string literal (detected at line %d)", s.line)
			}
			buf = append(buf, c)
			i++
			s.newline(i)
		case c == '\\' && raw:
			// In raw strings a backslash still protects the next quote,
			// backslash or newline from ending the literal, but stays.
			buf = append(buf, c)
			i++
			if i < len(src) && (src[i] == quote || src[i] == '\\' || src[i] == '\n') {
				buf = append(buf, src[i])
				i++
				if src[i-1] == '\n' {
					s.newline(i)
				}
			}
		case c == '\\':
			plain = false
			var err *Error
			if buf, i, err = s.escape(buf, i, isBytes); err != nil {
				return token{}, err
			}
		case c >= utf8.RuneSelf && isBytes:
			return token{}, errorf(pos, "bytes can only contain ASCII literal characters")
		default:
			// Copy the run of ordinary characters in one go.
			j := i + 1
			for j < len(src) && src[j] != quote && src[j] != '\\' && src[j] != '\n' && (src[j] < utf8.RuneSelf || !isBytes) {
				j++
			}
			buf = append(buf, src[i:j]...)
			i = j
		}
	}
}

// escape decodes the backslash escape at src[i], appending to buf, and
// returns the offset after it.
func (s *scanner) escape(buf []byte, i int, isBytes bool) ([]byte, int, *Error) {
	src := s.src
	epos := s.posAt(i)
	if i+1 >= len(src) {
		return buf, i + 1, nil // the caller reports the unterminated string
	}
	c := src[i+1]
	switch c {
	case '\n': // line continuation inside the literal
		s.newline(i + 2)
		return buf, i + 2, nil
	case '\\', '\'', '"':
		return append(buf, c), i + 2, nil
	case 'a':
		return append(buf, '\a'), i + 2, nil
	case 'b':
		return append(buf, '\b'), i + 2, nil
	case 'f':
		return append(buf, '\f'), i + 2, nil
	case 'n':
		return append(buf, '\n'), i + 2, nil
	case 'r':
		return append(buf, '\r'), i + 2, nil
	case 't':
		return append(buf, '\t'), i + 2, nil
	case 'v':
		return append(buf, '\v'), i + 2, nil
	case '0', '1', '2', '3', '4', '5', '6', '7':
		v, j := int(c-'0'), i+2
		for n := 1; n < 3 && j < len(src) && src[j] >= '0' && src[j] <= '7'; n++ {
			v = v*8 + int(src[j]-'0')
			j++
		}
		if isBytes {
			return append(buf, byte(v)), j, nil // CPython 3.11 truncates values above 0o377
		}
		return utf8.AppendRune(buf, rune(v)), j, nil
	case 'x':
		v, ok := hexVal(src, i+2, 2)
		if !ok {
			return buf, i, errorf(epos, `truncated \xXX escape`)
		}
		if isBytes {
			return append(buf, byte(v)), i + 4, nil
		}
		return utf8.AppendRune(buf, rune(v)), i + 4, nil
	case 'u', 'U':
		if isBytes {
			break
		}
		n, form := 4, `\uXXXX`
		if c == 'U' {
			n, form = 8, `\UXXXXXXXX`
		}
		v, ok := hexVal(src, i+2, n)
		if !ok {
			return buf, i, errorf(epos, "truncated %s escape", form)
		}
		if v > unicode.MaxRune {
			return buf, i, errorf(epos, "illegal Unicode character in %s escape", form)
		}
		// Lone surrogates cannot be held in UTF-8; AppendRune writes U+FFFD.
		return utf8.AppendRune(buf, rune(v)), i + 2 + n, nil
	case 'N':
		if isBytes {
			break
		}
		// A name table is out of scope, so \N{...} is reported, not decoded.
		j := i + 3
		if i+2 < len(src) && src[i+2] == '{' {
			for j < len(src) && src[j] != '}' && src[j] != '\n' && src[j] != '\'' && src[j] != '"' && src[j] != '\\' {
				j++
			}
		}
		if j >= len(src) || src[j] != '}' || j == i+3 {
			return buf, i, errorf(epos, `malformed \N character escape`)
		}
		return buf, i, errorf(epos, `\N{%s} escapes are not supported (no Unicode name table)`, clip(string(src[i+3:j])))
	}
	// Unknown escapes keep the backslash (Python only warns); the next
	// character is then read as an ordinary one.
	return append(buf, '\\'), i + 1, nil
}

func hexVal(src []byte, at, n int) (uint32, bool) {
	if at+n > len(src) {
		return 0, false
	}
	var v uint32
	for _, c := range src[at : at+n] {
		d := digitVal(c)
		if d >= 16 {
			return 0, false
		}
		v = v<<4 | uint32(d)
	}
	return v, true
}

func digitVal(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c|0x20 && c|0x20 <= 'f':
		return int(c|0x20-'a') + 10
	}
	return 99
}

func isDigit(c byte) bool     { return '0' <= c && c <= '9' }
func isLetter(c byte) bool    { return 'a' <= c|0x20 && c|0x20 <= 'z' }
func isIdentByte(c byte) bool { return isLetter(c) || isDigit(c) || c == '_' }
func isIDStart(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.In(r, unicode.Nl, unicode.Other_ID_Start)
}
func isIDContinue(r rune) bool {
	return isIDStart(r) || unicode.In(r, unicode.Nd, unicode.Mn, unicode.Mc, unicode.Pc, unicode.Other_ID_Continue)
}

// clip shortens s for use in an error message.
func clip(s string) string {
	const max = 60
	if len(s) <= max {
		return s
	}
	return strings.ToValidUTF8(s[:max], "") + "..."
}
