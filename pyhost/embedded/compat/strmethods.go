package compat

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/go-python/gpython/py"
)

// installStrMethods adds the str methods gpython lacks. Methods gpython
// already has (split, strip, find, count, join, lower, upper, replace,
// startswith, endswith, and format from package pyfmt) are kept.
func installStrMethods() {
	t := py.StringType
	// noArgs adds S.name(), a method of the string alone.
	noArgs := func(name, doc string, f func(string) py.Object) {
		addMissing(t, method(name, doc, func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
			s, err := selfStr(self, name)
			if err != nil {
				return nil, err
			}
			if err := nargs(name, args, 0, 0); err != nil {
				return nil, err
			}
			if err := noKwargs(name, kwargs); err != nil {
				return nil, err
			}
			return f(s), nil
		}))
	}
	pred := func(name string, f func(string) bool) {
		noArgs(name, "S."+name+"() -> bool", func(s string) py.Object { return py.NewBool(f(s)) })
	}
	pred("isdigit", func(s string) bool { return allRunes(s, isDigitRune) })
	pred("isdecimal", func(s string) bool { return allRunes(s, unicode.IsDigit) })
	pred("isnumeric", func(s string) bool { return allRunes(s, isNumericRune) })
	pred("isalpha", func(s string) bool { return allRunes(s, unicode.IsLetter) })
	pred("isalnum", func(s string) bool {
		return allRunes(s, func(r rune) bool { return unicode.IsLetter(r) || isNumericRune(r) })
	})
	pred("isspace", func(s string) bool { return allRunes(s, isSpaceRune) })
	pred("isascii", func(s string) bool {
		for i := 0; i < len(s); i++ {
			if s[i] >= utf8.RuneSelf {
				return false
			}
		}
		return true
	})
	pred("isprintable", func(s string) bool {
		for _, r := range s {
			if r != ' ' && !unicode.IsPrint(r) {
				return false
			}
		}
		return true
	})
	pred("isupper", func(s string) bool { return caseCheck(s, unicode.IsUpper, unicode.IsLower) })
	pred("islower", func(s string) bool { return caseCheck(s, unicode.IsLower, unicode.IsUpper) })
	pred("istitle", isTitle)
	pred("isidentifier", isIdentifier)

	conv := func(name string, f func(string) string) {
		noArgs(name, "S."+name+"() -> str", func(s string) py.Object { return py.String(f(s)) })
	}
	conv("casefold", casefold)
	conv("title", title)
	conv("capitalize", capitalize)
	conv("swapcase", func(s string) string {
		var b strings.Builder
		for _, r := range s {
			switch {
			case unicode.IsUpper(r):
				b.WriteRune(unicode.ToLower(r))
			case unicode.IsLower(r):
				b.WriteString(toUpperFull(r))
			default:
				b.WriteRune(r)
			}
		}
		return b.String()
	})

	addMissing(t, method("splitlines", "S.splitlines(keepends=False) -> list of str", strSplitlines))
	addMissing(t, method("encode", "S.encode(encoding='utf-8', errors='strict') -> bytes", strEncode))
	addMissing(t, method("index", "S.index(sub[, start[, end]]) -> int", strFinder("index", false, true)))
	addMissing(t, method("rindex", "S.rindex(sub[, start[, end]]) -> int", strFinder("rindex", true, true)))
	addMissing(t, method("rfind", "S.rfind(sub[, start[, end]]) -> int", strFinder("rfind", true, false)))
	addMissing(t, method("partition", "S.partition(sep) -> (head, sep, tail)", strPartition(false)))
	addMissing(t, method("rpartition", "S.rpartition(sep) -> (head, sep, tail)", strPartition(true)))
	addMissing(t, method("rsplit", "S.rsplit(sep=None, maxsplit=-1) -> list of str", strRsplit))
	addMissing(t, method("ljust", "S.ljust(width[, fillchar]) -> str", strJustify("ljust")))
	addMissing(t, method("rjust", "S.rjust(width[, fillchar]) -> str", strJustify("rjust")))
	addMissing(t, method("center", "S.center(width[, fillchar]) -> str", strJustify("center")))
	addMissing(t, method("zfill", "S.zfill(width) -> str", strZfill))
	addMissing(t, method("expandtabs", "S.expandtabs(tabsize=8) -> str", strExpandtabs))
	addMissing(t, method("removeprefix", "S.removeprefix(prefix) -> str", strRemoveAffix("removeprefix", strings.TrimPrefix)))
	addMissing(t, method("removesuffix", "S.removesuffix(suffix) -> str", strRemoveAffix("removesuffix", strings.TrimSuffix)))
	addMissing(t, method("translate", "S.translate(table) -> str", strTranslate))
	if _, ok := t.Dict["maketrans"]; !ok {
		t.Dict["maketrans"] = staticMethod("maketrans", "str.maketrans(x[, y[, z]]) -> translation table", strMaketrans)
	}
}

func selfStr(self py.Object, name string) (string, error) {
	s, ok := self.(py.String)
	if !ok {
		return "", typeErrorf("descriptor '%s' for 'str' objects doesn't apply to a '%s' object", name, typeName(self))
	}
	return string(s), nil
}

// argStr requires a str argument, with CPython's message.
func argStr(o py.Object, fname string) (string, error) {
	s, ok := o.(py.String)
	if !ok {
		return "", typeErrorf("%s() argument must be str, not %s", fname, typeName(o))
	}
	return string(s), nil
}

func allRunes(s string, f func(rune) bool) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !f(r) {
			return false
		}
	}
	return true
}

// isDigitRune is Numeric_Type=Digit or Decimal: decimal digits plus the
// superscript, subscript and circled digits CPython also accepts.
func isDigitRune(r rune) bool {
	if unicode.IsDigit(r) {
		return true
	}
	switch {
	case r == 0xB2, r == 0xB3, r == 0xB9, r == 0x2070, r >= 0x2074 && r <= 0x2079,
		r >= 0x2080 && r <= 0x2089, r >= 0x2460 && r <= 0x2468, r >= 0x2474 && r <= 0x247C,
		r >= 0x2488 && r <= 0x2490, r == 0x24EA, r >= 0x24F5 && r <= 0x24FD, r == 0x24FF,
		r >= 0x2776 && r <= 0x277E, r >= 0x2780 && r <= 0x2788, r >= 0x278A && r <= 0x2792,
		r >= 0x1369 && r <= 0x1371, r == 0x19DA:
		return true
	}
	return false
}

// isNumericRune approximates the Unicode Numeric_Type property: number
// categories plus the common CJK numeral ideographs.
func isNumericRune(r rune) bool {
	if unicode.In(r, unicode.Nd, unicode.Nl, unicode.No) {
		return true
	}
	return strings.ContainsRune("〇一二三四五六七八九十百千万萬億兆零壹貳贰參叁肆伍陸陆柒捌玖拾佰仟", r)
}

// isSpaceRune is CPython's str.isspace: Go's white space plus the ASCII
// information separators \x1c-\x1f.
func isSpaceRune(r rune) bool {
	return unicode.IsSpace(r) || (r >= 0x1c && r <= 0x1f)
}

func isCased(r rune) bool {
	return unicode.IsUpper(r) || unicode.IsLower(r) || unicode.IsTitle(r)
}

// caseCheck is isupper/islower: at least one cased character of the
// wanted case and none of the other case (titlecase counts as other).
func caseCheck(s string, want, other func(rune) bool) bool {
	found := false
	for _, r := range s {
		if other(r) || unicode.IsTitle(r) {
			return false
		}
		if want(r) {
			found = true
		}
	}
	return found
}

func isTitle(s string) bool {
	cased, prevCased := false, false
	for _, r := range s {
		switch {
		case unicode.IsUpper(r) || unicode.IsTitle(r):
			if prevCased {
				return false
			}
			prevCased, cased = true, true
		case unicode.IsLower(r):
			if !prevCased {
				return false
			}
			prevCased, cased = true, true
		default:
			prevCased = false
		}
	}
	return cased
}

func isIdentifier(s string) bool {
	for i, r := range s {
		start := r == '_' || unicode.IsLetter(r) || unicode.Is(unicode.Nl, r)
		if i == 0 {
			if !start {
				return false
			}
			continue
		}
		if !start && !unicode.In(r, unicode.Nd, unicode.Mn, unicode.Mc, unicode.Pc) {
			return false
		}
	}
	return s != ""
}

// casefold is lower() plus the full case foldings that change length
// or differ from lower() for common characters.
func casefold(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case 'ß', 'ẞ':
			b.WriteString("ss")
		case 'ς':
			b.WriteRune('σ')
		case 'ﬁ':
			b.WriteString("fi")
		case 'ﬂ':
			b.WriteString("fl")
		case 'ﬀ':
			b.WriteString("ff")
		case 'ﬃ':
			b.WriteString("ffi")
		case 'ﬄ':
			b.WriteString("ffl")
		case 'ﬅ', 'ﬆ':
			b.WriteString("st")
		case 'İ':
			b.WriteString("i̇")
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// title upper-cases the first cased character of every run of cased
// characters and lower-cases the rest, as CPython does (so "they're"
// becomes "They'Re").
func title(s string) string {
	var b strings.Builder
	prevCased := false
	for _, r := range s {
		if isCased(r) {
			if prevCased {
				b.WriteRune(unicode.ToLower(r))
			} else {
				b.WriteString(toTitleFull(r))
			}
			prevCased = true
		} else {
			b.WriteRune(r)
			prevCased = false
		}
	}
	return b.String()
}

// capitalize title-cases the first character and lower-cases the rest
// (Python 3.8+ semantics).
func capitalize(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if size == 0 {
		return s
	}
	return toTitleFull(r) + strings.ToLower(s[size:])
}

// fullCase lists the characters whose upper or title case is longer
// than one character (Unicode SpecialCasing), which Go's per-rune
// mappings leave unchanged.
var fullCase = map[rune][2]string{
	'ß': {"SS", "Ss"}, 'ﬀ': {"FF", "Ff"}, 'ﬁ': {"FI", "Fi"}, 'ﬂ': {"FL", "Fl"},
	'ﬃ': {"FFI", "Ffi"}, 'ﬄ': {"FFL", "Ffl"}, 'ﬅ': {"ST", "St"}, 'ﬆ': {"ST", "St"},
	'ŉ': {"ʼN", "ʼN"}, 'ǰ': {"J̌", "J̌"},
}

func toUpperFull(r rune) string {
	if f, ok := fullCase[r]; ok {
		return f[0]
	}
	return string(unicode.ToUpper(r))
}

func toTitleFull(r rune) string {
	if f, ok := fullCase[r]; ok {
		return f[1]
	}
	return string(unicode.ToTitle(r))
}

// isLineBreak lists the characters str.splitlines splits on.
func isLineBreak(r rune) bool {
	switch r {
	case '\n', '\r', '\v', '\f', 0x1c, 0x1d, 0x1e, 0x85, 0x2028, 0x2029:
		return true
	}
	return false
}

var splitlinesArgs = argParser{fname: "splitlines", names: []string{"keepends"}}

func strSplitlines(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	s, err := selfStr(self, "splitlines")
	if err != nil {
		return nil, err
	}
	var keep py.Object
	if err := splitlinesArgs.parse(args, kwargs, &keep); err != nil {
		return nil, err
	}
	keepends, err := optTruth(keep)
	if err != nil {
		return nil, err
	}
	out := &py.List{}
	start := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isLineBreak(r) {
			i += size
			continue
		}
		end := i + size
		if r == '\r' && end < len(s) && s[end] == '\n' {
			end++
		}
		if keepends {
			out.Items = append(out.Items, py.String(s[start:end]))
		} else {
			out.Items = append(out.Items, py.String(s[start:i]))
		}
		start, i = end, end
	}
	if start < len(s) {
		out.Items = append(out.Items, py.String(s[start:]))
	}
	return out, nil
}

var encodeArgs = argParser{fname: "encode", names: []string{"encoding", "errors"}}

func strEncode(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	s, err := selfStr(self, "encode")
	if err != nil {
		return nil, err
	}
	var encObj, errObj py.Object
	if err := encodeArgs.parse(args, kwargs, &encObj, &errObj); err != nil {
		return nil, err
	}
	enc, errors := "utf-8", "strict"
	if encObj != nil {
		if enc, err = argStr(encObj, "encode"); err != nil {
			return nil, err
		}
	}
	if errObj != nil {
		if errors, err = argStr(errObj, "encode"); err != nil {
			return nil, err
		}
	}
	b, err := encodeString(s, enc, errors)
	if err != nil {
		return nil, err
	}
	return py.Bytes(b), nil
}

// normEncoding maps an encoding name to the codecs implemented here.
func normEncoding(enc string) string {
	n := strings.ToLower(strings.NewReplacer("-", "_", " ", "_").Replace(strings.TrimSpace(enc)))
	switch n {
	case "utf_8", "utf8", "u8", "utf", "cp65001":
		return "utf-8"
	case "ascii", "us_ascii", "646":
		return "ascii"
	case "latin_1", "latin1", "latin", "l1", "iso_8859_1", "iso8859_1", "8859", "cp819":
		return "latin-1"
	}
	return ""
}

func encodeString(s, enc, errors string) ([]byte, error) {
	codec := normEncoding(enc)
	switch codec {
	case "":
		return nil, py.ExceptionNewf(py.LookupError, "unknown encoding: %s", enc)
	case "utf-8":
		// Go strings cannot hold lone surrogates, so UTF-8 never fails.
		return []byte(s), nil
	}
	limit := rune(128)
	if codec == "latin-1" {
		limit = 256
	}
	out := make([]byte, 0, len(s))
	pos := 0
	for _, r := range s {
		if r < limit {
			out = append(out, byte(r))
			pos++
			continue
		}
		switch errors {
		case "strict":
			return nil, unicodeError(py.UnicodeEncodeError, codec, py.String(s), pos, pos+1,
				"ordinal not in range("+itoa(int(limit))+")",
				"can't encode character '"+escapeRune(r)+"'")
		case "ignore":
		case "replace":
			out = append(out, '?')
		case "backslashreplace":
			out = append(out, []byte(escapeRune(r))...)
		case "xmlcharrefreplace":
			out = append(out, []byte("&#"+itoa(int(r))+";")...)
		default:
			return nil, py.ExceptionNewf(py.LookupError, "unknown error handler name '%s'", errors)
		}
		pos++
	}
	return out, nil
}

// unicodeError builds a UnicodeEncodeError/UnicodeDecodeError. Its args
// hold CPython's str() of the error (gpython and other code print
// args[0]); encoding, object, start, end and reason are attributes.
func unicodeError(t *py.Type, codec string, object py.Object, start, end int, reason, what string) error {
	pos := itoa(start)
	if end-start > 1 {
		pos += "-" + itoa(end-1)
	}
	msg := "'" + codec + "' codec " + what + " in position " + pos + ": " + reason
	e := newException(t, py.String(msg))
	e.Dict["encoding"] = py.String(codec)
	e.Dict["object"] = object
	e.Dict["start"] = py.Int(start)
	e.Dict["end"] = py.Int(end)
	e.Dict["reason"] = py.String(reason)
	return e
}

func escapeRune(r rune) string {
	const hex = "0123456789abcdef"
	var n int
	var prefix string
	switch {
	case r < 0x100:
		n, prefix = 2, `\x`
	case r < 0x10000:
		n, prefix = 4, `\u`
	default:
		n, prefix = 8, `\U`
	}
	b := []byte(prefix)
	for i := n - 1; i >= 0; i-- {
		b = append(b, hex[(r>>(4*uint(i)))&0xf])
	}
	return string(b)
}

func itoa(n int) string {
	return strconv.Itoa(n)
}

// findArgs parses (sub[, start[, end]]) and returns the window as rune
// offsets into rs.
func findArgs(name string, rs []rune, args py.Tuple) (sub []rune, start, end int, err error) {
	if err := nargs(name, args, 1, 3); err != nil {
		return nil, 0, 0, err
	}
	ss, ok := args[0].(py.String)
	if !ok {
		return nil, 0, 0, typeErrorf("must be str, not %s", typeName(args[0]))
	}
	var s, e py.Object
	if len(args) > 1 {
		s = args[1]
	}
	if len(args) > 2 {
		e = args[2]
	}
	start, end, err = findBounds(s, e, len(rs))
	return []rune(string(ss)), start, end, err
}

// findBounds is CPython's ADJUST_INDICES: start is not clamped to the
// length, so a start past the end finds nothing.
func findBounds(s, e py.Object, n int) (int, int, error) {
	start, end := 0, n
	if s != nil && s != py.None {
		v, err := asIndex(s, "slice indices")
		if err != nil {
			return 0, 0, typeErrorf("slice indices must be integers or None or have an __index__ method")
		}
		start = v
		if start < 0 {
			start = max(start+n, 0)
		}
	}
	if e != nil && e != py.None {
		v, err := asIndex(e, "slice indices")
		if err != nil {
			return 0, 0, typeErrorf("slice indices must be integers or None or have an __index__ method")
		}
		end = v
		if end > n {
			end = n
		} else if end < 0 {
			end = max(end+n, 0)
		}
	}
	return start, end, nil
}

func runesEqual(a, b []rune) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// runeFind returns the rune offset of sub in rs[start:end], searching
// from the right when last is set, or -1.
func runeFind(rs, sub []rune, start, end int, last bool) int {
	if end-start < len(sub) {
		return -1
	}
	if last {
		for i := end - len(sub); i >= start; i-- {
			if runesEqual(rs[i:i+len(sub)], sub) {
				return i
			}
		}
		return -1
	}
	for i := start; i+len(sub) <= end; i++ {
		if runesEqual(rs[i:i+len(sub)], sub) {
			return i
		}
	}
	return -1
}

func strFinder(name string, last, raise bool) func(py.Object, py.Tuple, py.StringDict) (py.Object, error) {
	return func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		s, err := selfStr(self, name)
		if err != nil {
			return nil, err
		}
		if err := noKwargs(name, kwargs); err != nil {
			return nil, err
		}
		rs := []rune(s)
		sub, start, end, err := findArgs(name, rs, args)
		if err != nil {
			return nil, err
		}
		i := runeFind(rs, sub, start, end, last)
		if i < 0 && raise {
			return nil, valueErrorf("substring not found")
		}
		return py.Int(i), nil
	}
}

func strPartition(right bool) func(py.Object, py.Tuple, py.StringDict) (py.Object, error) {
	name := "partition"
	if right {
		name = "rpartition"
	}
	return func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		s, err := selfStr(self, name)
		if err != nil {
			return nil, err
		}
		if err := noKwargs(name, kwargs); err != nil {
			return nil, err
		}
		if err := nargs(name, args, 1, 1); err != nil {
			return nil, err
		}
		sep, ok := args[0].(py.String)
		if !ok {
			return nil, typeErrorf("must be str, not %s", typeName(args[0]))
		}
		if sep == "" {
			return nil, valueErrorf("empty separator")
		}
		var i int
		if right {
			i = strings.LastIndex(s, string(sep))
			if i < 0 {
				return py.Tuple{py.String(""), py.String(""), py.String(s)}, nil
			}
		} else {
			i = strings.Index(s, string(sep))
			if i < 0 {
				return py.Tuple{py.String(s), py.String(""), py.String("")}, nil
			}
		}
		return py.Tuple{py.String(s[:i]), sep, py.String(s[i+len(sep):])}, nil
	}
}

var rsplitArgs = argParser{fname: "rsplit", names: []string{"sep", "maxsplit"}}

func strRsplit(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	s, err := selfStr(self, "rsplit")
	if err != nil {
		return nil, err
	}
	var sepObj, maxObj py.Object
	if err := rsplitArgs.parse(args, kwargs, &sepObj, &maxObj); err != nil {
		return nil, err
	}
	maxsplit := -1
	if maxObj != nil {
		if maxsplit, err = asIndex(maxObj, "maxsplit"); err != nil {
			return nil, err
		}
	}
	var parts []string
	if sepObj == nil || sepObj == py.None {
		parts = rsplitWhitespace(s, maxsplit)
	} else {
		sep, ok := sepObj.(py.String)
		if !ok {
			return nil, typeErrorf("must be str or None, not %s", typeName(sepObj))
		}
		if sep == "" {
			return nil, valueErrorf("empty separator")
		}
		parts = rsplitSep(s, string(sep), maxsplit)
	}
	out := &py.List{Items: make([]py.Object, len(parts))}
	for i, p := range parts {
		out.Items[i] = py.String(p)
	}
	return out, nil
}

func rsplitSep(s, sep string, maxsplit int) []string {
	var rev []string
	for maxsplit != 0 {
		i := strings.LastIndex(s, sep)
		if i < 0 {
			break
		}
		rev = append(rev, s[i+len(sep):])
		s = s[:i]
		maxsplit--
	}
	rev = append(rev, s)
	for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
		rev[i], rev[j] = rev[j], rev[i]
	}
	return rev
}

func rsplitWhitespace(s string, maxsplit int) []string {
	rs := []rune(s)
	var rev []string
	end := len(rs)
	for {
		for end > 0 && isSpaceRune(rs[end-1]) {
			end--
		}
		if end == 0 {
			break
		}
		if maxsplit == 0 {
			rev = append(rev, string(rs[:end]))
			break
		}
		start := end
		for start > 0 && !isSpaceRune(rs[start-1]) {
			start--
		}
		rev = append(rev, string(rs[start:end]))
		end = start
		maxsplit--
	}
	for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
		rev[i], rev[j] = rev[j], rev[i]
	}
	if rev == nil {
		return []string{}
	}
	return rev
}

func strJustify(name string) func(py.Object, py.Tuple, py.StringDict) (py.Object, error) {
	return func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		s, err := selfStr(self, name)
		if err != nil {
			return nil, err
		}
		if err := noKwargs(name, kwargs); err != nil {
			return nil, err
		}
		if err := nargs(name, args, 1, 2); err != nil {
			return nil, err
		}
		width, err := asIndex(args[0], "width")
		if err != nil {
			return nil, err
		}
		fill := " "
		if len(args) > 1 {
			f, ok := args[1].(py.String)
			if !ok {
				return nil, typeErrorf("%s() argument 2 must be str, not %s", name, typeName(args[1]))
			}
			if utf8.RuneCountInString(string(f)) != 1 {
				return nil, typeErrorf("The fill character must be exactly one character long")
			}
			fill = string(f)
		}
		n := utf8.RuneCountInString(s)
		if width <= n {
			return py.String(s), nil
		}
		marg := width - n
		var left int
		switch name {
		case "ljust":
			left = 0
		case "rjust":
			left = marg
		default:
			// CPython's centering rule: odd margins put the extra fill
			// character on the left only when width is odd.
			left = marg/2 + (marg & width & 1)
		}
		return py.String(strings.Repeat(fill, left) + s + strings.Repeat(fill, marg-left)), nil
	}
}

func strZfill(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	s, err := selfStr(self, "zfill")
	if err != nil {
		return nil, err
	}
	if err := noKwargs("zfill", kwargs); err != nil {
		return nil, err
	}
	if err := nargs("zfill", args, 1, 1); err != nil {
		return nil, err
	}
	width, err := asIndex(args[0], "width")
	if err != nil {
		return nil, err
	}
	n := utf8.RuneCountInString(s)
	if width <= n {
		return py.String(s), nil
	}
	pad := strings.Repeat("0", width-n)
	if s != "" && (s[0] == '+' || s[0] == '-') {
		return py.String(s[:1] + pad + s[1:]), nil
	}
	return py.String(pad + s), nil
}

var expandtabsArgs = argParser{fname: "expandtabs", names: []string{"tabsize"}}

func strExpandtabs(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	s, err := selfStr(self, "expandtabs")
	if err != nil {
		return nil, err
	}
	var tabObj py.Object
	if err := expandtabsArgs.parse(args, kwargs, &tabObj); err != nil {
		return nil, err
	}
	tab := 8
	if tabObj != nil {
		if tab, err = asIndex(tabObj, "tabsize"); err != nil {
			return nil, err
		}
	}
	var b strings.Builder
	col := 0
	for _, r := range s {
		switch r {
		case '\t':
			if tab > 0 {
				n := tab - col%tab
				b.WriteString(strings.Repeat(" ", n))
				col += n
			}
		case '\n', '\r':
			b.WriteRune(r)
			col = 0
		default:
			b.WriteRune(r)
			col++
		}
	}
	return py.String(b.String()), nil
}

func strRemoveAffix(name string, trim func(string, string) string) func(py.Object, py.Tuple, py.StringDict) (py.Object, error) {
	return func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		s, err := selfStr(self, name)
		if err != nil {
			return nil, err
		}
		if err := noKwargs(name, kwargs); err != nil {
			return nil, err
		}
		if err := nargs(name, args, 1, 1); err != nil {
			return nil, err
		}
		a, err := argStr(args[0], name)
		if err != nil {
			return nil, err
		}
		return py.String(trim(s, a)), nil
	}
}

// transTable is what str.maketrans returns: gpython dicts cannot have
// int keys, so the table is its own mapping type keyed by code point.
type transTable struct {
	m     map[rune]py.Object
	order []rune
}

var transTableType = newGoType("dict", "Translation table made by str.maketrans (a dict of code points in CPython).")

func (t *transTable) Type() *py.Type { return transTableType }

func (t *transTable) M__getitem__(key py.Object) (py.Object, error) {
	if i, ok := key.(py.Int); ok {
		if v, ok := t.m[rune(i)]; ok {
			return v, nil
		}
	}
	return nil, newException(py.KeyError, key)
}

func (t *transTable) M__len__() (py.Object, error) { return py.Int(len(t.m)), nil }

func (t *transTable) M__contains__(key py.Object) (py.Object, error) {
	i, ok := key.(py.Int)
	if !ok {
		return py.False, nil
	}
	_, found := t.m[rune(i)]
	return py.NewBool(found), nil
}

func (t *transTable) M__iter__() (py.Object, error) {
	keys := make(py.Tuple, len(t.order))
	for i, r := range t.order {
		keys[i] = py.Int(r)
	}
	return py.NewIterator(keys), nil
}

func (t *transTable) M__repr__() (py.Object, error) {
	var b strings.Builder
	b.WriteByte('{')
	for i, r := range t.order {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(itoa(int(r)))
		b.WriteString(": ")
		v := t.m[r]
		s, err := py.ReprAsString(v)
		if err != nil {
			return nil, err
		}
		b.WriteString(s)
	}
	b.WriteByte('}')
	return py.String(b.String()), nil
}

func (t *transTable) set(r rune, v py.Object) {
	if _, ok := t.m[r]; !ok {
		t.order = append(t.order, r)
	}
	t.m[r] = v
}

func strMaketrans(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	if err := noKwargs("maketrans", kwargs); err != nil {
		return nil, err
	}
	if err := nargs("maketrans", args, 1, 3); err != nil {
		return nil, err
	}
	t := &transTable{m: map[rune]py.Object{}}
	if len(args) == 1 {
		switch x := args[0].(type) {
		case *transTable:
			for _, r := range x.order {
				t.set(r, x.m[r])
			}
		case py.StringDict:
			for k, v := range x {
				rs := []rune(k)
				if len(rs) != 1 {
					return nil, valueErrorf("string keys in translate table must be of length 1")
				}
				t.set(rs[0], v)
			}
		default:
			return nil, typeErrorf("if you give only one argument to maketrans it must be a dict")
		}
		return t, nil
	}
	xs, ok1 := args[0].(py.String)
	ys, ok2 := args[1].(py.String)
	if !ok1 || !ok2 {
		return nil, typeErrorf("maketrans() argument must be str, not %s", typeName(args[1]))
	}
	xr, yr := []rune(string(xs)), []rune(string(ys))
	if len(xr) != len(yr) {
		return nil, valueErrorf("the first two maketrans arguments must have equal length")
	}
	for i := range xr {
		t.set(xr[i], py.Int(yr[i]))
	}
	if len(args) == 3 {
		zs, ok := args[2].(py.String)
		if !ok {
			return nil, typeErrorf("maketrans() argument 3 must be str, not %s", typeName(args[2]))
		}
		for _, r := range string(zs) {
			t.set(r, py.None)
		}
	}
	return t, nil
}

// strTranslate looks every character up as table[ord(c)], as CPython
// does: a missing key (LookupError) keeps the character, None deletes
// it, an int or str replaces it.
func strTranslate(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	s, err := selfStr(self, "translate")
	if err != nil {
		return nil, err
	}
	if err := noKwargs("translate", kwargs); err != nil {
		return nil, err
	}
	if err := nargs("translate", args, 1, 1); err != nil {
		return nil, err
	}
	table := args[0]
	var b strings.Builder
	for _, r := range s {
		// A gpython dict cannot hold the int keys looked up here, so a
		// dict table translates nothing, as a str-keyed one in CPython.
		v, err := py.GetItem(table, py.Int(r))
		if err != nil {
			if py.IsException(py.LookupError, err) {
				b.WriteRune(r)
				continue
			}
			return nil, err
		}
		switch x := v.(type) {
		case py.NoneType:
		case py.Int:
			if x < 0 || x > unicode.MaxRune {
				return nil, valueErrorf("character mapping must be in range(0x110000)")
			}
			b.WriteRune(rune(x))
		case py.String:
			b.WriteString(string(x))
		default:
			return nil, typeErrorf("character mapping must return integer, None or str")
		}
	}
	return py.String(b.String()), nil
}
