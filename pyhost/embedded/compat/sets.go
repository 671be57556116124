package compat

import (
	"reflect"

	"github.com/go-python/gpython/py"
)

// gpython's set keeps its items in an unexported Go map keyed by the
// objects themselves. From outside the only operations are Add, Update,
// iteration and the &|-^ operators (which build new sets), so removing
// an item rebuilds the map (O(n)) and replaces the set's contents by
// struct assignment. A tuple or bytes object cannot be a Go map key
// (gpython panics with "hash of unhashable type py.Tuple"), so it is
// refused with a TypeError before it reaches the map.

// setKey checks that o can go into a gpython set.
func setKey(o py.Object) error {
	switch o.(type) {
	case nil:
		return errNil("set")
	case *py.List, py.StringDict, *py.Set, *transTable:
		return typeErrorf("unhashable type: '%s'", typeName(o))
	}
	if t := reflect.TypeOf(o); t != nil && !t.Comparable() {
		// Tuples and bytes are Go slices: gpython's set map would panic.
		return typeErrorf("the embedded host's sets cannot hold %s objects (gpython cannot hash them)", typeName(o))
	}
	if inst := userInstance(o); inst != nil {
		cls := inst.Type()
		if fn := userSpecial(cls, "__hash__"); fn == py.None {
			return typeErrorf("unhashable type: '%s'", cls.Name)
		}
	}
	return nil
}

// setHas tests membership through the Go map (O(1)); what setKey
// refuses cannot be in the set.
func setHas(s *py.Set, o py.Object) bool {
	if setKey(o) != nil {
		return false
	}
	res, err := s.M__and__(py.NewSetFromItems([]py.Object{o}))
	if err != nil {
		return false
	}
	n, err := res.(*py.Set).M__len__()
	return err == nil && n.(py.Int) > 0
}

// asSet views a set or frozenset as its *py.Set.
func asSet(o py.Object) (*py.Set, bool) {
	switch x := o.(type) {
	case *py.Set:
		return x, true
	case *py.FrozenSet:
		return &x.Set, true
	}
	return nil, false
}

// setMembers returns the items of a set without copying them into a
// Python object.
func setMembers(s *py.Set) []py.Object {
	it, err := s.M__iter__()
	if err != nil {
		return nil
	}
	items, _ := toSlice(it)
	return items
}

// newSetOf builds a set from items after checking each of them.
func newSetOf(items []py.Object) (*py.Set, error) {
	for _, it := range items {
		if err := setKey(it); err != nil {
			return nil, err
		}
	}
	return py.NewSetFromItems(items), nil
}

// otherSet turns an argument of a set method into a *py.Set (any
// iterable is accepted, as in CPython).
func otherSet(o py.Object) (*py.Set, error) {
	if s, ok := asSet(o); ok {
		return s, nil
	}
	items, err := toSlice(o)
	if err != nil {
		return nil, err
	}
	return newSetOf(items)
}

// replaceSet makes s hold exactly items.
func replaceSet(s *py.Set, items []py.Object) {
	*s = *py.NewSetFromItems(items)
}

func selfSet(self py.Object, name string) (*py.Set, error) {
	if s, ok := asSet(self); ok {
		return s, nil
	}
	return nil, typeErrorf("descriptor '%s' for 'set' objects doesn't apply to a '%s' object", name, typeName(self))
}

// wrapLike returns s as a frozenset when self is one.
func wrapLike(self py.Object, s *py.Set) py.Object {
	if _, ok := self.(*py.FrozenSet); ok {
		return &py.FrozenSet{Set: *s}
	}
	return s
}

func installSetMethods() {
	st, ft := py.SetType, py.FrozenSetType
	both := func(m *py.Method) {
		addMissing(st, m)
		addMissing(ft, m)
	}
	// gpython's add panics on a tuple; this one refuses it cleanly.
	st.Dict["add"] = method("add", "Add an element to a set.", func(self py.Object, args py.Tuple, _ py.StringDict) (py.Object, error) {
		s, ok := self.(*py.Set)
		if !ok {
			return nil, typeErrorf("descriptor 'add' for 'set' objects doesn't apply to a '%s' object", typeName(self))
		}
		if err := nargs("add", args, 1, 1); err != nil {
			return nil, err
		}
		if err := setKey(args[0]); err != nil {
			return nil, err
		}
		s.Add(args[0])
		return py.None, nil
	})
	remove := func(name string, missingErr bool) *py.Method {
		return method(name, "Remove an element from a set.", func(self py.Object, args py.Tuple, _ py.StringDict) (py.Object, error) {
			s, ok := self.(*py.Set)
			if !ok {
				return nil, typeErrorf("descriptor '%s' for 'set' objects doesn't apply to a '%s' object", name, typeName(self))
			}
			if err := nargs(name, args, 1, 1); err != nil {
				return nil, err
			}
			x := args[0]
			if x == nil {
				return nil, errNil(name)
			}
			if err := setKey(x); err != nil && reflect.TypeOf(x).Comparable() {
				return nil, err // unhashable in CPython too
			}
			if !setHas(s, x) {
				if missingErr {
					return nil, newException(py.KeyError, x)
				}
				return py.None, nil
			}
			res, _ := s.M__sub__(py.NewSetFromItems([]py.Object{x}))
			*s = *res.(*py.Set)
			return py.None, nil
		})
	}
	addMissing(st, remove("discard", false))
	addMissing(st, remove("remove", true))
	addMissing(st, method("pop", "Remove and return an arbitrary set element.", func(self py.Object, args py.Tuple, _ py.StringDict) (py.Object, error) {
		s, ok := self.(*py.Set)
		if !ok {
			return nil, typeErrorf("descriptor 'pop' for 'set' objects doesn't apply to a '%s' object", typeName(self))
		}
		if err := nargs("pop", args, 0, 0); err != nil {
			return nil, err
		}
		items := setMembers(s)
		if len(items) == 0 {
			return nil, newException(py.KeyError, py.String("pop from an empty set"))
		}
		// The order is arbitrary in CPython too; take the smallest when
		// the items are orderable so the choice is reproducible.
		pick := 0
		for i := 1; i < len(items); i++ {
			lt, err := lessThan(items[i], items[pick])
			if err != nil {
				break
			}
			if lt {
				pick = i
			}
		}
		v := items[pick]
		replaceSet(s, append(items[:pick:pick], items[pick+1:]...))
		return v, nil
	}))
	addMissing(st, method("clear", "Remove all elements from this set.", func(self py.Object, args py.Tuple, _ py.StringDict) (py.Object, error) {
		s, ok := self.(*py.Set)
		if !ok {
			return nil, typeErrorf("descriptor 'clear' for 'set' objects doesn't apply to a '%s' object", typeName(self))
		}
		if err := nargs("clear", args, 0, 0); err != nil {
			return nil, err
		}
		*s = *py.NewSet()
		return py.None, nil
	}))
	addMissing(st, method("update", "Update a set with the union of itself and others.", func(self py.Object, args py.Tuple, _ py.StringDict) (py.Object, error) {
		s, ok := self.(*py.Set)
		if !ok {
			return nil, typeErrorf("descriptor 'update' for 'set' objects doesn't apply to a '%s' object", typeName(self))
		}
		for _, a := range args {
			o, err := otherSet(a)
			if err != nil {
				return nil, err
			}
			s.Update(setMembers(o))
		}
		return py.None, nil
	}))
	inPlace := func(name string, op func(a, b *py.Set) (*py.Set, error)) {
		addMissing(st, method(name, "Update a set in place ("+name+").", func(self py.Object, args py.Tuple, _ py.StringDict) (py.Object, error) {
			s, ok := self.(*py.Set)
			if !ok {
				return nil, typeErrorf("descriptor '%s' for 'set' objects doesn't apply to a '%s' object", name, typeName(self))
			}
			cur := s
			for _, a := range args {
				o, err := otherSet(a)
				if err != nil {
					return nil, err
				}
				if cur, err = op(cur, o); err != nil {
					return nil, err
				}
			}
			*s = *cur
			return py.None, nil
		}))
	}
	combine := func(name string, variadic bool, op func(a, b *py.Set) (*py.Set, error)) {
		both(method(name, "Return the "+name+" of sets as a new set.", func(self py.Object, args py.Tuple, _ py.StringDict) (py.Object, error) {
			s, err := selfSet(self, name)
			if err != nil {
				return nil, err
			}
			if !variadic {
				if err := nargs(name, args, 1, 1); err != nil {
					return nil, err
				}
			}
			cur := py.NewSetFromItems(setMembers(s))
			for _, a := range args {
				o, err := otherSet(a)
				if err != nil {
					return nil, err
				}
				if cur, err = op(cur, o); err != nil {
					return nil, err
				}
			}
			return wrapLike(self, cur), nil
		}))
	}
	and := func(a, b *py.Set) (*py.Set, error) { r, err := a.M__and__(b); return asPySet(r, err) }
	or := func(a, b *py.Set) (*py.Set, error) { r, err := a.M__or__(b); return asPySet(r, err) }
	sub := func(a, b *py.Set) (*py.Set, error) { r, err := a.M__sub__(b); return asPySet(r, err) }
	xor := func(a, b *py.Set) (*py.Set, error) { r, err := a.M__xor__(b); return asPySet(r, err) }
	combine("union", true, or)
	combine("intersection", true, and)
	combine("difference", true, sub)
	combine("symmetric_difference", false, xor)
	inPlace("intersection_update", and)
	inPlace("difference_update", sub)
	inPlace("symmetric_difference_update", xor)

	relation := func(name string, test func(a, b *py.Set) bool) {
		both(method(name, "Report whether the sets satisfy "+name+".", func(self py.Object, args py.Tuple, _ py.StringDict) (py.Object, error) {
			s, err := selfSet(self, name)
			if err != nil {
				return nil, err
			}
			if err := nargs(name, args, 1, 1); err != nil {
				return nil, err
			}
			o, err := otherSet(args[0])
			if err != nil {
				return nil, err
			}
			return py.NewBool(test(s, o)), nil
		}))
	}
	subset := func(a, b *py.Set) bool {
		for _, x := range setMembers(a) {
			if !setHas(b, x) {
				return false
			}
		}
		return true
	}
	relation("issubset", subset)
	relation("issuperset", func(a, b *py.Set) bool { return subset(b, a) })
	relation("isdisjoint", func(a, b *py.Set) bool {
		for _, x := range setMembers(a) {
			if setHas(b, x) {
				return false
			}
		}
		return true
	})
	both(method("copy", "Return a shallow copy of a set.", func(self py.Object, args py.Tuple, _ py.StringDict) (py.Object, error) {
		s, err := selfSet(self, "copy")
		if err != nil {
			return nil, err
		}
		if err := nargs("copy", args, 0, 0); err != nil {
			return nil, err
		}
		if _, frozen := self.(*py.FrozenSet); frozen {
			return self, nil
		}
		return py.NewSetFromItems(setMembers(s)), nil
	}))

	ft.New = func(_ *py.Type, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		if err := noKwargs("frozenset", kwargs); err != nil {
			return nil, err
		}
		if err := nargs("frozenset", args, 0, 1); err != nil {
			return nil, err
		}
		if len(args) == 0 {
			return py.NewFrozenSet(), nil
		}
		items, err := toSlice(args[0])
		if err != nil {
			return nil, err
		}
		s, err := newSetOf(items)
		if err != nil {
			return nil, err
		}
		return &py.FrozenSet{Set: *s}, nil
	}
	st.New = func(_ *py.Type, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		if err := noKwargs("set", kwargs); err != nil {
			return nil, err
		}
		if err := nargs("set", args, 0, 1); err != nil {
			return nil, err
		}
		if len(args) == 0 {
			return py.NewSet(), nil
		}
		items, err := toSlice(args[0])
		if err != nil {
			return nil, err
		}
		return newSetOf(items)
	}
}

func asPySet(r py.Object, err error) (*py.Set, error) {
	if err != nil {
		return nil, err
	}
	s, ok := r.(*py.Set)
	if !ok {
		return nil, typeErrorf("set operation returned '%s'", typeName(r))
	}
	return s, nil
}
