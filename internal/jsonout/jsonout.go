// Package jsonout writes the CLI's JSON documents: objects whose arrays
// hold one element per line, streamed so that a 150,000-step plan is never
// held twice in memory, with a string encoder that matches encoding/json
// byte for byte. It knows nothing of plans or inventories.
package jsonout

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"unicode/utf8"

	"github.com/migrate-runner/migrate-runner/internal/parallel"
)

// Field is one member of a document: a single Value, or an array of N
// elements, each produced by Elem (through encoding/json) or appended by
// Append (hand-written JSON, encoded in parallel chunks).
type Field struct {
	Name   string
	Value  any
	N      int
	Elem   func(i int) any
	Append func(b []byte, i int) []byte
	Omit   bool
}

// chunk is how many elements one parallel encoding task writes.
const chunk = 2048

// Write writes a JSON object with one array element per line, streaming:
// nothing is held twice in memory, however long the arrays.
func Write(w io.Writer, fields []Field) error {
	bw := bufio.NewWriterSize(w, 64*1024)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	var err error
	put := func(b []byte) {
		if err == nil {
			_, err = bw.Write(b)
		}
	}
	val := func(v any) {
		buf.Reset()
		if e := enc.Encode(v); e != nil && err == nil {
			err = e
		}
		put(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
	}
	first := true
	put([]byte("{"))
	for _, f := range fields {
		if f.Omit {
			continue
		}
		if !first {
			put([]byte(",\n "))
		}
		first = false
		val(f.Name)
		put([]byte(": "))
		if f.Elem == nil && f.Append == nil {
			val(f.Value)
			continue
		}
		put([]byte("["))
		if f.Append != nil {
			// The hot path (one element per step): chunks are encoded in
			// parallel and written in order.
			chunks := (f.N + chunk - 1) / chunk
			e := parallel.Ordered(chunks, func(b []byte, c int) []byte {
				for i := c * chunk; i < min(f.N, (c+1)*chunk); i++ {
					if i > 0 {
						b = append(b, ',')
					}
					b = append(b, "\n  "...)
					b = f.Append(b, i)
				}
				return b
			}, func(b []byte) error { put(b); return err })
			if err == nil {
				err = e
			}
		} else {
			for i := 0; i < f.N; i++ {
				if i > 0 {
					put([]byte(","))
				}
				put([]byte("\n  "))
				val(f.Elem(i))
			}
		}
		put([]byte("]"))
	}
	put([]byte("}\n"))
	if err != nil {
		return err
	}
	return bw.Flush()
}

const hexDigits = "0123456789abcdef"

// plainASCII reports whether s holds only bytes that encoding/json copies
// as they are. It tests eight bytes at a time: paths are long.
func plainASCII(s string) bool {
	const (
		ones  = 0x0101010101010101
		highs = 0x8080808080808080
	)
	i := 0
	for ; i+8 <= len(s); i += 8 {
		_ = s[i+7]
		x := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		control := (x - 0x20*ones) & ^x // a byte below 0x20 sets its high bit
		quote := x ^ '"'*ones
		quote = (quote - ones) & ^quote // a zero byte (a quote) sets its high bit
		bslash := x ^ '\\'*ones
		bslash = (bslash - ones) & ^bslash
		if (x|control|quote|bslash)&highs != 0 {
			break // something to escape, or non-ASCII: check byte by byte
		}
	}
	for ; i < len(s); i++ {
		if !jsonPlain[s[i]] {
			return false
		}
	}
	return true
}

// jsonPlain marks the bytes encoding/json copies as they are.
var jsonPlain = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// AppendString quotes s exactly as encoding/json does with
// SetEscapeHTML(false): invalid UTF-8 becomes U+FFFD, and U+2028/U+2029
// are escaped for JavaScript's sake.
func AppendString(b []byte, s string) []byte {
	b = append(b, '"')
	// Fast path: plain printable ASCII, which is nearly every name and path.
	if plainASCII(s) {
		b = append(b, s...)
		return append(b, '"')
	}
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
