package pystdlib

import (
	"math"
	"math/big"
	"strconv"
	"testing"

	"github.com/go-python/gpython/py"
)

func TestHashKeyEquality(t *testing.T) {
	big70 := (*py.BigInt)(new(big.Int).Lsh(big.NewInt(1), 70))
	same := [][]py.Object{
		{py.Int(1), py.True, py.Float(1.0)},
		{py.Int(0), py.False, py.Float(0), py.Float(math.Copysign(0, -1))},
		{big70, py.Float(math.Ldexp(1, 70))},
		{py.Tuple{py.Int(1), py.String("a")}, py.Tuple{py.True, py.String("a")}},
		{py.None},
	}
	for _, group := range same {
		k0, _, err := hashKey(group[0])
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range group[1:] {
			k, _, err := hashKey(o)
			if err != nil {
				t.Fatal(err)
			}
			if k != k0 {
				t.Errorf("%v and %v hash differently: %q vs %q", group[0], o, k0, k)
			}
		}
	}
	different := []py.Object{py.String("1"), py.Int(2), py.Float(1.5), py.Tuple{py.String("a,"), py.String("b")},
		py.Tuple{py.String("a"), py.String(",b")}, py.Tuple{}, py.Bytes("1"), py.String("")}
	seen := map[string]py.Object{}
	for _, o := range different {
		k, _, err := hashKey(o)
		if err != nil {
			t.Fatal(err)
		}
		if prev, dup := seen[k]; dup {
			t.Errorf("%v and %v share the key %q", prev, o, k)
		}
		seen[k] = o
	}
}

func TestHashKeyUnhashable(t *testing.T) {
	Install()
	for _, o := range []py.Object{py.NewList(), py.StringDict{}, py.NewSet(), newMapping(kindCounter),
		py.Tuple{py.Int(1), py.NewList()}} {
		if _, _, err := hashKey(o); !py.IsException(py.TypeError, err) {
			t.Errorf("hashKey(%T): %v, want TypeError", o, err)
		}
	}
	if _, exact, _ := hashKey(py.Float(math.NaN())); exact {
		t.Error("NaN must not be an exact key: it equals nothing")
	}
	deep := py.Object(py.Int(0))
	for i := 0; i < maxKeyDepth+5; i++ {
		deep = py.Tuple{deep}
	}
	if _, _, err := hashKey(deep); !py.IsException(py.RuntimeError, err) {
		t.Errorf("deeply nested key: %v, want RecursionError", err)
	}
}

func TestOmapOrderAndDeletion(t *testing.T) {
	m := newOmap()
	for i := 0; i < 100; i++ {
		if _, err := m.set(py.Int(i), py.String(strconv.Itoa(i))); err != nil {
			t.Fatal(err)
		}
	}
	// An existing key keeps its place and its first key object.
	if added, _ := m.set(py.Float(5), py.String("five")); added {
		t.Error("5.0 was added next to 5")
	}
	for i := 0; i < 100; i += 2 {
		if _, ok, _ := m.del(py.Int(i)); !ok {
			t.Fatalf("del %d failed", i)
		}
	}
	if m.live != 50 || len(m.entries) > 100 {
		t.Fatalf("live=%d entries=%d", m.live, len(m.entries))
	}
	keys := m.keys()
	for i, k := range keys {
		if k != py.Int(2*i+1) {
			t.Fatalf("key %d = %v, want %d (order after deletions and compaction)", i, k, 2*i+1)
		}
	}
	if v, _, _ := m.get(py.True); v != py.String("1") {
		t.Errorf("m[True] = %v", v)
	}
	if v, _, _ := m.get(py.Int(5)); v != py.String("five") {
		t.Errorf("m[5] = %v", v)
	}
	if ok, _ := m.moveToEnd(py.Int(1), true); !ok || m.keys()[m.live-1] != py.Int(1) {
		t.Error("moveToEnd(last)")
	}
	if ok, _ := m.moveToEnd(py.Int(99), false); !ok || m.keys()[0] != py.Int(99) {
		t.Error("moveToEnd(first)")
	}
	c := m.clone()
	m.clear()
	if c.live != 50 || m.live != 0 {
		t.Errorf("clone %d, cleared %d", c.live, m.live)
	}
}

// Keys with their own __hash__ share a bucket on collision and are told
// apart by ==.
func TestOmapNonExactKeys(t *testing.T) {
	m := newOmap()
	nan := py.Float(math.NaN())
	for i := 0; i < 3; i++ {
		if added, err := m.set(nan, py.Int(i)); err != nil || !added {
			t.Fatalf("NaN insert %d: added=%v err=%v", i, added, err)
		}
	}
	if _, ok, _ := m.get(nan); ok {
		t.Error("a NaN key was found: NaN equals nothing")
	}
	if m.live != 3 {
		t.Errorf("live = %d", m.live)
	}
}

func TestMappingVersusDict(t *testing.T) {
	Install()
	d := newMapping(kindDefaultDict)
	_ = d.setItem(py.String("a"), py.Int(1))
	for _, tc := range []struct {
		other py.Object
		want  py.Object
	}{
		{py.StringDict{"a": py.Int(1)}, py.True},
		{py.StringDict{"a": py.Int(2)}, py.False},
		{py.StringDict{}, py.False},
		{py.Int(1), py.NotImplemented},
	} {
		got, err := d.M__eq__(tc.other)
		if err != nil || got != tc.want {
			t.Errorf("== %v: %v, %v", tc.other, got, err)
		}
	}
}
