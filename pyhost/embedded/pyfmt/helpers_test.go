package pyfmt

import (
	"errors"
	"strings"
	"testing"

	"github.com/go-python/gpython/py"
	_ "github.com/go-python/gpython/stdlib" // py.NewContext and the builtins
)

// prelude defines the user classes the tests format; the differential
// test runs the same source in CPython.
const prelude = `
class R:
    def __repr__(self):
        return 'R()'

class S:
    def __str__(self):
        return 'S-str'

class F:
    def __format__(self, spec):
        return 'F<' + spec + '>'

class BadRepr:
    def __repr__(self):
        return 42

class BadFormat:
    def __format__(self, spec):
        return 1

class Plain:
    pass

class Idx:
    def __index__(self):
        return 7

class Num:
    def __int__(self):
        return 3
    def __float__(self):
        return 2.5

class Pt:
    def __init__(self):
        self.x = 1
        self.y = 'two'

class Raises:
    def __repr__(self):
        raise ValueError('no repr')
`

// testEnv is a gpython context with this package's builtins and the
// prelude loaded, for evaluating Python expressions into py.Objects.
type testEnv struct {
	ctx     py.Context
	globals py.StringDict
}

func newTestEnv(t testing.TB) *testEnv {
	t.Helper()
	ctx := py.NewContext(py.ContextOpts{SysPaths: []string{}})
	t.Cleanup(func() { ctx.Close() })
	Builtins(ctx)
	env := &testEnv{ctx: ctx, globals: py.StringDict{"__name__": py.String("__main__")}}
	if err := env.exec(prelude); err != nil {
		t.Fatalf("prelude: %v", err)
	}
	return env
}

// eval evaluates a Python expression with gpython.
func (e *testEnv) eval(t testing.TB, expr string) py.Object {
	t.Helper()
	code, err := py.Compile(expr, "<expr>", py.EvalMode, 0, true)
	if err != nil {
		t.Fatalf("compile %q: %v", expr, err)
	}
	v, err := e.ctx.RunCode(code, e.globals, e.globals, nil)
	if err != nil {
		t.Fatalf("eval %q: %v", expr, err)
	}
	return v
}

// exec runs Python statements with gpython in the prelude's namespace.
func (e *testEnv) exec(src string) error {
	code, err := py.Compile(src, "<test>", py.ExecMode, 0, true)
	if err != nil {
		return err
	}
	_, err = e.ctx.RunCode(code, e.globals, e.globals, nil)
	return err
}

// outcome renders a result the way the differential script does:
// "OK:<text>" or "ERR:<ExceptionType>: <message>".
func outcome(s string, err error) string {
	if err == nil {
		return "OK:" + s
	}
	var exc *py.Exception
	var info py.ExceptionInfo
	switch {
	case errors.As(err, &exc):
	case errors.As(err, &info):
		exc, _ = info.Value.(*py.Exception)
	}
	if exc == nil {
		return "ERR:GoError: " + err.Error()
	}
	msg, serr := Str(exc)
	if serr != nil {
		msg = "<unprintable: " + serr.Error() + ">"
	}
	return "ERR:" + exc.Type().Name + ": " + msg
}

// errText is outcome for an error only ("" when err is nil).
func errText(err error) string {
	if err == nil {
		return ""
	}
	return strings.TrimPrefix(outcome("", err), "ERR:")
}
