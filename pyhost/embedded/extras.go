package embedded

import (
	"math"
	"math/big"

	"github.com/go-python/gpython/py"
)

// Small pieces of CPython that gpython lacks and scripts touch:
// ModuleNotFoundError, math.isclose, sys.version and sys.version_info,
// and logging's handler and formatter classes (accepted and ignored,
// since migrate-runner decides where records go).

// moduleNotFound is CPython's ModuleNotFoundError, an ImportError.
var moduleNotFound *py.Type

// version is what sys.version says: the language level the compatibility
// layer follows.
const version = "3.11.0 (migrate-runner embedded host, gpython)"

// patchStdlib extends gpython's own modules before any context exists
// (module implementations are copied into each new context).
func patchStdlib() {
	moduleNotFound = newException(py.ImportError, "ModuleNotFoundError", "builtins")
	if impl := py.GetModuleImpl("math"); impl != nil {
		impl.Methods = append(impl.Methods, py.MustNewMethod("isclose", mathIsClose, 0,
			"isclose(a, b, *, rel_tol=1e-09, abs_tol=0.0)"), py.MustNewMethod("gcd", mathGcd, 0, "gcd(*integers)"))
		if impl.Globals == nil {
			impl.Globals = py.StringDict{}
		}
		impl.Globals["inf"], impl.Globals["nan"] = py.Float(math.Inf(1)), py.Float(math.NaN())
	}
	// int(True) is 1: gpython's int() refuses a bool.
	if orig := py.IntType.New; orig != nil {
		py.IntType.New = func(t *py.Type, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
			if len(args) == 1 && len(kwargs) == 0 {
				if b, ok := args[0].(py.Bool); ok {
					if b {
						return py.Int(1), nil
					}
					return py.Int(0), nil
				}
			}
			return orig(t, args, kwargs)
		}
	}
	if impl := py.GetModuleImpl("sys"); impl != nil {
		impl.Globals["version"] = py.String(version)
		impl.Globals["version_info"] = py.Tuple{py.Int(3), py.Int(11), py.Int(0), py.String("final"), py.Int(0)}
		impl.Globals["hexversion"] = py.Int(0x030b00f0)
	}
}

func mathIsClose(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	var a, b py.Object
	var relTol, absTol py.Object = py.Float(1e-9), py.Float(0)
	if err := py.ParseTupleAndKeywords(args, kwargs, "OO|OO:isclose", []string{"a", "b", "rel_tol", "abs_tol"}, &a, &b, &relTol, &absTol); err != nil {
		return nil, err
	}
	var f [4]float64
	for i, o := range []py.Object{a, b, relTol, absTol} {
		v, err := py.MakeFloat(o)
		if err != nil {
			return nil, err
		}
		f[i] = float64(v.(py.Float))
	}
	x, y, rel, abs := f[0], f[1], f[2], f[3]
	if rel < 0 || abs < 0 {
		return nil, py.ExceptionNewf(py.ValueError, "tolerances must be non-negative")
	}
	if x == y {
		return py.True, nil
	}
	if math.IsInf(x, 0) || math.IsInf(y, 0) {
		return py.False, nil
	}
	diff := math.Abs(y - x)
	return py.NewBool(diff <= math.Abs(rel*y) || diff <= math.Abs(rel*x) || diff <= abs), nil
}

func mathGcd(_ py.Object, args py.Tuple) (py.Object, error) {
	g := new(big.Int)
	for _, a := range args {
		var n *big.Int
		switch v := a.(type) {
		case py.Int:
			n = big.NewInt(int64(v))
		case *py.BigInt:
			n = (*big.Int)(v)
		case py.Bool:
			n = big.NewInt(0)
			if v {
				n = big.NewInt(1)
			}
		default:
			return nil, py.ExceptionNewf(py.TypeError, "'%s' object cannot be interpreted as an integer", a.Type().Name)
		}
		g.GCD(nil, nil, g, new(big.Int).Abs(n))
	}
	if g.IsInt64() {
		return py.Int(g.Int64()), nil
	}
	return (*py.BigInt)(g), nil
}

// loggingClasses are logging.Handler and friends: scripts may create,
// configure and subclass them; records still go to the report.
func loggingClasses() py.StringDict {
	noop := func(name string) *py.Method {
		return py.MustNewMethod(name, func(py.Object, py.Tuple, py.StringDict) (py.Object, error) { return py.None, nil }, 0, "")
	}
	handler := py.ObjectType.NewType("Handler", "logging.Handler: accepted, records go to migrate-runner's report", nil, nil)
	for _, m := range []string{"__init__", "setLevel", "setFormatter", "addFilter", "removeFilter", "emit", "handle", "flush", "close", "acquire", "release"} {
		handler.Dict[m] = noop(m)
	}
	handler.Dict["__module__"] = py.String("logging")
	g := py.StringDict{"Handler": handler}
	for _, name := range []string{"StreamHandler", "NullHandler", "FileHandler"} {
		t := handler.NewType(name, "logging."+name+": accepted and ignored", nil, nil)
		t.Dict["__module__"] = py.String("logging")
		g[name] = t
	}
	formatter := py.ObjectType.NewType("Formatter", "logging.Formatter: accepted and ignored", nil, nil)
	formatter.Dict["__init__"] = noop("__init__")
	formatter.Dict["__module__"] = py.String("logging")
	g["Formatter"] = formatter
	for _, t := range g {
		typ := t.(*py.Type)
		typ.ObjectType = py.TypeType
		typ.Flags &^= py.TPFLAGS_READY
		if err := typ.Ready(); err != nil {
			panic(err)
		}
	}
	return g
}
