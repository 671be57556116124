package pystdlib

import (
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/go-python/gpython/py"
)

// The re module over Go's regexp (RE2), with patterns translated by
// re_translate.go. Positions are converted between Go's byte offsets and
// Python's character offsets at the boundary (runeOffsets).

var (
	reErrorType   *py.Type
	patternType   *py.Type
	matchType     *py.Type
	regexFlagType *py.Type
)

// compiled is a translated pattern with its Go regexps. It is immutable
// once built and shared by every context through the cache; the
// anchored and context variants are compiled on first use.
type compiled struct {
	source string
	flags  int // as given to compile
	tr     *translation
	plain  *regexp.Regexp

	variants [5]struct {
		once sync.Once
		re   *regexp.Regexp
		err  error
	}
}

const (
	modeSearch = iota
	modeMatch
	modeFull
)

// variant returns the regexp for a mode. withContext variants take the
// subject starting one character before the search position and use it
// as left context for ^, \A, \b and \B; the match is capture group 1.
func (c *compiled) variant(mode int, withContext bool) (*regexp.Regexp, error) {
	body := c.tr.goPattern
	var idx int
	var src string
	switch {
	case mode == modeSearch && !withContext:
		return c.plain, nil
	case mode == modeSearch:
		idx, src = 0, `^(?s:.)(?s:.*?)(`+body+`)`
	case mode == modeMatch && !withContext:
		idx, src = 1, `\A(?:`+body+`)`
	case mode == modeFull && !withContext:
		idx, src = 2, `\A(?:`+body+`)\z`
	case mode == modeMatch:
		idx, src = 3, `^(?s:.)(`+body+`)`
	default:
		idx, src = 4, `^(?s:.)(`+body+`)\z`
	}
	v := &c.variants[idx]
	v.once.Do(func() { v.re, v.err = regexp.Compile(src) })
	return v.re, v.err
}

// find returns the byte spans of the Python groups (2*(groups+1) ints,
// -1 for unmatched) of the first match at or after pos in s[:end], or
// nil. pos and end are byte offsets on character boundaries.
func (c *compiled) find(s string, pos, end, mode int) ([]int, error) {
	if pos > end {
		return nil, nil
	}
	subject := s[:end]
	withContext := pos > 0 && c.tr.backward
	base, shift := pos, 0
	if withContext {
		_, w := utf8.DecodeLastRuneInString(subject[:pos])
		base, shift = pos-w, 1
	}
	re, err := c.variant(mode, withContext)
	if err != nil {
		return nil, err
	}
	loc := re.FindStringSubmatchIndex(subject[base:])
	if loc == nil {
		return nil, nil
	}
	n := 2 * (c.tr.groups + 1)
	out := make([]int, n)
	for i := 0; i < n; i++ {
		v := loc[i+2*shift]
		if v >= 0 {
			v += base
		}
		out[i] = v
	}
	return out, nil
}

// each visits the successive matches CPython 3.7+ finds (empty matches
// adjacent to a previous match included), up to limit (0: all).
func (c *compiled) each(s string, pos, end, limit int, fn func(loc []int) error) error {
	n := 0
	for pos <= end {
		loc, err := c.find(s, pos, end, modeSearch)
		if err != nil || loc == nil {
			return err
		}
		if err := fn(loc); err != nil {
			return err
		}
		n++
		if limit > 0 && n >= limit {
			return nil
		}
		if loc[1] == loc[0] {
			if loc[1] >= end {
				return nil
			}
			_, w := utf8.DecodeRuneInString(s[loc[1]:end])
			pos = loc[1] + w
		} else {
			pos = loc[1]
		}
	}
	return nil
}

// The compile cache, shared by all contexts (patterns are immutable).
type cacheKey struct {
	pattern string
	flags   int
}

var (
	cacheMu    sync.Mutex
	cache      = map[cacheKey]*compiled{}
	cacheLimit = 512
)

func compilePattern(pattern string, flags int) (*compiled, error) {
	key := cacheKey{pattern, flags}
	cacheMu.Lock()
	c := cache[key]
	cacheMu.Unlock()
	if c != nil {
		return c, nil
	}
	tr, err := translate(pattern, flags)
	if err != nil {
		return nil, err
	}
	re, err := regexp.Compile(tr.goPattern)
	if err != nil {
		return nil, &reError{msg: "pattern not supported by the Go RE2 engine: " + err.Error(), pos: -1}
	}
	c = &compiled{source: pattern, flags: flags, tr: tr, plain: re}
	cacheMu.Lock()
	if len(cache) >= cacheLimit {
		cache = map[cacheKey]*compiled{}
	}
	cache[key] = c
	cacheMu.Unlock()
	return c, nil
}

func purgeCache() {
	cacheMu.Lock()
	cache = map[cacheKey]*compiled{}
	cacheMu.Unlock()
}

// raiseReError turns a translation error into re.error.
func raiseReError(err error, pattern string) error {
	e, ok := err.(*reError)
	if !ok {
		return err
	}
	d := py.StringDict{"msg": py.String(e.msg), "pattern": py.String(pattern)}
	if e.pos >= 0 {
		d["pos"] = py.Int(e.pos)
		line := 1 + strings.Count(string([]rune(pattern)[:min(e.pos, utf8.RuneCountInString(pattern))]), "\n")
		d["lineno"] = py.Int(line)
	} else {
		d["pos"] = py.None
	}
	return &py.Exception{Base: reErrorType, Args: py.Tuple{py.String(e.Error())}, Dict: d}
}

// rePattern is a compiled Pattern object.
type rePattern struct {
	c          *compiled
	patternObj py.Object
}

func (p *rePattern) Type() *py.Type { return patternType }

// toPattern accepts a str or a Pattern, as the module functions do.
func toPattern(o py.Object, flagsObj py.Object) (*rePattern, error) {
	flags := 0
	if !isNone(flagsObj) {
		var err error
		if flags, err = asInt(flagsObj, "flags"); err != nil {
			return nil, err
		}
	}
	switch x := o.(type) {
	case *rePattern:
		if flags != 0 {
			return nil, py.ExceptionNewf(py.ValueError, "cannot process flags argument with a compiled pattern")
		}
		return x, nil
	case py.String:
		c, err := compilePattern(string(x), flags)
		if err != nil {
			return nil, raiseReError(err, string(x))
		}
		return &rePattern{c: c, patternObj: x}, nil
	case py.Bytes:
		return nil, py.ExceptionNewf(py.TypeError, "bytes patterns are not supported by this re module")
	}
	return nil, py.ExceptionNewf(py.TypeError, "first argument must be string or compiled pattern")
}

func subjectString(o py.Object) (py.String, error) {
	switch x := o.(type) {
	case py.String:
		return x, nil
	case py.Bytes:
		return "", py.ExceptionNewf(py.TypeError, "cannot use a string pattern on a bytes-like object")
	}
	return "", py.ExceptionNewf(py.TypeError, "expected string or bytes-like object, got '%s'", typeName(o))
}

// span converts optional pos/endpos character arguments to byte offsets.
func span(off *runeOffsets, posObj, endObj py.Object) (int, int, error) {
	n := off.runes()
	pos, end := 0, n
	var err error
	if !isNone(posObj) {
		if pos, err = asInt(posObj, "pos"); err != nil {
			return 0, 0, err
		}
		if pos < 0 {
			pos = 0
		}
	}
	if !isNone(endObj) {
		if end, err = asInt(endObj, "endpos"); err != nil {
			return 0, 0, err
		}
		if end < 0 {
			end = 0
		}
	}
	pos, end = min(pos, n), min(end, n)
	return off.byteOf(pos), off.byteOf(end), nil
}

func (p *rePattern) matchAt(mode int, str py.Object, posObj, endObj py.Object) (py.Object, error) {
	s, err := subjectString(str)
	if err != nil {
		return nil, err
	}
	off := newRuneOffsets(string(s))
	pos, end, err := span(off, posObj, endObj)
	if err != nil {
		return nil, err
	}
	loc, err := p.c.find(string(s), pos, end, mode)
	if err != nil || loc == nil {
		if err != nil {
			return nil, raiseReError(&reError{msg: err.Error(), pos: -1}, p.c.source)
		}
		return py.None, nil
	}
	return &reMatch{p: p, s: s, off: off, loc: loc, pos: off.char(pos), endpos: off.char(end)}, nil
}

// sub implements sub and subn.
func (p *rePattern) sub(repl, str py.Object, count int) (py.String, int, error) {
	s, err := subjectString(str)
	if err != nil {
		return "", 0, err
	}
	var tmpl *template
	if rs, ok := repl.(py.String); ok {
		if tmpl, err = parseTemplate(string(rs), p.c.tr); err != nil {
			return "", 0, err
		}
	} else if _, ok := repl.(py.I__call__); !ok {
		return "", 0, py.ExceptionNewf(py.TypeError, "expected str instance, %s found", typeName(repl))
	}
	off := newRuneOffsets(string(s))
	var b strings.Builder
	last, n := 0, 0
	// A function's results are checked the way CPython's final join
	// does: None counts as "", anything else but str fails after all
	// calls, naming its index among the joined pieces.
	pieces, badPiece := 0, -1
	var badType string
	err = p.c.each(string(s), 0, len(s), count, func(loc []int) error {
		if last < loc[0] {
			pieces++
		}
		b.WriteString(string(s[last:loc[0]]))
		if tmpl != nil {
			tmpl.expand(&b, string(s), loc)
		} else {
			res, err := py.Call(repl, py.Tuple{&reMatch{p: p, s: s, off: off, loc: loc, endpos: off.runes()}}, nil)
			if err != nil {
				return err
			}
			switch rs := res.(type) {
			case py.String:
				b.WriteString(string(rs))
				pieces++
			case py.NoneType:
			default:
				if badPiece < 0 {
					badPiece, badType = pieces, typeName(res)
				}
				pieces++
			}
		}
		last = loc[1]
		n++
		return nil
	})
	if err != nil {
		return "", 0, err
	}
	if badPiece >= 0 {
		return "", 0, py.ExceptionNewf(py.TypeError, "sequence item %d: expected str instance, %s found", badPiece, badType)
	}
	b.WriteString(string(s[last:]))
	return py.String(b.String()), n, nil
}

func (p *rePattern) split(str py.Object, maxsplit int) (py.Object, error) {
	s, err := subjectString(str)
	if err != nil {
		return nil, err
	}
	out := py.NewList()
	if maxsplit < 0 {
		out.Append(s)
		return out, nil
	}
	last := 0
	err = p.c.each(string(s), 0, len(s), maxsplit, func(loc []int) error {
		out.Append(s[last:loc[0]])
		for g := 1; g <= p.c.tr.groups; g++ {
			out.Append(groupValue(string(s), loc, g, py.None))
		}
		last = loc[1]
		return nil
	})
	if err != nil {
		return nil, err
	}
	out.Append(s[last:])
	return out, nil
}

// groupValue is the text of group g, or def when it did not take part.
func groupValue(s string, loc []int, g int, def py.Object) py.Object {
	if loc[2*g] < 0 {
		return def
	}
	return py.String(s[loc[2*g]:loc[2*g+1]])
}

func (p *rePattern) findall(str, posObj, endObj py.Object) (py.Object, error) {
	s, err := subjectString(str)
	if err != nil {
		return nil, err
	}
	off := newRuneOffsets(string(s))
	pos, end, err := span(off, posObj, endObj)
	if err != nil {
		return nil, err
	}
	out := py.NewList()
	groups := p.c.tr.groups
	err = p.c.each(string(s), pos, end, 0, func(loc []int) error {
		switch groups {
		case 0:
			out.Append(groupValue(string(s), loc, 0, py.String("")))
		case 1:
			out.Append(groupValue(string(s), loc, 1, py.String("")))
		default:
			t := make(py.Tuple, groups)
			for g := 1; g <= groups; g++ {
				t[g-1] = groupValue(string(s), loc, g, py.String(""))
			}
			out.Append(t)
		}
		return nil
	})
	return out, err
}

func (p *rePattern) finditer(str, posObj, endObj py.Object) (py.Object, error) {
	s, err := subjectString(str)
	if err != nil {
		return nil, err
	}
	off := newRuneOffsets(string(s))
	pos, end, err := span(off, posObj, endObj)
	if err != nil {
		return nil, err
	}
	// Matches are found lazily, one per __next__, as CPython does.
	cur, done := pos, false
	return newLazy("callable_iterator", func() (py.Object, error) {
		if done || cur > end {
			return nil, py.StopIteration
		}
		loc, err := p.c.find(string(s), cur, end, modeSearch)
		if err != nil {
			return nil, err
		}
		if loc == nil {
			done = true
			return nil, py.StopIteration
		}
		if loc[1] == loc[0] {
			if loc[1] >= end {
				done = true
			} else {
				_, w := utf8.DecodeRuneInString(string(s[loc[1]:end]))
				cur = loc[1] + w
			}
		} else {
			cur = loc[1]
		}
		return &reMatch{p: p, s: s, off: off, loc: loc, pos: off.char(pos), endpos: off.char(end)}, nil
	}), nil
}

func (p *rePattern) M__repr__() (py.Object, error) {
	src, err := repr(p.patternObj)
	if err != nil {
		return nil, err
	}
	if r := []rune(src); len(r) > 200 {
		src = string(r[:200])
	}
	flags := p.c.tr.flags
	if flags&(flagLocale|flagUnicode|flagASCII) == flagUnicode {
		flags &^= flagUnicode
	}
	if flags == 0 {
		return py.String("re.compile(" + src + ")"), nil
	}
	var names []string
	for _, f := range []struct {
		name string
		bit  int
	}{{"re.TEMPLATE", flagTemplate}, {"re.IGNORECASE", flagIgnoreCase}, {"re.LOCALE", flagLocale}, {"re.MULTILINE", flagMultiline},
		{"re.DOTALL", flagDotAll}, {"re.UNICODE", flagUnicode}, {"re.VERBOSE", flagVerbose}, {"re.DEBUG", flagDebug}, {"re.ASCII", flagASCII}} {
		if flags&f.bit != 0 {
			names = append(names, f.name)
			flags &^= f.bit
		}
	}
	if flags != 0 {
		names = append(names, "0x"+strings.ToLower(strconvHex(flags)))
	}
	return py.String("re.compile(" + src + ", " + strings.Join(names, "|") + ")"), nil
}

func (p *rePattern) M__eq__(other py.Object) (py.Object, error) {
	o, ok := other.(*rePattern)
	if !ok {
		return py.NotImplemented, nil
	}
	return py.NewBool(o.c.source == p.c.source && o.c.tr.flags == p.c.tr.flags), nil
}

func (p *rePattern) M__ne__(other py.Object) (py.Object, error) {
	res, err := p.M__eq__(other)
	if res == py.NotImplemented || err != nil {
		return res, err
	}
	return py.NewBool(res == py.False), nil
}

func (p *rePattern) M__hash__() (py.Object, error) {
	return hashValue(py.Tuple{py.String(p.c.source), py.Int(p.c.tr.flags)})
}

// reMatch is a Match object.
type reMatch struct {
	p           *rePattern
	s           py.String
	off         *runeOffsets
	loc         []int // byte spans per group
	pos, endpos int   // characters
}

func (m *reMatch) Type() *py.Type { return matchType }

// groupIndex resolves a group argument (number or name).
func (m *reMatch) groupIndex(o py.Object) (int, error) {
	switch x := o.(type) {
	case py.String:
		if g, ok := m.p.c.tr.groupIndex[string(x)]; ok {
			return g, nil
		}
	default:
		if g, err := py.Index(o); err == nil && g >= 0 && int(g) <= m.p.c.tr.groups {
			return int(g), nil
		}
	}
	return 0, py.ExceptionNewf(py.IndexError, "no such group")
}

func (m *reMatch) group(o py.Object) (py.Object, error) {
	g, err := m.groupIndex(o)
	if err != nil {
		return nil, err
	}
	return groupValue(string(m.s), m.loc, g, py.None), nil
}

func (m *reMatch) M__getitem__(key py.Object) (py.Object, error) { return m.group(key) }

func (m *reMatch) M__repr__() (py.Object, error) {
	r, err := repr(groupValue(string(m.s), m.loc, 0, py.None))
	if err != nil {
		return nil, err
	}
	if rr := []rune(r); len(rr) > 50 {
		r = string(rr[:50])
	}
	return py.String("<re.Match object; span=(" + itoa(m.off.char(m.loc[0])) + ", " + itoa(m.off.char(m.loc[1])) + "), match=" + r + ">"), nil
}

// lastIndex is the group that closed last: the largest end, then the
// group whose ')' comes later in the pattern.
func (m *reMatch) lastIndex() int {
	best := -1
	for g := 1; g <= m.p.c.tr.groups; g++ {
		if m.loc[2*g] < 0 {
			continue
		}
		if best < 0 || m.loc[2*g+1] > m.loc[2*best+1] ||
			m.loc[2*g+1] == m.loc[2*best+1] && m.p.c.tr.groupClose[g] > m.p.c.tr.groupClose[best] {
			best = g
		}
	}
	return best
}

// spanOf is (start, end) of group g in characters.
func (m *reMatch) spanOf(g int) (int, int) {
	return m.off.char(m.loc[2*g]), m.off.char(m.loc[2*g+1])
}

func strconvHex(n int) string {
	const digits = "0123456789abcdef"
	if n == 0 {
		return "0"
	}
	var b []byte
	for n > 0 {
		b = append([]byte{digits[n%16]}, b...)
		n /= 16
	}
	return string(b)
}
