package sqlexec

import (
	"encoding/hex"
	"fmt"
	"math"
	"strings"

	"github.com/migrate-runner/migrate-runner/pyliteral"
)

// PyError is an error psycopg2 would raise, with the Python exception
// class a host must raise so that scripts can catch it as usual.
type PyError struct {
	Type string // ValueError, TypeError, IndexError, KeyError, ProgrammingError
	Msg  string
}

func (e *PyError) Error() string { return e.Type + ": " + e.Msg }

func pyErr(typ, format string, args ...any) *PyError {
	return &PyError{Type: typ, Msg: fmt.Sprintf(format, args...)}
}

// Mogrify renders query with params exactly as psycopg2's
// cursor.mogrify: with params nil the query is returned verbatim (no "%"
// processing at all); otherwise %s takes the next item of a tuple or list,
// %(name)s a dict entry, %% is a literal percent, and every value is
// adapted to an SQL literal client-side.
func Mogrify(query string, params *Value) (string, error) {
	if params == nil {
		return query, nil
	}
	args, err := adaptArgs(query, params)
	if err != nil {
		return "", err
	}
	return format(query, params, args)
}

// adaptArgs is psycopg2's first pass (_mogrify): it walks the
// placeholders, fetches and adapts each argument, and rejects mixed
// styles. Its errors come before any format error, as in psycopg2.
func adaptArgs(query string, params *Value) (map[string]string, error) {
	named := map[string]string{}
	style, index := 0, 0 // style: 1 named, 2 positional
	for i := 0; i < len(query); i++ {
		if query[i] != '%' {
			continue
		}
		var next byte
		if i+1 < len(query) {
			next = query[i+1]
		}
		switch next {
		case '%':
			i++
		case '(':
			if style == 2 {
				return nil, pyErr("ProgrammingError", "argument formats can't be mixed")
			}
			style = 1
			end := strings.IndexByte(query[i+2:], ')')
			if end < 0 {
				return nil, pyErr("ProgrammingError", "incomplete placeholder: '%%(' without ')'")
			}
			key := query[i+2 : i+2+end]
			if params.Kind != Dict {
				return nil, pyErr("TypeError", "%s indices must be integers or slices, not str", params.pyTypeName())
			}
			v, ok := params.lookup(key)
			if !ok {
				return nil, pyErr("KeyError", "%s", pyRepr(key))
			}
			if _, done := named[key]; !done {
				q, err := Quote(v)
				if err != nil {
					return nil, err
				}
				named[key] = q
			}
			i += 2 + end
		default:
			if style == 1 {
				return nil, pyErr("ProgrammingError", "argument formats can't be mixed")
			}
			style = 2
			switch params.Kind {
			case Tuple, List:
			case Dict:
				return nil, pyErr("TypeError", "dict is not a sequence")
			default:
				return nil, pyErr("TypeError", "'%s' object does not support indexing", params.pyTypeName())
			}
			if index >= len(params.Items) {
				return nil, pyErr("IndexError", "%s index out of range", params.pyTypeName())
			}
			q, err := Quote(params.Items[index])
			if err != nil {
				return nil, err
			}
			named[fmt.Sprint(index)] = q
			index++
		}
	}
	return named, nil
}

// format is psycopg2's second pass (Bytes_Format): Python's % formatting
// restricted to %s and %%.
func format(query string, params *Value, args map[string]string) (string, error) {
	var b strings.Builder
	b.Grow(len(query) + 16*len(args))
	index := 0
	for i := 0; i < len(query); i++ {
		c := query[i]
		if c != '%' {
			b.WriteByte(c)
			continue
		}
		i++
		if i >= len(query) {
			return "", pyErr("ValueError", "incomplete format")
		}
		var arg string
		switch {
		case query[i] == '%':
			b.WriteByte('%')
			continue
		case query[i] == '(':
			// The key may hold balanced parentheses, as in Python.
			depth, start := 1, i+1
			for i++; i < len(query) && depth > 0; i++ {
				switch query[i] {
				case '(':
					depth++
				case ')':
					depth--
				}
			}
			if depth > 0 {
				return "", pyErr("ValueError", "incomplete format key")
			}
			arg = args[query[start:i-1]]
		default:
			arg = args[fmt.Sprint(index)]
			index++
		}
		if i >= len(query) {
			return "", pyErr("ValueError", "incomplete format")
		}
		if query[i] != 's' {
			return "", pyErr("ValueError", "unsupported format character '%c' (0x%x) at index %d", query[i], query[i], i)
		}
		b.WriteString(arg)
	}
	if params.Kind != Dict && index < len(params.Items) {
		return "", pyErr("TypeError", "not all arguments converted during string formatting")
	}
	return b.String(), nil
}

// Quote adapts one value to an SQL literal, as psycopg2's adapters'
// getquoted() do on a server with standard_conforming_strings on (every
// PostgreSQL since 9.1 by default).
func Quote(v Value) (string, error) {
	var b strings.Builder
	if err := appendQuoted(&b, v, false); err != nil {
		return "", err
	}
	return b.String(), nil
}

// inList is set for the elements of a list: psycopg2 writes an empty
// nested list as ARRAY[] but a top-level one as '{}'.
func appendQuoted(b *strings.Builder, v Value, inList bool) error {
	switch v.Kind {
	case None:
		b.WriteString("NULL")
	case Bool:
		if v.Bool {
			b.WriteString("true")
		} else {
			b.WriteString("false")
		}
	case Int:
		if v.Int == nil {
			b.WriteString("0")
			break
		}
		s := v.Int.String()
		if v.Int.Sign() < 0 {
			b.WriteByte(' ') // psycopg2 keeps "1 - -1" from reading "1 --1" as a comment
		}
		b.WriteString(s)
	case Float:
		switch {
		case math.IsNaN(v.Float):
			b.WriteString("'NaN'::float")
		case math.IsInf(v.Float, 1):
			b.WriteString("'Infinity'::float")
		case math.IsInf(v.Float, -1):
			b.WriteString("'-Infinity'::float")
		default:
			if math.Signbit(v.Float) {
				b.WriteByte(' ')
			}
			b.WriteString(pyliteral.FloatRepr(v.Float))
		}
	case Decimal:
		switch t := strings.ToLower(v.Text); {
		case strings.Contains(t, "nan") || strings.Contains(t, "inf"):
			b.WriteString("'NaN'::numeric")
		default:
			if strings.HasPrefix(v.Text, "-") {
				b.WriteByte(' ')
			}
			b.WriteString(v.Text)
		}
	case Str, JSON:
		if strings.IndexByte(v.Text, 0) >= 0 {
			return pyErr("ValueError", "A string literal cannot contain NUL (0x00) characters.")
		}
		b.WriteByte('\'')
		b.WriteString(strings.ReplaceAll(v.Text, "'", "''"))
		b.WriteByte('\'')
	case Bytes:
		b.WriteString(`'\x`)
		b.WriteString(hex.EncodeToString([]byte(v.Text)))
		b.WriteString(`'::bytea`)
	case Date:
		fmt.Fprintf(b, "'%04d-%02d-%02d'::date", v.Time.Year(), v.Time.Month(), v.Time.Day())
	case DateTime:
		fmt.Fprintf(b, "'%04d-%02d-%02dT", v.Time.Year(), v.Time.Month(), v.Time.Day())
		appendClock(b, v)
		if v.Aware {
			b.WriteString("'::timestamptz")
		} else {
			b.WriteString("'::timestamp")
		}
	case Time:
		b.WriteByte('\'')
		appendClock(b, v)
		if v.Aware {
			b.WriteString("'::timetz")
		} else {
			b.WriteString("'::time")
		}
	case Timedelta:
		days := floorDiv(v.Micros, 86_400_000_000)
		rest := v.Micros - days*86_400_000_000
		fmt.Fprintf(b, "'%d days %d.%06d seconds'::interval", days, rest/1_000_000, rest%1_000_000)
	case AsIs:
		b.WriteString(v.Text)
	case Tuple:
		b.WriteByte('(')
		for i, item := range v.Items {
			if i > 0 {
				b.WriteString(", ")
			}
			if err := appendQuoted(b, item, false); err != nil {
				return err
			}
		}
		b.WriteByte(')')
	case List:
		if len(v.Items) == 0 && !inList {
			b.WriteString("'{}'")
			break
		}
		b.WriteString("ARRAY[")
		for i, item := range v.Items {
			if i > 0 {
				b.WriteByte(',')
			}
			if err := appendQuoted(b, item, true); err != nil {
				return err
			}
		}
		b.WriteByte(']')
	default:
		return pyErr("ProgrammingError", "can't adapt type '%s'", v.pyTypeName())
	}
	return nil
}

// appendClock writes Python's isoformat() of the time of day, with the
// UTC offset of an aware value.
func appendClock(b *strings.Builder, v Value) {
	t := v.Time
	fmt.Fprintf(b, "%02d:%02d:%02d", t.Hour(), t.Minute(), t.Second())
	if us := t.Nanosecond() / 1000; us != 0 {
		fmt.Fprintf(b, ".%06d", us)
	}
	if !v.Aware {
		return
	}
	_, off := t.Zone()
	sign := byte('+')
	if off < 0 {
		sign, off = '-', -off
	}
	fmt.Fprintf(b, "%c%02d:%02d", sign, off/3600, off/60%60)
	if off%60 != 0 {
		fmt.Fprintf(b, ":%02d", off%60)
	}
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && (a < 0) {
		q--
	}
	return q
}

// pyRepr is Python's repr of a str key, for KeyError messages.
func pyRepr(s string) string { return pyliteral.StrRepr(s) }
