package sqlexec

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/migrate-runner/migrate-runner/pyliteral"
)

// Repr renders a value as Python's repr() would, so that reports, logs
// and tests show what a script sees.
func Repr(v Value) string {
	var b strings.Builder
	appendRepr(&b, v)
	return b.String()
}

func appendRepr(b *strings.Builder, v Value) {
	switch v.Kind {
	case None:
		b.WriteString("None")
	case Bool:
		if v.Bool {
			b.WriteString("True")
		} else {
			b.WriteString("False")
		}
	case Int:
		if v.Int == nil {
			b.WriteString("0")
		} else {
			b.WriteString(v.Int.String())
		}
	case Float:
		b.WriteString(pyliteral.FloatRepr(v.Float))
	case Str, AsIs:
		b.WriteString(pyliteral.StrRepr(v.Text))
	case Bytes:
		b.WriteString(pyliteral.BytesRepr(v.Text))
	case Decimal:
		fmt.Fprintf(b, "Decimal('%s')", v.Text)
	case Date:
		fmt.Fprintf(b, "datetime.date(%d, %d, %d)", v.Time.Year(), v.Time.Month(), v.Time.Day())
	case DateTime:
		t := v.Time
		fmt.Fprintf(b, "datetime.datetime(%d, %d, %d, %d, %d", t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute())
		appendReprClock(b, v, t.Second() != 0 || t.Nanosecond() != 0)
	case Time:
		t := v.Time
		fmt.Fprintf(b, "datetime.time(%d, %d", t.Hour(), t.Minute())
		appendReprClock(b, v, t.Second() != 0 || t.Nanosecond() != 0)
	case Timedelta:
		days := floorDiv(v.Micros, 86_400_000_000)
		rest := v.Micros - days*86_400_000_000
		var parts []string
		if days != 0 {
			parts = append(parts, "days="+strconv.FormatInt(days, 10))
		}
		if s := rest / 1_000_000; s != 0 {
			parts = append(parts, "seconds="+strconv.FormatInt(s, 10))
		}
		if us := rest % 1_000_000; us != 0 {
			parts = append(parts, "microseconds="+strconv.FormatInt(us, 10))
		}
		if len(parts) == 0 {
			parts = []string{"0"}
		}
		b.WriteString("datetime.timedelta(" + strings.Join(parts, ", ") + ")")
	case Tuple, List:
		open, close := "[", "]"
		if v.Kind == Tuple {
			open, close = "(", ")"
		}
		b.WriteString(open)
		for i, item := range v.Items {
			if i > 0 {
				b.WriteString(", ")
			}
			appendRepr(b, item)
		}
		if v.Kind == Tuple && len(v.Items) == 1 {
			b.WriteByte(',')
		}
		b.WriteString(close)
	case Dict:
		b.WriteByte('{')
		for i, k := range v.Keys {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(pyliteral.StrRepr(k) + ": ")
			appendRepr(b, v.Items[i])
		}
		b.WriteByte('}')
	case JSON:
		b.WriteString("Json(" + v.Text + ")")
	case Composed:
		if v.Comp != nil {
			v.Comp.appendRepr(b)
			break
		}
		b.WriteString("<Composed>")
	case SQLObject:
		if v.SQL != nil {
			b.WriteString("SQL(" + pyliteral.StrRepr(v.SQL.Code))
			for _, p := range v.SQL.Params {
				b.WriteString(", ")
				appendRepr(b, p)
			}
			b.WriteByte(')')
			break
		}
		b.WriteString("<SQL>")
	default:
		b.WriteString("<" + v.pyTypeName() + ">")
	}
}

// appendReprClock finishes a datetime or time repr: seconds and
// microseconds when present, then the tzinfo of an aware value.
func appendReprClock(b *strings.Builder, v Value, withSeconds bool) {
	t := v.Time
	if withSeconds {
		fmt.Fprintf(b, ", %d", t.Second())
		if us := t.Nanosecond() / 1000; us != 0 {
			fmt.Fprintf(b, ", %d", us)
		}
	}
	if v.Aware {
		if _, off := t.Zone(); off == 0 {
			b.WriteString(", tzinfo=datetime.timezone.utc")
		} else {
			fmt.Fprintf(b, ", tzinfo=datetime.timezone(datetime.timedelta(%s)))", tzDelta(off))
			return
		}
	}
	b.WriteByte(')')
}

// tzDelta is the repr arguments of timedelta(seconds=off).
func tzDelta(off int) string {
	if off < 0 {
		days := (off - 86399) / 86400
		return fmt.Sprintf("days=%d, seconds=%d", days, off-days*86400)
	}
	return fmt.Sprintf("seconds=%d", off)
}
