package pydatetime

import (
	"math/big"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/go-python/gpython/py"
)

// Datetime is datetime.datetime, a comparable value: a date and a time
// of day with its optional fixed-offset timezone.
type Datetime struct {
	date  Date
	clock Time
}

// DatetimeType is datetime.datetime; its base is DateType, as in CPython.
var DatetimeType = &py.Type{
	ObjectType: py.TypeType,
	Name:       "datetime.datetime",
	Doc:        "datetime(year, month, day[, hour[, minute[, second[, microsecond[,tzinfo]]]]])\n\nThe year, month and day arguments are required. tzinfo may be None, or an\ninstance of a tzinfo subclass. The remaining arguments may be ints.",
	Dict:       py.StringDict{},
	Base:       DateType,
	Flags:      py.TPFLAGS_BASETYPE,
}

// Type implements py.Object.
func (dt Datetime) Type() *py.Type { return DatetimeType }

func newDatetime(y, m, d, h, mi, s, us, fold int, tz Timezone, aware bool) (Datetime, error) {
	dd, err := newDate(y, m, d)
	if err != nil {
		return Datetime{}, err
	}
	c, err := newTime(h, mi, s, us, fold)
	if err != nil {
		return Datetime{}, err
	}
	c.tz, c.aware = tz, aware
	return Datetime{date: dd, clock: c}, nil
}

// DatetimeFromGo converts a Go time: naive keeps t's wall clock and drops
// its zone; aware keeps the wall clock and t's UTC offset (timezone.utc
// for 0, else an unnamed timezone(timedelta(...))). It fails for years
// outside 1..9999.
func DatetimeFromGo(t time.Time, aware bool) (py.Object, error) {
	var tz Timezone
	if aware {
		_, off := t.Zone()
		if off <= -86400 || off >= 86400 { // no real zone does this; keep the instant
			t, off = t.UTC(), 0
		}
		tz = Timezone{offset: int64(off) * usPerSecond}
	}
	dt, err := newDatetime(t.Year(), int(t.Month()), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond()/1000, 0, tz, aware)
	if err != nil {
		return nil, err
	}
	return dt, nil
}

// NewDatetime is DatetimeFromGo for values from the database: years past
// 9999 become datetime.max and years before 1 datetime.min (with t's
// offset when aware), which is what psycopg2 does with 'infinity'.
func NewDatetime(t time.Time, aware bool) py.Object {
	o, err := DatetimeFromGo(t, aware)
	if err == nil {
		return o
	}
	dt := Datetime{date: mkDate(maxYear, 12, 31), clock: Time{hour: 23, minute: 59, second: 59, us: 999999}}
	if t.Year() < minYear {
		dt = Datetime{date: mkDate(minYear, 1, 1)}
	}
	if aware {
		_, off := t.Zone()
		if off > -86400 && off < 86400 {
			dt.clock.tz = Timezone{offset: int64(off) * usPerSecond}
		}
		dt.clock.aware = true
	}
	return dt
}

// ToGo converts a datetime, date or time to a time.Time, so the cursor
// can send it as a query parameter. kind is "datetime", "date" or
// "time". Naive datetimes come back in time.UTC with their wall clock
// (use IsAware to tell them from aware ones); aware ones in a fixed zone
// of their offset. Dates are midnight UTC; times are on 0000-01-01 (as
// time.Parse gives clock-only values). Timedeltas are not handled here:
// see ToDuration.
func ToGo(o py.Object) (t time.Time, kind string, ok bool) {
	switch v := o.(type) {
	case Datetime:
		return time.Date(int(v.date.year), time.Month(v.date.month), int(v.date.day), int(v.clock.hour), int(v.clock.minute),
			int(v.clock.second), int(v.clock.us)*1000, goLocation(v.clock.tz, v.clock.aware)), "datetime", true
	case Date:
		return time.Date(int(v.year), time.Month(v.month), int(v.day), 0, 0, 0, 0, time.UTC), "date", true
	case Time:
		return time.Date(0, 1, 1, int(v.hour), int(v.minute), int(v.second), int(v.us)*1000, goLocation(v.tz, v.aware)), "time", true
	}
	return time.Time{}, "", false
}

// IsAware reports whether o is a datetime or time with a tzinfo.
func IsAware(o py.Object) bool {
	switch v := o.(type) {
	case Datetime:
		return v.clock.aware
	case Time:
		return v.aware
	}
	return false
}

func goLocation(tz Timezone, aware bool) *time.Location {
	if !aware || tz.offset == 0 && !tz.named {
		return time.UTC
	}
	return time.FixedZone(tz.TZName(), int(tz.offset/usPerSecond))
}

// key is microseconds since 0001-01-01, in UTC for aware datetimes: the
// basis of comparison, hashing and subtraction. It fits an int64.
func (dt Datetime) key() int64 {
	k := (int64(dt.date.ordinal())*secPerDay+dt.clock.secondsOfDay())*usPerSecond + int64(dt.clock.us)
	if dt.clock.aware {
		k -= dt.clock.tz.offset
	}
	return k
}

// addMicros adds a bounded number of microseconds (|n| < 2^62).
func (dt Datetime) addMicros(n int64) (py.Object, error) {
	days, us := floorDivMod64(n, usPerDay)
	return dt.addDelta(days, us)
}

func (dt Datetime) addDelta(days, us int64) (py.Object, error) {
	tot := dt.clock.secondsOfDay()*usPerSecond + int64(dt.clock.us) + us
	q, r := floorDivMod64(tot, usPerDay)
	ord := int64(dt.date.ordinal()) + days + q
	if ord < 1 || ord > maxOrdinal {
		return nil, overflowErrorf("date value out of range")
	}
	y, m, d := ordToYMD(int(ord))
	c := dt.clock
	secs := r / usPerSecond
	c.hour, c.minute, c.second = int8(secs/3600), int8(secs/60%60), int8(secs%60)
	c.us = int32(r % usPerSecond)
	return Datetime{date: mkDate(y, m, d), clock: c}, nil
}

func (dt Datetime) fields() *tmFields {
	return &tmFields{year: int(dt.date.year), month: int(dt.date.month), day: int(dt.date.day),
		hour: int(dt.clock.hour), minute: int(dt.clock.minute), second: int(dt.clock.second), us: int(dt.clock.us),
		aware: dt.clock.aware, tz: dt.clock.tz}
}

func (dt Datetime) isoformat(sep string, timespec string) (string, error) {
	s, err := dt.clock.isoformat(timespec)
	if err != nil {
		return "", err
	}
	return dt.date.isoformat() + sep + s, nil
}

func (dt Datetime) repr() string {
	c := dt.clock
	s := "datetime.datetime(" + strconv.Itoa(int(dt.date.year)) + ", " + strconv.Itoa(int(dt.date.month)) + ", " +
		strconv.Itoa(int(dt.date.day)) + ", " + strconv.Itoa(int(c.hour)) + ", " + strconv.Itoa(int(c.minute))
	if c.second != 0 || c.us != 0 {
		s += ", " + strconv.Itoa(int(c.second))
	}
	if c.us != 0 {
		s += ", " + strconv.Itoa(int(c.us))
	}
	return s + reprTail(c.tz, c.aware, c.fold, true)
}

func (dt Datetime) M__repr__() (py.Object, error) { return py.String(dt.repr()), nil }
func (dt Datetime) M__str__() (py.Object, error) {
	s, _ := dt.isoformat(" ", "auto")
	return py.String(s), nil
}
func (dt Datetime) M__hash__() (py.Object, error) { return py.Int(dt.key()), nil }

func (dt Datetime) M__format__(spec py.Object) (py.Object, error) {
	s, err := strArg("__format__", 1, spec)
	if err != nil {
		return nil, err
	}
	if s == "" {
		return dt.M__str__()
	}
	return py.String(strftime(s, dt.fields())), nil
}

func (dt Datetime) M__add__(other py.Object) (py.Object, error) {
	if td, ok := other.(Timedelta); ok {
		return dt.addDelta(int64(td.Days), int64(td.Secs)*usPerSecond+int64(td.Micros))
	}
	return py.NotImplemented, nil
}

func (dt Datetime) M__radd__(other py.Object) (py.Object, error) { return dt.M__add__(other) }

func (dt Datetime) M__sub__(other py.Object) (py.Object, error) {
	switch o := other.(type) {
	case Timedelta:
		return dt.addDelta(-int64(o.Days), -(int64(o.Secs)*usPerSecond + int64(o.Micros)))
	case Datetime:
		if dt.clock.aware != o.clock.aware {
			return nil, typeErrorf("can't subtract offset-naive and offset-aware datetimes")
		}
		d, us := floorDivMod64(dt.key()-o.key(), usPerDay)
		return result(makeDelta(d, 0, us))
	}
	return py.NotImplemented, nil
}

func (dt Datetime) M__rsub__(other py.Object) (py.Object, error) { return py.NotImplemented, nil }

func (dt Datetime) M__eq__(other py.Object) (py.Object, error) {
	o, ok := other.(Datetime)
	return boolObj(ok && o.clock.aware == dt.clock.aware && o.key() == dt.key()), nil
}

func (dt Datetime) M__ne__(other py.Object) (py.Object, error) {
	eq, _ := dt.M__eq__(other)
	return boolObj(eq == py.False), nil
}

func (dt Datetime) order(op string, other py.Object, test func(int) bool) (py.Object, error) {
	switch o := other.(type) {
	case Datetime:
		if o.clock.aware != dt.clock.aware {
			return nil, typeErrorf("can't compare offset-naive and offset-aware datetimes")
		}
		return boolObj(test(sign(dt.key() - o.key()))), nil
	case Date:
		return nil, typeErrorf("can't compare datetime.datetime to datetime.date")
	}
	return nil, compareError(op, dt, other)
}

func (dt Datetime) M__lt__(other py.Object) (py.Object, error) {
	return dt.order("<", other, func(c int) bool { return c < 0 })
}

func (dt Datetime) M__le__(other py.Object) (py.Object, error) {
	return dt.order("<=", other, func(c int) bool { return c <= 0 })
}

func (dt Datetime) M__gt__(other py.Object) (py.Object, error) {
	return dt.order(">", other, func(c int) bool { return c > 0 })
}

func (dt Datetime) M__ge__(other py.Object) (py.Object, error) {
	return dt.order(">=", other, func(c int) bool { return c >= 0 })
}

var datetimeArgNames = []string{"year", "month", "day", "hour", "minute", "second", "microsecond", "tzinfo", "fold"}

// datetimeArgs reads the nine datetime fields over the defaults in def,
// in CPython's order: every argument converted first (TypeError), then
// the date checked, then the time, then tzinfo.
func datetimeArgs(a []py.Object, def Datetime) (Datetime, error) {
	f := [3]int{int(def.date.year), int(def.date.month), int(def.date.day)}
	for i := range f {
		v, err := optInt(a[i], f[i])
		if err != nil {
			return Datetime{}, err
		}
		f[i] = v
	}
	cf, err := clockInts(a[3:], def.clock)
	if err != nil {
		return Datetime{}, err
	}
	d, err := newDate(f[0], f[1], f[2])
	if err != nil {
		return Datetime{}, err
	}
	c, err := clockFrom(cf, a[3:], def.clock)
	if err != nil {
		return Datetime{}, err
	}
	return Datetime{date: d, clock: c}, nil
}

func datetimeNew(_ *py.Type, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	var a [9]py.Object
	if err := parseArgs("", args, kwargs, datetimeArgNames, 3, 8, a[:]); err != nil {
		return nil, err
	}
	dt, err := datetimeArgs(a[:], Datetime{date: mkDate(1, 1, 1)})
	if err != nil {
		return nil, err
	}
	return dt, nil
}

// localZone is the local timezone at an instant, as astimezone() makes
// it: the offset and the zone's abbreviation.
func localZone(t time.Time) Timezone {
	name, off := t.In(time.Local).Zone()
	return Timezone{offset: int64(off) * usPerSecond, name: name, named: true}
}

// localInstant interprets a naive datetime as local time.
func (dt Datetime) localInstant() time.Time {
	return time.Date(int(dt.date.year), time.Month(dt.date.month), int(dt.date.day), int(dt.clock.hour),
		int(dt.clock.minute), int(dt.clock.second), int(dt.clock.us)*1000, time.Local)
}

func fromGoWall(t time.Time, tz Timezone, aware bool) (py.Object, error) {
	if t.Year() < minYear || t.Year() > maxYear {
		return nil, valueErrorf("year %d is out of range", t.Year())
	}
	return Datetime{
		date:  mkDate(t.Year(), int(t.Month()), t.Day()),
		clock: Time{hour: int8(t.Hour()), minute: int8(t.Minute()), second: int8(t.Second()), us: int32(t.Nanosecond() / 1000), tz: tz, aware: aware},
	}, nil
}

// nowIn is now(tz) / fromtimestamp(ts, tz) once the instant is known.
func nowIn(t time.Time, tzObj py.Object) (py.Object, error) {
	tz, aware, err := tzArg(tzObj)
	if err != nil {
		return nil, err
	}
	if !aware {
		return fromGoWall(t.In(time.Local), Timezone{}, false)
	}
	return fromGoWall(t.UTC().Add(time.Duration(tz.offset)*time.Microsecond), tz, true)
}

func (dt Datetime) timestamp() float64 {
	if !dt.clock.aware {
		return float64(dt.localInstant().Unix()) + float64(dt.clock.us)/1e6
	}
	const epoch = int64(719163) * usPerDay // 1970-01-01 as a key
	us := dt.key() - epoch
	if us <= 1<<53 && us >= -(1<<53) {
		return float64(us) / 1e6
	}
	f, _ := new(big.Rat).SetFrac(big.NewInt(us), big.NewInt(usPerSecond)).Float64()
	return f
}

func (dt Datetime) astimezone(tzObj py.Object) (py.Object, error) {
	self := dt
	if !self.clock.aware {
		self.clock.tz = localZone(self.localInstant())
		self.clock.aware = true
	}
	var tz Timezone
	if tzObj == nil || tzObj == py.None {
		tz = localZone(time.UnixMicro(self.key() - int64(719163)*usPerDay))
	} else {
		var err error
		if tz, _, err = tzArg(tzObj); err != nil {
			return nil, err
		}
	}
	if dt.clock.aware && tz == dt.clock.tz {
		return dt, nil
	}
	utc := self
	utc.clock.tz = tz
	return utc.addMicros(tz.offset - self.clock.tz.offset)
}

func setupDatetime() {
	t := DatetimeType
	t.New = datetimeNew
	addDateCommon(t, "datetime", func(dt Datetime) Date { return dt.date })
	addClockProps(t, func(o py.Object) Time { return o.(Datetime).clock })
	addClassMethod(t, "today", "Current date or datetime:  same as self.__class__.fromtimestamp(time.time()).", func(args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		if err := noArgs("datetime.today", args, kwargs); err != nil {
			return nil, err
		}
		return nowIn(time.Now(), nil)
	})
	addClassMethod(t, "now", "Returns new datetime object representing current time local to tz.\n\n  tz\n    Timezone object.\n\nIf no tz is specified, uses local timezone.", func(args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		var a [1]py.Object
		if err := parseArgs("now", args, kwargs, []string{"tz"}, 0, 1, a[:]); err != nil {
			return nil, err
		}
		return nowIn(time.Now(), a[0])
	})
	addClassMethod(t, "utcnow", "Return a new datetime representing UTC day and time.", func(args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		if err := noArgs("datetime.utcnow", args, kwargs); err != nil {
			return nil, err
		}
		return fromGoWall(time.Now().UTC(), Timezone{}, false)
	})
	addClassMethod(t, "fromtimestamp", "timestamp[, tz] -> tz's local time from POSIX timestamp.", func(args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		var a [2]py.Object
		if err := parseArgs("fromtimestamp", args, kwargs, []string{"timestamp", "tz"}, 1, 2, a[:]); err != nil {
			return nil, err
		}
		secs, us, err := timestampArg(a[0])
		if err != nil {
			return nil, err
		}
		if _, err := localTime(secs, us, time.UTC); err != nil {
			return nil, err
		}
		return nowIn(time.Unix(secs, us*1000), a[1])
	})
	addClassMethod(t, "utcfromtimestamp", "Construct a naive UTC datetime from a POSIX timestamp.", func(args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		if len(kwargs) > 0 || len(args) != 1 {
			return nil, typeErrorf("datetime.utcfromtimestamp() takes exactly one argument (%d given)", len(args)+len(kwargs))
		}
		secs, us, err := timestampArg(args[0])
		if err != nil {
			return nil, err
		}
		ut, err := localTime(secs, us, time.UTC)
		if err != nil {
			return nil, err
		}
		return fromGoWall(ut, Timezone{}, false)
	})
	addClassMethod(t, "fromisoformat", "string -> datetime from a string in most ISO 8601 formats", func(args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		if len(kwargs) > 0 || len(args) != 1 {
			return nil, typeErrorf("datetime.fromisoformat() takes exactly one argument (%d given)", len(args)+len(kwargs))
		}
		s, ok := args[0].(py.String)
		if !ok {
			return nil, typeErrorf("fromisoformat: argument must be str")
		}
		dt, err := DatetimeFromISOFormat(string(s))
		if err != nil {
			return nil, err
		}
		return dt, nil
	})
	addClassMethod(t, "strptime", "string, format -> new datetime parsed from a string (like time.strptime()).", func(args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		if len(kwargs) > 0 || len(args) != 2 {
			return nil, typeErrorf("strptime expected 2 arguments, got %d", len(args)+len(kwargs))
		}
		s, err := strArg("strptime", 1, args[0])
		if err != nil {
			return nil, err
		}
		f, err := strArg("strptime", 2, args[1])
		if err != nil {
			return nil, err
		}
		dt, err := Strptime(s, f)
		if err != nil {
			return nil, err
		}
		return dt, nil
	})
	addClassMethod(t, "combine", "date, time -> datetime with same date and time fields", func(args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		var a [3]py.Object
		if err := parseArgs("combine", args, kwargs, []string{"date", "time", "tzinfo"}, 2, 3, a[:]); err != nil {
			return nil, err
		}
		var d Date
		switch v := a[0].(type) {
		case Date:
			d = v
		case Datetime:
			d = v.date
		default:
			return nil, typeErrorf("combine() argument 1 must be datetime.date, not %s", argTypeName(a[0]))
		}
		c, ok := a[1].(Time)
		if !ok {
			return nil, typeErrorf("combine() argument 2 must be datetime.time, not %s", argTypeName(a[1]))
		}
		if a[2] != nil {
			var err error
			if c.tz, c.aware, err = tzArg(a[2]); err != nil {
				return nil, err
			}
		}
		return Datetime{date: d, clock: c}, nil
	})
	addMethod(t, "date", "Return date object with same year, month and day.", func(dt Datetime, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		if err := noArgs("datetime.date", args, kwargs); err != nil {
			return nil, err
		}
		return dt.date, nil
	})
	addMethod(t, "time", "Return time object with same time but with tzinfo=None.", func(dt Datetime, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		if err := noArgs("datetime.time", args, kwargs); err != nil {
			return nil, err
		}
		c := dt.clock
		c.tz, c.aware = Timezone{}, false
		return c, nil
	})
	addMethod(t, "timetz", "Return time object with same time and tzinfo.", func(dt Datetime, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		if err := noArgs("datetime.timetz", args, kwargs); err != nil {
			return nil, err
		}
		return dt.clock, nil
	})
	addMethod(t, "replace", "Return datetime with new specified fields.", func(dt Datetime, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		var a [9]py.Object
		if err := parseArgs("replace", args, kwargs, datetimeArgNames, 0, 8, a[:]); err != nil {
			return nil, err
		}
		r, err := datetimeArgs(a[:], dt)
		if err != nil {
			return nil, err
		}
		return r, nil
	})
	addMethod(t, "astimezone", "tz -> convert to local time in new timezone tz", func(dt Datetime, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		var a [1]py.Object
		if err := parseArgs("astimezone", args, kwargs, []string{"tz"}, 0, 1, a[:]); err != nil {
			return nil, err
		}
		return dt.astimezone(a[0])
	})
	addMethod(t, "utcoffset", "Return self.tzinfo.utcoffset(self).", func(dt Datetime, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		if err := noArgs("datetime.utcoffset", args, kwargs); err != nil {
			return nil, err
		}
		return offsetOrNone(dt.clock.tz, dt.clock.aware), nil
	})
	addMethod(t, "dst", "Return self.tzinfo.dst(self).", func(dt Datetime, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		if err := noArgs("datetime.dst", args, kwargs); err != nil {
			return nil, err
		}
		return py.None, nil
	})
	addMethod(t, "tzname", "Return self.tzinfo.tzname(self).", func(dt Datetime, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		if err := noArgs("datetime.tzname", args, kwargs); err != nil {
			return nil, err
		}
		return tznameOrNone(dt.clock.tz, dt.clock.aware), nil
	})
	addMethod(t, "timestamp", "Return POSIX timestamp as float.", func(dt Datetime, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		if err := noArgs("datetime.timestamp", args, kwargs); err != nil {
			return nil, err
		}
		return py.Float(dt.timestamp()), nil
	})
	addMethod(t, "isoformat", "[sep] -> string in ISO 8601 format, YYYY-MM-DDT[HH[:MM[:SS[.mmm[uuu]]]]][+HH:MM].", func(dt Datetime, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		var a [2]py.Object
		if err := parseArgs("isoformat", args, kwargs, []string{"sep", "timespec"}, 0, 2, a[:]); err != nil {
			return nil, err
		}
		sep, spec := "T", "auto"
		if a[0] != nil {
			s, ok := a[0].(py.String)
			if !ok || utf8.RuneCountInString(string(s)) != 1 {
				return nil, typeErrorf("isoformat() argument 1 must be a unicode character, not %s", typeName(a[0]))
			}
			sep = string(s)
		}
		if a[1] != nil {
			s, err := strArg("isoformat", 2, a[1])
			if err != nil {
				return nil, err
			}
			spec = s
		}
		s, err := dt.isoformat(sep, spec)
		if err != nil {
			return nil, err
		}
		return py.String(s), nil
	})
	addMethod(t, "ctime", "Return ctime() style string.", func(dt Datetime, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		if err := noArgs("datetime.ctime", args, kwargs); err != nil {
			return nil, err
		}
		return py.String(ctime(dt.date, int(dt.clock.hour), int(dt.clock.minute), int(dt.clock.second))), nil
	})
	addMethod(t, "strftime", "format -> strftime() style string.", func(dt Datetime, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		f, err := strftimeArg(args, kwargs)
		if err != nil {
			return nil, err
		}
		return py.String(strftime(f, dt.fields())), nil
	})
	t.Dict["min"] = Datetime{date: mkDate(minYear, 1, 1)}
	t.Dict["max"] = Datetime{date: mkDate(maxYear, 12, 31), clock: Time{hour: 23, minute: 59, second: 59, us: 999999}}
	t.Dict["resolution"] = Timedelta{Micros: 1}
}
