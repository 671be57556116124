package pydatetime

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/go-python/gpython/py"
	_ "github.com/go-python/gpython/stdlib" // py.NewContext, py.Compile and the builtins
)

// pyEnv is a fresh gpython context with the module imported.
type pyEnv struct {
	ctx     py.Context
	globals py.StringDict
}

func newEnv(t testing.TB) *pyEnv {
	t.Helper()
	Install()
	ctx := py.NewContext(py.ContextOpts{SysPaths: []string{}})
	t.Cleanup(func() { ctx.Close() })
	e := &pyEnv{ctx: ctx, globals: py.NewStringDict()}
	e.globals["__name__"] = py.String("__main__")
	if _, err := e.exec("import datetime as dtm\nfrom datetime import *\n"); err != nil {
		t.Fatalf("import datetime: %v", err)
	}
	return e
}

func (e *pyEnv) exec(src string) (py.Object, error) {
	code, err := py.Compile(src, "<test>", py.ExecMode, 0, true)
	if err != nil {
		return nil, err
	}
	return e.ctx.RunCode(code, e.globals, e.globals, nil)
}

// eval returns repr(expr), or "ExcType: message" as the test's Python
// side prints it. A Go panic is a test failure of its own.
func (e *pyEnv) eval(expr string) (out string) {
	defer func() {
		if r := recover(); r != nil {
			out = fmt.Sprintf("GO PANIC: %v", r)
		}
	}()
	code, err := py.Compile(expr, "<expr>", py.EvalMode, 0, true)
	if err != nil {
		return "COMPILE: " + err.Error()
	}
	res, err := e.ctx.RunCode(code, e.globals, e.globals, nil)
	if err != nil {
		return formatErr(err)
	}
	s, err := py.ReprAsString(res)
	if err != nil {
		return "REPR: " + formatErr(err)
	}
	return s
}

func formatErr(err error) string {
	var ei py.ExceptionInfo
	if errors.As(err, &ei) {
		if exc, ok := ei.Value.(*py.Exception); ok {
			return ei.Type.Name + ": " + excMessage(exc)
		}
		return ei.Type.Name + ": " + fmt.Sprint(ei.Value)
	}
	var exc *py.Exception
	if errors.As(err, &exc) {
		return exc.Base.Name + ": " + excMessage(exc)
	}
	return "GO ERROR: " + err.Error()
}

func excMessage(exc *py.Exception) string {
	args, ok := exc.Args.(py.Tuple)
	if !ok || len(args) == 0 {
		return ""
	}
	parts := make([]string, len(args))
	for i, a := range args {
		s, err := py.StrAsString(a)
		if err != nil {
			s = fmt.Sprint(a)
		}
		parts[i] = s
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return "(" + strings.Join(parts, ", ") + ")"
}
