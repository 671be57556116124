package sqlexec

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"time"
)

// PostgreSQL type OIDs the cursor decodes; any other type arrives as str,
// as psycopg2 returns types it has no caster for.
const (
	oidBool        = 16
	oidBytea       = 17
	oidChar        = 18
	oidName        = 19
	oidInt8        = 20
	oidInt2        = 21
	oidInt4        = 23
	oidText        = 25
	oidOID         = 26
	oidJSON        = 114
	oidFloat4      = 700
	oidFloat8      = 701
	oidBPChar      = 1042
	oidVarchar     = 1043
	oidDate        = 1082
	oidTime        = 1083
	oidTimestamp   = 1114
	oidTimestampTZ = 1184
	oidInterval    = 1186
	oidTimeTZ      = 1266
	oidNumeric     = 1700
	oidJSONB       = 3802
)

// arrayElem maps array type OIDs to their element type.
var arrayElem = map[uint32]uint32{
	1000: oidBool, 1001: oidBytea, 1002: oidChar, 1003: oidName, 1016: oidInt8, 1005: oidInt2,
	1007: oidInt4, 1009: oidText, 1028: oidOID, 199: oidJSON, 1021: oidFloat4, 1022: oidFloat8,
	1014: oidBPChar, 1015: oidVarchar, 1182: oidDate, 1183: oidTime, 1115: oidTimestamp,
	1185: oidTimestampTZ, 1187: oidInterval, 1270: oidTimeTZ, 1231: oidNumeric, 3807: oidJSONB,
}

// decodeText turns one column value in PostgreSQL's text format into the
// Python value psycopg2 (with Odoo's registrations) would produce.
func decodeText(oid uint32, s string) (Value, error) {
	switch oid {
	case oidBool:
		return BoolValue(s == "t"), nil
	case oidInt2, oidInt4, oidInt8, oidOID:
		i, ok := new(big.Int).SetString(s, 10)
		if !ok {
			return Value{}, fmt.Errorf("bad integer %q", s)
		}
		return Value{Kind: Int, Int: i}, nil
	case oidFloat4, oidFloat8, oidNumeric: // Odoo registers numeric as float
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return Value{}, fmt.Errorf("bad number %q", s)
		}
		return FloatValue(f), nil
	case oidBytea:
		b, err := hex.DecodeString(strings.TrimPrefix(s, `\x`))
		if err != nil {
			return Value{}, fmt.Errorf("bad bytea: %w", err)
		}
		return BytesValue(b), nil
	case oidDate:
		return parseDate(s)
	case oidTimestamp, oidTimestampTZ:
		return parseTimestamp(s, oid == oidTimestampTZ)
	case oidTime, oidTimeTZ:
		return parseTimeOfDay(s, oid == oidTimeTZ)
	case oidInterval:
		return parseInterval(s)
	case oidJSON, oidJSONB:
		return parseJSON(s)
	}
	if elem, ok := arrayElem[oid]; ok {
		return parseArray(s, elem)
	}
	return StrValue(s), nil
}

func parseDate(s string) (Value, error) {
	switch s {
	case "infinity": // psycopg2 maps the infinities to date.max and date.min
		return DateValue(time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)), nil
	case "-infinity":
		return DateValue(time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)), nil
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return Value{}, fmt.Errorf("bad date %q (BC dates are not supported, as in Python)", s)
	}
	return DateValue(t), nil
}

func parseTimestamp(s string, aware bool) (Value, error) {
	switch s {
	case "infinity":
		return DateTimeValue(time.Date(9999, 12, 31, 23, 59, 59, 999999000, time.UTC), aware), nil
	case "-infinity":
		return DateTimeValue(time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), aware), nil
	}
	layout := "2006-01-02 15:04:05.999999"
	if aware {
		layout += offsetLayout(s)
	}
	t, err := time.Parse(layout, s)
	if err != nil {
		return Value{}, fmt.Errorf("bad timestamp %q", s)
	}
	return DateTimeValue(t, aware), nil
}

// offsetLayout picks the layout of the UTC offset PostgreSQL printed at
// the end of s: "+02", "+05:30" or "+05:30:15".
func offsetLayout(s string) string {
	i := strings.LastIndexAny(s, "+-")
	if i < 0 {
		return "Z07" // no offset: time.Parse reports the error
	}
	switch strings.Count(s[i:], ":") {
	case 0:
		return "Z07"
	case 1:
		return "Z07:00"
	}
	return "Z07:00:00"
}

func parseTimeOfDay(s string, aware bool) (Value, error) {
	layout := "15:04:05.999999"
	if aware {
		layout += offsetLayout(s)
	}
	t, err := time.Parse(layout, s)
	if err != nil {
		return Value{}, fmt.Errorf("bad time %q", s)
	}
	return Value{Kind: Time, Time: t, Aware: aware}, nil
}

// parseInterval reads the "postgres" IntervalStyle ("1 year 2 mons 3 days
// -04:05:06.5"). Like psycopg2, a month counts 30 days and a year 365.
func parseInterval(s string) (Value, error) {
	var days, micros int64
	fields := strings.Fields(s)
	for i := 0; i < len(fields); i++ {
		f := fields[i]
		if strings.Contains(f, ":") {
			neg := strings.HasPrefix(f, "-")
			f = strings.TrimLeft(f, "+-")
			parts := strings.Split(f, ":")
			if len(parts) != 3 {
				return Value{}, fmt.Errorf("bad interval %q", s)
			}
			h, err1 := strconv.ParseInt(parts[0], 10, 64)
			m, err2 := strconv.ParseInt(parts[1], 10, 64)
			sec, err3 := strconv.ParseFloat(parts[2], 64)
			if err1 != nil || err2 != nil || err3 != nil {
				return Value{}, fmt.Errorf("bad interval %q", s)
			}
			us := (h*3600+m*60)*1_000_000 + int64(sec*1_000_000+0.5)
			if neg {
				us = -us
			}
			micros += us
			continue
		}
		if i+1 >= len(fields) {
			return Value{}, fmt.Errorf("bad interval %q", s)
		}
		n, err := strconv.ParseInt(f, 10, 64)
		if err != nil {
			return Value{}, fmt.Errorf("bad interval %q", s)
		}
		switch unit := strings.TrimSuffix(fields[i+1], "s"); unit {
		case "year":
			days += 365 * n
		case "mon":
			days += 30 * n
		case "day":
			days += n
		default:
			return Value{}, fmt.Errorf("bad interval unit %q in %q", fields[i+1], s)
		}
		i++
	}
	return TimedeltaValue(days*86_400_000_000 + micros), nil
}

// parseJSON decodes JSON as Python's json.loads: objects keep their key
// order, integers stay exact, other numbers become floats.
func parseJSON(s string) (Value, error) {
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	v, err := jsonValue(dec)
	if err != nil {
		return Value{}, fmt.Errorf("bad json: %w", err)
	}
	return v, nil
}

func jsonValue(dec *json.Decoder) (Value, error) {
	tok, err := dec.Token()
	if err != nil {
		return Value{}, err
	}
	switch t := tok.(type) {
	case nil:
		return NoneValue(), nil
	case bool:
		return BoolValue(t), nil
	case string:
		return StrValue(t), nil
	case json.Number:
		if i, ok := new(big.Int).SetString(t.String(), 10); ok {
			return Value{Kind: Int, Int: i}, nil
		}
		f, err := t.Float64()
		return FloatValue(f), err
	case json.Delim:
		switch t {
		case '[':
			l := Value{Kind: List}
			for dec.More() {
				item, err := jsonValue(dec)
				if err != nil {
					return Value{}, err
				}
				l.Items = append(l.Items, item)
			}
			_, err := dec.Token()
			return l, err
		case '{':
			d := Value{Kind: Dict}
			for dec.More() {
				k, err := dec.Token()
				if err != nil {
					return Value{}, err
				}
				item, err := jsonValue(dec)
				if err != nil {
					return Value{}, err
				}
				key := k.(string)
				if i := indexOf(d.Keys, key); i >= 0 { // a repeated key: the last wins, in place
					d.Items[i] = item
					continue
				}
				d.Keys = append(d.Keys, key)
				d.Items = append(d.Items, item)
			}
			_, err := dec.Token()
			return d, err
		}
	}
	return Value{}, fmt.Errorf("unexpected %v", tok)
}

func indexOf(keys []string, k string) int {
	for i, key := range keys {
		if key == k {
			return i
		}
	}
	return -1
}

// parseArray reads PostgreSQL's array text format ({1,2,NULL}, nested
// braces for more dimensions, double quotes with backslash escapes).
func parseArray(s string, elem uint32) (Value, error) {
	if i := strings.Index(s, "="); i >= 0 && strings.HasPrefix(s, "[") {
		s = s[i+1:] // explicit bounds "[0:1]={...}": psycopg2 ignores them
	}
	p := arrayParser{s: s, elem: elem}
	v, err := p.parse()
	if err == nil && p.i != len(p.s) {
		err = fmt.Errorf("trailing text")
	}
	if err != nil {
		return Value{}, fmt.Errorf("bad array %q: %w", s, err)
	}
	return v, nil
}

type arrayParser struct {
	s    string
	i    int
	elem uint32
}

func (p *arrayParser) parse() (Value, error) {
	if p.i >= len(p.s) || p.s[p.i] != '{' {
		return Value{}, fmt.Errorf("expected '{' at %d", p.i)
	}
	p.i++
	list := Value{Kind: List}
	if p.i < len(p.s) && p.s[p.i] == '}' {
		p.i++
		return list, nil
	}
	for {
		var item Value
		var err error
		switch {
		case p.i < len(p.s) && p.s[p.i] == '{':
			item, err = p.parse()
		case p.i < len(p.s) && p.s[p.i] == '"':
			var text string
			text, err = p.quoted()
			if err == nil {
				item, err = p.decode(text)
			}
		default:
			start := p.i
			for p.i < len(p.s) && p.s[p.i] != ',' && p.s[p.i] != '}' {
				p.i++
			}
			text := p.s[start:p.i]
			if text == "NULL" {
				item = NoneValue()
			} else {
				item, err = p.decode(text)
			}
		}
		if err != nil {
			return Value{}, err
		}
		list.Items = append(list.Items, item)
		if p.i >= len(p.s) {
			return Value{}, fmt.Errorf("unterminated")
		}
		switch p.s[p.i] {
		case ',':
			p.i++
		case '}':
			p.i++
			return list, nil
		default:
			return Value{}, fmt.Errorf("unexpected %q at %d", p.s[p.i], p.i)
		}
	}
}

// decode reads one element. Odoo's float caster covers numeric columns
// only, so numeric[] elements stay Decimal, as psycopg2 returns them.
func (p *arrayParser) decode(text string) (Value, error) {
	if p.elem == oidNumeric {
		return DecimalValue(text), nil
	}
	return decodeText(p.elem, text)
}

func (p *arrayParser) quoted() (string, error) {
	var b strings.Builder
	for p.i++; p.i < len(p.s); p.i++ {
		switch c := p.s[p.i]; c {
		case '\\':
			p.i++
			if p.i < len(p.s) {
				b.WriteByte(p.s[p.i])
			}
		case '"':
			p.i++
			return b.String(), nil
		default:
			b.WriteByte(c)
		}
	}
	return "", fmt.Errorf("unterminated quoted element")
}
