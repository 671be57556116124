package pystdlib

import (
	"sort"
	"strings"

	"github.com/go-python/gpython/py"
)

// collections.defaultdict, OrderedDict and Counter: one Go type, Mapping,
// over an insertion-ordered omap, so keys may be any hashable value and
// iteration follows insertion order as in CPython 3.7+.

type mapKind int

const (
	kindDefaultDict mapKind = iota
	kindOrderedDict
	kindCounter
	// kindDict is a plain dict built by a dict display or comprehension
	// (the pre-pass lowers them to the __mr_dict__ builtin): gpython's own
	// dict keeps no order and takes only str keys.
	kindDict
)

// Mapping is the Go value of a defaultdict, OrderedDict or Counter.
type Mapping struct {
	kind    mapKind
	m       *omap
	factory py.Object // defaultdict's default_factory (None when unset)
	version int       // bumped when keys are added, removed or reordered
	inRepr  bool      // guards a self-containing mapping's repr
}

var (
	// DefaultDictType, OrderedDictType and CounterType are the classes
	// exported by the collections module.
	DefaultDictType, OrderedDictType, CounterType *py.Type
	// DictType is the class of the ordered dicts of displays; it is named
	// dict, as CPython's messages and type(d).__name__ expect.
	DictType                                       *py.Type
	keysViewTypes, valuesViewTypes, itemsViewTypes [3]*py.Type
	mapIterType                                    *py.Type
)

// Type returns the Python class of the mapping.
func (d *Mapping) Type() *py.Type {
	switch d.kind {
	case kindOrderedDict:
		return OrderedDictType
	case kindCounter:
		return CounterType
	case kindDict:
		return DictType
	}
	return DefaultDictType
}

// NewDict returns an empty insertion-ordered dict (the value of `{}`).
func NewDict() *Mapping { return newMapping(kindDict) }

// DictFromPairs is the __mr_dict__ builtin: a dict display becomes
// __mr_dict__((k1, v1), (k2, v2), ...) and a comprehension
// __mr_dict__((k, v) for ...). Every positional argument is a 2-tuple,
// except that a lone non-tuple argument is an iterable of pairs.
func DictFromPairs(args py.Tuple) (*Mapping, error) {
	d := newMapping(kindDict)
	if len(args) == 1 {
		if _, ok := args[0].(py.Tuple); !ok {
			return d, eachPair("dict", args[0], d.setItem)
		}
	}
	for i, a := range args {
		kv, ok := a.(py.Tuple)
		if !ok || len(kv) != 2 {
			return nil, py.ExceptionNewf(py.TypeError, "dict display item #%d is not a (key, value) pair", i)
		}
		if err := d.setItem(kv[0], kv[1]); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// IsDict reports whether d is a plain dict (not a collections class).
func (d *Mapping) IsDict() bool { return d.kind == kindDict }

// SetItem is d[key] = val, for Go callers.
func (d *Mapping) SetItem(key, val py.Object) error { return d.setItem(key, val) }

// Items returns the (key, value) pairs in order, for Go callers.
func (d *Mapping) Items() [][2]py.Object {
	out := make([][2]py.Object, 0, d.m.live)
	d.m.each(func(k, v py.Object) bool { out = append(out, [2]py.Object{k, v}); return true })
	return out
}

// Len is the number of entries.
func (d *Mapping) Len() int { return d.m.live }

func newMapping(kind mapKind) *Mapping {
	return &Mapping{kind: kind, m: newOmap(), factory: py.None}
}

func keyError(key py.Object) error {
	return &py.Exception{Base: py.KeyError, Args: py.Tuple{key}, Dict: py.StringDict{}}
}

func (d *Mapping) setItem(key, val py.Object) error {
	added, err := d.m.set(key, val)
	if added {
		d.version++
	}
	return err
}

func (d *Mapping) M__len__() (py.Object, error) { return py.Int(d.m.live), nil }

func (d *Mapping) M__bool__() (py.Object, error) { return py.NewBool(d.m.live > 0), nil }

func (d *Mapping) M__getitem__(key py.Object) (py.Object, error) {
	v, ok, err := d.m.get(key)
	if err != nil || ok {
		return v, err
	}
	return d.missing(key)
}

// missing is __missing__: defaultdict calls its factory and stores the
// result, Counter answers 0 without storing it, OrderedDict raises.
func (d *Mapping) missing(key py.Object) (py.Object, error) {
	switch d.kind {
	case kindCounter:
		return py.Int(0), nil
	case kindDefaultDict:
		if d.factory == py.None {
			return nil, keyError(key)
		}
		v, err := py.Call(d.factory, nil, nil)
		if err != nil {
			return nil, err
		}
		return v, d.setItem(key, v)
	}
	return nil, keyError(key)
}

func (d *Mapping) M__setitem__(key, val py.Object) (py.Object, error) {
	return py.None, d.setItem(key, val)
}

func (d *Mapping) M__delitem__(key py.Object) (py.Object, error) {
	_, ok, err := d.m.del(key)
	if err != nil {
		return nil, err
	}
	if !ok {
		if d.kind == kindCounter {
			return py.None, nil // Counter ignores missing keys
		}
		return nil, keyError(key)
	}
	d.version++
	return py.None, nil
}

func (d *Mapping) M__contains__(key py.Object) (py.Object, error) {
	ok, err := d.m.contains(key)
	return py.NewBool(ok), err
}

func (d *Mapping) M__iter__() (py.Object, error) {
	return &mapIter{d: d, which: viewKeys, version: d.version}, nil
}

func (d *Mapping) M__reversed__() (py.Object, error) {
	return &mapIter{d: d, which: viewKeys, version: d.version, reverse: true, pos: len(d.m.entries) - 1}, nil
}

func (d *Mapping) M__repr__() (py.Object, error) {
	name := d.Type().Name
	if d.inRepr {
		return py.String("..."), nil
	}
	d.inRepr = true
	defer func() { d.inRepr = false }()
	switch d.kind {
	case kindDict:
		s, err := reprPairs(d.m.items())
		if err != nil {
			return nil, err
		}
		return py.String("{" + s + "}"), nil
	case kindOrderedDict:
		if d.m.live == 0 {
			return py.String(name + "()"), nil
		}
		s, err := reprJoin(d.m.items())
		if err != nil {
			return nil, err
		}
		return py.String(name + "([" + s + "])"), nil
	case kindCounter:
		if d.m.live == 0 {
			return py.String(name + "()"), nil
		}
		items, err := d.byCount()
		if err != nil {
			items = d.m.items() // counts that do not order: insertion order, as CPython
		}
		s, err := reprPairs(items)
		if err != nil {
			return nil, err
		}
		return py.String(name + "({" + s + "})"), nil
	}
	f, err := repr(d.factory)
	if err != nil {
		return nil, err
	}
	s, err := reprPairs(d.m.items())
	if err != nil {
		return nil, err
	}
	return py.String(name + "(" + f + ", {" + s + "})"), nil
}

// reprPairs renders (key, value) tuples as `k: v, ...`.
func reprPairs(items []py.Object) (string, error) {
	var b strings.Builder
	for i, it := range items {
		kv := it.(py.Tuple)
		if i > 0 {
			b.WriteString(", ")
		}
		k, err := repr(kv[0])
		if err != nil {
			return "", err
		}
		v, err := repr(kv[1])
		if err != nil {
			return "", err
		}
		b.WriteString(k)
		b.WriteString(": ")
		b.WriteString(v)
	}
	return b.String(), nil
}

// byCount is the items sorted by value, largest first, ties in insertion
// order (Counter.most_common and Counter's repr).
func (d *Mapping) byCount() ([]py.Object, error) {
	items := d.m.items()
	var sortErr error
	sort.SliceStable(items, func(i, j int) bool {
		if sortErr != nil {
			return false
		}
		gt, err := py.Gt(items[i].(py.Tuple)[1], items[j].(py.Tuple)[1])
		if err != nil {
			sortErr = err
			return false
		}
		return gt == py.True
	})
	return items, sortErr
}

func (d *Mapping) M__eq__(other py.Object) (py.Object, error) {
	res, err := d.equal(other)
	if err != nil || res == py.NotImplemented {
		return res, err
	}
	return res, nil
}

func (d *Mapping) M__ne__(other py.Object) (py.Object, error) {
	res, err := d.equal(other)
	if err != nil || res == py.NotImplemented {
		return res, err
	}
	return py.NewBool(res == py.False), nil
}

func (d *Mapping) equal(other py.Object) (py.Object, error) {
	var om *omap
	switch o := other.(type) {
	case *Mapping:
		if d.kind == kindCounter && o.kind == kindCounter {
			return counterEqual(d, o)
		}
		if d.kind == kindOrderedDict && o.kind == kindOrderedDict {
			return orderedEqual(d.m, o.m)
		}
		om = o.m
	case py.StringDict:
		var err error
		if om, err = omapFromStringDict(o); err != nil {
			return nil, err
		}
	default:
		return py.NotImplemented, nil
	}
	if om.live != d.m.live {
		return py.False, nil
	}
	for _, e := range d.m.entries {
		if e.dead {
			continue
		}
		v, ok, err := om.get(e.key)
		if err != nil {
			return nil, err
		}
		if !ok {
			return py.False, nil
		}
		if same, err := eq(e.val, v); err != nil || !same {
			return py.False, err
		}
	}
	return py.True, nil
}

func orderedEqual(a, b *omap) (py.Object, error) {
	if a.live != b.live {
		return py.False, nil
	}
	ai, bi := a.items(), b.items()
	for i := range ai {
		x, y := ai[i].(py.Tuple), bi[i].(py.Tuple)
		for j := 0; j < 2; j++ {
			if same, err := eq(x[j], y[j]); err != nil || !same {
				return py.False, err
			}
		}
	}
	return py.True, nil
}

// counterEqual is Counter.__eq__ since 3.10: missing elements count as 0.
func counterEqual(a, b *Mapping) (py.Object, error) {
	for _, pair := range [][2]*Mapping{{a, b}, {b, a}} {
		for _, e := range pair[0].m.entries {
			if e.dead {
				continue
			}
			v, err := pair[1].M__getitem__(e.key)
			if err != nil {
				return nil, err
			}
			if same, err := eq(e.val, v); err != nil || !same {
				return py.False, err
			}
		}
	}
	return py.True, nil
}

func omapFromStringDict(sd py.StringDict) (*omap, error) {
	m := newOmap()
	for _, k := range sortedKeys(sd) {
		if _, err := m.set(py.String(k), sd[k]); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// sortedKeys is how this package orders a gpython dict, whose own order
// is random: by key.
func sortedKeys(sd py.StringDict) []string {
	keys := make([]string, 0, len(sd))
	for k := range sd {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// update merges a mapping, an iterable of pairs, then keyword arguments
// (dict.update). Counter adds counts instead (see counterUpdate).
func (d *Mapping) update(fn string, other py.Object, kwargs py.StringDict) error {
	if other != nil {
		if err := eachPair(fn, other, func(k, v py.Object) error { return d.setItem(k, v) }); err != nil {
			return err
		}
	}
	for _, k := range sortedKeys(kwargs) {
		if err := d.setItem(py.String(k), kwargs[k]); err != nil {
			return err
		}
	}
	return nil
}

// eachPair visits the (key, value) pairs of a mapping or of an iterable
// of 2-item sequences, as dict(x) and dict.update(x) accept.
func eachPair(fn string, other py.Object, visit func(k, v py.Object) error) error {
	switch o := other.(type) {
	case *Mapping:
		for _, kv := range o.m.items() {
			if err := visit(kv.(py.Tuple)[0], kv.(py.Tuple)[1]); err != nil {
				return err
			}
		}
		return nil
	case py.StringDict:
		for _, k := range sortedKeys(o) {
			if err := visit(py.String(k), o[k]); err != nil {
				return err
			}
		}
		return nil
	}
	if keysFn, err := py.GetAttrString(other, "keys"); err == nil {
		keys, err := py.Call(keysFn, nil, nil)
		if err != nil {
			return err
		}
		return iterate(keys, func(k py.Object) (bool, error) {
			v, err := py.GetItem(other, k)
			if err != nil {
				return false, err
			}
			return true, visit(k, v)
		})
	}
	n := 0
	return iterate(other, func(item py.Object) (bool, error) {
		pair, err := toSlice(item)
		if err != nil {
			return false, py.ExceptionNewf(py.TypeError, "cannot convert dictionary update sequence element #%d to a sequence", n)
		}
		if len(pair) != 2 {
			return false, py.ExceptionNewf(py.ValueError, "dictionary update sequence element #%d has length %d; 2 is required", n, len(pair))
		}
		n++
		return true, visit(pair[0], pair[1])
	})
}

// mapSelf checks the receiver of a method taken from one of the classes.
func mapSelf(fn string, self py.Object) (*Mapping, error) {
	d, ok := self.(*Mapping)
	if !ok {
		return nil, py.ExceptionNewf(py.TypeError, "descriptor '%s' requires a mapping object but received a '%s'", fn, typeName(self))
	}
	return d, nil
}

const (
	viewKeys = iota
	viewValues
	viewItems
)

// mapView is dict_keys / dict_values / dict_items (odict_* for
// OrderedDict): a live view over the mapping.
type mapView struct {
	d     *Mapping
	which int
}

func (v *mapView) Type() *py.Type {
	k := 0
	if v.d.kind == kindOrderedDict {
		k = 1
	}
	switch v.which {
	case viewValues:
		return valuesViewTypes[k]
	case viewItems:
		return itemsViewTypes[k]
	}
	return keysViewTypes[k]
}

func (v *mapView) M__len__() (py.Object, error) { return py.Int(v.d.m.live), nil }

func (v *mapView) M__iter__() (py.Object, error) {
	return &mapIter{d: v.d, which: v.which, version: v.d.version}, nil
}

func (v *mapView) M__reversed__() (py.Object, error) {
	return &mapIter{d: v.d, which: v.which, version: v.d.version, reverse: true, pos: len(v.d.m.entries) - 1}, nil
}

func (v *mapView) M__contains__(item py.Object) (py.Object, error) {
	switch v.which {
	case viewKeys:
		return v.d.M__contains__(item)
	case viewItems:
		t, ok := item.(py.Tuple)
		if !ok || len(t) != 2 {
			return py.False, nil
		}
		val, found, err := v.d.m.get(t[0])
		if err != nil || !found {
			return py.False, err
		}
		same, err := eq(val, t[1])
		return py.NewBool(same), err
	}
	for _, val := range v.d.m.values() {
		if same, err := eq(val, item); err != nil || same {
			return py.NewBool(same), err
		}
	}
	return py.False, nil
}

func (v *mapView) M__repr__() (py.Object, error) {
	var items []py.Object
	switch v.which {
	case viewKeys:
		items = v.d.m.keys()
	case viewValues:
		items = v.d.m.values()
	default:
		items = v.d.m.items()
	}
	s, err := reprJoin(items)
	if err != nil {
		return nil, err
	}
	return py.String(v.Type().Name + "([" + s + "])"), nil
}

func (v *mapView) M__eq__(other py.Object) (py.Object, error) {
	o, ok := other.(*mapView)
	if !ok || o.which != v.which || v.which == viewValues {
		return py.NotImplemented, nil
	}
	if o.d.m.live != v.d.m.live {
		return py.False, nil
	}
	for _, item := range o.d.m.keys() {
		if v.which == viewItems {
			val, _, _ := o.d.m.get(item)
			item = py.Tuple{item, val}
		}
		in, err := v.M__contains__(item)
		if err != nil || in == py.False {
			return py.False, err
		}
	}
	return py.True, nil
}

// mapIter iterates a mapping or a view; it fails, as CPython does, once
// the mapping gained or lost keys.
type mapIter struct {
	d       *Mapping
	which   int
	pos     int
	version int
	reverse bool
}

func (it *mapIter) Type() *py.Type { return mapIterType }

func (it *mapIter) M__iter__() (py.Object, error) { return it, nil }

func (it *mapIter) M__next__() (py.Object, error) {
	if it.version != it.d.version {
		it.pos = len(it.d.m.entries) // stays exhausted
		if it.d.kind == kindOrderedDict {
			return nil, py.ExceptionNewf(py.RuntimeError, "OrderedDict mutated during iteration")
		}
		return nil, py.ExceptionNewf(py.RuntimeError, "dictionary changed size during iteration")
	}
	entries := it.d.m.entries
	for it.pos >= 0 && it.pos < len(entries) {
		e := entries[it.pos]
		if it.reverse {
			it.pos--
		} else {
			it.pos++
		}
		if e.dead {
			continue
		}
		switch it.which {
		case viewValues:
			return e.val, nil
		case viewItems:
			return py.Tuple{e.key, e.val}, nil
		}
		return e.key, nil
	}
	return nil, py.StopIteration
}
