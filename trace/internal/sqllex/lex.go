// Package sqllex splits PostgreSQL text into tokens and statements, for
// the trace command's schema reader and catalog query engine. It knows
// PostgreSQL's lexical rules (quoted identifiers, standard and E-prefixed strings,
// dollar quoting, nested block comments, psql's backslash lines and
// COPY … FROM stdin data) and nothing of the grammar.
package sqllex

import (
	"fmt"
	"strings"
)

// Kind is a token's lexical class.
type Kind uint8

const (
	EOF    Kind = iota
	Ident       // an unquoted word, Text lowercased as PostgreSQL folds it
	QIdent      // a "quoted identifier", Text unquoted
	String      // a string constant, Text its value
	Number      // an integer or decimal constant
	Op          // an operator or punctuation: ( ) , ; . [ ] :: = <> || …
	Param       // a positional parameter $1
)

// Token is one token and where it starts.
type Token struct {
	Kind Kind
	Text string
	Pos  int // byte offset in the source
	End  int // byte offset just past the token
	Line int // 1-based
}

// Is says whether t is the unquoted keyword kw (lowercase).
func (t Token) Is(kw string) bool { return t.Kind == Ident && t.Text == kw }

// IsOp says whether t is the operator or punctuation op.
func (t Token) IsOp(op string) bool { return t.Kind == Op && t.Text == op }

// Name says whether t can be a name (an identifier, quoted or not).
func (t Token) Name() bool { return t.Kind == Ident || t.Kind == QIdent }

func (t Token) String() string {
	switch t.Kind {
	case EOF:
		return "end of statement"
	case QIdent:
		return `"` + t.Text + `"`
	case String:
		return "'" + t.Text + "'"
	}
	return "'" + t.Text + "'"
}

// Error is a lexical error at a line.
type Error struct {
	Line int
	Msg  string
}

func (e *Error) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// Lexer reads tokens from a source text.
type Lexer struct {
	src  string
	pos  int
	line int
}

// New starts a lexer at line 1 of src.
func New(src string) *Lexer { return &Lexer{src: src, line: 1} }

// Next returns the next token, skipping spaces and comments.
func (l *Lexer) Next() (Token, error) {
	t, err := l.next()
	t.End = l.pos
	return t, err
}

func (l *Lexer) next() (Token, error) {
	if err := l.skipSpace(); err != nil {
		return Token{}, err
	}
	start, line := l.pos, l.line
	tok := Token{Pos: start, Line: line}
	if l.pos >= len(l.src) {
		tok.Kind = EOF
		return tok, nil
	}
	c := l.src[l.pos]
	switch {
	case (c == 'e' || c == 'E') && l.peek(1) == '\'':
		l.pos++
		s, err := l.quoted('\'', true)
		tok.Kind, tok.Text = String, s
		return tok, err
	case (c == 'u' || c == 'U') && l.peek(1) == '&' && (l.peek(2) == '\'' || l.peek(2) == '"'):
		return tok, &Error{line, "Unicode escape strings (U&'…') are not supported"}
	case isIdentStart(c):
		for l.pos < len(l.src) && isIdentPart(l.src[l.pos]) {
			l.pos++
		}
		tok.Kind, tok.Text = Ident, strings.ToLower(l.src[start:l.pos])
		return tok, nil
	case c == '"':
		s, err := l.quoted('"', false)
		if err == nil && s == "" {
			err = &Error{line, "zero-length delimited identifier"}
		}
		tok.Kind, tok.Text = QIdent, s
		return tok, err
	case c == '\'':
		s, err := l.quoted('\'', false)
		tok.Kind, tok.Text = String, s
		return tok, err
	case c == '$':
		if d := l.peek(1); d >= '0' && d <= '9' {
			l.pos++
			for l.pos < len(l.src) && l.src[l.pos] >= '0' && l.src[l.pos] <= '9' {
				l.pos++
			}
			tok.Kind, tok.Text = Param, l.src[start:l.pos]
			return tok, nil
		}
		s, err := l.dollar()
		tok.Kind, tok.Text = String, s
		return tok, err
	case c >= '0' && c <= '9' || c == '.' && l.peek(1) >= '0' && l.peek(1) <= '9':
		l.number()
		tok.Kind, tok.Text = Number, l.src[start:l.pos]
		return tok, nil
	}
	tok.Kind, tok.Text = Op, l.operator()
	return tok, nil
}

func (l *Lexer) peek(n int) byte {
	if l.pos+n < len(l.src) {
		return l.src[l.pos+n]
	}
	return 0
}

func isIdentStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= 0x80
}

func isIdentPart(c byte) bool { return isIdentStart(c) || c >= '0' && c <= '9' || c == '$' }

func (l *Lexer) skipSpace() error {
	for l.pos < len(l.src) {
		c := l.src[l.pos]
		switch {
		case c == '\n':
			l.line++
			l.pos++
		case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			l.pos++
		case c == '-' && l.peek(1) == '-':
			for l.pos < len(l.src) && l.src[l.pos] != '\n' {
				l.pos++
			}
		case c == '/' && l.peek(1) == '*':
			line := l.line
			depth := 0
			for {
				if l.pos >= len(l.src) {
					return &Error{line, "unterminated /* comment"}
				}
				switch {
				case l.src[l.pos] == '/' && l.peek(1) == '*':
					depth++
					l.pos += 2
				case l.src[l.pos] == '*' && l.peek(1) == '/':
					depth--
					l.pos += 2
				default:
					if l.src[l.pos] == '\n' {
						l.line++
					}
					l.pos++
				}
				if depth == 0 {
					break
				}
			}
		default:
			return nil
		}
	}
	return nil
}

// quoted reads a q-quoted text with doubled quotes as escapes; with
// backslash, the escapes of E-prefixed strings too (the common ones).
func (l *Lexer) quoted(q byte, backslash bool) (string, error) {
	line := l.line
	l.pos++ // the opening quote
	var b strings.Builder
	for l.pos < len(l.src) {
		c := l.src[l.pos]
		switch {
		case c == q && l.peek(1) == q:
			b.WriteByte(q)
			l.pos += 2
			continue
		case c == q:
			l.pos++
			return b.String(), nil
		case c == '\\' && backslash && l.pos+1 < len(l.src):
			l.pos++
			e := l.src[l.pos]
			switch e {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case 'r':
				b.WriteByte('\r')
			case 'b':
				b.WriteByte('\b')
			case 'f':
				b.WriteByte('\f')
			default:
				if e == '\n' {
					l.line++
				}
				b.WriteByte(e)
			}
			l.pos++
			continue
		case c == '\n':
			l.line++
		}
		b.WriteByte(c)
		l.pos++
	}
	what := "string"
	if q == '"' {
		what = "quoted identifier"
	}
	return "", &Error{line, "unterminated " + what}
}

// dollar reads $tag$…$tag$; a lone $ is an operator character.
func (l *Lexer) dollar() (string, error) {
	line := l.line
	end := l.pos + 1
	for end < len(l.src) && l.src[end] != '$' && isIdentPart(l.src[end]) && l.src[end] != '$' {
		end++
	}
	if end >= len(l.src) || l.src[end] != '$' {
		l.pos++
		return "", &Error{line, "unexpected '$'"}
	}
	tag := l.src[l.pos : end+1]
	body := end + 1
	i := strings.Index(l.src[body:], tag)
	if i < 0 {
		return "", &Error{line, "unterminated dollar-quoted string " + tag}
	}
	s := l.src[body : body+i]
	l.line += strings.Count(s, "\n")
	l.pos = body + i + len(tag)
	return s, nil
}

func (l *Lexer) number() {
	digits := func() {
		for l.pos < len(l.src) && (l.src[l.pos] >= '0' && l.src[l.pos] <= '9' || l.src[l.pos] == '_') {
			l.pos++
		}
	}
	digits()
	if l.pos < len(l.src) && l.src[l.pos] == '.' && l.peek(1) != '.' {
		l.pos++
		digits()
	}
	if l.pos < len(l.src) && (l.src[l.pos] == 'e' || l.src[l.pos] == 'E') {
		save := l.pos
		l.pos++
		if l.pos < len(l.src) && (l.src[l.pos] == '+' || l.src[l.pos] == '-') {
			l.pos++
		}
		if l.pos < len(l.src) && l.src[l.pos] >= '0' && l.src[l.pos] <= '9' {
			digits()
		} else {
			l.pos = save
		}
	}
}

// operator reads punctuation, or the longest run of operator characters
// (PostgreSQL's rule, without its trailing +/- subtlety).
func (l *Lexer) operator() string {
	c := l.src[l.pos]
	switch c {
	case '(', ')', ',', ';', '[', ']', '.':
		l.pos++
		return string(c)
	case ':':
		if l.peek(1) == ':' {
			l.pos += 2
			return "::"
		}
		l.pos++
		return ":"
	}
	start := l.pos
	for l.pos < len(l.src) && strings.IndexByte("+-*/<>=~!@#%^&|`?", l.src[l.pos]) >= 0 {
		if l.pos > start && (l.src[l.pos] == '-' && l.peek(1) == '-' || l.src[l.pos] == '/' && l.peek(1) == '*') {
			break
		}
		l.pos++
	}
	if l.pos == start {
		l.pos++ // any other byte stands alone
	}
	return l.src[start:l.pos]
}

// Tokens lexes a whole text (one statement, typically).
func Tokens(src string) ([]Token, error) {
	l := New(src)
	var out []Token
	for {
		t, err := l.Next()
		if err != nil {
			return nil, err
		}
		if t.Kind == EOF {
			return out, nil
		}
		out = append(out, t)
	}
}

// Statement is one statement of a script: its tokens (without the ending
// semicolon), its text and its first line.
type Statement struct {
	Tokens []Token
	Text   string
	Line   int
}

// Split cuts a script into statements at top-level semicolons. It skips
// psql's backslash commands (a line starting with \) and the data lines
// of COPY … FROM stdin, as psql does when it reads a dump.
func Split(src string) ([]Statement, error) {
	l := New(src)
	var out []Statement
	var cur []Token
	start := -1
	for {
		// A backslash at the start of a statement is a psql meta-command
		// (\connect, \restrict in recent pg_dump): skip its line.
		if len(cur) == 0 {
			if err := l.skipSpace(); err != nil {
				return nil, err
			}
			if l.pos < len(l.src) && l.src[l.pos] == '\\' {
				l.skipLine()
				continue
			}
		}
		t, err := l.Next()
		if err != nil {
			return nil, err
		}
		if t.Kind == EOF || t.IsOp(";") {
			if len(cur) > 0 {
				end := t.Pos
				// PostgreSQL's white space is ASCII only: U+0085 and the
				// like are identifier characters to it, not spaces.
				out = append(out, Statement{Tokens: cur, Text: strings.Trim(src[start:end], " \t\n\r\f\v"), Line: cur[0].Line})
				if t.Kind != EOF && isCopyFromStdin(cur) {
					l.skipCopyData()
				}
			}
			if t.Kind == EOF {
				return out, nil
			}
			cur, start = nil, -1
			continue
		}
		if start < 0 {
			start = t.Pos
		}
		cur = append(cur, t)
	}
}

func (l *Lexer) skipLine() {
	for l.pos < len(l.src) && l.src[l.pos] != '\n' {
		l.pos++
	}
}

func isCopyFromStdin(toks []Token) bool {
	if len(toks) == 0 || !toks[0].Is("copy") {
		return false
	}
	for i := 1; i+1 < len(toks); i++ {
		if toks[i].Is("from") && toks[i+1].Is("stdin") {
			return true
		}
	}
	return false
}

// skipCopyData skips the rest of the COPY line and the data up to the
// line holding only \. (or the end).
func (l *Lexer) skipCopyData() {
	l.skipLine()
	for l.pos < len(l.src) {
		l.pos++ // the newline
		l.line++
		lineStart := l.pos
		l.skipLine()
		if strings.TrimRight(l.src[lineStart:l.pos], "\r") == `\.` {
			return
		}
	}
}

// Cursor walks one statement's tokens for a parser (the schema reader's
// and the catalog query engine's).
type Cursor struct {
	Toks []Token
	I    int // the next token
}

// At is the token n places ahead; past the end, an EOF token on the last
// token's line, so that an error at the end names a line.
func (c *Cursor) At(n int) Token {
	if c.I+n < len(c.Toks) {
		return c.Toks[c.I+n]
	}
	t := Token{Kind: EOF}
	if len(c.Toks) > 0 {
		t.Line = c.Toks[len(c.Toks)-1].Line
	}
	return t
}

// Peek is the next token.
func (c *Cursor) Peek() Token { return c.At(0) }

// Next consumes and returns the next token (EOF stays EOF).
func (c *Cursor) Next() Token {
	t := c.At(0)
	if c.I < len(c.Toks) {
		c.I++
	}
	return t
}

// Accept consumes words, the next unquoted keywords, if they all match.
func (c *Cursor) Accept(words ...string) bool {
	for k, w := range words {
		if !c.At(k).Is(w) {
			return false
		}
	}
	c.I += len(words)
	return true
}

// AcceptOp consumes op if it is the next token.
func (c *Cursor) AcceptOp(op string) bool {
	if c.Peek().IsOp(op) {
		c.I++
		return true
	}
	return false
}
