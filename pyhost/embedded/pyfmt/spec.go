package pyfmt

import (
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/go-python/gpython/py"
)

// formatSpec is a parsed standard format specifier
// ([[fill]align][sign][z][#][0][width][grouping][.precision][type]),
// CPython's InternalFormatSpec.
type formatSpec struct {
	fill      rune
	align     rune
	sign      rune // 0, '+', '-' or ' '
	noNeg0    bool // 'z'
	alt       bool // '#'
	width     int  // -1 when absent
	thousands rune // 0, ',' or '_'
	precision int  // -1 when absent
	typ       rune // 0 when absent
}

func isAlign(r rune) bool { return r == '<' || r == '>' || r == '=' || r == '^' }

// decimalValue is Py_UNICODE_TODECIMAL: the value of a Unicode decimal
// digit (category Nd), or -1.
func decimalValue(r rune) int {
	if r >= '0' && r <= '9' {
		return int(r - '0')
	}
	if r < utf8.RuneSelf || !unicode.Is(unicode.Nd, r) {
		return -1
	}
	// Nd characters come in complete runs of ten starting at a zero, some
	// runs adjacent to each other: count from the start of the block.
	start := r
	for start > 0 && unicode.Is(unicode.Nd, start-1) {
		start--
	}
	return int(r-start) % 10
}

// parseInteger reads decimal digits at rs[*pos:], as CPython's
// get_integer; it returns how many it consumed.
func parseInteger(rs []rune, pos *int) (value int, consumed int, err error) {
	for *pos < len(rs) {
		d := decimalValue(rs[*pos])
		if d < 0 {
			break
		}
		if value > (math.MaxInt64-d)/10 {
			return 0, 0, valueError("Too many decimal digits in format string")
		}
		value = value*10 + d
		*pos++
		consumed++
	}
	return value, consumed, nil
}

// parseSpec is parse_internal_render_format_spec.
func parseSpec(obj py.Object, spec string, defaultType, defaultAlign rune) (formatSpec, error) {
	var buf [24]rune // specs are short: keep the runes off the heap
	rs := buf[:0]
	for _, r := range spec {
		rs = append(rs, r)
	}
	f := formatSpec{fill: ' ', align: defaultAlign, width: -1, precision: -1, typ: defaultType}
	pos, end := 0, len(rs)
	alignSpecified, fillSpecified := false, false
	if end-pos >= 2 && isAlign(rs[pos+1]) {
		f.align, f.fill = rs[pos+1], rs[pos]
		fillSpecified, alignSpecified = true, true
		pos += 2
	} else if end-pos >= 1 && isAlign(rs[pos]) {
		f.align = rs[pos]
		alignSpecified = true
		pos++
	}
	if end-pos >= 1 && (rs[pos] == '+' || rs[pos] == '-' || rs[pos] == ' ') {
		f.sign = rs[pos]
		pos++
	}
	if end-pos >= 1 && rs[pos] == 'z' {
		f.noNeg0 = true
		pos++
	}
	if end-pos >= 1 && rs[pos] == '#' {
		f.alt = true
		pos++
	}
	if !fillSpecified && end-pos >= 1 && rs[pos] == '0' {
		f.fill = '0'
		if !alignSpecified && defaultAlign == '>' {
			f.align = '='
		}
		pos++
	}
	w, n, err := parseInteger(rs, &pos)
	if err != nil {
		return f, err
	}
	if n > 0 {
		f.width = w
	}
	if end-pos > 0 && rs[pos] == ',' {
		f.thousands = ','
		pos++
	}
	if end-pos > 0 && rs[pos] == '_' {
		if f.thousands != 0 {
			return f, valueError("Cannot specify both ',' and '_'.")
		}
		f.thousands = '_'
		pos++
	}
	if end-pos > 0 && rs[pos] == ',' && f.thousands == '_' {
		return f, valueError("Cannot specify both ',' and '_'.")
	}
	if end-pos > 0 && rs[pos] == '.' {
		pos++
		p, n, err := parseInteger(rs, &pos)
		if err != nil {
			return f, err
		}
		if n == 0 {
			return f, valueError("Format specifier missing precision")
		}
		f.precision = p
	}
	if end-pos > 1 {
		return f, valueError("Invalid format specifier '%s' for object of type '%s'", spec, typeName(obj))
	}
	if end-pos == 1 {
		f.typ = rs[pos]
	}
	if f.thousands != 0 {
		switch f.typ {
		case 'd', 'e', 'f', 'g', 'E', 'G', '%', 'F', 0:
		case 'b', 'o', 'x', 'X':
			if f.thousands == '_' {
				break
			}
			fallthrough
		default:
			return f, valueError("Cannot specify '%c' with %s.", f.thousands, quoteCode(f.typ))
		}
	}
	return f, nil
}

// quoteCode renders a presentation type the way CPython's error messages
// do: 'x' for printable ASCII, '\x..' otherwise.
func quoteCode(r rune) string {
	if r > 32 && r < 128 {
		return "'" + string(r) + "'"
	}
	return "'\\x" + strconv.FormatInt(int64(r), 16) + "'"
}

func unknownPresentation(typ rune, obj py.Object) error {
	return valueError("Unknown format code %s for object of type '%s'", quoteCode(typ), typeName(obj))
}

// Format is CPython's format(o, spec): the standard mini-language for
// int, bool, float and str, a user class's __format__ or a Go type's
// M__format__, and object.__format__ (str(o), only with an empty spec)
// for everything else.
func Format(o py.Object, spec string) (s string, err error) {
	defer recoverPanic(&err)
	return format(o, spec)
}

func format(o py.Object, spec string) (string, error) {
	switch v := o.(type) {
	case nil:
		return "", errNilObject()
	case py.String:
		if spec == "" {
			return string(v), nil
		}
		return formatStr(string(v), o, spec)
	case py.Int:
		if spec == "" {
			return strconv.FormatInt(int64(v), 10), nil
		}
		return formatInt(intValue{small: int64(v)}, o, spec)
	case py.Bool:
		if spec == "" {
			if v {
				return "True", nil
			}
			return "False", nil
		}
		iv := intValue{}
		if v {
			iv.small = 1
		}
		return formatInt(iv, o, spec)
	case *py.BigInt:
		if spec == "" {
			return bigIntDecimal((*big.Int)(v))
		}
		return formatInt(intValue{big: (*big.Int)(v)}, o, spec)
	case py.Float:
		if spec == "" {
			return floatRepr(float64(v)), nil
		}
		return formatFloat(float64(v), o, spec)
	case py.Complex:
		if spec == "" {
			return complexRepr(complex128(v)), nil
		}
		return formatComplex(complex128(v), o, spec)
	case *py.Type:
		if !isClass(v) {
			if fn := lookupSpecial(v.Type(), "__format__"); fn != nil {
				return checkFormatResult(callSpecial(fn, v, v.Type(), py.String(spec)))
			}
		}
	case *py.Exception:
		if fn := lookupSpecial(v.Type(), "__format__"); fn != nil {
			return checkFormatResult(callSpecial(fn, v, v.Type(), py.String(spec)))
		}
	default:
		if f, ok := o.(py.I__format__); ok {
			return checkFormatResult(f.M__format__(py.String(spec)))
		}
	}
	// object.__format__
	if spec != "" {
		return "", typeError("unsupported format string passed to %s.__format__", typeName(o))
	}
	var st reprState
	return st.str(o)
}

func checkFormatResult(res py.Object, err error) (string, error) {
	if err != nil {
		return "", err
	}
	s, ok := res.(py.String)
	if !ok {
		return "", typeError("__format__ must return a str, not %s", typeName(res))
	}
	return string(s), nil
}

// intValue is a Python int: small unless big is set.
type intValue struct {
	small int64
	big   *big.Int
}

func (v intValue) negative() bool {
	if v.big != nil {
		return v.big.Sign() < 0
	}
	return v.small < 0
}

// text is |v| in base (2, 8, 10 or 16), lower case; decimal conversions
// of big ints obey CPython's 4300-digit limit.
func (v intValue) text(base int) (string, error) {
	if v.big != nil {
		if base == 10 {
			s, err := bigIntDecimal(v.big)
			return strings.TrimPrefix(s, "-"), err
		}
		return new(big.Int).Abs(v.big).Text(base), nil
	}
	u := uint64(v.small)
	if v.small < 0 {
		u = -u
	}
	return strconv.FormatUint(u, base), nil
}

// float is float(v), with CPython's OverflowError.
func (v intValue) float() (float64, error) {
	if v.big == nil {
		return float64(v.small), nil
	}
	f, _ := new(big.Float).SetInt(v.big).Float64()
	if math.IsInf(f, 0) {
		return 0, py.ExceptionNewf(py.OverflowError, "int too large to convert to float")
	}
	return f, nil
}

// int64 returns v if it fits.
func (v intValue) int64() (int64, bool) {
	if v.big == nil {
		return v.small, true
	}
	if v.big.IsInt64() {
		return v.big.Int64(), true
	}
	return 0, false
}

func formatInt(v intValue, obj py.Object, specStr string) (string, error) {
	spec, err := parseSpec(obj, specStr, 'd', '>')
	if err != nil {
		return "", err
	}
	switch spec.typ {
	case 'b', 'c', 'd', 'o', 'x', 'X', 'n':
		return formatLong(v, &spec)
	case 'e', 'E', 'f', 'F', 'g', 'G', '%':
		f, err := v.float()
		if err != nil {
			return "", err
		}
		return formatFloatSpec(f, &spec)
	}
	return "", unknownPresentation(spec.typ, obj)
}

// formatLong is format_long_internal.
func formatLong(v intValue, spec *formatSpec) (string, error) {
	if spec.precision != -1 {
		return "", valueError("Precision not allowed in integer format specifier")
	}
	if spec.noNeg0 {
		return "", valueError("Negative zero coercion (z) not allowed in integer format specifier")
	}
	var n number
	if spec.typ == 'c' {
		if spec.sign != 0 {
			return "", valueError("Sign not allowed with integer format specifier 'c'")
		}
		if spec.alt {
			return "", valueError("Alternate form (#) not allowed with integer format specifier 'c'")
		}
		x, ok := v.int64()
		if !ok {
			return "", py.ExceptionNewf(py.OverflowError, "Python int too large to convert to C long")
		}
		if x < 0 || x > 0x10ffff {
			return "", py.ExceptionNewf(py.OverflowError, "%%c arg not in range(0x110000)")
		}
		n.remainder = string(rune(x))
	} else {
		base, prefix := 10, ""
		switch spec.typ {
		case 'b':
			base, prefix = 2, "0b"
		case 'o':
			base, prefix = 8, "0o"
		case 'x':
			base, prefix = 16, "0x"
		case 'X':
			base, prefix = 16, "0X"
		}
		digits, err := v.text(base)
		if err != nil {
			return "", err
		}
		if spec.typ == 'X' {
			digits = strings.ToUpper(digits)
		}
		if spec.alt {
			n.prefix = prefix
		}
		n.digits = digits
		n.negative = v.negative()
	}
	return fillNumber(spec, &n)
}

func formatFloat(x float64, obj py.Object, specStr string) (string, error) {
	spec, err := parseSpec(obj, specStr, 0, '>')
	if err != nil {
		return "", err
	}
	switch spec.typ {
	case 0, 'e', 'E', 'f', 'F', 'g', 'G', 'n', '%':
		return formatFloatSpec(x, &spec)
	}
	return "", unknownPresentation(spec.typ, obj)
}

// formatFloatSpec is format_float_internal.
func formatFloatSpec(x float64, spec *formatSpec) (string, error) {
	if spec.precision > math.MaxInt32 {
		return "", valueError("precision too big")
	}
	if spec.precision > MaxWidth {
		return "", widthError("precision", spec.precision)
	}
	precision := spec.precision
	typ := byte(spec.typ)
	defaultPrecision := 6
	flags := 0
	if spec.alt {
		flags |= dtsfAlt
	}
	if spec.noNeg0 {
		flags |= dtsfNoNeg0
	}
	if typ == 0 {
		// Like repr without a precision, else like 'g' keeping a ".0".
		flags |= dtsfAddDot0
		typ = 'r'
		defaultPrecision = 0
	}
	if typ == 'n' {
		typ = 'g'
	}
	pct := false
	if typ == '%' {
		typ = 'f'
		x *= 100
		pct = true
	}
	if precision < 0 {
		precision = defaultPrecision
	} else if typ == 'r' {
		typ = 'g'
	}
	s := doubleToString(x, typ, precision, flags)
	if pct {
		s += "%"
	}
	n := splitNumber(s)
	return fillNumber(spec, &n)
}

// formatComplex is complex.__format__ (format_complex_internal).
func formatComplex(c complex128, obj py.Object, specStr string) (string, error) {
	spec, err := parseSpec(obj, specStr, 0, '>')
	if err != nil {
		return "", err
	}
	switch spec.typ {
	case 0, 'e', 'E', 'f', 'F', 'g', 'G', 'n':
	default:
		return "", unknownPresentation(spec.typ, obj)
	}
	if spec.precision > math.MaxInt32 {
		return "", valueError("precision too big")
	}
	if spec.precision > MaxWidth {
		return "", widthError("precision", spec.precision)
	}
	if spec.fill == '0' {
		return "", valueError("Zero padding is not allowed in complex format specifier")
	}
	if spec.align == '=' {
		return "", valueError("'=' alignment flag is not allowed in complex format specifier")
	}
	re, im := real(c), imag(c)
	flags := 0
	if spec.alt {
		flags |= dtsfAlt
	}
	if spec.noNeg0 {
		flags |= dtsfNoNeg0
	}
	typ := byte(spec.typ)
	precision, defaultPrecision := spec.precision, 6
	skipRe, parens := false, false
	if typ == 0 {
		// Like str(c).
		typ = 'r'
		defaultPrecision = 0
		if re == 0 && !math.Signbit(re) {
			skipRe = true
		} else {
			parens = true
		}
	}
	if typ == 'n' {
		typ = 'g'
	}
	if precision < 0 {
		precision = defaultPrecision
	} else if typ == 'r' {
		typ = 'g'
	}
	// Format both parts without padding, the imaginary one always signed
	// unless it stands alone, then pad the whole.
	part := func(x float64, sign rune) (string, error) {
		n := splitNumber(doubleToString(x, typ, precision, flags))
		ps := spec
		ps.fill, ps.align, ps.width, ps.sign = ' ', '<', -1, sign
		return fillNumber(&ps, &n)
	}
	var b strings.Builder
	if parens {
		b.WriteByte('(')
	}
	if !skipRe {
		s, err := part(re, spec.sign)
		if err != nil {
			return "", err
		}
		b.WriteString(s)
	}
	imSign := spec.sign
	if !skipRe {
		imSign = '+'
	}
	s, err := part(im, imSign)
	if err != nil {
		return "", err
	}
	b.WriteString(s)
	b.WriteByte('j')
	if parens {
		b.WriteByte(')')
	}
	return padString(b.String(), spec.width, -1, spec.fill, spec.align)
}

// splitNumber splits a formatted float into the parts of a number.
func splitNumber(s string) number {
	var n number
	if strings.HasPrefix(s, "-") {
		n.negative = true
		s = s[1:]
	}
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	n.digits = s[:i]
	rest := s[i:]
	if strings.HasPrefix(rest, ".") {
		n.decimal = true
		rest = rest[1:]
	}
	n.remainder = rest
	return n
}

// number is a formatted number split the way calc_number_widths lays it
// out: <sign><prefix><digits>[.]<remainder>.
type number struct {
	negative  bool
	prefix    string
	digits    string // integer digits, grouped and zero-padded
	decimal   bool
	remainder string // fraction, exponent, '%', "inf" or a 'c' character
}

// fillNumber is calc_number_widths followed by fill_number.
func fillNumber(spec *formatSpec, n *number) (string, error) {
	var sign string
	switch {
	case n.negative:
		sign = "-"
	case spec.sign == '+':
		sign = "+"
	case spec.sign == ' ':
		sign = " "
	}
	nonDigits := len(sign) + len(n.prefix) + utf8.RuneCountInString(n.remainder)
	if n.decimal {
		nonDigits++
	}
	minWidth := 0
	if spec.fill == '0' && spec.align == '=' {
		minWidth = spec.width - nonDigits
	}
	if spec.width > MaxWidth {
		return "", widthError("width", spec.width)
	}
	group, sep := 0, ""
	switch spec.thousands {
	case ',':
		group, sep = 3, ","
	case '_':
		group, sep = 3, "_"
		if spec.typ == 'b' || spec.typ == 'o' || spec.typ == 'x' || spec.typ == 'X' {
			group = 4
		}
	}
	grouped := ""
	if n.digits != "" {
		grouped = groupDigits(n.digits, minWidth, group, sep)
	}
	padding := spec.width - (nonDigits + len(grouped))
	var lpad, spad, rpad int
	if padding > 0 {
		switch spec.align {
		case '<':
			rpad = padding
		case '^':
			lpad = padding / 2
			rpad = padding - lpad
		case '=':
			spad = padding
		default:
			lpad = padding
		}
	}
	var b strings.Builder
	b.Grow(len(sign) + len(n.prefix) + len(grouped) + len(n.remainder) + 1 + max(padding, 0)*utf8.RuneLen(spec.fill))
	writeFill(&b, spec.fill, lpad)
	b.WriteString(sign)
	b.WriteString(n.prefix)
	writeFill(&b, spec.fill, spad)
	b.WriteString(grouped)
	if n.decimal {
		b.WriteByte('.')
	}
	b.WriteString(n.remainder)
	writeFill(&b, spec.fill, rpad)
	return b.String(), nil
}

func writeFill(b *strings.Builder, fill rune, n int) {
	if fill < utf8.RuneSelf {
		for ; n > 0; n-- {
			b.WriteByte(byte(fill))
		}
		return
	}
	for ; n > 0; n-- {
		b.WriteRune(fill)
	}
}

// groupDigits is _PyUnicode_InsertThousandsGrouping: it inserts sep every
// group digits from the right (group 0 = no grouping) and pads with
// zeros, separators included, to at least minWidth characters.
func groupDigits(digits string, minWidth, group int, sep string) string {
	if group == 0 {
		if len(digits) >= minWidth {
			return digits
		}
		return strings.Repeat("0", minWidth-len(digits)) + digits
	}
	var pieces []string
	remaining := len(digits)
	pos := len(digits)
	useSep := false
	for {
		l := min(group, max(remaining, minWidth, 1))
		zeros := max(0, l-remaining)
		chars := max(0, min(remaining, l))
		piece := strings.Repeat("0", zeros) + digits[pos-chars:pos]
		pos -= chars
		if useSep {
			piece += sep
		}
		pieces = append(pieces, piece)
		useSep = true
		remaining -= chars
		minWidth -= l
		if remaining <= 0 && minWidth <= 0 {
			break
		}
		minWidth -= len(sep)
	}
	var b strings.Builder
	for i := len(pieces) - 1; i >= 0; i-- {
		b.WriteString(pieces[i])
	}
	return b.String()
}

// formatStr is format_string_internal.
func formatStr(s string, obj py.Object, specStr string) (string, error) {
	spec, err := parseSpec(obj, specStr, 's', '<')
	if err != nil {
		return "", err
	}
	if spec.typ != 's' {
		return "", unknownPresentation(spec.typ, obj)
	}
	if spec.sign != 0 {
		if spec.sign == ' ' {
			return "", valueError("Space not allowed in string format specifier")
		}
		return "", valueError("Sign not allowed in string format specifier")
	}
	if spec.noNeg0 {
		return "", valueError("Negative zero coercion (z) not allowed in string format specifier")
	}
	if spec.alt {
		return "", valueError("Alternate form (#) not allowed in string format specifier")
	}
	if spec.align == '=' {
		return "", valueError("'=' alignment not allowed in string format specifier")
	}
	return padString(s, spec.width, spec.precision, spec.fill, spec.align)
}

// padString truncates s to precision characters (if >= 0) and pads it
// to width with fill, aligned left, right or centre.
func padString(s string, width, precision int, fill, align rune) (string, error) {
	n := utf8.RuneCountInString(s)
	if precision >= 0 && n > precision {
		i, count := 0, 0
		for count < precision {
			_, size := utf8.DecodeRuneInString(s[i:])
			i += size
			count++
		}
		s, n = s[:i], precision
	}
	if width <= n {
		return s, nil
	}
	if width > MaxWidth {
		return "", widthError("width", width)
	}
	var lpad int
	switch align {
	case '>':
		lpad = width - n
	case '^':
		lpad = (width - n) / 2
	}
	var b strings.Builder
	b.Grow(len(s) + (width-n)*utf8.RuneLen(fill))
	writeFill(&b, fill, lpad)
	b.WriteString(s)
	writeFill(&b, fill, width-n-lpad)
	return b.String(), nil
}

// FormatValue formats one f-string replacement field: conv is "" (none),
// "r", "s" or "a", applied before format(value, spec).
func FormatValue(o py.Object, conv, spec string) (s string, err error) {
	defer recoverPanic(&err)
	return formatValue(o, conv, spec)
}

func formatValue(o py.Object, conv, spec string) (s string, err error) {
	switch conv {
	case "":
	case "r", "s", "a":
		var st reprState
		var c string
		switch conv {
		case "r":
			c, err = st.repr(o)
		case "s":
			c, err = st.str(o)
		default:
			c, err = st.repr(o)
			c = asciiEscape(c)
		}
		if err != nil {
			return "", err
		}
		if spec == "" {
			return c, nil
		}
		return formatStr(c, py.String(c), spec)
	default:
		return "", valueError("Unknown conversion specifier %s", conv)
	}
	return format(o, spec)
}
