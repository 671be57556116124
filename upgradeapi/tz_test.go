package upgradeapi

import (
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
)

func TestUpgradeIsTimezone(t *testing.T) {
	for _, tc := range []struct {
		name string
		ok   bool
	}{
		{"Europe/Brussels", true}, {"UTC", true}, {"America/Argentina/Buenos_Aires", true}, {"Etc/GMT-14", true},
		{"europe/brussels", false}, {"Europe/Brussels ", false}, {"", false}, {"Local", false}, {"Factory", false},
		{"posixrules", false}, {"../etc/passwd", false}, {"Europe/", false},
	} {
		if got := IsTimezone(tc.name); got != tc.ok {
			t.Errorf("IsTimezone(%q) = %v, want %v", tc.name, got, tc.ok)
		}
	}
	if n := len(Timezones()); n < 590 {
		t.Errorf("%d time zone names embedded, want the whole IANA list (~597)", n)
	}
}

// TestUpgradeRatio checks the port of difflib's ratio against values
// Python 3.11 prints (checked with python3 -c) for SequenceMatcher(None, a, b).ratio().
func TestUpgradeRatio(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want float64
	}{
		{"brussels", "brus", 0.6667},
		{"Europe/Brussels", "Europe/Brusels", 0.9655},
		{"abcd", "bcde", 0.75},
		{"Asia/Kolkata", "kolkata", 0.6316},
		{"", "", 1},
		{"abc", "", 0},
		{"abc", "xyz", 0},
		// The first longest block wins, then both sides recurse:
		// "ab" matches, then "c" on the right.
		{"abxcd", "abcd", 0.8889},
		{"qabxcabc", "abycdf", 0.4286},
		{"aaabbb", "ababab", 0.6667},
		{"tokyo", "tokio", 0.8},
	} {
		if got := ratio(tc.a, tc.b); math.Abs(got-tc.want) > 0.00005 {
			t.Errorf("ratio(%q, %q) = %.4f, want %.4f", tc.a, tc.b, got, tc.want)
		}
	}
}

// TestUpgradeSuggestTimezones checks the closest matches of 24 queries:
// abbreviations, typos, spaces for underscores, case, offsets.
func TestUpgradeSuggestTimezones(t *testing.T) {
	for _, tc := range []struct {
		query string
		first string   // the best match
		also  []string // also among the suggestions
	}{
		{"brus", "Europe/Brussels", []string{"Asia/Brunei"}},
		{"Brus", "Europe/Brussels", nil},
		{"Europe/Brusels", "Europe/Brussels", []string{"Europe/Busingen"}},
		{"europe/brussels", "Europe/Brussels", nil},
		{"brussels", "Europe/Brussels", nil},
		{"paris", "Europe/Paris", nil},
		{"new york", "America/New_York", nil},
		{"new-york", "America/New_York", nil},
		{"Amercia/New_York", "America/New_York", nil},
		{"kolkata", "Asia/Kolkata", nil},
		{"calcuta", "Asia/Calcutta", nil},
		{"Sao Paulo", "America/Sao_Paulo", nil},
		{"UTC+1", "Etc/UTC", []string{"Etc/GMT+1"}},
		{"utc", "UTC", []string{"Etc/UTC"}},
		{"tokio", "Asia/Tokyo", nil},
		{"Berlinn", "Europe/Berlin", nil},
		{"lisbon", "Europe/Lisbon", nil},
		{"mexico city", "America/Mexico_City", nil},
		{"buenos aires", "America/Argentina/Buenos_Aires", []string{"America/Buenos_Aires"}},
		{"honolulu", "Pacific/Honolulu", nil},
		{"Zurich", "Europe/Zurich", nil},
		{"Europe/Amsterdm", "Europe/Amsterdam", nil},
		{"Africa/Johanesburg", "Africa/Johannesburg", nil},
		{"los angeles", "America/Los_Angeles", nil},
	} {
		got := SuggestTimezones(tc.query, 5)
		if len(got) == 0 || got[0] != tc.first {
			t.Errorf("SuggestTimezones(%q) = %q, want %s first", tc.query, got, tc.first)
			continue
		}
		for _, a := range tc.also {
			if !slices.Contains(got, a) {
				t.Errorf("SuggestTimezones(%q) = %q, want %s among them", tc.query, got, a)
			}
		}
		if len(got) > 5 {
			t.Errorf("SuggestTimezones(%q) gave %d names, want at most 5", tc.query, len(got))
		}
	}
	for _, q := range []string{"", "   ", "qqqqqqqq", "1234"} {
		if got := SuggestTimezones(q, 5); len(got) != 0 {
			t.Errorf("SuggestTimezones(%q) = %q, want nothing", q, got)
		}
	}
}

// TestUpgradeTimezoneError checks the old CLI's message and exit code 3.
func TestUpgradeTimezoneError(t *testing.T) {
	err := TimezoneError("brus")
	want := "--timezone: Timezone 'brus' is not a valid value. Here is a list of closest matches:\n'Europe/Brussels', "
	if !strings.HasPrefix(err.Error(), want) {
		t.Errorf("TimezoneError(brus) = %q, want it to start with %q", err, want)
	}
	if ExitCode(err) != ExitUsage {
		t.Errorf("exit code %d, want %d", ExitCode(err), ExitUsage)
	}
	err = TimezoneError("qqqqqqqq")
	if err.Error() != "--timezone: Timezone 'qqqqqqqq' is not a valid value." {
		t.Errorf("no match: %q", err)
	}
	var e *Error
	if !errors.As(err, &e) {
		t.Error("TimezoneError is not an *Error")
	}
}

func FuzzSuggestTimezones(f *testing.F) {
	for _, s := range []string{"brus", "Europe/Brusels", "", "UTC+1", "\xff\xfe", strings.Repeat("a", 300)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		got := SuggestTimezones(q, 5)
		if len(got) > 5 {
			t.Fatalf("%d suggestions", len(got))
		}
		for _, n := range got {
			if !IsTimezone(n) {
				t.Fatalf("suggested %q, not a time zone", n)
			}
		}
		if IsTimezone(q) && (len(got) == 0 || got[0] != q) {
			t.Fatalf("exact name %q not suggested first: %q", q, got)
		}
	})
}
