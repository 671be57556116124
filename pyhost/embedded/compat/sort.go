package compat

import (
	"github.com/go-python/gpython/py"
)

// sortObjects sorts items in place with CPython's semantics: stable,
// ordered by `<` only (see compareOp), key called exactly once per item,
// reverse keeping equal items in their original order. On error items
// are left unchanged.
func sortObjects(items []py.Object, key py.Object, reverse bool) (err error) {
	defer recoverTo("sort", &err)
	n := len(items)
	if err := checkNoNil("sort", items); err != nil {
		return err
	}
	keys := items
	if key != nil && key != py.None {
		keys = make([]py.Object, n)
		for i, it := range items {
			k, err := py.Call(key, py.Tuple{it}, nil)
			if err != nil {
				return err
			}
			if k == nil {
				return errNil("sort key")
			}
			keys[i] = k
		}
	}
	if n < 2 {
		return nil
	}
	less := lessFunc(keys, reverse)
	var firstErr error
	wrapped := func(i, j int) bool {
		if firstErr != nil {
			return false
		}
		lt, err := less(i, j)
		if err != nil {
			firstErr = err
			return false
		}
		return lt
	}
	perm := make([]int, n)
	for i := range perm {
		perm[i] = i
	}
	mergeSort(perm, make([]int, n), wrapped)
	if firstErr != nil {
		return firstErr
	}
	sorted := make([]py.Object, n)
	for i, p := range perm {
		sorted[i] = items[p]
	}
	copy(items, sorted)
	return nil
}

// lessFunc picks a comparison for the keys: a native one when they are
// all ints or all strs (the common cases), the general one otherwise.
func lessFunc(keys []py.Object, reverse bool) func(i, j int) (bool, error) {
	allInt, allStr := true, true
	for _, k := range keys {
		switch k.(type) {
		case py.Int:
			allStr = false
		case py.String:
			allInt = false
		default:
			allInt, allStr = false, false
		}
		if !allInt && !allStr {
			break
		}
	}
	switch {
	case allInt:
		ints := make([]int64, len(keys))
		for i, k := range keys {
			ints[i] = int64(k.(py.Int))
		}
		if reverse {
			return func(i, j int) (bool, error) { return ints[j] < ints[i], nil }
		}
		return func(i, j int) (bool, error) { return ints[i] < ints[j], nil }
	case allStr:
		strs := make([]string, len(keys))
		for i, k := range keys {
			strs[i] = string(k.(py.String))
		}
		if reverse {
			return func(i, j int) (bool, error) { return strs[j] < strs[i], nil }
		}
		return func(i, j int) (bool, error) { return strs[i] < strs[j], nil }
	}
	if reverse {
		return func(i, j int) (bool, error) { return lessThan(keys[j], keys[i]) }
	}
	return func(i, j int) (bool, error) { return lessThan(keys[i], keys[j]) }
}

// mergeSort sorts the index permutation a stably: insertion-sorted runs
// merged bottom-up, O(n log n) calls to less.
func mergeSort(a, tmp []int, less func(i, j int) bool) {
	const run = 12
	n := len(a)
	for lo := 0; lo < n; lo += run {
		hi := min(lo+run, n)
		for i := lo + 1; i < hi; i++ {
			for j := i; j > lo && less(a[j], a[j-1]); j-- {
				a[j], a[j-1] = a[j-1], a[j]
			}
		}
	}
	src, dst := a, tmp
	for width := run; width < n; width *= 2 {
		for lo := 0; lo < n; lo += 2 * width {
			mid := min(lo+width, n)
			hi := min(lo+2*width, n)
			i, j, k := lo, mid, lo
			// Skip the merge when the halves are already in order.
			if mid < hi && !less(src[mid], src[mid-1]) {
				copy(dst[lo:hi], src[lo:hi])
				continue
			}
			for i < mid && j < hi {
				// Take from the right only when strictly smaller: stable.
				if less(src[j], src[i]) {
					dst[k] = src[j]
					j++
				} else {
					dst[k] = src[i]
					i++
				}
				k++
			}
			k += copy(dst[k:], src[i:mid])
			copy(dst[k:], src[j:hi])
		}
		src, dst = dst, src
	}
	if &src[0] != &a[0] {
		copy(a, src)
	}
}

var sortArgs = argParser{fname: "sort", names: []string{"*", "key", "reverse"}}

// listSort is list.sort(*, key=None, reverse=False).
func listSort(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	l, ok := self.(*py.List)
	if !ok {
		return nil, typeErrorf("descriptor 'sort' for 'list' objects doesn't apply to a '%s' object", typeName(self))
	}
	if len(args) != 0 {
		return nil, typeErrorf("sort() takes no positional arguments")
	}
	var key, reverse py.Object
	if err := sortArgs.parse(args, kwargs, &key, &reverse); err != nil {
		return nil, err
	}
	rev, err := optTruth(reverse)
	if err != nil {
		return nil, err
	}
	// Sort a copy so a key function that mutates the list cannot corrupt
	// the sort (CPython raises ValueError in that case).
	items := append([]py.Object(nil), l.Items...)
	if err := sortObjects(items, key, rev); err != nil {
		return nil, err
	}
	if len(l.Items) != len(items) {
		return nil, valueErrorf("list modified during sort")
	}
	copy(l.Items, items)
	return py.None, nil
}

func optTruth(o py.Object) (bool, error) {
	if o == nil {
		return false, nil
	}
	return truth(o)
}

var sortedArgs = argParser{fname: "sorted", names: []string{"iterable", "*", "key", "reverse"}, nreq: 1}

// builtinSorted is sorted(iterable, /, *, key=None, reverse=False).
func builtinSorted(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	if len(args) != 1 {
		return nil, typeErrorf("sorted expected 1 argument, got %d", len(args))
	}
	var iterable, key, reverse py.Object
	if err := sortedArgs.parse(args, kwargs, &iterable, &key, &reverse); err != nil {
		return nil, err
	}
	rev, err := optTruth(reverse)
	if err != nil {
		return nil, err
	}
	items, err := toSlice(iterable)
	if err != nil {
		return nil, err
	}
	if err := sortObjects(items, key, rev); err != nil {
		return nil, err
	}
	return &py.List{Items: items}, nil
}

// minMax is min() and max(): one iterable or several arguments, key=
// computed once per item, default= for an empty iterable, the first of
// equal extremes kept.
func minMax(name string, op cmpOp) func(py.Object, py.Tuple, py.StringDict) (py.Object, error) {
	return func(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		var key, dflt py.Object
		for k, v := range kwargs {
			switch k {
			case "key":
				key = v
			case "default":
				dflt = v
			default:
				return nil, typeErrorf("%s() got an unexpected keyword argument '%s'", name, k)
			}
		}
		if len(args) == 0 {
			return nil, typeErrorf("%s expected at least 1 argument, got 0", name)
		}
		var source py.Object = args
		if len(args) == 1 {
			source = args[0]
		} else if dflt != nil {
			return nil, typeErrorf("Cannot specify a default for %s() with multiple positional arguments", name)
		}
		if key == py.None {
			key = nil
		}
		var best, bestKey py.Object
		err := iterate(source, func(item py.Object) (bool, error) {
			k := item
			if key != nil {
				var err error
				if k, err = py.Call(key, py.Tuple{item}, nil); err != nil {
					return true, err
				}
			}
			if best == nil {
				best, bestKey = item, k
				return false, nil
			}
			better, err := compareOp(k, bestKey, op)
			if err != nil {
				return true, err
			}
			if better {
				best, bestKey = item, k
			}
			return false, nil
		})
		if err != nil {
			return nil, err
		}
		if best == nil {
			if dflt != nil {
				return dflt, nil
			}
			return nil, valueErrorf("%s() arg is an empty sequence", name)
		}
		return best, nil
	}
}
