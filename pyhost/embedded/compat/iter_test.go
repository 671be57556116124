package compat

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/go-python/gpython/py"

	"github.com/migrate-runner/migrate-runner/pyhost/embedded/prepass"
)

// runRecover runs src with the compat builtins and returns what it
// printed, the Python error and the value of a Go panic, if any.
func runRecover(t testing.TB, src string) (out string, err error, panicked any) {
	t.Helper()
	var b strings.Builder
	ctx := newTestContext(&b)
	defer func() { _ = ctx.Close() }()
	code, err := py.Compile(src, "loop.py", py.ExecMode, 0, true)
	if err != nil {
		t.Fatalf("compile: %v\n%s", err, src)
	}
	mod := &py.Module{Globals: py.StringDict{"__name__": py.String("__main__")}, Context: ctx}
	func() {
		defer func() { panicked = recover() }()
		_, err = py.RunCode(ctx, code, "loop.py", mod)
	}()
	return b.String(), err, panicked
}

// iterationError returns the *IterationError a panic carried, failing
// the test for any other outcome.
func iterationError(t *testing.T, src string, out string, err error, p any) *IterationError {
	t.Helper()
	ie, ok := p.(*IterationError)
	if !ok {
		t.Fatalf("want a panic with *IterationError, got panic %#v, error %v, output %q\n%s", p, err, out, src)
	}
	return ie
}

const failingGen = `
def rows():
    yield 1
    yield 2
    raise ValueError('row 3 is bad')
    yield 3
`

// TestProbeForLoopSwallowsErrors proves the gap __mr_iter__ closes:
// gpython's FOR_ITER takes any error from __next__ for the end of the
// loop, in for statements, comprehensions and generator expressions.
// CPython raises the error in every case. The same programs through the
// source pre-pass (which wraps every iterable in __mr_iter__) panic with
// the error instead, which the host reports.
func TestProbeForLoopSwallowsErrors(t *testing.T) {
	for _, c := range []struct{ name, src, silent, exc string }{
		{"for statement", "r = []\nfor x in rows():\n    r.append(x)\nprint(r)\n", "[1, 2]", "ValueError"},
		{"list comprehension", "print([x for x in rows()])\n", "[1, 2]", "ValueError"},
		{"generator expression consumed by sum", "print(sum(x for x in rows()))\n", "3", "ValueError"},
		{"dict comprehension", "print(len({str(x): x for x in rows()}))\n", "2", "ValueError"},
		{"nested generator", "def outer():\n    for x in rows():\n        yield x\nprint([y for y in outer()])\n", "[1, 2]", "ValueError"},
		{"inside try/except", "try:\n    print([x for x in rows()])\nexcept ValueError:\n    print('caught')\n", "[1, 2]", "ValueError"},
		{"user iterator class", "class It:\n    def __iter__(self):\n        return self\n    def __next__(self):\n        raise KeyError('k')\nprint([x for x in It()])\n",
			"[]", "KeyError"},
	} {
		t.Run(c.name, func(t *testing.T) {
			raw := failingGen + c.src
			out, err, p := runRecover(t, raw)
			if p != nil || err != nil || out != c.silent+"\n" {
				t.Errorf("gpython no longer ends the loop silently (output %q, error %v, panic %v): "+
					"if FOR_ITER propagates errors now, drop __mr_iter__", out, err, p)
			}
			lowered, rerr := prepass.Rewrite([]byte(raw))
			if rerr != nil || !strings.Contains(string(lowered), prepass.FnIter+"(") {
				t.Fatalf("the pre-pass did not wrap the loop: %v\n%s", rerr, lowered)
			}
			out, err, p = runRecover(t, string(lowered))
			ie := iterationError(t, string(lowered), out, err, p)
			if out != "" {
				t.Errorf("the script went on after the failing loop: %q", out)
			}
			if got := describeError(ie.Err); !strings.HasPrefix(got, c.exc+":") {
				t.Errorf("panic carries %s, want the script's %s", got, c.exc)
			}
		})
	}
}

// The panic's text is what the host prints: the exception and where the
// iterator raised it.
func TestIterationErrorMessage(t *testing.T) {
	src := failingGen + "for x in __mr_iter__(rows()):\n    pass\n"
	out, err, p := runRecover(t, src)
	ie := iterationError(t, src, out, err, p)
	const want = "the iterator of a for loop raised ValueError: row 3 is bad (in rows, loop.py line 6); " +
		"gpython would have ended the loop silently, so the script is stopped"
	if ie.Error() != want {
		t.Errorf("Error() = %q\nwant      %q", ie.Error(), want)
	}
	var ei py.ExceptionInfo
	if !errors.As(ie, &ei) || ei.Type != py.ValueError {
		t.Errorf("errors.As(IterationError, ExceptionInfo) = %v", ei)
	}
	if _, ok := any(ie).(interface{ FatalToScript() }); !ok {
		t.Error("IterationError does not announce itself as fatal to the script")
	}
}

// The compat builtins that call back into Python (sorted, sum, min, the
// str methods, ...) recover Go panics as SystemError, which a script
// could catch; a failing loop's panic must cross them unchanged.
func TestIterationErrorCrossesBuiltins(t *testing.T) {
	for _, body := range []string{
		"r = sorted(x for x in __mr_iter__(rows()))\n",
		"r = sorted([3, 1], key=lambda v: [x for x in __mr_iter__(rows())])\n",
		"r = max(x for x in __mr_iter__(rows()))\n",
		"try:\n    r = sorted(x for x in __mr_iter__(rows()))\nexcept Exception as e:\n    print('caught', e)\n",
	} {
		src := failingGen + body
		out, err, p := runRecover(t, src)
		iterationError(t, src, out, err, p)
	}
}

// A dict's keys come in sorted order, the order list(d) gives here
// (gpython's own loop follows Go's random map order).
func TestMrIterDictOrder(t *testing.T) {
	src := "d = {}\nfor k in 'zyxwvutsrqponmlkjihgfedcba':\n    d[k] = 1\nprint(''.join([k for k in __mr_iter__(d)]))\n"
	for range 20 {
		out, err, p := runRecover(t, src)
		if err != nil || p != nil || out != "abcdefghijklmnopqrstuvwxyz\n" {
			t.Fatalf("got %q, %v, %v", out, err, p)
		}
	}
}

// Changing a dict's size while looping over it is CPython's RuntimeError;
// it ends the script as any other iterator error does.
func TestMrIterDictChangedSize(t *testing.T) {
	for _, body := range []string{
		"d = {'a': 1, 'b': 2}\nfor k in __mr_iter__(d):\n    del d[k]\n",
		"d = {'a': 1}\nfor k in __mr_iter__(d):\n    d[k + 'x'] = 1\n",
	} {
		out, err, p := runRecover(t, body)
		ie := iterationError(t, body, out, err, p)
		if got := describeError(ie.Err); got != "RuntimeError: dictionary changed size during iteration" {
			t.Errorf("%q: %s", body, got)
		}
	}
	// Changing values only is fine, as in CPython.
	if out, err, p := runRecover(t, "d = {'a': 1, 'b': 2}\nfor k in __mr_iter__(d):\n    d[k] = 0\nprint(d)\n"); err != nil || p != nil || out != "{'a': 0, 'b': 0}\n" {
		t.Errorf("value updates: %q, %v, %v", out, err, p)
	}
}

// What mrIter rejects is an ordinary Python error at the loop's start.
func TestMrIterErrors(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"for x in __mr_iter__(None):\n    pass\n", "TypeError: 'NoneType' object is not iterable"},
		{"for x in __mr_iter__():\n    pass\n", "TypeError: __mr_iter__() takes exactly one argument (0 given)"},
		{"for x in __mr_iter__([1], [2]):\n    pass\n", "TypeError: __mr_iter__() takes exactly one argument (2 given)"},
	} {
		out, err, p := runRecover(t, c.src)
		if p != nil || err == nil || pyError(err) != c.want {
			t.Errorf("%q: output %q, error %v, panic %v; want %s", c.src, out, err, p, c.want)
		}
	}
}

// The name the pre-pass emits is the one Builtins installs.
func TestMrIterName(t *testing.T) {
	ctx := py.NewContext(py.DefaultContextOpts())
	defer func() { _ = ctx.Close() }()
	Builtins(ctx)
	if _, ok := ctx.Store().Builtins.Globals[prepass.FnIter]; !ok {
		t.Fatalf("Builtins installs no %s", prepass.FnIter)
	}
}

// BenchmarkForLoop measures 100,000 loop iterations as gpython runs them
// and as the pre-pass rewrites them (ITER(e) is e, or __mr_iter__(e));
// ns/iter is the figure to compare.
func BenchmarkForLoop(b *testing.B) {
	const n = 100000
	loops := []struct{ name, setup, loop string }{
		{"range", "", "for x in ITER(range(N)):\n        pass\n"},
		{"list", "L = list(range(N))\n", "for x in ITER(L):\n        pass\n"},
		{"generator", "def gen():\n    i = 0\n    while i < N:\n        yield i\n        i = i + 1\n", "for x in ITER(gen()):\n        pass\n"},
		{"dict-100000-keys", "D = {}\nfor i in range(N):\n    D[str(i)] = i\n", "for k in ITER(D):\n        pass\n"},
		{"dict-100-keys-x1000", "D = {}\nfor i in range(100):\n    D[str(i)] = i\n",
			"for j in range(1000):\n        for k in ITER(D):\n            pass\n"},
		{"comprehension", "L = list(range(N))\n", "r = [x for x in ITER(L)]\n"},
	}
	for _, l := range loops {
		for _, wrapped := range []bool{false, true} {
			loop, name := strings.ReplaceAll(l.loop, "ITER", ""), l.name+"/raw"
			if wrapped {
				loop, name = strings.ReplaceAll(l.loop, "ITER", prepass.FnIter), l.name+"/wrapped"
			}
			src := fmt.Sprintf("N = %d\n%sdef loop():\n    %s", n, l.setup, loop)
			b.Run(name, func(b *testing.B) {
				var out strings.Builder
				ctx := newTestContext(&out)
				defer func() { _ = ctx.Close() }()
				code, err := py.Compile(src, "bench.py", py.ExecMode, 0, true)
				if err != nil {
					b.Fatalf("%v\n%s", err, src)
				}
				mod := &py.Module{Globals: py.StringDict{"__name__": py.String("__main__")}, Context: ctx}
				if _, err := py.RunCode(ctx, code, "bench.py", mod); err != nil {
					b.Fatal(err)
				}
				fn := mod.Globals["loop"]
				b.ReportAllocs()
				for b.Loop() {
					if _, err := py.Call(fn, nil, nil); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/n, "ns/iter")
			})
		}
	}
}
