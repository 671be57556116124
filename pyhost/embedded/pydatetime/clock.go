package pydatetime

import (
	"strconv"

	"github.com/go-python/gpython/py"
)

// Time is datetime.time, a comparable value.
type Time struct {
	hour, minute, second, fold int8
	us                         int32
	tz                         Timezone
	aware                      bool
}

// TimeType is datetime.time.
var TimeType = &py.Type{
	ObjectType: py.TypeType,
	Name:       "datetime.time",
	Doc:        "time([hour[, minute[, second[, microsecond[, tzinfo]]]]]) --> a time object\n\nAll arguments are optional. tzinfo may be None, or an instance of\na tzinfo subclass. The remaining arguments may be ints.",
	Dict:       py.StringDict{},
	Flags:      py.TPFLAGS_BASETYPE,
}

// Type implements py.Object.
func (t Time) Type() *py.Type { return TimeType }

func checkTime(h, m, s, us, fold int) error {
	switch {
	case h < 0 || h > 23:
		return valueErrorf("hour must be in 0..23")
	case m < 0 || m > 59:
		return valueErrorf("minute must be in 0..59")
	case s < 0 || s > 59:
		return valueErrorf("second must be in 0..59")
	case us < 0 || us > 999999:
		return valueErrorf("microsecond must be in 0..999999")
	case fold != 0 && fold != 1:
		return valueErrorf("fold must be either 0 or 1")
	}
	return nil
}

func newTime(h, m, s, us, fold int) (Time, error) {
	if err := checkTime(h, m, s, us, fold); err != nil {
		return Time{}, err
	}
	return Time{hour: int8(h), minute: int8(m), second: int8(s), us: int32(us), fold: int8(fold)}, nil
}

// NewTime builds a naive datetime.time; it panics on out-of-range fields
// (a programming error in the host).
func NewTime(h, m, s, us int) py.Object {
	t, err := newTime(h, m, s, us, 0)
	if err != nil {
		panic(err)
	}
	return t
}

func (t Time) secondsOfDay() int64 {
	return int64(t.hour)*3600 + int64(t.minute)*60 + int64(t.second)
}

// formatClock renders HH:MM:SS[.ffffff] for isoformat's timespec.
func formatClock(h, m, s, us int, timespec string) (string, error) {
	switch timespec {
	case "auto":
		if us != 0 {
			return formatClock(h, m, s, us, "microseconds")
		}
		return formatClock(h, m, s, us, "seconds")
	case "hours":
		return pad2(h), nil
	case "minutes":
		return pad2(h) + ":" + pad2(m), nil
	case "seconds":
		return pad2(h) + ":" + pad2(m) + ":" + pad2(s), nil
	case "milliseconds":
		return pad2(h) + ":" + pad2(m) + ":" + pad2(s) + "." + padN(us/1000, 3), nil
	case "microseconds":
		return pad2(h) + ":" + pad2(m) + ":" + pad2(s) + "." + padN(us, 6), nil
	}
	return "", valueErrorf("Unknown timespec value")
}

func (t Time) isoformat(timespec string) (string, error) {
	s, err := formatClock(int(t.hour), int(t.minute), int(t.second), int(t.us), timespec)
	if err != nil {
		return "", err
	}
	if t.aware {
		s += formatOffset(t.tz.offset, ":")
	}
	return s, nil
}

// reprTail appends the tzinfo and fold keywords in CPython's order,
// which differs: time puts tzinfo first, datetime puts fold first.
func reprTail(tz Timezone, aware bool, fold int8, foldFirst bool) string {
	s := ""
	if fold != 0 && foldFirst {
		s += ", fold=1"
	}
	if aware {
		s += ", tzinfo=" + tz.repr()
	}
	if fold != 0 && !foldFirst {
		s += ", fold=1"
	}
	return s + ")"
}

func (t Time) repr() string {
	s := "datetime.time(" + strconv.Itoa(int(t.hour)) + ", " + strconv.Itoa(int(t.minute))
	if t.second != 0 || t.us != 0 {
		s += ", " + strconv.Itoa(int(t.second))
	}
	if t.us != 0 {
		s += ", " + strconv.Itoa(int(t.us))
	}
	return s + reprTail(t.tz, t.aware, t.fold, false)
}

func (t Time) fields() *tmFields {
	return &tmFields{year: 1900, month: 1, day: 1, hour: int(t.hour), minute: int(t.minute), second: int(t.second),
		us: int(t.us), aware: t.aware, tz: t.tz}
}

func (t Time) M__repr__() (py.Object, error) { return py.String(t.repr()), nil }
func (t Time) M__str__() (py.Object, error) {
	s, _ := t.isoformat("auto")
	return py.String(s), nil
}
func (t Time) M__bool__() (py.Object, error) { return py.True, nil }

func (t Time) M__format__(spec py.Object) (py.Object, error) {
	s, err := strArg("__format__", 1, spec)
	if err != nil {
		return nil, err
	}
	if s == "" {
		return t.M__str__()
	}
	return py.String(strftime(s, t.fields())), nil
}

// utcKey is the time as microseconds since midnight UTC (for aware
// times) or local midnight (naive), the basis of == and hash.
func (t Time) utcKey() int64 {
	k := t.secondsOfDay()*usPerSecond + int64(t.us)
	if t.aware {
		k -= t.tz.offset
	}
	return k
}

func (t Time) M__hash__() (py.Object, error) { return py.Int(t.utcKey()), nil }

func (t Time) M__eq__(other py.Object) (py.Object, error) {
	o, ok := other.(Time)
	if !ok || o.aware != t.aware {
		return py.False, nil
	}
	return boolObj(t.utcKey() == o.utcKey()), nil
}

func (t Time) M__ne__(other py.Object) (py.Object, error) {
	eq, _ := t.M__eq__(other)
	return boolObj(eq == py.False), nil
}

func (t Time) order(op string, other py.Object, test func(int) bool) (py.Object, error) {
	o, ok := other.(Time)
	if !ok {
		return nil, compareError(op, t, other)
	}
	if o.aware != t.aware {
		return nil, typeErrorf("can't compare offset-naive and offset-aware times")
	}
	return boolObj(test(sign(t.utcKey() - o.utcKey()))), nil
}

func (t Time) M__lt__(other py.Object) (py.Object, error) {
	return t.order("<", other, func(c int) bool { return c < 0 })
}

func (t Time) M__le__(other py.Object) (py.Object, error) {
	return t.order("<=", other, func(c int) bool { return c <= 0 })
}

func (t Time) M__gt__(other py.Object) (py.Object, error) {
	return t.order(">", other, func(c int) bool { return c > 0 })
}

func (t Time) M__ge__(other py.Object) (py.Object, error) {
	return t.order(">=", other, func(c int) bool { return c >= 0 })
}

var timeArgNames = []string{"hour", "minute", "second", "microsecond", "tzinfo", "fold"}

// clockInts converts hour, minute, second, microsecond and fold from
// a[0:6] (tzinfo is a[4]) over the defaults in def.
func clockInts(a []py.Object, def Time) ([5]int, error) {
	f := [5]int{int(def.hour), int(def.minute), int(def.second), int(def.us), int(def.fold)}
	for i, o := range []py.Object{a[0], a[1], a[2], a[3], a[5]} {
		v, err := optInt(o, f[i])
		if err != nil {
			return f, err
		}
		f[i] = v
	}
	return f, nil
}

// clockFrom checks converted fields, then the tzinfo argument a[4].
func clockFrom(f [5]int, a []py.Object, def Time) (Time, error) {
	t, err := newTime(f[0], f[1], f[2], f[3], f[4])
	if err != nil {
		return Time{}, err
	}
	t.tz, t.aware = def.tz, def.aware
	if a[4] != nil {
		if t.tz, t.aware, err = tzArg(a[4]); err != nil {
			return Time{}, err
		}
	}
	return t, nil
}

func clockArgs(a []py.Object, def Time) (Time, error) {
	f, err := clockInts(a, def)
	if err != nil {
		return Time{}, err
	}
	return clockFrom(f, a, def)
}

func timeNew(_ *py.Type, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	var a [6]py.Object
	if err := parseArgs("", args, kwargs, timeArgNames, 0, 5, a[:]); err != nil {
		return nil, err
	}
	t, err := clockArgs(a[:], Time{})
	if err != nil {
		return nil, err
	}
	return t, nil
}

// isoformatArgs parses (sep, timespec) or (timespec) for isoformat.
func timespecArg(fname string, args py.Tuple, kwargs py.StringDict) (string, error) {
	var a [1]py.Object
	if err := parseArgs(fname, args, kwargs, []string{"timespec"}, 0, 1, a[:]); err != nil {
		return "", err
	}
	if a[0] == nil {
		return "auto", nil
	}
	return strArg(fname, 1, a[0])
}

func offsetOrNone(tz Timezone, aware bool) py.Object {
	if !aware {
		return py.None
	}
	return tz.Offset()
}

func tznameOrNone(tz Timezone, aware bool) py.Object {
	if !aware {
		return py.None
	}
	return py.String(tz.TZName())
}

func setupTime() {
	t := TimeType
	t.New = timeNew
	addClockProps(t, func(o py.Object) Time { return o.(Time) })
	addMethod(t, "isoformat", "Return string in ISO 8601 format, [HH[:MM[:SS[.mmm[uuu]]]]][+HH:MM].", func(tm Time, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		spec, err := timespecArg("isoformat", args, kwargs)
		if err != nil {
			return nil, err
		}
		s, err := tm.isoformat(spec)
		if err != nil {
			return nil, err
		}
		return py.String(s), nil
	})
	addMethod(t, "strftime", "format -> strftime() style string.", func(tm Time, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		f, err := strftimeArg(args, kwargs)
		if err != nil {
			return nil, err
		}
		return py.String(strftime(f, tm.fields())), nil
	})
	addMethod(t, "utcoffset", "Return self.tzinfo.utcoffset(self).", func(tm Time, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		if err := noArgs("time.utcoffset", args, kwargs); err != nil {
			return nil, err
		}
		return offsetOrNone(tm.tz, tm.aware), nil
	})
	addMethod(t, "tzname", "Return self.tzinfo.tzname(self).", func(tm Time, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		if err := noArgs("time.tzname", args, kwargs); err != nil {
			return nil, err
		}
		return tznameOrNone(tm.tz, tm.aware), nil
	})
	addMethod(t, "dst", "Return self.tzinfo.dst(self).", func(tm Time, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		if err := noArgs("time.dst", args, kwargs); err != nil {
			return nil, err
		}
		return py.None, nil
	})
	addMethod(t, "replace", "Return time with new specified fields.", func(tm Time, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		var a [6]py.Object
		if err := parseArgs("replace", args, kwargs, timeArgNames, 0, 5, a[:]); err != nil {
			return nil, err
		}
		r, err := clockArgs(a[:], tm)
		if err != nil {
			return nil, err
		}
		return r, nil
	})
	addClassMethod(t, "fromisoformat", "string -> time from a string in ISO 8601 format", func(args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		if len(kwargs) > 0 || len(args) != 1 {
			return nil, typeErrorf("time.fromisoformat() takes exactly one argument (%d given)", len(args)+len(kwargs))
		}
		s, ok := args[0].(py.String)
		if !ok {
			return nil, typeErrorf("fromisoformat: argument must be str")
		}
		tm, err := TimeFromISOFormat(string(s))
		if err != nil {
			return nil, err
		}
		return tm, nil
	})
	t.Dict["min"] = Time{}
	t.Dict["max"] = Time{hour: 23, minute: 59, second: 59, us: 999999}
	t.Dict["resolution"] = Timedelta{Micros: 1}
}

// addClockProps adds hour, minute, second, microsecond, tzinfo and fold.
func addClockProps(t *py.Type, get func(py.Object) Time) {
	t.Dict["hour"] = &py.Property{Fget: func(o py.Object) (py.Object, error) { return py.Int(get(o).hour), nil }}
	t.Dict["minute"] = &py.Property{Fget: func(o py.Object) (py.Object, error) { return py.Int(get(o).minute), nil }}
	t.Dict["second"] = &py.Property{Fget: func(o py.Object) (py.Object, error) { return py.Int(get(o).second), nil }}
	t.Dict["microsecond"] = &py.Property{Fget: func(o py.Object) (py.Object, error) { return py.Int(get(o).us), nil }}
	t.Dict["fold"] = &py.Property{Fget: func(o py.Object) (py.Object, error) { return py.Int(get(o).fold), nil }}
	t.Dict["tzinfo"] = &py.Property{Fget: func(o py.Object) (py.Object, error) {
		c := get(o)
		return tzObject(c.tz, c.aware), nil
	}}
}
