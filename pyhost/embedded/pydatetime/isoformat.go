package pydatetime

// Parsers for date/time/datetime.fromisoformat with the behaviour of
// CPython 3.11's C implementation (_datetimemodule.c), quirks included:
// the week forms, basic and extended forms, any separator character,
// fractions after "." or ",", truncated digits beyond the sixth, and
// timezone offsets of HH, HHMM, HH:MM[:SS[.ffffff]] or Z.

// isoText is a string seen as CPython's parser sees it: one byte per
// code point (non-ASCII code points can only ever be the separator, so
// they become 0xff, which matches nothing), and 0 past the end, as the C
// code reads the terminating NUL.
type isoText []byte

func newISOText(s string) isoText {
	b := make(isoText, 0, len(s))
	for _, r := range s {
		if r < 0x80 {
			b = append(b, byte(r))
		} else {
			b = append(b, 0xff)
		}
	}
	return b
}

func (t isoText) at(i int) byte {
	if i < 0 || i >= len(t) {
		return 0
	}
	return t[i]
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// digits reads n digits at p; ok is false on anything else.
func (t isoText) digits(p, n int) (v, next int, ok bool) {
	for i := 0; i < n; i++ {
		c := t.at(p + i)
		if !isDigit(c) {
			return 0, p, false
		}
		v = v*10 + int(c-'0')
	}
	return v, p + n, true
}

// parseDate parses the date at the start of t, where length is the size
// the caller attributes to the date part. It does not check that the
// whole part was consumed (neither does CPython).
func (t isoText) parseDate(length int) (y, m, d int, ok bool) {
	y, p, ok := t.digits(0, 4)
	if !ok {
		return 0, 0, 0, false
	}
	sep := t.at(p) == '-'
	if sep {
		p++
	}
	if t.at(p) == 'W' {
		p++
		week, np, ok := t.digits(p, 2)
		if !ok {
			return 0, 0, 0, false
		}
		p = np
		day := 1
		if p < length {
			if sep {
				if t.at(p) != '-' {
					return 0, 0, 0, false
				}
				p++
			}
			if day, _, ok = t.digits(p, 1); !ok {
				return 0, 0, 0, false
			}
		}
		return isoWeekToYMD(y, week, day)
	}
	m, p, ok = t.digits(p, 2)
	if !ok {
		return 0, 0, 0, false
	}
	if sep {
		if t.at(p) != '-' {
			return 0, 0, 0, false
		}
		p++
	}
	d, _, ok = t.digits(p, 2)
	return y, m, d, ok
}

// isoWeekToYMD is CPython's iso_to_ymd (no year range check: the date
// constructor reports a bad year).
func isoWeekToYMD(y, week, day int) (int, int, int, bool) {
	if week <= 0 || week >= 53 {
		if week != 53 {
			return 0, 0, 0, false
		}
		first := floorMod(ymdToOrd(y, 1, 1)+6, 7)
		if !(first == 3 || (first == 2 && isLeap(y))) {
			return 0, 0, 0, false
		}
	}
	if day <= 0 || day >= 8 {
		return 0, 0, 0, false
	}
	yy, mm, dd := ordToYMD(isoWeek1Monday(y) + (week-1)*7 + day - 1)
	return yy, mm, dd, true
}

func floorMod(a, b int) int {
	_, r := floorDivMod(a, b)
	return r
}

// separator finds where the date ends in a datetime string (len >= 7),
// or -1.
func (t isoText) separator() int {
	n := len(t)
	if n == 7 {
		return 7
	}
	if t[4] == '-' {
		if t[5] != 'W' {
			return 10
		}
		if n < 8 {
			return -1
		}
		if n > 8 && t[8] == '-' {
			if n == 9 {
				return -1
			}
			if n > 10 && isDigit(t[10]) {
				return 8
			}
			return 10
		}
		return 8
	}
	if t[4] == 'W' {
		idx := 7
		for idx < n && isDigit(t[idx]) {
			idx++
		}
		if idx < 9 {
			return idx
		}
		if idx%2 == 0 {
			return 7
		}
		return 8
	}
	return 8
}

// hhmmssff parses [HH[:?MM[:?SS]]][{.,}ffffff...] in t[p:end]. rest is
// true when something other than the end of the text follows.
func (t isoText) hhmmssff(p, end int) (f [4]int, rest bool, ok bool) {
	sep := true
fields:
	for i := 0; i < 3; i++ {
		v, np, ok := t.digits(p, 2)
		if !ok {
			return f, false, false
		}
		f[i] = v
		p = np
		c := t.at(p)
		p++
		if i == 0 {
			sep = c == ':'
		}
		switch {
		case p >= end:
			return f, c != 0, true
		case sep && c == ':':
			continue
		case c == '.' || c == ',':
			break fields
		case !sep:
			p--
		default:
			return f, false, false
		}
	}
	n := end - p
	if n > 6 {
		n = 6
	}
	us, np, ok := t.digits(p, n)
	if !ok || n == 0 {
		return f, false, false
	}
	for k := n; k < 6; k++ {
		us *= 10
	}
	f[3] = us
	p = np
	for isDigit(t.at(p)) {
		p++
	}
	return f, t.at(p) != 0, true
}

// isoTime is a parsed time with its optional offset.
type isoTime struct {
	h, m, s, us int
	hasTZ       bool
	tzSecs      int
	tzMicros    int
}

// parseTime parses t[start:] as a time with an optional offset.
func (t isoText) parseTime(start int) (r isoTime, ok bool) {
	end := len(t)
	tzPos := start
	for {
		c := t.at(tzPos)
		if c == 'Z' || c == '+' || c == '-' {
			break
		}
		tzPos++
		if tzPos >= end {
			break
		}
	}
	f, rest, ok := t.hhmmssff(start, tzPos)
	if !ok {
		return r, false
	}
	r.h, r.m, r.s, r.us = f[0], f[1], f[2], f[3]
	if tzPos >= end {
		return r, !rest
	}
	if t.at(tzPos) == 'Z' {
		r.hasTZ = true
		return r, tzPos+1 >= end
	}
	sign := 1
	if t.at(tzPos) == '-' {
		sign = -1
	}
	tf, rest, ok := t.hhmmssff(tzPos+1, end)
	if !ok || rest {
		return r, false
	}
	r.hasTZ = true
	r.tzSecs = sign * (tf[0]*3600 + tf[1]*60 + tf[2])
	r.tzMicros = sign * tf[3]
	return r, true
}

// tz is the timezone of a parsed offset: utc for a zero second count
// (CPython ignores the microseconds then), else a checked offset.
func (r isoTime) tz() (Timezone, error) {
	if r.tzSecs == 0 {
		return UTC, nil
	}
	off, err := makeDelta(0, int64(r.tzSecs), int64(r.tzMicros))
	if err != nil {
		return Timezone{}, err
	}
	return newTimezone(off, "", false)
}

func invalidISO(s string) error { return valueErrorf("Invalid isoformat string: %s", pyRepr(s)) }

// DateFromISOFormat is date.fromisoformat.
func DateFromISOFormat(s string) (Date, error) {
	t := newISOText(s)
	if n := len(t); n != 7 && n != 8 && n != 10 {
		return Date{}, invalidISO(s)
	}
	y, m, d, ok := t.parseDate(len(t))
	if !ok {
		return Date{}, invalidISO(s)
	}
	return newDate(y, m, d)
}

// TimeFromISOFormat is time.fromisoformat.
func TimeFromISOFormat(s string) (Time, error) {
	t := newISOText(s)
	start := 0
	if t.at(0) == 'T' {
		start = 1
	}
	if start >= len(t) {
		return Time{}, invalidISO(s)
	}
	r, ok := t.parseTime(start)
	if !ok {
		return Time{}, invalidISO(s)
	}
	tm, err := newTime(r.h, r.m, r.s, r.us, 0)
	if err != nil {
		return Time{}, err
	}
	if r.hasTZ {
		if tm.tz, err = r.tz(); err != nil {
			return Time{}, err
		}
		tm.aware = true
	}
	return tm, nil
}

// DatetimeFromISOFormat is datetime.fromisoformat.
func DatetimeFromISOFormat(s string) (Datetime, error) {
	t := newISOText(s)
	if len(t) < 7 {
		return Datetime{}, invalidISO(s)
	}
	sep := t.separator()
	if sep < 0 {
		return Datetime{}, invalidISO(s)
	}
	y, m, d, ok := t.parseDate(sep)
	var r isoTime
	if ok && len(t) > sep {
		r, ok = t.parseTime(sep + 1)
	}
	if !ok {
		return Datetime{}, invalidISO(s)
	}
	var tz Timezone
	if r.hasTZ {
		var err error
		if tz, err = r.tz(); err != nil {
			return Datetime{}, err
		}
	}
	return newDatetime(y, m, d, r.h, r.m, r.s, r.us, 0, tz, r.hasTZ)
}
