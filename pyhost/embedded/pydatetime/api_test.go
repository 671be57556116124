package pydatetime

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/go-python/gpython/py"
)

func repr(t *testing.T, o py.Object) string {
	t.Helper()
	s, err := py.ReprAsString(o)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestNewDatetimeToGo(t *testing.T) {
	ist := time.FixedZone("IST", 5*3600+1800)
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		berlin = time.FixedZone("CEST", 7200) // no tzdata: same offset in May
	}
	tests := []struct {
		name     string
		in       time.Time
		aware    bool
		wantRepr string
	}{
		{"naive keeps wall clock", time.Date(2024, 5, 1, 12, 0, 0, 0, ist), false, "datetime.datetime(2024, 5, 1, 12, 0)"},
		{"naive micro", time.Date(2024, 5, 1, 12, 30, 15, 123456789, time.UTC), false, "datetime.datetime(2024, 5, 1, 12, 30, 15, 123456)"},
		{"aware utc", time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC), true, "datetime.datetime(2024, 5, 1, 12, 0, tzinfo=datetime.timezone.utc)"},
		{"aware offset", time.Date(2024, 5, 1, 12, 0, 0, 0, ist), true, "datetime.datetime(2024, 5, 1, 12, 0, tzinfo=datetime.timezone(datetime.timedelta(seconds=19800)))"},
		{"aware named zone", time.Date(2024, 5, 1, 12, 0, 0, 0, berlin), true, "datetime.datetime(2024, 5, 1, 12, 0, tzinfo=datetime.timezone(datetime.timedelta(seconds=7200)))"},
		{"min", time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), false, "datetime.datetime(1, 1, 1, 0, 0)"},
		{"max", time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC), false, "datetime.datetime(9999, 12, 31, 23, 59, 59, 999999)"},
		{"infinity clamps like psycopg2", time.Date(20000, 1, 1, 0, 0, 0, 0, time.UTC), false, "datetime.datetime(9999, 12, 31, 23, 59, 59, 999999)"},
		{"-infinity clamps", time.Date(-5, 1, 1, 0, 0, 0, 0, time.UTC), true, "datetime.datetime(1, 1, 1, 0, 0, tzinfo=datetime.timezone.utc)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := NewDatetime(tc.in, tc.aware)
			if got := repr(t, o); got != tc.wantRepr {
				t.Fatalf("repr = %s, want %s", got, tc.wantRepr)
			}
			if IsAware(o) != tc.aware {
				t.Fatalf("IsAware = %v", IsAware(o))
			}
			back, kind, ok := ToGo(o)
			if !ok || kind != "datetime" {
				t.Fatalf("ToGo = %v %q %v", back, kind, ok)
			}
			if tc.in.Year() < 1 || tc.in.Year() > 9999 {
				return
			}
			want := tc.in.Truncate(time.Microsecond)
			if tc.aware {
				if !back.Equal(want) {
					t.Fatalf("aware round trip: %v, want instant %v", back, want)
				}
				_, o1 := back.Zone()
				_, o2 := want.Zone()
				if o1 != o2 {
					t.Fatalf("offset %d, want %d", o1, o2)
				}
			} else {
				wall := time.Date(want.Year(), want.Month(), want.Day(), want.Hour(), want.Minute(), want.Second(), want.Nanosecond(), time.UTC)
				if !back.Equal(wall) || back.Location() != time.UTC {
					t.Fatalf("naive round trip: %v, want wall clock %v in UTC", back, wall)
				}
			}
		})
	}
}

func TestDatetimeFromGoRange(t *testing.T) {
	if _, err := DatetimeFromGo(time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), false); err == nil || !strings.Contains(err.Error(), "year 10000 is out of range") {
		t.Fatalf("err = %v", err)
	}
	if _, err := DatetimeFromGo(time.Date(0, 12, 31, 0, 0, 0, 0, time.UTC), true); err == nil {
		t.Fatal("year 0 accepted")
	}
}

func TestDateTimeDeltaConversions(t *testing.T) {
	d := NewDate(2024, time.February, 29)
	if got := repr(t, d); got != "datetime.date(2024, 2, 29)" {
		t.Fatal(got)
	}
	if gt, kind, ok := ToGo(d); !ok || kind != "date" || !gt.Equal(time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("ToGo(date) = %v %q %v", gt, kind, ok)
	}
	tm := NewTime(23, 59, 58, 999999)
	if got := repr(t, tm); got != "datetime.time(23, 59, 58, 999999)" {
		t.Fatal(got)
	}
	if gt, kind, ok := ToGo(tm); !ok || kind != "time" || gt.Hour() != 23 || gt.Nanosecond() != 999999000 || gt.Year() != 0 {
		t.Fatalf("ToGo(time) = %v %q %v", gt, kind, ok)
	}
	for _, dur := range []time.Duration{0, time.Microsecond, -time.Microsecond, 36 * time.Hour, -(25*time.Hour + 1500*time.Microsecond), math.MaxInt64 / 1000 * 1000} {
		td := NewTimedelta(dur)
		back, ok := ToDuration(td)
		if !ok || back != dur {
			t.Errorf("duration %v -> %s -> %v %v", dur, repr(t, td), back, ok)
		}
	}
	if got := repr(t, NewTimedelta(-time.Microsecond)); got != "datetime.timedelta(days=-1, seconds=86399, microseconds=999999)" {
		t.Fatal(got)
	}
	td, err := NewTimedeltaDSU(1, -1, 1_000_001)
	if err != nil || repr(t, td) != "datetime.timedelta(days=1, microseconds=1)" {
		t.Fatalf("NewTimedeltaDSU = %v %v", td, err)
	}
	if _, err := NewTimedeltaDSU(1_000_000_000, 0, 0); err == nil {
		t.Fatal("out-of-range timedelta accepted")
	}
	big, _ := NewTimedeltaDSU(999_999_999, 0, 0)
	if _, ok := ToDuration(big); ok {
		t.Fatal("ToDuration accepted a delta beyond time.Duration")
	}
	for _, o := range []py.Object{py.Int(1), py.String("2024-01-01"), py.None, big} {
		if _, _, ok := ToGo(o); ok {
			t.Errorf("ToGo(%s) ok", repr(t, o))
		}
	}
	if _, ok := ToDuration(py.Int(1)); ok {
		t.Fatal("ToDuration(int) ok")
	}
}

func TestToGoAwareTime(t *testing.T) {
	tm, err := TimeFromISOFormat("12:30:00-03:30")
	if err != nil {
		t.Fatal(err)
	}
	gt, _, _ := ToGo(tm)
	if _, off := gt.Zone(); off != -(3*3600 + 1800) {
		t.Fatalf("offset %d", off)
	}
	if !IsAware(tm) || IsAware(NewTime(1, 2, 3, 4)) || IsAware(py.Int(3)) {
		t.Fatal("IsAware wrong")
	}
}

func TestTypesAndMRO(t *testing.T) {
	if !DatetimeType.IsSubtype(DateType) {
		t.Error("datetime is not a subtype of date")
	}
	if DateType.IsSubtype(DatetimeType) {
		t.Error("date is a subtype of datetime")
	}
	if !TimezoneType.IsSubtype(TzinfoType) {
		t.Error("timezone is not a subtype of tzinfo")
	}
	for _, typ := range allTypes {
		if typ.ObjectType != py.TypeType {
			t.Errorf("%s has metatype %s", typ.Name, typ.ObjectType.Name)
		}
		if typ.Flags&py.TPFLAGS_READY == 0 {
			t.Errorf("%s not ready", typ.Name)
		}
	}
}

func TestNewDatePanicsOutOfRange(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("no panic")
		}
	}()
	NewDate(10000, 1, 1)
}
