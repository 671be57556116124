package pystdlib

import (
	"github.com/go-python/gpython/py"
)

// Counter's own methods and multiset arithmetic.

// counterUpdate adds (sign 1) or subtracts (sign -1) counts: from a
// mapping its values, from another iterable one per element.
func (d *Mapping) counterUpdate(other py.Object, kwargs py.StringDict, sign int) error {
	add := func(k, n py.Object) error {
		cur, ok, err := d.m.get(k)
		if err != nil {
			return err
		}
		if !ok {
			cur = py.Int(0)
		}
		var res py.Object
		if sign > 0 {
			res, err = py.Add(cur, n)
		} else {
			res, err = py.Sub(cur, n)
		}
		if err != nil {
			return err
		}
		return d.setItem(k, res)
	}
	if other != nil {
		switch o := other.(type) {
		case *Mapping, py.StringDict:
			if err := eachPair("update", o, add); err != nil {
				return err
			}
		default:
			if err := iterate(other, func(k py.Object) (bool, error) { return true, add(k, py.Int(1)) }); err != nil {
				return err
			}
		}
	}
	for _, k := range sortedKeys(kwargs) {
		if err := add(py.String(k), kwargs[k]); err != nil {
			return err
		}
	}
	return nil
}

func initCounterMethods() {
	t := CounterType.Dict
	t["most_common"] = method("most_common", "List the n most common elements and their counts from the most common to the least.",
		func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
			d, err := mapSelf("most_common", self)
			if err != nil {
				return nil, err
			}
			var nArg py.Object
			if err := bindArgs("most_common", args, kwargs, []string{"n"}, 0, 1, &nArg); err != nil {
				return nil, err
			}
			items, err := d.byCount()
			if err != nil {
				return nil, err
			}
			if !isNone(nArg) {
				n, err := asInt(nArg, "n")
				if err != nil {
					return nil, err
				}
				if n < 0 {
					n = 0
				}
				if n < len(items) {
					items = items[:n]
				}
			}
			return py.NewListFromItems(items), nil
		})
	t["elements"] = method("elements", "Iterator over elements repeating each as many times as its count.",
		func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
			d, err := mapSelf("elements", self)
			if err != nil {
				return nil, err
			}
			if err := bindArgs("elements", args, kwargs, nil, 0, 0); err != nil {
				return nil, err
			}
			var out []py.Object
			for _, kv := range d.m.items() {
				k, v := kv.(py.Tuple)[0], kv.(py.Tuple)[1]
				n, err := asInt(v, "count")
				if err != nil {
					return nil, err
				}
				for i := 0; i < n; i++ {
					out = append(out, k)
				}
			}
			return py.NewIterator(py.Tuple(out)), nil
		})
	t["subtract"] = method("subtract", "Like dict.update() but subtracts counts instead of replacing them.",
		func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
			d, err := mapSelf("subtract", self)
			if err != nil {
				return nil, err
			}
			if len(args) > 1 {
				return nil, py.ExceptionNewf(py.TypeError, "expected at most 1 argument, got %d", len(args))
			}
			var other py.Object
			if len(args) == 1 {
				other = args[0]
			}
			return py.None, d.counterUpdate(other, kwargs, -1)
		})
	t["total"] = method("total", "Sum of the counts", func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		d, err := mapSelf("total", self)
		if err != nil {
			return nil, err
		}
		if err := bindArgs("total", args, kwargs, nil, 0, 0); err != nil {
			return nil, err
		}
		var sum py.Object = py.Int(0)
		for _, v := range d.m.values() {
			if sum, err = py.Add(sum, v); err != nil {
				return nil, err
			}
		}
		return sum, nil
	})
	t["__missing__"] = method("__missing__", "The count of elements not in the Counter is zero.",
		func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
			return py.Int(0), nil
		})
}

type counterOpKind int

const (
	opAdd counterOpKind = iota
	opSub
	opUnion
	opIntersect
)

// counterOp is Counter +, -, | and &: the result keeps positive counts
// only, in the order CPython produces (self's keys, then other's).
func (d *Mapping) counterOp(other py.Object, op counterOpKind) (py.Object, error) {
	o, ok := other.(*Mapping)
	if !ok || o.kind != kindCounter {
		return py.NotImplemented, nil
	}
	res := newMapping(kindCounter)
	zero := py.Int(0)
	for _, kv := range d.m.items() {
		k, a := kv.(py.Tuple)[0], kv.(py.Tuple)[1]
		b, found, err := o.m.get(k)
		if err != nil {
			return nil, err
		}
		if !found {
			b = zero
		}
		var v py.Object
		switch op {
		case opAdd:
			v, err = py.Add(a, b)
		case opSub:
			v, err = py.Sub(a, b)
		case opUnion:
			v, err = maxObj(a, b)
		case opIntersect:
			v, err = minObj(a, b)
		}
		if err != nil {
			return nil, err
		}
		if err := res.keepPositive(k, v); err != nil {
			return nil, err
		}
	}
	if op != opIntersect {
		for _, kv := range o.m.items() {
			k, b := kv.(py.Tuple)[0], kv.(py.Tuple)[1]
			if in, err := d.m.contains(k); err != nil || in {
				if err != nil {
					return nil, err
				}
				continue
			}
			if op == opSub { // other's negative counts become positive
				var err error
				if b, err = py.Sub(zero, b); err != nil {
					return nil, err
				}
			}
			if err := res.keepPositive(k, b); err != nil {
				return nil, err
			}
		}
	}
	return res, nil
}

func (d *Mapping) keepPositive(k, v py.Object) error {
	pos, err := py.Gt(v, py.Int(0))
	if err != nil {
		return err
	}
	if pos == py.True {
		return d.setItem(k, v)
	}
	return nil
}

func maxObj(a, b py.Object) (py.Object, error) {
	lt, err := py.Lt(a, b)
	if err != nil {
		return nil, err
	}
	if lt == py.True {
		return b, nil
	}
	return a, nil
}

func minObj(a, b py.Object) (py.Object, error) {
	lt, err := py.Lt(b, a)
	if err != nil {
		return nil, err
	}
	if lt == py.True {
		return b, nil
	}
	return a, nil
}

// counterInPlace is c += other and friends: the result replaces c's
// contents, so that other names bound to c see it, as in CPython.
func (d *Mapping) counterInPlace(other py.Object, op counterOpKind) (py.Object, error) {
	res, err := d.counterOp(other, op)
	if err != nil || res == py.NotImplemented {
		return res, err
	}
	d.m = res.(*Mapping).m
	d.version++
	return d, nil
}

func (d *Mapping) M__add__(other py.Object) (py.Object, error) {
	if d.kind != kindCounter {
		return py.NotImplemented, nil
	}
	return d.counterOp(other, opAdd)
}

func (d *Mapping) M__sub__(other py.Object) (py.Object, error) {
	if d.kind != kindCounter {
		return py.NotImplemented, nil
	}
	return d.counterOp(other, opSub)
}

func (d *Mapping) M__and__(other py.Object) (py.Object, error) {
	if d.kind != kindCounter {
		return py.NotImplemented, nil
	}
	return d.counterOp(other, opIntersect)
}

func (d *Mapping) M__iadd__(other py.Object) (py.Object, error) {
	if d.kind != kindCounter {
		return py.NotImplemented, nil
	}
	return d.counterInPlace(other, opAdd)
}

func (d *Mapping) M__isub__(other py.Object) (py.Object, error) {
	if d.kind != kindCounter {
		return py.NotImplemented, nil
	}
	return d.counterInPlace(other, opSub)
}

func (d *Mapping) M__iand__(other py.Object) (py.Object, error) {
	if d.kind != kindCounter {
		return py.NotImplemented, nil
	}
	return d.counterInPlace(other, opIntersect)
}

// M__pos__ and M__neg__ are +c (drop non-positive counts) and -c.
func (d *Mapping) M__pos__() (py.Object, error) {
	if d.kind != kindCounter {
		return nil, py.ExceptionNewf(py.TypeError, "bad operand type for unary +: '%s'", d.Type().Name)
	}
	return d.counterOp(newMapping(kindCounter), opAdd)
}

func (d *Mapping) M__neg__() (py.Object, error) {
	if d.kind != kindCounter {
		return nil, py.ExceptionNewf(py.TypeError, "bad operand type for unary -: '%s'", d.Type().Name)
	}
	res := newMapping(kindCounter)
	for _, kv := range d.m.items() {
		neg, err := py.Sub(py.Int(0), kv.(py.Tuple)[1])
		if err != nil {
			return nil, err
		}
		if err := res.keepPositive(kv.(py.Tuple)[0], neg); err != nil {
			return nil, err
		}
	}
	return res, nil
}
