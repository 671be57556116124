package pystdlib

import (
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/go-python/gpython/py"
)

// json.loads: a scanner following CPython's C scanner (_json.c), with its
// error messages and positions. Objects become gpython dicts (JSON keys
// are always strings), or whatever object_hook / object_pairs_hook make.

var jsonDecodeErrorType *py.Type

type decoder struct {
	s          string
	objectHook py.Object
	pairsHook  py.Object
	parseFloat py.Object
	parseInt   py.Object
	parseConst py.Object
	strict     bool
	depth      int
	off        *runeOffsets
}

// jsonErr is a decode failure at a byte offset; it becomes
// JSONDecodeError once the character position is known.
type jsonErr struct {
	msg string
	pos int
}

func (e *jsonErr) Error() string { return e.msg }

func (d *decoder) fail(msg string, pos int) error { return &jsonErr{msg: msg, pos: pos} }

// decodeError builds json.JSONDecodeError(msg, doc, pos) with CPython's
// message "msg: line L column C (char P)"; pos is in characters.
func decodeError(msg, doc string, pos int) *py.Exception {
	runes := []rune(doc)
	if pos > len(runes) {
		pos = len(runes)
	}
	before := string(runes[:pos])
	lineno := strings.Count(before, "\n") + 1
	colno := pos + 1
	if nl := strings.LastIndex(before, "\n"); nl >= 0 {
		colno = pos - utf8.RuneCountInString(before[:nl])
	}
	full := msg + ": line " + itoa(lineno) + " column " + itoa(colno) + " (char " + itoa(pos) + ")"
	return &py.Exception{Base: jsonDecodeErrorType, Args: py.Tuple{py.String(full)}, Dict: py.StringDict{
		"msg": py.String(msg), "doc": py.String(doc), "pos": py.Int(pos), "lineno": py.Int(lineno), "colno": py.Int(colno),
	}}
}

func (d *decoder) toPy(err error) error {
	if je, ok := err.(*jsonErr); ok {
		if d.off == nil {
			d.off = newRuneOffsets(d.s)
		}
		return decodeError(je.msg, d.s, d.off.char(je.pos))
	}
	return err
}

func isJSONSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func (d *decoder) skipSpace(i int) int {
	for i < len(d.s) && isJSONSpace(d.s[i]) {
		i++
	}
	return i
}

// decode parses a whole document (json.loads / JSONDecoder.decode).
func (d *decoder) decode() (py.Object, error) {
	if strings.HasPrefix(d.s, "\ufeff") {
		return nil, decodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", d.s, 0)
	}
	o, end, err := d.value(d.skipSpace(0))
	if err != nil {
		return nil, d.toPy(err)
	}
	end = d.skipSpace(end)
	if end != len(d.s) {
		return nil, d.toPy(d.fail("Extra data", end))
	}
	return o, nil
}

// value scans one value at i (scan_once); a missing value is
// "Expecting value" at i.
func (d *decoder) value(i int) (py.Object, int, error) {
	if i >= len(d.s) {
		return nil, i, d.fail("Expecting value", i)
	}
	s := d.s
	switch c := s[i]; c {
	case '"':
		str, end, err := d.str(i + 1)
		return py.String(str), end, err
	case '{':
		return d.object(i + 1)
	case '[':
		return d.array(i + 1)
	case 'n':
		if strings.HasPrefix(s[i:], "null") {
			return py.None, i + 4, nil
		}
	case 't':
		if strings.HasPrefix(s[i:], "true") {
			return py.True, i + 4, nil
		}
	case 'f':
		if strings.HasPrefix(s[i:], "false") {
			return py.False, i + 5, nil
		}
	case 'N':
		if strings.HasPrefix(s[i:], "NaN") {
			return d.constant("NaN", i+3)
		}
	case 'I':
		if strings.HasPrefix(s[i:], "Infinity") {
			return d.constant("Infinity", i+8)
		}
	case '-':
		if strings.HasPrefix(s[i:], "-Infinity") {
			return d.constant("-Infinity", i+9)
		}
	}
	return d.number(i)
}

func (d *decoder) constant(name string, end int) (py.Object, int, error) {
	if !isNone(d.parseConst) {
		o, err := py.Call(d.parseConst, py.Tuple{py.String(name)}, nil)
		return o, end, err
	}
	f, _ := strconv.ParseFloat(strings.Replace(name, "Infinity", "Inf", 1), 64)
	return py.Float(f), end, nil
}

func (d *decoder) number(i int) (py.Object, int, error) {
	s := d.s
	j := i
	if j < len(s) && s[j] == '-' {
		j++
	}
	switch {
	case j < len(s) && s[j] == '0':
		j++
	case j < len(s) && s[j] >= '1' && s[j] <= '9':
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
	default:
		return nil, i, d.fail("Expecting value", i)
	}
	isFloat := false
	if j+1 < len(s) && s[j] == '.' && s[j+1] >= '0' && s[j+1] <= '9' {
		isFloat = true
		j += 2
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
	}
	if j < len(s) && (s[j] == 'e' || s[j] == 'E') {
		k := j + 1
		if k < len(s) && (s[k] == '+' || s[k] == '-') {
			k++
		}
		if k < len(s) && s[k] >= '0' && s[k] <= '9' {
			for k < len(s) && s[k] >= '0' && s[k] <= '9' {
				k++
			}
			isFloat, j = true, k
		}
	}
	text := s[i:j]
	if isFloat {
		if !isNone(d.parseFloat) {
			o, err := py.Call(d.parseFloat, py.Tuple{py.String(text)}, nil)
			return o, j, err
		}
		f, err := strconv.ParseFloat(text, 64)
		if err != nil && !isRangeErr(err) {
			return nil, i, d.fail("Expecting value", i)
		}
		return py.Float(f), j, nil
	}
	if !isNone(d.parseInt) {
		o, err := py.Call(d.parseInt, py.Tuple{py.String(text)}, nil)
		return o, j, err
	}
	o, err := py.IntFromString(text, 10)
	return o, j, err
}

func isRangeErr(err error) bool {
	ne, ok := err.(*strconv.NumError)
	return ok && ne.Err == strconv.ErrRange
}

// str scans a string body starting after the opening quote at i-1.
func (d *decoder) str(i int) (string, int, error) {
	s := d.s
	begin := i - 1
	var b strings.Builder
	start := i
	for {
		j := start
		for j < len(s) && s[j] != '"' && s[j] != '\\' {
			if d.strict && s[j] < 0x20 {
				return "", 0, d.fail("Invalid control character at", j)
			}
			j++
		}
		if j >= len(s) {
			return "", 0, d.fail("Unterminated string starting at", begin)
		}
		b.WriteString(s[start:j])
		if s[j] == '"' {
			return sanitize(b.String()), j + 1, nil
		}
		// A backslash escape.
		j++
		if j >= len(s) {
			return "", 0, d.fail("Unterminated string starting at", begin)
		}
		c := s[j]
		if c != 'u' {
			switch c {
			case '"', '\\', '/':
				b.WriteByte(c)
			case 'b':
				b.WriteByte('\b')
			case 'f':
				b.WriteByte('\f')
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			case 't':
				b.WriteByte('\t')
			default:
				return "", 0, d.fail("Invalid \\escape", j-1)
			}
			start = j + 1
			continue
		}
		r, ok := hex4(s, j+1)
		if !ok {
			return "", 0, d.fail("Invalid \\uXXXX escape", j)
		}
		next := j + 5
		if utf16.IsSurrogate(r) && r < 0xdc00 && next+6 <= len(s) && s[next] == '\\' && s[next+1] == 'u' {
			r2, ok := hex4(s, next+2)
			if !ok {
				return "", 0, d.fail("Invalid \\uXXXX escape", next+1)
			}
			if r2 >= 0xdc00 && r2 <= 0xdfff {
				r = utf16.DecodeRune(r, r2)
				next += 6
			}
		}
		b.WriteRune(r) // a lone surrogate becomes U+FFFD: Go strings hold valid UTF-8 only
		start = next
	}
}

// sanitize keeps invalid UTF-8 in the input from reaching Python strings
// as stray bytes.
func sanitize(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return strings.ToValidUTF8(s, "\ufffd")
}

func hex4(s string, i int) (rune, bool) {
	if i+4 > len(s) {
		return 0, false
	}
	v, err := strconv.ParseUint(s[i:i+4], 16, 32)
	if err != nil || strings.ContainsAny(s[i:i+4], "+-_") {
		return 0, false
	}
	return rune(v), true
}

func (d *decoder) enter(what string) error {
	d.depth++
	if d.depth > maxJSONDepth {
		return py.ExceptionNewf(recursionError, "maximum recursion depth exceeded while decoding a JSON %s from a unicode string", what)
	}
	return nil
}

func (d *decoder) object(i int) (py.Object, int, error) {
	if err := d.enter("object"); err != nil {
		return nil, 0, err
	}
	defer func() { d.depth-- }()
	s := d.s
	var pairs []py.Object
	dict := py.StringDict{}
	i = d.skipSpace(i)
	if i >= len(s) || s[i] != '}' {
		for {
			if i >= len(s) || s[i] != '"' {
				return nil, 0, d.fail("Expecting property name enclosed in double quotes", i)
			}
			key, end, err := d.str(i + 1)
			if err != nil {
				return nil, 0, err
			}
			i = d.skipSpace(end)
			if i >= len(s) || s[i] != ':' {
				return nil, 0, d.fail("Expecting ':' delimiter", i)
			}
			i = d.skipSpace(i + 1)
			val, end, err := d.value(i)
			if err != nil {
				return nil, 0, err
			}
			if d.pairsHook != nil {
				pairs = append(pairs, py.Tuple{py.String(key), val})
			} else {
				dict[key] = val
			}
			i = d.skipSpace(end)
			if i < len(s) && s[i] == '}' {
				break
			}
			if i >= len(s) || s[i] != ',' {
				return nil, 0, d.fail("Expecting ',' delimiter", i)
			}
			i = d.skipSpace(i + 1)
		}
	}
	i++ // the closing brace
	if d.pairsHook != nil {
		o, err := py.Call(d.pairsHook, py.Tuple{py.NewListFromItems(pairs)}, nil)
		return o, i, err
	}
	if d.objectHook != nil {
		o, err := py.Call(d.objectHook, py.Tuple{dict}, nil)
		return o, i, err
	}
	return dict, i, nil
}

func (d *decoder) array(i int) (py.Object, int, error) {
	if err := d.enter("array"); err != nil {
		return nil, 0, err
	}
	defer func() { d.depth-- }()
	s := d.s
	out := py.NewList()
	i = d.skipSpace(i)
	if i < len(s) && s[i] != ']' {
		for {
			val, end, err := d.value(i)
			if err != nil {
				return nil, 0, err
			}
			out.Append(val)
			i = d.skipSpace(end)
			if i < len(s) && s[i] == ']' {
				break
			}
			if i >= len(s) || s[i] != ',' {
				return nil, 0, d.fail("Expecting ',' delimiter", i)
			}
			i = d.skipSpace(i + 1)
		}
	}
	if i >= len(s) || s[i] != ']' {
		return nil, 0, d.fail("Expecting value", i)
	}
	return out, i + 1, nil
}

// newDecoder applies loads' keyword arguments.
func newDecoder(s string, objectHook, parseFloat, parseInt, parseConst, strict, pairsHook py.Object) (*decoder, error) {
	d := &decoder{s: s, strict: true, parseFloat: parseFloat, parseInt: parseInt, parseConst: parseConst}
	if !isNone(objectHook) {
		d.objectHook = objectHook
	}
	if !isNone(pairsHook) {
		d.pairsHook = pairsHook
	}
	if strict != nil {
		var err error
		if d.strict, err = truth(strict); err != nil {
			return nil, err
		}
	}
	return d, nil
}
