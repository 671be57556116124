package pydatetime

import (
	"sync"

	"github.com/go-python/gpython/py"
)

// addMethod registers an instance method in a type's dict. Called on an
// instance, gpython binds it and passes the instance as self; called
// through the class (date.isoformat(d)) self is not an instance and the
// instance is the first argument, as in CPython.
func addMethod[T py.Object](t *py.Type, name, doc string, fn func(self T, args py.Tuple, kwargs py.StringDict) (py.Object, error)) {
	t.Dict[name] = py.MustNewMethod(name, func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		if s, ok := self.(T); ok {
			return fn(s, args, kwargs)
		}
		if len(args) > 0 {
			if s, ok := args[0].(T); ok {
				return fn(s, args[1:], kwargs)
			}
			// datetime is a date: date.isoformat(dt) uses the date part.
			if dt, ok := args[0].(Datetime); ok {
				if s, ok := py.Object(dt.date).(T); ok {
					return fn(s, args[1:], kwargs)
				}
			}
			return nil, typeErrorf("descriptor '%s' for '%s' objects doesn't apply to a '%s' object", name, t.Name, typeName(args[0]))
		}
		return nil, typeErrorf("unbound method %s.%s() needs an argument", t.Name, name)
	}, 0, doc)
}

// addClassMethod registers a class method. gpython returns a type's own
// dict entries unbound when read through the type (datetime.now), and
// binds them to the instance when read through one (dt.now); either way
// the function ignores self, and each type registers its own.
func addClassMethod(t *py.Type, name, doc string, fn func(args py.Tuple, kwargs py.StringDict) (py.Object, error)) {
	// METH_STATIC: reached through the class (date.fromisoformat), the
	// method takes no instance; the compatibility layer's type lookup
	// honours the flag.
	t.Dict[name] = py.MustNewMethod(name, func(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		return fn(args, kwargs)
	}, py.METH_STATIC, doc)
}

var allTypes = []*py.Type{TimedeltaType, TzinfoType, TimezoneType, DateType, DatetimeType, TimeType, IsoCalendarDateType}

// The types are built at package initialisation, so the exported
// constructors work before Install; they are new Go types, not patches
// to gpython's.
func init() {
	setupTimedelta()
	setupTimezone()
	setupDate()
	setupTime()
	setupDatetime()
	setupIsoCalendarDate()
	for _, t := range allTypes {
		name := t.Name[len("datetime."):]
		t.Dict["__module__"] = py.String("datetime")
		t.Dict["__name__"] = py.String(name)
		t.Dict["__qualname__"] = py.String(name)
		// gpython instances have no __class__; scripts use
		// x.__class__.__name__ now and then.
		t.Dict["__class__"] = &py.Property{Fget: func(self py.Object) (py.Object, error) { return self.Type(), nil }}
		if err := t.Ready(); err != nil {
			panic(err)
		}
	}
}

var installOnce sync.Once

// Install registers the module "datetime" with gpython, once per
// process; `import datetime` then finds it in every context.
func Install() {
	installOnce.Do(func() {
		py.RegisterModule(&py.ModuleImpl{
			Info: py.ModuleInfo{
				Name: "datetime",
				Doc:  "Fast implementation of the datetime type.",
			},
			Globals: py.StringDict{
				"date":      DateType,
				"datetime":  DatetimeType,
				"time":      TimeType,
				"timedelta": TimedeltaType,
				"timezone":  TimezoneType,
				"tzinfo":    TzinfoType,
				"MINYEAR":   py.Int(minYear),
				"MAXYEAR":   py.Int(maxYear),
				"UTC":       UTC,
			},
		})
	})
}
