package pydatetime

import (
	"math"
	"math/big"
	"strconv"
	"strings"
	"time"

	"github.com/go-python/gpython/py"
)

const maxDeltaDays = 999_999_999

// Timedelta is datetime.timedelta, normalised as CPython stores it:
// 0 <= Secs < 86400, 0 <= Micros < 1e6, |Days| <= 999999999. It is a
// comparable value, so equal deltas are equal Go map keys.
type Timedelta struct {
	Days   int32
	Secs   int32
	Micros int32
}

// TimedeltaType is datetime.timedelta.
var TimedeltaType = &py.Type{
	ObjectType: py.TypeType,
	Name:       "datetime.timedelta",
	Doc:        "Difference between two datetime values.\n\ntimedelta(days=0, seconds=0, microseconds=0, milliseconds=0, minutes=0, hours=0, weeks=0)\n\nAll arguments are optional and default to 0.\nArguments may be integers or floats, and may be positive or negative.",
	Dict:       py.StringDict{},
	Flags:      py.TPFLAGS_BASETYPE,
}

// Type implements py.Object.
func (td Timedelta) Type() *py.Type { return TimedeltaType }

// makeDelta normalises days, seconds and microseconds. The inputs must
// be small enough not to overflow int64 while carrying (callers pass
// sums of normalised fields, or microseconds below ~9e18).
func makeDelta(days, secs, us int64) (Timedelta, error) {
	q, r := floorDivMod64(us, usPerSecond)
	secs += q
	us = r
	q, r = floorDivMod64(secs, secPerDay)
	days += q
	secs = r
	if days < -maxDeltaDays || days > maxDeltaDays {
		if days < math.MinInt32 || days > math.MaxInt32 {
			return Timedelta{}, overflowErrorf("Python int too large to convert to C int")
		}
		return Timedelta{}, overflowErrorf("days=%d; must have magnitude <= %d", days, maxDeltaDays)
	}
	return Timedelta{Days: int32(days), Secs: int32(secs), Micros: int32(us)}, nil
}

var bigUSPerDay = big.NewInt(usPerDay)

// deltaFromBig converts a count of microseconds of any size.
func deltaFromBig(x *big.Int) (Timedelta, error) {
	if x.IsInt64() {
		v := x.Int64()
		q, r := floorDivMod64(v, usPerDay)
		return makeDelta(q, 0, r)
	}
	var q, r big.Int
	q.DivMod(x, bigUSPerDay, &r) // Euclidean: r >= 0, which is floor for a positive divisor
	if !q.IsInt64() || q.Int64() < math.MinInt32 || q.Int64() > math.MaxInt32 {
		return Timedelta{}, overflowErrorf("Python int too large to convert to C int")
	}
	return makeDelta(q.Int64(), 0, r.Int64())
}

// micros returns the total microseconds when they fit in an int64
// (|days| up to about 106751).
func (td Timedelta) micros() (int64, bool) {
	if td.Days > 106_750 || td.Days < -106_750 {
		x := td.bigMicros()
		return x.Int64(), x.IsInt64()
	}
	return int64(td.Days)*usPerDay + int64(td.Secs)*usPerSecond + int64(td.Micros), true
}

func (td Timedelta) bigMicros() *big.Int {
	if td.Days <= 106_750 && td.Days >= -106_750 {
		v, _ := td.micros()
		return big.NewInt(v)
	}
	x := big.NewInt(int64(td.Days))
	x.Mul(x, bigUSPerDay)
	return x.Add(x, big.NewInt(int64(td.Secs)*usPerSecond+int64(td.Micros)))
}

// NewTimedelta converts a Go duration to a datetime.timedelta (truncated
// to microseconds toward zero, as a Duration's nanoseconds have no
// Python counterpart).
func NewTimedelta(d time.Duration) py.Object {
	td, _ := makeDelta(0, 0, int64(d/time.Microsecond)) // |d| < 292 years: always in range
	return td
}

// NewTimedeltaDSU builds timedelta(days, seconds, microseconds) from
// fields of any sign; it fails only when the result is out of range.
func NewTimedeltaDSU(days, seconds, microseconds int64) (py.Object, error) {
	x := big.NewInt(days)
	x.Mul(x, bigUSPerDay)
	x.Add(x, new(big.Int).Mul(big.NewInt(seconds), big.NewInt(usPerSecond)))
	x.Add(x, big.NewInt(microseconds))
	td, err := deltaFromBig(x)
	if err != nil {
		return nil, err
	}
	return td, nil
}

// ToDuration converts a datetime.timedelta to a Go duration; ok is false
// for other objects and for deltas beyond a Duration's ±292 years.
func ToDuration(o py.Object) (time.Duration, bool) {
	td, ok := o.(Timedelta)
	if !ok {
		return 0, false
	}
	us, ok := td.micros()
	if !ok || us > math.MaxInt64/1000 || us < math.MinInt64/1000 {
		return 0, false
	}
	return time.Duration(us) * time.Microsecond, true
}

// tdArgNames is the constructor's positional order; tdAccumOrder is the
// order CPython accumulates them in (it matters for float rounding).
var tdArgNames = []string{"days", "seconds", "microseconds", "milliseconds", "minutes", "hours", "weeks"}

var tdAccumOrder = [...]struct {
	idx    int
	factor int64
}{{2, 1}, {3, 1000}, {1, usPerSecond}, {4, 60 * usPerSecond}, {5, 3600 * usPerSecond}, {0, usPerDay}, {6, 7 * usPerDay}}

func timedeltaNew(_ *py.Type, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	var vals [7]py.Object
	if err := parseArgs("__new__", args, kwargs, tdArgNames, 0, 7, vals[:]); err != nil {
		return nil, err
	}
	// Fast path: small integers only, exact in int64.
	small := true
	for i, v := range vals {
		switch n := v.(type) {
		case nil, py.Bool:
		case py.Int:
			if n > 1e9 || n < -1e9 {
				small = false
			}
		case py.Float:
			small = false
		default:
			return nil, typeErrorf("unsupported type for timedelta %s component: %s", tdArgNames[i], typeName(v))
		}
	}
	if small {
		iv := func(i int) int64 {
			switch n := vals[i].(type) {
			case py.Int:
				return int64(n)
			case py.Bool:
				if n {
					return 1
				}
			}
			return 0
		}
		days := iv(0) + 7*iv(6)
		us := iv(2) + 1000*iv(3) + usPerSecond*iv(1) + 60*usPerSecond*iv(4) + 3600*usPerSecond*iv(5)
		td, err := makeDelta(days, 0, us)
		if err != nil {
			return nil, err
		}
		return td, nil
	}
	sum := new(big.Int)
	leftover := 0.0
	for _, a := range tdAccumOrder {
		v := vals[a.idx]
		factor := big.NewInt(a.factor)
		switch n := v.(type) {
		case nil:
		case py.Int:
			sum.Add(sum, new(big.Int).Mul(big.NewInt(int64(n)), factor))
		case py.Bool:
			if n {
				sum.Add(sum, factor)
			}
		case *py.BigInt:
			sum.Add(sum, new(big.Int).Mul((*big.Int)(n), factor))
		case py.Float:
			f := float64(n)
			if math.IsNaN(f) {
				return nil, valueErrorf("cannot convert float NaN to integer")
			}
			if math.IsInf(f, 0) {
				return nil, overflowErrorf("cannot convert float infinity to integer")
			}
			ip, fp := math.Modf(f)
			whole, _ := new(big.Float).SetFloat64(ip).Int(nil)
			sum.Add(sum, whole.Mul(whole, factor))
			if fp == 0 {
				continue
			}
			ip2, fp2 := math.Modf(float64(a.factor) * fp)
			sum.Add(sum, big.NewInt(int64(ip2)))
			leftover += fp2
		}
	}
	if leftover != 0 {
		// Round half to even on the whole sum, as CPython does.
		whole := math.Round(leftover)
		if math.Abs(whole-leftover) == 0.5 {
			odd := float64(sum.Bit(0))
			whole = 2*math.Round((leftover+odd)*0.5) - odd
		}
		sum.Add(sum, big.NewInt(int64(whole)))
	}
	td, err := deltaFromBig(sum)
	if err != nil {
		return nil, err
	}
	return td, nil
}

// TotalSeconds is timedelta.total_seconds(): the microseconds divided by
// 1e6, correctly rounded.
func (td Timedelta) TotalSeconds() float64 {
	if us, ok := td.micros(); ok && us <= 1<<53 && us >= -(1<<53) {
		return float64(us) / 1e6
	}
	f, _ := new(big.Rat).SetFrac(td.bigMicros(), big.NewInt(usPerSecond)).Float64()
	return f
}

func (td Timedelta) String() string {
	var b strings.Builder
	if td.Days != 0 {
		b.WriteString(strconv.Itoa(int(td.Days)))
		if td.Days == 1 || td.Days == -1 {
			b.WriteString(" day, ")
		} else {
			b.WriteString(" days, ")
		}
	}
	s := int(td.Secs)
	b.WriteString(strconv.Itoa(s / 3600))
	b.WriteByte(':')
	b.WriteString(pad2(s / 60 % 60))
	b.WriteByte(':')
	b.WriteString(pad2(s % 60))
	if td.Micros != 0 {
		b.WriteByte('.')
		b.WriteString(padN(int(td.Micros), 6))
	}
	return b.String()
}

func (td Timedelta) repr() string {
	var parts []string
	if td.Days != 0 {
		parts = append(parts, "days="+strconv.Itoa(int(td.Days)))
	}
	if td.Secs != 0 {
		parts = append(parts, "seconds="+strconv.Itoa(int(td.Secs)))
	}
	if td.Micros != 0 {
		parts = append(parts, "microseconds="+strconv.Itoa(int(td.Micros)))
	}
	if len(parts) == 0 {
		return "datetime.timedelta(0)"
	}
	return "datetime.timedelta(" + strings.Join(parts, ", ") + ")"
}

func (td Timedelta) M__str__() (py.Object, error)  { return py.String(td.String()), nil }
func (td Timedelta) M__repr__() (py.Object, error) { return py.String(td.repr()), nil }

func (td Timedelta) M__format__(spec py.Object) (py.Object, error) {
	return objectFormat(td, spec)
}

// objectFormat is object.__format__: an empty spec gives str(self).
func objectFormat(o py.Object, spec py.Object) (py.Object, error) {
	s, err := strArg("__format__", 1, spec)
	if err != nil {
		return nil, err
	}
	if s != "" {
		return nil, typeErrorf("unsupported format string passed to %s.__format__", typeName(o))
	}
	return py.Str(o)
}

func (td Timedelta) M__bool__() (py.Object, error) { return boolObj(td != Timedelta{}), nil }

func (td Timedelta) M__hash__() (py.Object, error) {
	return py.Int(int64(td.Days)*usPerDay + int64(td.Secs)*usPerSecond + int64(td.Micros)), nil
}

func (td Timedelta) neg() (Timedelta, error) {
	return makeDelta(-int64(td.Days), -int64(td.Secs), -int64(td.Micros))
}

func (td Timedelta) add(o Timedelta) (Timedelta, error) {
	return makeDelta(int64(td.Days)+int64(o.Days), int64(td.Secs)+int64(o.Secs), int64(td.Micros)+int64(o.Micros))
}

func (td Timedelta) sub(o Timedelta) (Timedelta, error) {
	return makeDelta(int64(td.Days)-int64(o.Days), int64(td.Secs)-int64(o.Secs), int64(td.Micros)-int64(o.Micros))
}

func (td Timedelta) cmp(o Timedelta) int {
	switch {
	case td.Days != o.Days:
		return sign(int64(td.Days) - int64(o.Days))
	case td.Secs != o.Secs:
		return sign(int64(td.Secs) - int64(o.Secs))
	default:
		return sign(int64(td.Micros) - int64(o.Micros))
	}
}

func sign(v int64) int {
	switch {
	case v < 0:
		return -1
	case v > 0:
		return 1
	}
	return 0
}

func result(td Timedelta, err error) (py.Object, error) {
	if err != nil {
		return nil, err
	}
	return td, nil
}

func (td Timedelta) M__neg__() (py.Object, error) { return result(td.neg()) }
func (td Timedelta) M__pos__() (py.Object, error) { return td, nil }
func (td Timedelta) M__abs__() (py.Object, error) {
	if td.Days < 0 {
		return result(td.neg())
	}
	return td, nil
}

func (td Timedelta) M__add__(other py.Object) (py.Object, error) {
	switch o := other.(type) {
	case Timedelta:
		return result(td.add(o))
	case Date:
		return o.M__add__(td)
	case Datetime:
		return o.M__add__(td)
	}
	return py.NotImplemented, nil
}

func (td Timedelta) M__radd__(other py.Object) (py.Object, error) { return td.M__add__(other) }

func (td Timedelta) M__sub__(other py.Object) (py.Object, error) {
	if o, ok := other.(Timedelta); ok {
		return result(td.sub(o))
	}
	return py.NotImplemented, nil
}

func (td Timedelta) M__rsub__(other py.Object) (py.Object, error) {
	if o, ok := other.(Timedelta); ok {
		return result(o.sub(td))
	}
	return py.NotImplemented, nil
}

// intOperand accepts the int types timedelta arithmetic takes.
func intOperand(o py.Object) (*big.Int, bool) {
	switch n := o.(type) {
	case py.Int:
		return big.NewInt(int64(n)), true
	case py.Bool:
		if n {
			return big.NewInt(1), true
		}
		return big.NewInt(0), true
	case *py.BigInt:
		return (*big.Int)(n), true
	}
	return nil, false
}

// floatRatio is float.as_integer_ratio() with its errors.
func floatRatio(f float64) (num, den *big.Int, err error) {
	if math.IsNaN(f) {
		return nil, nil, valueErrorf("cannot convert NaN to integer ratio")
	}
	if math.IsInf(f, 0) {
		return nil, nil, overflowErrorf("cannot convert Infinity to integer ratio")
	}
	r := new(big.Rat).SetFloat64(f)
	return new(big.Int).Set(r.Num()), new(big.Int).Set(r.Denom()), nil
}

// divNearest is a / b rounded half to even (CPython's divide_nearest).
func divNearest(a, b *big.Int) (*big.Int, error) {
	if b.Sign() == 0 {
		return nil, py.ExceptionNewf(py.ZeroDivisionError, "integer division or modulo by zero")
	}
	q, r := floorDivModBig(a, b)
	twice := new(big.Int).Lsh(r, 1)
	c := twice.Cmp(b)
	if b.Sign() < 0 {
		c = -c
	}
	if c > 0 || (c == 0 && q.Bit(0) == 1) {
		q.Add(q, big.NewInt(1))
	}
	return q, nil
}

// floorDivModBig is Python's divmod on ints.
func floorDivModBig(a, b *big.Int) (*big.Int, *big.Int) {
	q, r := new(big.Int).QuoRem(a, b, new(big.Int))
	if r.Sign() != 0 && (r.Sign() < 0) != (b.Sign() < 0) {
		q.Sub(q, big.NewInt(1))
		r.Add(r, b)
	}
	return q, r
}

func intObject(x *big.Int) py.Object {
	if x.IsInt64() {
		return py.Int(x.Int64())
	}
	return (*py.BigInt)(new(big.Int).Set(x))
}

func (td Timedelta) M__mul__(other py.Object) (py.Object, error) {
	if n, ok := intOperand(other); ok {
		if us, fits := td.micros(); fits && n.IsInt64() {
			if v := n.Int64(); v == 0 || (v <= 1<<20 && v >= -(1<<20) && us <= 1<<42 && us >= -(1<<42)) {
				q, r := floorDivMod64(us*v, usPerDay)
				return result(makeDelta(q, 0, r))
			}
		}
		return result(deltaFromBig(new(big.Int).Mul(td.bigMicros(), n)))
	}
	if f, ok := other.(py.Float); ok {
		num, den, err := floatRatio(float64(f))
		if err != nil {
			return nil, err
		}
		q, err := divNearest(new(big.Int).Mul(td.bigMicros(), num), den)
		if err != nil {
			return nil, err
		}
		return result(deltaFromBig(q))
	}
	return py.NotImplemented, nil
}

func (td Timedelta) M__rmul__(other py.Object) (py.Object, error) { return td.M__mul__(other) }

func (td Timedelta) M__truediv__(other py.Object) (py.Object, error) {
	switch o := other.(type) {
	case Timedelta:
		if o == (Timedelta{}) {
			return nil, py.ExceptionNewf(py.ZeroDivisionError, "division by zero")
		}
		if a, ok := td.micros(); ok && a <= 1<<53 && a >= -(1<<53) {
			if b, ok := o.micros(); ok && b <= 1<<53 && b >= -(1<<53) {
				return py.Float(float64(a) / float64(b)), nil
			}
		}
		f, _ := new(big.Rat).SetFrac(td.bigMicros(), o.bigMicros()).Float64()
		return py.Float(f), nil
	case py.Float:
		num, den, err := floatRatio(float64(o))
		if err != nil {
			return nil, err
		}
		q, err := divNearest(new(big.Int).Mul(td.bigMicros(), den), num)
		if err != nil {
			return nil, err
		}
		return result(deltaFromBig(q))
	}
	if n, ok := intOperand(other); ok {
		q, err := divNearest(td.bigMicros(), n)
		if err != nil {
			return nil, err
		}
		return result(deltaFromBig(q))
	}
	return py.NotImplemented, nil
}

func (td Timedelta) M__floordiv__(other py.Object) (py.Object, error) {
	if o, ok := other.(Timedelta); ok {
		if o == (Timedelta{}) {
			return nil, py.ExceptionNewf(py.ZeroDivisionError, "integer division or modulo by zero")
		}
		q, _ := floorDivModBig(td.bigMicros(), o.bigMicros())
		return intObject(q), nil
	}
	if n, ok := intOperand(other); ok {
		if n.Sign() == 0 {
			return nil, py.ExceptionNewf(py.ZeroDivisionError, "integer division or modulo by zero")
		}
		q, _ := floorDivModBig(td.bigMicros(), n)
		return result(deltaFromBig(q))
	}
	return py.NotImplemented, nil
}

func (td Timedelta) M__mod__(other py.Object) (py.Object, error) {
	o, ok := other.(Timedelta)
	if !ok {
		return py.NotImplemented, nil
	}
	if o == (Timedelta{}) {
		return nil, py.ExceptionNewf(py.ZeroDivisionError, "integer division or modulo by zero")
	}
	_, r := floorDivModBig(td.bigMicros(), o.bigMicros())
	return result(deltaFromBig(r))
}

func (td Timedelta) M__divmod__(other py.Object) (py.Object, py.Object, error) {
	o, ok := other.(Timedelta)
	if !ok {
		// No other type divides a timedelta, so say it as CPython does.
		return nil, nil, typeErrorf("unsupported operand type(s) for divmod(): '%s' and '%s'", typeName(td), typeName(other))
	}
	if o == (Timedelta{}) {
		return nil, nil, py.ExceptionNewf(py.ZeroDivisionError, "integer division or modulo by zero")
	}
	q, r := floorDivModBig(td.bigMicros(), o.bigMicros())
	rd, err := deltaFromBig(r)
	if err != nil {
		return nil, nil, err
	}
	return intObject(q), rd, nil
}

// compareError is CPython's message for ordering against a foreign type.
func compareError(op string, a, b py.Object) error {
	return typeErrorf("'%s' not supported between instances of '%s' and '%s'", op, typeName(a), typeName(b))
}

func (td Timedelta) order(op string, other py.Object, test func(int) bool) (py.Object, error) {
	o, ok := other.(Timedelta)
	if !ok {
		return nil, compareError(op, td, other)
	}
	return boolObj(test(td.cmp(o))), nil
}

func (td Timedelta) M__eq__(other py.Object) (py.Object, error) {
	o, ok := other.(Timedelta)
	return boolObj(ok && td == o), nil
}

func (td Timedelta) M__ne__(other py.Object) (py.Object, error) {
	o, ok := other.(Timedelta)
	return boolObj(!ok || td != o), nil
}

func (td Timedelta) M__lt__(other py.Object) (py.Object, error) {
	return td.order("<", other, func(c int) bool { return c < 0 })
}

func (td Timedelta) M__le__(other py.Object) (py.Object, error) {
	return td.order("<=", other, func(c int) bool { return c <= 0 })
}

func (td Timedelta) M__gt__(other py.Object) (py.Object, error) {
	return td.order(">", other, func(c int) bool { return c > 0 })
}

func (td Timedelta) M__ge__(other py.Object) (py.Object, error) {
	return td.order(">=", other, func(c int) bool { return c >= 0 })
}

func pad2(v int) string { return padN(v, 2) }

// padN zero-pads a non-negative v to n digits.
func padN(v, n int) string {
	var buf [24]byte
	return string(appendPadded(buf[:0], v, n))
}

func appendPadded(dst []byte, v, n int) []byte {
	var buf [20]byte
	i := len(buf)
	for {
		i--
		buf[i] = byte('0' + v%10)
		v /= 10
		if v == 0 {
			break
		}
	}
	for k := len(buf) - i; k < n; k++ {
		dst = append(dst, '0')
	}
	return append(dst, buf[i:]...)
}

func setupTimedelta() {
	t := TimedeltaType
	t.New = timedeltaNew
	t.Dict["days"] = &py.Property{Fget: func(self py.Object) (py.Object, error) { return py.Int(self.(Timedelta).Days), nil }}
	t.Dict["seconds"] = &py.Property{Fget: func(self py.Object) (py.Object, error) { return py.Int(self.(Timedelta).Secs), nil }}
	t.Dict["microseconds"] = &py.Property{Fget: func(self py.Object) (py.Object, error) { return py.Int(self.(Timedelta).Micros), nil }}
	addMethod(t, "total_seconds", "Total seconds in the duration.", func(td Timedelta, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		if err := noArgs("timedelta.total_seconds", args, kwargs); err != nil {
			return nil, err
		}
		return py.Float(td.TotalSeconds()), nil
	})
	t.Dict["min"] = Timedelta{Days: -maxDeltaDays}
	t.Dict["max"] = Timedelta{Days: maxDeltaDays, Secs: secPerDay - 1, Micros: usPerSecond - 1}
	t.Dict["resolution"] = Timedelta{Micros: 1}
}
