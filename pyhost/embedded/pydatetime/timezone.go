package pydatetime

import (
	"github.com/go-python/gpython/py"
)

const usPer24h = 24 * 3600 * usPerSecond

// Timezone is datetime.timezone: a fixed offset from UTC, with an
// optional name. The zero value is timezone.utc.
type Timezone struct {
	offset int64 // microseconds east of UTC, strictly within ±24h
	name   string
	named  bool
}

// TzinfoType is the abstract datetime.tzinfo; TimezoneType derives from it.
var TzinfoType = &py.Type{
	ObjectType: py.TypeType,
	Name:       "datetime.tzinfo",
	Doc:        "Abstract base class for time zone info objects.",
	Dict:       py.StringDict{},
	Flags:      py.TPFLAGS_BASETYPE,
}

// TimezoneType is datetime.timezone.
var TimezoneType = &py.Type{
	ObjectType: py.TypeType,
	Name:       "datetime.timezone",
	Doc:        "Fixed offset from UTC implementation of tzinfo.",
	Dict:       py.StringDict{},
	Base:       TzinfoType,
}

// UTC is timezone.utc.
var UTC = Timezone{}

// Type implements py.Object.
func (tz Timezone) Type() *py.Type { return TimezoneType }

// Offset is the zone's offset from UTC.
func (tz Timezone) Offset() Timedelta {
	td, _ := makeDelta(0, 0, tz.offset) // always in range: |offset| < 24h
	return td
}

// newTimezone checks an offset the way timezone() does.
func newTimezone(off Timedelta, name string, named bool) (Timezone, error) {
	us, _ := off.micros()
	if off.Days < -1 || off.Days > 0 || us <= -usPer24h || us >= usPer24h {
		return Timezone{}, valueErrorf("offset must be a timedelta strictly between -timedelta(hours=24) and timedelta(hours=24), not %s.", off.repr())
	}
	return Timezone{offset: us, name: name, named: named}, nil
}

func timezoneNew(_ *py.Type, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	var a [2]py.Object
	if err := parseArgs("timezone", args, kwargs, []string{"offset", "name"}, 1, 2, a[:]); err != nil {
		return nil, err
	}
	off, ok := a[0].(Timedelta)
	if !ok {
		return nil, typeErrorf("timezone() argument 1 must be datetime.timedelta, not %s", argTypeName(a[0]))
	}
	name, named := "", false
	if a[1] != nil {
		s, err := strArg("timezone", 2, a[1])
		if err != nil {
			return nil, err
		}
		name, named = s, true
	}
	tz, err := newTimezone(off, name, named)
	if err != nil {
		return nil, err
	}
	return tz, nil
}

// formatOffset renders an offset as ±HH<sep>MM[<sep>SS[.ffffff]], the
// form of isoformat (sep ":") and %z (sep "").
func formatOffset(off int64, sep string) string {
	var buf [24]byte
	return string(appendOffset(buf[:0], off, sep))
}

func appendOffset(dst []byte, off int64, sep string) []byte {
	if off < 0 {
		dst = append(dst, '-')
		off = -off
	} else {
		dst = append(dst, '+')
	}
	us := int(off % usPerSecond)
	secs := int(off / usPerSecond)
	dst = appendPadded(dst, secs/3600, 2)
	dst = append(dst, sep...)
	dst = appendPadded(dst, secs/60%60, 2)
	if secs%60 != 0 || us != 0 {
		dst = append(dst, sep...)
		dst = appendPadded(dst, secs%60, 2)
		if us != 0 {
			dst = append(dst, '.')
			dst = appendPadded(dst, us, 6)
		}
	}
	return dst
}

// TZName is tzname(): the given name, else "UTC" or "UTC±HH:MM".
func (tz Timezone) TZName() string {
	if tz.named {
		return tz.name
	}
	if tz.offset == 0 {
		return "UTC"
	}
	return "UTC" + formatOffset(tz.offset, ":")
}

func (tz Timezone) repr() string {
	switch {
	case tz == UTC:
		return "datetime.timezone.utc"
	case !tz.named:
		return "datetime.timezone(" + tz.Offset().repr() + ")"
	default:
		return "datetime.timezone(" + tz.Offset().repr() + ", " + pyRepr(tz.name) + ")"
	}
}

func (tz Timezone) M__repr__() (py.Object, error) { return py.String(tz.repr()), nil }
func (tz Timezone) M__str__() (py.Object, error)  { return py.String(tz.TZName()), nil }
func (tz Timezone) M__hash__() (py.Object, error) { return py.Int(tz.offset), nil }
func (tz Timezone) M__format__(spec py.Object) (py.Object, error) {
	return objectFormat(tz, spec)
}

func (tz Timezone) M__eq__(other py.Object) (py.Object, error) {
	o, ok := other.(Timezone)
	return boolObj(ok && o.offset == tz.offset), nil
}

func (tz Timezone) M__ne__(other py.Object) (py.Object, error) {
	o, ok := other.(Timezone)
	return boolObj(!ok || o.offset != tz.offset), nil
}

func (tz Timezone) M__lt__(other py.Object) (py.Object, error) {
	return nil, compareError("<", tz, other)
}
func (tz Timezone) M__le__(other py.Object) (py.Object, error) {
	return nil, compareError("<=", tz, other)
}
func (tz Timezone) M__gt__(other py.Object) (py.Object, error) {
	return nil, compareError(">", tz, other)
}
func (tz Timezone) M__ge__(other py.Object) (py.Object, error) {
	return nil, compareError(">=", tz, other)
}

// tzArg accepts None (naive) or a timezone, as the tzinfo arguments do.
func tzArg(o py.Object) (tz Timezone, aware bool, err error) {
	switch v := o.(type) {
	case nil, py.NoneType:
		return Timezone{}, false, nil
	case Timezone:
		return v, true, nil
	}
	return Timezone{}, false, typeErrorf("tzinfo argument must be None or of a tzinfo subclass, not type '%s'", typeName(o))
}

func tzObject(tz Timezone, aware bool) py.Object {
	if !aware {
		return py.None
	}
	return tz
}

// tzMethodArg is the dt argument of timezone.utcoffset/tzname/dst.
func tzMethodArg(name string, args py.Tuple, kwargs py.StringDict) error {
	if len(kwargs) > 0 {
		return typeErrorf("timezone.%s() takes no keyword arguments", name)
	}
	if len(args) != 1 {
		return typeErrorf("timezone.%s() takes exactly one argument (%d given)", name, len(args))
	}
	switch args[0].(type) {
	case Datetime, py.NoneType:
		return nil
	}
	return typeErrorf("%s(dt) argument must be a datetime instance or None, not %s", name, typeName(args[0]))
}

func setupTimezone() {
	TzinfoType.New = func(t *py.Type, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		return nil, typeErrorf("cannot create 'datetime.tzinfo' instances: only datetime.timezone is available")
	}
	t := TimezoneType
	t.New = timezoneNew
	addMethod(t, "utcoffset", "Return fixed offset.", func(tz Timezone, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		if err := tzMethodArg("utcoffset", args, kwargs); err != nil {
			return nil, err
		}
		return tz.Offset(), nil
	})
	addMethod(t, "dst", "Return None.", func(tz Timezone, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		if err := tzMethodArg("dst", args, kwargs); err != nil {
			return nil, err
		}
		return py.None, nil
	})
	addMethod(t, "tzname", "If name is specified when timezone is created, returns the name.  Otherwise returns offset as 'UTC(+|-)HH:MM'.", func(tz Timezone, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		if err := tzMethodArg("tzname", args, kwargs); err != nil {
			return nil, err
		}
		return py.String(tz.TZName()), nil
	})
	addMethod(t, "fromutc", "datetime in UTC -> datetime in local time.", func(tz Timezone, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		if len(args) != 1 || len(kwargs) > 0 {
			return nil, typeErrorf("timezone.fromutc() takes exactly one argument (%d given)", len(args)+len(kwargs))
		}
		dt, ok := args[0].(Datetime)
		if !ok {
			return nil, typeErrorf("fromutc: argument must be a datetime")
		}
		if !dt.clock.aware || dt.clock.tz != tz {
			return nil, valueErrorf("fromutc: dt.tzinfo is not self")
		}
		return dt.addMicros(tz.offset)
	})
	t.Dict["utc"] = UTC
	t.Dict["min"] = Timezone{offset: -(usPer24h - 60*usPerSecond)}
	t.Dict["max"] = Timezone{offset: usPer24h - 60*usPerSecond}
}
