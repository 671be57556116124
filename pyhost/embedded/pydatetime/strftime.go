package pydatetime

import (
	"strings"
	"time"
)

// strftime follows CPython on Linux: datetime's wrapper expands %z, %Z
// and %f itself, and hands the rest to glibc's strftime in the C locale.
// The glibc part (flags _ - 0 ^ #, a field width, the E and O modifiers,
// the composite conversions, and the copying of unknown conversions) is
// emulated here from its observed output.

// tmFields is what strftime reads: the broken-down time plus the zone.
type tmFields struct {
	year, month, day, hour, minute, second, us int
	aware                                      bool
	tz                                         Timezone
}

func (f *tmFields) weekday() int { return weekdayOf(f.year, f.month, f.day) }        // Monday == 0
func (f *tmFields) yday() int    { return daysBeforeMonth(f.year, f.month) + f.day } // 1-based

// sundayWeekday is tm_wday: Sunday == 0.
func (f *tmFields) sundayWeekday() int { return (f.weekday() + 1) % 7 }

func strftime(format string, f *tmFields) string {
	var b strings.Builder
	b.Grow(len(format) + 16)
	for i := 0; i < len(format); {
		c := format[i]
		if c != '%' {
			j := strings.IndexByte(format[i:], '%')
			if j < 0 {
				b.WriteString(format[i:])
				break
			}
			b.WriteString(format[i : i+j])
			i += j
			continue
		}
		if i+1 < len(format) {
			// CPython's own expansions, only directly after the '%'.
			switch format[i+1] {
			case 'z':
				if f.aware {
					var buf [24]byte
					b.Write(appendOffset(buf[:0], f.tz.offset, ""))
				}
				i += 2
				continue
			case 'Z':
				if f.aware {
					b.WriteString(f.tz.TZName())
				}
				i += 2
				continue
			case 'f':
				writeNumber(&b, f.us, 6, -1, 0)
				i += 2
				continue
			case '%':
				b.WriteByte('%')
				i += 2
				continue
			}
		}
		i = glibcConversion(&b, format, i, f)
	}
	return b.String()
}

// Modifiers glibc rejects (it copies the conversion as text), by
// conversion, as observed.
const (
	badWithE = "abdeghjklmwABDFGHIMSUVW"
	badWithO = "acxADFXY"
)

// glibcConversion formats the conversion starting at format[i] == '%'
// and returns the index after it.
func glibcConversion(b *strings.Builder, format string, i int, f *tmFields) int {
	start := i
	i++
	var pad byte // 0, '_', '-' or '0'
	upper, swapCase := false, false
flags:
	for ; i < len(format); i++ {
		switch format[i] {
		case '_', '-', '0':
			pad = format[i]
		case '^':
			upper = true
		case '#':
			swapCase = true
		default:
			break flags
		}
	}
	width := -1
	for ; i < len(format) && format[i] >= '0' && format[i] <= '9'; i++ {
		if width < 0 {
			width = 0
		}
		if width < 1<<16 { // keep absurd widths from allocating without bound
			width = width*10 + int(format[i]-'0')
		}
	}
	var modifier byte
	if i < len(format) && (format[i] == 'E' || format[i] == 'O') {
		modifier = format[i]
		i++
	}
	text := func(s string, lower bool) {
		if lower {
			s = strings.ToLower(s)
		} else if upper {
			s = strings.ToUpper(s)
		}
		writePadded(b, s, width, pad)
	}
	if i >= len(format) {
		text(format[start:], false)
		return len(format)
	}
	conv := format[i]
	i++
	if (modifier == 'E' && strings.IndexByte(badWithE, conv) >= 0) || (modifier == 'O' && strings.IndexByte(badWithO, conv) >= 0) {
		text(format[start:i], false)
		return i
	}
	num := func(digits int, v int) int {
		writeNumber(b, v, digits, width, pad)
		return i
	}
	// %e %k %l %s pad with spaces unless a flag says otherwise.
	spaceNum := func(digits int, v int) int {
		if pad == 0 {
			pad = '_'
		}
		return num(digits, v)
	}
	name := func(s string) int { // names: # means upper case
		upper = upper || swapCase
		text(s, false)
		return i
	}
	composite := func(layout string) int { // # has no effect
		text(strftime(layout, f), false)
		return i
	}
	switch conv {
	case 'a':
		return name(dayAbbr[f.weekday()])
	case 'A':
		return name(dayFull[f.weekday()])
	case 'b', 'h':
		return name(monthAbbr[f.month])
	case 'B':
		return name(monthFull[f.month])
	case 'c':
		return composite("%a %b %e %H:%M:%S %Y")
	case 'C':
		return num(1, f.year/100)
	case 'd':
		return num(2, f.day)
	case 'D', 'x':
		return composite("%m/%d/%y")
	case 'e':
		return spaceNum(2, f.day)
	case 'F':
		return composite("%Y-%m-%d")
	case 'H':
		return num(2, f.hour)
	case 'I':
		return num(2, hour12(f.hour))
	case 'k':
		return spaceNum(2, f.hour)
	case 'l':
		return spaceNum(2, hour12(f.hour))
	case 'j':
		return num(3, f.yday())
	case 'm':
		return num(2, f.month)
	case 'M':
		return num(2, f.minute)
	case 'n':
		text("\n", false)
	case 't':
		text("\t", false)
	case 'p':
		if f.hour >= 12 {
			text("PM", swapCase)
		} else {
			text("AM", swapCase)
		}
	case 'P':
		if f.hour >= 12 {
			text("pm", true)
		} else {
			text("am", true)
		}
	case 'r':
		return composite("%I:%M:%S %p")
	case 'R':
		return composite("%H:%M")
	case 's':
		return spaceNum(1, int(localUnix(f)))
	case 'S':
		return num(2, f.second)
	case 'T', 'X':
		return composite("%H:%M:%S")
	case 'u':
		return num(1, f.weekday()+1)
	case 'U':
		return num(2, (f.yday()-1-f.sundayWeekday()+7)/7)
	case 'W':
		return num(2, (f.yday()-1-f.weekday()+7)/7)
	case 'V', 'g', 'G':
		iy, w, _ := isoCalendar(f.year, f.month, f.day)
		switch conv {
		case 'V':
			return num(2, w)
		case 'g':
			return num(2, iy%100)
		}
		return num(1, iy)
	case 'w':
		return num(1, f.sundayWeekday())
	case 'y':
		return num(2, f.year%100)
	case 'Y':
		return num(1, f.year)
	case 'z':
		// glibc prints nothing when tm_isdst < 0, which is what
		// datetime.timetuple() passes (timezone.dst() is None).
	case 'Z':
		// tm_zone is unset in the struct CPython passes: empty, padded.
		text("", false)
	case '%':
		text("%", false)
	default:
		text(format[start:i], false)
	}
	return i
}

func hour12(h int) int {
	h %= 12
	if h == 0 {
		return 12
	}
	return h
}

// writeNumber pads v to its conversion's digits (zeros, spaces for the
// _ flag, nothing for -), then to the field width (zeros unless a _ or -
// flag asks for spaces).
func writeNumber(b *strings.Builder, v, digits, width int, pad byte) {
	var buf [24]byte
	i := len(buf)
	neg := v < 0
	u := uint64(v)
	if neg {
		u = uint64(-v)
	}
	for {
		i--
		buf[i] = byte('0' + u%10)
		u /= 10
		if u == 0 {
			break
		}
	}
	n := len(buf) - i // digits so far
	if pad != '-' && n < digits {
		fill := byte('0')
		if pad == '_' {
			fill = ' '
		}
		for ; n < digits; n++ {
			i--
			buf[i] = fill
		}
	}
	if neg {
		n++
	}
	if width > n {
		fill := byte(' ')
		if pad == 0 || pad == '0' {
			fill = '0'
		}
		writeFill(b, fill, width-n)
	}
	if neg {
		b.WriteByte('-')
	}
	b.Write(buf[i:])
}

func writeFill(b *strings.Builder, c byte, n int) {
	for ; n > 0; n-- {
		b.WriteByte(c)
	}
}

// writePadded right-aligns s in the field width: zeros for the 0 flag,
// spaces otherwise.
func writePadded(b *strings.Builder, s string, width int, pad byte) {
	if width > len(s) {
		fill := byte(' ')
		if pad == '0' {
			fill = '0'
		}
		writeFill(b, fill, width-len(s))
	}
	b.WriteString(s)
}

// localUnix is glibc's %s: mktime of the fields as local time.
func localUnix(f *tmFields) int64 {
	return time.Date(f.year, time.Month(f.month), f.day, f.hour, f.minute, f.second, 0, time.Local).Unix()
}
