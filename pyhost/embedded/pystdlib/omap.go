package pystdlib

import "github.com/go-python/gpython/py"

// omap is an insertion-ordered hash map keyed by any hashable Python
// value: the storage behind defaultdict, OrderedDict and Counter, and
// the LRU cache. gpython's own dict takes only str keys and iterates in
// random order, so neither could be reused.
//
// Entries live in a slice in insertion order; deletions leave tombstones
// that are compacted once they outnumber the live entries. The index maps
// a fingerprint (hashKey) to the entry positions holding it; buckets have
// more than one position only for non-exact fingerprints.
type omap struct {
	entries []omapEntry
	index   map[string][]int
	live    int
}

type omapEntry struct {
	key, val py.Object
	fp       string
	dead     bool
}

func newOmap() *omap { return &omap{index: map[string][]int{}} }

// lookup finds the entry position of key, or -1.
func (m *omap) lookup(key py.Object) (pos int, fp string, err error) {
	fp, exact, err := hashKey(key)
	if err != nil {
		return -1, "", err
	}
	for _, i := range m.index[fp] {
		if exact {
			return i, fp, nil
		}
		same, err := eq(m.entries[i].key, key)
		if err != nil {
			return -1, fp, err
		}
		if same {
			return i, fp, nil
		}
	}
	return -1, fp, nil
}

func (m *omap) get(key py.Object) (py.Object, bool, error) {
	i, _, err := m.lookup(key)
	if err != nil || i < 0 {
		return nil, false, err
	}
	return m.entries[i].val, true, nil
}

func (m *omap) contains(key py.Object) (bool, error) {
	i, _, err := m.lookup(key)
	return i >= 0, err
}

// set stores val under key. An existing key keeps its position and its
// original key object (d[1.0] = x after d[1] keeps the key 1, as CPython).
// added reports whether the map grew.
func (m *omap) set(key, val py.Object) (added bool, err error) {
	i, fp, err := m.lookup(key)
	if err != nil {
		return false, err
	}
	if i >= 0 {
		m.entries[i].val = val
		return false, nil
	}
	m.entries = append(m.entries, omapEntry{key: key, val: val, fp: fp})
	m.index[fp] = append(m.index[fp], len(m.entries)-1)
	m.live++
	return true, nil
}

// del removes key, returning its value.
func (m *omap) del(key py.Object) (py.Object, bool, error) {
	i, _, err := m.lookup(key)
	if err != nil || i < 0 {
		return nil, false, err
	}
	return m.removeAt(i), true, nil
}

func (m *omap) removeAt(i int) py.Object {
	e := &m.entries[i]
	bucket := m.index[e.fp]
	for j, p := range bucket {
		if p == i {
			bucket = append(bucket[:j:j], bucket[j+1:]...)
			break
		}
	}
	if len(bucket) == 0 {
		delete(m.index, e.fp)
	} else {
		m.index[e.fp] = bucket
	}
	val := e.val
	*e = omapEntry{dead: true}
	m.live--
	if dead := len(m.entries) - m.live; dead > 16 && dead > m.live {
		m.compact()
	}
	return val
}

// compact drops tombstones and rebuilds the index.
func (m *omap) compact() {
	kept := make([]omapEntry, 0, m.live)
	for _, e := range m.entries {
		if !e.dead {
			kept = append(kept, e)
		}
	}
	m.entries = kept
	m.index = make(map[string][]int, len(kept))
	for i, e := range kept {
		m.index[e.fp] = append(m.index[e.fp], i)
	}
}

// each visits live entries in order; fn returning false stops. The map
// must not be modified by fn.
func (m *omap) each(fn func(key, val py.Object) bool) {
	for _, e := range m.entries {
		if !e.dead && !fn(e.key, e.val) {
			return
		}
	}
}

// keys, values and items snapshot the live entries in order.
func (m *omap) keys() []py.Object {
	out := make([]py.Object, 0, m.live)
	m.each(func(k, _ py.Object) bool { out = append(out, k); return true })
	return out
}

func (m *omap) values() []py.Object {
	out := make([]py.Object, 0, m.live)
	m.each(func(_, v py.Object) bool { out = append(out, v); return true })
	return out
}

func (m *omap) items() []py.Object {
	out := make([]py.Object, 0, m.live)
	m.each(func(k, v py.Object) bool { out = append(out, py.Tuple{k, v}); return true })
	return out
}

// first and last live positions, or -1.
func (m *omap) first() int {
	for i, e := range m.entries {
		if !e.dead {
			return i
		}
	}
	return -1
}

func (m *omap) last() int {
	for i := len(m.entries) - 1; i >= 0; i-- {
		if !m.entries[i].dead {
			return i
		}
	}
	return -1
}

// moveToEnd moves key to the end (last) or the front (!last).
func (m *omap) moveToEnd(key py.Object, last bool) (bool, error) {
	i, _, err := m.lookup(key)
	if err != nil || i < 0 {
		return false, err
	}
	e := m.entries[i]
	if last {
		m.removeAt(i)
		_, err = m.set(e.key, e.val)
		return true, err
	}
	rest := make([]omapEntry, 0, m.live)
	rest = append(rest, e)
	for j, x := range m.entries {
		if j != i && !x.dead {
			rest = append(rest, x)
		}
	}
	m.entries = rest
	m.compact()
	return true, nil
}

func (m *omap) clear() {
	m.entries = nil
	m.index = map[string][]int{}
	m.live = 0
}

func (m *omap) clone() *omap {
	c := &omap{entries: make([]omapEntry, 0, m.live), index: make(map[string][]int, m.live)}
	for _, e := range m.entries {
		if !e.dead {
			c.entries = append(c.entries, e)
			c.index[e.fp] = append(c.index[e.fp], len(c.entries)-1)
		}
	}
	c.live = len(c.entries)
	return c
}
