// Package pyjson writes JSON text as CPython's json module writes it, for
// the Go code that stands in for Python's json.dumps: the embedded host's
// json module and psycopg2.extras.Json, and helpers that build jsonb values
// (upgrade-util's translated names). It owns only that text form.
package pyjson

import (
	"strings"
	"unicode/utf8"
)

// WriteString writes s quoted and escaped as CPython's json.dumps does:
// with ensureASCII (its default) every character outside printable ASCII
// is a \uXXXX escape (a surrogate pair above U+FFFF); without it only
// control characters, quotes and backslashes are; invalid UTF-8 becomes
// U+FFFD.
func WriteString(b *strings.Builder, s string, ensureASCII bool) {
	const hex = "0123456789abcdef"
	u4 := func(r rune) {
		b.WriteString(`\u`)
		b.WriteByte(hex[r>>12&0xf])
		b.WriteByte(hex[r>>8&0xf])
		b.WriteByte(hex[r>>4&0xf])
		b.WriteByte(hex[r&0xf])
	}
	b.WriteByte('"')
	start := 0 // s[start:i] needs no escaping and is written in one go
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && (c < 0x7f || !ensureASCII && c >= utf8.RuneSelf) {
			if c < utf8.RuneSelf {
				i++
				continue
			}
			if r, w := utf8.DecodeRuneInString(s[i:]); r != utf8.RuneError || w > 1 {
				i += w
				continue
			}
		}
		b.WriteString(s[start:i])
		r, w := utf8.DecodeRuneInString(s[i:])
		i += w
		start = i
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		default:
			switch {
			case r < 0x20:
				u4(r)
			case !ensureASCII:
				b.WriteRune(r) // U+FFFD for an invalid byte
			case r < 0x7f:
				b.WriteByte(byte(r))
			case r > 0xffff:
				r -= 0x10000
				u4(0xd800 | (r>>10)&0x3ff)
				u4(0xdc00 | r&0x3ff)
			default:
				u4(r)
			}
		}
	}
	b.WriteString(s[start:])
	b.WriteByte('"')
}
