package pydatetime

import (
	"testing"
	"unicode/utf8"
)

// The parsers must never panic, and what they accept must print back
// as a valid value.

func FuzzFromisoformat(f *testing.F) {
	for _, s := range []string{"2024-05-01", "20240501", "2024-W18-3", "2024W183T10", "2024-05-01T12:30:45.123456+05:30",
		"2024-05-01 12:30:45,5Z", "T12:30", "12", "2024-05-01é12:00", "", "2024-W53", "0000-W01-1", "9999-W52-7T23:59:59.9999999-23:59"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return // Python strings are always valid text
		}
		if d, err := DateFromISOFormat(s); err == nil {
			if _, err := DateFromISOFormat(d.isoformat()); err != nil {
				t.Fatalf("%q -> %s does not parse back: %v", s, d.isoformat(), err)
			}
		}
		if dt, err := DatetimeFromISOFormat(s); err == nil {
			iso, _ := dt.isoformat("T", "auto")
			back, err := DatetimeFromISOFormat(iso)
			if err != nil || back.key() != dt.key() {
				t.Fatalf("%q -> %s -> %v %v", s, iso, back, err)
			}
		}
		if tm, err := TimeFromISOFormat(s); err == nil {
			iso, _ := tm.isoformat("auto")
			if _, err := TimeFromISOFormat(iso); err != nil {
				t.Fatalf("%q -> %s does not parse back: %v", s, iso, err)
			}
		}
	})
}

func FuzzStrptime(f *testing.F) {
	for _, c := range [][2]string{
		{"2024-05-01 10:11:12", "%Y-%m-%d %H:%M:%S"}, {"Wed May  1 13:04:05 2024", "%c"}, {"2024 53 7", "%G %V %u"},
		{"+01:00:30.5 UTC", "%z %Z"}, {"1 jan 99 11pm", "%d %b %y %I%p"}, {"2024 0 1", "%Y %W %u"}, {"100%", "%j%%"},
		{"x", "%"}, {"x", "%("}, {"٣", "%d"},
	} {
		f.Add(c[0], c[1])
	}
	f.Fuzz(func(t *testing.T, s, format string) {
		if !utf8.ValidString(s) || !utf8.ValidString(format) {
			return
		}
		dt, err := Strptime(s, format)
		if err != nil {
			return
		}
		if err := checkDate(int(dt.date.year), int(dt.date.month), int(dt.date.day)); err != nil {
			t.Fatalf("%q %q gave an invalid date %s", s, format, dt.repr())
		}
	})
}

func FuzzStrftime(f *testing.F) {
	for _, s := range []string{"%Y-%m-%d %H:%M:%S.%f%z", "%-5d %_3e %^a %#Z %10s %Ey %Ed", "%", "%%%", "%5", "%c %x %X %G %V"} {
		f.Add(s)
	}
	dt := mustDT(2024, 5, 1, 13, 4, 5, 6, Timezone{offset: 3600 * usPerSecond}, true)
	f.Fuzz(func(t *testing.T, format string) {
		strftime(format, dt.fields())
		strftime(format, dt.date.fields())
		strftime(format, dt.clock.fields())
	})
}
