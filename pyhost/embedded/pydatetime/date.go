package pydatetime

import (
	"math"
	"strconv"
	"time"

	"github.com/go-python/gpython/py"
)

// Date is datetime.date, a comparable value.
type Date struct {
	year  int16
	month int8
	day   int8
}

// DateType is datetime.date.
var DateType = &py.Type{
	ObjectType: py.TypeType,
	Name:       "datetime.date",
	Doc:        "date(year, month, day) --> date object",
	Dict:       py.StringDict{},
	Flags:      py.TPFLAGS_BASETYPE,
}

// Type implements py.Object.
func (d Date) Type() *py.Type { return DateType }

// Year, Month and Day are the date's fields.
func (d Date) Year() int  { return int(d.year) }
func (d Date) Month() int { return int(d.month) }
func (d Date) Day() int   { return int(d.day) }

// checkDate validates fields with CPython's messages.
func checkDate(y, m, d int) error {
	if y < minYear || y > maxYear {
		return valueErrorf("year %d is out of range", y)
	}
	if m < 1 || m > 12 {
		return valueErrorf("month must be in 1..12")
	}
	if d < 1 || d > daysInMonth(y, m) {
		return valueErrorf("day is out of range for month")
	}
	return nil
}

func mkDate(y, m, d int) Date { return Date{int16(y), int8(m), int8(d)} }

func newDate(y, m, d int) (Date, error) {
	if err := checkDate(y, m, d); err != nil {
		return Date{}, err
	}
	return mkDate(y, m, d), nil
}

// NewDate converts a Go calendar date; it panics if the year is outside
// 1..9999 (a programming error: the database never returns such dates
// for the host to convert without checking).
func NewDate(y int, m time.Month, d int) py.Object {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC) // normalises out-of-range days like Go does
	dd, err := newDate(t.Year(), int(t.Month()), t.Day())
	if err != nil {
		panic(err)
	}
	return dd
}

func (d Date) ordinal() int { return ymdToOrd(int(d.year), int(d.month), int(d.day)) }

func dateFromOrdinal(n int) (Date, error) {
	if n < 1 || n > maxOrdinal {
		return Date{}, overflowErrorf("date value out of range")
	}
	y, m, dd := ordToYMD(n)
	return mkDate(y, m, dd), nil
}

func (d Date) weekday() int { return (d.ordinal() + 6) % 7 }

func (d Date) isoformat() string {
	return padN(int(d.year), 4) + "-" + pad2(int(d.month)) + "-" + pad2(int(d.day))
}

func (d Date) repr() string {
	return "datetime.date(" + strconv.Itoa(int(d.year)) + ", " + strconv.Itoa(int(d.month)) + ", " + strconv.Itoa(int(d.day)) + ")"
}

var dayAbbr = [7]string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}
var dayFull = [7]string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
var monthAbbr = [13]string{"", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
var monthFull = [13]string{"", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}

// ctime is "Wed May  1 12:00:00 2024".
func ctime(d Date, h, m, s int) string {
	day := strconv.Itoa(int(d.day))
	if d.day < 10 {
		day = " " + day
	}
	return dayAbbr[d.weekday()] + " " + monthAbbr[d.month] + " " + day + " " + pad2(h) + ":" + pad2(m) + ":" + pad2(s) + " " + padN(int(d.year), 4)
}

func (d Date) M__str__() (py.Object, error)  { return py.String(d.isoformat()), nil }
func (d Date) M__repr__() (py.Object, error) { return py.String(d.repr()), nil }
func (d Date) M__hash__() (py.Object, error) { return py.Int(d.ordinal()), nil }

func (d Date) M__format__(spec py.Object) (py.Object, error) {
	s, err := strArg("__format__", 1, spec)
	if err != nil {
		return nil, err
	}
	if s == "" {
		return py.String(d.isoformat()), nil
	}
	return py.String(strftime(s, d.fields())), nil
}

func (d Date) fields() *tmFields {
	return &tmFields{year: int(d.year), month: int(d.month), day: int(d.day)}
}

func (d Date) addDays(n int64) (py.Object, error) {
	o := int64(d.ordinal()) + n
	if o < 1 || o > maxOrdinal {
		return nil, overflowErrorf("date value out of range")
	}
	return dateFromOrdinal(int(o))
}

func (d Date) M__add__(other py.Object) (py.Object, error) {
	if td, ok := other.(Timedelta); ok {
		return d.addDays(int64(td.Days))
	}
	return py.NotImplemented, nil
}

func (d Date) M__radd__(other py.Object) (py.Object, error) { return d.M__add__(other) }

func (d Date) M__sub__(other py.Object) (py.Object, error) {
	switch o := other.(type) {
	case Timedelta:
		return d.addDays(-int64(o.Days))
	case Date:
		return result(makeDelta(int64(d.ordinal()-o.ordinal()), 0, 0))
	}
	return py.NotImplemented, nil
}

func (d Date) M__rsub__(other py.Object) (py.Object, error) { return py.NotImplemented, nil }

func (d Date) cmp(o Date) int {
	switch {
	case d.year != o.year:
		return sign(int64(d.year) - int64(o.year))
	case d.month != o.month:
		return sign(int64(d.month) - int64(o.month))
	}
	return sign(int64(d.day) - int64(o.day))
}

func (d Date) order(op string, other py.Object, test func(int) bool) (py.Object, error) {
	switch o := other.(type) {
	case Date:
		return boolObj(test(d.cmp(o))), nil
	case Datetime:
		return nil, typeErrorf("can't compare datetime.datetime to datetime.date")
	}
	return nil, compareError(op, d, other)
}

func (d Date) M__eq__(other py.Object) (py.Object, error) {
	o, ok := other.(Date)
	return boolObj(ok && o == d), nil
}

func (d Date) M__ne__(other py.Object) (py.Object, error) {
	o, ok := other.(Date)
	return boolObj(!ok || o != d), nil
}

func (d Date) M__lt__(other py.Object) (py.Object, error) {
	return d.order("<", other, func(c int) bool { return c < 0 })
}

func (d Date) M__le__(other py.Object) (py.Object, error) {
	return d.order("<=", other, func(c int) bool { return c <= 0 })
}

func (d Date) M__gt__(other py.Object) (py.Object, error) {
	return d.order(">", other, func(c int) bool { return c > 0 })
}

func (d Date) M__ge__(other py.Object) (py.Object, error) {
	return d.order(">=", other, func(c int) bool { return c >= 0 })
}

func dateNew(_ *py.Type, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	var a [3]py.Object
	if err := parseArgs("", args, kwargs, []string{"year", "month", "day"}, 3, 3, a[:]); err != nil {
		return nil, err
	}
	var f [3]int
	for i := range f {
		v, err := toInt(a[i])
		if err != nil {
			return nil, err
		}
		f[i] = v
	}
	return newDateObj(f[0], f[1], f[2])
}

func newDateObj(y, m, d int) (py.Object, error) {
	dd, err := newDate(y, m, d)
	if err != nil {
		return nil, err
	}
	return dd, nil
}

// timestampArg is the POSIX timestamp of fromtimestamp, rounded half to
// even to microseconds as CPython does.
func timestampArg(o py.Object) (secs int64, us int64, err error) {
	switch v := o.(type) {
	case py.Int:
		return int64(v), 0, nil
	case py.Bool:
		if v {
			return 1, 0, nil
		}
		return 0, 0, nil
	case py.Float:
		f := float64(v)
		if f != f {
			return 0, 0, valueErrorf("Invalid value NaN (not a number)")
		}
		if f >= 1e18 || f <= -1e18 {
			return 0, 0, overflowErrorf("timestamp out of range for platform time_t")
		}
		whole := int64(f)
		frac := f - float64(whole)
		usf := roundHalfEven(frac * 1e6)
		q, r := floorDivMod64(int64(usf), usPerSecond)
		return whole + q, r, nil
	case *py.BigInt:
		return 0, 0, overflowErrorf("timestamp out of range for platform time_t")
	}
	return 0, 0, typeErrorf("'%s' object cannot be interpreted as an integer", typeName(o))
}

func roundHalfEven(f float64) float64 {
	r := float64(int64(f))
	diff := f - r
	switch {
	case diff > 0.5 || (diff == 0.5 && int64(r)%2 != 0):
		r++
	case diff < -0.5 || (diff == -0.5 && int64(r)%2 != 0):
		r--
	}
	return r
}

// localTime converts a timestamp to the local wall clock, checking the
// year range.
func localTime(secs, us int64, loc *time.Location) (time.Time, error) {
	if secs > 253402300800+86400 || secs < -62135596800-86400 {
		return time.Time{}, valueErrorf("year is out of range")
	}
	t := time.Unix(secs, us*1000).In(loc)
	if t.Year() < minYear || t.Year() > maxYear {
		return time.Time{}, valueErrorf("year %d is out of range", t.Year())
	}
	return t, nil
}

func addDateCommon[T py.Object](t *py.Type, tname string, toDate func(T) Date) {
	addMethod(t, "toordinal", "Return proleptic Gregorian ordinal.  January 1 of year 1 is day 1.", func(s T, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		if err := noArgs(tname+".toordinal", args, kwargs); err != nil {
			return nil, err
		}
		return py.Int(toDate(s).ordinal()), nil
	})
	addMethod(t, "weekday", "Return the day of the week represented by the date.\nMonday == 0 ... Sunday == 6", func(s T, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		if err := noArgs(tname+".weekday", args, kwargs); err != nil {
			return nil, err
		}
		return py.Int(toDate(s).weekday()), nil
	})
	addMethod(t, "isoweekday", "Return the day of the week represented by the date.\nMonday == 1 ... Sunday == 7", func(s T, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		if err := noArgs(tname+".isoweekday", args, kwargs); err != nil {
			return nil, err
		}
		return py.Int(toDate(s).weekday() + 1), nil
	})
	addMethod(t, "isocalendar", "Return a named tuple containing ISO year, week number, and weekday.", func(s T, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		if err := noArgs(tname+".isocalendar", args, kwargs); err != nil {
			return nil, err
		}
		d := toDate(s)
		y, w, wd := isoCalendar(int(d.year), int(d.month), int(d.day))
		return IsoCalendarDate{y, w, wd}, nil
	})
	for _, f := range []struct {
		name string
		get  func(Date) int
	}{{"year", Date.Year}, {"month", Date.Month}, {"day", Date.Day}} {
		get := f.get
		t.Dict[f.name] = &py.Property{Fget: func(self py.Object) (py.Object, error) {
			return py.Int(get(toDate(self.(T)))), nil
		}}
	}
	addClassMethod(t, "fromordinal", "int -> date corresponding to a proleptic Gregorian ordinal.", func(args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		var a [1]py.Object
		if err := parseArgs("fromordinal", args, kwargs, []string{"ordinal"}, 1, 1, a[:]); err != nil {
			return nil, err
		}
		n, err := toInt(a[0])
		if err != nil {
			return nil, err
		}
		if n < 1 {
			return nil, valueErrorf("ordinal must be >= 1")
		}
		if n > maxOrdinal {
			return nil, valueErrorf("year %d is out of range", maxYear+1)
		}
		d, _ := dateFromOrdinal(n)
		if t == DatetimeType {
			return Datetime{date: d}, nil
		}
		return d, nil
	})
	addClassMethod(t, "fromisocalendar", "int, int, int -> Construct a date from the ISO year, week number and weekday.\n\nThis is the inverse of the date.isocalendar() function", func(args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		var a [3]py.Object
		if err := parseArgs("fromisocalendar", args, kwargs, []string{"year", "week", "day"}, 3, 3, a[:]); err != nil {
			return nil, err
		}
		var f [3]int
		for i := range f {
			v, err := toInt(a[i])
			if err != nil {
				return nil, err
			}
			f[i] = v
		}
		n, err := isoToOrdinal(f[0], f[1], f[2])
		if err != nil {
			return nil, err
		}
		y, m, dd := ordToYMD(n)
		d, err := newDate(y, m, dd)
		if err != nil {
			return nil, err
		}
		if t == DatetimeType {
			return Datetime{date: d}, nil
		}
		return d, nil
	})
}

func setupDate() {
	t := DateType
	t.New = dateNew
	addDateCommon(t, "date", func(d Date) Date { return d })
	addClassMethod(t, "today", "Current date or datetime:  same as self.__class__.fromtimestamp(time.time()).", func(args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		if err := noArgs("date.today", args, kwargs); err != nil {
			return nil, err
		}
		now := time.Now()
		return mkDate(now.Year(), int(now.Month()), now.Day()), nil
	})
	addClassMethod(t, "fromtimestamp", "Create a date from a POSIX timestamp.\n\nThe timestamp is a number, e.g. created via time.time(), that is interpreted\nas local time.", func(args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		if len(kwargs) > 0 || len(args) != 1 {
			return nil, typeErrorf("date.fromtimestamp() takes exactly one argument (%d given)", len(args)+len(kwargs))
		}
		secs, _, err := timestampArg(args[0])
		if err != nil {
			return nil, err
		}
		if f, ok := args[0].(py.Float); ok && float64(f) < 1e18 && float64(f) > -1e18 {
			secs = int64(math.Floor(float64(f))) // CPython floors here, not rounds
		}
		lt, err := localTime(secs, 0, time.Local)
		if err != nil {
			return nil, err
		}
		return mkDate(lt.Year(), int(lt.Month()), lt.Day()), nil
	})
	addClassMethod(t, "fromisoformat", "str -> Construct a date from a string in ISO 8601 format.", func(args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		if len(kwargs) > 0 || len(args) != 1 {
			return nil, typeErrorf("date.fromisoformat() takes exactly one argument (%d given)", len(args)+len(kwargs))
		}
		s, ok := args[0].(py.String)
		if !ok {
			return nil, typeErrorf("fromisoformat: argument must be str")
		}
		d, err := DateFromISOFormat(string(s))
		if err != nil {
			return nil, err
		}
		return d, nil
	})
	addMethod(t, "replace", "Return date with new specified fields.", func(d Date, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		var a [3]py.Object
		if err := parseArgs("replace", args, kwargs, []string{"year", "month", "day"}, 0, 3, a[:]); err != nil {
			return nil, err
		}
		f := [3]int{int(d.year), int(d.month), int(d.day)}
		for i := range f {
			v, err := optInt(a[i], f[i])
			if err != nil {
				return nil, err
			}
			f[i] = v
		}
		return newDateObj(f[0], f[1], f[2])
	})
	addMethod(t, "isoformat", "Return string in ISO 8601 format, YYYY-MM-DD.", func(d Date, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		if err := noArgs("date.isoformat", args, kwargs); err != nil {
			return nil, err
		}
		return py.String(d.isoformat()), nil
	})
	addMethod(t, "ctime", "Return ctime() style string.", func(d Date, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		if err := noArgs("date.ctime", args, kwargs); err != nil {
			return nil, err
		}
		return py.String(ctime(d, 0, 0, 0)), nil
	})
	addMethod(t, "strftime", "format -> strftime() style string.", func(d Date, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		fmtStr, err := strftimeArg(args, kwargs)
		if err != nil {
			return nil, err
		}
		return py.String(strftime(fmtStr, d.fields())), nil
	})
	t.Dict["min"] = mkDate(minYear, 1, 1)
	t.Dict["max"] = mkDate(maxYear, 12, 31)
	t.Dict["resolution"] = Timedelta{Days: 1}
}

func strftimeArg(args py.Tuple, kwargs py.StringDict) (string, error) {
	var a [1]py.Object
	if err := parseArgs("strftime", args, kwargs, []string{"format"}, 1, 1, a[:]); err != nil {
		return "", err
	}
	return strArg("strftime", 1, a[0])
}

// IsoCalendarDate is the named tuple date.isocalendar() returns.
type IsoCalendarDate struct{ year, week, weekday int }

// IsoCalendarDateType is datetime.IsoCalendarDate.
var IsoCalendarDateType = &py.Type{
	ObjectType: py.TypeType,
	Name:       "datetime.IsoCalendarDate",
	Doc:        "IsoCalendarDate(year, week, weekday)",
	Dict:       py.StringDict{},
}

// Type implements py.Object.
func (c IsoCalendarDate) Type() *py.Type { return IsoCalendarDateType }

func (c IsoCalendarDate) tuple() py.Tuple {
	return py.Tuple{py.Int(c.year), py.Int(c.week), py.Int(c.weekday)}
}

func (c IsoCalendarDate) M__repr__() (py.Object, error) {
	return py.String("datetime.IsoCalendarDate(year=" + strconv.Itoa(c.year) + ", week=" + strconv.Itoa(c.week) + ", weekday=" + strconv.Itoa(c.weekday) + ")"), nil
}

func (c IsoCalendarDate) M__len__() (py.Object, error) { return py.Int(3), nil }
func (c IsoCalendarDate) M__iter__() (py.Object, error) {
	return py.NewIterator(c.tuple()), nil
}
func (c IsoCalendarDate) M__getitem__(key py.Object) (py.Object, error) {
	return c.tuple().M__getitem__(key)
}
func (c IsoCalendarDate) M__hash__() (py.Object, error) {
	return py.Int(c.year*1000 + c.week*10 + c.weekday), nil
}

func (c IsoCalendarDate) M__eq__(other py.Object) (py.Object, error) {
	switch o := other.(type) {
	case IsoCalendarDate:
		return boolObj(o == c), nil
	case py.Tuple:
		return c.tuple().M__eq__(o)
	}
	return py.False, nil
}

func (c IsoCalendarDate) M__ne__(other py.Object) (py.Object, error) {
	eq, err := c.M__eq__(other)
	if err != nil {
		return nil, err
	}
	return boolObj(eq == py.False), nil
}

func setupIsoCalendarDate() {
	t := IsoCalendarDateType
	for i, name := range []string{"year", "week", "weekday"} {
		i := i
		t.Dict[name] = &py.Property{Fget: func(self py.Object) (py.Object, error) {
			return self.(IsoCalendarDate).tuple()[i], nil
		}}
	}
}
