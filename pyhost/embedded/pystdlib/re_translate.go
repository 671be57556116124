package pystdlib

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// Translation of Python regular expression syntax (the sre dialect of
// CPython 3.11, str patterns) to Go's RE2 syntax.
//
// The translator parses the pattern the way sre_parse does, so that
// syntax errors carry CPython's messages and positions, and writes an
// equivalent RE2 pattern:
//
//   - \d \w \s and their negations become Unicode classes matching what
//     CPython matches for str patterns (Go's are ASCII-only), or ASCII
//     classes under re.ASCII;
//   - \Z becomes \z; octal, \x, \u and \U escapes become \x{...};
//   - named groups become plain capturing groups (names are kept here,
//     so any identifier is accepted, as in Python);
//   - (?x) verbose whitespace and comments, (?#...) comments and the
//     a/u/x inline flags are resolved here, i/m/s are passed to RE2;
//   - {,n} becomes {0,n}; a brace that is not a repeat is a literal.
//
// Constructs RE2 cannot express are rejected with an re.error naming the
// construct: backreferences (\1, (?P=name)), look-ahead and look-behind,
// conditionals, atomic groups and possessive quantifiers, \N{...}.
//
// Known, documented differences that cannot be translated: \b and \B
// use ASCII word characters; IGNORECASE uses Unicode simple case folding
// (CPython also lets i match U+0130 and U+0131, and U+0345 match iota); `$` without MULTILINE matches only at the
// very end (Python also matches before a trailing newline); after an
// empty match the search resumes one character later (Python first tries
// a non-empty match at the same position, which only matters for
// patterns that prefer an empty match, such as `a??` or `|a`).

// Python's re flag values.
const (
	flagTemplate   = 1
	flagIgnoreCase = 2
	flagLocale     = 4
	flagMultiline  = 8
	flagDotAll     = 16
	flagUnicode    = 32
	flagVerbose    = 64
	flagDebug      = 128
	flagASCII      = 256
)

// reError is a pattern error: CPython's message and the character
// position in the pattern (-1 when there is none).
type reError struct {
	msg string
	pos int
}

func (e *reError) Error() string {
	if e.pos >= 0 {
		return fmt.Sprintf("%s at position %d", e.msg, e.pos)
	}
	return e.msg
}

// translation is a translated pattern.
type translation struct {
	goPattern  string
	groups     int
	groupIndex map[string]int
	groupNames []string // by group number; "" for unnamed; index 0 unused
	groupClose []int    // by group number: position of its ')', for lastindex
	flags      int      // the pattern's flags, inline global flags included
	backward   bool     // uses an assertion that looks left (^ \A \b \B)
}

const (
	itemNone      = iota // start of pattern, after ( or |
	itemAtom             // something a quantifier may follow
	itemRepeat           // a quantifier
	itemAssertion        // ^ $ \A \Z \b \B: cannot be repeated
)

type groupFrame struct {
	start          int
	num            int // capture group number, 0 if not capturing
	capture        bool
	verbose, ascii bool // the scope's flags, restored at )
	ignoreCase     bool
}

type translator struct {
	src        []rune
	i          int
	out        strings.Builder
	flags      int
	verbose    bool
	ascii      bool
	ignoreCase bool
	last       int
	stack      []groupFrame
	groups     int
	names      map[string]int
	groupNames []string
	groupClose []int
	backward   bool
	branch     int  // top-level alternative index
	topItems   bool // the current top-level branch has items
}

// translate converts a Python pattern to RE2 syntax. flags are the re
// flags given with the pattern.
func translate(pattern string, flags int) (*translation, error) {
	t := &translator{src: []rune(pattern), flags: flags, names: map[string]int{}, groupNames: []string{""}, groupClose: []int{0}}
	if flags&flagLocale != 0 {
		return nil, &reError{msg: "cannot use LOCALE flag with a str pattern", pos: -1}
	}
	if flags&flagASCII != 0 && flags&flagUnicode != 0 {
		return nil, &reError{msg: "ASCII and UNICODE flags are incompatible", pos: -1}
	}
	// Global inline flags may only open the pattern, so a first pass
	// finds them before anything is emitted.
	if err := t.parse(); err != nil {
		return nil, err
	}
	body := t.out.String()
	var prefix strings.Builder
	if t.flags&(flagIgnoreCase|flagMultiline|flagDotAll) != 0 {
		prefix.WriteString("(?")
		if t.flags&flagIgnoreCase != 0 {
			prefix.WriteString("i")
		}
		if t.flags&flagMultiline != 0 {
			prefix.WriteString("m")
		}
		if t.flags&flagDotAll != 0 {
			prefix.WriteString("s")
		}
		prefix.WriteString(")")
	}
	f := t.flags
	if f&flagASCII == 0 {
		f |= flagUnicode
	}
	return &translation{
		goPattern:  prefix.String() + body,
		groups:     t.groups,
		groupIndex: t.names,
		groupNames: t.groupNames,
		groupClose: t.groupClose,
		flags:      f,
		backward:   t.backward,
	}, nil
}

func (t *translator) errAt(pos int, format string, args ...any) error {
	return &reError{msg: fmt.Sprintf(format, args...), pos: pos}
}

func (t *translator) peek() (rune, bool) {
	if t.i < len(t.src) {
		return t.src[t.i], true
	}
	return 0, false
}

func (t *translator) match(r rune) bool {
	if t.i < len(t.src) && t.src[t.i] == r {
		t.i++
		return true
	}
	return false
}

func (t *translator) atTop() bool { return len(t.stack) == 0 }

func (t *translator) emitAtom(s string) {
	t.out.WriteString(s)
	t.last = itemAtom
	if t.atTop() {
		t.topItems = true
	}
}

func (t *translator) emitAssertion(s string) {
	t.out.WriteString(s)
	t.last = itemAssertion
	if t.atTop() {
		t.topItems = true
	}
}

func (t *translator) parse() error {
	t.verbose = t.flags&flagVerbose != 0
	t.ascii = t.flags&flagASCII != 0
	t.ignoreCase = t.flags&flagIgnoreCase != 0
	for t.i < len(t.src) {
		r := t.src[t.i]
		start := t.i
		t.i++
		if t.verbose {
			if isPyWhitespace(r) {
				continue
			}
			if r == '#' {
				for t.i < len(t.src) && t.src[t.i] != '\n' {
					t.i++
				}
				continue
			}
		}
		switch r {
		case '|':
			t.out.WriteString("|")
			t.last = itemNone
			if t.atTop() {
				t.branch++
				t.topItems = false
			}
		case '(':
			if err := t.openGroup(start); err != nil {
				return err
			}
		case ')':
			if t.atTop() {
				return t.errAt(start, "unbalanced parenthesis")
			}
			f := t.stack[len(t.stack)-1]
			t.stack = t.stack[:len(t.stack)-1]
			if f.num > 0 {
				t.groupClose[f.num] = start
			}
			t.verbose, t.ascii, t.ignoreCase = f.verbose, f.ascii, f.ignoreCase
			t.emitAtom(")")
		case '[':
			cls, err := t.parseClass(start)
			if err != nil {
				return err
			}
			t.emitAtom(cls)
		case '*', '+', '?':
			if err := t.repeat(start, string(r)); err != nil {
				return err
			}
		case '{':
			q, ok, err := t.braceRepeat(start)
			if err != nil {
				return err
			}
			if !ok {
				t.emitAtom(`\{`)
				continue
			}
			if err := t.repeat(start, q); err != nil {
				return err
			}
		case '.':
			t.emitAtom(".")
		case '^':
			t.backward = true
			t.emitAssertion("^")
		case '$':
			t.emitAssertion("$")
		case '\\':
			if err := t.escape(start); err != nil {
				return err
			}
		default:
			t.emitAtom(quoteLiteral(r))
		}
	}
	if !t.atTop() {
		f := t.stack[len(t.stack)-1]
		return t.errAt(f.start, "missing ), unterminated subpattern")
	}
	return nil
}

func isPyWhitespace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\v', '\f':
		return true
	}
	return false
}

// repeat applies a quantifier (already in RE2 form) to the last item,
// with an optional lazy `?`; a possessive `+` is refused.
func (t *translator) repeat(start int, q string) error {
	switch t.last {
	case itemNone, itemAssertion:
		return t.errAt(start, "nothing to repeat")
	case itemRepeat:
		return t.errAt(start, "multiple repeat")
	}
	t.out.WriteString(q)
	if t.match('?') {
		t.out.WriteString("?")
	} else if r, ok := t.peek(); ok && r == '+' {
		return t.errAt(start, "possessive quantifier %s+ is not supported by the Go RE2 engine", string(t.src[start:t.i]))
	}
	t.last = itemRepeat
	return nil
}

// braceRepeat parses {m}, {m,}, {,n} or {m,n} after the brace at start;
// ok is false when the brace is a literal.
func (t *translator) braceRepeat(start int) (string, bool, error) {
	i := t.i
	readDigits := func() string {
		j := i
		for i < len(t.src) && t.src[i] >= '0' && t.src[i] <= '9' {
			i++
		}
		return string(t.src[j:i])
	}
	if i < len(t.src) && t.src[i] == '}' {
		return "", false, nil
	}
	lo := readDigits()
	hi := lo
	comma := false
	if i < len(t.src) && t.src[i] == ',' {
		i++
		comma = true
		hi = readDigits()
	}
	if i >= len(t.src) || t.src[i] != '}' {
		return "", false, nil
	}
	i++
	min, max := 0, -1
	var err error
	if lo != "" {
		if min, err = strconv.Atoi(lo); err != nil || min > 1000 {
			return "", false, t.errAt(start, "repetition count %s exceeds the Go RE2 engine's limit of 1000", lo)
		}
	}
	if hi != "" {
		if max, err = strconv.Atoi(hi); err != nil || max > 1000 {
			return "", false, t.errAt(start, "repetition count %s exceeds the Go RE2 engine's limit of 1000", hi)
		}
		if max < min {
			return "", false, t.errAt(start+1, "min repeat greater than max repeat")
		}
	}
	t.i = i
	switch {
	case !comma:
		return "{" + strconv.Itoa(min) + "}", true, nil
	case max < 0:
		return "{" + strconv.Itoa(min) + ",}", true, nil
	}
	return "{" + strconv.Itoa(min) + "," + strconv.Itoa(max) + "}", true, nil
}

// openGroup handles everything after an opening parenthesis.
func (t *translator) openGroup(start int) error {
	frame := groupFrame{start: start, verbose: t.verbose, ascii: t.ascii, ignoreCase: t.ignoreCase}
	if !t.match('?') {
		t.groups++
		t.groupNames = append(t.groupNames, "")
		t.groupClose = append(t.groupClose, 0)
		frame.capture, frame.num = true, t.groups
		t.stack = append(t.stack, frame)
		t.out.WriteString("(")
		t.last = itemNone
		return nil
	}
	c, ok := t.peek()
	if !ok {
		return t.errAt(t.i, "unexpected end of pattern")
	}
	t.i++
	switch {
	case c == 'P':
		if t.match('<') {
			name, err := t.groupName('>', "missing >, unterminated name")
			if err != nil {
				return err
			}
			if prev, dup := t.names[name]; dup {
				return t.errAt(t.i-len([]rune(name))-1, "redefinition of group name %s as group %d; was group %d", pyQuote(name), t.groups+1, prev)
			}
			t.groups++
			t.names[name] = t.groups
			t.groupNames = append(t.groupNames, name)
			t.groupClose = append(t.groupClose, 0)
			frame.capture, frame.num = true, t.groups
			t.stack = append(t.stack, frame)
			t.out.WriteString("(")
			t.last = itemNone
			return nil
		}
		if t.match('=') {
			name, err := t.groupName(')', "missing ), unterminated name")
			if err != nil {
				return err
			}
			if _, ok := t.names[name]; !ok {
				return t.errAt(t.i-len([]rune(name))-1, "unknown group name %s", pyQuote(name))
			}
			return t.errAt(start, "backreference (?P=%s) is not supported by the Go RE2 engine", name)
		}
		c2, ok := t.peek()
		if !ok {
			return t.errAt(t.i, "unexpected end of pattern")
		}
		return t.errAt(start+1, "unknown extension ?P%c", c2)
	case c == ':':
		t.stack = append(t.stack, frame)
		t.out.WriteString("(?:")
		t.last = itemNone
		return nil
	case c == '#':
		for {
			r, ok := t.peek()
			if !ok {
				return t.errAt(start, "missing ), unterminated comment")
			}
			t.i++
			if r == ')' {
				return nil
			}
		}
	case c == '=':
		return t.errAt(start, "look-ahead assertion (?=...) is not supported by the Go RE2 engine")
	case c == '!':
		return t.errAt(start, "negative look-ahead assertion (?!...) is not supported by the Go RE2 engine")
	case c == '<':
		c2, ok := t.peek()
		if !ok {
			return t.errAt(t.i, "unexpected end of pattern")
		}
		t.i++
		switch c2 {
		case '=':
			return t.errAt(start, "look-behind assertion (?<=...) is not supported by the Go RE2 engine")
		case '!':
			return t.errAt(start, "negative look-behind assertion (?<!...) is not supported by the Go RE2 engine")
		}
		return t.errAt(start+1, "unknown extension ?<%c", c2)
	case c == '(':
		return t.errAt(start, "conditional group (?(...)...) is not supported by the Go RE2 engine")
	case c == '>':
		return t.errAt(start, "atomic group (?>...) is not supported by the Go RE2 engine")
	case strings.ContainsRune("iLmsxatu-", c):
		return t.inlineFlags(start, c, frame)
	}
	return t.errAt(start+1, "unknown extension ?%c", c)
}

// groupName reads a group name up to term and checks it is an identifier.
func (t *translator) groupName(term rune, unterminated string) (string, error) {
	j := t.i
	for t.i < len(t.src) && t.src[t.i] != term {
		t.i++
	}
	if t.i >= len(t.src) {
		if t.i == j {
			return "", t.errAt(j, "missing group name")
		}
		return "", t.errAt(j, "%s", unterminated)
	}
	name := string(t.src[j:t.i])
	t.i++
	if name == "" {
		return "", t.errAt(j, "missing group name")
	}
	if !isIdentifier(name) {
		return "", t.errAt(j, "bad character in group name %s", pyQuote(name))
	}
	return name, nil
}

var inlineFlagBits = map[rune]int{'i': flagIgnoreCase, 'L': flagLocale, 'm': flagMultiline, 's': flagDotAll,
	'x': flagVerbose, 'a': flagASCII, 't': flagTemplate, 'u': flagUnicode}

const typeFlags = flagASCII | flagLocale | flagUnicode

// inlineFlags parses (?aiLmsux), (?aiLmsux-imsx:...) after "(?" and the
// first flag character c, following sre_parse._parse_flags.
func (t *translator) inlineFlags(start int, c rune, frame groupFrame) error {
	add, del := 0, 0
	next := func() (rune, bool) {
		r, ok := t.peek()
		if ok {
			t.i++
		}
		return r, ok
	}
	if c != '-' {
		for {
			flag := inlineFlagBits[c]
			if c == 'L' {
				return t.errAt(t.i, "bad inline flags: cannot use 'L' flag with a str pattern")
			}
			add |= flag
			if flag&typeFlags != 0 && add&typeFlags != flag {
				return t.errAt(t.i, "bad inline flags: flags 'a', 'u' and 'L' are incompatible")
			}
			var ok bool
			if c, ok = next(); !ok {
				return t.errAt(t.i, "missing -, : or )")
			}
			if strings.ContainsRune(")-:", c) {
				break
			}
			if _, known := inlineFlagBits[c]; !known {
				if unicode.IsLetter(c) {
					return t.errAt(t.i-1, "unknown flag")
				}
				return t.errAt(t.i-1, "missing -, : or )")
			}
		}
	}
	if c == ')' {
		if !t.atTop() || t.branch > 0 || t.topItems {
			return t.errAt(start, "global flags not at the start of the expression")
		}
		if add&flagASCII != 0 && t.flags&flagUnicode != 0 || add&flagUnicode != 0 && t.flags&flagASCII != 0 {
			return &reError{msg: "ASCII and UNICODE flags are incompatible", pos: -1}
		}
		t.flags |= add
		t.verbose = t.flags&flagVerbose != 0
		t.ascii = t.flags&flagASCII != 0
		t.ignoreCase = t.flags&flagIgnoreCase != 0
		return nil
	}
	if c == '-' {
		var ok bool
		if c, ok = next(); !ok {
			return t.errAt(t.i, "missing flag")
		}
		if _, known := inlineFlagBits[c]; !known {
			if unicode.IsLetter(c) {
				return t.errAt(t.i-1, "unknown flag")
			}
			return t.errAt(t.i-1, "missing flag")
		}
		for {
			flag := inlineFlagBits[c]
			if flag&typeFlags != 0 {
				return t.errAt(t.i, "bad inline flags: cannot turn off flags 'a', 'u' and 'L'")
			}
			del |= flag
			if c, ok = next(); !ok {
				return t.errAt(t.i, "missing :")
			}
			if c == ':' {
				break
			}
			if _, known := inlineFlagBits[c]; !known {
				if unicode.IsLetter(c) {
					return t.errAt(t.i-1, "unknown flag")
				}
				return t.errAt(t.i-1, "missing :")
			}
		}
	}
	if add&del != 0 {
		return t.errAt(t.i-1, "bad inline flags: flag turned on and off")
	}
	// A scoped group: i, m and s go to RE2, a and x are applied here.
	var on, off strings.Builder
	for _, f := range []struct {
		bit int
		ch  string
	}{{flagIgnoreCase, "i"}, {flagMultiline, "m"}, {flagDotAll, "s"}} {
		if add&f.bit != 0 {
			on.WriteString(f.ch)
		}
		if del&f.bit != 0 {
			off.WriteString(f.ch)
		}
	}
	t.stack = append(t.stack, frame)
	t.out.WriteString("(?")
	t.out.WriteString(on.String())
	if off.Len() > 0 {
		t.out.WriteString("-" + off.String())
	}
	t.out.WriteString(":")
	if add&flagVerbose != 0 {
		t.verbose = true
	}
	if del&flagVerbose != 0 {
		t.verbose = false
	}
	if add&flagASCII != 0 {
		t.ascii = true
	}
	if add&flagUnicode != 0 {
		t.ascii = false
	}
	if add&flagIgnoreCase != 0 {
		t.ignoreCase = true
	}
	if del&flagIgnoreCase != 0 {
		t.ignoreCase = false
	}
	t.last = itemNone
	return nil
}

// escape handles a backslash outside a character class.
func (t *translator) escape(start int) error {
	c, ok := t.peek()
	if !ok {
		return t.errAt(start, "bad escape (end of pattern)")
	}
	t.i++
	switch c {
	case 'A':
		t.backward = true
		t.emitAssertion(`\A`)
		return nil
	case 'Z':
		t.emitAssertion(`\z`)
		return nil
	case 'b':
		t.backward = true
		t.emitAssertion(`\b`)
		return nil
	case 'B':
		t.backward = true
		t.emitAssertion(`\B`)
		return nil
	case 'd', 'D', 'w', 'W', 's', 'S':
		t.emitAtom(t.shorthand(c))
		return nil
	}
	r, isLit, err := t.literalEscape(start, c, false)
	if err != nil {
		return err
	}
	if !isLit {
		return nil
	}
	t.emitAtom(quoteLiteral(r))
	return nil
}

// literalEscape decodes an escape that stands for one character; c is
// the character after the backslash (already consumed). For a group
// reference outside a class it returns the unsupported-construct error.
func (t *translator) literalEscape(start int, c rune, inClass bool) (rune, bool, error) {
	switch c {
	case 'a':
		return '\a', true, nil
	case 'f':
		return '\f', true, nil
	case 'n':
		return '\n', true, nil
	case 'r':
		return '\r', true, nil
	case 't':
		return '\t', true, nil
	case 'v':
		return '\v', true, nil
	case '\\':
		return '\\', true, nil
	case 'x', 'u', 'U':
		n := map[rune]int{'x': 2, 'u': 4, 'U': 8}[c]
		j := t.i
		for t.i < len(t.src) && t.i-j < n && isHexDigit(t.src[t.i]) {
			t.i++
		}
		esc := `\` + string(c) + string(t.src[j:t.i])
		if t.i-j != n {
			return 0, false, t.errAt(start, "incomplete escape %s", esc)
		}
		v, _ := strconv.ParseUint(string(t.src[j:t.i]), 16, 32)
		if v > unicode.MaxRune {
			return 0, false, t.errAt(start, "bad escape %s", esc)
		}
		return rune(v), true, nil
	case 'N':
		return 0, false, t.errAt(start, `named Unicode escape \N{...} is not supported; use \u or \U with the code point`)
	case '0':
		j := t.i
		for t.i < len(t.src) && t.i-j < 2 && t.src[t.i] >= '0' && t.src[t.i] <= '7' {
			t.i++
		}
		v, _ := strconv.ParseUint("0"+string(t.src[j:t.i]), 8, 32)
		return rune(v), true, nil
	}
	if c >= '1' && c <= '9' && !inClass { // classes handle digits themselves
		// Octal escape or group reference, decided as sre_parse does.
		j := t.i
		if t.i < len(t.src) && isDigit(t.src[t.i]) {
			t.i++
			if c <= '7' && t.src[t.i-1] <= '7' && t.i < len(t.src) && t.src[t.i] >= '0' && t.src[t.i] <= '7' {
				t.i++
				v, _ := strconv.ParseUint(string(t.src[j-1:t.i]), 8, 32)
				if v > 0o377 {
					return 0, false, t.errAt(start, `octal escape value \%s outside of range 0-0o377`, string(t.src[j-1:t.i]))
				}
				return rune(v), true, nil
			}
		}
		num := string(t.src[j-1 : t.i])
		g, _ := strconv.Atoi(num)
		if g <= t.groups {
			return 0, false, t.errAt(start, `backreference \%s is not supported by the Go RE2 engine`, num)
		}
		return 0, false, t.errAt(start+1, "invalid group reference %d", g)
	}
	if c < 128 && (unicode.IsLetter(c) || unicode.IsDigit(c)) {
		return 0, false, t.errAt(start, `bad escape \%c`, c)
	}
	return c, true, nil
}

func isDigit(r rune) bool    { return r >= '0' && r <= '9' }
func isHexDigit(r rune) bool { return isDigit(r) || (r >= 'a' && r <= 'f') || (r >= 'A' && r <= 'F') }

// quoteLiteral writes one literal character in RE2 syntax.
func quoteLiteral(r rune) string {
	switch {
	case strings.ContainsRune(`\.+*?()|[]{}^$`, r):
		return `\` + string(r)
	case r < 0x20 || r == 0x7f || r == unicode.ReplacementChar:
		return fmt.Sprintf(`\x{%x}`, r)
	}
	return string(r)
}

// quoteClassLiteral writes one literal character inside [...].
func quoteClassLiteral(r rune) string {
	switch {
	case strings.ContainsRune(`\]-[^`, r):
		return `\` + string(r)
	case r < 0x20 || r == 0x7f || r == unicode.ReplacementChar:
		return fmt.Sprintf(`\x{%x}`, r)
	}
	return string(r)
}

// The Unicode classes of CPython's \d \w \s for str patterns.
const (
	uniDigit = `\p{Nd}`
	uniWord  = `\p{L}\p{N}_`
	uniSpace = `\t\n\v\f\r\x{1c}-\x{20}\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}`
)

// shorthand renders \d \D \w \W \s \S outside a class.
func (t *translator) shorthand(c rune) string {
	if t.ascii {
		return map[rune]string{'d': `[0-9]`, 'D': `[^0-9]`, 'w': `[0-9A-Za-z_]`, 'W': `[^0-9A-Za-z_]`,
			's': `[\t\n\v\f\r ]`, 'S': `[^\t\n\v\f\r ]`}[c]
	}
	return map[rune]string{'d': uniDigit, 'D': `\P{Nd}`, 'w': `[` + uniWord + `]`, 'W': `[^` + uniWord + `]`,
		's': `[` + uniSpace + `]`, 'S': `[^` + uniSpace + `]`}[c]
}

// classItem is one member of a character class.
type classItem struct {
	lo, hi    rune   // a literal range when text == "" and short == 0
	text      string // an RE2 fragment valid inside [...]
	short     rune   // a shorthand letter (d D w W s S), Unicode mode
	isLiteral bool
}

// parseClass parses [...] starting after the '[' at start and returns
// its RE2 rendering.
func (t *translator) parseClass(start int) (string, error) {
	negate := t.match('^')
	var items []classItem
	first := true
	for {
		r, ok := t.peek()
		if !ok {
			return "", t.errAt(start, "unterminated character set")
		}
		itemStart := t.i
		t.i++
		if r == ']' && !first {
			break
		}
		first = false
		item, err := t.classAtom(itemStart, r)
		if err != nil {
			return "", err
		}
		if t.match('-') {
			r2, ok := t.peek()
			if !ok {
				return "", t.errAt(start, "unterminated character set")
			}
			if r2 == ']' {
				t.i++
				items = append(items, item, classItem{lo: '-', hi: '-', isLiteral: true})
				break
			}
			t.i++
			item2, err := t.classAtom(t.i-1, r2)
			if err != nil {
				return "", err
			}
			if !item.isLiteral || !item2.isLiteral || item2.lo < item.lo {
				return "", t.errAt(itemStart, "bad character range %s", string(t.src[itemStart:t.i]))
			}
			items = append(items, classItem{lo: item.lo, hi: item2.lo, isLiteral: true})
			continue
		}
		items = append(items, item)
	}
	return t.renderClass(items, negate), nil
}

// classAtom parses one class member that starts with r (consumed).
func (t *translator) classAtom(start int, r rune) (classItem, error) {
	if r != '\\' {
		return classItem{lo: r, hi: r, isLiteral: true}, nil
	}
	c, ok := t.peek()
	if !ok {
		return classItem{}, t.errAt(start, "unterminated character set")
	}
	t.i++
	switch c {
	case 'd', 'D', 'w', 'W', 's', 'S':
		if t.ascii {
			return classItem{text: map[rune]string{'d': `0-9`, 'D': `[:^digit:]`, 'w': `[:word:]`, 'W': `[:^word:]`,
				's': `[:space:]`, 'S': `[:^space:]`}[c]}, nil
		}
		return classItem{short: c}, nil
	case 'b':
		return classItem{lo: '\b', hi: '\b', isLiteral: true}, nil
	}
	if c >= '1' && c <= '7' || c == '0' {
		t.i--
		j := t.i
		for t.i < len(t.src) && t.i-j < 3 && t.src[t.i] >= '0' && t.src[t.i] <= '7' {
			t.i++
		}
		v, _ := strconv.ParseUint(string(t.src[j:t.i]), 8, 32)
		if v > 0o377 {
			return classItem{}, t.errAt(start, `octal escape value \%s outside of range 0-0o377`, string(t.src[j:t.i]))
		}
		return classItem{lo: rune(v), hi: rune(v), isLiteral: true}, nil
	}
	if c == '8' || c == '9' {
		return classItem{}, t.errAt(start, `bad escape \%c`, c)
	}
	lit, _, err := t.literalEscape(start, c, true)
	if err != nil {
		return classItem{}, err
	}
	return classItem{lo: lit, hi: lit, isLiteral: true}, nil
}

// renderClass writes a class. Unicode \W and \S have no RE2 spelling
// inside brackets, so a class holding them is computed as an explicit
// set of ranges.
func (t *translator) renderClass(items []classItem, negate bool) string {
	explicit := false
	for _, it := range items {
		if it.short == 'W' || it.short == 'S' {
			explicit = true
		}
	}
	if explicit {
		return t.explicitClass(items, negate)
	}
	var b strings.Builder
	b.WriteString("[")
	if negate {
		b.WriteString("^")
	}
	for _, it := range items {
		switch {
		case it.short != 0:
			b.WriteString(map[rune]string{'d': uniDigit, 'D': `\P{Nd}`, 'w': uniWord, 's': uniSpace}[it.short])
		case it.text != "":
			b.WriteString(it.text)
		case it.lo == it.hi:
			b.WriteString(quoteClassLiteral(it.lo))
		default:
			b.WriteString(quoteClassLiteral(it.lo) + "-" + quoteClassLiteral(it.hi))
		}
	}
	b.WriteString("]")
	return b.String()
}

// explicitClass computes the class as ranges, folding literal members
// under IGNORECASE first so that negation keeps Python's meaning.
func (t *translator) explicitClass(items []classItem, negate bool) string {
	var set runeSet
	for _, it := range items {
		switch {
		case it.short != 0:
			set = set.union(shorthandSet(it.short))
		case it.text != "": // only ASCII-mode fragments have text; not reached in Unicode mode
		default:
			set = set.add(it.lo, it.hi)
			if t.ignoreCase {
				set = set.union(foldRange(it.lo, it.hi))
			}
		}
	}
	if negate {
		set = set.negate()
	}
	if len(set) == 0 {
		return `[^\x{0}-\x{10ffff}]`
	}
	var b strings.Builder
	// The set is closed under case folding already (literal members were
	// folded above, the Unicode classes are closed), so RE2 need not fold
	// it again, which costs seconds for sets this large.
	if t.ignoreCase {
		b.WriteString("(?-i:")
	}
	b.WriteString("[")
	for i := 0; i < len(set); i += 2 {
		if set[i] == set[i+1] {
			fmt.Fprintf(&b, `\x{%x}`, set[i])
		} else {
			fmt.Fprintf(&b, `\x{%x}-\x{%x}`, set[i], set[i+1])
		}
	}
	b.WriteString("]")
	if t.ignoreCase {
		b.WriteString(")")
	}
	return b.String()
}

// runeSet is a sorted list of disjoint, non-adjacent inclusive ranges
// [lo0, hi0, lo1, hi1, ...].
type runeSet []rune

func (s runeSet) add(lo, hi rune) runeSet {
	return s.union(runeSet{lo, hi})
}

func (s runeSet) union(o runeSet) runeSet {
	var pairs [][2]rune
	for i := 0; i < len(s); i += 2 {
		pairs = append(pairs, [2]rune{s[i], s[i+1]})
	}
	for i := 0; i < len(o); i += 2 {
		pairs = append(pairs, [2]rune{o[i], o[i+1]})
	}
	sortPairs(pairs)
	var out runeSet
	for _, p := range pairs {
		if n := len(out); n > 0 && p[0] <= out[n-1]+1 {
			if p[1] > out[n-1] {
				out[n-1] = p[1]
			}
			continue
		}
		out = append(out, p[0], p[1])
	}
	return out
}

func (s runeSet) negate() runeSet {
	var out runeSet
	next := rune(0)
	for i := 0; i < len(s); i += 2 {
		if s[i] > next {
			out = append(out, next, s[i]-1)
		}
		next = s[i+1] + 1
	}
	if next <= unicode.MaxRune {
		out = append(out, next, unicode.MaxRune)
	}
	return out
}

func sortPairs(p [][2]rune) {
	// insertion sort is enough for the handful of class members, but
	// Unicode tables have hundreds of ranges: use a simple merge sort.
	if len(p) < 2 {
		return
	}
	mid := len(p) / 2
	a := append([][2]rune(nil), p[:mid]...)
	b := append([][2]rune(nil), p[mid:]...)
	sortPairs(a)
	sortPairs(b)
	i, j, k := 0, 0, 0
	for i < len(a) && j < len(b) {
		if a[i][0] <= b[j][0] {
			p[k] = a[i]
			i++
		} else {
			p[k] = b[j]
			j++
		}
		k++
	}
	for ; i < len(a); i++ {
		p[k] = a[i]
		k++
	}
	for ; j < len(b); j++ {
		p[k] = b[j]
		k++
	}
}

func tableSet(tabs ...*unicode.RangeTable) runeSet {
	var out runeSet
	for _, tab := range tabs {
		var s runeSet
		for _, r := range tab.R16 {
			for c := rune(r.Lo); c <= rune(r.Hi); c += rune(r.Stride) {
				s = append(s, c, c)
				if r.Stride == 1 {
					s[len(s)-1] = rune(r.Hi)
					break
				}
			}
		}
		for _, r := range tab.R32 {
			for c := rune(r.Lo); c <= rune(r.Hi); c += rune(r.Stride) {
				s = append(s, c, c)
				if r.Stride == 1 {
					s[len(s)-1] = rune(r.Hi)
					break
				}
			}
		}
		out = out.union(s)
	}
	return out
}

var (
	digitSet = tableSet(unicode.Nd)
	wordSet  = tableSet(unicode.L, unicode.N).add('_', '_')
	spaceSet = runeSet{'\t', '\r', 0x1c, 0x20, 0x85, 0x85, 0xa0, 0xa0, 0x1680, 0x1680, 0x2000, 0x200a,
		0x2028, 0x2029, 0x202f, 0x202f, 0x205f, 0x205f, 0x3000, 0x3000}
)

func shorthandSet(c rune) runeSet {
	switch c {
	case 'd':
		return digitSet
	case 'D':
		return digitSet.negate()
	case 'w':
		return wordSet
	case 'W':
		return wordSet.negate()
	case 's':
		return spaceSet
	}
	return spaceSet.negate()
}

// foldRange is the set of case variants of the runes in [lo, hi].
func foldRange(lo, hi rune) runeSet {
	var s runeSet
	for r := lo; r <= hi && r-lo < 0x30000; r++ {
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			s = append(s, f, f)
		}
	}
	return runeSet{}.union(s)
}
