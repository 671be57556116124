package pystdlib

import (
	"fmt"
	"os/exec"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/go-python/gpython/py"
	_ "github.com/go-python/gpython/stdlib" // builtins, sys and py.NewContext
)

// outBuf stands in for sys.stdout so that print() output can be read.
type outBuf struct{ b strings.Builder }

var outBufType = func() *py.Type {
	t := newGoType("OutBuf", "", nil)
	t.Dict["write"] = py.MustNewMethod("write", func(self py.Object, s py.Object) (py.Object, error) {
		str, err := py.StrAsString(s)
		if err != nil {
			return nil, err
		}
		self.(*outBuf).b.WriteString(str)
		return py.Int(len(str)), nil
	}, 0, "")
	t.Dict["flush"] = py.MustNewMethod("flush", func(self py.Object) (py.Object, error) { return py.None, nil }, 0, "")
	return t
}()

func (o *outBuf) Type() *py.Type { return outBufType }

// runPy runs src in a fresh context with the modules installed and
// returns what it printed. A Go panic inside gpython is reported as an
// error, never as a crash of the test binary.
func runPy(src string) (out string, err error) {
	Install()
	ctx := py.NewContext(py.ContextOpts{SysPaths: []string{}})
	defer ctx.Close()
	sys, err := ctx.GetModule("sys")
	if err != nil {
		return "", err
	}
	buf := &outBuf{}
	sys.Globals["stdout"] = buf
	defer func() {
		if r := recover(); r != nil {
			out, err = buf.b.String(), fmt.Errorf("go panic: %v\n%s", r, debug.Stack())
		}
	}()
	code, err := py.Compile(src, "<test>", py.ExecMode, 0, true)
	if err != nil {
		return "", err
	}
	globals := py.StringDict{"__name__": py.String("__main__")}
	_, err = ctx.RunCode(code, globals, globals, nil)
	return buf.b.String(), err
}

// mustRun is runPy failing the test on a Python error.
func mustRun(t *testing.T, src string) string {
	t.Helper()
	out, err := runPy(src)
	if err != nil {
		t.Fatalf("script failed: %v\noutput so far:\n%s", err, out)
	}
	return out
}

// python3 runs src under CPython, or skips the test when it is absent.
func python3(t *testing.T, src string) string {
	t.Helper()
	bin, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not found; CPython comparison skipped")
	}
	cmd := exec.Command(bin, "-c", src)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("python3 failed: %v\n%s", err, out)
	}
	return string(out)
}
