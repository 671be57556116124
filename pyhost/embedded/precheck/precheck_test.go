package precheck

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// sandboxAllowed mirrors the embedded host's whitelist: the shims and
// gpython's harmless modules.
func sandboxAllowed(m string) bool {
	switch m {
	case "psycopg2", "psycopg2.extensions", "psycopg2.errors", "psycopg2.extras",
		"odoo", "odoo.upgrade", "odoo.upgrade.util", "logging", "math", "string", "time":
		return true
	}
	return false
}

var defaultOpts = Options{Allowed: sandboxAllowed, SiblingModules: []string{"helpers", "common"}}

// brief renders findings as "line:construct" for compact expectations.
func brief(fs []Finding) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = fmt.Sprintf("%d:%s", f.Line, f.Construct)
	}
	return out
}

type checkCase struct {
	name string
	src  string
	opt  *Options // nil: defaultOpts
	want []string // "line:construct"
}

var checkCases = []checkCase{
	// --- syntax gpython's 3.4 grammar rejects ----------------------
	{"walrus", "x = 1\nif (n := len(x)) > 2:\n    pass\n", nil, []string{"2:walrus operator"}},
	{"walrus in comprehension", "y = [z for x in a if (z := x)]\n", nil, []string{"1:walrus operator"}},
	{"dict unpacking", "d = {**a, 'y': 2}\n", nil, []string{"1:dict unpacking {**d}"}},
	{"dict unpacking later", "d = {'y': 2, **a}\n", nil, []string{"1:dict unpacking {**d}"}},
	{"dict unpacking multiline", "d = {\n    'x': 1,\n    **a,\n}\n", nil, []string{"3:dict unpacking {**d}"}},
	{"set starred", "x = {*a, 1}\n", nil, []string{"1:starred expression in a display"}},
	{"list starred", "x = [*a, 1]\n", nil, []string{"1:starred expression in a display"}},
	{"tuple starred", "x = (*a, 1)\n", nil, []string{"1:starred expression in a display"}},
	{"return starred", "def f():\n    return *a, 1\n", nil, []string{"2:starred expression in a display"}},
	{"for over starred", "for x in *a, *b:\n    pass\n", nil, []string{"1:starred expression in a display"}},
	{"subscript starred", "x = a[1, *b]\n", nil, []string{"1:starred expression in a subscript"}},
	{"call two stars", "f(*a, *b)\n", nil, []string{"1:generalized unpacking in a call"}},
	{"call two double stars", "f(**a, **b)\n", nil, []string{"1:generalized unpacking in a call"}},
	{"call positional after star", "r = f(*a, 2)\n", nil, []string{"1:generalized unpacking in a call"}},
	{"call keyword after double star", "r = f(**a, b=2)\n", nil, []string{"1:generalized unpacking in a call"}},
	{"annotation", "x: int = 3\n", nil, []string{"1:variable annotation"}},
	{"bare annotation", "x: int\ny = 1\n", nil, []string{"1:variable annotation"}},
	{"attribute annotation", "self.x: int = 1\n", nil, []string{"1:variable annotation"}},
	{"annotation in function", "def f():\n    total: int = 0\n    return total\n", nil, []string{"2:variable annotation"}},
	{"numeric underscores", "BATCH = 10_000\n", nil, []string{"1:numeric literal with underscores"}},
	{"hex underscores", "M = 0xFF_FF\n", nil, []string{"1:numeric literal with underscores"}},
	{"async def", "async def f():\n    pass\n", nil, []string{"1:async/await"}},
	{"await", "def f():\n    await g()\n", nil, []string{"2:async/await"}},
	{"positional-only", "def f(a, /, b):\n    pass\n", nil, []string{"1:positional-only parameters"}},
	{"positional-only lambda", "f = lambda a, /: a\n", nil, []string{"1:positional-only parameters"}},
	{"match", "match x:\n    case 1:\n        pass\n", nil, []string{"1:match statement"}},
	{"match tuple subject", "match (a, b):\n    case (1, 2):\n        pass\n", nil, []string{"1:match statement"}},
	{"except star", "try:\n    pass\nexcept* ValueError:\n    pass\n", nil, []string{"3:except*"}},
	{"relaxed decorator subscript", "@handlers[0]\ndef f():\n    pass\n", nil, []string{"1:relaxed decorator expression"}},
	{"relaxed decorator chain", "@a.b(c).d\ndef f():\n    pass\n", nil, []string{"1:relaxed decorator expression"}},
	{"matmul", "x = a @ b\n", nil, []string{"1:matrix multiplication operator @"}},
	{"parenthesized with", "with (a() as f, b() as g):\n    pass\n", nil, []string{"1:parenthesized context managers"}},
	{"generic class", "class A[T]:\n    pass\n", nil, []string{"1:type parameter list"}},
	{"type alias", "type Ids = list\n", nil, []string{"1:type alias statement"}},
	{"leftover f-string", "x = f'{a}'\n", nil, []string{"1:f-string"}},
	{"unclosed bracket", "x = (1,\ny = 2\n", nil, []string{"1:unclosed bracket"}},
	{"unterminated string", "x = 'abc\n", nil, []string{"1:unterminated string"}},
	{"plain syntax error", "x = = 1\n", nil, []string{"1:syntax error"}},
	{"bad indentation", "def f():\npass\n", nil, []string{"2:syntax error"}},
	{"error after a long docstring", "'''doc\n\nmore\n'''\nimport logging\nx = 1_0\n", nil, []string{"6:numeric literal with underscores"}},

	// --- classes --------------------------------------------------
	{"user __eq__", "class V(object):\n    def __init__(self, v):\n        self.v = v\n    def __eq__(self, o):\n        return self.v == o.v\n",
		nil, []string{"4:user __eq__"}},
	{"user __hash__ None", "class V:\n    __hash__ = None\n", nil, []string{"2:user __hash__"}},
	{"dunders under if", "class V:\n    if True:\n        def __lt__(self, o):\n            return True\n", nil, []string{"3:user __lt__"}},
	{"operator dunders", "class V:\n    def __add__(self, o): return 1\n    def __radd__(self, o): return 1\n    def __iadd__(self, o): return 1\n",
		nil, []string{"2:user __add__", "3:user __radd__", "4:user __iadd__"}},
	{"truth dunders", "class V:\n    def __bool__(self): return False\n    def __len__(self): return 0\n", nil, []string{"2:user __bool__", "3:user __len__"}},
	{"honoured dunders", "class V:\n    def __init__(self): pass\n    def __str__(self): return ''\n    def __repr__(self): return ''\n" +
		"    def __iter__(self): return iter([])\n    def __getitem__(self, k): return k\n    def __contains__(self, k): return True\n" +
		"    def __enter__(self): return self\n    def __exit__(self, *a): return False\n    def __getattr__(self, n): return n\n", nil, nil},
	{"dunder outside a class", "def __eq__(a, b):\n    return True\n", nil, nil},
	{"staticmethod", "class A:\n    @staticmethod\n    def s():\n        return 1\n", nil, []string{"2:staticmethod"}},
	{"classmethod call", "class A:\n    def c(cls):\n        return 1\n    c = classmethod(c)\n", nil, []string{"4:classmethod"}},
	{"subclass of dict", "class D(dict):\n    pass\n", nil, []string{"1:subclass of a built-in type"}},
	{"exception subclass", "class Skip(Exception):\n    pass\n", nil, nil},
	{"metaclass", "class A(object, metaclass=M):\n    pass\n", nil, []string{"1:metaclass"}},
	{"slots", "class A:\n    __slots__ = ('a',)\n", nil, []string{"2:__slots__"}},

	{"decorated with a default", "def deco(f):\n    return f\n@deco\ndef f(a, b=2):\n    return a\n", nil, []string{"4:decorated function with default arguments"}},
	{"decorated with a keyword-only default", "@deco\n@other(1)\ndef f(a, *, b=None):\n    return a\n", nil, []string{"3:decorated function with default arguments"}},
	{"setter with a default in pre-pass form", "class T(object):\n    @property\n    def v(self):\n        return 1\n    @__mr_id__(v.setter)\n    def v(self, x, log=True):\n        pass\n",
		nil, []string{"6:decorated function with default arguments"}},
	{"staticmethod with a default", "class A:\n    @staticmethod\n    def s(x=1):\n        return x\n", nil, []string{"2:staticmethod", "3:decorated function with default arguments"}},
	{"decorated with annotations", "@deco\ndef f(a: int) -> int:\n    return a\n@deco\ndef g() -> None:\n    pass\n", nil,
		[]string{"2:decorated function with annotations", "5:decorated function with annotations"}},
	{"decorated with both", "@deco\ndef f(a: int = 1):\n    return a\n", nil,
		[]string{"2:decorated function with default arguments", "2:decorated function with annotations"}},
	{"decorated without defaults", "@deco\n@__mr_id__(a.b)\ndef f(a, *args, **kw):\n    return a\n", nil, nil},
	{"defaults and annotations without a decorator", "def f(a: int, b=2, *, c=None) -> int:\n    return a\nclass A:\n    def m(self, x=1):\n        return x\n", nil, nil},

	// --- generators -------------------------------------------------
	{"yield from assigned", "def g():\n    x = yield from h()\n    return x\n", nil, []string{"2:yield from value"}},
	{"yield from returned and passed", "def g():\n    return (yield from h())\ndef k():\n    f((yield from h()), 1)\n", nil, []string{"2:yield from value", "4:yield from value"}},
	{"yield from in a lowered +=", "def g(x):\n    x = __mr_iadd__(x, (yield from h()))\n", nil, []string{"2:yield from value"}},
	{"yield from as a statement", "def g():\n    yield from h()\n    (yield from h())\n    x = yield 1\n", nil, nil},

	// --- dicts and sets ---------------------------------------------
	{"int key", "d = {1: 'a'}\n", nil, []string{"1:non-str dict key"}},
	{"negative key", "d = {-1: 'a'}\n", nil, []string{"1:non-str dict key"}},
	{"None key", "d = {None: 'a'}\n", nil, []string{"1:non-str dict key"}},
	{"bool key", "d = {True: 'a'}\n", nil, []string{"1:non-str dict key"}},
	{"tuple key", "d = {('a', 1): 'a'}\n", nil, []string{"1:non-str dict key"}},
	{"tuple key comprehension", "d = {(a, b): 1 for a, b in rows}\n", nil, []string{"1:non-str dict key"}},
	{"dict of int pairs", "d = dict([(1, 'a'), (2, 'b')])\n", nil, []string{"1:non-str dict key", "1:non-str dict key"}},
	{"str keys", "d = {'a': 1, k: 2}\nd2 = {str(i): i for i in range(3)}\nd3 = dict([('a', 1)])\n", nil, nil},
	{"set of tuples", "s = {(1, 2), (3, 4)}\n", nil, []string{"1:set of tuples"}},
	{"set comprehension of tuples", "s = {(a, b) for a, b in rows}\n", nil, []string{"1:set of tuples"}},
	{"set() of a tuple list", "s = set([(1, 2)])\n", nil, []string{"1:set of tuples"}},
	{"set() of fetchall", "s = set(cr.fetchall())\n", nil, []string{"1:set of tuples"}},
	{"set() of zip", "s = set(zip(a, b))\n", nil, []string{"1:set of tuples"}},
	{"set add tuple", "s = set()\ns.add((a, b))\n", nil, []string{"2:set of tuples"}},
	{"sets of scalars", "s = {1, 'a'}\ns2 = {r[0] for r in cr.fetchall()}\ns3 = set(ids)\n", nil, nil},

	// --- sequences --------------------------------------------------
	{"chained tuple comparison", "if (16, 0) <= v < (17, 0):\n    pass\n", nil, []string{"1:tuple comparison"}},
	{"chained list comparison", "r = a < b <= [1, 2]\n", nil, []string{"1:tuple comparison"}},
	{"chained tuple() comparison", "r = 0 < len(x) and x < tuple(v) < y\n", nil, []string{"1:tuple comparison"}},
	{"chained with equality", "r = (1, 2) > x == y\n", nil, []string{"1:tuple comparison"}},
	{"unchained comparison the pre-pass skipped", "r = (1, 2) < (1, 3)\n", nil, []string{"1:tuple comparison"}},
	{"lowered comparisons", "r = __mr_lt__((1, 2), (1, 3))\nif __mr_ge__(version, [16, 0]):\n    pass\nr = __mr_gt__(tuple(v), x)\n", nil, nil},
	{"chained scalars and equality", "r = (1, 2) == (1, 2)\nr2 = (1, 2) != x\nr3 = 1 < 2 < 3\nr4 = 0 <= i < n\n", nil, nil},
	{"lowered tuple concatenation", "p = __mr_add__(('new',), base)\np = ('a',)\np = __mr_iadd__(p, (b,))\n", nil, nil},
	{"string and list concatenation", "s = __mr_add__('a', b)\nl = __mr_add__([1], x)\n", nil, nil},

	// --- exceptions -------------------------------------------------
	{"pgcode", "try:\n    cr.execute('x')\nexcept psycopg2.Error as e:\n    if e.pgcode == '42P01':\n        pass\n",
		nil, []string{"4:exception attribute"}},
	{"args and str", "try:\n    pass\nexcept ValueError as e:\n    _logger.warning('%s %s', e.args, str(e))\n", nil, nil},

	// --- imports ----------------------------------------------------
	{"import os", "import os\n", nil, []string{"1:import of a module outside the sandbox"}},
	{"import subprocess", "import subprocess, sys\n", nil, []string{"1:import of a module outside the sandbox", "1:import of a module outside the sandbox"}},
	{"allowed imports", "import logging\nfrom odoo.upgrade import util\nimport odoo.upgrade.util\nfrom psycopg2 import errors\n", nil, nil},
	{"sibling imports", "import helpers\nfrom helpers import chunks\nfrom . import common\nfrom .helpers import chunks\n", nil, nil},
	{"relative non-sibling", "from . import nothere\nfrom .nothere import x\nfrom .. import up\n", nil,
		[]string{"1:import of a module outside the sandbox", "2:import of a module outside the sandbox", "3:import of a module outside the sandbox"}},
	{"from datetime", "from datetime import date\n", nil, []string{"1:import of a module outside the sandbox"}},
	{"nil Allowed", "import logging\nimport helpers\n", &Options{SiblingModules: []string{"helpers"}}, []string{"1:import of a module outside the sandbox"}},
	{"__import__ constant", "m = __import__('os')\nl = __import__('logging')\n", nil, []string{"1:import of a module outside the sandbox"}},
	{"__import__ dynamic", "m = __import__(name)\n", nil, []string{"1:dynamic __import__"}},

	// --- builtins ---------------------------------------------------
	{"eval", "x = eval('1')\n", nil, []string{"1:eval/exec/compile"}},
	{"exec and compile", "exec(code)\nc = compile(s, 'f', 'exec')\n", nil, []string{"1:eval/exec/compile", "2:eval/exec/compile"}},
	{"eval by reference", "f = eval\n", nil, []string{"1:eval/exec/compile"}},
	{"globals locals vars", "a = globals()\nb = locals()\nc = vars(x)\n", nil,
		[]string{"1:globals/locals/vars", "2:globals/locals/vars", "3:globals/locals/vars"}},
	{"input breakpoint", "x = input('?')\nbreakpoint()\n", nil, []string{"1:input/breakpoint", "2:input/breakpoint"}},
	{"shadowed eval", "def eval(x):\n    return x\ny = eval(1)\n", nil, nil},
	{"shadowed by parameter", "def f(compile, input):\n    return compile(input)\n", nil, nil},
	{"method named eval", "x = obj.eval('1')\ny = obj.open()\n", nil, nil},
	{"open", "with open('data.csv') as f:\n    pass\n", nil, []string{"1:open() without --allow-fs"}},
	{"open allowed", "with open('data.csv') as f:\n    pass\n", &Options{AllowOpen: true}, nil},
	{"class attribute does not shadow in methods", "class A:\n    open = 1\n    def m(self):\n        return open('x')\n", nil,
		[]string{"4:open() without --allow-fs"}},
	{"class attribute shadows in the class body", "class A:\n    open = 1\n    x = open\n", nil, nil},
	{"print to stderr", "import sys\nprint('x', file=sys.stderr)\n", &Options{Allowed: func(string) bool { return true }}, nil},

	// --- ordering ---------------------------------------------------
	{"sorted by line", "import os\nx = {1: 2}\nclass A:\n    def __eq__(s, o): return True\n", nil,
		[]string{"1:import of a module outside the sandbox", "2:non-str dict key", "4:user __eq__"}},
	{"empty", "", nil, nil},
	{"comments only", "# nothing\n\n", nil, nil},
}

func TestCheck(t *testing.T) {
	for _, tc := range checkCases {
		t.Run(tc.name, func(t *testing.T) {
			opt := defaultOpts
			if tc.opt != nil {
				opt = *tc.opt
			}
			got := Check("script.py", []byte(tc.src), opt)
			if b := brief(got); !slices.Equal(b, tc.want) && !(len(b) == 0 && len(tc.want) == 0) {
				t.Errorf("Check(%q)\n got  %q\n want %q\n%s", tc.src, b, tc.want, dump(got))
			}
			for _, f := range got {
				if f.Message == "" || strings.Contains(f.Message, "\n") {
					t.Errorf("finding %v: message must be one non-empty line", f)
				}
			}
		})
	}
}

func dump(fs []Finding) string {
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "  %s\n", f)
	}
	return b.String()
}

// TestSyntaxFindingColumns pins the column of a few syntax findings, so
// an editor can jump to the construct.
func TestSyntaxFindingColumns(t *testing.T) {
	tests := []struct {
		src       string
		line, col int
	}{
		{"if (n := 3) > 2:\n    pass\n", 1, 7},
		{"x = 1\ny = {'a': 1, **d}\n", 2, 14},
		{"x = 'é' + 1_000\n", 1, 11},
		{"s = '''a\nb''' ; y = 1_0\n", 2, 12},
	}
	for _, tc := range tests {
		got := Check("s.py", []byte(tc.src), defaultOpts)
		if len(got) != 1 || got[0].Line != tc.line || got[0].Col != tc.col {
			t.Errorf("Check(%q) = %v, want one finding at %d:%d", tc.src, got, tc.line, tc.col)
		}
	}
}
