package pyfmt

import (
	"flag"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/go-python/gpython/py"
)

var updateGolden = flag.Bool("update", false, "rewrite testdata/*.golden from this package's output")

// captureStream is a minimal sys.stdout: it records what is written.
type captureStream struct{ b strings.Builder }

var captureType = py.NewType("CaptureStream", "test stdout")

func (c *captureStream) Type() *py.Type { return captureType }

func init() {
	captureType.Dict["write"] = py.MustNewMethod("write", func(self py.Object, arg py.Object) (py.Object, error) {
		s, ok := arg.(py.String)
		if !ok {
			return nil, py.ExceptionNewf(py.TypeError, "write() argument must be str, not %s", arg.Type().Name)
		}
		self.(*captureStream).b.WriteString(string(s))
		return py.Int(len(s)), nil
	}, 0, "")
	captureType.Dict["flush"] = py.MustNewMethod("flush", func(py.Object) (py.Object, error) { return py.None, nil }, 0, "")
	if err := captureType.Ready(); err != nil {
		panic(err)
	}
}

// runScript runs Python source in a fresh context with Builtins and
// returns what it printed.
func runScript(t *testing.T, src string) (string, error) {
	t.Helper()
	ctx := py.NewContext(py.ContextOpts{SysPaths: []string{}})
	defer ctx.Close()
	Builtins(ctx)
	out := &captureStream{}
	sys, err := ctx.GetModule("sys")
	if err != nil {
		t.Fatal(err)
	}
	sys.Globals["stdout"] = out
	code, err := py.Compile(src, "script.py", py.ExecMode, 0, true)
	if err != nil {
		t.Fatalf("compile: %v", err)
	}
	globals := py.StringDict{"__name__": py.String("__main__")}
	_, err = ctx.RunCode(code, globals, globals, nil)
	return out.b.String(), err
}

// cpythonShims define the pre-pass support functions for CPython.
const cpythonShims = `
__mr_fs__ = lambda *parts: "".join(parts)
__mr_fv__ = lambda v, conv, spec: format({"": v, "r": repr(v), "s": str(v), "a": ascii(v)}[conv], spec)
__mr_mod__ = lambda a, b: a % b
def __mr_imod__(a, b):
    a %= b
    return a
`

func TestScriptGolden(t *testing.T) {
	src, err := os.ReadFile("testdata/script.py")
	if err != nil {
		t.Fatal(err)
	}
	got, err := runScript(t, string(src))
	if err != nil {
		t.Fatalf("script failed: %v\noutput so far:\n%s", err, got)
	}
	if *updateGolden {
		if err := os.WriteFile("testdata/script.golden", []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile("testdata/script.golden")
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("output differs from testdata/script.golden:\n%s", lineDiff(got, string(want)))
	}
}

// TestScriptGoldenIsCPython keeps the golden file honest: CPython must
// print exactly the same thing.
func TestScriptGoldenIsCPython(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not on PATH")
	}
	src, err := os.ReadFile("testdata/script.py")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(python, "-c", cpythonShims+"\n"+string(src))
	cmd.Env = append(os.Environ(), "PYTHONIOENCODING=utf-8")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("python3: %v\n%s", err, out)
	}
	want, err := os.ReadFile("testdata/script.golden")
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != string(want) {
		t.Errorf("CPython output differs from testdata/script.golden:\n%s", lineDiff(string(want), string(out)))
	}
}

func lineDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	var b strings.Builder
	for i := 0; i < max(len(g), len(w)); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			b.WriteString("line " + strconv.Itoa(i+1) + ":\n   got " + gl + "\n  want " + wl + "\n")
		}
	}
	return b.String()
}
