package precheck

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
	"testing"

	"github.com/go-python/gpython/py"
	_ "github.com/go-python/gpython/stdlib"
)

// Probes: every check in this package stands on a probe that runs the
// construct in the pinned gpython and shows it misbehaving. A probe is a
// snippet that leaves its result in `r`; its CPython 3 result is written
// down and confirmed with python3 when python3 is installed. If a future
// gpython fixes a construct, its probe fails: drop the check then.

// outcome is what a snippet did: the repr of r, or the error.
type outcome struct {
	Value string `json:"value"` // repr(r)
	Err   string `json:"err"`   // exception type name, "panic" or "compile"
}

func (o outcome) String() string {
	if o.Err != "" {
		return "raised " + o.Err
	}
	return o.Value
}

// runGpython runs src in a fresh plain gpython context, the way the
// embedded host does before its compatibility layer (a pre-pass builtin
// calls py.Add for `+`, so plain `a + b` stands for `__mr_add__(a, b)`).
func runGpython(src string) (out outcome) {
	defer func() {
		if r := recover(); r != nil {
			out = outcome{Err: "panic", Value: fmt.Sprint(r)}
		}
	}()
	ctx := py.NewContext(py.DefaultContextOpts())
	defer ctx.Close()
	code, err := py.Compile(src, "<probe>", py.ExecMode, 0, true)
	if err != nil {
		return outcome{Err: "compile", Value: err.Error()}
	}
	mod := &py.Module{Globals: py.StringDict{"__name__": py.String("__main__")}, Context: ctx}
	if _, err := py.RunCode(ctx, code, "<probe>", mod); err != nil {
		var name string
		if e, ok := err.(py.ExceptionInfo); ok {
			name = e.Type.Name
		} else if e, ok := err.(*py.Exception); ok {
			name = e.Base.Name
		}
		return outcome{Err: "exception " + name, Value: err.Error()}
	}
	r, ok := mod.Globals["r"]
	if !ok {
		return outcome{Err: "no r"}
	}
	s, err := py.ReprAsString(r)
	if err != nil {
		return outcome{Err: "repr", Value: err.Error()}
	}
	return outcome{Value: s}
}

// cpythonDriver runs each snippet of a JSON list in a fresh namespace
// and prints a JSON list of outcomes.
const cpythonDriver = `
import json, sys
out = []
for src in json.load(sys.stdin):
    g = {"__name__": "__main__"}
    try:
        exec(compile(src, "<probe>", "exec"), g)
        out.append({"value": repr(g["r"]), "err": ""})
    except BaseException as e:
        out.append({"value": str(e), "err": "exception " + type(e).__name__})
json.dump(out, sys.stdout)
`

// cpython runs the snippets in python3, or returns nil when python3 is
// missing.
func cpython(t *testing.T, srcs []string) []outcome {
	t.Helper()
	py3, err := exec.LookPath("python3")
	if err != nil {
		t.Log("python3 not found: CPython results not confirmed")
		return nil
	}
	in, _ := json.Marshal(srcs)
	cmd := exec.Command(py3, "-c", cpythonDriver)
	cmd.Stdin = strings.NewReader(string(in))
	raw, err := cmd.Output()
	if err != nil {
		t.Fatalf("python3 probe driver: %v", err)
	}
	var outs []outcome
	if err := json.Unmarshal(raw, &outs); err != nil || len(outs) != len(srcs) {
		t.Fatalf("python3 probe driver output %q: %v", raw, err)
	}
	return outs
}

// probe is one snippet, CPython's repr of r, and how gpython fails it.
type probe struct {
	name    string
	src     string
	cpython string // repr(r) under CPython 3
	// silent: gpython runs to the end with a different r (silently
	// wrong). Otherwise gpython must raise, panic or refuse to compile.
	silent bool
}

// assertProbes runs each probe in gpython and checks it misbehaves as
// stated, and in CPython (if present) that the written-down result holds.
func assertProbes(t *testing.T, probes []probe) {
	t.Helper()
	srcs := make([]string, len(probes))
	for i, p := range probes {
		srcs[i] = p.src
	}
	cp := cpython(t, srcs)
	for i, p := range probes {
		if cp != nil && (cp[i].Err != "" || cp[i].Value != p.cpython) {
			t.Errorf("%s: CPython gives %v, the probe says %s", p.name, cp[i], p.cpython)
		}
		got := runGpython(p.src)
		switch {
		case got.Err == "" && got.Value == p.cpython:
			t.Errorf("%s: gpython now gives CPython's %s: this gpython fixed it, drop the check", p.name, got.Value)
		case p.silent && got.Err != "":
			t.Errorf("%s: gpython now fails loudly (%v: %s), not silently: update the check's message", p.name, got, got.Value)
		case !p.silent && got.Err == "":
			t.Errorf("%s: gpython now runs it silently wrong (r = %s, CPython %s): update the check's message", p.name, got.Value, p.cpython)
		}
	}
}

// dunderProbes prove every entry of dunderMessages.
var dunderProbes = func() map[string]probe {
	cls := func(body string) string { return "class V(object):\n" + body }
	ps := map[string]probe{
		"__eq__": {src: cls("    def __init__(self, v):\n        self.v = v\n    def __eq__(self, o):\n        return self.v == o.v\n") +
			"r = V(1) == V(1)\n", cpython: "True", silent: true},
		"__ne__": {src: cls("    def __ne__(self, o):\n        return False\n") + "r = V() != V()\n", cpython: "False", silent: true},
		"__hash__": {src: cls("    def __init__(self, v):\n        self.v = v\n    def __hash__(self):\n        return 1\n"+
			"    def __eq__(self, o):\n        return self.v == o.v\n") + "r = len(set([V(1), V(1)]))\n", cpython: "1", silent: true},
		"__bool__": {src: cls("    def __bool__(self):\n        return False\n") + "r = 'true' if V() else 'false'\n", cpython: "'false'", silent: true},
		"__len__":  {src: cls("    def __len__(self):\n        return 0\n") + "r = 'true' if V() else 'false'\n", cpython: "'false'", silent: true},
		"__new__":  {src: cls("    def __new__(cls):\n        return 7\n") + "r = V()\n", cpython: "7", silent: true},
		"__init_subclass__": {src: "class B(object):\n    def __init_subclass__(cls):\n        cls.flag = 1\nclass C(B):\n    pass\nr = hasattr(C, 'flag')\n",
			cpython: "True", silent: true},
		"__set_name__": {src: "N = []\nclass D(object):\n    def __set_name__(self, owner, name):\n        N.append(name)\nclass A(object):\n    x = D()\nr = N\n",
			cpython: "['x']", silent: true},
		"__get__": {src: "class D(object):\n    def __get__(self, obj, typ):\n        return 5\nclass A(object):\n    x = D()\nr = A().x\n", cpython: "5", silent: true},
		"__set__": {src: "S = []\nclass D(object):\n    def __set__(self, obj, v):\n        S.append(v)\nclass A(object):\n    x = D()\na = A()\na.x = 7\nr = S\n",
			cpython: "[7]", silent: true},
		"__delete__": {src: "S = []\nclass D(object):\n    def __get__(self, obj, typ):\n        return 1\n    def __delete__(self, obj):\n        S.append(1)\n" +
			"class A(object):\n    x = D()\na = A()\ndel a.x\nr = S\n", cpython: "[1]"},
		"__del__":           {src: "F = []\n" + cls("    def __del__(self):\n        F.append(1)\n") + "v = V()\ndel v\nr = len(F)\n", cpython: "1", silent: true},
		"__call__":          {src: cls("    def __call__(self, x):\n        return x\n") + "r = V()(3)\n", cpython: "3"},
		"__lt__":            {src: cls("    def __lt__(self, o):\n        return True\n") + "r = V() < V()\n", cpython: "True"},
		"__le__":            {src: cls("    def __le__(self, o):\n        return True\n") + "r = V() <= V()\n", cpython: "True"},
		"__gt__":            {src: cls("    def __gt__(self, o):\n        return True\n") + "r = V() > V()\n", cpython: "True"},
		"__ge__":            {src: cls("    def __ge__(self, o):\n        return True\n") + "r = V() >= V()\n", cpython: "True"},
		"__int__":           {src: cls("    def __int__(self):\n        return 7\n") + "r = int(V())\n", cpython: "7"},
		"__float__":         {src: cls("    def __float__(self):\n        return 7.5\n") + "r = float(V())\n", cpython: "7.5"},
		"__complex__":       {src: cls("    def __complex__(self):\n        return 1j\n") + "r = complex(V())\n", cpython: "1j"},
		"__round__":         {src: cls("    def __round__(self):\n        return 7\n") + "r = round(V())\n", cpython: "7"},
		"__bytes__":         {src: cls("    def __bytes__(self):\n        return b'x'\n") + "r = bytes(V())\n", cpython: "b'x'"},
		"__class_getitem__": {src: cls("    def __class_getitem__(cls, k):\n        return 5\n") + "r = V[1]\n", cpython: "5"},
		"__neg__":           {src: cls("    def __neg__(self):\n        return 5\n") + "r = -V()\n", cpython: "5"},
		"__pos__":           {src: cls("    def __pos__(self):\n        return 5\n") + "r = +V()\n", cpython: "5"},
		"__abs__":           {src: cls("    def __abs__(self):\n        return 5\n") + "r = abs(V())\n", cpython: "5"},
		"__invert__":        {src: cls("    def __invert__(self):\n        return 5\n") + "r = ~V()\n", cpython: "5"},
	}
	for name, op := range binaryDunders {
		fwd, rev, inp := "V() "+op+" 2", "2 "+op+" V()", "v = V()\nv "+op+"= 2\nr = v\n"
		if name == "divmod" {
			fwd, rev = "divmod(V(), 2)", "divmod(2, V())"
		}
		def := func(dunder string) string { return cls("    def " + dunder + "(self, o):\n        return 5\n") }
		ps["__"+name+"__"] = probe{src: def("__"+name+"__") + "r = " + fwd + "\n", cpython: "5"}
		ps["__r"+name+"__"] = probe{src: def("__r"+name+"__") + "r = " + rev + "\n", cpython: "5"}
		if name != "divmod" {
			ps["__i"+name+"__"] = probe{src: def("__i"+name+"__") + inp, cpython: "5"}
		}
	}
	for name, p := range ps {
		p.name = name
		ps[name] = p
	}
	return ps
}()

func sortedProbes(m map[string]probe) []probe {
	out := make([]probe, 0, len(m))
	for _, p := range m {
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}

func TestEveryDunderHasAProbe(t *testing.T) {
	for name := range dunderMessages {
		if _, ok := dunderProbes[name]; !ok {
			t.Errorf("dunderMessages[%s] has no probe", name)
		}
	}
	for name := range dunderProbes {
		if _, ok := dunderMessages[name]; !ok {
			t.Errorf("probe %s has no entry in dunderMessages", name)
		}
	}
}

func TestProbeUserDunders(t *testing.T) {
	assertProbes(t, sortedProbes(dunderProbes))
	// The message says "silently" exactly for the silent ones.
	for name, p := range dunderProbes {
		if strings.Contains(dunderMessages[name], "silently") != p.silent {
			t.Errorf("%s: message %q does not match the probe (silent=%v)", name, dunderMessages[name], p.silent)
		}
	}
}

// TestProbeDundersThatWork pins the special methods gpython honours,
// which the check therefore leaves alone. If one breaks, add it to
// dunderMessages.
func TestProbeDundersThatWork(t *testing.T) {
	cls := func(body string) string { return "class V(object):\n" + body }
	works := []probe{
		{name: "__init__", src: cls("    def __init__(self, a):\n        self.a = a\n") + "r = V(3).a\n", cpython: "3"},
		{name: "__str__", src: cls("    def __str__(self):\n        return 'S'\n") + "r = str(V())\n", cpython: "'S'"},
		{name: "__repr__", src: cls("    def __repr__(self):\n        return 'R'\n") + "r = repr([V()])\n", cpython: "'[R]'"},
		{name: "__enter__/__exit__", src: cls("    def __enter__(self):\n        return 5\n    def __exit__(self, *a):\n        return True\n") +
			"with V() as x:\n    r = x\n    raise ValueError('suppressed')\n", cpython: "5"},
		{name: "__getattr__", src: cls("    def __getattr__(self, n):\n        return n\n") + "r = V().foo\n", cpython: "'foo'"},
		{name: "__getattribute__", src: cls("    def __getattribute__(self, n):\n        return 5\n") + "r = V().x\n", cpython: "5"},
		{name: "__setattr__", src: "S = []\n" + cls("    def __setattr__(self, n, v):\n        S.append(n)\n") + "v = V()\nv.x = 1\nr = S\n", cpython: "['x']"},
		{name: "__delattr__", src: "S = []\n" + cls("    def __delattr__(self, n):\n        S.append(n)\n") + "v = V()\ndel v.x\nr = S\n", cpython: "['x']"},
		{name: "__contains__", src: cls("    def __contains__(self, x):\n        return x == 1\n") + "r = [1 in V(), 2 in V(), 2 not in V()]\n", cpython: "[True, False, True]"},
		{name: "__getitem__", src: cls("    def __getitem__(self, k):\n        return k * 2\n") + "r = V()[3]\n", cpython: "6"},
		{name: "__setitem__", src: "S = []\n" + cls("    def __setitem__(self, k, v):\n        S.append(v)\n") + "v = V()\nv[1] = 2\nr = S\n", cpython: "[2]"},
		{name: "__delitem__", src: "S = []\n" + cls("    def __delitem__(self, k):\n        S.append(k)\n") + "v = V()\ndel v[4]\nr = S\n", cpython: "[4]"},
		{name: "__iter__", src: cls("    def __iter__(self):\n        return iter([1, 2])\n") + "r = [x for x in V()] + list(V())\n", cpython: "[1, 2, 1, 2]"},
		{name: "__next__ in for", src: cls("    def __init__(self):\n        self.i = 0\n    def __iter__(self):\n        return self\n"+
			"    def __next__(self):\n        self.i = self.i + 1\n        if self.i > 2:\n            raise StopIteration\n        return self.i\n") +
			"r = [x for x in V()]\n", cpython: "[1, 2]"},
		{name: "__index__", src: cls("    def __index__(self):\n        return 1\n") + "r = [10, 20][V()]\n", cpython: "20"},
		{name: "__len__ in len()", src: cls("    def __len__(self):\n        return 3\n") + "r = len(V())\n", cpython: "3"},
		{name: "with on several items", src: cls("    def __init__(self, n):\n        self.n = n\n    def __enter__(self):\n        return self.n\n"+
			"    def __exit__(self, *a):\n        return False\n") + "with V(1) as a, V(2) as b:\n    r = [a, b]\n", cpython: "[1, 2]"},
		{name: "global and nonlocal", src: "x = 1\ndef f():\n    global x\n    x = 2\ndef g():\n    n = 0\n    def inc():\n        nonlocal n\n        n = n + 1\n" +
			"    inc()\n    inc()\n    return n\nf()\nr = [x, g()]\n", cpython: "[2, 2]"},
		{name: "staticmethod through an instance", src: "class A(object):\n    @staticmethod\n    def s():\n        return 1\nr = A().s()\n", cpython: "1"},
		{name: "tuple equality and membership", src: "r = [(1, 2) == (1, 2), (1, 2) != (1, 3), (1, 2) in [(1, 2)]]\n", cpython: "[True, True, True]"},
		{name: "str dict keys", src: "d = {'a': 1}\nd['b'] = 2\nr = sorted([k + str(v) for k, v in d.items()])\n", cpython: "['a1', 'b2']"},
	}
	srcs := make([]string, len(works))
	for i, p := range works {
		srcs[i] = p.src
	}
	cp := cpython(t, srcs)
	for i, p := range works {
		if cp != nil && (cp[i].Err != "" || cp[i].Value != p.cpython) {
			t.Errorf("%s: CPython gives %v, the probe says %s", p.name, cp[i], p.cpython)
		}
		if got := runGpython(p.src); got.Err != "" || got.Value != p.cpython {
			t.Errorf("%s: gpython gives %v (%s), CPython %s: it no longer works, add a check", p.name, got, got.Value, p.cpython)
		}
	}
}

func TestProbeClassConstructs(t *testing.T) {
	assertProbes(t, []probe{
		{name: "staticmethod through the class", src: "class A(object):\n    @staticmethod\n    def s():\n        return 1\nr = A.s()\n", cpython: "1"},
		{name: "classmethod through the class", src: "class A(object):\n    @classmethod\n    def c(cls):\n        return 1\nr = A.c()\n", cpython: "1"},
		{name: "subclass of str", src: "class S(str):\n    pass\nr = S('a')\n", cpython: "'a'"},
		{name: "subclass of int", src: "class I(int):\n    pass\nr = I(3) + 1\n", cpython: "4"},
		{name: "subclass of list", src: "class L(list):\n    pass\nr = len(L([1]))\n", cpython: "1"},
		{name: "subclass of dict", src: "class D(dict):\n    pass\nr = len(D())\n", cpython: "0"},
		{name: "subclass of type (a metaclass)", src: "class M(type):\n    pass\nr = 1\n", cpython: "1"},
		{name: "metaclass keyword", src: "def M(name, bases, ns):\n    return 5\nclass A(object, metaclass=M):\n    pass\nr = A\n", cpython: "5", silent: true},
		{name: "__slots__", src: "class V(object):\n    __slots__ = ('a',)\nv = V()\nv.a = 1\nr = v.a\n", cpython: "1"},
		{name: "__hash__ = None", src: "class V(object):\n    __hash__ = None\ntry:\n    r = len(set([V()]))\nexcept TypeError:\n    r = 'unhashable'\n",
			cpython: "'unhashable'", silent: true},
	})
}

func TestProbeDictsAndSets(t *testing.T) {
	assertProbes(t, []probe{
		{name: "int key", src: "r = {1: 'a'}[1]\n", cpython: "'a'"},
		{name: "negative key", src: "r = {-1: 'a'}[-1]\n", cpython: "'a'"},
		{name: "None key", src: "r = {None: 'a'}[None]\n", cpython: "'a'"},
		{name: "bool key", src: "r = {True: 'a'}[True]\n", cpython: "'a'"},
		{name: "float key", src: "r = {1.5: 'a'}[1.5]\n", cpython: "'a'"},
		{name: "bytes key", src: "r = {b'k': 'a'}[b'k']\n", cpython: "'a'"},
		{name: "tuple key", src: "r = {('a', 1): 'a'}[('a', 1)]\n", cpython: "'a'"},
		{name: "tuple key comprehension", src: "r = len({(a, b): 1 for a, b in [(1, 2)]})\n", cpython: "1"},
		{name: "int pairs to dict()", src: "r = dict([(1, 'a')])[1]\n", cpython: "'a'"},
		{name: "set display of tuples", src: "r = len({(1, 2)})\n", cpython: "1"},
		{name: "set comprehension of tuples", src: "r = len({(a, a) for a in [1]})\n", cpython: "1"},
		{name: "set() of a tuple list", src: "r = len(set([(1, 2)]))\n", cpython: "1"},
		{name: "set() of zip", src: "r = len(set(zip([1], [2])))\n", cpython: "1"},
		{name: "set() of items", src: "r = len(set({'a': 1}.items()))\n", cpython: "1"},
		{name: "set() of enumerate", src: "r = len(set(enumerate('ab')))\n", cpython: "2"},
		{name: "set.add of a tuple", src: "s = set()\ns.add((1, 2))\nr = len(s)\n", cpython: "1"},
		{name: "frozenset of tuples", src: "r = len(frozenset([(1, 2)]))\n", cpython: "1"},
	})
}

func TestProbeSequences(t *testing.T) {
	assertProbes(t, []probe{
		{name: "tuple <", src: "r = (1, 2) < (1, 3)\n", cpython: "True"},
		{name: "tuple >=", src: "r = (2,) >= (1, 5)\n", cpython: "True"},
		{name: "list <", src: "r = [1, 2] < [1, 3]\n", cpython: "True"},
		{name: "tuple() >", src: "r = tuple([2]) > (1,)\n", cpython: "True"},
		{name: "sorted() <=", src: "r = sorted([2, 1]) <= [1, 2]\n", cpython: "True"},
		// Chained comparisons use gpython's own operator (the pre-pass
		// lowers only unchained ones).
		{name: "chained tuple <= <", src: "v = (16, 3)\nr = (16, 0) <= v < (17, 0)\n", cpython: "True"},
		{name: "chained list < <=", src: "r = [1] < [2] <= [2, 0]\n", cpython: "True"},
		{name: "starred list display", src: "a = [1]\nr = [*a, 2]\n", cpython: "[1, 2]"},
		{name: "starred tuple display", src: "a = [1]\nr = (*a, 2)\n", cpython: "(1, 2)"},
	})
}

// TestProbeTupleConcatenation backs no check: the pre-pass lowers every
// `+` and `+=` into the host's __mr_add__ / __mr_iadd__, which
// concatenate tuples correctly. It proves gpython's own tuple `+` is
// still broken, so that lowering stays necessary: the concatenation
// copies b to offset len(b), not len(a).
func TestProbeTupleConcatenation(t *testing.T) {
	assertProbes(t, []probe{
		{name: "tuple + longer", src: "x = (1, 2) + (3,)\nr = [len(x), x[0], x[1]]\n", cpython: "[3, 1, 2]", silent: true},
		{name: "tuple += longer", src: "x = ('a', 'b')\nx += ('c',)\nr = [x[0], x[1]]\n", cpython: "['a', 'b']", silent: true},
		{name: "tuple() + display", src: "x = tuple([1, 2]) + (3,)\nr = x[1]\n", cpython: "2", silent: true},
		{name: "tuple + shorter", src: "x = (1,) + (2, 3)\nr = x[1]\n", cpython: "2"},
		{name: "empty tuple + tuple", src: "x = () + (1, 2)\nr = x[0]\n", cpython: "1"},
	})
}

func TestProbeExceptionAttribute(t *testing.T) {
	assertProbes(t, []probe{
		{name: "attribute of a caught exception", src: "try:\n    raise ValueError('x')\nexcept ValueError as e:\n    r = getattr(e, 'pgcode', 'none')\n",
			cpython: "'none'", silent: true},
		{name: "attribute set in __init__", src: "class E(Exception):\n    def __init__(self, msg, code):\n        Exception.__init__(self, msg)\n        self.code = code\n" +
			"try:\n    raise ValueError('x')\nexcept ValueError as e:\n    r = e.code if hasattr(e, 'code') else 'none'\n", cpython: "'none'", silent: true},
	})
	// e.args is right, which is why the check leaves it alone.
	if got := runGpython("try:\n    raise ValueError('x', 1)\nexcept ValueError as e:\n    r = e.args[1]\n"); got.Value != "1" {
		t.Errorf("e.args[1] = %v, want 1", got)
	}
}

// TestProbeSandboxedBuiltins: the builtins the host removes, and why.
func TestProbeSandboxedBuiltins(t *testing.T) {
	assertProbes(t, []probe{
		// eval'd code skips the pre-pass: gpython's own % formatting is Go's.
		{name: "eval", src: "r = eval('\"%s\" % None')\n", cpython: "'None'", silent: true},
		{name: "exec", src: "exec('r = \"%s\" % None')\n", cpython: "'None'", silent: true},
		{name: "compile", src: "r = eval(compile('\"%s\" % None', 'x', 'eval'))\n", cpython: "'None'", silent: true},
		{name: "breakpoint", src: "r = breakpoint is not None\n", cpython: "True"},
	})
	// Without the sandbox, gpython reaches processes and files.
	if got := runGpython("import os\nr = hasattr(os, 'system')\n"); got.Value != "True" {
		t.Errorf("plain gpython's os.system: %v (%s); the import rule's rationale changed", got, got.Value)
	}
	path := filepath.Join(t.TempDir(), "written")
	if got := runGpython(fmt.Sprintf("f = open(%q, 'w')\nf.write('x')\nf.close()\nr = 1\n", path)); got.Err != "" {
		t.Errorf("plain gpython open() for writing: %v (%s)", got, got.Value)
	}
	if _, err := os.Stat(path); err != nil {
		t.Errorf("plain gpython open() did not write the file: %v", err)
	}
	if got := runGpython("r = input is not None\n"); got.Value != "True" {
		t.Errorf("plain gpython input: %v", got)
	}
}

// TestProbeNamespaceReprCrash: the repr of a namespace that contains
// itself (globals() stored in a global, vars() at module level) recurses
// until Go's stack overflows, a fatal error no recover() catches. It runs
// in a child process.
func TestProbeNamespaceReprCrash(t *testing.T) {
	if os.Getenv("PRECHECK_PROBE_CHILD") == "namespace" {
		debug.SetMaxStack(32 << 20) // overflow fast
		runGpython("g = globals()\nr = repr(g)\n")
		fmt.Println("survived")
		os.Exit(0)
	}
	if testing.Short() {
		t.Skip("spawns a child process")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestProbeNamespaceReprCrash$")
	cmd.Env = append(os.Environ(), "PRECHECK_PROBE_CHILD=namespace")
	out, err := cmd.CombinedOutput()
	if err == nil || !strings.Contains(string(out), "stack overflow") {
		t.Errorf("child survived the self-containing namespace repr (err %v): %.300s", err, out)
	}
	if cp := cpython(t, []string{"g = globals()\nr = repr(g).endswith('{...}}')\n"}); cp != nil && cp[0].Value != "True" {
		t.Errorf("CPython: %v", cp[0])
	}
}

// syntaxConstructs are the names the syntax rules give; "syntax error",
// "unclosed bracket" and "unterminated string" are errors in CPython too.
var syntaxConstructs = map[string]bool{
	"walrus operator": true, "dict unpacking {**d}": true, "starred expression in a display": true,
	"starred expression in a subscript": true, "generalized unpacking in a call": true, "variable annotation": true,
	"numeric literal with underscores": true, "async/await": true, "positional-only parameters": true,
	"match statement": true, "except*": true, "relaxed decorator expression": true,
	"matrix multiplication operator @": true, "parenthesized context managers": true, "type parameter list": true,
	"type alias statement": true, "f-string": true,
}

// notPy311 are syntax cases CPython 3.11 rejects too: 3.12 syntax, and
// await outside an async function.
var notPy311 = map[string]bool{"generic class": true, "type alias": true, "await": true}

// TestProbeSyntax: gpython refuses every construct the syntax checks
// name (parse or compile), and CPython 3.11 accepts it: the name is
// right and the script is not simply broken.
func TestProbeSyntax(t *testing.T) {
	var srcs []string
	var cases []checkCase
	for _, c := range checkCases {
		if len(c.want) != 1 || !syntaxConstructs[strings.SplitN(c.want[0], ":", 2)[1]] || notPy311[c.name] {
			continue
		}
		cases = append(cases, c)
		srcs = append(srcs, c.src)
		if _, err := py.Compile(c.src, "<probe>", py.ExecMode, 0, true); err == nil {
			t.Errorf("%s: gpython now compiles %q: drop or revise the syntax rule", c.name, c.src)
		}
	}
	if py3, err := exec.LookPath("python3"); err == nil {
		in, _ := json.Marshal(srcs)
		cmd := exec.Command(py3, "-c", "import json,sys\nfor s in json.load(sys.stdin):\n    try:\n        compile(s, 'x', 'exec')\n        print('ok')\n    except SyntaxError as e:\n        print('error', e)\n")
		cmd.Stdin = strings.NewReader(string(in))
		out, err := cmd.Output()
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(string(out)), "\n")
		for i, c := range cases {
			if i >= len(lines) || lines[i] != "ok" {
				t.Errorf("%s: CPython rejects %q too", c.name, c.src)
			}
		}
	}
}

const decoProbeDefs = "def deco(f):\n    return f\ndef ident(x):\n    return x\ndef __mr_id__(x):\n    return x\n" +
	"class Reg(object):\n    def mark(self, f):\n        return f\nreg = Reg()\n"

// TestProbeDecoratedDefaults backs "decorated function with default
// arguments" and "decorated function with annotations": gpython's
// compiler pushes the decorators after the defaults and annotations, and
// MAKE_FUNCTION pops the wrong values. The pre-pass's @__mr_id__(a.b)
// form and the built-in decorators fail alike (compat's
// limits_test.go shows @property, setters and @classmethod with the
// host's builtins).
func TestProbeDecoratedDefaults(t *testing.T) {
	d := decoProbeDefs
	assertProbes(t, []probe{
		{name: "positional default", src: d + "@deco\ndef f(a, b=2):\n    return a + b\nr = f(1)\n", cpython: "3"},
		{name: "stacked decorators", src: d + "@deco\n@deco\ndef f(a, b=2, c=3):\n    return a + b + c\nr = f(1)\n", cpython: "6"},
		{name: "pre-pass dotted form", src: d + "@__mr_id__(reg.mark)\ndef f(a, b=2):\n    return a + b\nr = f(1)\n", cpython: "3"},
		{name: "staticmethod with a default", src: d + "class A(object):\n    @staticmethod\n    def s(x=1):\n        return x\nr = A().s()\n", cpython: "1"},
		{name: "None default", src: d + "@deco\ndef f(a, b=None):\n    return a\nr = f(1)\n", cpython: "1"},
		{name: "keyword-only default", src: d + "@deco\ndef f(a, *, b=2):\n    return a + b\nr = f(1)\n", cpython: "3"},
		{name: "callable default", src: d + "@deco\ndef f(a, b=ident):\n    return b\nr = f(1) is ident\n", cpython: "True", silent: true},
		{name: "annotation", src: d + "@deco\ndef f(a: int):\n    return a\nr = f(1)\n", cpython: "1"},
		{name: "return annotation", src: d + "@deco\ndef f(a) -> int:\n    return a\nr = f(1)\n", cpython: "1"},
	})
	// What the check leaves alone, and the rewrites its message advises.
	for _, p := range []probe{
		{name: "decorated without defaults", src: d + "@deco\n@__mr_id__(reg.mark)\ndef f(a, *b, **c):\n    return a\nr = f(1)\n", cpython: "1"},
		{name: "defaults without a decorator", src: "def f(a, b=2, *, c=3):\n    return a + b + c\nr = f(1)\n", cpython: "6"},
		{name: "annotations without a decorator", src: "def f(a: int, b: int = 2) -> int:\n    return a + b\nr = f(1)\n", cpython: "3"},
		{name: "decorator applied after the def", src: d + "def f(a, b=2):\n    return a + b\nf = deco(f)\nr = f(1)\n", cpython: "3"},
	} {
		if got := runGpython(p.src); got.Err != "" || got.Value != p.cpython {
			t.Errorf("%s: gpython gives %v (%s), want %s", p.name, got, got.Value, p.cpython)
		}
	}
}

// TestProbeYieldFromValue backs "yield from value": gpython's YIELD_FROM
// leaves the sub-generator itself as the value of the expression, not
// what it returned. As a statement the value is discarded, which works.
func TestProbeYieldFromValue(t *testing.T) {
	const g = "def g():\n    yield 1\n    return 5\n"
	assertProbes(t, []probe{
		{name: "assigned", src: g + "def h():\n    x = yield from g()\n    yield x\nr = list(h())[1] == 5\n", cpython: "True", silent: true},
		{name: "in an expression", src: g + "def h():\n    yield [(yield from g())]\nr = list(h())[1] == [5]\n", cpython: "True", silent: true},
	})
	if got := runGpython(g + "def h():\n    yield from g()\n    yield 9\nr = list(h())\n"); got.Err != "" || got.Value != "[1, 9]" {
		t.Errorf("yield from as a statement: gpython gives %v (%s), want [1, 9]", got, got.Value)
	}
}
