package prepass

import (
	"errors"
	"fmt"
	"testing"

	"github.com/go-python/gpython/py"
)

// Probes: the comparison and decorator lowerings exist because of
// specific gpython gaps. Each probe runs a snippet in the pinned gpython
// and pins both the gap (so the lowering is dropped when gpython fixes
// it) and the fact that the lowered form runs correctly there.

// gpyRun compiles and runs src in a fresh gpython context whose builtins
// hold a Go identity function under FnID (the host installs the real
// one), and returns repr(r) or the name of the exception raised.
func gpyRun(src string) (res string, err error) {
	defer func() {
		if p := recover(); p != nil {
			res, err = "", fmt.Errorf("gpython panicked: %v", p)
		}
	}()
	ctx := py.NewContext(py.DefaultContextOpts())
	defer ctx.Close()
	ctx.Store().Builtins.Globals[FnID] = py.MustNewMethod(FnID, func(_ py.Object, arg py.Object) (py.Object, error) {
		return arg, nil
	}, 0, "identity")
	code, err := py.Compile(src, "<probe>", py.ExecMode, 0, true)
	if err != nil {
		return "", err
	}
	mod := &py.Module{Globals: py.StringDict{"__name__": py.String("__main__")}, Context: ctx}
	if _, err := py.RunCode(ctx, code, "<probe>", mod); err != nil {
		return "", err
	}
	r, ok := mod.Globals["r"]
	if !ok {
		return "", errors.New("the probe left no r")
	}
	s, err := py.ReprAsString(r)
	return s, err
}

// excName is the Python exception type of err, or "" if it is none.
func excName(err error) string {
	var ei py.ExceptionInfo
	if errors.As(err, &ei) && ei.Type != nil {
		return ei.Type.Name
	}
	var e *py.Exception
	if errors.As(err, &e) && e.Base != nil {
		return e.Base.Name
	}
	return ""
}

const decoratorProbeClasses = `
class Registry(object):
    def __init__(self):
        self.seen = []
    def mark(self, tag):
        def deco(f):
            self.seen.append(tag)
            return f
        return deco
    def plain(self, f):
        self.seen.append(f.__name__)
        return f
reg = Registry()
def mark(tag):
    return reg.mark(tag)
`

// gpython compiles `@a.b` and `@a.b(args)` as a lookup of the single
// name "a.b"; `@name` and `@name(args)` work, and so does the rewritten
// `@__mr_id__(a.b(args))`.
func TestProbeDottedDecorators(t *testing.T) {
	for _, c := range []struct {
		name, body string
		wantErr    string // exception gpython raises on the source as written
		want       string // repr(r) once rewritten (and as written when wantErr is "")
	}{
		{name: "plain name called", body: "@mark('a')\ndef f():\n    return 1\nr = [reg.seen, f()]\n",
			want: "[['a'], 1]"},
		{name: "dotted called", body: "@reg.mark('a')\ndef f():\n    return 1\nr = [reg.seen, f()]\n",
			wantErr: "NameError", want: "[['a'], 1]"},
		{name: "dotted bare", body: "@reg.plain\ndef g():\n    return 2\nr = [reg.seen, g()]\n",
			wantErr: "NameError", want: "[['g'], 2]"},
		{name: "stacked dotted on a method", body: "class A(object):\n    @reg.mark('x')\n    @reg.plain\n    def m(self):\n        return 3\n" +
			"r = [reg.seen, A().m()]\n", wantErr: "NameError", want: "[['m', 'x'], 3]"},
	} {
		t.Run(c.name, func(t *testing.T) {
			src := decoratorProbeClasses + c.body
			got, err := gpyRun(src)
			switch {
			case c.wantErr == "" && (err != nil || got != c.want):
				t.Errorf("gpython on the source as written: %q, %v; want %s", got, err, c.want)
			case c.wantErr != "" && excName(err) != c.wantErr:
				t.Errorf("gpython on the source as written: %q, %v; want %s: if gpython fixed dotted decorators, drop the rewrite",
					got, err, c.wantErr)
			}
			out, err := Rewrite([]byte(src))
			if err != nil {
				t.Fatal(err)
			}
			if got, err := gpyRun(string(out)); err != nil || got != c.want {
				t.Errorf("gpython on the rewritten source: %q, %v; want %s\n%s", got, err, c.want, out)
			}
		})
	}
}

// gpython's < <= > >= raise TypeError on tuples and lists, which is why
// the pre-pass lowers unchained ordering comparisons; its chained
// comparisons of numbers, which the pre-pass leaves, are right.
func TestProbeOrderingComparisons(t *testing.T) {
	for _, src := range []string{"r = (1, 2) < (1, 3)\n", "r = [17] >= [16, 0]\n", "r = (2,) > (1, 5)\n", "r = [1] <= [1]\n"} {
		if got, err := gpyRun(src); excName(err) != "TypeError" {
			t.Errorf("gpython on %q: %q, %v; want TypeError: if gpython orders sequences now, drop the lowering", src, got, err)
		}
	}
	for src, want := range map[string]string{
		"i, n = 3, 5\nr = [0 <= i < n, 0 < n < i, 1 < 2 == 2, 1 < 2 > 3]\n": "[True, False, True, False]",
		"r = [1 < 2, 2 <= 2, 'b' > 'a', 2.5 >= 3]\n":                        "[True, True, True, False]",
	} {
		if got, err := gpyRun(src); err != nil || got != want {
			t.Errorf("gpython on %q: %q, %v; want %s", src, got, err, want)
		}
	}
}
