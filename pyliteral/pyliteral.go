// Package pyliteral parses a single Python 3 literal expression, the way
// CPython 3.11's ast.literal_eval accepts it, and keeps the source position
// of every value.
//
// It owns the Python side of reading files such as Odoo's __manifest__.py:
// tokenizing (strings with all their prefixes and escapes, numbers,
// comments, line continuations, indentation rules), parsing dict, list,
// tuple and set displays, and the small amount of evaluation literal_eval
// does: unary + or - on a number, real ± imaginary complex numbers, set(),
// adjacent string concatenation and hashability of dict keys and set
// elements. It also renders values the way Python's str() prints them.
//
// It does not evaluate anything else: names, calls (other than set()),
// operators, subscripts, comprehensions, f-strings and so on are reported
// as errors with their position. It knows nothing about Odoo manifests;
// interpreting the keys is the caller's job.
//
// As in CPython, a sign applies only directly to a number literal (--1 and
// -(-1) are rejected), the empty set() call is accepted, and decimal int
// literals are limited to 4300 digits. Deliberate differences: Ellipsis
// (...) and \N{NAME} escapes are rejected (no Unicode name table is kept),
// lone surrogates from escapes such as \ud800 become U+FFFD because Go
// strings hold UTF-8, and a UTF-8 byte order mark is skipped.
package pyliteral

import (
	"bytes"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind is the Python type of a Node.
type Kind int

const (
	None    Kind = iota
	Bool         // Node.Bool
	Int          // Python int (arbitrary precision): Node.Int holds *big.Int
	Float        // Node.Float
	Complex      // Node.Float = real, Node.Imag = imaginary
	Str          // Node.Str (decoded text)
	Bytes        // Node.Str holds the raw bytes
	List         // Node.Items
	Tuple        // Node.Items
	Set          // Node.Items, in source order, duplicates included
	Dict         // Node.Keys[i] -> Node.Items[i], in source order, duplicates included
)

var kindNames = [...]string{"NoneType", "bool", "int", "float", "complex", "str", "bytes", "list", "tuple", "set", "dict"}

// String returns the Python type name.
func (k Kind) String() string {
	if k >= 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// Pos is a source position: 1-based line and 1-based column in bytes. A
// leading UTF-8 byte order mark is not counted.
type Pos struct{ Line, Col int }

// Node is one Python value with the position where its expression starts.
type Node struct {
	Kind  Kind
	Pos   Pos // where the expression starts
	Bool  bool
	Int   *big.Int
	Float float64
	Imag  float64
	Str   string
	Items []*Node // elements of List/Tuple/Set, values of Dict
	Keys  []*Node // keys of Dict (same length as Items)
}

// Error is returned for any syntax or literal_eval-rejected construct.
type Error struct {
	Pos Pos
	Msg string
}

func (e *Error) Error() string {
	return fmt.Sprintf("line %d, column %d: %s", e.Pos.Line, e.Pos.Col, e.Msg)
}

func errorf(pos Pos, format string, args ...any) *Error {
	return &Error{Pos: pos, Msg: fmt.Sprintf(format, args...)}
}

// maxDepth bounds bracket nesting, like CPython's tokenizer (MAXLEVEL), so
// that hostile input cannot exhaust the stack.
const maxDepth = 200

var bom = []byte("\xef\xbb\xbf")

// Parse parses src (a whole file: may start with a UTF-8 BOM, may have comments,
// blank lines, a trailing newline) as exactly one Python literal expression.
func Parse(src []byte) (*Node, error) {
	src = normalizeNewlines(bytes.TrimPrefix(src, bom))
	if err := checkText(src); err != nil {
		return nil, err
	}
	var p parser
	p.s.init(src)
	if err := p.advance(); err != nil {
		return nil, err
	}
	if p.tok.kind == tEOF {
		return nil, errorf(p.tok.pos, "empty input: expected a Python literal")
	}
	n, err := p.parseTop()
	if err != nil {
		return nil, err
	}
	return n, nil
}

// normalizeNewlines turns \r\n and \r into \n, as Python's text-mode read
// and its tokenizer do. Columns are unaffected: \r only ever ends a line.
func normalizeNewlines(src []byte) []byte {
	if bytes.IndexByte(src, '\r') < 0 {
		return src
	}
	out := make([]byte, 0, len(src))
	for i := 0; i < len(src); i++ {
		c := src[i]
		if c == '\r' {
			c = '\n'
			if i+1 < len(src) && src[i+1] == '\n' {
				i++
			}
		}
		out = append(out, c)
	}
	return out
}

// checkText rejects invalid UTF-8 and NUL bytes up front, so the scanner
// can assume clean text.
func checkText(src []byte) *Error {
	if utf8.Valid(src) && bytes.IndexByte(src, 0) < 0 {
		return nil
	}
	pos := Pos{Line: 1, Col: 1}
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			return errorf(pos, "invalid UTF-8 byte 0x%02x", src[i])
		case r == 0:
			return errorf(pos, "source cannot contain null bytes")
		case r == '\n':
			pos.Line++
			pos.Col = 1
		default:
			pos.Col += size
		}
		i += size
	}
	return nil
}

// shape records what a parsed expression looked like in Python's AST, which
// is what literal_eval checks; parentheses do not change it.
type shape uint8

const (
	shConst   shape = iota // a Constant: number, string, True, False, None
	shSigned               // + or - applied directly to a number Constant
	shComplex              // real ± imaginary
	shName                 // a bare name (Node.Str); valid only as the callee of set()
	shOther                // containers and set()
)

type expr struct {
	n     *Node
	sh    shape
	start Pos // first token, which for "(1)+2j" is before n.Pos
}

// parser is a recursive-descent parser over the scanner, with one token
// of lookahead.
type parser struct {
	s      scanner
	tok    token
	opens  []token // open brackets, innermost last
	buf    []byte
	joined Pos    // the last of the adjacent literals in the last string parsed, if several
	slab   []Node // nodes are carved from blocks: one allocation per 16
}

func (p *parser) advance() *Error {
	t, err := p.s.next()
	if err != nil {
		return err
	}
	p.tok = t
	return nil
}

func (p *parser) isOp(op string) bool { return p.tok.kind == tOp && p.tok.text == op }

func (p *parser) isSign() bool { return p.isOp("+") || p.isOp("-") }

// parseTop parses the whole input: an expression, or a bare tuple as in
// "1, 2", then only blank lines and comments.
func (p *parser) parseTop() (*Node, *Error) {
	x, err := p.parseValue()
	if err != nil {
		return nil, err
	}
	n := x.n
	if p.isOp(",") {
		items := []*Node{n}
		for p.isOp(",") {
			if err := p.advance(); err != nil {
				return nil, err
			}
			if !p.startsExpr() {
				break
			}
			v, err := p.parseValue()
			if err != nil {
				return nil, err
			}
			items = append(items, v.n)
		}
		n = p.node(Node{Kind: Tuple, Pos: x.start, Items: items})
	}
	if p.tok.kind == tNewline {
		for p.tok.kind == tNewline {
			if err := p.advance(); err != nil {
				return nil, err
			}
		}
	} else if err := p.constructErr(); err != nil {
		return nil, err
	}
	if p.tok.kind != tEOF {
		return nil, errorf(p.tok.pos, "unexpected %s after the expression", describe(p.tok))
	}
	return n, nil
}

// parseValue parses an expression that must produce a value.
func (p *parser) parseValue() (expr, *Error) {
	x, err := p.parseExpr()
	if err == nil && x.sh == shName {
		err = nameErr(x.n)
	}
	return x, err
}

func nameErr(n *Node) *Error {
	return errorf(n.Pos, "name %q is not a literal", clip(n.Str))
}

// parseExpr parses a unary expression optionally followed by + or -; the
// only binary operation literal_eval accepts is real ± imaginary.
func (p *parser) parseExpr() (expr, *Error) {
	left, err := p.parseUnary()
	for err == nil && p.isSign() {
		op := p.tok
		if err = p.advance(); err != nil {
			break
		}
		var right expr
		if right, err = p.parseUnary(); err != nil {
			break
		}
		left, err = p.complexSum(left, op, right)
	}
	return left, err
}

func (p *parser) complexSum(l expr, op token, r expr) (expr, *Error) {
	if l.sh == shName {
		return expr{}, nameErr(l.n)
	}
	if r.sh == shName {
		return expr{}, nameErr(r.n)
	}
	realLeft := (l.sh == shConst || l.sh == shSigned) && (l.n.Kind == Int || l.n.Kind == Float)
	if !realLeft || r.sh != shConst || r.n.Kind != Complex {
		return expr{}, errorf(op.pos, "operator %s is only allowed between a real number and an imaginary number, as in 1%s2j", op.text, op.text)
	}
	re := l.n.Float
	if l.n.Kind == Int {
		f, _ := new(big.Float).SetInt(l.n.Int).Float64()
		if math.IsInf(f, 0) {
			return expr{}, errorf(l.n.Pos, "int too large to convert to float")
		}
		re = f
	}
	// Python computes complex(re, 0.0) ± complex(0.0, im) component-wise.
	n := p.node(Node{Kind: Complex, Pos: l.start})
	var zero float64
	if op.text == "+" {
		n.Float, n.Imag = re+r.n.Float, zero+r.n.Imag
	} else {
		n.Float, n.Imag = re-r.n.Float, zero-r.n.Imag
	}
	return expr{n, shComplex, l.start}, nil
}

// parseUnary parses an optional single sign, which must apply directly to a
// number: ast.literal_eval rejects --1, -(-1) and -True.
func (p *parser) parseUnary() (expr, *Error) {
	if !p.isSign() {
		return p.parsePostfix()
	}
	op := p.tok
	if err := p.advance(); err != nil {
		return expr{}, err
	}
	if p.isSign() {
		return expr{}, errorf(p.tok.pos, "repeated unary operator %s%s: literal_eval allows a single sign directly before a number", op.text, p.tok.text)
	}
	x, err := p.parsePostfix()
	if err != nil {
		return expr{}, err
	}
	if x.sh == shName {
		return expr{}, nameErr(x.n)
	}
	if x.sh != shConst || (x.n.Kind != Int && x.n.Kind != Float && x.n.Kind != Complex) {
		what := x.n.Kind.String()
		switch x.sh {
		case shSigned:
			what = "a signed number"
		case shComplex:
			what = "a complex sum"
		}
		return expr{}, errorf(op.pos, "unary %s is only allowed directly before a number, not %s", op.text, what)
	}
	// The operand is a fresh Constant, so it can be updated in place.
	n := x.n
	n.Pos = op.pos
	if op.text == "-" {
		switch n.Kind {
		case Int:
			n.Int.Neg(n.Int)
		case Float:
			n.Float = -n.Float
		case Complex:
			n.Float, n.Imag = -n.Float, -n.Imag
		}
	}
	return expr{n, shSigned, op.pos}, nil
}

// parsePostfix parses an atom and rejects calls, subscripts and attribute
// access on it, except set().
func (p *parser) parsePostfix() (expr, *Error) {
	x, err := p.parseAtom()
	if err != nil {
		return x, err
	}
	for p.tok.kind == tOp {
		switch p.tok.text {
		case "(":
			if x.sh == shName && x.n.Str == "set" {
				open := p.tok
				if err := p.advance(); err != nil {
					return expr{}, err
				}
				if !p.isOp(")") {
					if p.tok.kind == tEOF {
						return expr{}, p.neverClosed(open)
					}
					return expr{}, errorf(open.pos, "set() with arguments is not a literal; only an empty set() is")
				}
				if err := p.advance(); err != nil {
					return expr{}, err
				}
				x = expr{p.node(Node{Kind: Set, Pos: x.n.Pos}), shOther, x.start}
				continue
			}
			if x.sh == shName {
				return expr{}, errorf(x.n.Pos, "call of %q is not a literal", clip(x.n.Str))
			}
			return expr{}, errorf(p.tok.pos, "call is not a literal")
		case "[", ".":
			if x.sh == shName {
				return expr{}, nameErr(x.n)
			}
			if p.tok.text == "." {
				return expr{}, errorf(p.tok.pos, "attribute access is not a literal")
			}
			return expr{}, errorf(p.tok.pos, "subscript is not a literal")
		}
		break
	}
	return x, nil
}

var keywords = map[string]bool{
	"False": true, "None": true, "True": true, "and": true, "as": true, "assert": true,
	"async": true, "await": true, "break": true, "class": true, "continue": true,
	"def": true, "del": true, "elif": true, "else": true, "except": true,
	"finally": true, "for": true, "from": true, "global": true, "if": true,
	"import": true, "in": true, "is": true, "lambda": true, "nonlocal": true,
	"not": true, "or": true, "pass": true, "raise": true, "return": true,
	"try": true, "while": true, "with": true, "yield": true,
}

func (p *parser) parseAtom() (expr, *Error) {
	t := p.tok
	switch t.kind {
	case tNumber:
		return expr{t.num, shConst, t.pos}, p.advance()
	case tString:
		return p.parseStrings()
	case tName:
		var n *Node
		switch string(t.raw) {
		case "True":
			n = p.node(Node{Kind: Bool, Pos: t.pos, Bool: true})
		case "False":
			n = p.node(Node{Kind: Bool, Pos: t.pos})
		case "None":
			n = p.node(Node{Kind: None, Pos: t.pos})
		case "not":
			return expr{}, errorf(t.pos, "operator not is not allowed in a literal")
		case "lambda", "await", "yield":
			return expr{}, errorf(t.pos, "%s is not a literal", t.raw)
		default:
			if keywords[string(t.raw)] {
				return expr{}, errorf(t.pos, "unexpected keyword %q", t.raw)
			}
			return expr{p.node(Node{Pos: t.pos, Str: string(t.raw)}), shName, t.pos}, p.advance()
		}
		return expr{n, shConst, t.pos}, p.advance()
	case tOp:
		switch t.text {
		case "(":
			return p.parseParen()
		case "[":
			return p.parseList()
		case "{":
			return p.parseBrace()
		case "*":
			return expr{}, errorf(t.pos, "starred expression is not a literal")
		case "**":
			return expr{}, errorf(t.pos, "dict unpacking (**) is not a literal")
		case "...":
			return expr{}, errorf(t.pos, "Ellipsis (...) is not supported")
		case "~":
			return expr{}, errorf(t.pos, "operator ~ is not allowed in a literal")
		case ")", "]", "}":
			if len(p.opens) == 0 {
				return expr{}, errorf(t.pos, "unmatched %q", t.text)
			}
		}
	case tEOF:
		if len(p.opens) > 0 {
			return expr{}, p.neverClosed(p.opens[len(p.opens)-1])
		}
	}
	return expr{}, errorf(t.pos, "unexpected %s", describe(t))
}

// parseStrings concatenates adjacent string literals, as Python does.
func (p *parser) parseStrings() (expr, *Error) {
	first := p.tok
	kind := Str
	if first.bytes {
		kind = Bytes
	}
	if err := p.advance(); err != nil {
		return expr{}, err
	}
	p.joined = Pos{}
	if p.tok.kind != tString {
		return expr{p.node(Node{Kind: kind, Pos: first.pos, Str: first.str}), shConst, first.pos}, nil
	}
	buf := append(p.buf[:0], first.str...)
	for p.tok.kind == tString {
		p.joined = p.tok.pos
		if p.tok.bytes != first.bytes {
			return expr{}, errorf(p.tok.pos, "cannot mix bytes and nonbytes literals")
		}
		buf = append(buf, p.tok.str...)
		if err := p.advance(); err != nil {
			return expr{}, err
		}
	}
	p.buf = buf
	return expr{p.node(Node{Kind: kind, Pos: first.pos, Str: string(buf)}), shConst, first.pos}, nil
}

// node stores n in the current block of nodes and returns its address.
func (p *parser) node(n Node) *Node {
	if len(p.slab) == cap(p.slab) {
		p.slab = make([]Node, 0, 16)
	}
	p.slab = append(p.slab, n)
	return &p.slab[len(p.slab)-1]
}

// open consumes an opening bracket, enforcing the nesting limit.
func (p *parser) open() (token, *Error) {
	t := p.tok
	if len(p.opens) >= maxDepth {
		return t, errorf(t.pos, "too deeply nested (more than %d levels of brackets)", maxDepth)
	}
	p.opens = append(p.opens, t)
	return t, p.advance()
}

// close consumes the closing bracket the caller has checked for.
func (p *parser) close() *Error {
	p.opens = p.opens[:len(p.opens)-1]
	return p.advance()
}

// neverClosed reports the end of input inside brackets.
func (p *parser) neverClosed(open token) *Error {
	return errorf(open.pos, "%q was never closed", open.text)
}

// expected reports a missing separator or closing bracket inside the
// container opened by open.
func (p *parser) expected(open token, what string) *Error {
	t := p.tok
	if t.kind == tEOF {
		return p.neverClosed(open)
	}
	if err := p.constructErr(); err != nil {
		return err
	}
	if t.kind == tOp && (t.text == ")" || t.text == "]" || t.text == "}") {
		return errorf(t.pos, "closing %q does not match opening %q at line %d, column %d", t.text, open.text, open.pos.Line, open.pos.Col)
	}
	hint := ""
	if p.startsExpr() {
		hint = " (missing comma?)"
	}
	return errorf(t.pos, "expected %s, got %s%s", what, describe(t), hint)
}

func (p *parser) parseParen() (expr, *Error) {
	open, err := p.open()
	if err != nil {
		return expr{}, err
	}
	if p.isOp(")") {
		return expr{p.node(Node{Kind: Tuple, Pos: open.pos}), shOther, open.pos}, p.close()
	}
	if p.tok.kind == tEOF {
		return expr{}, p.neverClosed(open)
	}
	x, err := p.parseExpr()
	if err != nil {
		return expr{}, err
	}
	if p.isOp(",") {
		if x.sh == shName {
			return expr{}, nameErr(x.n)
		}
		n := p.node(Node{Kind: Tuple, Pos: open.pos, Items: []*Node{x.n}})
		for p.isOp(",") {
			if err := p.advance(); err != nil {
				return expr{}, err
			}
			if p.isOp(")") {
				break
			}
			if p.tok.kind == tEOF {
				return expr{}, p.neverClosed(open)
			}
			v, err := p.parseValue()
			if err != nil {
				return expr{}, err
			}
			n.Items = append(n.Items, v.n)
		}
		x = expr{n, shOther, open.pos}
	}
	if !p.isOp(")") {
		if x.sh == shName {
			return expr{}, nameErr(x.n)
		}
		return expr{}, p.expected(open, "',' or ')'")
	}
	// A parenthesized expression keeps its own shape and node position, as
	// in Python's AST; (set)() is therefore still set().
	x.start = open.pos
	return x, p.close()
}

func (p *parser) parseList() (expr, *Error) {
	open, err := p.open()
	if err != nil {
		return expr{}, err
	}
	n := p.node(Node{Kind: List, Pos: open.pos})
	for !p.isOp("]") {
		if p.tok.kind == tEOF {
			return expr{}, p.neverClosed(open)
		}
		v, err := p.parseValue()
		if err != nil {
			return expr{}, err
		}
		n.Items = append(n.Items, v.n)
		if p.isOp(",") {
			if err := p.advance(); err != nil {
				return expr{}, err
			}
		} else if !p.isOp("]") {
			return expr{}, p.expected(open, "',' or ']'")
		}
	}
	return expr{n, shOther, open.pos}, p.close()
}

// parseBrace parses a dict display or, if the first item has no ':', a set.
func (p *parser) parseBrace() (expr, *Error) {
	open, err := p.open()
	if err != nil {
		return expr{}, err
	}
	kind := Dict
	n := p.node(Node{Kind: Dict, Pos: open.pos})
	joined := false // the last value was a concatenation of adjacent strings
	for !p.isOp("}") {
		if p.tok.kind == tEOF {
			return expr{}, p.neverClosed(open)
		}
		if p.isOp("**") && kind == Dict {
			return expr{}, errorf(p.tok.pos, "dict unpacking (**) is not a literal")
		}
		kx, err := p.parseValue()
		if err != nil {
			return expr{}, err
		}
		k := kx.n
		if len(n.Items) == 0 && !p.isOp(":") {
			kind, n.Kind = Set, Set
		}
		if err := checkHashable(k); err != nil {
			return expr{}, err
		}
		if kind == Dict {
			if !p.isOp(":") {
				if p.tok.kind == tEOF {
					return expr{}, p.neverClosed(open)
				}
				if err := p.constructErr(); err != nil {
					return expr{}, err
				}
				return expr{}, errorf(p.tok.pos, "expected ':' after dict key, got %s", describe(p.tok))
			}
			if err := p.advance(); err != nil {
				return expr{}, err
			}
			v, err := p.parseValue()
			if err != nil {
				return expr{}, err
			}
			n.Keys = append(n.Keys, k)
			n.Items = append(n.Items, v.n)
			joined = v.sh == shConst && (v.n.Kind == Str || v.n.Kind == Bytes) && p.joined.Line > 0
		} else {
			n.Items = append(n.Items, k)
		}
		if p.isOp(",") {
			if err := p.advance(); err != nil {
				return expr{}, err
			}
		} else if !p.isOp("}") {
			if p.isOp(":") && kind == Dict && joined {
				// {'a': 'x'  'b': 'y'} reads as {'a': 'xb': ...}.
				return expr{}, errorf(p.tok.pos, "expected ',' or '}', got ':' (missing comma before the string at line %d, column %d? adjacent strings are concatenated)", p.joined.Line, p.joined.Col)
			}
			return expr{}, p.expected(open, "',' or '}'")
		}
	}
	return expr{n, shOther, open.pos}, p.close()
}

// checkHashable reports what Python would raise as TypeError when building
// the dict or set: lists, dicts and sets (also inside tuples) are unhashable.
func checkHashable(n *Node) *Error {
	switch n.Kind {
	case List, Set, Dict:
		return errorf(n.Pos, "unhashable type: '%s' (dict keys and set elements must be hashable)", n.Kind)
	case Tuple:
		for _, it := range n.Items {
			if err := checkHashable(it); err != nil {
				return err
			}
		}
	}
	return nil
}

// startsExpr reports whether the current token can begin an expression.
func (p *parser) startsExpr() bool {
	switch p.tok.kind {
	case tName, tNumber, tString:
		return true
	case tOp:
		switch p.tok.text {
		case "(", "[", "{", "+", "-", "~", "*", "**", "...":
			return true
		}
	}
	return false
}

// constructErr names the non-literal construct that the current token,
// found right after a complete expression, would start.
func (p *parser) constructErr() *Error {
	t := p.tok
	var op string
	switch t.kind {
	case tOp:
		op = t.text
	case tName:
		op = string(t.raw)
	default:
		return nil
	}
	switch op {
	case "*", "/", "//", "%", "**", "@", "<<", ">>", "&", "|", "^",
		"<", ">", "<=", ">=", "==", "!=", "and", "or", "not", "in", "is":
		return errorf(t.pos, "operator %s is not allowed in a literal", op)
	case "if":
		return errorf(t.pos, "conditional expression is not a literal")
	case "for", "async":
		return errorf(t.pos, "comprehension is not a literal")
	case ":=":
		return errorf(t.pos, "assignment expression (:=) is not a literal")
	case "=", "+=", "-=", "*=", "/=", "//=", "%=", "@=", "&=", "|=", "^=", ">>=", "<<=", "**=":
		return errorf(t.pos, "assignment is not a literal")
	}
	return nil
}

func describe(t token) string {
	switch t.kind {
	case tEOF:
		return "end of input"
	case tNewline:
		return "newline"
	case tName:
		if keywords[string(t.raw)] {
			return fmt.Sprintf("keyword %q", t.raw)
		}
		return fmt.Sprintf("name %q", clip(string(t.raw)))
	case tNumber:
		return "number " + clip(string(t.raw))
	case tString:
		if t.bytes {
			return "bytes literal"
		}
		return "string literal"
	}
	return "'" + t.text + "'"
}

// Truthy reports Python truthiness (None/False/0/0.0/0j/""/b""/empty containers are false).
func (n *Node) Truthy() bool {
	if n == nil {
		return false
	}
	switch n.Kind {
	case Bool:
		return n.Bool
	case Int:
		return n.Int != nil && n.Int.Sign() != 0
	case Float:
		return n.Float != 0 // NaN is true, as in Python
	case Complex:
		return n.Float != 0 || n.Imag != 0
	case Str, Bytes:
		return n.Str != ""
	case List, Tuple, Set, Dict:
		return len(n.Items) > 0
	}
	return false
}

// Lookup returns the value for a str key in a Dict (the LAST occurrence wins,
// as in Python dict displays) or nil. It is nil-safe, so lookups can chain.
func (n *Node) Lookup(key string) *Node {
	if n == nil || n.Kind != Dict {
		return nil
	}
	for i := min(len(n.Keys), len(n.Items)) - 1; i >= 0; i-- {
		if k := n.Keys[i]; k != nil && k.Kind == Str && k.Str == key {
			return n.Items[i]
		}
	}
	return nil
}

// PyStr returns what Python's str(value) would print for the node: for Str
// its text, otherwise Python's repr. Dicts and sets are printed with
// duplicates merged as Python merges them (first key, last value); set
// elements keep source order, whereas Python's order depends on hashing.
// A nil node gives "".
func (n *Node) PyStr() string {
	if n == nil {
		return ""
	}
	if n.Kind == Str {
		return n.Str
	}
	return string(appendRepr(nil, n))
}

func appendRepr(b []byte, n *Node) []byte {
	if n == nil {
		return append(b, "None"...)
	}
	switch n.Kind {
	case None:
		return append(b, "None"...)
	case Bool:
		if n.Bool {
			return append(b, "True"...)
		}
		return append(b, "False"...)
	case Int:
		if n.Int == nil {
			return append(b, '0')
		}
		return n.Int.Append(b, 10)
	case Float:
		return appendFloat(b, n.Float, true, false)
	case Complex:
		// Python omits a +0.0 real part and the parentheses.
		if n.Float == 0 && !math.Signbit(n.Float) {
			b = appendFloat(b, n.Imag, false, false)
			return append(b, 'j')
		}
		b = append(b, '(')
		b = appendFloat(b, n.Float, false, false)
		b = appendFloat(b, n.Imag, false, true)
		return append(b, "j)"...)
	case Str:
		return appendQuoted(b, n.Str, false)
	case Bytes:
		return appendQuoted(append(b, 'b'), n.Str, true)
	case List:
		return appendItems(append(b, '['), n.Items, nil, "]")
	case Tuple:
		if len(n.Items) == 1 {
			return append(appendRepr(append(b, '('), n.Items[0]), ",)"...)
		}
		return appendItems(append(b, '('), n.Items, nil, ")")
	case Set:
		first, _ := dedup(n.Items)
		var items []*Node
		for i, f := range first {
			if f == i {
				items = append(items, n.Items[i])
			}
		}
		if len(items) == 0 {
			return append(b, "set()"...)
		}
		return appendItems(append(b, '{'), items, nil, "}")
	case Dict:
		m := min(len(n.Keys), len(n.Items))
		first, last := dedup(n.Keys[:m])
		var keys, vals []*Node
		for i, f := range first {
			if f == i {
				keys = append(keys, n.Keys[i])
				vals = append(vals, n.Items[last[i]])
			}
		}
		return appendItems(append(b, '{'), vals, keys, "}")
	}
	return append(b, "<"+n.Kind.String()+">"...)
}

func appendItems(b []byte, items, keys []*Node, end string) []byte {
	for i, it := range items {
		if i > 0 {
			b = append(b, ", "...)
		}
		if keys != nil {
			b = append(appendRepr(b, keys[i]), ": "...)
		}
		b = appendRepr(b, it)
	}
	return append(b, end...)
}

// dedup finds equal hashable values the way a Python dict or set does:
// first[i] is the index of the first value equal to keys[i], and for each
// first index f, last[f] is the index of the last value equal to it.
func dedup(keys []*Node) (first, last []int) {
	first = make([]int, len(keys))
	last = make([]int, len(keys))
	seen := make(map[string]int, len(keys))
	var kb []byte
	for i, k := range keys {
		var ok bool
		first[i] = i
		if kb, ok = appendKey(kb[:0], k); ok {
			if j, dup := seen[string(kb)]; dup {
				first[i] = j
			} else {
				seen[string(kb)] = i
			}
		}
		last[first[i]] = i
	}
	return first, last
}

// appendKey appends an encoding of n such that two hashable values get the
// same encoding exactly when Python considers them equal (1 == 1.0 == True
// == 1+0j, -0.0 == 0). It reports false for values never equal to another
// (NaN) or unhashable ones.
func appendKey(b []byte, n *Node) ([]byte, bool) {
	if n == nil {
		return b, false
	}
	switch n.Kind {
	case None:
		return append(b, 'N'), true
	case Bool:
		if n.Bool {
			return append(b, "i1;"...), true
		}
		return append(b, "i0;"...), true
	case Int:
		if n.Int == nil {
			return append(b, "i0;"...), true
		}
		return append(n.Int.Append(append(b, 'i'), 16), ';'), true
	case Float:
		return appendRealKey(b, n.Float)
	case Complex:
		if n.Imag == 0 {
			return appendRealKey(b, n.Float)
		}
		if math.IsNaN(n.Float) || math.IsNaN(n.Imag) {
			return b, false
		}
		re := n.Float
		if re == 0 {
			re = 0 // merge -0.0 into 0.0
		}
		b = strconv.AppendUint(append(b, 'c'), math.Float64bits(re), 16)
		b = strconv.AppendUint(append(b, ','), math.Float64bits(n.Imag), 16)
		return append(b, ';'), true
	case Str, Bytes:
		b = append(b, "sb"[n.Kind-Str])
		b = strconv.AppendInt(b, int64(len(n.Str)), 10)
		return append(append(b, ':'), n.Str...), true
	case Tuple:
		b = append(b, 't')
		for _, it := range n.Items {
			var ok bool
			if b, ok = appendKey(b, it); !ok {
				return b, false
			}
		}
		return append(b, ')'), true
	}
	return b, false
}

func appendRealKey(b []byte, f float64) ([]byte, bool) {
	switch {
	case math.IsNaN(f):
		return b, false
	case math.IsInf(f, 0):
		return strconv.AppendUint(append(b, 'f'), math.Float64bits(f), 16), true
	case f == math.Trunc(f):
		// Integral floats equal ints, so share the int encoding.
		x, _ := new(big.Float).SetFloat64(f).Int(nil)
		return append(x.Append(append(b, 'i'), 16), ';'), true
	}
	return append(strconv.AppendUint(append(b, 'f'), math.Float64bits(f), 16), ';'), true
}

// appendFloat formats f like CPython's repr (format code 'r'): the shortest
// digits that round-trip, positional for 1e-4 <= |f| < 1e16, otherwise an
// exponent with at least two digits. dot0 adds ".0" to integral values, as
// float repr does but complex repr does not; sign forces a leading '+'.
func appendFloat(b []byte, f float64, dot0, sign bool) []byte {
	switch {
	case math.IsNaN(f): // the sign of a NaN is ignored
		if sign {
			b = append(b, '+')
		}
		return append(b, "nan"...)
	case math.Signbit(f):
		b = append(b, '-')
		f = -f
	case sign:
		b = append(b, '+')
	}
	if math.IsInf(f, 0) {
		return append(b, "inf"...)
	}
	var tmp [32]byte
	e := strconv.AppendFloat(tmp[:0], f, 'e', -1, 64) // d[.ddd]e±XX
	k := bytes.IndexByte(e, 'e')
	exp, _ := strconv.Atoi(string(e[k+1:]))
	var digs [24]byte
	digits := append(digs[:0], e[0])
	if k > 1 {
		digits = append(digits, e[2:k]...)
	}
	decpt := exp + 1 // digits are 0.d1d2... × 10^decpt
	switch {
	case decpt <= -4 || decpt > 16:
		b = append(b, digits[0])
		if len(digits) > 1 {
			b = append(append(b, '.'), digits[1:]...)
		}
		b = append(b, 'e')
		if exp < 0 {
			b = append(b, '-')
			exp = -exp
		} else {
			b = append(b, '+')
		}
		if exp < 10 {
			b = append(b, '0')
		}
		return strconv.AppendInt(b, int64(exp), 10)
	case decpt <= 0:
		b = append(b, "0."...)
		for ; decpt < 0; decpt++ {
			b = append(b, '0')
		}
		return append(b, digits...)
	case decpt >= len(digits):
		b = append(b, digits...)
		for i := len(digits); i < decpt; i++ {
			b = append(b, '0')
		}
		if dot0 {
			b = append(b, ".0"...)
		}
		return b
	}
	return append(append(append(b, digits[:decpt]...), '.'), digits[decpt:]...)
}

// appendQuoted writes s as Python's repr of a str (or bytes) does: single
// quotes unless s contains ' but no ", with non-printable characters
// escaped.
func appendQuoted(b []byte, s string, isBytes bool) []byte {
	quote := byte('\'')
	if strings.IndexByte(s, '\'') >= 0 && strings.IndexByte(s, '"') < 0 {
		quote = '"'
	}
	b = append(b, quote)
	esc := func(r rune) bool {
		switch {
		case r == rune(quote) || r == '\\':
			b = append(b, '\\', byte(r))
		case r == '\t':
			b = append(b, `\t`...)
		case r == '\n':
			b = append(b, `\n`...)
		case r == '\r':
			b = append(b, `\r`...)
		case r < ' ' || r == 0x7f:
			b = appendHexEscape(b, 'x', uint32(r), 2)
		default:
			return false
		}
		return true
	}
	if isBytes {
		for i := 0; i < len(s); i++ {
			c := s[i]
			if !esc(rune(c)) {
				if c >= 0x80 {
					b = appendHexEscape(b, 'x', uint32(c), 2)
				} else {
					b = append(b, c)
				}
			}
		}
		return append(b, quote)
	}
	for _, r := range s {
		switch {
		case esc(r):
		case r < utf8.RuneSelf || unicode.IsPrint(r):
			b = utf8.AppendRune(b, r)
		case r <= 0xff:
			b = appendHexEscape(b, 'x', uint32(r), 2)
		case r <= 0xffff:
			b = appendHexEscape(b, 'u', uint32(r), 4)
		default:
			b = appendHexEscape(b, 'U', uint32(r), 8)
		}
	}
	return append(b, quote)
}

func appendHexEscape(b []byte, kind byte, v uint32, width int) []byte {
	const hexDigits = "0123456789abcdef"
	b = append(b, '\\', kind)
	for shift := 4 * (width - 1); shift >= 0; shift -= 4 {
		b = append(b, hexDigits[v>>uint(shift)&0xf])
	}
	return b
}

// FloatRepr formats f exactly as Python's repr(float) does ("1.0",
// "1e+16", "inf", "nan"), for callers that must print floats the way a
// Python program would.
func FloatRepr(f float64) string { return string(appendFloat(nil, f, true, false)) }

// StrRepr formats s exactly as Python's repr(str) does ('it\'s' becomes
// "it's", control characters are escaped).
func StrRepr(s string) string { return string(appendQuoted(nil, s, false)) }

// BytesRepr formats b exactly as Python's repr(bytes) does (b'\x00').
func BytesRepr(b string) string { return "b" + string(appendQuoted(nil, b, true)) }
