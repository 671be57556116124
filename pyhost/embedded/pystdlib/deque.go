package pystdlib

import (
	"github.com/go-python/gpython/py"
)

// collections.deque over a slice with free room at the front, so that
// both ends are amortised O(1).

type deque struct {
	buf     []py.Object // live items are buf[head:]
	head    int
	maxlen  int // -1: unbounded
	version int // bumped by every mutation, for iterators
}

var dequeType, dequeIterType *py.Type

func (d *deque) Type() *py.Type { return dequeType }

func (d *deque) items() []py.Object { return d.buf[d.head:] }

func (d *deque) n() int { return len(d.buf) - d.head }

func (d *deque) pushRight(o py.Object) {
	if d.maxlen == 0 {
		return
	}
	if d.maxlen > 0 && d.n() == d.maxlen {
		d.buf[d.head] = nil
		d.head++
	}
	d.buf = append(d.buf, o)
	d.version++
	d.reclaim()
}

// reclaim moves the items down once the dead room at the front is larger
// than the deque, so that a bounded deque fed forever stays bounded.
func (d *deque) reclaim() {
	if d.head > 32 && d.head > d.n() {
		d.buf = append(make([]py.Object, 0, 2*d.n()+8), d.items()...)
		d.head = 0
	}
}

func (d *deque) pushLeft(o py.Object) {
	if d.maxlen == 0 {
		return
	}
	if d.maxlen > 0 && d.n() == d.maxlen {
		d.buf[len(d.buf)-1] = nil
		d.buf = d.buf[:len(d.buf)-1]
	}
	if d.head == 0 {
		room := d.n() + 8
		nb := make([]py.Object, room+d.n(), room+d.n()+8)
		copy(nb[room:], d.items())
		d.buf, d.head = nb, room
	}
	d.head--
	d.buf[d.head] = o
	d.version++
}

func (d *deque) set(items []py.Object) {
	d.buf, d.head = items, 0
	d.version++
}

func newDeque(_ *py.Type, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	var iterable, maxlenObj py.Object
	if err := bindArgs("deque", args, kwargs, []string{"iterable", "maxlen"}, 0, 2, &iterable, &maxlenObj); err != nil {
		return nil, err
	}
	d := &deque{maxlen: -1}
	if !isNone(maxlenObj) {
		n, err := asInt(maxlenObj, "maxlen")
		if err != nil {
			return nil, err
		}
		if n < 0 {
			return nil, py.ExceptionNewf(py.ValueError, "maxlen must be non-negative")
		}
		d.maxlen = n
	}
	if iterable != nil {
		if err := iterate(iterable, func(o py.Object) (bool, error) { d.pushRight(o); return true, nil }); err != nil {
			return nil, err
		}
	}
	return d, nil
}

func dequeSelf(fn string, self py.Object) (*deque, error) {
	d, ok := self.(*deque)
	if !ok {
		return nil, py.ExceptionNewf(py.TypeError, "descriptor '%s' for 'collections.deque' objects doesn't apply to a '%s' object", fn, typeName(self))
	}
	return d, nil
}

func initDequeType() {
	dequeType = newGoType("deque", "A list-like sequence optimized for data accesses near its endpoints.", newDeque)
	dequeIterType = newGoType("_collections._deque_iterator", "", nil)
	t := dequeType.Dict
	t["__module__"] = py.String("collections")
	one := func(name string, fn func(d *deque, arg py.Object) (py.Object, error)) {
		t[name] = method(name, "", func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
			d, err := dequeSelf(name, self)
			if err != nil {
				return nil, err
			}
			if err := noKwargs(name, kwargs); err != nil {
				return nil, err
			}
			if len(args) != 1 {
				return nil, py.ExceptionNewf(py.TypeError, "%s() takes exactly one argument (%d given)", name, len(args))
			}
			return fn(d, args[0])
		})
	}
	none := func(name string, fn func(d *deque) (py.Object, error)) {
		t[name] = method(name, "", func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
			d, err := dequeSelf(name, self)
			if err != nil {
				return nil, err
			}
			if err := bindArgs(name, args, kwargs, nil, 0, 0); err != nil {
				return nil, err
			}
			return fn(d)
		})
	}
	one("append", func(d *deque, o py.Object) (py.Object, error) { d.pushRight(o); return py.None, nil })
	one("appendleft", func(d *deque, o py.Object) (py.Object, error) { d.pushLeft(o); return py.None, nil })
	one("extend", func(d *deque, o py.Object) (py.Object, error) {
		items, err := toSlice(o) // snapshot first: d.extend(d) must terminate
		if err != nil {
			return nil, err
		}
		for _, it := range items {
			d.pushRight(it)
		}
		return py.None, nil
	})
	one("extendleft", func(d *deque, o py.Object) (py.Object, error) {
		items, err := toSlice(o)
		if err != nil {
			return nil, err
		}
		for _, it := range items {
			d.pushLeft(it)
		}
		return py.None, nil
	})
	none("pop", func(d *deque) (py.Object, error) {
		if d.n() == 0 {
			return nil, py.ExceptionNewf(py.IndexError, "pop from an empty deque")
		}
		o := d.buf[len(d.buf)-1]
		d.buf[len(d.buf)-1] = nil
		d.buf = d.buf[:len(d.buf)-1]
		d.version++
		return o, nil
	})
	none("popleft", func(d *deque) (py.Object, error) {
		if d.n() == 0 {
			return nil, py.ExceptionNewf(py.IndexError, "pop from an empty deque")
		}
		o := d.buf[d.head]
		d.buf[d.head] = nil
		d.head++
		d.version++
		d.reclaim()
		return o, nil
	})
	none("clear", func(d *deque) (py.Object, error) { d.set(nil); return py.None, nil })
	none("copy", func(d *deque) (py.Object, error) { return d.clone(), nil })
	t["__copy__"] = t["copy"]
	none("reverse", func(d *deque) (py.Object, error) {
		items := d.items()
		for i, j := 0, len(items)-1; i < j; i, j = i+1, j-1 {
			items[i], items[j] = items[j], items[i]
		}
		d.version++
		return py.None, nil
	})
	one("count", func(d *deque, o py.Object) (py.Object, error) {
		n := 0
		for _, it := range append([]py.Object(nil), d.items()...) {
			same, err := eq(it, o)
			if err != nil {
				return nil, err
			}
			if same {
				n++
			}
		}
		return py.Int(n), nil
	})
	one("remove", func(d *deque, o py.Object) (py.Object, error) {
		for i, it := range d.items() {
			same, err := eq(it, o)
			if err != nil {
				return nil, err
			}
			if same {
				items := append([]py.Object(nil), d.items()[:i]...)
				d.set(append(items, d.items()[i+1:]...))
				return py.None, nil
			}
		}
		s, err := repr(o)
		if err != nil {
			return nil, err
		}
		return nil, py.ExceptionNewf(py.ValueError, "%s is not in deque", s)
	})
	t["index"] = method("index", "Return first index of value.", func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		d, err := dequeSelf("index", self)
		if err != nil {
			return nil, err
		}
		var v, startObj, stopObj py.Object
		if err := bindArgs("index", args, kwargs, []string{"value", "start", "stop"}, 1, 3, &v, &startObj, &stopObj); err != nil {
			return nil, err
		}
		start, stop, err := clampRange(startObj, stopObj, d.n())
		if err != nil {
			return nil, err
		}
		for i := start; i < stop; i++ {
			same, err := eq(d.items()[i], v)
			if err != nil {
				return nil, err
			}
			if same {
				return py.Int(i), nil
			}
		}
		s, _ := repr(v)
		return nil, py.ExceptionNewf(py.ValueError, "%s is not in deque", s)
	})
	t["insert"] = method("insert", "Insert value before index.", func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		d, err := dequeSelf("insert", self)
		if err != nil {
			return nil, err
		}
		if err := noKwargs("insert", kwargs); err != nil {
			return nil, err
		}
		if len(args) != 2 {
			return nil, py.ExceptionNewf(py.TypeError, "insert expected 2 arguments, got %d", len(args))
		}
		if d.maxlen >= 0 && d.n() >= d.maxlen {
			return nil, py.ExceptionNewf(py.IndexError, "deque already at its maximum size")
		}
		i, err := asInt(args[0], "index")
		if err != nil {
			return nil, err
		}
		n := d.n()
		if i < 0 {
			i += n
		}
		i = max(0, min(i, n))
		items := append([]py.Object(nil), d.items()[:i]...)
		items = append(items, args[1])
		d.set(append(items, d.items()[i:]...))
		return py.None, nil
	})
	t["rotate"] = method("rotate", "Rotate the deque n steps to the right (default n=1).", func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		d, err := dequeSelf("rotate", self)
		if err != nil {
			return nil, err
		}
		var nObj py.Object
		if err := bindArgs("rotate", args, kwargs, []string{"n"}, 0, 1, &nObj); err != nil {
			return nil, err
		}
		k := 1
		if nObj != nil {
			if k, err = asInt(nObj, "n"); err != nil {
				return nil, err
			}
		}
		n := d.n()
		if n == 0 {
			return py.None, nil
		}
		k = ((k % n) + n) % n
		items := d.items()
		out := append(append([]py.Object(nil), items[n-k:]...), items[:n-k]...)
		d.set(out)
		return py.None, nil
	})
	t["maxlen"] = &py.Property{Fget: func(self py.Object) (py.Object, error) {
		d, err := dequeSelf("maxlen", self)
		if err != nil {
			return nil, err
		}
		if d.maxlen < 0 {
			return py.None, nil
		}
		return py.Int(d.maxlen), nil
	}, Doc: "maximum size of a deque or None if unbounded"}
}

// clampRange turns optional start/stop arguments into a valid slice range.
func clampRange(startObj, stopObj py.Object, n int) (int, int, error) {
	start, stop := 0, n
	var err error
	if !isNone(startObj) {
		if start, err = asInt(startObj, "start"); err != nil {
			return 0, 0, err
		}
		if start < 0 {
			start = max(0, start+n)
		}
	}
	if !isNone(stopObj) {
		if stop, err = asInt(stopObj, "stop"); err != nil {
			return 0, 0, err
		}
		if stop < 0 {
			stop = max(0, stop+n)
		}
	}
	return min(start, n), min(stop, n), nil
}

func (d *deque) clone() *deque {
	return &deque{buf: append([]py.Object(nil), d.items()...), maxlen: d.maxlen}
}

func (d *deque) M__len__() (py.Object, error) { return py.Int(d.n()), nil }

func (d *deque) M__bool__() (py.Object, error) { return py.NewBool(d.n() > 0), nil }

func (d *deque) M__iter__() (py.Object, error) {
	return &dequeIter{d: d, version: d.version}, nil
}

func (d *deque) M__reversed__() (py.Object, error) {
	return &dequeIter{d: d, version: d.version, reverse: true}, nil
}

func (d *deque) index(key py.Object) (int, error) {
	if _, ok := key.(*py.Slice); ok {
		return 0, py.ExceptionNewf(py.TypeError, "sequence index must be integer, not 'slice'")
	}
	i, err := asInt(key, "sequence index")
	if err != nil {
		return 0, err
	}
	if i < 0 {
		i += d.n()
	}
	if i < 0 || i >= d.n() {
		return 0, py.ExceptionNewf(py.IndexError, "deque index out of range")
	}
	return i, nil
}

func (d *deque) M__getitem__(key py.Object) (py.Object, error) {
	i, err := d.index(key)
	if err != nil {
		return nil, err
	}
	return d.items()[i], nil
}

func (d *deque) M__setitem__(key, val py.Object) (py.Object, error) {
	i, err := d.index(key)
	if err != nil {
		return nil, err
	}
	d.items()[i] = val
	return py.None, nil
}

func (d *deque) M__delitem__(key py.Object) (py.Object, error) {
	i, err := d.index(key)
	if err != nil {
		return nil, err
	}
	items := append([]py.Object(nil), d.items()[:i]...)
	d.set(append(items, d.items()[i+1:]...))
	return py.None, nil
}

func (d *deque) M__contains__(item py.Object) (py.Object, error) {
	for _, it := range append([]py.Object(nil), d.items()...) {
		if same, err := eq(it, item); err != nil || same {
			return py.NewBool(same), err
		}
	}
	return py.False, nil
}

func (d *deque) M__repr__() (py.Object, error) {
	s, err := reprJoin(d.items())
	if err != nil {
		return nil, err
	}
	if d.maxlen >= 0 {
		return py.String("deque([" + s + "], maxlen=" + itoa(d.maxlen) + ")"), nil
	}
	return py.String("deque([" + s + "])"), nil
}

func (d *deque) M__eq__(other py.Object) (py.Object, error) {
	o, ok := other.(*deque)
	if !ok {
		return py.NotImplemented, nil
	}
	c, err := seqCompare(d.items(), o.items())
	if err != nil {
		return nil, err
	}
	return py.NewBool(c.eq), nil
}

func (d *deque) M__ne__(other py.Object) (py.Object, error) {
	res, err := d.M__eq__(other)
	if err != nil || res == py.NotImplemented {
		return res, err
	}
	return py.NewBool(res == py.False), nil
}

func (d *deque) M__add__(other py.Object) (py.Object, error) {
	o, ok := other.(*deque)
	if !ok {
		return nil, py.ExceptionNewf(py.TypeError, "can only concatenate deque (not \"%s\") to deque", typeName(other))
	}
	c := &deque{maxlen: d.maxlen}
	for _, it := range d.items() {
		c.pushRight(it)
	}
	for _, it := range o.items() {
		c.pushRight(it)
	}
	return c, nil
}

func (d *deque) M__iadd__(other py.Object) (py.Object, error) {
	items, err := toSlice(other)
	if err != nil {
		return nil, err
	}
	for _, it := range items {
		d.pushRight(it)
	}
	return d, nil
}

type dequeIter struct {
	d       *deque
	pos     int
	version int
	reverse bool
}

func (it *dequeIter) Type() *py.Type { return dequeIterType }

func (it *dequeIter) M__iter__() (py.Object, error) { return it, nil }

func (it *dequeIter) M__next__() (py.Object, error) {
	if it.version != it.d.version {
		return nil, py.ExceptionNewf(py.RuntimeError, "deque mutated during iteration")
	}
	n := it.d.n()
	if it.pos >= n {
		return nil, py.StopIteration
	}
	i := it.pos
	if it.reverse {
		i = n - 1 - it.pos
	}
	it.pos++
	return it.d.items()[i], nil
}
