package pystdlib

import (
	"strings"
	"testing"

	"github.com/go-python/gpython/py"
)

// dictScript uses D(*pairs), the shape of the pre-pass's __mr_dict__
// calls, through the dict protocol; CPython runs it with D built on its
// own dict.
const dictScript = `
d = D(('b', 1), ('a', 2), (3, 'three'), ((1, 2), 'pair'), (None, 0))
print(repr(d), str(D()), len(d), not D(), list(d), list(d.__reversed__()))
print(list(d.keys()), list(d.values()), list(d.items()), repr(d.keys()), repr(d.items()))
print(d[3], d[(1, 2)], d.get(None), d.get('zz', 'dflt'), 3 in d, 'zz' in d, (1, 2) in d.keys(), ('a', 2) in d.items())
d['c'] = 9
del d['b']
d['b'] = 10
print(d.pop('a'), d.pop('nope', None), d.popitem(), repr(d))
print(d.setdefault('new', []), d.setdefault(3), repr(d))
d.update(D(('u', 1)), v=2)
d.update([(7, 'seven')])
print(repr(d), repr(d.copy()), d == d.copy(), d != D(), D((1, 2)) == D((1, 2)))
print(repr(D(('a', 1)) | D(('b', 2))), repr(type(d).fromkeys([3, 1, 3])), repr(type(d)([('x', 1)], y=2)))
g = D((k, v * 2) for k, v in [('z', 1), ('y', 2)])
print(repr(g), type(g) is type(d))
c = d.copy()
c.clear()
print(repr(c), len(c))
for bad in (lambda: D()['x'], lambda: D().popitem(), lambda: D(([1], 2)), lambda: D((1, 2, 3)), lambda: D(1)):
    try:
        bad()
        print("no error")
    except KeyError:
        print("KeyError")
    except TypeError:
        print("TypeError")
`

const cpythonD = `
def D(*pairs):
    if len(pairs) == 1 and type(pairs[0]) is not tuple:
        return dict(pairs[0])
    for p in pairs:
        if type(p) is not tuple or len(p) != 2:
            raise TypeError("not a pair")
    return dict(pairs)
`

func TestDictKindMatchesCPython(t *testing.T) {
	Install()
	want := python3(t, cpythonD+dictScript)
	ctx := py.NewContext(py.ContextOpts{SysPaths: []string{}})
	defer ctx.Close()
	sys, err := ctx.GetModule("sys")
	if err != nil {
		t.Fatal(err)
	}
	buf := &outBuf{}
	sys.Globals["stdout"] = buf
	code, err := py.Compile(dictScript, "<test>", py.ExecMode, 0, true)
	if err != nil {
		t.Fatal(err)
	}
	globals := py.StringDict{"__name__": py.String("__main__"), "D": py.MustNewMethod("D", func(_ py.Object, args py.Tuple) (py.Object, error) {
		return DictFromPairs(args)
	}, 0, "")}
	if _, err := ctx.RunCode(code, globals, globals, nil); err != nil {
		t.Fatalf("%v\noutput so far:\n%s", err, buf.b.String())
	}
	if got := buf.b.String(); got != want {
		gl, wl := strings.Split(got, "\n"), strings.Split(want, "\n")
		for i := range wl {
			if i >= len(gl) || gl[i] != wl[i] {
				t.Errorf("line %d:\n got: %q\nwant: %q", i+1, gl[min(i, len(gl)-1)], wl[i])
			}
		}
	}
}
