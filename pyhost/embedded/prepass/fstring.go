package prepass

import (
	"bytes"
	"slices"
	"strings"
)

// The f-string parser mirrors CPython 3.11's fstring_find_literal and
// fstring_find_expr (Parser/string_parser.c): same places where a field
// starts and ends, same errors, so that what it accepts and how it splits
// a body are CPython's.

// fctx describes the f-string literal being lowered.
type fctx struct {
	q      byte // quote character
	triple bool
	raw    bool
}

// argw writes a comma-separated argument list.
type argw struct {
	b *strings.Builder
	n int
}

func (w *argw) next() {
	if w.n > 0 {
		w.b.WriteString(", ")
	}
	w.n++
}

// maxFragmentDepth bounds f-strings nested in replacement fields. Quote
// styles already bound it to 4 in valid code.
const maxFragmentDepth = 8

// lowerString replaces the concatenation group at toks[i] with
// __mr_fs__(...) if any of its parts is an f-string.
func (r *rewriter) lowerString(i int) {
	t := &r.toks[i]
	parts := r.parts[t.part0 : t.part0+t.nparts]
	hasF, firstB, hasStr := false, -1, false
	for k := range parts {
		hasF = hasF || parts[k].f
		if parts[k].b {
			if firstB < 0 {
				firstB = k
			}
		} else {
			hasStr = true
		}
	}
	if !hasF {
		return
	}
	if firstB >= 0 && hasStr {
		r.fail(r.errAt(int(parts[firstB].start), "cannot mix bytes and nonbytes literals"))
		return
	}
	var b strings.Builder
	b.Grow(int(t.end-t.start) + 32)
	b.WriteString(FnFString)
	b.WriteByte('(')
	src := r.src
	for k, p := range parts {
		if k > 0 {
			b.WriteByte(',') // before the gap, which may hold a comment
			b.Write(src[parts[k-1].end:p.start])
		}
		if !p.f {
			b.Write(src[p.start:p.end])
			continue
		}
		fc := fctx{q: src[int(p.start)+int(p.pfx)], triple: p.q == 3, raw: p.raw}
		w := argw{b: &b}
		bodyEnd := int(p.end) - int(p.q)
		if _, err := r.fparse(&w, &fc, int(p.start)+int(p.pfx)+int(p.q), bodyEnd, 0); err != nil {
			r.fail(err)
			return
		}
		if w.n == 0 { // f"": an empty literal keeps the argument list well formed
			writeDelim(&b, &fc)
			writeDelim(&b, &fc)
		}
	}
	b.WriteByte(')')
	r.add(i, slotRepl, b.String())
}

// fparse lowers literal text and replacement fields of src[pos:end] into
// arguments of w. At lvl 0 it runs to end; inside a format spec (lvl >= 1)
// it stops at the '}' that closes the field and returns its position.
func (r *rewriter) fparse(w *argw, fc *fctx, pos, end, lvl int) (int, error) {
	src := r.src
	r.piece = r.piece[:0]
	seg := pos
	for pos < end {
		c := src[pos]
		if c == '\\' && !fc.raw && pos+1 < end {
			switch src[pos+1] {
			case 'N': // \N{NAME}: its braces are not a field
				pos += 2
				if pos < end {
					pos++
					if src[pos-1] == '{' {
						for pos < end {
							pos++
							if src[pos-1] == '}' {
								break
							}
						}
					}
				}
			case '{', '}': // the backslash stays literal; the brace is seen next
				pos++
			default:
				pos += 2
			}
			continue
		}
		if c != '{' && c != '}' {
			pos++
			continue
		}
		if lvl == 0 {
			if pos+1 < end && src[pos+1] == c {
				r.piece = append(r.piece, src[seg:pos+1]...)
				pos += 2
				seg = pos
				continue
			}
			if c == '}' {
				return pos, r.errAt(pos, "f-string: single '}' is not allowed")
			}
		}
		r.piece = append(r.piece, src[seg:pos]...)
		r.flushPiece(w, fc)
		if c == '}' {
			return pos, nil
		}
		var err error
		if pos, err = r.field(w, fc, pos+1, end, lvl); err != nil {
			return pos, err
		}
		seg = pos
	}
	r.piece = append(r.piece, src[seg:min(pos, end)]...)
	r.flushPiece(w, fc)
	return pos, nil
}

func (r *rewriter) flushPiece(w *argw, fc *fctx) {
	writeLit(w, r.piece, fc)
	r.piece = r.piece[:0]
}

// field lowers one replacement field whose expression starts at pos (just
// after '{') and returns the position after its closing '}'.
func (r *rewriter) field(w *argw, fc *fctx, pos, end, lvl int) (int, error) {
	src := r.src
	if lvl >= 2 {
		return pos, r.errAt(pos-1, "f-string: expressions nested too deeply")
	}
	exprStart := pos
	var quote byte
	triple := false
	var stackBuf [16]byte
	stack := stackBuf[:0]
scan:
	for ; pos < end; pos++ {
		ch := src[pos]
		if ch == '\\' {
			return pos, r.errAt(pos, "f-string expression part cannot include a backslash")
		}
		if quote != 0 {
			if ch == quote {
				if !triple {
					quote = 0
				} else if pos+2 < end && src[pos+1] == ch && src[pos+2] == ch {
					pos += 2
					quote = 0
				}
			}
			continue
		}
		switch ch {
		case '\'', '"':
			triple = pos+2 < end && src[pos+1] == ch && src[pos+2] == ch
			if triple {
				pos += 2
			}
			quote = ch
		case '[', '{', '(':
			if len(stack) >= maxNesting {
				return pos, r.errAt(pos, "f-string: too many nested parenthesis")
			}
			stack = append(stack, ch)
		case '#':
			return pos, r.errAt(pos, "f-string expression part cannot include '#'")
		case ']', '}', ')':
			if len(stack) == 0 {
				if ch == '}' {
					break scan
				}
				return pos, r.errAt(pos, "f-string: unmatched '"+string(ch)+"'")
			}
			open := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if closerOf(open) != ch {
				return pos, r.errAt(pos, "f-string: closing parenthesis '"+string(ch)+"' does not match opening parenthesis '"+string(open)+"'")
			}
		case '!', ':', '=', '<', '>':
			if len(stack) > 0 {
				continue
			}
			if ch != ':' && pos+1 < end && src[pos+1] == '=' {
				pos++ // != == <= >=
				continue
			}
			if ch == '<' || ch == '>' {
				continue
			}
			break scan
		}
	}
	exprEnd := pos
	switch {
	case quote != 0:
		return pos, r.errAt(pos, "f-string: unterminated string")
	case len(stack) > 0:
		return pos, r.errAt(pos, "f-string: unmatched '"+string(stack[len(stack)-1])+"'")
	case pos >= end:
		return pos, r.errAt(pos, "f-string: expecting '}'")
	}
	if isPyBlank(src[exprStart:exprEnd]) {
		if c := src[exprEnd]; c == '!' || c == ':' || c == '=' {
			return pos, r.errAt(exprEnd, "f-string: expression required before '"+string(c)+"'")
		}
		return pos, r.errAt(exprEnd, "f-string: empty expression not allowed")
	}
	expr, err := r.fragment(exprStart, exprEnd)
	if err != nil {
		if se, ok := err.(*SyntaxError); ok {
			// As in CPython, errors inside a field's expression are
			// reported as f-string errors.
			return pos, &SyntaxError{Line: se.Line, Col: se.Col, Msg: "f-string: " + se.Msg}
		}
		return pos, err
	}

	selfDocEnd := -1
	if src[pos] == '=' {
		pos++
		for pos < end && isPySpace(src[pos]) {
			pos++
		}
		if pos >= end {
			return pos, r.errAt(pos, "f-string: expecting '}'")
		}
		selfDocEnd = pos
	}
	var conv byte
	if src[pos] == '!' {
		pos++
		if pos >= end {
			return pos, r.errAt(pos, "f-string: expecting '}'")
		}
		conv = src[pos]
		pos++
		if conv != 's' && conv != 'r' && conv != 'a' {
			return pos, r.errAt(pos-1, "f-string: invalid conversion character: expected 's', 'r', or 'a'")
		}
	}
	var spec strings.Builder
	sw := argw{b: &spec}
	hasSpec := false
	if pos < end && src[pos] == ':' {
		pos++
		if pos >= end {
			return pos, r.errAt(pos, "f-string: expecting '}'")
		}
		hasSpec = true
		if pos, err = r.fparse(&sw, fc, pos, end, lvl+1); err != nil {
			return pos, err
		}
	}
	if pos >= end || src[pos] != '}' {
		return pos, r.errAt(min(pos, end), "f-string: expecting '}'")
	}
	pos++

	if selfDocEnd >= 0 {
		// {expr=} prints the expression's text, then repr() unless a
		// conversion or a format spec was given.
		// The text is a copy, so it must not add physical lines: it
		// goes into an escaped one-line literal.
		w.next()
		writeEscaped(w.b, src[exprStart:selfDocEnd])
		if !hasSpec && conv == 0 {
			conv = 'r'
		}
	}
	w.next()
	b := w.b
	b.WriteString(FnFValue)
	b.WriteString("((")
	b.WriteString(expr)
	if selfDocEnd >= 0 {
		// Newlines in the blanks around '=' are not in the expression,
		// yet they are lines of the source: keep them inside the call.
		for range bytes.Count(src[exprEnd:selfDocEnd], []byte{'\n'}) {
			b.WriteByte('\n')
		}
	}
	b.WriteString("), \"")
	if conv != 0 {
		b.WriteByte(conv)
	}
	b.WriteString("\", ")
	switch sw.n {
	case 0:
		b.WriteString(`""`)
	case 1:
		b.WriteString(spec.String())
	default:
		b.WriteString(FnFString)
		b.WriteByte('(')
		b.WriteString(spec.String())
		b.WriteByte(')')
	}
	b.WriteByte(')')
	return pos, nil
}

// fragment rewrites a replacement field's expression src[start:end] as
// the inside of a bracket: nested f-strings, `+`, `%` and super() in it are
// lowered too.
func (r *rewriter) fragment(start, end int) (string, error) {
	if r.depth >= maxFragmentDepth {
		return "", r.errAt(start, "f-string: expressions nested too deeply")
	}
	text := r.src[start:end]
	if !mayLower(text) {
		// Most fields are a name or an attribute: nothing to lower, and
		// the field scanner has already checked brackets and quotes.
		return string(text), nil
	}
	sub := getRewriter(r.src, r.sc, r.nesting, r.depth+1)
	defer putRewriter(sub)
	if err := sub.tokenize(start, end, 1); err != nil {
		return "", err
	}
	sub.walk(0, len(sub.toks), false)
	if sub.err != nil {
		return "", sub.err
	}
	if len(sub.edits) == 0 {
		return string(text), nil
	}
	slices.SortStableFunc(sub.edits, cmpEdit)
	out, _ := sub.render(make([]byte, 0, sub.outputSize()), 0, len(sub.toks), start, end, false)
	return string(out), nil
}

// mayLower reports whether an expression can hold something to lower:
// an operator, a string (maybe an f-string), super(), a comprehension,
// a dict display or a `**` argument.
func mayLower(expr []byte) bool {
	return bytes.ContainsAny(expr, "+%<>'\"{*") || bytes.Contains(expr, []byte("super")) || bytes.Contains(expr, []byte("for"))
}

// writeLit writes body (literal text of an f-string, braces already
// undoubled) as one string literal with the f-string's quotes and
// rawness, so that its newlines stay physical. A body ending in an odd
// run of backslashes, or (triple-quoted) in the quote character, would
// not close; its trailing run of quotes and backslashes then goes into a
// second, explicitly escaped literal.
func writeLit(w *argw, body []byte, fc *fctx) {
	if len(body) == 0 {
		return
	}
	b := w.b
	cut := len(body)
	nb := 0
	for k := len(body) - 1; k >= 0 && body[k] == '\\'; k-- {
		nb++
	}
	if nb%2 == 1 || fc.triple && body[len(body)-1] == fc.q {
		for cut > 0 && (body[cut-1] == fc.q || body[cut-1] == '\\') {
			cut--
		}
	}
	if cut > 0 {
		w.next()
		if fc.raw {
			b.WriteByte('r')
		}
		writeDelim(b, fc)
		b.Write(body[:cut])
		writeDelim(b, fc)
	}
	if cut == len(body) {
		return
	}
	// The tail holds only quotes and backslashes: decode it and write
	// its value explicitly escaped.
	tail := body[cut:]
	val := make([]byte, 0, len(tail))
	for k := 0; k < len(tail); k++ {
		if tail[k] == '\\' && !fc.raw && k+1 < len(tail) {
			k++
		}
		val = append(val, tail[k])
	}
	w.next()
	writeEscaped(b, val)
}

// writeEscaped writes val as a one-line, single-quoted, non-raw literal.
// A CRLF pair counts as one newline, as CPython reads source.
func writeEscaped(b *strings.Builder, val []byte) {
	b.WriteByte('\'')
	for k := 0; k < len(val); k++ {
		switch c := val[k]; c {
		case '\\', '\'':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			if k+1 < len(val) && val[k+1] == '\n' {
				k++
				b.WriteString(`\n`)
			} else {
				b.WriteString(`\r`)
			}
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('\'')
}

func writeDelim(b *strings.Builder, fc *fctx) {
	b.WriteByte(fc.q)
	if fc.triple {
		b.WriteByte(fc.q)
		b.WriteByte(fc.q)
	}
}

// isPyBlank reports whether an expression is empty for CPython's f-string
// check (which ignores only these characters).
func isPyBlank(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' && c != '\n' && c != '\f' {
			return false
		}
	}
	return true
}

func isPySpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}
