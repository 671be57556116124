package compat

import (
	"math"
	"math/big"
	"math/bits"
	"reflect"
	"strconv"
	"unsafe"

	"github.com/go-python/gpython/py"
)

// mrAdd is CPython's a + b. The source pre-pass rewrites every binary +
// into __mr_add__(a, b) because gpython's Tuple.M__add__ copies the
// right operand to the wrong offset ((1, 2) + (3,) gives (1, 3, <nil>)),
// and because gpython ignores __add__ defined in Python.
func mrAdd(a, b py.Object) (py.Object, error) {
	if a == nil || b == nil {
		return nil, errNil("+")
	}
	// gpython's bool has no arithmetic (True + True is a TypeError):
	// between numbers it is the int 0 or 1, as in CPython.
	if _, ok := toNumber(a); ok {
		if _, ok := toNumber(b); ok {
			a, b = boolToInt(a), boolToInt(b)
		}
	}
	switch x := a.(type) {
	case py.Tuple:
		if y, ok := b.(py.Tuple); ok {
			out := make(py.Tuple, 0, len(x)+len(y))
			out = append(out, x...)
			return append(out, y...), nil
		}
		if userInstance(b) == nil {
			return nil, typeErrorf("can only concatenate tuple (not \"%s\") to tuple", typeName(b))
		}
	case *py.List:
		if y, ok := b.(*py.List); ok {
			items := make([]py.Object, 0, len(x.Items)+len(y.Items))
			items = append(items, x.Items...)
			return &py.List{Items: append(items, y.Items...)}, nil
		}
		if userInstance(b) == nil {
			return nil, typeErrorf("can only concatenate list (not \"%s\") to list", typeName(b))
		}
	case py.String:
		if y, ok := b.(py.String); ok {
			return x + y, nil
		}
		if userInstance(b) == nil {
			return nil, typeErrorf("can only concatenate str (not \"%s\") to str", typeName(b))
		}
	case py.Int:
		if y, ok := b.(py.Int); ok {
			if s := x + y; (s > x) == (y > 0) {
				return s, nil
			}
		}
	}
	if userInstance(a) != nil || userInstance(b) != nil {
		return userBinary(a, b, "__add__", "__radd__", "+")
	}
	return py.Add(a, b)
}

func boolToInt(o py.Object) py.Object {
	if b, ok := o.(py.Bool); ok {
		if b {
			return py.Int(1)
		}
		return py.Int(0)
	}
	return o
}

// userBinary calls a Python-defined binary operator and its reflected
// form, then falls back to gpython for Go operands.
func userBinary(a, b py.Object, name, rname, symbol string) (py.Object, error) {
	if res, found, err := callUserSpecial(a, name, b); found {
		if err != nil {
			return nil, err
		}
		if res != py.NotImplemented {
			return res, nil
		}
	}
	if res, found, err := callUserSpecial(b, rname, a); found {
		if err != nil {
			return nil, err
		}
		if res != py.NotImplemented {
			return res, nil
		}
	}
	if userInstance(a) == nil {
		if res, err := py.Add(a, b); err == nil {
			return res, nil
		}
	}
	return nil, typeErrorf("unsupported operand type(s) for %s: '%s' and '%s'", symbol, typeName(a), typeName(b))
}

// mrIAdd is CPython's x += y; the pre-pass turns `x += y` into
// `x = __mr_iadd__(x, y)`. A list is extended in place with any
// iterable and returned; a tuple gives a new tuple.
func mrIAdd(a, b py.Object) (py.Object, error) {
	if a == nil || b == nil {
		return nil, errNil("+=")
	}
	switch x := a.(type) {
	case *py.List:
		if y, ok := b.(*py.List); ok {
			x.Items = append(x.Items, y.Items...)
			return x, nil
		}
		items, err := toSlice(b)
		if err != nil {
			if py.IsException(py.TypeError, err) {
				return nil, typeErrorf("'%s' object is not iterable", typeName(b))
			}
			return nil, err
		}
		x.Items = append(x.Items, items...)
		return x, nil
	case py.Tuple, py.String, py.Int:
		return mrAdd(a, b)
	}
	if userInstance(a) != nil {
		if res, found, err := callUserSpecial(a, "__iadd__", b); found {
			if err != nil {
				return nil, err
			}
			if res != py.NotImplemented {
				return res, nil
			}
		}
		return mrAdd(a, b)
	}
	if userInstance(b) != nil {
		return mrAdd(a, b)
	}
	return py.IAdd(a, b)
}

// builtinRound is round(number, ndigits=None) with CPython's results:
// banker's rounding to an int without ndigits, correctly rounded
// decimal rounding of the exact binary value with it (round(2.675, 2)
// is 2.67 because 2.675 is stored as 2.67499...).
func builtinRound(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	var number, ndigits py.Object
	if err := (argParser{fname: "round", names: []string{"number", "ndigits"}, nreq: 1}).parse(args, kwargs, &number, &ndigits); err != nil {
		return nil, err
	}
	if ndigits == py.None {
		ndigits = nil
	}
	n := 0
	if ndigits != nil {
		v, err := asIndex(ndigits, "ndigits")
		if err != nil {
			return nil, err
		}
		n = v
	}
	switch x := number.(type) {
	case py.Float:
		if ndigits == nil {
			return floatToInt(math.RoundToEven(float64(x)))
		}
		return py.Float(roundFloat(float64(x), n)), nil
	case py.Int, py.Bool, *py.BigInt:
		if ndigits == nil || n >= 0 {
			if b, ok := x.(py.Bool); ok {
				if b {
					return py.Int(1), nil
				}
				return py.Int(0), nil
			}
			return x, nil
		}
		num, _ := toNumber(x)
		return bigToInt(roundBigInt(num.bigInt(), -n)), nil
	}
	if res, found, err := callUserSpecial(number, "__round__", optArgs(ndigits)...); found {
		return res, err
	}
	if r, ok := number.(py.I__round__); ok {
		if ndigits == nil {
			return r.M__round__(py.None)
		}
		return r.M__round__(ndigits)
	}
	return nil, typeErrorf("type %s doesn't define __round__ method", typeName(number))
}

func optArgs(o py.Object) []py.Object {
	if o == nil {
		return nil
	}
	return []py.Object{o}
}

// floatToInt converts an integral float to int (a big int if needed).
func floatToInt(f float64) (py.Object, error) {
	switch {
	case math.IsNaN(f):
		return nil, valueErrorf("cannot convert float NaN to integer")
	case math.IsInf(f, 0):
		return nil, py.ExceptionNewf(py.OverflowError, "cannot convert float infinity to integer")
	}
	if f >= -(1<<63) && f < 1<<63 {
		return py.Int(int64(f)), nil
	}
	b, _ := new(big.Float).SetFloat64(f).Int(nil)
	return (*py.BigInt)(b), nil
}

// bigToInt returns a gpython int, small when it fits.
func bigToInt(b *big.Int) py.Object {
	if b.IsInt64() {
		return py.Int(b.Int64())
	}
	return (*py.BigInt)(b)
}

// uintToInt returns a gpython int for an unsigned value.
func uintToInt(u uint64) py.Object {
	if u <= math.MaxInt64 {
		return py.Int(int64(u))
	}
	return (*py.BigInt)(new(big.Int).SetUint64(u))
}

// roundFloat rounds x to n decimal places, correctly rounded from the
// exact binary value with ties to even, as CPython's float.__round__.
func roundFloat(x float64, n int) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) || x == 0 {
		return x
	}
	if n > 323 {
		return x
	}
	if n >= 0 {
		r, err := strconv.ParseFloat(strconv.FormatFloat(x, 'f', n, 64), 64)
		if err != nil {
			return x
		}
		return r
	}
	if n < -308 {
		return math.Copysign(0, x)
	}
	r := new(big.Rat).SetFloat64(x)
	scale := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(-n)), nil)
	q := new(big.Rat).Quo(r, new(big.Rat).SetInt(scale))
	rounded := ratRoundEven(q)
	f, _ := new(big.Rat).SetInt(rounded.Mul(rounded, scale)).Float64()
	return math.Copysign(f, x)
}

// ratRoundEven rounds a rational to the nearest integer, ties to even.
func ratRoundEven(q *big.Rat) *big.Int {
	num, den := q.Num(), q.Denom()
	quo, rem := new(big.Int).QuoRem(num, den, new(big.Int))
	twice := new(big.Int).Abs(rem)
	twice.Lsh(twice, 1)
	switch c := twice.Cmp(den); {
	case c > 0, c == 0 && quo.Bit(0) == 1:
		if num.Sign() < 0 {
			quo.Sub(quo, big.NewInt(1))
		} else {
			quo.Add(quo, big.NewInt(1))
		}
	}
	return quo
}

// roundBigInt rounds an integer to a multiple of 10**k, ties to even.
func roundBigInt(v *big.Int, k int) *big.Int {
	scale := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(k)), nil)
	q := ratRoundEven(new(big.Rat).SetFrac(v, scale))
	return q.Mul(q, scale)
}

// hashModulus is CPython's numeric hash modulus 2**61 - 1.
const hashModulus = 1<<61 - 1

// hashObject is hash(o) with CPython's values for numbers and tuples
// (hash(1) == hash(1.0) == hash(True), hash((1, 2)) as in CPython) and a
// stable value-based hash for str and bytes (CPython's is randomised
// per process anyway). Unhashable built-ins raise TypeError.
func hashObject(o py.Object) (int64, error) {
	switch x := o.(type) {
	case nil:
		return 0, errNil("hash()")
	case py.Int:
		return hashInt(big.NewInt(int64(x))), nil
	case py.Bool:
		if x {
			return 1, nil
		}
		return 0, nil
	case *py.BigInt:
		return hashInt((*big.Int)(x)), nil
	case py.Float:
		return hashFloat(float64(x)), nil
	case py.String:
		return hashBytes([]byte(x)), nil
	case py.Bytes:
		return hashBytes(x), nil
	case py.NoneType:
		return 0x5e0f3a7c1d2b, nil
	case py.Tuple:
		return hashTuple(x)
	case *py.FrozenSet:
		items, _ := setItems(x)
		return hashFrozenSet(items)
	case *py.List, py.StringDict, *py.Set, *transTable:
		return 0, typeErrorf("unhashable type: '%s'", typeName(o))
	}
	if inst := userInstance(o); inst != nil {
		cls := inst.Type()
		fn := userSpecial(cls, "__hash__")
		if fn == py.None || (fn == nil && userSpecial(cls, "__eq__") != nil) {
			return 0, typeErrorf("unhashable type: '%s'", cls.Name)
		}
		if fn != nil {
			res, err := py.Call(fn, py.Tuple{o}, nil)
			if err != nil {
				return 0, err
			}
			switch r := res.(type) {
			case py.Int:
				if r == -1 {
					return -2, nil
				}
				return int64(r), nil
			case *py.BigInt, py.Bool:
				return hashObject(r)
			}
			return 0, typeErrorf("__hash__ method should return an integer")
		}
	}
	if h, ok := o.(py.I__hash__); ok {
		res, err := h.M__hash__()
		if err != nil {
			return 0, err
		}
		i, err := py.Index(res)
		if err != nil {
			return 0, typeErrorf("__hash__ method should return an integer")
		}
		return int64(i), nil
	}
	return int64(objectID(o) >> 4), nil
}

// hashInt is CPython's integer hash: the value modulo 2**61 - 1 with the
// sign kept, -1 mapped to -2.
func hashInt(v *big.Int) int64 {
	m := new(big.Int).Abs(v)
	m.Mod(m, big.NewInt(hashModulus))
	h := m.Int64()
	if v.Sign() < 0 {
		h = -h
	}
	if h == -1 {
		h = -2
	}
	return h
}

// hashFloat is CPython's float hash: a float equal to an int hashes as
// that int; otherwise m/2**k hashes as m * inverse(2**k) modulo P.
func hashFloat(f float64) int64 {
	switch {
	case math.IsInf(f, 1):
		return 314159
	case math.IsInf(f, -1):
		return -314159
	case math.IsNaN(f):
		return 0
	}
	r := new(big.Rat).SetFloat64(f)
	num := new(big.Int).Abs(r.Num())
	p := big.NewInt(hashModulus)
	inv := new(big.Int).ModInverse(new(big.Int).Mod(r.Denom(), p), p)
	h := num.Mul(num, inv)
	h.Mod(h, p)
	v := h.Int64()
	if f < 0 {
		v = -v
	}
	if v == -1 {
		v = -2
	}
	return v
}

// hashBytes is FNV-1a over the bytes, so equal ASCII str and bytes hash
// alike, as in CPython.
func hashBytes(b []byte) int64 {
	h := uint64(14695981039346656037)
	for _, c := range b {
		h ^= uint64(c)
		h *= 1099511628211
	}
	v := int64(h)
	if v == -1 {
		v = -2
	}
	return v
}

// hashTuple is CPython 3.8+'s xxHash-based tuple hash.
func hashTuple(t py.Tuple) (int64, error) {
	const (
		prime1 = 11400714785074694791
		prime2 = 14029467366897019727
		prime5 = 2870177450012600261
	)
	acc := uint64(prime5)
	for _, item := range t {
		h, err := hashObject(item)
		if err != nil {
			return 0, err
		}
		acc += uint64(h) * prime2
		acc = bits.RotateLeft64(acc, 31)
		acc *= prime1
	}
	acc += uint64(len(t)) ^ (prime5 ^ 3527539)
	if int64(acc) == -1 {
		return 1546275796, nil
	}
	return int64(acc), nil
}

// hashFrozenSet is CPython's order-independent frozenset hash.
func hashFrozenSet(items []py.Object) (int64, error) {
	var hash uint64
	for _, item := range items {
		h, err := hashObject(item)
		if err != nil {
			return 0, err
		}
		u := uint64(h)
		hash ^= ((u ^ 89869747) ^ (u << 16)) * 3644798167
	}
	hash ^= (uint64(len(items)) + 1) * 1927868237
	hash ^= (hash >> 11) ^ (hash >> 25)
	hash = hash*69069 + 907133923
	if int64(hash) == -1 {
		hash = 590923713
	}
	return int64(hash), nil
}

// objectID is id(o): the address for reference objects. gpython's ints,
// floats and strs are Go values with no address of their own, so they
// get an id derived from the value (odd, so it never equals an address).
func objectID(o py.Object) uint64 {
	switch x := o.(type) {
	case py.NoneType:
		return 0x10
	case py.Bool:
		if x {
			return 0x20
		}
		return 0x30
	case py.Int:
		return uint64(x)<<1 | 1
	case py.Float:
		return math.Float64bits(float64(x)) | 1
	case py.String:
		if len(x) == 0 {
			return 0x40
		}
		return uint64(uintptr(unsafe.Pointer(unsafe.StringData(string(x)))))
	}
	v := reflect.ValueOf(o)
	switch v.Kind() {
	case reflect.Pointer, reflect.Map, reflect.Slice, reflect.Func, reflect.Chan, reflect.UnsafePointer:
		if p := v.Pointer(); p != 0 {
			return uint64(p)
		}
	}
	return uint64(hashBytes([]byte(v.Type().String())))
}
