package pystdlib

import (
	"github.com/go-python/gpython/py"
)

// The itertools module. Every function returns a lazy Go iterator
// (lazyIter) whose step is a closure; pools that CPython materialises
// (product, permutations, combinations, cycle) are materialised here too.

// lazyIter is a Python iterator driven by a Go closure. Once the closure
// reports the end (StopIteration) or fails, the iterator stays exhausted.
type lazyIter struct {
	typ  *py.Type
	step func() (py.Object, error)
	rep  func() (string, error) // optional repr
	done bool
}

func (it *lazyIter) Type() *py.Type { return it.typ }

func (it *lazyIter) M__iter__() (py.Object, error) { return it, nil }

func (it *lazyIter) M__next__() (py.Object, error) {
	if it.done {
		return nil, py.StopIteration
	}
	o, err := it.step()
	if err != nil {
		it.done = true
		if isStop(err) {
			return nil, py.StopIteration
		}
		return nil, err
	}
	return o, nil
}

func (it *lazyIter) M__repr__() (py.Object, error) {
	if it.rep != nil {
		s, err := it.rep()
		return py.String(s), err
	}
	return py.String("<itertools." + it.typ.Name + " object>"), nil
}

var iterTypes = map[string]*py.Type{}

func iterType(name string) *py.Type {
	t := iterTypes[name]
	if t == nil {
		panic("pystdlib: unknown itertools type " + name)
	}
	return t
}

func newLazy(name string, step func() (py.Object, error)) *lazyIter {
	return &lazyIter{typ: iterType(name), step: step}
}

// itertoolsFuncs maps each public name to its constructor.
var itertoolsFuncs = map[string]func(args py.Tuple, kwargs py.StringDict) (py.Object, error){
	"chain":                         itChain,
	"groupby":                       itGroupby,
	"islice":                        itIslice,
	"product":                       itProduct,
	"permutations":                  itPermutations,
	"combinations":                  itCombinations,
	"combinations_with_replacement": itCombinationsWR,
	"count":                         itCount,
	"repeat":                        itRepeat,
	"cycle":                         itCycle,
	"zip_longest":                   itZipLongest,
	"starmap":                       itStarmap,
	"accumulate":                    itAccumulate,
	"takewhile":                     itTakewhile,
	"dropwhile":                     itDropwhile,
	"filterfalse":                   itFilterfalse,
	"tee":                           itTee,
	"pairwise":                      itPairwise,
	"compress":                      itCompress,
}

func initItertools() py.StringDict {
	globals := py.StringDict{}
	for name, ctor := range itertoolsFuncs {
		ctor := ctor
		t := newGoType(name, "", func(_ *py.Type, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
			return ctor(args, kwargs)
		})
		t.Dict["__module__"] = py.String("itertools")
		iterTypes[name] = t
		globals[name] = t
	}
	iterTypes["_grouper"] = newGoType("_grouper", "", nil)
	iterTypes["_tee"] = newGoType("_tee", "", nil)
	iterTypes["callable_iterator"] = newGoType("callable_iterator", "", nil) // re.finditer
	iterTypes["chain"].Dict["from_iterable"] = classMethod("from_iterable", "Alternative chain() constructor taking a single iterable argument that evaluates lazily.",
		func(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
			var src py.Object
			if err := bindArgs("from_iterable", args, kwargs, []string{"iterable"}, 1, 1, &src); err != nil {
				return nil, err
			}
			outer, err := py.Iter(src)
			if err != nil {
				return nil, err
			}
			return chainOver(outer), nil
		})
	return globals
}

func positional(fn string, kwargs py.StringDict) error { return noKwargs(fn, kwargs) }

func itChain(args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	if err := positional("chain", kwargs); err != nil {
		return nil, err
	}
	return chainOver(py.NewIterator(append(py.Tuple(nil), args...))), nil
}

// chainOver yields the items of each iterable the outer iterator yields.
func chainOver(outer py.Object) *lazyIter {
	var cur py.Object
	return newLazy("chain", func() (py.Object, error) {
		for {
			if cur == nil {
				src, ok, err := next(outer)
				if err != nil {
					return nil, err
				}
				if !ok {
					return nil, py.StopIteration
				}
				if cur, err = py.Iter(src); err != nil {
					return nil, err
				}
			}
			o, ok, err := next(cur)
			if err != nil {
				return nil, err
			}
			if ok {
				return o, nil
			}
			cur = nil
		}
	})
}

// groupby follows CPython's reference implementation: the groupers share
// the underlying iterator, and advancing the outer iterator ends the
// previous grouper.
type groupbyState struct {
	it                     py.Object
	keyfn                  py.Object
	tgtkey, currkey, value py.Object
	hasCurr, hasTgt        bool
	id                     int
}

func (g *groupbyState) advance() error {
	v, ok, err := next(g.it)
	if err != nil {
		return err
	}
	if !ok {
		return py.StopIteration
	}
	k := v
	if !isNone(g.keyfn) {
		if k, err = py.Call(g.keyfn, py.Tuple{v}, nil); err != nil {
			return err
		}
	}
	g.value, g.currkey, g.hasCurr = v, k, true
	return nil
}

func (g *groupbyState) sameKey() (bool, error) {
	if !g.hasCurr || !g.hasTgt {
		return false, nil
	}
	return eq(g.currkey, g.tgtkey)
}

func itGroupby(args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	var iterable, key py.Object
	if err := bindArgs("groupby", args, kwargs, []string{"iterable", "key"}, 1, 2, &iterable, &key); err != nil {
		return nil, err
	}
	it, err := py.Iter(iterable)
	if err != nil {
		return nil, err
	}
	g := &groupbyState{it: it, keyfn: key}
	return newLazy("groupby", func() (py.Object, error) {
		g.id++
		for {
			if !g.hasCurr {
				if err := g.advance(); err != nil {
					return nil, err
				}
				continue
			}
			same, err := g.sameKey()
			if err != nil {
				return nil, err
			}
			if !same {
				break
			}
			if err := g.advance(); err != nil {
				return nil, err
			}
		}
		g.tgtkey, g.hasTgt = g.currkey, true
		id, tgt := g.id, g.tgtkey
		first := true
		grouper := &lazyIter{typ: iterType("_grouper"), step: func() (py.Object, error) {
			if g.id != id {
				return nil, py.StopIteration
			}
			if !first {
				if err := g.advance(); err != nil {
					if isStop(err) {
						g.hasCurr = false
					}
					return nil, err
				}
			}
			first = false
			same, err := eq(g.currkey, tgt)
			if err != nil {
				return nil, err
			}
			if !same || !g.hasCurr {
				return nil, py.StopIteration
			}
			return g.value, nil
		}}
		return py.Tuple{g.currkey, grouper}, nil
	}), nil
}

func islicePart(o py.Object, what string) (int, error) {
	if isNone(o) {
		return -1, nil
	}
	n, err := asInt(o, what)
	if err != nil || n < 0 {
		if what == "stop" {
			return 0, py.ExceptionNewf(py.ValueError, "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.")
		}
		return 0, py.ExceptionNewf(py.ValueError, "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.")
	}
	return n, nil
}

func itIslice(args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	if err := positional("islice", kwargs); err != nil {
		return nil, err
	}
	switch {
	case len(args) < 2:
		return nil, py.ExceptionNewf(py.TypeError, "islice expected at least 2 arguments, got %d", len(args))
	case len(args) > 4:
		return nil, py.ExceptionNewf(py.TypeError, "islice expected at most 4 arguments, got %d", len(args))
	}
	start, stop, step := 0, -1, 1
	var err error
	if len(args) == 2 {
		if stop, err = islicePart(args[1], "stop"); err != nil {
			return nil, err
		}
	} else {
		if start, err = islicePart(args[1], "start"); err != nil {
			return nil, err
		}
		if start < 0 {
			start = 0
		}
		if stop, err = islicePart(args[2], "stop"); err != nil {
			return nil, err
		}
		if len(args) == 4 && !isNone(args[3]) {
			if step, err = asInt(args[3], "step"); err != nil || step <= 0 {
				return nil, py.ExceptionNewf(py.ValueError, "Step for islice() must be a positive integer or None.")
			}
		}
	}
	it, err := py.Iter(args[0])
	if err != nil {
		return nil, err
	}
	cnt, nxt := 0, start
	return newLazy("islice", func() (py.Object, error) {
		for cnt < nxt {
			_, ok, err := next(it)
			if err != nil {
				return nil, err
			}
			if !ok {
				return nil, py.StopIteration
			}
			cnt++
		}
		if stop != -1 && cnt >= stop {
			return nil, py.StopIteration
		}
		o, ok, err := next(it)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, py.StopIteration
		}
		cnt++
		nxt += step
		if stop != -1 && nxt > stop {
			nxt = stop
		}
		return o, nil
	}), nil
}

func itProduct(args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	repeat := 1
	for k, v := range kwargs {
		if k != "repeat" {
			return nil, py.ExceptionNewf(py.TypeError, "product() got an unexpected keyword argument '%s'", k)
		}
		n, err := asInt(v, "repeat")
		if err != nil {
			return nil, err
		}
		if n < 0 {
			return nil, py.ExceptionNewf(py.ValueError, "repeat argument cannot be negative")
		}
		repeat = n
	}
	var pools [][]py.Object
	for _, a := range args {
		p, err := toSlice(a)
		if err != nil {
			return nil, err
		}
		pools = append(pools, p)
	}
	var all [][]py.Object
	for i := 0; i < repeat; i++ {
		all = append(all, pools...)
	}
	idx := make([]int, len(all))
	started, finished := false, false
	for _, p := range all {
		if len(p) == 0 {
			finished = true
		}
	}
	return newLazy("product", func() (py.Object, error) {
		if finished {
			return nil, py.StopIteration
		}
		if started {
			i := len(idx) - 1
			for ; i >= 0; i-- {
				idx[i]++
				if idx[i] < len(all[i]) {
					break
				}
				idx[i] = 0
			}
			if i < 0 {
				finished = true
				return nil, py.StopIteration
			}
		}
		started = true
		out := make(py.Tuple, len(idx))
		for i, j := range idx {
			out[i] = all[i][j]
		}
		return out, nil
	}), nil
}

// rArg parses the r argument of permutations/combinations.
func rArg(o py.Object, def int) (int, error) {
	if isNone(o) {
		return def, nil
	}
	r, err := asInt(o, "r")
	if err != nil {
		return 0, err
	}
	if r < 0 {
		return 0, py.ExceptionNewf(py.ValueError, "r must be non-negative")
	}
	return r, nil
}

func itPermutations(args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	var iterable, rObj py.Object
	if err := bindArgs("permutations", args, kwargs, []string{"iterable", "r"}, 1, 2, &iterable, &rObj); err != nil {
		return nil, err
	}
	pool, err := toSlice(iterable)
	if err != nil {
		return nil, err
	}
	n := len(pool)
	r, err := rArg(rObj, n)
	if err != nil {
		return nil, err
	}
	indices := make([]int, n)
	for i := range indices {
		indices[i] = i
	}
	cycles := make([]int, r)
	for i := range cycles {
		cycles[i] = n - i
	}
	started, finished := false, r > n
	emit := func() py.Object {
		out := make(py.Tuple, r)
		for i := 0; i < r; i++ {
			out[i] = pool[indices[i]]
		}
		return out
	}
	return newLazy("permutations", func() (py.Object, error) {
		if finished {
			return nil, py.StopIteration
		}
		if !started {
			started = true
			return emit(), nil
		}
		for i := r - 1; i >= 0; i-- {
			cycles[i]--
			if cycles[i] == 0 {
				moved := indices[i]
				copy(indices[i:], indices[i+1:])
				indices[n-1] = moved
				cycles[i] = n - i
				continue
			}
			j := cycles[i]
			indices[i], indices[n-j] = indices[n-j], indices[i]
			return emit(), nil
		}
		finished = true
		return nil, py.StopIteration
	}), nil
}

func combos(fn string, args py.Tuple, kwargs py.StringDict, replace bool) (py.Object, error) {
	var iterable, rObj py.Object
	if err := bindArgs(fn, args, kwargs, []string{"iterable", "r"}, 2, 2, &iterable, &rObj); err != nil {
		return nil, err
	}
	pool, err := toSlice(iterable)
	if err != nil {
		return nil, err
	}
	n := len(pool)
	r, err := rArg(rObj, 0)
	if err != nil {
		return nil, err
	}
	indices := make([]int, r)
	if !replace {
		for i := range indices {
			indices[i] = i
		}
	}
	started := false
	finished := (!replace && r > n) || (replace && n == 0 && r > 0)
	return newLazy(fn, func() (py.Object, error) {
		if finished {
			return nil, py.StopIteration
		}
		if started {
			i := r - 1
			if replace {
				for ; i >= 0 && indices[i] == n-1; i-- {
				}
			} else {
				for ; i >= 0 && indices[i] == i+n-r; i-- {
				}
			}
			if i < 0 {
				finished = true
				return nil, py.StopIteration
			}
			if replace {
				v := indices[i] + 1
				for j := i; j < r; j++ {
					indices[j] = v
				}
			} else {
				indices[i]++
				for j := i + 1; j < r; j++ {
					indices[j] = indices[j-1] + 1
				}
			}
		}
		started = true
		out := make(py.Tuple, r)
		for k, j := range indices {
			out[k] = pool[j]
		}
		return out, nil
	}), nil
}

func itCombinations(args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	return combos("combinations", args, kwargs, false)
}

func itCombinationsWR(args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	return combos("combinations_with_replacement", args, kwargs, true)
}

func itCount(args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	var start, step py.Object
	if err := bindArgs("count", args, kwargs, []string{"start", "step"}, 0, 2, &start, &step); err != nil {
		return nil, err
	}
	stepGiven := step != nil
	if start == nil {
		start = py.Int(0)
	}
	if step == nil {
		step = py.Int(1)
	}
	cur := start
	it := newLazy("count", func() (py.Object, error) {
		o := cur
		var err error
		cur, err = py.Add(cur, step)
		return o, err
	})
	it.rep = func() (string, error) {
		s, err := repr(cur)
		if err != nil || !stepGiven {
			return "count(" + s + ")", err
		}
		t, err := repr(step)
		return "count(" + s + ", " + t + ")", err
	}
	return it, nil
}

func itRepeat(args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	var obj, timesObj py.Object
	if err := bindArgs("repeat", args, kwargs, []string{"object", "times"}, 1, 2, &obj, &timesObj); err != nil {
		return nil, err
	}
	times := -1
	if timesObj != nil {
		n, err := asInt(timesObj, "times")
		if err != nil {
			return nil, err
		}
		times = max(n, 0)
	}
	it := newLazy("repeat", func() (py.Object, error) {
		if times == 0 {
			return nil, py.StopIteration
		}
		if times > 0 {
			times--
		}
		return obj, nil
	})
	it.rep = func() (string, error) {
		s, err := repr(obj)
		if times >= 0 {
			return "repeat(" + s + ", " + itoa(times) + ")", err
		}
		return "repeat(" + s + ")", err
	}
	return it, nil
}

func itCycle(args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	var iterable py.Object
	if err := bindArgs("cycle", args, kwargs, []string{"iterable"}, 1, 1, &iterable); err != nil {
		return nil, err
	}
	it, err := py.Iter(iterable)
	if err != nil {
		return nil, err
	}
	var saved []py.Object
	pos, replay := 0, false
	return newLazy("cycle", func() (py.Object, error) {
		if !replay {
			o, ok, err := next(it)
			if err != nil {
				return nil, err
			}
			if ok {
				saved = append(saved, o)
				return o, nil
			}
			replay = true
		}
		if len(saved) == 0 {
			return nil, py.StopIteration
		}
		o := saved[pos%len(saved)]
		pos++
		return o, nil
	}), nil
}

func itZipLongest(args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	fill := py.Object(py.None)
	for k, v := range kwargs {
		if k != "fillvalue" {
			return nil, py.ExceptionNewf(py.TypeError, "zip_longest() got an unexpected keyword argument '%s'", k)
		}
		fill = v
	}
	its := make([]py.Object, len(args))
	for i, a := range args {
		it, err := py.Iter(a)
		if err != nil {
			return nil, err
		}
		its[i] = it
	}
	active := len(its)
	return newLazy("zip_longest", func() (py.Object, error) {
		if active == 0 {
			return nil, py.StopIteration
		}
		out := make(py.Tuple, len(its))
		for i, it := range its {
			if it == nil {
				out[i] = fill
				continue
			}
			o, ok, err := next(it)
			if err != nil {
				return nil, err
			}
			if !ok {
				its[i] = nil
				active--
				if active == 0 {
					return nil, py.StopIteration
				}
				o = fill
			}
			out[i] = o
		}
		return out, nil
	}), nil
}

func itStarmap(args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	var fn, iterable py.Object
	if err := bindArgs("starmap", args, kwargs, []string{"function", "iterable"}, 2, 2, &fn, &iterable); err != nil {
		return nil, err
	}
	it, err := py.Iter(iterable)
	if err != nil {
		return nil, err
	}
	return newLazy("starmap", func() (py.Object, error) {
		o, ok, err := next(it)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, py.StopIteration
		}
		a, err := toSlice(o)
		if err != nil {
			return nil, err
		}
		return py.Call(fn, a, nil)
	}), nil
}

func itAccumulate(args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	var iterable, fn, initial py.Object
	if err := bindArgs("accumulate", args, kwargs, []string{"iterable", "func", "initial"}, 1, 2, &iterable, &fn, &initial); err != nil {
		return nil, err
	}
	it, err := py.Iter(iterable)
	if err != nil {
		return nil, err
	}
	var total py.Object
	if !isNone(initial) {
		total = initial
	}
	pendingInitial := total != nil
	return newLazy("accumulate", func() (py.Object, error) {
		if pendingInitial {
			pendingInitial = false
			return total, nil
		}
		o, ok, err := next(it)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, py.StopIteration
		}
		switch {
		case total == nil:
			total = o
		case isNone(fn):
			total, err = py.Add(total, o)
		default:
			total, err = py.Call(fn, py.Tuple{total, o}, nil)
		}
		return total, err
	}), nil
}

// predicate calls pred(item), or bool(item) when pred is None.
func predicate(pred, item py.Object) (bool, error) {
	if isNone(pred) {
		return truth(item)
	}
	res, err := py.Call(pred, py.Tuple{item}, nil)
	if err != nil {
		return false, err
	}
	return truth(res)
}

func predIter(fn string, args py.Tuple, kwargs py.StringDict) (py.Object, py.Object, error) {
	if err := positional(fn, kwargs); err != nil {
		return nil, nil, err
	}
	if len(args) != 2 {
		return nil, nil, py.ExceptionNewf(py.TypeError, "%s expected 2 arguments, got %d", fn, len(args))
	}
	it, err := py.Iter(args[1])
	return args[0], it, err
}

func itTakewhile(args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	pred, it, err := predIter("takewhile", args, kwargs)
	if err != nil {
		return nil, err
	}
	return newLazy("takewhile", func() (py.Object, error) {
		o, ok, err := next(it)
		if err != nil || !ok {
			if err == nil {
				err = py.StopIteration
			}
			return nil, err
		}
		keep, err := predicate(pred, o)
		if err != nil {
			return nil, err
		}
		if !keep {
			return nil, py.StopIteration
		}
		return o, nil
	}), nil
}

func itDropwhile(args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	pred, it, err := predIter("dropwhile", args, kwargs)
	if err != nil {
		return nil, err
	}
	dropping := true
	return newLazy("dropwhile", func() (py.Object, error) {
		for {
			o, ok, err := next(it)
			if err != nil || !ok {
				if err == nil {
					err = py.StopIteration
				}
				return nil, err
			}
			if !dropping {
				return o, nil
			}
			drop, err := predicate(pred, o)
			if err != nil {
				return nil, err
			}
			if !drop {
				dropping = false
				return o, nil
			}
		}
	}), nil
}

func itFilterfalse(args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	pred, it, err := predIter("filterfalse", args, kwargs)
	if err != nil {
		return nil, err
	}
	return newLazy("filterfalse", func() (py.Object, error) {
		for {
			o, ok, err := next(it)
			if err != nil || !ok {
				if err == nil {
					err = py.StopIteration
				}
				return nil, err
			}
			keep, err := predicate(pred, o)
			if err != nil {
				return nil, err
			}
			if !keep {
				return o, nil
			}
		}
	}), nil
}

// teeNode is one buffered item shared by the iterators of a tee; nodes
// behind every iterator are garbage collected.
type teeNode struct {
	val  py.Object
	next *teeNode
}

type teeSource struct {
	it   py.Object
	done bool
}

func itTee(args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	if err := positional("tee", kwargs); err != nil {
		return nil, err
	}
	if len(args) < 1 || len(args) > 2 {
		return nil, py.ExceptionNewf(py.TypeError, "tee expected at most 2 arguments, got %d", len(args))
	}
	n := 2
	if len(args) == 2 {
		var err error
		if n, err = asInt(args[1], "n"); err != nil {
			return nil, err
		}
		if n < 0 {
			return nil, py.ExceptionNewf(py.ValueError, "n must be >= 0")
		}
	}
	it, err := py.Iter(args[0])
	if err != nil {
		return nil, err
	}
	src := &teeSource{it: it}
	head := &teeNode{} // sentinel: the next item hangs off head.next
	out := make(py.Tuple, n)
	for i := range out {
		cur := head
		out[i] = &lazyIter{typ: iterType("_tee"), step: func() (py.Object, error) {
			if cur.next == nil {
				if src.done {
					return nil, py.StopIteration
				}
				o, ok, err := next(src.it)
				if err != nil {
					return nil, err
				}
				if !ok {
					src.done = true
					return nil, py.StopIteration
				}
				cur.next = &teeNode{val: o}
			}
			cur = cur.next
			return cur.val, nil
		}}
	}
	return out, nil
}

func itPairwise(args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	var iterable py.Object
	if err := bindArgs("pairwise", args, kwargs, []string{"iterable"}, 1, 1, &iterable); err != nil {
		return nil, err
	}
	it, err := py.Iter(iterable)
	if err != nil {
		return nil, err
	}
	var prev py.Object
	return newLazy("pairwise", func() (py.Object, error) {
		if prev == nil {
			o, ok, err := next(it)
			if err != nil || !ok {
				if err == nil {
					err = py.StopIteration
				}
				return nil, err
			}
			prev = o
		}
		o, ok, err := next(it)
		if err != nil || !ok {
			if err == nil {
				err = py.StopIteration
			}
			return nil, err
		}
		pair := py.Tuple{prev, o}
		prev = o
		return pair, nil
	}), nil
}

func itCompress(args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	var data, selectors py.Object
	if err := bindArgs("compress", args, kwargs, []string{"data", "selectors"}, 2, 2, &data, &selectors); err != nil {
		return nil, err
	}
	dit, err := py.Iter(data)
	if err != nil {
		return nil, err
	}
	sit, err := py.Iter(selectors)
	if err != nil {
		return nil, err
	}
	return newLazy("compress", func() (py.Object, error) {
		for {
			d, ok, err := next(dit)
			if err != nil || !ok {
				if err == nil {
					err = py.StopIteration
				}
				return nil, err
			}
			s, ok, err := next(sit)
			if err != nil || !ok {
				if err == nil {
					err = py.StopIteration
				}
				return nil, err
			}
			keep, err := truth(s)
			if err != nil {
				return nil, err
			}
			if keep {
				return d, nil
			}
		}
	}), nil
}
