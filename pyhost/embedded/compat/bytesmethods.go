package compat

import (
	"bytes"
	"encoding/hex"
	"strings"
	"unicode/utf8"

	"github.com/go-python/gpython/py"
)

// installBytesMethods adds the bytes methods gpython lacks (it has only
// replace). b[0] cannot be added: gpython's GetItem only knows Go types
// implementing M__getitem__, and bytes does not.
func installBytesMethods() {
	t := py.BytesType
	addMissing(t, method("decode", "B.decode(encoding='utf-8', errors='strict') -> str", bytesDecode))
	addMissing(t, method("split", "B.split(sep=None, maxsplit=-1) -> list of bytes", bytesSplit))
	addMissing(t, method("join", "B.join(iterable_of_bytes) -> bytes", bytesJoin))
	addMissing(t, method("startswith", "B.startswith(prefix[, start[, end]]) -> bool", bytesAffix("startswith", bytes.HasPrefix)))
	addMissing(t, method("endswith", "B.endswith(suffix[, start[, end]]) -> bool", bytesAffix("endswith", bytes.HasSuffix)))
	addMissing(t, method("strip", "B.strip([bytes]) -> bytes", bytesStrip("strip")))
	addMissing(t, method("lstrip", "B.lstrip([bytes]) -> bytes", bytesStrip("lstrip")))
	addMissing(t, method("rstrip", "B.rstrip([bytes]) -> bytes", bytesStrip("rstrip")))
	addMissing(t, method("hex", "B.hex([sep]) -> str", bytesHex))
	addMissing(t, method("find", "B.find(sub[, start[, end]]) -> int", bytesFind("find", false, false)))
	addMissing(t, method("rfind", "B.rfind(sub[, start[, end]]) -> int", bytesFind("rfind", true, false)))
	addMissing(t, method("index", "B.index(sub[, start[, end]]) -> int", bytesFind("index", false, true)))
	addMissing(t, method("count", "B.count(sub[, start[, end]]) -> int", bytesCount))
	addMissing(t, method("upper", "B.upper() -> bytes (ASCII only)", bytesMap("upper", func(c byte) byte {
		if c >= 'a' && c <= 'z' {
			return c - 32
		}
		return c
	})))
	addMissing(t, method("lower", "B.lower() -> bytes (ASCII only)", bytesMap("lower", func(c byte) byte {
		if c >= 'A' && c <= 'Z' {
			return c + 32
		}
		return c
	})))
}

func selfBytes(self py.Object, name string) ([]byte, error) {
	b, ok := self.(py.Bytes)
	if !ok {
		return nil, typeErrorf("descriptor '%s' for 'bytes' objects doesn't apply to a '%s' object", name, typeName(self))
	}
	return b, nil
}

// argBytes accepts bytes (the bytes-like objects gpython has).
func argBytes(o py.Object, fname string) ([]byte, error) {
	b, ok := o.(py.Bytes)
	if !ok {
		return nil, typeErrorf("a bytes-like object is required, not '%s'", typeName(o))
	}
	return b, nil
}

var decodeArgs = argParser{fname: "decode", names: []string{"encoding", "errors"}}

func bytesDecode(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	b, err := selfBytes(self, "decode")
	if err != nil {
		return nil, err
	}
	var encObj, errObj py.Object
	if err := decodeArgs.parse(args, kwargs, &encObj, &errObj); err != nil {
		return nil, err
	}
	enc, errors := "utf-8", "strict"
	if encObj != nil {
		if enc, err = argStr(encObj, "decode"); err != nil {
			return nil, err
		}
	}
	if errObj != nil {
		if errors, err = argStr(errObj, "decode"); err != nil {
			return nil, err
		}
	}
	s, err := decodeBytes(b, enc, errors)
	if err != nil {
		return nil, err
	}
	return py.String(s), nil
}

func decodeBytes(b []byte, enc, errors string) (string, error) {
	codec := normEncoding(enc)
	if codec == "" {
		return "", py.ExceptionNewf(py.LookupError, "unknown encoding: %s", enc)
	}
	switch errors {
	case "strict", "ignore", "replace", "backslashreplace", "surrogateescape":
	default:
		return "", py.ExceptionNewf(py.LookupError, "unknown error handler name '%s'", errors)
	}
	var sb strings.Builder
	bad := func(start, end int, reason string) error {
		switch errors {
		case "strict":
			what := "can't decode byte 0x" + hex.EncodeToString(b[start:start+1])
			if end-start > 1 {
				what = "can't decode bytes"
			}
			return unicodeError(py.UnicodeDecodeError, codec, py.Bytes(append([]byte(nil), b...)), start, end, reason, what)
		case "replace":
			sb.WriteRune(utf8.RuneError)
		case "backslashreplace":
			for _, c := range b[start:end] {
				sb.WriteString(escapeRune(rune(c)))
			}
		case "surrogateescape":
			// Go strings cannot hold the lone surrogates CPython uses.
			sb.WriteRune(utf8.RuneError)
		}
		return nil
	}
	switch codec {
	case "latin-1":
		for _, c := range b {
			sb.WriteRune(rune(c))
		}
		return sb.String(), nil
	case "ascii":
		for i, c := range b {
			if c < 0x80 {
				sb.WriteByte(c)
				continue
			}
			if err := bad(i, i+1, "ordinal not in range(128)"); err != nil {
				return "", err
			}
		}
		return sb.String(), nil
	}
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r != utf8.RuneError || size > 1 {
			sb.WriteRune(r)
			i += size
			continue
		}
		n, reason := invalidUTF8(b[i:])
		if err := bad(i, i+n, reason); err != nil {
			return "", err
		}
		i += n
	}
	return sb.String(), nil
}

// invalidUTF8 measures the invalid sequence at the start of b and names
// it as CPython's UTF-8 decoder does.
func invalidUTF8(b []byte) (int, string) {
	c := b[0]
	var need int
	switch {
	case c >= 0xC2 && c <= 0xDF:
		need = 2
	case c >= 0xE0 && c <= 0xEF:
		need = 3
	case c >= 0xF0 && c <= 0xF4:
		need = 4
	default:
		return 1, "invalid start byte"
	}
	for k := 1; k < need; k++ {
		if k >= len(b) {
			return k, "unexpected end of data"
		}
		lo, hi := byte(0x80), byte(0xBF)
		if k == 1 {
			switch c {
			case 0xE0:
				lo = 0xA0
			case 0xED:
				hi = 0x9F
			case 0xF0:
				lo = 0x90
			case 0xF4:
				hi = 0x8F
			}
		}
		if b[k] < lo || b[k] > hi {
			return k, "invalid continuation byte"
		}
	}
	return need, "invalid continuation byte"
}

func isASCIISpace(c byte) bool {
	switch c {
	case ' ', '\t', '\n', '\r', '\v', '\f':
		return true
	}
	return false
}

var bytesSplitArgs = argParser{fname: "split", names: []string{"sep", "maxsplit"}}

func bytesSplit(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	b, err := selfBytes(self, "split")
	if err != nil {
		return nil, err
	}
	var sepObj, maxObj py.Object
	if err := bytesSplitArgs.parse(args, kwargs, &sepObj, &maxObj); err != nil {
		return nil, err
	}
	maxsplit := -1
	if maxObj != nil {
		if maxsplit, err = asIndex(maxObj, "maxsplit"); err != nil {
			return nil, err
		}
	}
	var parts [][]byte
	if sepObj == nil || sepObj == py.None {
		rest := b
		for {
			i := 0
			for i < len(rest) && isASCIISpace(rest[i]) {
				i++
			}
			rest = rest[i:]
			if len(rest) == 0 {
				break
			}
			if maxsplit == 0 {
				parts = append(parts, bytes.TrimRightFunc(rest, func(r rune) bool { return r < 0x80 && isASCIISpace(byte(r)) }))
				break
			}
			j := 0
			for j < len(rest) && !isASCIISpace(rest[j]) {
				j++
			}
			parts = append(parts, rest[:j])
			rest = rest[j:]
			maxsplit--
		}
	} else {
		sep, err := argBytes(sepObj, "split")
		if err != nil {
			return nil, err
		}
		if len(sep) == 0 {
			return nil, valueErrorf("empty separator")
		}
		parts = bytes.SplitN(b, sep, maxsplit+1)
		if maxsplit < 0 {
			parts = bytes.Split(b, sep)
		}
	}
	out := &py.List{Items: make([]py.Object, len(parts))}
	for i, p := range parts {
		out.Items[i] = py.Bytes(append([]byte(nil), p...))
	}
	return out, nil
}

func bytesJoin(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	b, err := selfBytes(self, "join")
	if err != nil {
		return nil, err
	}
	if err := nargs("join", args, 1, 1); err != nil {
		return nil, err
	}
	var out []byte
	i := 0
	err = iterate(args[0], func(item py.Object) (bool, error) {
		p, ok := item.(py.Bytes)
		if !ok {
			return true, typeErrorf("sequence item %d: expected a bytes-like object, %s found", i, typeName(item))
		}
		if i > 0 {
			out = append(out, b...)
		}
		out = append(out, p...)
		i++
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	return py.Bytes(out), nil
}

func bytesAffix(name string, has func(s, affix []byte) bool) func(py.Object, py.Tuple, py.StringDict) (py.Object, error) {
	return func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		b, err := selfBytes(self, name)
		if err != nil {
			return nil, err
		}
		if err := noKwargs(name, kwargs); err != nil {
			return nil, err
		}
		if err := nargs(name, args, 1, 3); err != nil {
			return nil, err
		}
		var s, e py.Object
		if len(args) > 1 {
			s = args[1]
		}
		if len(args) > 2 {
			e = args[2]
		}
		start, end, err := findBounds(s, e, len(b))
		if err != nil {
			return nil, err
		}
		if start > len(b) || start > end {
			return py.False, nil
		}
		window := b[start:end]
		var affixes []py.Object
		if t, ok := args[0].(py.Tuple); ok {
			affixes = t
		} else {
			affixes = []py.Object{args[0]}
		}
		for _, a := range affixes {
			p, ok := a.(py.Bytes)
			if !ok {
				return nil, typeErrorf("%s first arg must be bytes or a tuple of bytes, not %s", name, typeName(a))
			}
			if has(window, p) {
				return py.True, nil
			}
		}
		return py.False, nil
	}
}

func bytesStrip(name string) func(py.Object, py.Tuple, py.StringDict) (py.Object, error) {
	return func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		b, err := selfBytes(self, name)
		if err != nil {
			return nil, err
		}
		if err := noKwargs(name, kwargs); err != nil {
			return nil, err
		}
		if err := nargs(name, args, 0, 1); err != nil {
			return nil, err
		}
		cut := " \t\n\r\v\f"
		if len(args) == 1 && args[0] != py.None {
			c, err := argBytes(args[0], name)
			if err != nil {
				return nil, err
			}
			cut = string(c)
		}
		res := trimBytes(b, []byte(cut), name)
		return py.Bytes(append([]byte(nil), res...)), nil
	}
}

// trimBytes strips any of the bytes in cut from the ends of b.
func trimBytes(b, cut []byte, name string) []byte {
	in := func(c byte) bool { return bytes.IndexByte(cut, c) >= 0 }
	start, end := 0, len(b)
	if name != "rstrip" {
		for start < end && in(b[start]) {
			start++
		}
	}
	if name != "lstrip" {
		for end > start && in(b[end-1]) {
			end--
		}
	}
	return b[start:end]
}

func bytesHex(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	b, err := selfBytes(self, "hex")
	if err != nil {
		return nil, err
	}
	var sepObj, perObj py.Object
	if err := (argParser{fname: "hex", names: []string{"sep", "bytes_per_sep"}}).parse(args, kwargs, &sepObj, &perObj); err != nil {
		return nil, err
	}
	h := hex.EncodeToString(b)
	if sepObj == nil || len(b) == 0 {
		return py.String(h), nil
	}
	var sep string
	switch x := sepObj.(type) {
	case py.String:
		sep = string(x)
	case py.Bytes:
		sep = string(x)
	default:
		return nil, typeErrorf("sep must be str or bytes.")
	}
	if utf8.RuneCountInString(sep) != 1 {
		return nil, valueErrorf("sep must be length 1.")
	}
	per := 1
	if perObj != nil {
		if per, err = asIndex(perObj, "bytes_per_sep"); err != nil {
			return nil, err
		}
	}
	if per == 0 {
		return py.String(h), nil
	}
	n := per
	fromRight := n > 0
	if n < 0 {
		n = -n
	}
	var groups []string
	if fromRight {
		// Groups are counted from the right.
		for end := len(b); end > 0; end -= n {
			start := max(end-n, 0)
			groups = append([]string{hex.EncodeToString(b[start:end])}, groups...)
		}
	} else {
		for start := 0; start < len(b); start += n {
			groups = append(groups, hex.EncodeToString(b[start:min(start+n, len(b))]))
		}
	}
	return py.String(strings.Join(groups, sep)), nil
}

// bytesSub parses the sub argument of find/count: bytes or an int.
func bytesSub(o py.Object) ([]byte, error) {
	switch x := o.(type) {
	case py.Bytes:
		return x, nil
	case py.Int, py.Bool:
		v, _ := asIndex(x, "byte")
		if v < 0 || v > 255 {
			return nil, valueErrorf("byte must be in range(0, 256)")
		}
		return []byte{byte(v)}, nil
	}
	return nil, typeErrorf("argument should be integer or bytes-like object, not '%s'", typeName(o))
}

func bytesWindow(name string, b []byte, args py.Tuple) (sub []byte, start, end int, err error) {
	if err := nargs(name, args, 1, 3); err != nil {
		return nil, 0, 0, err
	}
	if sub, err = bytesSub(args[0]); err != nil {
		return nil, 0, 0, err
	}
	var s, e py.Object
	if len(args) > 1 {
		s = args[1]
	}
	if len(args) > 2 {
		e = args[2]
	}
	start, end, err = findBounds(s, e, len(b))
	return sub, start, end, err
}

func bytesFind(name string, last, raise bool) func(py.Object, py.Tuple, py.StringDict) (py.Object, error) {
	return func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		b, err := selfBytes(self, name)
		if err != nil {
			return nil, err
		}
		if err := noKwargs(name, kwargs); err != nil {
			return nil, err
		}
		sub, start, end, err := bytesWindow(name, b, args)
		if err != nil {
			return nil, err
		}
		i := -1
		if end-start >= len(sub) {
			if last {
				i = bytes.LastIndex(b[start:end], sub)
			} else {
				i = bytes.Index(b[start:end], sub)
			}
			if i >= 0 {
				i += start
			}
		}
		if i < 0 && raise {
			return nil, valueErrorf("subsection not found")
		}
		return py.Int(i), nil
	}
}

func bytesCount(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	b, err := selfBytes(self, "count")
	if err != nil {
		return nil, err
	}
	if err := noKwargs("count", kwargs); err != nil {
		return nil, err
	}
	sub, start, end, err := bytesWindow("count", b, args)
	if err != nil {
		return nil, err
	}
	if end-start < len(sub) {
		return py.Int(0), nil
	}
	return py.Int(bytes.Count(b[start:end], sub)), nil
}

func bytesMap(name string, f func(byte) byte) func(py.Object, py.Tuple, py.StringDict) (py.Object, error) {
	return func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		b, err := selfBytes(self, name)
		if err != nil {
			return nil, err
		}
		if err := nargs(name, args, 0, 0); err != nil {
			return nil, err
		}
		out := make([]byte, len(b))
		for i, c := range b {
			out[i] = f(c)
		}
		return py.Bytes(out), nil
	}
}
