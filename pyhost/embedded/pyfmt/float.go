package pyfmt

import (
	"math"
	"strconv"
)

// Flags of doubleToString, named after CPython's Py_DTSF_* flags.
const (
	dtsfSign    = 1 << iota // always write a sign
	dtsfAddDot0             // write "1.0", not "1", when the result looks like an int
	dtsfAlt                 // '#': keep the point and trailing zeros
	dtsfNoNeg0              // 'z': "-0.0" becomes "0.0"
)

// decimalDigits returns |x| as a digit string without leading or
// trailing zeros ("0" for zero) and the position of the decimal point
// relative to its start (value = 0.DIGITS × 10**decpt), which is what
// David Gay's dtoa gives CPython. mode is dtoa's: 0 = shortest
// round-trip, 2 = ndigits significant digits, 3 = ndigits after the
// point. strconv rounds the exact binary value half-to-even, like dtoa,
// so format(2.675, '.2f') == '2.67' on both.
func decimalDigits(x float64, mode, ndigits int) (string, int) {
	var buf [32]byte
	var s []byte
	x = math.Abs(x)
	switch mode {
	case 0, 2:
		prec := -1
		if mode == 2 {
			prec = ndigits - 1
		}
		s = strconv.AppendFloat(buf[:0], x, 'e', prec, 64)
		e := len(s) - 1
		for s[e] != 'e' {
			e--
		}
		exp, _ := strconv.Atoi(string(s[e+1:]))
		digits := make([]byte, 0, e)
		for _, c := range s[:e] {
			if c != '.' {
				digits = append(digits, c)
			}
		}
		return trimDigits(digits, exp+1)
	default:
		s = strconv.AppendFloat(buf[:0], x, 'f', ndigits, 64)
		decpt := len(s)
		digits := make([]byte, 0, len(s))
		for i, c := range s {
			if c == '.' {
				decpt = i
				continue
			}
			digits = append(digits, c)
		}
		return trimDigits(digits, decpt)
	}
}

func trimDigits(digits []byte, decpt int) (string, int) {
	i := 0
	for i < len(digits) && digits[i] == '0' {
		i++
	}
	j := len(digits)
	for j > i && digits[j-1] == '0' {
		j--
	}
	if i == j {
		return "0", 1
	}
	return string(digits[i:j]), decpt - i
}

// doubleToString is CPython's PyOS_double_to_string: code is one of
// e E f F g G r ('r' = repr, precision must be 0).
func doubleToString(x float64, code byte, precision int, flags int) string {
	lower := code | 0x20
	upper := code != lower
	mode := 0
	switch lower {
	case 'e':
		mode = 2
		precision++
	case 'f':
		mode = 3
	case 'g':
		mode = 2
		if precision == 0 {
			precision = 1
		}
	}
	alwaysSign := flags&dtsfSign != 0
	addDot0 := flags&dtsfAddDot0 != 0
	alt := flags&dtsfAlt != 0

	out := make([]byte, 0, 24)
	neg := math.Signbit(x)
	if math.IsNaN(x) || math.IsInf(x, 0) {
		if math.IsNaN(x) {
			neg = false
		}
		if neg {
			out = append(out, '-')
		} else if alwaysSign {
			out = append(out, '+')
		}
		word := "inf"
		if math.IsNaN(x) {
			word = "nan"
		}
		if upper {
			word = map[string]string{"inf": "INF", "nan": "NAN"}[word]
		}
		return string(append(out, word...))
	}

	digits, decpt := decimalDigits(x, mode, precision)
	if flags&dtsfNoNeg0 != 0 && neg && digits == "0" {
		neg = false
	}
	nd := len(digits)

	// Output the slice vdigits[vstart:vend] of the digit string padded
	// with zeros on both sides, as format_float_short does.
	vend := nd
	useExp := false
	switch lower {
	case 'e':
		useExp = true
		vend = precision
	case 'f':
		vend = decpt + precision
	case 'g':
		limit := precision
		if addDot0 {
			limit = precision - 1
		}
		if decpt <= -4 || decpt > limit {
			useExp = true
		}
		if alt {
			vend = precision
		}
	case 'r':
		if decpt <= -4 || decpt > 16 {
			useExp = true
		}
	}
	exp := 0
	if useExp {
		exp = decpt - 1
		decpt = 1
	}
	vstart := 0
	if decpt <= 0 {
		vstart = decpt - 1
	}
	if !useExp && addDot0 {
		vend = max(vend, decpt+1)
	} else {
		vend = max(vend, decpt)
	}

	if neg {
		out = append(out, '-')
	} else if alwaysSign {
		out = append(out, '+')
	}
	if decpt <= 0 {
		out = appendZeros(out, decpt-vstart)
		out = append(out, '.')
		out = appendZeros(out, -decpt)
	} else {
		out = appendZeros(out, -vstart)
	}
	if 0 < decpt && decpt <= nd {
		out = append(out, digits[:decpt]...)
		out = append(out, '.')
		out = append(out, digits[decpt:]...)
	} else {
		out = append(out, digits...)
	}
	if nd < decpt {
		out = appendZeros(out, decpt-nd)
		out = append(out, '.')
		out = appendZeros(out, vend-decpt)
	} else {
		out = appendZeros(out, vend-nd)
	}
	if out[len(out)-1] == '.' && !alt {
		out = out[:len(out)-1]
	}
	if useExp {
		if upper {
			out = append(out, 'E')
		} else {
			out = append(out, 'e')
		}
		if exp < 0 {
			out = append(out, '-')
			exp = -exp
		} else {
			out = append(out, '+')
		}
		if exp < 10 {
			out = append(out, '0')
		}
		out = strconv.AppendInt(out, int64(exp), 10)
	}
	return string(out)
}

func appendZeros(b []byte, n int) []byte {
	for ; n > 0; n-- {
		b = append(b, '0')
	}
	return b
}

// floatRepr is repr(float) and str(float).
func floatRepr(x float64) string {
	return doubleToString(x, 'r', 0, dtsfAddDot0)
}
