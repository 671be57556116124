package compat

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/go-python/gpython/py"
)

// TestNoInternalErrors calls every method of the patched built-in types
// with assorted wrong and edge-case arguments: each call must succeed or
// raise a Python exception, never hit a Go panic in this package
// (reported as "internal error").
func TestNoInternalErrors(t *testing.T) {
	out, err := runPy(t, `
factories = [lambda: "abc", lambda: "", lambda: b"abc", lambda: [3, 1, 2], lambda: (1, 2), lambda: {"a": 1},
             lambda: {1, 2}, lambda: frozenset([1]), lambda: "héllo"]
argsets = [(), (None,), (1,), ("x",), (b"x",), ((1, 2),), ([1],), ({"k": 1},), (1, 2), ("a", "b"),
           ("a", "b", "c"), (-1, -100, 100), (10**30,), (None, None, None, None), (lambda: 1,)]
bad = []
calls = 0
for make in factories:
    for name in dir(make()):
        if name.startswith("__"):
            continue
        for args in argsets:
            calls = __mr_add__(calls, 1)
            try:
                getattr(make(), name)(*args)
            except Exception as e:
                msg = e.args[0] if e.args else ""
                if "internal error" in str(msg):
                    bad.append((type(make()).__name__, name, str(msg)))
print(calls > 1000, bad)
`)
	if err != nil {
		t.Fatal(pyError(err))
	}
	if out != "True []\n" {
		t.Errorf("internal errors: %s", out)
	}
}

// TestBuiltinsArePerContext: the builtins go into one context only.
func TestBuiltinsArePerContext(t *testing.T) {
	Install()
	plain := py.NewContext(py.DefaultContextOpts())
	defer func() { _ = plain.Close() }()
	patched := py.NewContext(py.DefaultContextOpts())
	defer func() { _ = patched.Close() }()
	Builtins(patched)
	Builtins(patched) // idempotent
	if _, ok := plain.Store().Builtins.Globals["__mr_add__"]; ok {
		t.Error("__mr_add__ leaked into a context that did not ask for it")
	}
	if _, ok := patched.Store().Builtins.Globals["__mr_add__"]; !ok {
		t.Error("__mr_add__ missing")
	}
	if bc, ok := patched.Store().Builtins.Globals["__build_class__"].(*py.Method); !ok || bc == originalBuildClass() {
		t.Error("__build_class__ not wrapped")
	}
}

// TestConcurrentContexts runs the test programs in parallel contexts
// (run with -race) and checks every output.
func TestConcurrentContexts(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.py")
	type prog struct{ src, want string }
	var progs []prog
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(strings.TrimSuffix(f, ".py") + ".out")
		if err != nil {
			t.Fatal(err)
		}
		progs = append(progs, prog{string(src), string(want)})
	}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := 0; g < 6; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := range progs {
				p := progs[(i+g)%len(progs)]
				got, err := runPy(t, p.src)
				if err != nil || got != p.want {
					errs <- fmt.Sprintf("goroutine %d program %d: %v", g, (i+g)%len(progs), err)
					return
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// TestGoExceptionAttributes: an exception made in Go with attributes in
// its Dict (as the psycopg2 shim does) exposes them, and a missing one
// raises AttributeError instead of returning e.args.
func TestGoExceptionAttributes(t *testing.T) {
	var out strings.Builder
	ctx := newTestContext(&out)
	defer func() { _ = ctx.Close() }()
	e := &py.Exception{Base: py.ExceptionType, Args: py.Tuple{py.String("relation does not exist")}, Dict: py.StringDict{"pgcode": py.String("42P01")}}
	mod := &py.Module{Globals: py.StringDict{"__name__": py.String("__main__"), "err": e}, Context: ctx}
	code, err := py.Compile(`
print(err.pgcode, err.args)
try:
    err.pgerror
except AttributeError as x:
    print("AttributeError", x)
err.pgerror = "ERROR: x"
print(err.pgerror, sorted(err.__dict__))
try:
    raise err
except Exception as caught:
    print(caught is err, caught.pgcode)
`, "t.py", py.ExecMode, 0, true)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := py.RunCode(ctx, code, "t.py", mod); err != nil {
		t.Fatal(pyError(err))
	}
	want := "42P01 ('relation does not exist',)\nAttributeError 'Exception' object has no attribute 'pgerror'\nERROR: x ['pgcode', 'pgerror']\nTrue 42P01\n"
	if out.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", out.String(), want)
	}
}

// TestExceptionClassFromGo: Python code can subclass an exception type
// made in Go with Type.NewType and the metatype fix, whether or not its
// maker re-readied it (NewType copies READY, leaving the MRO empty).
func TestExceptionClassFromGo(t *testing.T) {
	Install()
	for _, reready := range []bool{true, false} {
		t.Run(fmt.Sprint("reready=", reready), func(t *testing.T) { testExceptionClassFromGo(t, reready) })
	}
}

func testExceptionClassFromGo(t *testing.T, reready bool) {
	base := py.ExceptionType.NewType("ProgrammingError", "", nil, nil)
	base.ObjectType = py.TypeType
	if reready {
		base.Flags &^= py.TPFLAGS_READY
		if err := base.Ready(); err != nil {
			t.Fatal(err)
		}
	}
	var out strings.Builder
	ctx := newTestContext(&out)
	defer func() { _ = ctx.Close() }()
	mod := &py.Module{Globals: py.StringDict{"__name__": py.String("__main__"), "ProgrammingError": base}, Context: ctx}
	code, err := py.Compile(`
class UndefinedTable(ProgrammingError):
    def __init__(self, table):
        super(UndefinedTable, self).__init__("no table " + table)
        self.table = table
try:
    raise UndefinedTable("x")
except ProgrammingError as e:
    print(type(e).__name__, e.table, e.args)
try:
    raise UndefinedTable("y")
except Exception as e:
    print(isinstance(e, Exception), [c.__name__ for c in type(e).__mro__])
`, "t.py", py.ExecMode, 0, true)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := py.RunCode(ctx, code, "t.py", mod); err != nil {
		t.Fatal(pyError(err))
	}
	want := "UndefinedTable x ('no table x',)\nTrue ['UndefinedTable', 'ProgrammingError', 'Exception', 'BaseException', 'object']\n"
	if out.String() != want {
		t.Errorf("got %q, want %q", out.String(), want)
	}
}

func benchRows(n int) *py.List {
	r := rand.New(rand.NewSource(1))
	names := []string{"Alice", "Bob", "Carol", "Dave", "Eve"}
	l := &py.List{Items: make([]py.Object, n)}
	for i := range l.Items {
		l.Items[i] = py.Tuple{py.String(names[r.Intn(len(names))]), py.Int(r.Intn(1000)), py.Int(i)}
	}
	return l
}

// BenchmarkSorted10kTuples is sorted() of 10k (str, int, int) tuples.
func BenchmarkSorted10kTuples(b *testing.B) {
	Install()
	rows := benchRows(10000)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := builtinSorted(nil, py.Tuple{rows}, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSorted10kTuplesKey is sorted(rows, key=lambda r: (r[1], -r[2]))
// run as Python.
func BenchmarkSorted10kTuplesKey(b *testing.B) {
	var out strings.Builder
	ctx := newTestContext(&out)
	defer func() { _ = ctx.Close() }()
	mod := &py.Module{Globals: py.StringDict{"__name__": py.String("__main__"), "rows": benchRows(10000)}, Context: ctx}
	code, err := py.Compile("res = sorted(rows, key=lambda r: (r[1], -r[2]))", "b.py", py.ExecMode, 0, true)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := py.RunCode(ctx, code, "b.py", mod); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMrAdd(b *testing.B) {
	Install()
	cases := []struct {
		name string
		a, c py.Object
	}{
		{"tuple", py.Tuple{py.Int(1), py.Int(2)}, py.Tuple{py.Int(3)}},
		{"int", py.Int(40), py.Int(2)},
		{"str", py.String("res_"), py.String("partner")},
		{"float", py.Float(1.5), py.Int(2)},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := mrAdd(c.a, c.c); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkMrAddLoop is a Python loop of 10k `total = __mr_add__(total, i)`
// through the builtin, the cost the pre-pass adds to every +.
func BenchmarkMrAddLoop(b *testing.B) {
	var out strings.Builder
	ctx := newTestContext(&out)
	defer func() { _ = ctx.Close() }()
	mod := &py.Module{Globals: py.StringDict{"__name__": py.String("__main__")}, Context: ctx}
	code, err := py.Compile("total = 0\nfor i in range(10000):\n    total = __mr_add__(total, i)\n", "b.py", py.ExecMode, 0, true)
	if err != nil {
		b.Fatal(err)
	}
	plain, err := py.Compile("total = 0\nfor i in range(10000):\n    total = total + i\n", "b.py", py.ExecMode, 0, true)
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name string
		code *py.Code
	}{{"mr_add", code}, {"plain_plus", plain}} {
		b.Run(c.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := py.RunCode(ctx, c.code, "b.py", mod); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
