package pydatetime

import (
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/go-python/gpython/py"
)

// Strptime is datetime.strptime: CPython's _strptime translated. The
// format becomes the same regular expression _strptime builds (Go's
// leftmost-first alternation picks the same match as Python's
// backtracking), matched case-insensitively at the start of the string,
// and the groups are combined with the same rules.
func Strptime(data, format string) (Datetime, error) {
	cf, err := compileFormat(format)
	if err != nil {
		return Datetime{}, err
	}
	loc := cf.re.FindStringSubmatchIndex(data)
	if loc == nil {
		return Datetime{}, valueErrorf("time data %s does not match format %s", pyRepr(data), pyRepr(format))
	}
	if loc[1] != len(data) {
		return Datetime{}, valueErrorf("unconverted data remains: %s", data[loc[1]:])
	}
	found := make(map[string]string, len(cf.order))
	for _, g := range cf.order {
		idx := cf.re.SubexpIndex(g)
		if loc[2*idx] >= 0 {
			found[g] = data[loc[2*idx]:loc[2*idx+1]]
		}
	}
	return strptimeFields(cf.order, found)
}

// pySpaceClass is Python's \s for str patterns (str.isspace()).
const pySpaceClass = `[\t\n\x0b\f\r\x1c-\x1f \x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}]`

func isPySpace(r rune) bool {
	switch {
	case r >= '\t' && r <= '\r', r >= 0x1c && r <= 0x20, r == 0x85, r == 0xa0, r == 0x1680,
		r >= 0x2000 && r <= 0x200a, r == 0x2028, r == 0x2029, r == 0x202f, r == 0x205f, r == 0x3000:
		return true
	}
	return false
}

// pyRegexSpecial are the characters _strptime escapes in a format.
const pyRegexSpecial = `\.^$*+?(){}[]|`

// digit is Python's \d: any Unicode decimal digit.
const digit = `\p{Nd}`

var directiveRE = map[byte]string{
	'd': `(?P<d>3[0-1]|[1-2]D|0[1-9]|[1-9]| [1-9])`,
	'f': `(?P<f>[0-9]{1,6})`,
	'H': `(?P<H>2[0-3]|[0-1]D|D)`,
	'I': `(?P<I>1[0-2]|0[1-9]|[1-9])`,
	'G': `(?P<G>DDDD)`,
	'j': `(?P<j>36[0-6]|3[0-5]D|[1-2]DD|0[1-9]D|00[1-9]|[1-9]D|0[1-9]|[1-9])`,
	'm': `(?P<m>1[0-2]|0[1-9]|[1-9])`,
	'M': `(?P<M>[0-5]D|D)`,
	'S': `(?P<S>6[0-1]|[0-5]D|D)`,
	'U': `(?P<U>5[0-3]|[0-4]D|D)`,
	'W': `(?P<W>5[0-3]|[0-4]D|D)`,
	'w': `(?P<w>[0-6])`,
	'u': `(?P<u>[1-7])`,
	'V': `(?P<V>5[0-3]|0[1-9]|[1-4]D|D)`,
	'y': `(?P<y>DD)`,
	'Y': `(?P<Y>DDDD)`,
	'z': `(?P<z>[+-]DD:?[0-5]D(:?[0-5]D(\.D{1,6})?)?|(?-i:Z))`,
	'%': `%`,
}

// composite directives expand to formats, as in the C locale.
var compositeFormat = map[byte]string{'c': "%a %b %d %H:%M:%S %Y", 'x': "%m/%d/%y", 'X': "%H:%M:%S"}

var (
	lowerDayFull   = lowerAll(dayFull[:])
	lowerDayAbbr   = lowerAll(dayAbbr[:])
	lowerMonthFull = lowerAll(monthFull[:])
	lowerMonthAbbr = lowerAll(monthAbbr[:])
	amPm           = []string{"am", "pm"}
)

func lowerAll(in []string) []string {
	out := make([]string, len(in))
	for i, s := range in {
		out[i] = strings.ToLower(s)
	}
	return out
}

// zoneNames is _strptime's LocaleTime.timezone: the names without and
// with daylight saving time, from the local zone.
var zoneNames = sync.OnceValue(func() [2][]string {
	year := time.Now().Year()
	std, stdOff := time.Date(year, 1, 1, 0, 0, 0, 0, time.Local).Zone()
	dst, dstOff := time.Date(year, 7, 1, 0, 0, 0, 0, time.Local).Zone()
	if stdOff > dstOff { // southern hemisphere
		std, dst = dst, std
	}
	noSaving := uniq([]string{"utc", "gmt", strings.ToLower(std)})
	var saving []string
	if stdOff != dstOff {
		saving = []string{strings.ToLower(dst)}
	}
	return [2][]string{noSaving, saving}
})

func uniq(in []string) []string {
	var out []string
	for _, s := range in {
		dup := false
		for _, o := range out {
			dup = dup || o == s
		}
		if !dup && s != "" {
			out = append(out, s)
		}
	}
	return out
}

// seqRE is _strptime's __seqToRE: longest alternatives first.
func seqRE(values []string, name string) string {
	vals := append([]string(nil), values...)
	sort.SliceStable(vals, func(i, j int) bool { return len(vals[i]) > len(vals[j]) })
	if len(vals) == 0 || vals[0] == "" {
		return ""
	}
	quoted := make([]string, 0, len(vals))
	for _, v := range vals {
		quoted = append(quoted, regexp.QuoteMeta(v))
	}
	return "(?P<" + name + ">" + strings.Join(quoted, "|") + ")"
}

type compiledFormat struct {
	re    *regexp.Regexp
	order []string // group names in pattern order
}

var formatCache struct {
	sync.Mutex
	m map[string]*compiledFormat
}

const formatCacheMax = 64

func compileFormat(format string) (*compiledFormat, error) {
	formatCache.Lock()
	cf := formatCache.m[format]
	formatCache.Unlock()
	if cf != nil {
		return cf, nil
	}
	var b strings.Builder
	b.WriteString(`^(?i:`)
	var order []string
	if err := formatPattern(&b, format, format, &order); err != nil {
		return nil, err
	}
	b.WriteString(`)`)
	seen := map[string]int{}
	for i, g := range order {
		if j, dup := seen[g]; dup {
			return nil, py.ExceptionNewf(py.ValueError, "redefinition of group name %s as group %d; was group %d", pyRepr(g), i+1, j+1)
		}
		seen[g] = i
	}
	re, err := regexp.Compile(b.String())
	if err != nil { // cannot happen: every piece is quoted or fixed
		return nil, py.ExceptionNewf(py.SystemError, "strptime: cannot compile format %s: %v", pyRepr(format), err)
	}
	cf = &compiledFormat{re: re, order: order}
	formatCache.Lock()
	if formatCache.m == nil || len(formatCache.m) >= formatCacheMax {
		formatCache.m = map[string]*compiledFormat{}
	}
	formatCache.m[format] = cf
	formatCache.Unlock()
	return cf, nil
}

// formatPattern appends the regular expression for format; whole is the
// user's format, for messages.
func formatPattern(b *strings.Builder, format, whole string, order *[]string) error {
	for i := 0; i < len(format); {
		r, size := utf8.DecodeRuneInString(format[i:])
		switch {
		case r == '%':
			i += size
			if i >= len(format) {
				return valueErrorf("stray %% in format %s", pyRepr(whole))
			}
			d, dsize := utf8.DecodeRuneInString(format[i:])
			i += dsize
			if isPySpace(d) || strings.ContainsRune(pyRegexSpecial, d) {
				// _strptime escaped these before looking at directives, so
				// it saw a backslash, and reports it as '%'.
				return valueErrorf("'%%' is a bad directive in format %s", pyRepr(whole))
			}
			if err := directivePattern(b, d, whole, order); err != nil {
				return err
			}
		case isPySpace(r):
			for i < len(format) {
				r, size = utf8.DecodeRuneInString(format[i:])
				if !isPySpace(r) {
					break
				}
				i += size
			}
			b.WriteString(pySpaceClass + "+")
		default:
			b.WriteString(regexp.QuoteMeta(format[i : i+size]))
			i += size
		}
	}
	return nil
}

func directivePattern(b *strings.Builder, d rune, whole string, order *[]string) error {
	if d < utf8.RuneSelf {
		c := byte(d)
		if p, ok := directiveRE[c]; ok {
			if c != '%' {
				*order = append(*order, string(c))
			}
			b.WriteString(strings.ReplaceAll(p, "D", digit))
			return nil
		}
		if f, ok := compositeFormat[c]; ok {
			return formatPattern(b, f, whole, order)
		}
		var alt string
		switch c {
		case 'A':
			alt = seqRE(lowerDayFull, "A")
		case 'a':
			alt = seqRE(lowerDayAbbr, "a")
		case 'B':
			alt = seqRE(lowerMonthFull[1:], "B")
		case 'b':
			alt = seqRE(lowerMonthAbbr[1:], "b")
		case 'p':
			alt = seqRE(amPm, "p")
		case 'Z':
			names := zoneNames()
			alt = seqRE(append(append([]string(nil), names[0]...), names[1]...), "Z")
		default:
			return valueErrorf("'%s' is a bad directive in format %s", string(d), pyRepr(whole))
		}
		if alt != "" {
			*order = append(*order, string(c))
		}
		b.WriteString(alt)
		return nil
	}
	return valueErrorf("'%s' is a bad directive in format %s", string(d), pyRepr(whole))
}

// atoi converts a run of Unicode decimal digits, as Python's int() does
// for what \d matched.
func atoi(s string) int {
	v := 0
	for _, r := range s {
		v = v*10 + digitValue(r)
	}
	return v
}

// digitValue relies on every Nd block being runs of ten code points
// from 0 to 9.
func digitValue(r rune) int {
	if r >= '0' && r <= '9' {
		return int(r - '0')
	}
	for _, rg := range unicode.Nd.R16 {
		if r >= rune(rg.Lo) && r <= rune(rg.Hi) {
			return int(r-rune(rg.Lo)) % 10
		}
	}
	for _, rg := range unicode.Nd.R32 {
		if r >= rune(rg.Lo) && r <= rune(rg.Hi) {
			return int(r-rune(rg.Lo)) % 10
		}
	}
	return 0
}

func indexOf(list []string, s string) (int, error) {
	for i, v := range list {
		if v == s {
			return i, nil
		}
	}
	return 0, valueErrorf("%s is not in list", pyRepr(s))
}

// strptimeFields is the second half of _strptime plus
// _strptime_datetime.
func strptimeFields(order []string, found map[string]string) (Datetime, error) {
	year, isoYear := -1, -1
	month, day := 1, 1
	hour, minute, second, fraction := 0, 0, 0, 0
	hasGMTOff, gmtoff, gmtoffFraction := false, 0, 0
	isoWeek, weekOfYear, weekOfYearStart := -1, -1, -1
	weekday, julian, hasJulian := -1, 0, false
	var err error
	for _, key := range order {
		v, ok := found[key]
		if !ok {
			continue
		}
		switch key {
		case "y":
			year = atoi(v)
			if year <= 68 {
				year += 2000
			} else {
				year += 1900
			}
		case "Y":
			year = atoi(v)
		case "G":
			isoYear = atoi(v)
		case "m":
			month = atoi(v)
		case "B":
			if month, err = indexOf(lowerMonthFull, strings.ToLower(v)); err != nil {
				return Datetime{}, err
			}
		case "b":
			if month, err = indexOf(lowerMonthAbbr, strings.ToLower(v)); err != nil {
				return Datetime{}, err
			}
		case "d":
			day = atoi(v)
		case "H":
			hour = atoi(v)
		case "I":
			hour = atoi(v)
			switch strings.ToLower(found["p"]) {
			case "", amPm[0]:
				if hour == 12 {
					hour = 0
				}
			case amPm[1]:
				if hour != 12 {
					hour += 12
				}
			}
		case "M":
			minute = atoi(v)
		case "S":
			second = atoi(v)
		case "f":
			fraction = atoi(v + strings.Repeat("0", 6-len(v)))
		case "A":
			if weekday, err = indexOf(lowerDayFull, strings.ToLower(v)); err != nil {
				return Datetime{}, err
			}
		case "a":
			if weekday, err = indexOf(lowerDayAbbr, strings.ToLower(v)); err != nil {
				return Datetime{}, err
			}
		case "w":
			weekday = atoi(v)
			if weekday == 0 {
				weekday = 6
			} else {
				weekday--
			}
		case "u":
			weekday = atoi(v) - 1
		case "j":
			julian, hasJulian = atoi(v), true
		case "U", "W":
			weekOfYear = atoi(v)
			if key == "U" {
				weekOfYearStart = 6
			} else {
				weekOfYearStart = 0
			}
		case "V":
			isoWeek = atoi(v)
		case "z":
			if gmtoff, gmtoffFraction, err = parseStrptimeOffset(v); err != nil {
				return Datetime{}, err
			}
			hasGMTOff = true
		}
	}
	if year < 0 && isoYear >= 0 {
		if isoWeek < 0 || weekday < 0 {
			return Datetime{}, valueErrorf("ISO year directive '%%G' must be used with the ISO week directive '%%V' and a weekday directive ('%%A', '%%a', '%%w', or '%%u').")
		}
		if hasJulian {
			return Datetime{}, valueErrorf("Day of the year directive '%%j' is not compatible with ISO year directive '%%G'. Use '%%Y' instead.")
		}
	} else if weekOfYear < 0 && isoWeek >= 0 {
		if weekday < 0 {
			return Datetime{}, valueErrorf("ISO week directive '%%V' must be used with the ISO year directive '%%G' and a weekday directive ('%%A', '%%a', '%%w', or '%%u').")
		}
		return Datetime{}, valueErrorf("ISO week directive '%%V' is incompatible with the year directive '%%Y'. Use the ISO year '%%G' instead.")
	}
	leapYearFix := false
	if year < 0 && month == 2 && day == 29 {
		year, leapYearFix = 1904, true
	} else if year < 0 {
		year = 1900
	}
	if !hasJulian && weekday >= 0 {
		if weekOfYear >= 0 {
			if julian, err = julianFromUW(year, weekOfYear, weekday, weekOfYearStart == 0); err != nil {
				return Datetime{}, err
			}
			hasJulian = true
		} else if isoYear >= 0 && isoWeek >= 0 {
			if year, julian, err = julianFromV(isoYear, isoWeek, weekday+1); err != nil {
				return Datetime{}, err
			}
			hasJulian = true
		}
		if hasJulian && julian <= 0 {
			year--
			if isLeap(year) {
				julian += 366
			} else {
				julian += 365
			}
		}
	}
	if !hasJulian {
		if _, err := newDate(year, month, day); err != nil {
			return Datetime{}, err
		}
	} else {
		jan1, err := newDate(year, 1, 1)
		if err != nil {
			return Datetime{}, err
		}
		ord := julian - 1 + jan1.ordinal()
		if ord < 1 {
			return Datetime{}, valueErrorf("ordinal must be >= 1")
		}
		if ord > maxOrdinal {
			return Datetime{}, valueErrorf("year %d is out of range", maxYear+1)
		}
		year, month, day = ordToYMD(ord)
	}
	if leapYearFix {
		year = 1900
	}
	var tz Timezone
	if hasGMTOff {
		off, err := makeDelta(0, int64(gmtoff), int64(gmtoffFraction))
		if err != nil {
			return Datetime{}, err
		}
		name, named := found["Z"]
		if tz, err = newTimezone(off, name, named && name != ""); err != nil {
			return Datetime{}, err
		}
		if tz.offset == 0 && !tz.named {
			tz = UTC
		}
	}
	return newDatetime(year, month, day, hour, minute, second, fraction, 0, tz, hasGMTOff)
}

// parseStrptimeOffset converts what %z matched to seconds and
// microseconds east of UTC. It works on code points, as _strptime does:
// the digits may be any Unicode decimal digits.
func parseStrptimeOffset(z string) (secs, micros int, err error) {
	if z == "Z" {
		return 0, 0, nil
	}
	rs := []rune(z)
	if rs[3] == ':' {
		rs = append(rs[:3:3], rs[4:]...)
		if len(rs) > 5 {
			if rs[5] != ':' {
				return 0, 0, valueErrorf("Inconsistent use of : in %s", z)
			}
			rs = append(rs[:5:5], rs[6:]...)
		}
	}
	// Now ±HHMM[SS[.ffffff]].
	hours := atoi(string(rs[1:3]))
	minutes := atoi(string(rs[3:5]))
	seconds := 0
	if len(rs) >= 7 {
		seconds = atoi(string(rs[5:7]))
	}
	secs = hours*3600 + minutes*60 + seconds
	if len(rs) > 8 {
		frac := rs[8:]
		micros = atoi(string(frac) + strings.Repeat("0", 6-len(frac)))
	}
	if rs[0] == '-' {
		secs, micros = -secs, -micros
	}
	return secs, micros, nil
}

func julianFromUW(year, weekOfYear, dayOfWeek int, weekStartsMon bool) (int, error) {
	jan1, err := newDate(year, 1, 1)
	if err != nil {
		return 0, err
	}
	first := jan1.weekday()
	if !weekStartsMon {
		first = (first + 1) % 7
		dayOfWeek = (dayOfWeek + 1) % 7
	}
	week0 := (7 - first) % 7
	if weekOfYear == 0 {
		return 1 + dayOfWeek - first, nil
	}
	return 1 + week0 + 7*(weekOfYear-1) + dayOfWeek, nil
}

func julianFromV(isoYear, isoWeek, isoWeekday int) (int, int, error) {
	jan4, err := newDate(isoYear, 1, 4)
	if err != nil {
		return 0, 0, err
	}
	correction := jan4.weekday() + 1 + 3
	ordinal := isoWeek*7 + isoWeekday - correction
	if ordinal < 1 {
		jan1 := mkDate(isoYear, 1, 1)
		ordinal += jan1.ordinal()
		isoYear--
		prev, err := newDate(isoYear, 1, 1)
		if err != nil {
			return 0, 0, err
		}
		ordinal -= prev.ordinal()
	}
	return isoYear, ordinal, nil
}
