package order

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func key(parts ...string) Version { return Version(parts) }

// The vectors of the reference §4, computed with Odoo's own function.
func TestParseVersionVectors(t *testing.T) {
	tests := []struct {
		in   string
		want Version
	}{
		{"", key("00000000", "00000001", "*final")},
		{"1.0", key("00000001", "*final")},
		{"1.0.0", key("00000001", "*final")},
		{"17.0.0.0", key("00000017", "*final")},
		{"17.0.1.0", key("00000017", "00000000", "00000001", "*final")},
		{"17.0.1.0.0", key("00000017", "00000000", "00000001", "*final")},
		{"17.0.1.2", key("00000017", "00000000", "00000001", "00000002", "*final")},
		{"0.0.0", key("*final")},
		{"saas~17.2.1.0", key("00000017", "00000002", "00000001", "*final")},
		{"17.2.1.0", key("00000017", "00000002", "00000001", "*final")},
		{"16.0.tests", key("00000016", "*tests", "*final")},
		{"1.0rc1", key("00000001", "*c", "00000001", "*final")},
		{"2.4-1", key("00000002", "00000004", "*final-", "00000001", "*final")},
		{"1.0_rc2", key("00000001", "*c", "00000002", "*final")},
		{"1.0+x", key("00000001", "*+", "*x", "*final")},
		{"123456789", key("123456789", "*final")},
		// More of Odoo's replacement table and lower-casing.
		{"1.0-dev", key("00000001", "*@", "*final")},
		{"1.0PREVIEW", key("00000001", "*c", "*final")},
		{"1.0~~x", key("00000001", "*~~", "*x", "*final")},
		// A run of digits counts characters when padded, as Python does.
		{"1٢", key("0000001٢", "*final")},
		{"007", key("00000007", "*final")},
		{"0123456789", key("0123456789", "*final")},
	}
	for _, tt := range tests {
		got := ParseVersion(tt.in)
		if got.Compare(tt.want) != 0 || len(got) != len(tt.want) {
			t.Errorf("ParseVersion(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestParseVersionOrdering(t *testing.T) {
	// Each is strictly below the next, as in Odoo.
	ordered := []string{"0.0.0", "1.0rc1", "1.0", "1.1", "1.10", "16.0.1.5", "17.0.0.9", "17.0.1.0", "17.0.1.2", "saas~17.2.1.0"}
	for i := 1; i < len(ordered); i++ {
		a, b := ParseVersion(ordered[i-1]), ParseVersion(ordered[i])
		if !a.Less(b) {
			t.Errorf("want %s (%v) < %s (%v)", ordered[i-1], a, ordered[i], b)
		}
	}
	if ParseVersion("1.0").Compare(ParseVersion("1.0.0")) != 0 {
		t.Error("1.0 and 1.0.0 must be equal")
	}
}

func TestVersionString(t *testing.T) {
	if got := ParseVersion("0.0.0").String(); got != "('*final',)" {
		t.Errorf("got %s", got)
	}
	if got := ParseVersion("1.0").String(); got != "('00000001', '*final')" {
		t.Errorf("got %s", got)
	}
}

// The VERSION_RE vectors of the reference §2.
func TestValidFolder(t *testing.T) {
	tests := map[string]bool{
		"1.0": true, "1.0.0": true, "1.2.3": true, "1.2.3.4": false,
		"17.0.1.2": true, "17.0.1.2.3": true, "17.0.1.2.3.4": false,
		"16.0.1.0": true, "0.0.0": true, "6.1.1.0": true, "5.0.1.1": false,
		"saas~17.2.1.0": true, "saas~17.10.1.0": false, "saas~100.1.1.0": false,
		"8.saas~6.1.0": true, "10.saas~15.1.2": true,
		"tests": false, "1.0-beta": false, "v1.0": false, "1": false,
		"01.02": true, "1.0\n": true, "1.0\n\n": false, "１.０": false,
		"6.0.1.0": true, "5.0.1.0": false, "05.0.1.0": false, "10.0.1.0": true, "100.0.1.0.0": true,
		"7.saas~1.1.0": true, "11.saas~1.1.0": false, "7.saas~0.1.0": false,
		"saas~11.1.1.0": true, "saas~10.1.1.0": false, "saas~20.1.1.0": true, "saas~11.0.1.0": false,
		".1.0": false, "1..0": false, "1.0.": false, "17.0.1.2.3\n": true, "\n": false,
	}
	for in, want := range tests {
		if got := versionRE.MatchString(in); got != want {
			t.Errorf("oracle VERSION_RE(%q) = %v, want %v", in, got, want)
		}
	}
	for in, want := range tests {
		if got := ValidFolder(in); got != want {
			t.Errorf("ValidFolder(%q) = %v, want %v", in, got, want)
		}
	}
}

func mustSeries(t testing.TB, s string) Series {
	t.Helper()
	ser, err := ParseSeries(s)
	if err != nil {
		t.Fatal(err)
	}
	return ser
}

func TestParseSeries(t *testing.T) {
	for _, ok := range []string{"13.0", "16.0", "17.0", "18.0", "saas~17.2", "saas~16.3"} {
		if _, err := ParseSeries(ok); err != nil {
			t.Errorf("ParseSeries(%q): %v", ok, err)
		}
	}
	for _, bad := range []string{"", "17", "17.1", "v17.0", "12.0", "17.0.1", "saas-17.2", " 17.0"} {
		_, err := ParseSeries(bad)
		if err == nil || !strings.Contains(err.Error(), "series") {
			t.Errorf("ParseSeries(%q) = %v, want an error naming the series", bad, err)
		}
	}
	modern := map[string]bool{"16.0": false, "saas~16.2": false, "saas~16.3": true, "17.0": true, "saas~17.4": true, "19.0": true, "13.0": false}
	for s, want := range modern {
		if got := mustSeries(t, s).Modern(); got != want {
			t.Errorf("%s.Modern() = %v, want %v", s, got, want)
		}
	}
}

// The reference §3: folder → full version on both sides of the rule change.
func TestConvertVersion(t *testing.T) {
	s17, s16 := mustSeries(t, "17.0"), mustSeries(t, "16.0")
	tests := []struct {
		s          Series
		in, want   string
		wantMajorl bool
	}{
		{s17, "1.2", "17.0.1.2", true},
		{s17, "3.7.0", "17.0.3.7.0", true},
		{s17, "17.0.1.2", "17.0.1.2", false},
		{s17, "0.0.0", "0.0.0", false},
		{s16, "3.7.0", "3.7.0", false},
		{s16, "1.2", "16.0.1.2", true},
		{s16, "0.0.0", "0.0.0", false},
		{mustSeries(t, "saas~17.2"), "1.0", "saas~17.2.1.0", true},
	}
	for _, tt := range tests {
		if got := tt.s.ConvertVersion(tt.in); got != tt.want {
			t.Errorf("%s ConvertVersion(%q) = %q, want %q", tt.s, tt.in, got, tt.want)
		}
		if got := tt.s.Majorless(tt.in); got != tt.wantMajorl {
			t.Errorf("%s Majorless(%q) = %v", tt.s, tt.in, got)
		}
	}
}

func TestAdaptVersion(t *testing.T) {
	s17, s16 := mustSeries(t, "17.0"), mustSeries(t, "16.0")
	tests := []struct {
		s       Series
		in      string
		want    string
		wantErr bool
		check   bool
	}{
		{s17, "1.0", "17.0.1.0", false, true},
		{s17, "1.2.3", "17.0.1.2.3", false, true},
		{s17, "17.0.1.2", "17.0.1.2", false, true},
		{s17, "17.0.1.2.0", "17.0.1.2.0", false, true},
		{s17, "16.0.1.0", "17.0.16.0.1.0", false, false}, // another series: not installable
		{mustSeries(t, "19.0"), "18.0.1.0", "18.0.1.0", false, false},
		{mustSeries(t, "19.0"), "1.0.0.0", "1.0.0.0", false, false},
		{mustSeries(t, "19.0"), "1.2", "19.0.1.2", false, true},
		{mustSeries(t, "19.0"), "x.1.0", "", true, false},
		{mustSeries(t, "saas~19.2"), "saas~19.2.1.0", "saas~19.2.1.0", false, true},
		{s17, "x.1.0.0", "17.0.x.1.0.0", false, false}, // 17.0 checks only the last three parts
		{s17, "17.0", "17.0", false, false},
		{s17, "1", "", true, false},
		{s17, "1.0.0.0.0.0", "", true, false},
		{s17, "1.0-beta", "", true, false},
		{s17, "1.x.0", "", true, false},
		{s17, "saas~17.1.0", "", true, false},
		{s17, "1_0.2", "17.0.1_0.2", false, true}, // Python int accepts underscores
		{s16, "1.0", "16.0.1.0", false, true},
		{s16, "16.0", "16.0.16.0", false, true},
		{s16, "16.0.1.0", "16.0.1.0", false, true},
		{s16, "15.0.1.0", "16.0.15.0.1.0", false, true},
		{s16, "anything", "16.0.anything", false, true},
	}
	for _, tt := range tests {
		got, err := tt.s.AdaptVersion(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("%s AdaptVersion(%q) = %q, %v; want %q, err=%v", tt.s, tt.in, got, err, tt.want, tt.wantErr)
		}
		if err == nil {
			if c := tt.s.CheckVersion(got); c != tt.check {
				t.Errorf("%s CheckVersion(%q) = %v, want %v", tt.s, got, c, tt.check)
			}
		}
	}
}

func TestSeriesOf(t *testing.T) {
	tests := map[string]string{"17.0.1.2": "17.0", "saas~17.2.1.0": "saas~17.2", "17.0.1.2.0": "17.0", "1.2": "", "1.2.3": "", "x.y.1.2": ""}
	for in, want := range tests {
		got, ok := SeriesOf(in)
		if got != want || ok != (want != "") {
			t.Errorf("SeriesOf(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

func FuzzParseVersion(f *testing.F) {
	for _, s := range []string{"", "1.0", "17.0.1.2", "saas~17.2.1.0", "1.0rc1", "2.4-1", "1.0+x", "١٢.٣", "\xff.1", "0.0.0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v := ParseVersion(s)
		if len(v) == 0 || v[len(v)-1] != "*final" {
			t.Fatalf("ParseVersion(%q) = %v: must end with *final", s, v)
		}
		if v.Compare(v) != 0 {
			t.Fatal("not reflexive")
		}
		for _, p := range v {
			if p == "" {
				t.Fatalf("empty part in %v", v)
			}
		}
	})
}

// versionRE is Odoo's VERSION_RE in compact form: the oracle for the
// hand-written ValidFolder. Go's \d is ASCII, as Odoo's re.ASCII.
var versionRE = regexp.MustCompile(`^((6\.1|[6-9]\.0|[1-9][0-9]+\.0|(7|8|9|10)\.saas~[1-9][0-9]*|saas~(1[1-9]|[2-9][0-9]+)\.[1-9])\.)?[0-9]+\.[0-9]+(\.[0-9]+)?\n?$`)

func FuzzValidFolder(f *testing.F) {
	for _, s := range []string{"1.0", "17.0.1.2", "saas~17.2.1.0", "tests", "8.saas~6.1.0", "1.0\n", "6.1.1.0", "10.saas~15.1.2", "saas~20.1.1.0", "05.0.1.0", "saas~10.1.1.0"} {
		f.Add(s)
	}
	s17, _ := ParseSeries("17.0")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := ValidFolder(s), versionRE.MatchString(s); got != want {
			t.Fatalf("ValidFolder(%q) = %v, VERSION_RE says %v", s, got, want)
		}
		if ValidFolder(s) {
			// Every valid name converts and parses; folders with a newline
			// only pass through Python's "$" quirk.
			_ = ParseVersion(s17.ConvertVersion(s))
			if strings.Count(s, ".") < 1 {
				t.Fatalf("%q accepted with no dot", s)
			}
		}
	})
}

// Many folders take the map path; the order must not change.
func TestSortFoldersMany(t *testing.T) {
	s := mustSeries(t, "17.0")
	var names []string
	for i := 99; i >= 0; i-- {
		names = append(names, "1."+strconv.Itoa(i), "1."+strconv.Itoa(i)) // duplicates too
	}
	got := SortFolders(s, Post, append(names, "0.0.0"))
	if len(got) != 101 || got[0] != "1.0" || got[99] != "1.99" || got[100] != "0.0.0" {
		t.Errorf("got %d folders: %v … %v", len(got), got[:3], got[len(got)-3:])
	}
}
