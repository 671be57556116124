package compat

import (
	"bytes"
	"math"
	"math/big"
	"strings"

	"github.com/go-python/gpython/py"
)

// Compare orders a and b as CPython's sort does and returns -1, 0 or 1.
//
// Numbers of every kind (bool, int, big int, float) compare by exact
// value; str, bytes, tuples and lists compare as in CPython (sequences
// lexicographically, recursively); a user class's __lt__ and __gt__ are
// honoured; Go types from other packages are compared through gpython's
// own operators. Unorderable pairs give CPython's TypeError, e.g.
// "'<' not supported between instances of 'NoneType' and 'int'". A NaN
// compares equal to everything, as it sorts in CPython.
func Compare(a, b py.Object) (c int, err error) {
	defer recoverTo("compare", &err)
	if c, ok := fastCompare(a, b); ok {
		return c, nil
	}
	lt, err := compareOp(a, b, opLT)
	if err != nil {
		return 0, err
	}
	if lt {
		return -1, nil
	}
	gt, err := compareOp(b, a, opLT)
	if err != nil {
		return 0, err
	}
	if gt {
		return 1, nil
	}
	return 0, nil
}

type cmpOp int

const (
	opLT cmpOp = iota
	opGT
	opLE
	opGE
)

func (op cmpOp) symbol() string {
	return [...]string{"<", ">", "<=", ">="}[op]
}

func (op cmpOp) dunder() string {
	return [...]string{"__lt__", "__gt__", "__le__", "__ge__"}[op]
}

// reflected is the operator tried on the right operand: a < b is b > a.
func (op cmpOp) reflected() cmpOp {
	return [...]cmpOp{opGT, opLT, opGE, opLE}[op]
}

// lessThan is CPython's `a < b` as sorted(), min() and list.sort use it.
func lessThan(a, b py.Object) (bool, error) { return compareOp(a, b, opLT) }

// greaterThan is CPython's `a > b` as max() uses it.
func greaterThan(a, b py.Object) (bool, error) { return compareOp(a, b, opGT) }

// fastCompare handles the common same-kind scalar pairs without any
// allocation; ok is false when a and b need the general path.
func fastCompare(a, b py.Object) (int, bool) {
	switch x := a.(type) {
	case py.Int:
		if y, ok := b.(py.Int); ok {
			return cmp3(x < y, x > y), true
		}
	case py.String:
		if y, ok := b.(py.String); ok {
			// UTF-8 byte order is code point order, which is CPython's.
			return strings.Compare(string(x), string(y)), true
		}
	case py.Float:
		if y, ok := b.(py.Float); ok {
			return cmp3(x < y, x > y), true
		}
	}
	return 0, false
}

func cmp3(lt, gt bool) int {
	switch {
	case lt:
		return -1
	case gt:
		return 1
	}
	return 0
}

// compareOp evaluates a <op> b with CPython's semantics.
func compareOp(a, b py.Object, op cmpOp) (bool, error) {
	if a == nil || b == nil {
		return false, errNil("comparison")
	}
	if c, ok := fastCompare(a, b); ok {
		return opResult(c, op), nil
	}
	if x, ok := toNumber(a); ok {
		if y, ok := toNumber(b); ok {
			c, unordered := numCompare(x, y)
			if unordered {
				return false, nil
			}
			return opResult(c, op), nil
		}
	}
	switch x := a.(type) {
	case py.Bytes:
		if y, ok := b.(py.Bytes); ok {
			return opResult(bytes.Compare(x, y), op), nil
		}
	case py.Tuple:
		if y, ok := b.(py.Tuple); ok {
			return seqCompare(x, y, op)
		}
	case *py.List:
		if y, ok := b.(*py.List); ok {
			return seqCompare(x.Items, y.Items, op)
		}
	}
	if sa, ok := setItems(a); ok {
		if sb, ok := setItems(b); ok {
			return setCompare(sa, sb, op)
		}
	}
	if userInstance(a) != nil || userInstance(b) != nil {
		return userCompare(a, b, op)
	}
	return goCompare(a, b, op)
}

func opResult(c int, op cmpOp) bool {
	switch op {
	case opLT:
		return c < 0
	case opGT:
		return c > 0
	case opLE:
		return c <= 0
	}
	return c >= 0
}

func notSupported(a, b py.Object, op cmpOp) error {
	return typeErrorf("'%s' not supported between instances of '%s' and '%s'", op.symbol(), typeName(a), typeName(b))
}

// seqCompare is CPython's tuple/list rich comparison: the first pair
// that is not equal decides, otherwise the lengths do.
func seqCompare(x, y []py.Object, op cmpOp) (bool, error) {
	n := min(len(x), len(y))
	for i := 0; i < n; i++ {
		if x[i] == nil || y[i] == nil {
			return false, errNil("sequence comparison")
		}
		eq, err := equal(x[i], y[i])
		if err != nil {
			return false, err
		}
		if !eq {
			return compareOp(x[i], y[i], op)
		}
	}
	return opResult(cmp3(len(x) < len(y), len(x) > len(y)), op), nil
}

// userCompare calls a user class's rich comparison, then the reflected
// one on the other operand, as CPython's do_richcompare does.
func userCompare(a, b py.Object, op cmpOp) (bool, error) {
	if res, found, err := callUserSpecial(a, op.dunder(), b); found {
		if err != nil {
			return false, err
		}
		if res != py.NotImplemented {
			return truth(res)
		}
	}
	if res, found, err := callUserSpecial(b, op.reflected().dunder(), a); found {
		if err != nil {
			return false, err
		}
		if res != py.NotImplemented {
			return truth(res)
		}
	}
	// A Go type on one side may still know how to compare.
	if userInstance(a) == nil || userInstance(b) == nil {
		return goCompare(a, b, op)
	}
	return false, notSupported(a, b, op)
}

// goCompare uses gpython's operators for Go types (including other host
// packages' types) and rewrites its TypeError into CPython's wording.
func goCompare(a, b py.Object, op cmpOp) (bool, error) {
	var res py.Object
	var err error
	switch op {
	case opLT:
		res, err = py.Lt(a, b)
	case opGT:
		res, err = py.Gt(a, b)
	case opLE:
		res, err = py.Le(a, b)
	default:
		res, err = py.Ge(a, b)
	}
	if err != nil {
		if py.IsException(py.TypeError, err) && strings.Contains(err.Error(), "unsupported operand type") {
			return false, notSupported(a, b, op)
		}
		return false, err
	}
	return truth(res)
}

// equal is CPython's `a == b` as containers use it (identity first),
// honouring a user class's __eq__, which gpython's == ignores.
func equal(a, b py.Object) (bool, error) {
	if a == nil || b == nil {
		return false, errNil("equality")
	}
	// Containers compare by identity first, as CPython's do.
	if identical(a, b) {
		return true, nil
	}
	switch x := a.(type) {
	case py.String:
		y, ok := b.(py.String)
		return ok && x == y, nil
	case py.Bytes:
		y, ok := b.(py.Bytes)
		return ok && bytes.Equal(x, y), nil
	case py.Tuple:
		y, ok := b.(py.Tuple)
		if !ok {
			return false, nil
		}
		return seqEqual(x, y)
	case *py.List:
		y, ok := b.(*py.List)
		if !ok {
			return false, nil
		}
		return seqEqual(x.Items, y.Items)
	case py.StringDict:
		y, ok := b.(py.StringDict)
		if !ok {
			return false, nil
		}
		if len(x) != len(y) {
			return false, nil
		}
		for k, v := range x {
			w, ok := y[k]
			if !ok {
				return false, nil
			}
			eq, err := equal(v, w)
			if err != nil || !eq {
				return false, err
			}
		}
		return true, nil
	case py.NoneType:
		return false, nil
	}
	if x, ok := toNumber(a); ok {
		if y, ok := toNumber(b); ok {
			c, unordered := numCompare(x, y)
			return !unordered && c == 0, nil
		}
		if userInstance(b) == nil {
			return false, nil
		}
	}
	if userInstance(a) != nil || userInstance(b) != nil {
		for _, pair := range [2][2]py.Object{{a, b}, {b, a}} {
			res, found, err := callUserSpecial(pair[0], "__eq__", pair[1])
			if !found {
				continue
			}
			if err != nil {
				return false, err
			}
			if res != py.NotImplemented {
				return truth(res)
			}
		}
		return false, nil // identity already failed
	}
	res, err := py.Eq(a, b)
	if err != nil {
		// CPython's == never fails for lack of __eq__: it falls back to
		// identity, which was false.
		if py.IsException(py.TypeError, err) {
			return false, nil
		}
		return false, err
	}
	if res == py.NotImplemented {
		return false, nil
	}
	return truth(res)
}

func seqEqual(x, y []py.Object) (bool, error) {
	if len(x) != len(y) {
		return false, nil
	}
	for i := range x {
		eq, err := equal(x[i], y[i])
		if err != nil || !eq {
			return false, err
		}
	}
	return true, nil
}

// number is an int, big int or float (bools are ints) for exact
// mixed-type comparison.
type number struct {
	kind int // numInt, numBig, numFloat
	i    int64
	b    *big.Int
	f    float64
}

const (
	numInt = iota
	numBig
	numFloat
)

func toNumber(o py.Object) (number, bool) {
	switch x := o.(type) {
	case py.Int:
		return number{kind: numInt, i: int64(x)}, true
	case py.Bool:
		if x {
			return number{kind: numInt, i: 1}, true
		}
		return number{kind: numInt}, true
	case *py.BigInt:
		return number{kind: numBig, b: (*big.Int)(x)}, true
	case py.Float:
		return number{kind: numFloat, f: float64(x)}, true
	}
	return number{}, false
}

func (n number) bigInt() *big.Int {
	if n.kind == numBig {
		return n.b
	}
	return big.NewInt(n.i)
}

// numCompare compares two numbers exactly (2**53 + 1 > float(2**53), as
// in CPython); unordered is true when a NaN is involved.
func numCompare(x, y number) (c int, unordered bool) {
	switch {
	case x.kind == numInt && y.kind == numInt:
		return cmp3(x.i < y.i, x.i > y.i), false
	case x.kind == numFloat && y.kind == numFloat:
		if math.IsNaN(x.f) || math.IsNaN(y.f) {
			return 0, true
		}
		return cmp3(x.f < y.f, x.f > y.f), false
	case x.kind != numFloat && y.kind != numFloat:
		return x.bigInt().Cmp(y.bigInt()), false
	case x.kind == numFloat:
		c, u := intFloatCompare(y, x.f)
		return -c, u
	default:
		return intFloatCompare(x, y.f)
	}
}

// intFloatCompare compares an integer with a float exactly.
func intFloatCompare(n number, f float64) (int, bool) {
	if math.IsNaN(f) {
		return 0, true
	}
	if math.IsInf(f, 1) {
		return -1, false
	}
	if math.IsInf(f, -1) {
		return 1, false
	}
	if n.kind == numInt && n.i > -(1<<53) && n.i < 1<<53 {
		v := float64(n.i)
		return cmp3(v < f, v > f), false
	}
	bf := new(big.Float).SetInt(n.bigInt())
	return bf.Cmp(new(big.Float).SetFloat64(f)), false
}

// setItems returns the members of a set or frozenset.
func setItems(o py.Object) ([]py.Object, bool) {
	var s *py.Set
	switch x := o.(type) {
	case *py.Set:
		s = x
	case *py.FrozenSet:
		s = &x.Set
	default:
		return nil, false
	}
	it, err := s.M__iter__()
	if err != nil {
		return nil, false
	}
	items, err := toSlice(it)
	if err != nil {
		return nil, false
	}
	return items, true
}

// setCompare is CPython's subset ordering between sets.
func setCompare(a, b []py.Object, op cmpOp) (bool, error) {
	switch op {
	case opGT, opGE:
		a, b = b, a
	}
	if len(a) > len(b) || ((op == opLT || op == opGT) && len(a) == len(b)) {
		return false, nil
	}
	sub, err := allIn(a, b)
	return sub, err
}

// allIn reports whether every item of a equals some item of b.
func allIn(a, b []py.Object) (bool, error) {
	for _, x := range a {
		found := false
		for _, y := range b {
			eq, err := equal(x, y)
			if err != nil {
				return false, err
			}
			if eq {
				found = true
				break
			}
		}
		if !found {
			return false, nil
		}
	}
	return true, nil
}
