package embedded

import (
	"strconv"
	"strings"

	"github.com/go-python/gpython/py"
)

// A minimal logging module: getLogger, the level functions with %-style
// arguments, exception(), and the level constants. Records go to the
// running script's outcome, which the parent logs with the script's place
// attached.

var levels = map[string]int{"DEBUG": 10, "INFO": 20, "WARNING": 30, "ERROR": 40, "CRITICAL": 50}

// sink receives the records of the script being run; the worker runs one
// script at a time.
var sink *[][3]string

var loggerType = py.NewType("Logger", "logging.Logger")

type logger struct {
	name  string
	level int
}

func (l *logger) Type() *py.Type { return loggerType }

func init() {
	for _, lv := range []struct {
		method, level string
	}{{"debug", "DEBUG"}, {"info", "INFO"}, {"warning", "WARNING"}, {"warn", "WARNING"},
		{"error", "ERROR"}, {"exception", "ERROR"}, {"critical", "CRITICAL"}} {
		level := lv.level
		loggerType.Dict[lv.method] = py.MustNewMethod(lv.method, func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
			return py.None, self.(*logger).emit(level, args)
		}, 0, "")
	}
	loggerType.Dict["log"] = py.MustNewMethod("log", func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		if len(args) < 1 {
			return nil, py.ExceptionNewf(py.TypeError, "log() missing 1 required positional argument: 'level'")
		}
		n, ok := args[0].(py.Int)
		if !ok {
			return nil, py.ExceptionNewf(py.TypeError, "level must be an integer")
		}
		return py.None, self.(*logger).emit(levelName(int(n)), args[1:])
	}, 0, "")
	loggerType.Dict["setLevel"] = py.MustNewMethod("setLevel", func(self py.Object, arg py.Object) (py.Object, error) {
		if n, ok := arg.(py.Int); ok {
			self.(*logger).level = int(n)
		}
		return py.None, nil
	}, 0, "")
	loggerType.Dict["isEnabledFor"] = py.MustNewMethod("isEnabledFor", func(self py.Object, arg py.Object) (py.Object, error) {
		n, _ := arg.(py.Int)
		return py.NewBool(int(n) >= self.(*logger).level), nil
	}, 0, "")
	loggerType.Dict["name"] = &py.Property{Fget: func(self py.Object) (py.Object, error) { return py.String(self.(*logger).name), nil }}
}

func levelName(n int) string {
	for name, v := range levels {
		if v == n {
			return name
		}
	}
	return "Level " + strconv.Itoa(n)
}

func (l *logger) emit(level string, args py.Tuple) error {
	if levels[level] < l.level || len(args) == 0 {
		return nil
	}
	msg, err := py.StrAsString(args[0])
	if err != nil {
		return err
	}
	if len(args) > 1 {
		if msg, err = percent(msg, args[1:]); err != nil {
			return err
		}
	}
	if sink != nil {
		*sink = append(*sink, [3]string{level, l.name, msg})
	}
	return nil
}

func loggingGlobals() py.StringDict {
	g := py.StringDict{"NOTSET": py.Int(0)}
	for name, v := range levels {
		g[name] = py.Int(v)
	}
	g["WARN"] = py.Int(30)
	g["FATAL"] = py.Int(50)
	return g
}

func loggingMethods() []*py.Method {
	loggers := map[string]*logger{}
	return []*py.Method{py.MustNewMethod("getLogger", func(_ py.Object, args py.Tuple) (py.Object, error) {
		name := "root"
		if len(args) > 0 && args[0] != py.None {
			s, ok := args[0].(py.String)
			if !ok {
				return nil, py.ExceptionNewf(py.TypeError, "A logger name must be a string")
			}
			name = string(s)
		}
		l, ok := loggers[name]
		if !ok {
			l = &logger{name: name}
			loggers[name] = l
		}
		return l, nil
	}, 0, "getLogger(name=None)")}
}

// percent is CPython's `format % args` for the conversions log messages
// use: s, r, d, i, f (with width and precision) and %%.
func percent(format string, args py.Tuple) (string, error) {
	var b strings.Builder
	next := 0
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			b.WriteByte(format[i])
			continue
		}
		j := i + 1
		for j < len(format) && strings.IndexByte("-+ #0123456789.", format[j]) >= 0 {
			j++
		}
		if j >= len(format) {
			return "", py.ExceptionNewf(py.ValueError, "incomplete format")
		}
		spec, conv := format[i+1:j], format[j]
		i = j
		if conv == '%' {
			b.WriteByte('%')
			continue
		}
		if next >= len(args) {
			return "", py.ExceptionNewf(py.TypeError, "not enough arguments for format string")
		}
		arg := args[next]
		next++
		var s string
		var err error
		switch conv {
		case 's':
			s, err = py.StrAsString(arg)
		case 'r':
			s, err = py.ReprAsString(arg)
		case 'd', 'i':
			switch n := arg.(type) {
			case py.Int:
				s = strconv.FormatInt(int64(n), 10)
			case py.Float:
				s = strconv.FormatInt(int64(n), 10)
			case py.Bool:
				s = "0"
				if n {
					s = "1"
				}
			default:
				s, err = py.StrAsString(arg)
			}
		case 'f':
			prec := 6
			if k := strings.IndexByte(spec, '.'); k >= 0 {
				prec, _ = strconv.Atoi(spec[k+1:])
				spec = spec[:k]
			}
			f, ferr := py.MakeFloat(arg)
			if ferr != nil {
				return "", ferr
			}
			s = strconv.FormatFloat(float64(f.(py.Float)), 'f', prec, 64)
		default:
			return "", py.ExceptionNewf(py.ValueError, "unsupported format character '%c'", conv)
		}
		if err != nil {
			return "", err
		}
		if w, _ := strconv.Atoi(strings.TrimLeft(spec, "-+ #0")); w > len(s) {
			if strings.Contains(spec, "-") {
				s += strings.Repeat(" ", w-len(s))
			} else {
				s = strings.Repeat(" ", w-len(s)) + s
			}
		}
		b.WriteString(s)
	}
	if next < len(args) && len(args) > 0 {
		return "", py.ExceptionNewf(py.TypeError, "not all arguments converted during string formatting")
	}
	return b.String(), nil
}
