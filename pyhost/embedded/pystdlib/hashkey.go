package pystdlib

import (
	"fmt"
	"math"
	"math/big"
	"reflect"
	"strconv"
	"strings"

	"github.com/go-python/gpython/py"
)

// hashKey computes the lookup fingerprint of a hashable Python value,
// the stand-in for hash() that gpython lacks. Values that Python deems
// equal get equal fingerprints across types (1 == 1.0 == True), so
// {1: 'a'}[True] finds the entry, as in CPython.
//
// exact reports that equal fingerprints imply equal values (numbers,
// strings, None, tuples of those, identity-hashed objects); when false
// (objects with their own __hash__, NaN), callers confirm with eq.
func hashKey(o py.Object) (key string, exact bool, err error) {
	var b strings.Builder
	exact = true
	err = writeHashKey(&b, o, &exact, 0)
	return b.String(), exact, err
}

// maxKeyDepth bounds tuple nesting so that a pathological key cannot
// exhaust the Go stack (gpython cannot recover from that).
const maxKeyDepth = 200

func writeHashKey(b *strings.Builder, o py.Object, exact *bool, depth int) error {
	if depth > maxKeyDepth {
		return py.ExceptionNewf(recursionError, "maximum recursion depth exceeded while hashing")
	}
	switch x := o.(type) {
	case nil:
		return py.ExceptionNewf(py.SystemError, "hash of a Go nil value (corrupted container)")
	case py.NoneType:
		b.WriteString("N")
	case py.Bool:
		if x {
			b.WriteString("i1")
		} else {
			b.WriteString("i0")
		}
	case py.Int:
		b.WriteString("i")
		b.WriteString(strconv.FormatInt(int64(x), 10))
	case *py.BigInt:
		b.WriteString("i")
		b.WriteString((*big.Int)(x).String())
	case py.Float:
		f := float64(x)
		switch {
		case math.IsNaN(f):
			b.WriteString("fnan")
			*exact = false // NaN equals nothing, itself included
		case math.IsInf(f, 0) || f != math.Trunc(f):
			b.WriteString("f")
			b.WriteString(strconv.FormatFloat(f, 'g', -1, 64))
		case math.Abs(f) < 1<<62:
			b.WriteString("i")
			b.WriteString(strconv.FormatInt(int64(f), 10))
		default:
			bi, _ := big.NewFloat(f).Int(nil)
			b.WriteString("i")
			b.WriteString(bi.String())
		}
	case py.Complex:
		if imag(x) == 0 {
			return writeHashKey(b, py.Float(real(x)), exact, depth)
		}
		fmt.Fprintf(b, "c%v", complex128(x))
	case py.String:
		b.WriteString("s")
		b.WriteString(strconv.Itoa(len(x)))
		b.WriteString(":")
		b.WriteString(string(x))
	case py.Bytes:
		b.WriteString("b")
		b.WriteString(strconv.Itoa(len(x)))
		b.WriteString(":")
		b.Write(x)
	case py.Tuple:
		return writeTupleKey(b, x, exact, depth)
	case *namedTuple:
		return writeTupleKey(b, x.vals, exact, depth) // equal to the plain tuple, as in CPython
	case *py.List, py.StringDict, *py.Set, *Mapping, *deque, *mapView:
		return py.ExceptionNewf(py.TypeError, "unhashable type: '%s'", typeName(o))
	case *py.Type:
		if isInstance(x) {
			if res, found, err := callUserMethod(x, "__hash__"); found {
				if err != nil {
					return err
				}
				s, err := repr(res)
				if err != nil {
					return err
				}
				*exact = false
				b.WriteString("h")
				b.WriteString(s)
				return nil
			}
		}
		fmt.Fprintf(b, "p%p", x)
	case py.I__hash__:
		res, err := x.M__hash__()
		if err != nil {
			return err
		}
		s, err := repr(res)
		if err != nil {
			return err
		}
		*exact = false
		b.WriteString("h")
		b.WriteString(o.Type().Name)
		b.WriteString(":")
		b.WriteString(s)
	default:
		v := reflect.ValueOf(o)
		switch v.Kind() {
		case reflect.Pointer, reflect.Func, reflect.Chan, reflect.UnsafePointer:
			fmt.Fprintf(b, "p%T%x", o, v.Pointer())
		case reflect.Map, reflect.Slice:
			return py.ExceptionNewf(py.TypeError, "unhashable type: '%s'", typeName(o))
		default:
			fmt.Fprintf(b, "v%T:%#v", o, o)
		}
	}
	return nil
}

func writeTupleKey(b *strings.Builder, t py.Tuple, exact *bool, depth int) error {
	b.WriteString("t")
	b.WriteString(strconv.Itoa(len(t)))
	b.WriteString("(")
	for _, item := range t {
		var sub strings.Builder
		if err := writeHashKey(&sub, item, exact, depth+1); err != nil {
			return err
		}
		// Length-prefixed so that ("a,", "b") and ("a", ",b") differ.
		b.WriteString(strconv.Itoa(sub.Len()))
		b.WriteString(":")
		b.WriteString(sub.String())
	}
	b.WriteString(")")
	return nil
}

// hashValue is a Python-visible hash for Go types that need __hash__
// (namedtuple instances, functools keys): FNV-1a of the fingerprint.
func hashValue(o py.Object) (py.Object, error) {
	k, _, err := hashKey(o)
	if err != nil {
		return nil, err
	}
	var h uint64 = 14695981039346656037
	for i := 0; i < len(k); i++ {
		h ^= uint64(k[i])
		h *= 1099511628211
	}
	return py.Int(int64(h >> 1)), nil
}
