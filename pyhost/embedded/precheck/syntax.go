package precheck

import (
	"errors"
	"fmt"
	"strings"

	"github.com/go-python/gpython/py"
)

// Naming the construct behind a gpython parse error. gpython's grammar
// is Python 3.4's: every newer syntax is "invalid syntax" or, when the
// parser meets it at the end of a line, "unexpected EOF while parsing".
// The error's line is reliable, its offset roughly so; the construct is
// found by matching the tokens of the logical line against the newer
// syntaxes, preferring the match nearest before the error's position.

const syntaxError = "syntax error"

// syntaxFinding turns a parse error from gpython into a finding.
func syntaxFinding(src []byte, err error) Finding {
	line, offset, msg := errorPosition(err)
	lines := logicalLines(src)
	var pp *parsePanic
	if errors.As(err, &pp) {
		// The parser crashed and gave no position: name the first newer
		// syntax in the file if there is one.
		for i := range lines {
			if m, ok := nameConstruct(&lines[i], lines[i].last+1, 0); ok {
				return m
			}
		}
		return Finding{Line: 1, Construct: syntaxError, Message: msg + ", so the embedded host cannot run the script"}
	}
	idx := -1
	for i := range lines {
		if lines[i].first <= line {
			idx = i
		}
		if lines[i].first <= line && line <= lines[i].last {
			break
		}
	}
	if idx >= 0 {
		ll := &lines[idx]
		if m, ok := nameConstruct(ll, line, offset); ok {
			return m
		}
		if ll.unclosed != nil {
			t := ll.unclosed
			return Finding{Line: t.line, Col: t.col, Construct: "unclosed bracket",
				Message: fmt.Sprintf("%q opened here is never closed, so gpython cannot parse the rest of the file", t.text)}
		}
		if ll.endsInsideStr {
			return Finding{Line: ll.first, Construct: "unterminated string",
				Message: "a string literal on this line is never closed, so gpython cannot parse the file"}
		}
		// gpython sometimes stops one line late, at the start of the next
		// statement (a decorator before its def, a statement keyword).
		if idx > 0 && ll.first == line {
			if m, ok := nameConstruct(&lines[idx-1], line, 0); ok {
				return m
			}
		}
	}
	return Finding{Line: line, Col: offset, Construct: syntaxError,
		Message: fmt.Sprintf("gpython cannot parse this line (%s)", msg)}
}

// errorPosition extracts line, offset and message from a gpython
// SyntaxError (a *py.Exception with Dict["lineno"], Dict["offset"]).
func errorPosition(err error) (line, offset int, msg string) {
	line, msg = 1, err.Error()
	var pe *py.Exception
	if errors.As(err, &pe) {
		if n, ok := pe.Dict["lineno"].(py.Int); ok && n > 0 {
			line = int(n)
		}
		if n, ok := pe.Dict["offset"].(py.Int); ok && n > 0 {
			offset = int(n)
		}
		if args, ok := pe.Args.(py.Tuple); ok && len(args) > 0 {
			if s, ok := args[0].(py.String); ok {
				msg = string(s)
			}
		}
	}
	return line, offset, msg
}

// A match of one newer-syntax rule.
type match struct {
	at                 token
	construct, message string
}

// lineView is a logical line with its bracket structure.
type lineView struct {
	toks   []token
	opener []int // index of the innermost enclosing opening bracket, or -1
}

func newLineView(ll *logicalLine) *lineView {
	v := &lineView{toks: ll.toks, opener: make([]int, len(ll.toks))}
	var stack []int
	for i, t := range ll.toks {
		if t.kind == tOp && (t.text == ")" || t.text == "]" || t.text == "}") && len(stack) > 0 {
			stack = stack[:len(stack)-1]
		}
		v.opener[i] = -1
		if len(stack) > 0 {
			v.opener[i] = stack[len(stack)-1]
		}
		if t.kind == tOp && (t.text == "(" || t.text == "[" || t.text == "{") {
			stack = append(stack, i)
		}
	}
	return v
}

func (v *lineView) is(i int, text string) bool {
	return i >= 0 && i < len(v.toks) && (v.toks[i].kind == tOp || v.toks[i].kind == tName) && v.toks[i].text == text
}

func (v *lineView) isName(i int) bool {
	return i >= 0 && i < len(v.toks) && v.toks[i].kind == tName && !keywords[v.toks[i].text]
}

// trailer reports whether the bracket at i opens a call or a subscript
// (it follows an operand) rather than a display.
func (v *lineView) trailer(i int) bool {
	if i <= 0 {
		return false
	}
	p := v.toks[i-1]
	return p.kind == tName && !keywords[p.text] || p.kind == tString || p.kind == tNumber ||
		p.kind == tOp && (p.text == ")" || p.text == "]" || p.text == "}")
}

// params reports whether the bracket at i opens a def's parameter list.
func (v *lineView) params(i int) bool {
	return i >= 2 && v.toks[i].text == "(" && v.isName(i-1) && v.is(i-2, "def")
}

var keywords = map[string]bool{
	"False": true, "None": true, "True": true, "and": true, "as": true, "assert": true, "async": true, "await": true,
	"break": true, "class": true, "continue": true, "def": true, "del": true, "elif": true, "else": true, "except": true,
	"finally": true, "for": true, "from": true, "global": true, "if": true, "import": true, "in": true, "is": true,
	"lambda": true, "nonlocal": true, "not": true, "or": true, "pass": true, "raise": true, "return": true, "try": true,
	"while": true, "with": true, "yield": true,
}

// nameConstruct matches the logical line against the newer syntaxes and
// returns the match nearest before (line, offset); offset 0 means the
// end of the line.
func nameConstruct(ll *logicalLine, line, offset int) (Finding, bool) {
	v := newLineView(ll)
	ms := v.matches()
	if len(ms) == 0 {
		return Finding{}, false
	}
	best := -1
	for i, m := range ms {
		before := m.at.line < line || m.at.line == line && (offset == 0 || m.at.col <= offset)
		if before && (best < 0 || after(m.at, ms[best].at)) {
			best = i
		}
	}
	if best < 0 {
		best = 0
		for i, m := range ms {
			if after(ms[best].at, m.at) {
				best = i
			}
		}
	}
	m := ms[best]
	return Finding{Line: m.at.line, Col: m.at.col, Construct: m.construct, Message: m.message}, true
}

func after(a, b token) bool { return a.line > b.line || a.line == b.line && a.col > b.col }

// Messages of the syntax rules; the AST checks reuse some.
const (
	msgWalrus        = "gpython's grammar predates Python 3.8, so the walrus operator := is a syntax error"
	msgDictUnpack    = "gpython's grammar predates PEP 448, so ** unpacking inside a dict display is a syntax error"
	msgStarDisplay   = "gpython predates PEP 448 and rejects *unpacking inside a list, tuple or set display"
	msgStarSubscript = "gpython's grammar predates Python 3.11, so *unpacking inside a subscript is a syntax error"
	msgCallUnpack    = "gpython's grammar predates PEP 448: a call may have one *args then one **kwargs, with only keywords after *args and nothing after **kwargs"
	msgAnnotation    = "gpython's grammar predates PEP 526, so a variable annotation is a syntax error"
	msgMatch         = "gpython's grammar predates Python 3.10, so a match statement is a syntax error"
	msgTypeAlias     = "gpython's grammar predates Python 3.12, so a type statement is a syntax error"
	msgTypeParams    = "gpython's grammar predates Python 3.12, so a type parameter list is a syntax error"
	msgAsync         = "gpython has no coroutines, so async and await are syntax errors"
	msgPosOnly       = "gpython's grammar predates PEP 570, so positional-only parameters (/) are a syntax error"
	msgExceptStar    = "gpython's grammar predates Python 3.11, so except* is a syntax error"
	msgDecorator     = "gpython's grammar predates PEP 614: a decorator must be a dotted name, optionally called"
	msgMatMul        = "gpython's parser does not accept the @ operator"
	msgWithParens    = "gpython's grammar predates Python 3.10, so parenthesized context managers with 'as' are a syntax error"
	msgFString       = "gpython has no f-strings and the pre-pass left this one unlowered"
)

func (v *lineView) matches() []match {
	var ms []match
	add := func(i int, construct, message string) {
		ms = append(ms, match{at: v.toks[i], construct: construct, message: message})
	}
	toks := v.toks
	v.statementRules(add)
	// lambdaOpen[o+1]: a lambda's parameters are open at the bracket
	// level whose opener is o (-1 for the statement level).
	lambdaOpen := make([]bool, len(toks)+1)
	for i, t := range toks {
		op := v.opener[i]
		if t.kind == tName && t.text == "lambda" {
			lambdaOpen[op+1] = true
		} else if t.kind == tOp && t.text == ":" {
			lambdaOpen[op+1] = false
		}
		switch t.kind {
		case tNumber:
			if strings.Contains(t.text, "_") {
				add(i, "numeric literal with underscores",
					fmt.Sprintf("gpython's grammar predates PEP 515, so the literal %s is a syntax error", t.text))
			}
			continue
		case tString:
			if p := strings.IndexAny(t.text, "'\""); strings.ContainsAny(t.text[:p], "fF") {
				add(i, "f-string", msgFString)
			}
			continue
		case tName:
			switch t.text {
			case "async", "await":
				add(i, "async/await", msgAsync)
			case "except":
				if v.is(i+1, "*") {
					add(i, "except*", msgExceptStar)
				}
			}
			continue
		}
		switch t.text {
		case ":=":
			add(i, "walrus operator", msgWalrus)
		case "**":
			if op >= 0 && toks[op].text == "{" && (i == op+1 || v.is(i-1, ",") || v.is(i-1, ":")) {
				add(i, "dict unpacking {**d}", msgDictUnpack)
			}
		case "*":
			prevOpenOrComma := i == op+1 || v.is(i-1, ",")
			switch {
			case op >= 0 && prevOpenOrComma && !v.trailer(op):
				add(i, "starred expression in a display", msgStarDisplay)
			case op >= 0 && prevOpenOrComma && toks[op].text == "[":
				add(i, "starred expression in a subscript", msgStarSubscript)
			case i > 0 && (v.is(i-1, "return") || v.is(i-1, "yield") || v.is(i-1, "in")):
				add(i, "starred expression in a display", msgStarDisplay)
			case op >= 0 && v.is(i-1, ":") && toks[op].text == "{":
				add(i, "starred expression in a display", msgStarDisplay)
			}
		case "/":
			if v.posOnlySlash(i, lambdaOpen[op+1]) {
				add(i, "positional-only parameters", msgPosOnly)
			}
		case "@", "@=":
			if i > 0 {
				add(i, "matrix multiplication operator @", msgMatMul)
			}
		case "(":
			if v.trailer(i) && !v.params(i) {
				if j := v.badCallUnpacking(i); j >= 0 {
					add(j, "generalized unpacking in a call", msgCallUnpack)
				}
			}
		}
	}
	return ms
}

// statementRules matches the rules tied to the start of the statement.
func (v *lineView) statementRules(add func(int, string, string)) {
	toks := v.toks
	last := len(toks) - 1
	first := toks[0]
	switch {
	case first.kind == tName && (first.text == "match" || first.text == "case") && last >= 2 &&
		v.is(last, ":") && !v.is(1, ":") && !v.is(1, "=") && !v.is(1, "."):
		add(0, "match statement", msgMatch)
		return
	case first.kind == tName && first.text == "type" && v.isName(1) && (v.is(2, "=") || v.is(2, "[")):
		add(0, "type alias statement", msgTypeAlias)
		return
	case v.is(0, "class") || v.is(0, "def"):
		if v.isName(1) && v.is(2, "[") {
			add(2, "type parameter list", msgTypeParams)
		}
		return
	case v.is(0, "@"):
		if !v.dottedCall(1) {
			add(0, "relaxed decorator expression", msgDecorator)
		}
		return
	case v.is(0, "with") || v.is(0, "async") && v.is(1, "with"):
		open := 1
		if v.is(0, "async") {
			open = 2
		}
		if v.is(open, "(") {
			for i := open + 1; i < len(toks) && v.opener[i] >= open; i++ {
				if v.opener[i] == open && v.is(i, "as") {
					add(open, "parenthesized context managers", msgWithParens)
					return
				}
			}
		}
		return
	}
	// A variable annotation: a target (name, attributes, subscripts)
	// followed by ':' at depth 0.
	if !v.isName(0) {
		return
	}
	for i := 1; i < len(toks); i++ {
		t := toks[i]
		switch {
		case t.depth > 0 || v.is(i, "[") || v.is(i, "]"):
		case v.is(i, "."):
			if !v.isName(i + 1) {
				return
			}
			i++
		case v.is(i, ":"):
			add(0, "variable annotation", msgAnnotation)
			return
		default:
			return
		}
	}
}

// dottedCall reports whether the tokens from i form `name(.name)*`
// optionally followed by one call: what gpython accepts after '@'.
func (v *lineView) dottedCall(i int) bool {
	if !v.isName(i) {
		return false
	}
	i++
	for v.is(i, ".") && v.isName(i+1) {
		i += 2
	}
	if i == len(v.toks) {
		return true
	}
	if !v.is(i, "(") {
		return false
	}
	j := i + 1
	for j < len(v.toks) && v.opener[j] >= i {
		j++
	}
	// j is past the closing bracket's inner tokens: it must be the
	// closing bracket and the last token.
	return j == len(v.toks)-1 && v.is(j, ")")
}

// posOnlySlash reports whether the '/' at i separates positional-only
// parameters, in a def's parameter list or a lambda's (lambdaParams: a
// lambda's parameters are open at this bracket level).
func (v *lineView) posOnlySlash(i int, lambdaParams bool) bool {
	if !v.is(i-1, ",") && !v.is(i-1, "(") {
		return false
	}
	if op := v.opener[i]; op >= 0 && v.params(op) {
		return v.is(i+1, ",") || v.is(i+1, ")")
	}
	return lambdaParams && (v.is(i+1, ",") || v.is(i+1, ":"))
}

// badCallUnpacking returns the index of the first argument gpython
// rejects in the call whose '(' is at open: anything after **kwargs, a
// positional argument or a second *args after *args.
func (v *lineView) badCallUnpacking(open int) int {
	seenStar, seenDStar := false, false
	argStart := true
	for i := open + 1; i < len(v.toks) && v.opener[i] >= open; i++ {
		if v.opener[i] != open {
			continue
		}
		if v.is(i, ",") {
			argStart = true
			continue
		}
		if !argStart {
			continue
		}
		argStart = false
		if v.is(i, ")") {
			break
		}
		keyword := v.isName(i) && v.is(i+1, "=")
		switch {
		case seenDStar:
			return i
		case v.is(i, "**"):
			seenDStar = true
		case v.is(i, "*"):
			if seenStar {
				return i
			}
			seenStar = true
		case seenStar && !keyword:
			return i
		}
	}
	return -1
}
