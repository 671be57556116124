package prepass

// The tokenizer follows CPython 3.11's lexical rules closely enough for
// the rewrite: whitespace, comments, line continuations and newlines
// inside brackets are not tokens (they are the "gaps" the renderer copies
// verbatim), a logical NEWLINE is a token, and adjacent string literals
// are merged into one token (an implicit concatenation group) whose parts
// are kept in a side table.

type kind uint8

const (
	kName kind = iota + 1
	kNumber
	kString
	kOp
	kNewline
)

// code refines a token's kind: the operator for kOp, the keyword class for
// kName.
type code uint8

const (
	cNone code = iota
	opLParen
	opRParen
	opLBrack
	opRBrack
	opLBrace
	opRBrace
	opPlus
	opMinus
	opStar
	opSlash
	opDSlash
	opPercent
	opAt
	opPow
	opTilde
	opDot
	opEllipsis
	opComma
	opColon
	opSemi
	opAssign
	opPlusEq
	opPercentEq
	opAugOther // -= *= /= //= **= @= &= |= ^= <<= >>=
	opWalrus
	opArrow
	opOrder   // < <= > >=
	opCompare // == != <>
	opShift
	opBitop // & | ^
	opOther // anything CPython would reject; left for the compiler

	nmPlain // an identifier (including soft keywords used as names)
	nmSuper
	nmMatch
	nmCase
	kwAtom // None True False
	kwAwait
	kwDef
	kwClass
	kwIf
	kwFor
	kwIn
	kwNot
	kwIs
	kwOther // every other hard keyword: bounds an arithmetic chain
)

// isKeyword reports whether c is a hard keyword that ends an expression
// (every keyword but None/True/False and await).
func isKeyword(c code) bool { return c >= kwDef }

type token struct {
	start, end int32
	match      int32 // brackets: index of the partner bracket
	indent     int32 // bol tokens: visual column of the logical line
	part0      int32 // strings: first part in rewriter.parts
	nparts     int32
	kind       kind
	code       code
	bol        bool // first token of a logical line
}

// strPart is one string literal of an implicit concatenation group.
type strPart struct {
	start, end int32 // the whole literal, prefix and quotes included
	pfx        uint8 // prefix length
	q          uint8 // quote length: 1 or 3
	f, raw, b  bool
}

// maxNesting mirrors CPython's tokenizer limit (MAXLEVEL) on brackets in
// the input; it also bounds the rewriter's recursion.
const maxNesting = 200

// tokenize appends the tokens of src[start:end] to r.toks. depth0 > 0
// treats the range as the inside of a bracket (an f-string replacement
// field), where newlines are insignificant.
func (r *rewriter) tokenize(start, end, depth0 int) error {
	src := r.src
	var stackBuf [16]int32
	stack := stackBuf[:0]
	lineHasTok := false
	i := start
	if start == 0 && end >= 3 && src[0] == 0xEF && src[1] == 0xBB && src[2] == 0xBF {
		i = 3 // UTF-8 BOM
	}
	for i < end {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\f' || c == '\r':
			i++
			continue
		case c == '\n':
			if depth0+len(stack) == 0 && lineHasTok {
				r.toks = append(r.toks, token{start: int32(i), end: int32(i + 1), kind: kNewline})
				lineHasTok = false
			}
			i++
			continue
		case c == '#':
			for i < end && src[i] != '\n' {
				i++
			}
			continue
		case c == '\\':
			switch {
			case i+1 < end && src[i+1] == '\n':
				i += 2
			case i+2 < end && src[i+1] == '\r' && src[i+2] == '\n':
				i += 3
			default:
				return r.errAt(i, "unexpected character after line continuation character")
			}
			continue
		}

		tok := token{start: int32(i), match: -1}
		if !lineHasTok && depth0+len(stack) == 0 {
			tok.bol = true
			tok.indent = int32(indentOf(src, i))
		}
		lineHasTok = true
		switch {
		case isIdentStart(c):
			j := i + 1
			for j < end && isIdentChar(src[j]) {
				j++
			}
			if j < end && (src[j] == '\'' || src[j] == '"') {
				if ok, f, raw, b := strPrefix(src[i:j]); ok {
					e, err := r.scanString(i, j, end)
					if err != nil {
						return err
					}
					r.addString(tok, strPart{start: int32(i), end: int32(e), pfx: uint8(j - i), q: quoteLen(src, j, end), f: f, raw: raw, b: b})
					i = e
					continue
				}
			}
			tok.kind, tok.code = kName, nameCode(src[i:j])
			i = j
		case isDigit(c) || (c == '.' && i+1 < end && isDigit(src[i+1])):
			tok.kind = kNumber
			i = scanNumber(src, i, end)
		case c == '\'' || c == '"':
			e, err := r.scanString(i, i, end)
			if err != nil {
				return err
			}
			r.addString(tok, strPart{start: int32(i), end: int32(e), q: quoteLen(src, i, end)})
			i = e
			continue
		default:
			tok.kind = kOp
			n, op := scanOp(src, i, end)
			tok.code = op
			switch op {
			case opLParen, opLBrack, opLBrace:
				if len(stack) >= r.nesting {
					return r.errAt(i, "too many nested parentheses")
				}
				stack = append(stack, int32(len(r.toks)))
			case opRParen, opRBrack, opRBrace:
				if len(stack) == 0 {
					return r.errAt(i, "unmatched '"+string(c)+"'")
				}
				o := stack[len(stack)-1]
				open := src[r.toks[o].start]
				if closerOf(open) != c {
					msg := "closing parenthesis '" + string(c) + "' does not match opening parenthesis '" + string(open) + "'"
					if ol := lineOf(src, int(r.toks[o].start)); ol != lineOf(src, i) {
						msg += " on line " + itoa(ol)
					}
					return r.errAt(i, msg)
				}
				stack = stack[:len(stack)-1]
				tok.match = o
				r.toks[o].match = int32(len(r.toks))
			}
			i += n
		}
		tok.end = int32(i)
		r.toks = append(r.toks, tok)
	}
	if len(stack) > 0 {
		o := r.toks[stack[len(stack)-1]]
		return r.errAt(int(o.start), "'"+string(src[o.start])+"' was never closed")
	}
	return nil
}

// addString appends a literal, merging it into the previous token when
// that is a string: adjacent literals form one concatenation group.
func (r *rewriter) addString(tok token, p strPart) {
	r.parts = append(r.parts, p)
	if n := len(r.toks); n > 0 && r.toks[n-1].kind == kString {
		r.toks[n-1].end = p.end
		r.toks[n-1].nparts++
		return
	}
	tok.kind = kString
	tok.end = p.end
	tok.part0 = int32(len(r.parts) - 1)
	tok.nparts = 1
	r.toks = append(r.toks, tok)
}

func quoteLen(src []byte, q, end int) uint8 {
	if q+2 < end && src[q+1] == src[q] && src[q+2] == src[q] {
		return 3
	}
	return 1
}

// scanString returns the end of the literal whose prefix starts at start
// and whose opening quote is at q. A backslash always escapes the next
// character for the purpose of finding the end, raw or not, as in CPython.
func (r *rewriter) scanString(start, q, end int) (int, error) {
	src := r.src
	qc := src[q]
	if quoteLen(src, q, end) == 3 {
		for j := q + 3; j < end; j++ {
			switch src[j] {
			case '\\':
				j++
			case qc:
				if j+2 < end && src[j+1] == qc && src[j+2] == qc {
					return j + 3, nil
				}
			}
		}
		return 0, r.errAt(start, "unterminated triple-quoted string literal (detected at line "+itoa(lineOf(src, end))+")")
	}
	for j := q + 1; j < end; j++ {
		switch src[j] {
		case '\\':
			if j+2 < end && src[j+1] == '\r' && src[j+2] == '\n' {
				j += 2
			} else {
				j++
			}
		case '\n':
			return 0, r.errAt(start, "unterminated string literal (detected at line "+itoa(lineOf(src, start))+")")
		case qc:
			return j + 1, nil
		}
	}
	return 0, r.errAt(start, "unterminated string literal (detected at line "+itoa(lineOf(src, start))+")")
}

// scanNumber returns the end of the number at src[i]. As in CPython, '_'
// separates digits and cannot end a run.
func scanNumber(src []byte, i, end int) int {
	j := i
	if src[j] == '0' && j+1 < end && (src[j+1]|0x20 == 'x' || src[j+1]|0x20 == 'o' || src[j+1]|0x20 == 'b') {
		return digits(src, j+2, end, isHex)
	}
	j = digits(src, j, end, isDigit)
	if j < end && src[j] == '.' {
		j = digits(src, j+1, end, isDigit)
	}
	if j < end && src[j]|0x20 == 'e' {
		k := j + 1
		if k < end && (src[k] == '+' || src[k] == '-') {
			k++
		}
		if k < end && isDigit(src[k]) {
			j = digits(src, k, end, isDigit)
		}
	}
	if j < end && src[j]|0x20 == 'j' {
		j++
	}
	return j
}

func digits(src []byte, j, end int, isD func(byte) bool) int {
	for j < end {
		switch {
		case isD(src[j]):
			j++
		case src[j] == '_' && j+1 < end && isD(src[j+1]):
			j += 2
		default:
			return j
		}
	}
	return j
}

// scanOp returns the length and code of the operator at src[i].
func scanOp(src []byte, i, end int) (int, code) {
	c := src[i]
	at := func(k int) byte {
		if i+k < end {
			return src[i+k]
		}
		return 0
	}
	switch c {
	case '(':
		return 1, opLParen
	case ')':
		return 1, opRParen
	case '[':
		return 1, opLBrack
	case ']':
		return 1, opRBrack
	case '{':
		return 1, opLBrace
	case '}':
		return 1, opRBrace
	case ',':
		return 1, opComma
	case ';':
		return 1, opSemi
	case '~':
		return 1, opTilde
	case '+':
		if at(1) == '=' {
			return 2, opPlusEq
		}
		return 1, opPlus
	case '-':
		switch at(1) {
		case '=':
			return 2, opAugOther
		case '>':
			return 2, opArrow
		}
		return 1, opMinus
	case '*':
		if at(1) == '*' {
			if at(2) == '=' {
				return 3, opAugOther
			}
			return 2, opPow
		}
		if at(1) == '=' {
			return 2, opAugOther
		}
		return 1, opStar
	case '/':
		if at(1) == '/' {
			if at(2) == '=' {
				return 3, opAugOther
			}
			return 2, opDSlash
		}
		if at(1) == '=' {
			return 2, opAugOther
		}
		return 1, opSlash
	case '%':
		if at(1) == '=' {
			return 2, opPercentEq
		}
		return 1, opPercent
	case '@':
		if at(1) == '=' {
			return 2, opAugOther
		}
		return 1, opAt
	case '&', '|', '^':
		if at(1) == '=' {
			return 2, opAugOther
		}
		return 1, opBitop
	case '<', '>':
		if at(1) == c {
			if at(2) == '=' {
				return 3, opAugOther
			}
			return 2, opShift
		}
		if at(1) == '=' {
			return 2, opOrder
		}
		if c == '<' && at(1) == '>' {
			return 2, opCompare
		}
		return 1, opOrder
	case '=':
		if at(1) == '=' {
			return 2, opCompare
		}
		return 1, opAssign
	case '!':
		if at(1) == '=' {
			return 2, opCompare
		}
		return 1, opOther
	case '.':
		if at(1) == '.' && at(2) == '.' {
			return 3, opEllipsis
		}
		return 1, opDot
	case ':':
		if at(1) == '=' {
			return 2, opWalrus
		}
		return 1, opColon
	}
	return 1, opOther
}

func nameCode(b []byte) code {
	switch string(b) {
	case "None", "True", "False":
		return kwAtom
	case "await":
		return kwAwait
	case "def":
		return kwDef
	case "class":
		return kwClass
	case "if":
		return kwIf
	case "for":
		return kwFor
	case "in":
		return kwIn
	case "not":
		return kwNot
	case "is":
		return kwIs
	case "and", "as", "assert", "async", "break", "continue", "del", "elif", "else", "except",
		"finally", "from", "global", "import", "lambda", "nonlocal",
		"or", "pass", "raise", "return", "try", "while", "with", "yield":
		return kwOther
	case "super":
		return nmSuper
	case "match":
		return nmMatch
	case "case":
		return nmCase
	}
	return nmPlain
}

// strPrefix reports whether b is a valid string prefix (any case) and
// what it means.
func strPrefix(b []byte) (ok, f, raw, bytes bool) {
	if len(b) > 2 {
		return false, false, false, false
	}
	var u bool
	for _, c := range b {
		switch c | 0x20 {
		case 'f':
			if f {
				return false, false, false, false
			}
			f = true
		case 'r':
			if raw {
				return false, false, false, false
			}
			raw = true
		case 'b':
			if bytes {
				return false, false, false, false
			}
			bytes = true
		case 'u':
			u = true
		default:
			return false, false, false, false
		}
	}
	if u && len(b) != 1 || f && bytes {
		return false, false, false, false
	}
	return true, f, raw, bytes
}

// indentOf is the visual column of src[i] on its physical line, with
// CPython's tab stops of 8.
func indentOf(src []byte, i int) int {
	ls := i
	for ls > 0 && src[ls-1] != '\n' {
		ls--
	}
	col := 0
	for k := ls; k < i; k++ {
		switch src[k] {
		case '\t':
			col = (col/8 + 1) * 8
		case '\f':
			col = 0
		default:
			col++
		}
	}
	return col
}

func closerOf(open byte) byte {
	switch open {
	case '(':
		return ')'
	case '[':
		return ']'
	}
	return '}'
}

// Byte classes, looked up in the tokenizer's hot loops. Every byte >= 0x80
// counts as an identifier byte (non-ASCII letters in UTF-8).
const (
	clsIdentStart uint8 = 1 << iota
	clsDigit
	clsHex
)

var byteClass = func() (t [256]uint8) {
	for c := 0; c < 256; c++ {
		b := byte(c)
		if b == '_' || b|0x20 >= 'a' && b|0x20 <= 'z' || b >= 0x80 {
			t[c] |= clsIdentStart
		}
		if b >= '0' && b <= '9' {
			t[c] |= clsDigit | clsHex
		}
		if b|0x20 >= 'a' && b|0x20 <= 'f' {
			t[c] |= clsHex
		}
	}
	return t
}()

func isDigit(c byte) bool      { return byteClass[c]&clsDigit != 0 }
func isHex(c byte) bool        { return byteClass[c]&clsHex != 0 }
func isIdentStart(c byte) bool { return byteClass[c]&clsIdentStart != 0 }
func isIdentChar(c byte) bool  { return byteClass[c]&(clsIdentStart|clsDigit) != 0 }
