package pyfmt

import (
	"math"
	"math/big"
	"strings"
	"unicode/utf8"

	"github.com/go-python/gpython/py"
)

// Conversion flags of a %-format field.
const (
	fLJust = 1 << iota // '-'
	fSign              // '+'
	fBlank             // ' '
	fAlt               // '#'
	fZero              // '0'
)

// percentFormatter is one str % args (or bytes % args) evaluation: a
// port of CPython's PyUnicode_Format whose reads follow the original
// step by step, so that errors (and their indexes) match. In bytes mode
// every byte of the format and of the values is one rune 0-255
// (Latin-1), so the same code serves both.
type percentFormatter struct {
	fmt       string
	pos       int  // byte offset of the next unread character (CPython's fmtpos)
	exhausted bool // a read ran past the end (CPython's fmtcnt < 0)
	args      py.Object
	arglen    int // -1 when args is a single non-tuple value
	argidx    int
	dict      py.Object // args, when it is a mapping
	bytes     bool
	out       strings.Builder
}

// formatArg is one conversion specification being processed.
type formatArg struct {
	ch    rune
	flags int
	width int
	prec  int
	sign  bool // numeric conversion: the output may carry a sign
}

// Percent is CPython's format % args for a str format.
func Percent(format string, args py.Object) (s string, err error) {
	defer recoverPanic(&err)
	return percent(format, args)
}

func percent(format string, args py.Object) (string, error) {
	if args == nil {
		return "", errNilObject()
	}
	// Fast path: nothing to substitute and nothing to complain about.
	if strings.IndexByte(format, '%') < 0 {
		if isMapping(args, false) {
			return format, nil
		}
		if _, ok := args.(py.Tuple); ok && len(args.(py.Tuple)) == 0 {
			return format, nil
		}
		return "", typeError("not all arguments converted during string formatting")
	}
	f := &percentFormatter{fmt: format, args: args}
	if err := f.run(); err != nil {
		return "", err
	}
	return f.out.String(), nil
}

// BytesPercent is CPython's format % args for a bytes format.
func BytesPercent(format []byte, args py.Object) (b []byte, err error) {
	defer recoverPanic(&err)
	return bytesPercent(format, args)
}

func bytesPercent(format []byte, args py.Object) ([]byte, error) {
	if args == nil {
		return nil, errNilObject()
	}
	f := &percentFormatter{fmt: latin1Decode(format), args: args, bytes: true}
	if err := f.run(); err != nil {
		return nil, err
	}
	return latin1Encode(f.out.String()), nil
}

func latin1Decode(b []byte) string {
	var sb strings.Builder
	sb.Grow(len(b))
	for _, c := range b {
		sb.WriteRune(rune(c))
	}
	return sb.String()
}

func latin1Encode(s string) []byte {
	b := make([]byte, 0, len(s))
	for _, r := range s {
		b = append(b, byte(r))
	}
	return b
}

// isMapping is PyMapping_Check as PyUnicode_Format (or bytes_format)
// uses it: anything subscriptable except tuples and strings (and bytes,
// for a bytes format).
func isMapping(o py.Object, bytesMode bool) bool {
	switch v := o.(type) {
	case py.Tuple, py.String:
		return false
	case py.Bytes:
		return !bytesMode
	case py.StringDict, *py.List, *py.Range:
		return true
	case *py.Type:
		return !isClass(v) && lookupSpecial(v.Type(), "__getitem__") != nil
	}
	_, ok := o.(py.I__getitem__)
	return ok
}

// read returns the character at pos without consuming it (0 at the end).
func (f *percentFormatter) read() rune {
	if f.pos >= len(f.fmt) {
		return 0
	}
	if c := f.fmt[f.pos]; c < utf8.RuneSelf {
		return rune(c)
	}
	r, _ := utf8.DecodeRuneInString(f.fmt[f.pos:])
	return r
}

// next consumes one character into *ch; at the end it leaves *ch alone,
// marks the format exhausted and returns false.
func (f *percentFormatter) next(ch *rune) bool {
	if f.pos >= len(f.fmt) {
		f.exhausted = true
		return false
	}
	if c := f.fmt[f.pos]; c < utf8.RuneSelf {
		*ch = rune(c)
		f.pos++
		return true
	}
	r, size := utf8.DecodeRuneInString(f.fmt[f.pos:])
	*ch = r
	f.pos += size
	return true
}

func (f *percentFormatter) notAllConverted() error {
	if f.bytes {
		return typeError("not all arguments converted during bytes formatting")
	}
	return typeError("not all arguments converted during string formatting")
}

func (f *percentFormatter) run() error {
	if t, ok := f.args.(py.Tuple); ok {
		f.arglen, f.argidx = len(t), 0
	} else {
		f.arglen, f.argidx = -1, -2
	}
	if isMapping(f.args, f.bytes) {
		f.dict = f.args
	}
	f.out.Grow(len(f.fmt) + 16)
	for f.pos < len(f.fmt) {
		if f.fmt[f.pos] != '%' {
			i := strings.IndexByte(f.fmt[f.pos:], '%')
			if i < 0 {
				i = len(f.fmt) - f.pos
			}
			f.out.WriteString(f.fmt[f.pos : f.pos+i])
			f.pos += i
			continue
		}
		f.pos++
		if err := f.formatArg(); err != nil {
			return err
		}
	}
	if f.argidx < f.arglen && f.dict == nil {
		return f.notAllConverted()
	}
	return nil
}

func (f *percentFormatter) nextArg() (py.Object, error) {
	if f.argidx < f.arglen {
		i := f.argidx
		f.argidx++
		if f.arglen < 0 {
			return f.args, nil
		}
		v := f.args.(py.Tuple)[i]
		if v == nil {
			return nil, errNilObject()
		}
		return v, nil
	}
	return nil, typeError("not enough arguments for format string")
}

func (f *percentFormatter) formatArg() error {
	arg := formatArg{ch: f.read(), width: -1, prec: -1}
	if arg.ch == '%' {
		f.pos++
		f.out.WriteByte('%')
		return nil
	}
	if err := f.parseArg(&arg); err != nil {
		return err
	}
	s, done, err := f.convert(&arg)
	if err != nil {
		return err
	}
	if !done {
		if err := f.output(&arg, s); err != nil {
			return err
		}
	}
	if f.dict != nil && f.argidx < f.arglen {
		return f.notAllConverted()
	}
	return nil
}

// parseArg is unicode_format_arg_parse: mapping key, flags, width,
// precision and length modifier.
func (f *percentFormatter) parseArg(arg *formatArg) error {
	if f.read() == '(' {
		if f.dict == nil {
			return typeError("format requires a mapping")
		}
		f.pos++
		keystart := f.pos
		pcount := 1
		for pcount > 0 && f.next(&arg.ch) {
			if arg.ch == ')' {
				pcount--
			} else if arg.ch == '(' {
				pcount++
			}
		}
		if f.exhausted || pcount > 0 {
			return valueError("incomplete format key")
		}
		key := f.fmt[keystart : f.pos-1]
		var keyObj py.Object = py.String(key)
		if f.bytes {
			keyObj = py.Bytes(latin1Encode(key))
		}
		v, err := getItem(f.dict, keyObj)
		if err != nil {
			return err
		}
		f.args, f.arglen, f.argidx = v, -1, -2
	}
	for f.next(&arg.ch) {
		switch arg.ch {
		case '-':
			arg.flags |= fLJust
			continue
		case '+':
			arg.flags |= fSign
			continue
		case ' ':
			arg.flags |= fBlank
			continue
		case '#':
			arg.flags |= fAlt
			continue
		case '0':
			arg.flags |= fZero
			continue
		}
		break
	}
	if arg.ch == '*' {
		v, err := f.nextArg()
		if err != nil {
			return err
		}
		w, err := starInt(v, "ssize_t")
		if err != nil {
			return err
		}
		if w < 0 {
			arg.flags |= fLJust
			w = -w
		}
		arg.width = w
		f.next(&arg.ch)
	} else if arg.ch >= '0' && arg.ch <= '9' {
		arg.width = int(arg.ch - '0')
		for f.next(&arg.ch) {
			if arg.ch < '0' || arg.ch > '9' {
				break
			}
			d := int(arg.ch - '0')
			if arg.width > (math.MaxInt64-d)/10 {
				return valueError("width too big")
			}
			arg.width = arg.width*10 + d
		}
	}
	if arg.ch == '.' {
		arg.prec = 0
		f.next(&arg.ch)
		if arg.ch == '*' {
			v, err := f.nextArg()
			if err != nil {
				return err
			}
			p, err := starInt(v, "int")
			if err != nil {
				return err
			}
			arg.prec = max(p, 0)
			f.next(&arg.ch)
		} else if arg.ch >= '0' && arg.ch <= '9' {
			arg.prec = int(arg.ch - '0')
			for f.next(&arg.ch) {
				if arg.ch < '0' || arg.ch > '9' {
					break
				}
				d := int(arg.ch - '0')
				if arg.prec > (math.MaxInt32-d)/10 {
					return valueError("precision too big")
				}
				arg.prec = arg.prec*10 + d
			}
		}
	}
	if !f.exhausted && (arg.ch == 'h' || arg.ch == 'l' || arg.ch == 'L') {
		f.next(&arg.ch)
	}
	if f.exhausted {
		return valueError("incomplete format")
	}
	return nil
}

// starInt converts the argument of a '*' width or precision.
func starInt(v py.Object, ctype string) (int, error) {
	iv, ok := exactInt(v)
	if !ok {
		return 0, typeError("* wants int")
	}
	n, fits := iv.int64()
	limit := int64(math.MaxInt64)
	if ctype == "int" {
		limit = math.MaxInt32
	}
	if !fits || n > limit || n < -limit-1 {
		return 0, py.ExceptionNewf(py.OverflowError, "Python int too large to convert to C %s", ctype)
	}
	return int(n), nil
}

// exactInt returns v as an int if it is one (PyLong_Check: int, bool,
// and gpython's big int).
func exactInt(v py.Object) (intValue, bool) {
	switch x := v.(type) {
	case py.Int:
		return intValue{small: int64(x)}, true
	case py.Bool:
		if x {
			return intValue{small: 1}, true
		}
		return intValue{}, true
	case *py.BigInt:
		return intValue{big: (*big.Int)(x)}, true
	}
	return intValue{}, false
}

// getItem is PyObject_GetItem, with CPython's messages where gpython's
// differ: KeyError(key) for a missing dict key, and the "indices must be
// integers" TypeErrors of the built-in sequences.
func getItem(m, key py.Object) (py.Object, error) {
	switch v := m.(type) {
	case py.StringDict:
		if k, ok := key.(py.String); ok {
			if x, ok := v[string(k)]; ok {
				return x, nil
			}
		}
		return nil, keyError(key)
	case *py.Type:
		if !isClass(v) {
			if fn := lookupSpecial(v.Type(), "__getitem__"); fn != nil {
				return callSpecial(fn, v, v.Type(), key)
			}
		}
	case py.String, py.Tuple, *py.List, py.Bytes, *py.Range:
		switch key.(type) {
		case py.Int, py.Bool, *py.BigInt, *py.Slice:
		default:
			if _, ok := m.(py.String); ok {
				return nil, typeError("string indices must be integers, not '%s'", typeName(key))
			}
			kind := typeName(m)
			if kind == "bytes" {
				kind = "byte"
			}
			return nil, typeError("%s indices must be integers or slices, not %s", kind, typeName(key))
		}
	}
	return py.GetItem(m, key)
}

func keyError(key py.Object) error {
	return &py.Exception{Base: py.KeyError, Args: py.Tuple{key}, Dict: py.StringDict{}}
}

// convert is unicode_format_arg_format: it produces the text of one
// field, or writes it directly and reports done.
func (f *percentFormatter) convert(arg *formatArg) (s string, done bool, err error) {
	v, err := f.nextArg()
	if err != nil {
		return "", false, err
	}
	switch arg.ch {
	case 's', 'r', 'a', 'b':
		if arg.ch == 'b' && !f.bytes {
			break
		}
		if f.bytes {
			s, err = f.bytesConversion(arg.ch, v)
			return s, false, err
		}
		var st reprState
		switch arg.ch {
		case 's':
			s, err = st.str(v)
		case 'r':
			s, err = st.repr(v)
		default:
			s, err = st.repr(v)
			s = asciiEscape(s)
		}
		return s, false, err
	case 'i', 'd', 'u', 'o', 'x', 'X':
		s, err = formatLongArg(v, arg)
		arg.sign = true
		return s, false, err
	case 'e', 'E', 'f', 'F', 'g', 'G':
		x, err := floatArg(v)
		if err != nil {
			if f.bytes && py.IsException(py.TypeError, err) && !isNumber(v) {
				return "", false, typeError("float argument required, not %s", typeName(v))
			}
			return "", false, err
		}
		prec := arg.prec
		if prec < 0 {
			prec = 6
		}
		if prec > MaxWidth {
			return "", false, widthError("precision", prec)
		}
		flags := 0
		if arg.flags&fAlt != 0 {
			flags |= dtsfAlt
		}
		arg.sign = true
		return doubleToString(x, byte(arg.ch), prec, flags), false, nil
	case 'c':
		if f.bytes {
			c, err := byteChar(v)
			return string(rune(c)), false, err
		}
		r, err := formatChar(v)
		return string(r), false, err
	}
	shown := '?'
	switch {
	case f.bytes && arg.ch > 127:
		// CPython's bytes formatter fails to render the character itself.
		return "", false, py.ExceptionNewf(py.OverflowError, "character argument not in range(0x110000)")
	case f.bytes, arg.ch >= 31 && arg.ch <= 126:
		shown = arg.ch
	}
	return "", false, valueError("unsupported format character '%c' (0x%x) at index %d", shown, arg.ch, utf8.RuneCountInString(f.fmt[:f.pos])-1)
}

// bytesConversion renders %s/%b (bytes-like values only) and %r/%a
// (ascii()) for a bytes format, as Latin-1 runes.
func (f *percentFormatter) bytesConversion(ch rune, v py.Object) (string, error) {
	if ch == 'r' || ch == 'a' {
		var st reprState
		s, err := st.repr(v)
		if err != nil {
			return "", err
		}
		return asciiEscape(s), nil
	}
	if b, ok := v.(py.Bytes); ok {
		return latin1Decode(b), nil
	}
	if t, ok := v.(*py.Type); ok && !isClass(t) {
		if fn := lookupSpecial(t.Type(), "__bytes__"); fn != nil {
			res, err := callSpecial(fn, t, t.Type())
			if err != nil {
				return "", err
			}
			b, ok := res.(py.Bytes)
			if !ok {
				return "", typeError("__bytes__ returned non-bytes (type %s)", typeName(res))
			}
			return latin1Decode(b), nil
		}
	}
	return "", typeError("%%b requires a bytes-like object, or an object that implements __bytes__, not '%s'", typeName(v))
}

// isNumber is PyNumber_Check.
func isNumber(v py.Object) bool {
	switch x := v.(type) {
	case py.Int, py.Bool, *py.BigInt, py.Float, py.Complex:
		return true
	case *py.Type:
		if isClass(x) {
			return false
		}
		cls := x.Type()
		return lookupSpecial(cls, "__index__") != nil || lookupSpecial(cls, "__int__") != nil ||
			lookupSpecial(cls, "__float__") != nil
	}
	return false
}

// formatLongArg is mainformatlong + _PyUnicode_FormatLong.
func formatLongArg(v py.Object, arg *formatArg) (string, error) {
	typ := arg.ch
	wrongType := func() error {
		if typ == 'o' || typ == 'x' || typ == 'X' {
			return typeError("%%%c format: an integer is required, not %s", typ, typeName(v))
		}
		return typeError("%%%c format: a real number is required, not %s", typ, typeName(v))
	}
	if !isNumber(v) {
		return "", wrongType()
	}
	iv, ok := exactInt(v)
	if !ok {
		var err error
		if typ == 'o' || typ == 'x' || typ == 'X' {
			iv, err = indexValue(v)
		} else {
			iv, err = intOf(v)
		}
		if err != nil {
			if py.IsException(py.TypeError, err) {
				return "", wrongType()
			}
			return "", err
		}
	}
	base, prefix := 10, ""
	switch typ {
	case 'o':
		base, prefix = 8, "0o"
	case 'x', 'X':
		base, prefix = 16, "0x"
	}
	digits, err := iv.text(base)
	if err != nil {
		return "", err
	}
	if arg.prec > len(digits) {
		if arg.prec > MaxWidth {
			return "", widthError("precision", arg.prec)
		}
		digits = strings.Repeat("0", arg.prec-len(digits)) + digits
	}
	var b strings.Builder
	if iv.negative() {
		b.WriteByte('-')
	}
	if arg.flags&fAlt != 0 {
		b.WriteString(prefix)
	}
	b.WriteString(digits)
	s := b.String()
	if typ == 'X' {
		s = strings.ToUpper(s)
	}
	return s, nil
}

// indexValue is operator.index(v) for the objects gpython has.
func indexValue(v py.Object) (intValue, error) {
	if iv, ok := exactInt(v); ok {
		return iv, nil
	}
	if t, ok := v.(*py.Type); ok && !isClass(t) {
		if fn := lookupSpecial(t.Type(), "__index__"); fn != nil {
			res, err := callSpecial(fn, t, t.Type())
			if err != nil {
				return intValue{}, err
			}
			if iv, ok := exactInt(res); ok {
				return iv, nil
			}
			return intValue{}, typeError("__index__ returned non-int (type %s)", typeName(res))
		}
	}
	return intValue{}, typeError("'%s' object cannot be interpreted as an integer", typeName(v))
}

// intOf is int(v) for numbers (PyNumber_Long).
func intOf(v py.Object) (intValue, error) {
	switch x := v.(type) {
	case py.Float:
		return floatToInt(float64(x))
	case *py.Type:
		if !isClass(x) {
			cls := x.Type()
			if fn := lookupSpecial(cls, "__int__"); fn != nil {
				res, err := callSpecial(fn, x, cls)
				if err != nil {
					return intValue{}, err
				}
				if iv, ok := exactInt(res); ok {
					return iv, nil
				}
				return intValue{}, typeError("__int__ returned non-int (type %s)", typeName(res))
			}
			if lookupSpecial(cls, "__index__") != nil {
				return indexValue(v)
			}
		}
	}
	if iv, ok := exactInt(v); ok {
		return iv, nil
	}
	return intValue{}, typeError("int() argument must be a string, a bytes-like object or a real number, not '%s'", typeName(v))
}

func floatToInt(x float64) (intValue, error) {
	if math.IsNaN(x) {
		return intValue{}, valueError("cannot convert float NaN to integer")
	}
	if math.IsInf(x, 0) {
		return intValue{}, py.ExceptionNewf(py.OverflowError, "cannot convert float infinity to integer")
	}
	t := math.Trunc(x)
	if t >= -(1<<63) && t < 1<<63 {
		return intValue{small: int64(t)}, nil
	}
	b, _ := big.NewFloat(t).Int(nil)
	return intValue{big: b}, nil
}

// floatArg is PyFloat_AsDouble.
func floatArg(v py.Object) (float64, error) {
	switch x := v.(type) {
	case py.Float:
		return float64(x), nil
	case *py.Type:
		if !isClass(x) {
			cls := x.Type()
			if fn := lookupSpecial(cls, "__float__"); fn != nil {
				res, err := callSpecial(fn, x, cls)
				if err != nil {
					return 0, err
				}
				if f, ok := res.(py.Float); ok {
					return float64(f), nil
				}
				return 0, typeError("%s.__float__ returned non-float (type %s)", typeName(v), typeName(res))
			}
			if lookupSpecial(cls, "__index__") != nil {
				iv, err := indexValue(v)
				if err != nil {
					return 0, err
				}
				return iv.float()
			}
		}
	}
	if iv, ok := exactInt(v); ok {
		return iv.float()
	}
	return 0, typeError("must be real number, not %s", typeName(v))
}

// formatChar is formatchar for a str format: a 1-character str or an
// int code point.
func formatChar(v py.Object) (rune, error) {
	if s, ok := v.(py.String); ok {
		if utf8.RuneCountInString(string(s)) == 1 {
			r, _ := utf8.DecodeRuneInString(string(s))
			return r, nil
		}
		return 0, typeError("%%c requires int or char")
	}
	iv, err := indexValue(v)
	if err != nil {
		if py.IsException(py.TypeError, err) {
			return 0, typeError("%%c requires int or char")
		}
		return 0, err
	}
	n, ok := iv.int64()
	if !ok || n < 0 || n > 0x10ffff {
		return 0, py.ExceptionNewf(py.OverflowError, "%%c arg not in range(0x110000)")
	}
	return rune(n), nil
}

// byteChar is %c for a bytes format: an int 0-255 or a 1-byte bytes.
func byteChar(v py.Object) (byte, error) {
	if b, ok := v.(py.Bytes); ok {
		if len(b) == 1 {
			return b[0], nil
		}
		return 0, typeError("%%c requires an integer in range(256) or a single byte")
	}
	iv, err := indexValue(v)
	if err != nil {
		if py.IsException(py.TypeError, err) {
			return 0, typeError("%%c requires an integer in range(256) or a single byte")
		}
		return 0, err
	}
	n, ok := iv.int64()
	if !ok || n < 0 || n > 255 {
		return 0, py.ExceptionNewf(py.OverflowError, "%%c arg not in range(256)")
	}
	return byte(n), nil
}

// output is unicode_format_arg_output: precision truncation for
// s/r/a, sign, the 0x/0o prefix, and padding. Signs and prefixes are
// ASCII, so only the truncation has to count characters.
func (f *percentFormatter) output(arg *formatArg, str string) error {
	n := utf8.RuneCountInString(str)
	if (arg.width == -1 || arg.width <= n) && (arg.prec == -1 || arg.prec >= n) && arg.flags&(fSign|fBlank) == 0 {
		f.out.WriteString(str)
		return nil
	}
	if arg.width > MaxWidth {
		return widthError("width", arg.width)
	}
	fill := ' '
	if arg.sign && arg.flags&fZero != 0 {
		fill = '0'
	}
	if arg.ch == 's' || arg.ch == 'r' || arg.ch == 'a' || (f.bytes && arg.ch == 'b') {
		if arg.prec >= 0 && n > arg.prec {
			cut := 0
			for i := 0; i < arg.prec; i++ {
				_, size := utf8.DecodeRuneInString(str[cut:])
				cut += size
			}
			str, n = str[:cut], arg.prec
		}
	}
	p := 0
	var signChar byte
	if arg.sign {
		if c := str[0]; c == '-' || c == '+' {
			signChar = c
			n--
			p++
		} else if arg.flags&fSign != 0 {
			signChar = '+'
		} else if arg.flags&fBlank != 0 {
			signChar = ' '
		} else {
			arg.sign = false
		}
	}
	width := max(arg.width, n)
	if arg.sign {
		if fill != ' ' {
			f.out.WriteByte(signChar)
		}
		if width > n {
			width--
		}
	}
	hasPrefix := arg.flags&fAlt != 0 && (arg.ch == 'x' || arg.ch == 'X' || arg.ch == 'o')
	if hasPrefix {
		if fill != ' ' {
			f.out.WriteString(str[p : p+2])
			p += 2
		}
		width = max(width-2, 0)
		n -= 2
	}
	if width > n && arg.flags&fLJust == 0 {
		writeFill(&f.out, fill, width-n)
		width = n
	}
	if fill == ' ' {
		if arg.sign {
			f.out.WriteByte(signChar)
		}
		if hasPrefix {
			f.out.WriteString(str[p : p+2])
			p += 2
		}
	}
	f.out.WriteString(str[p:])
	if width > n {
		writeFill(&f.out, ' ', width-n)
	}
	return nil
}
