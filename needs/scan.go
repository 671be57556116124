package needs

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The token scan: the fallback for scripts gpython's parser cannot read
// (walrus, match, annotated assignments, Python 2). It applies the same
// rules (rules.go) to dotted chains of names, calls and subscripts, with
// a flow-insensitive view of where names come from: a name is what any
// of its assignments in the file makes it.

type tokKind uint8

const (
	tName tokKind = iota + 1
	tNumber
	tString
	tOp
)

type token struct {
	kind tokKind
	text string // the token; for a string, its content without prefix and quotes
	line int
}

// logicalLines splits src into the tokens of each logical line (brackets
// and backslash continuations joined), skipping comments. It never
// fails: anything it does not know is a one-character operator.
func logicalLines(src []byte) [][]token {
	s := string(src)
	var out [][]token
	var cur []token
	depth, line := 0, 1
	flush := func() {
		if len(cur) > 0 {
			out = append(out, cur)
			cur = nil
		}
	}
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\n':
			line++
			i++
			if depth == 0 {
				flush()
			}
		case c == '\\' && i+1 < len(s) && s[i+1] == '\n':
			line++
			i += 2
		case c == ' ' || c == '\t' || c == '\r' || c == '\f':
			i++
		case c == '#':
			for i < len(s) && s[i] != '\n' {
				i++
			}
		case c == ';' && depth == 0:
			i++
			flush()
		case isQuoteStart(s, i):
			text, n, nl := readString(s, i)
			cur = append(cur, token{kind: tString, text: text, line: line})
			line += nl
			i += n
		case c >= '0' && c <= '9' || c == '.' && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9':
			j := i + 1
			for j < len(s) && (isWordByte(s[j]) || s[j] == '.') {
				j++
			}
			cur = append(cur, token{kind: tNumber, text: s[i:j], line: line})
			i = j
		case c == '_' || c >= 0x80 || unicode.IsLetter(rune(c)):
			j := i
			for j < len(s) {
				r, size := utf8.DecodeRuneInString(s[j:])
				if r != '_' && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
					break
				}
				j += size
			}
			if j == i { // a byte that is no letter: an operator
				_, size := utf8.DecodeRuneInString(s[i:])
				cur = append(cur, token{kind: tOp, text: s[i : i+size], line: line})
				i += size
				continue
			}
			cur = append(cur, token{kind: tName, text: s[i:j], line: line})
			i = j
		default:
			n := 1
			if i+1 < len(s) {
				switch s[i : i+2] {
				case "==", "!=", "<=", ">=", ":=", "->", "**", "//", "+=", "-=", "*=", "/=", "%=", "|=", "&=":
					n = 2
				}
			}
			switch c {
			case '(', '[', '{':
				depth++
			case ')', ']', '}':
				if depth > 0 {
					depth--
				}
			}
			cur = append(cur, token{kind: tOp, text: s[i : i+n], line: line})
			i += n
		}
	}
	flush()
	return out
}

func isWordByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// isQuoteStart: a string starts here (a quote, or up to two prefix
// letters and a quote).
func isQuoteStart(s string, i int) bool {
	if i > 0 && (isWordByte(s[i-1]) || s[i-1] >= 0x80) {
		return false
	}
	for k := 0; k < 3 && i+k < len(s); k++ {
		switch c := s[i+k]; {
		case c == '\'' || c == '"':
			return true
		case k < 2 && strings.IndexByte("rRbBuUfF", c) >= 0:
		default:
			return false
		}
	}
	return false
}

// readString reads a string literal at s[i:]: its content, its length and
// the newlines it spans. An unterminated string ends at the line's end
// (or, triple-quoted, at the file's).
func readString(s string, i int) (content string, n, newlines int) {
	// A backslash escapes the next character for finding the string's
	// end even in a raw string, so the prefix does not matter here.
	j := i
	for s[j] != '\'' && s[j] != '"' {
		j++
	}
	q := s[j]
	triple := j+2 < len(s) && s[j+1] == q && s[j+2] == q
	start := j + 1
	if triple {
		start = j + 3
	}
	k := start
	for k < len(s) {
		c := s[k]
		switch {
		case c == '\\' && k+1 < len(s):
			if s[k+1] == '\n' {
				newlines++
			}
			k += 2
			continue
		case c == '\n':
			if !triple {
				return s[start:k], k - i, newlines
			}
			newlines++
		case c == q && !triple:
			return s[start:k], k + 1 - i, newlines
		case c == q && k+2 < len(s) && s[k+1] == q && s[k+2] == q:
			return s[start:k], k + 3 - i, newlines
		}
		k++
	}
	return s[start:], len(s) - i, newlines
}

type scanner struct {
	opt   Options
	names map[string]val      // flow-insensitive: the join of every binding
	funcs map[string][]string // the script's functions and their parameters
	stars []string
	uses  []Use
}

// scanWith classifies a script from its tokens.
func scanWith(src []byte, opt Options) Result {
	lines := logicalLines(src)
	s := &scanner{opt: opt, names: map[string]val{}, funcs: map[string][]string{}}
	// Bindings may refer to names bound later in the file (functions):
	// two passes settle the common cases.
	for pass := 0; pass < 2; pass++ {
		s.uses = nil
		s.declare(lines)
	}
	imports := s.uses
	s.uses = nil
	for _, ll := range lines {
		s.useLine(ll)
	}
	res := finish(append(imports, s.uses...))
	res.Method = Scanned
	return res
}

// declare records imports (and their uses) and what assignments,
// with-statements and migrate()'s parameters bind.
func (s *scanner) declare(lines [][]token) {
	var decorators [][]token
	for _, ll := range lines {
		switch {
		case ll[0].text == "import":
			s.importLine(ll)
		case ll[0].text == "from":
			s.fromLine(ll)
		case ll[0].text == "@":
			decorators = append(decorators, ll[1:])
			continue
		case ll[0].text == "def" || ll[0].text == "async" && len(ll) > 1 && ll[1].text == "def":
			s.defLine(ll, decorators)
		case ll[0].text == "with":
			s.withLine(ll)
		default:
			s.assignLine(ll)
		}
		s.callSites(ll)
		decorators = nil
	}
}

// callSites: a parameter of the script's own function is what its call
// sites pass (joined over the whole file, like every name here).
func (s *scanner) callSites(ll []token) {
	for i := 0; i+1 < len(ll); i++ {
		params, ok := s.funcs[ll[i].text]
		if !ok || ll[i].kind != tName || ll[i+1].text != "(" || i > 0 && (ll[i-1].text == "." || ll[i-1].text == "def") {
			continue
		}
		for k, seg := range argSegments(ll, i+1) {
			switch {
			case len(seg) == 0 || seg[0].text == "*" || seg[0].text == "**":
			case len(seg) >= 2 && seg[0].kind == tName && seg[1].text == "=":
				for _, p := range params {
					if p == seg[0].text {
						s.bind(p, s.value(seg[2:]))
					}
				}
			case k < len(params):
				s.bind(params[k], s.value(seg))
			}
		}
	}
}

// argSegments splits the arguments of the call whose "(" is toks[open]
// at its top-level commas.
func argSegments(toks []token, open int) [][]token {
	var out [][]token
	var seg []token
	depth := 0
	for i := open; i < len(toks); i++ {
		t := toks[i]
		if t.kind == tOp {
			switch t.text {
			case "(", "[", "{":
				depth++
				if depth == 1 {
					continue
				}
			case ")", "]", "}":
				depth--
				if depth == 0 {
					return append(out, seg)
				}
			case ",":
				if depth == 1 {
					out = append(out, seg)
					seg = nil
					continue
				}
			}
		}
		seg = append(seg, t)
	}
	return append(out, seg)
}

func (s *scanner) bind(name string, v val) {
	if old, ok := s.names[name]; ok {
		s.names[name] = join(old, v)
	} else {
		s.names[name] = v
	}
}

// dotted reads NAME(.NAME)* at toks[i:], returning it and the index after.
func dotted(toks []token, i int) (string, int) {
	var parts []string
	for i < len(toks) && toks[i].kind == tName {
		parts = append(parts, toks[i].text)
		if i+2 < len(toks) && toks[i+1].text == "." && toks[i+2].kind == tName {
			i += 2
			continue
		}
		i++
		break
	}
	return strings.Join(parts, "."), i
}

func (s *scanner) importLine(ll []token) {
	for i := 1; i < len(ll); {
		name, j := dotted(ll, i)
		if name == "" {
			i++
			continue
		}
		full := normalize(name)
		if need, ok := importNeed(full); ok {
			s.uses = append(s.uses, Use{Need: need, Line: ll[0].line, Construct: "import " + name})
		}
		if j+1 < len(ll) && ll[j].text == "as" && ll[j+1].kind == tName {
			s.bind(ll[j+1].text, val{qual: full})
			j += 2
		} else {
			head, _, _ := strings.Cut(name, ".")
			s.bind(head, val{qual: normalize(head)})
		}
		for j < len(ll) && ll[j].text != "," {
			j++
		}
		i = j + 1
	}
}

func (s *scanner) fromLine(ll []token) {
	i := 1
	relative := false
	for i < len(ll) && (ll[i].text == "." || ll[i].text == "...") {
		relative = true
		i++
	}
	mod, i := dotted(ll, i)
	if i >= len(ll) || ll[i].text != "import" {
		return
	}
	for i++; i < len(ll); i++ {
		t := ll[i]
		switch {
		case t.text == "*" && !relative:
			full := normalize(mod)
			s.stars = appendNew(s.stars, full)
			if need, ok := importNeed(full); ok {
				s.uses = append(s.uses, Use{Need: need, Line: ll[0].line, Construct: "from " + mod + " import *"})
			}
		case t.kind == tName:
			local := t.text
			if i+2 < len(ll) && ll[i+1].text == "as" && ll[i+2].kind == tName {
				local = ll[i+2].text
				i += 2
			}
			if relative {
				s.bind(local, val{k: kOther})
				continue
			}
			full := normalize(mod + "." + t.text)
			if need, ok := importNeed(full); ok {
				s.uses = append(s.uses, Use{Need: need, Line: ll[0].line, Construct: "from " + mod + " import " + t.text})
			}
			s.bind(local, val{qual: full})
		}
	}
}

func appendNew(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// defLine: migrate()'s first parameter is what Odoo or the decorator
// passes; other parameters are left to their names.
func (s *scanner) defLine(ll []token, decorators [][]token) {
	i := 1
	if ll[0].text == "async" {
		i = 2
	}
	if i >= len(ll) || ll[i].kind != tName {
		return
	}
	fname := ll[i].text
	s.bind(fname, val{k: kOther})
	if i+1 < len(ll) && ll[i+1].text == "(" {
		var params []string
		for _, seg := range argSegments(ll, i+1) {
			if len(seg) > 0 && seg[0].kind == tName {
				params = append(params, seg[0].text)
			}
		}
		s.funcs[fname] = params
	}
	if fname != "migrate" || i+2 >= len(ll) || ll[i+1].text != "(" || ll[i+2].kind != tName {
		return
	}
	param := ll[i+2].text
	k := kCursor
	if len(decorators) > 0 {
		k = byName(param)
		for _, d := range decorators {
			name, j := dotted(d, 0)
			if name == "" || !isMigrateDecorator(s.resolve(name).qual) {
				continue
			}
			args := parseArgs(d, j)
			switch v, ok := args.get("use_env", -1); {
			case ok && v.known && v.truthy:
				k = kEnv
			case ok && v.known:
				k = kCursor
			case s.opt.Major >= 10:
				k = kEnv
			case s.opt.Major > 0 || cursorName(param):
				k = kCursor
			default:
				k = kEnv
			}
			break
		}
	}
	s.bind(param, val{k: k})
}

func (s *scanner) withLine(ll []token) {
	for i := 1; i < len(ll); i++ {
		if ll[i].text == "as" && i+1 < len(ll) && ll[i+1].kind == tName {
			start := i - 1
			for start > 1 && ll[start-1].text != "," {
				start--
			}
			s.bind(ll[i+1].text, s.value(ll[start:i]))
		}
	}
}

// assignLine: NAME [= NAME …] = value.
func (s *scanner) assignLine(ll []token) {
	var targets []string
	i := 0
	for i+1 < len(ll) && ll[i].kind == tName && ll[i+1].text == "=" {
		targets = append(targets, ll[i].text)
		i += 2
	}
	if len(targets) == 0 || i >= len(ll) {
		return
	}
	v := s.value(ll[i:])
	for _, t := range targets {
		s.bind(t, v)
	}
}

// value is what an expression's leading chain makes, without uses.
func (s *scanner) value(toks []token) val {
	if len(toks) == 0 {
		return val{}
	}
	switch t := toks[0]; {
	case t.kind == tString || t.kind == tNumber || t.text == "{" || t.text == "[":
		return val{k: kOther}
	case t.kind != tName:
		return val{}
	}
	n := len(s.uses)
	v, _ := s.chainAt(toks, 0)
	s.uses = s.uses[:n]
	return v
}

// resolve is a dotted name's value.
func (s *scanner) resolve(dottedName string) val {
	parts := strings.Split(dottedName, ".")
	v := s.nameVal(parts[0])
	for _, p := range parts[1:] {
		v, _ = step(v, p)
	}
	return v
}

func (s *scanner) nameVal(id string) val {
	if v, ok := s.names[id]; ok && !v.unknown() {
		return v
	}
	if builtinNames[id] {
		return val{qual: "builtins." + id}
	}
	for _, star := range s.stars {
		if _, ok := importNeed(star); ok || under(star, "odoo") {
			return val{qual: star + "." + id}
		}
	}
	return val{k: byName(id)}
}

var keywords = set("and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif",
	"else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not",
	"or", "pass", "raise", "return", "try", "while", "with", "yield", "print", "exec", "match", "case")

// useLine records the uses of every chain in a logical line.
func (s *scanner) useLine(ll []token) {
	if ll[0].text == "import" || ll[0].text == "from" {
		return
	}
	for i := 0; i < len(ll); i++ {
		t := ll[i]
		if t.kind != tName || keywords[t.text] && t.text != "print" {
			continue
		}
		if i > 0 {
			if p := ll[i-1].text; p == "." || p == "def" || p == "class" || p == "as" {
				continue
			}
		}
		// Names inside the chain's arguments are chains of their own:
		// go on with the next token.
		s.chainAt(ll, i)
	}
}

// chainAt evaluates NAME(.NAME | (args) | [index])* at toks[i], records
// its uses and returns its value and end index.
func (s *scanner) chainAt(toks []token, i int) (val, int) {
	start := i
	line := toks[start].line
	v := s.nameVal(toks[i].text)
	text := toks[i].text
	plain := true // a dotted name with no call or subscript
	record := func(n Need, shown string) {
		s.uses = append(s.uses, Use{Need: n, Line: line, Construct: clip(shown, 80)})
	}
	i++
	for steps := 0; i < len(toks) && steps < 64; steps++ {
		switch t := toks[i]; {
		case t.text == "." && i+1 < len(toks) && toks[i+1].kind == tName:
			name := toks[i+1].text
			var need Need
			v, need = step(v, name)
			text += "." + name
			if need != "" {
				shown := text
				if i+2 < len(toks) && toks[i+2].text == "(" {
					shown += renderTokArgs(toks, i+2)
				}
				record(need, shown)
			}
			i += 2
			continue
		case t.text == "(":
			plain = false
			args := parseArgs(toks, i)
			text += renderTokArgs(toks, i)
			switch {
			case v.qual != "":
				need, res := callRule(v.qual, args)
				if need != "" {
					record(need, text)
				}
				v = val{k: res}
			case v.k&kEnv != 0 && v.callRet == 0:
				record(ORM, text)
				v = val{k: kEnv}
			default:
				v = val{k: v.callRet}
			}
			i = closing(toks, i) + 1
			continue
		case t.text == "[":
			plain = false
			shown := text + "[...]"
			if i+2 < len(toks) && toks[i+1].kind == tString && toks[i+2].text == "]" {
				shown = text + "[" + quote(toks[i+1].text) + "]"
			}
			switch {
			case v.k&(kEnv|kRegistry) != 0:
				record(ORM, shown)
				v = val{k: kModel}
			case v.k&kModel != 0:
				v = val{k: kModel}
			default:
				v = val{}
			}
			text = shown
			i = closing(toks, i) + 1
			continue
		}
		break
	}
	if plain && v.qual != "" {
		// A dotted name alone: the name of something in a library.
		if need := refRule(v.qual); need != "" {
			record(need, text)
		}
	}
	return v, i
}

// closing is the index of the bracket closing toks[open] (the last token
// when the line ends first).
func closing(toks []token, open int) int {
	depth := 0
	for i := open; i < len(toks); i++ {
		switch toks[i].text {
		case "(", "[", "{":
			depth++
		case ")", "]", "}":
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return len(toks) - 1
}

// parseArgs reads the arguments of the call whose "(" is toks[open].
func parseArgs(toks []token, open int) *callArgs {
	ca := &callArgs{kw: map[string]lit{}}
	if open >= len(toks) || toks[open].text != "(" {
		return ca
	}
	for _, seg := range argSegments(toks, open) {
		switch {
		case len(seg) == 0:
		case seg[0].text == "*" || seg[0].text == "**":
			ca.star = true
		case len(seg) >= 2 && seg[0].kind == tName && seg[1].text == "=":
			ca.kw[seg[0].text] = tokLiteral(seg[2:])
		default:
			ca.pos = append(ca.pos, tokLiteral(seg))
		}
	}
	return ca
}

func tokLiteral(seg []token) lit {
	if len(seg) != 1 {
		return lit{}
	}
	t := seg[0]
	switch {
	case t.kind == tString:
		return lit{known: true, truthy: t.text != "", str: t.text, isStr: true}
	case t.text == "True":
		return lit{known: true, truthy: true}
	case t.text == "False" || t.text == "None":
		return lit{known: true}
	case t.kind == tNumber:
		return lit{known: true, truthy: strings.Trim(t.text, "0._") != ""}
	}
	return lit{}
}

// renderTokArgs shows a call's first argument when it is one token.
func renderTokArgs(toks []token, open int) string {
	if open+1 >= len(toks) {
		return "()"
	}
	if toks[open+1].text == ")" {
		return "()"
	}
	args := parseArgs(toks, open)
	first := "..."
	switch t := toks[open+1]; t.kind {
	case tString, tNumber:
		if open+2 < len(toks) && (toks[open+2].text == "," || toks[open+2].text == ")") {
			first = t.text
			if t.kind == tString {
				first = quote(t.text)
			}
		}
	case tName:
		if name, j := dotted(toks, open+1); j < len(toks) && (toks[j].text == "," || toks[j].text == ")") {
			first = name
		}
	}
	if len(args.pos)+len(args.kw) > 1 || args.star {
		return "(" + first + ", ...)"
	}
	return "(" + first + ")"
}
