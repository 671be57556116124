package embedded

import (
	"strconv"
	"strings"
	"sync"

	"github.com/go-python/gpython/py"

	"github.com/migrate-runner/migrate-runner/pyhost/embedded/pyfmt"
	"github.com/migrate-runner/migrate-runner/pyhost/embedded/pystdlib"
)

// The logging module scripts use: getLogger, loggers with levels, the
// level functions with %-style arguments (a single dict argument is the
// mapping, as in CPython), exception(), the module-level shortcuts, and
// getLevelName. Records go to the running script's outcome as (level,
// logger, message), exactly what the external host's capture handler
// records, and the parent logs them with the script's place attached.
// Handlers and formatters are accepted and ignored: where records go is
// migrate-runner's business, not the script's.

var levels = map[string]int{"NOTSET": 0, "DEBUG": 10, "INFO": 20, "WARNING": 30, "ERROR": 40, "CRITICAL": 50}

// sink receives the records of the script being run; the worker runs one
// script at a time.
var sink *[][3]string

var loggerType = py.NewType("Logger", "logging.Logger")

// levelFuncs are the level functions, on a Logger and, for the root
// logger, on the module.
var levelFuncs = []struct{ name, level string }{{"debug", "DEBUG"}, {"info", "INFO"}, {"warning", "WARNING"},
	{"warn", "WARNING"}, {"error", "ERROR"}, {"exception", "ERROR"}, {"critical", "CRITICAL"}, {"fatal", "CRITICAL"}}

// logCall is log(level, msg, *args), the level read by levelOf.
func (l *logger) logCall(args py.Tuple, levelOf func(py.Object) (int, error)) error {
	if len(args) < 1 {
		return py.ExceptionNewf(py.TypeError, "log() missing 1 required positional argument: 'level'")
	}
	n, err := levelOf(args[0])
	if err != nil {
		return err
	}
	return l.emit(n, args[1:])
}

// intLevel is Logger.log's level: a number only.
func intLevel(o py.Object) (int, error) {
	n, ok := o.(py.Int)
	if !ok {
		return 0, py.ExceptionNewf(py.TypeError, "level must be an integer")
	}
	return int(n), nil
}

type logger struct {
	name   string
	level  int
	parent *logger
	dict   py.StringDict // attributes a script sets (propagate, disabled, …)
}

func (l *logger) Type() *py.Type { return loggerType }

// GetDict lets scripts set and read attributes such as propagate.
func (l *logger) GetDict() py.StringDict { return l.dict }

// effective is the first level set on the way to the root; the root's is
// DEBUG, as the external host sets it, so every record is kept.
func (l *logger) effective() int {
	for x := l; x != nil; x = x.parent {
		if x.level != 0 {
			return x.level
		}
	}
	return levels["DEBUG"]
}

func init() {
	for _, lv := range levelFuncs {
		level := levels[lv.level]
		loggerType.Dict[lv.name] = py.MustNewMethod(lv.name, func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
			return py.None, self.(*logger).emit(level, args)
		}, 0, "")
	}
	loggerType.Dict["log"] = py.MustNewMethod("log", func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		return py.None, self.(*logger).logCall(args, intLevel)
	}, 0, "")
	loggerType.Dict["setLevel"] = py.MustNewMethod("setLevel", func(self py.Object, arg py.Object) (py.Object, error) {
		n, err := levelArg(arg)
		if err != nil {
			return nil, err
		}
		self.(*logger).level = n
		return py.None, nil
	}, 0, "")
	loggerType.Dict["isEnabledFor"] = py.MustNewMethod("isEnabledFor", func(self py.Object, arg py.Object) (py.Object, error) {
		n, _ := arg.(py.Int)
		return py.NewBool(int(n) >= self.(*logger).effective()), nil
	}, 0, "")
	loggerType.Dict["getEffectiveLevel"] = py.MustNewMethod("getEffectiveLevel", func(self py.Object) (py.Object, error) {
		return py.Int(self.(*logger).effective()), nil
	}, 0, "")
	loggerType.Dict["getChild"] = py.MustNewMethod("getChild", func(self py.Object, arg py.Object) (py.Object, error) {
		s, ok := arg.(py.String)
		if !ok {
			return nil, py.ExceptionNewf(py.TypeError, "getChild() takes a str suffix")
		}
		l := self.(*logger)
		if l.name == "root" {
			return getLogger(string(s)), nil
		}
		return getLogger(l.name + "." + string(s)), nil
	}, 0, "")
	for _, name := range []string{"addHandler", "removeHandler", "addFilter", "removeFilter"} {
		loggerType.Dict[name] = py.MustNewMethod(name, func(py.Object, py.Object) (py.Object, error) { return py.None, nil }, 0, "")
	}
	loggerType.Dict["name"] = &py.Property{Fget: func(self py.Object) (py.Object, error) { return py.String(self.(*logger).name), nil }}
	loggerType.Dict["level"] = &py.Property{Fget: func(self py.Object) (py.Object, error) { return py.Int(self.(*logger).level), nil }}
	loggerType.Dict["parent"] = &py.Property{Fget: func(self py.Object) (py.Object, error) {
		if p := self.(*logger).parent; p != nil {
			return p, nil
		}
		return py.None, nil
	}}
	if err := loggerType.Ready(); err != nil {
		panic(err)
	}
}

func levelArg(arg py.Object) (int, error) {
	switch v := arg.(type) {
	case py.Int:
		return int(v), nil
	case py.String:
		if n, ok := levels[string(v)]; ok {
			return n, nil
		}
		return 0, py.ExceptionNewf(py.ValueError, "Unknown level: '%s'", string(v))
	}
	return 0, py.ExceptionNewf(py.TypeError, "Level not an integer or a valid string: %s", describe(arg))
}

// levelName is logging.getLevelName's answer for a number.
func levelName(n int) string {
	for name, v := range levels {
		if v == n {
			return name
		}
	}
	return "Level " + strconv.Itoa(n)
}

// emit renders a record as logging's getMessage does: str(msg), then
// msg % args when there are args. A broken format keeps the raw message,
// as the external host's capture handler does, rather than failing the
// script over a log line.
func (l *logger) emit(level int, args py.Tuple) error {
	if level < l.effective() || len(args) == 0 {
		return nil
	}
	msg, err := pyfmt.Str(args[0])
	if err != nil {
		return err
	}
	if rest := args[1:]; len(rest) > 0 {
		var margs py.Object = rest
		switch d := rest[0].(type) {
		case py.StringDict, *pystdlib.Mapping:
			if len(rest) == 1 {
				margs = d // logging's one-mapping rule
			}
		}
		if s, err := pyfmt.Percent(msg, margs); err == nil {
			msg = s
		}
	}
	if sink != nil {
		name := levelName(level)
		*sink = append(*sink, [3]string{name, l.name, msg})
	}
	return nil
}

var (
	loggersMu sync.Mutex
	loggers   = map[string]*logger{}
)

// getLogger returns the one logger of a name, creating its ancestors so
// that levels set on a parent apply to its children.
func getLogger(name string) *logger {
	loggersMu.Lock()
	defer loggersMu.Unlock()
	return getLoggerLocked(name)
}

func getLoggerLocked(name string) *logger {
	if l, ok := loggers[name]; ok {
		return l
	}
	l := &logger{name: name, dict: py.StringDict{"propagate": py.True, "disabled": py.False, "handlers": py.NewList()}}
	if name != "root" {
		parent := "root"
		if i := strings.LastIndexByte(name, '.'); i > 0 {
			parent = name[:i]
		}
		l.parent = getLoggerLocked(parent)
	}
	loggers[name] = l
	return l
}

// resetLoggers forgets the levels a script set, so that the next script
// starts from the same state as in a fresh CPython.
func resetLoggers() {
	loggersMu.Lock()
	clear(loggers)
	loggersMu.Unlock()
}

func loggingGlobals() py.StringDict {
	g := py.StringDict{}
	for name, v := range levels {
		g[name] = py.Int(v)
	}
	g["WARN"] = py.Int(30)
	g["FATAL"] = py.Int(50)
	g["Logger"] = loggerType
	return g
}

func loggingMethods() []*py.Method {
	ms := []*py.Method{
		py.MustNewMethod("getLogger", func(_ py.Object, args py.Tuple) (py.Object, error) {
			name := "root"
			if len(args) > 0 && args[0] != py.None {
				s, ok := args[0].(py.String)
				if !ok {
					return nil, py.ExceptionNewf(py.TypeError, "A logger name must be a string")
				}
				if s != "" {
					name = string(s)
				}
			}
			return getLogger(name), nil
		}, 0, "getLogger(name=None)"),
		py.MustNewMethod("getLevelName", func(_ py.Object, arg py.Object) (py.Object, error) {
			switch v := arg.(type) {
			case py.Int:
				return py.String(levelName(int(v))), nil
			case py.String:
				if n, ok := levels[string(v)]; ok {
					return py.Int(n), nil
				}
				return py.String("Level " + string(v)), nil
			}
			return py.String("Level " + describe(arg)), nil
		}, 0, "getLevelName(level)"),
		py.MustNewMethod("basicConfig", func(py.Object, py.Tuple, py.StringDict) (py.Object, error) { return py.None, nil }, 0,
			"basicConfig(**kwargs): accepted and ignored; migrate-runner routes the records"),
		py.MustNewMethod("disable", func(py.Object, py.Tuple) (py.Object, error) { return py.None, nil }, 0, ""),
	}
	// Module-level shortcuts log on the root logger.
	for _, lv := range levelFuncs {
		level := levels[lv.level]
		ms = append(ms, py.MustNewMethod(lv.name, func(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
			return py.None, getLogger("root").emit(level, args)
		}, 0, ""))
	}
	ms = append(ms, py.MustNewMethod("log", func(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		return py.None, getLogger("root").logCall(args, levelArg)
	}, 0, ""))
	return ms
}
