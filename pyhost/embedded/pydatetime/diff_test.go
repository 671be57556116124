package pydatetime

import (
	"encoding/json"
	"math/rand"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/go-python/gpython/py"
)

// Differential tests: many generated inputs through this package and
// through python3, compared result by result.

// runPyJSON runs a Python snippet that reads a JSON list of cases from
// argv[1] and prints a JSON list of results.
func runPyJSON(t *testing.T, script string, cases any) []string {
	t.Helper()
	py3, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not found")
	}
	in, err := json.Marshal(cases)
	if err != nil {
		t.Fatal(err)
	}
	path := t.TempDir() + "/cases.json"
	if err := os.WriteFile(path, in, 0o600); err != nil {
		t.Fatal(err)
	}
	prelude := "import sys, json\nfrom datetime import *\ncases = json.load(open(sys.argv[1]))\n" +
		"def res(f):\n    try:\n        return repr(f())\n    except Exception as e:\n        return type(e).__name__ + ': ' + str(e)\n"
	out, err := exec.Command(py3, "-c", prelude+script, path).Output()
	if err != nil {
		t.Fatalf("python3: %v", err)
	}
	var results []string
	if err := json.Unmarshal(out, &results); err != nil {
		t.Fatalf("python3 output: %v", err)
	}
	return results
}

func goRes(o py.Object, err error) string {
	if err != nil {
		return formatErr(err)
	}
	s, err := py.ReprAsString(o)
	if err != nil {
		return formatErr(err)
	}
	return s
}

// maxShown limits the differences printed per test.
var maxShown = 25

func compareAll(t *testing.T, what string, inputs []string, got, want []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d results vs %d from python3", what, len(got), len(want))
	}
	bad := 0
	for i := range got {
		if got[i] != want[i] {
			bad++
			if bad <= maxShown {
				t.Errorf("%s %s:\n   got  %s\n   want %s", what, inputs[i], got[i], want[i])
			}
		}
	}
	if bad > 0 {
		t.Errorf("%s: %d of %d differ", what, bad, len(got))
	}
}

// mutate makes one to three random edits (replace, delete, insert,
// truncate) on the code points of s.
func mutate(r *rand.Rand, s string, alphabet string) string {
	b := []rune(s)
	alpha := []rune(alphabet)
	for n := r.Intn(3) + 1; n > 0; n-- {
		switch op := r.Intn(4); {
		case op == 0 && len(b) > 0:
			b[r.Intn(len(b))] = alpha[r.Intn(len(alpha))]
		case op == 1 && len(b) > 0:
			i := r.Intn(len(b))
			b = append(b[:i], b[i+1:]...)
		case op == 2:
			i := r.Intn(len(b) + 1)
			b = append(b[:i], append([]rune{alpha[r.Intn(len(alpha))]}, b[i:]...)...)
		default:
			if len(b) > 0 {
				b = b[:r.Intn(len(b))]
			}
		}
	}
	return string(b)
}

func TestDiffFromisoformat(t *testing.T) {
	seeds := []string{
		"2024-05-01", "20240501", "2024-W18-3", "2024W183", "2024-W18", "2024W18",
		"2024-05-01T12:30:45.123456+05:30", "2024-05-01 12:30", "20240501T123045,5Z", "2024-W18-3T10",
		"2024W183T101112-0130", "2024-05-01T12:30:45.1234567890-01:02:03.456", "2020-W53-7 23:59:59Z",
		"2024-05-01é12:00", "12:30:45.5+01:00", "T1230", "2024-02-29T00:00:00+00:00", "9999-12-31T23:59:59.999999",
	}
	r := rand.New(rand.NewSource(1))
	inputs := append([]string(nil), seeds...)
	for len(inputs) < 4000 {
		inputs = append(inputs, mutate(r, seeds[r.Intn(len(seeds))], "0123456789-:TW +Z.,x\x00é٣"))
	}
	want := runPyJSON(t, `print(json.dumps([res(lambda: f(s)) for s in cases for f in (date.fromisoformat, datetime.fromisoformat, time.fromisoformat)]))`, inputs)
	var got, labels []string
	for _, s := range inputs {
		d, err := DateFromISOFormat(s)
		got = append(got, goRes(d, err))
		dt, err := DatetimeFromISOFormat(s)
		got = append(got, goRes(dt, err))
		tm, err := TimeFromISOFormat(s)
		got = append(got, goRes(tm, err))
		labels = append(labels, "date "+pyRepr(s), "datetime "+pyRepr(s), "time "+pyRepr(s))
	}
	compareAll(t, "fromisoformat", labels, got, want)
}

func TestDiffStrftime(t *testing.T) {
	convs := "aAbBcCdDeFgGhHIjklmMnprRsStTuUVwWxXyYzZf%qEOP+ "
	var formats []string
	for _, c := range convs {
		for _, flag := range []string{"", "-", "_", "0", "^", "#", "-5", "_5", "05", "^8", "#3", "E", "O", "10", "_E", "5O"} {
			formats = append(formats, "%"+flag+string(c))
		}
	}
	formats = append(formats, "%", "%-", "%5", "%E", "plain", "%Y-%m-%dT%H:%M:%S.%f%z", "%%z %%%z %%%%", "héllo %A", "%Y%")
	dts := []Datetime{
		mustDT(2024, 5, 1, 13, 4, 5, 6, UTC, false),
		mustDT(1, 1, 1, 0, 0, 0, 0, UTC, true),
		mustDT(999, 12, 31, 23, 59, 59, 999999, Timezone{offset: -(5*3600 + 1) * usPerSecond}, true),
		mustDT(2023, 1, 1, 12, 0, 0, 0, Timezone{offset: 3600 * usPerSecond, name: "CET", named: true}, true),
		mustDT(2020, 12, 31, 7, 8, 9, 10, UTC, false),
		mustDT(9999, 12, 31, 0, 30, 0, 0, UTC, false),
		mustDT(1970, 1, 1, 0, 0, 0, 0, UTC, false),
		mustDT(2021, 1, 3, 12, 0, 0, 0, Timezone{offset: 1}, true),
	}
	type tc struct {
		DT  string `json:"dt"`
		Fmt string `json:"fmt"`
	}
	var cases []tc
	var got, labels []string
	for _, dt := range dts {
		for _, f := range formats {
			cases = append(cases, tc{dt.repr(), f})
			got = append(got, pyRepr(strftime(f, dt.fields())))
			labels = append(labels, dt.repr()+" "+pyRepr(f))
		}
		// date and time objects take the same path with other fields.
		cases = append(cases, tc{dt.date.repr(), "%c %Y %H %z %Z %f %j"}, tc{dt.clock.repr(), "%c %Y %H %z %Z %f %j %s"})
		got = append(got, pyRepr(strftime("%c %Y %H %z %Z %f %j", dt.date.fields())), pyRepr(strftime("%c %Y %H %z %Z %f %j %s", dt.clock.fields())))
		labels = append(labels, dt.date.repr(), dt.clock.repr())
	}
	want := runPyJSON(t, `import datetime as dtm
print(json.dumps([res(lambda: eval(c["dt"], {"datetime": dtm}).strftime(c["fmt"])) for c in cases]))`, cases)
	compareAll(t, "strftime", labels, got, want)
}

func mustDT(y, m, d, h, mi, s, us int, tz Timezone, aware bool) Datetime {
	dt, err := newDatetime(y, m, d, h, mi, s, us, 0, tz, aware)
	if err != nil {
		panic(err)
	}
	return dt
}

func TestDiffStrptime(t *testing.T) {
	type tc struct {
		S   string `json:"s"`
		Fmt string `json:"fmt"`
	}
	base := []tc{
		{"2024-05-01 10:11:12", "%Y-%m-%d %H:%M:%S"},
		{"Wed May  1 13:04:05 2024", "%c"},
		{"05/01/24", "%x"}, {"13:04:05", "%X"},
		{"2024-05-01T10:11:12.123456+0530", "%Y-%m-%dT%H:%M:%S.%f%z"},
		{"1 jan 99 11pm", "%d %b %y %I%p"},
		{"Monday 2024 01", "%A %Y %W"}, {"sun 2024 00", "%a %Y %U"}, {"2024 53 7", "%G %V %u"},
		{"2024 366", "%Y %j"}, {"12 UTC", "%H %Z"}, {"+01:00:30.5 GMT", "%z %Z"},
		{"2024-05-01", "%Y-%m-%d"}, {"20240501", "%Y%m%d"}, {"5/1/2024 9:05 AM", "%m/%d/%Y %I:%M %p"},
	}
	r := rand.New(rand.NewSource(2))
	cases := append([]tc(nil), base...)
	for len(cases) < 3000 {
		b := base[r.Intn(len(base))]
		switch r.Intn(3) {
		case 0:
			cases = append(cases, tc{mutate(r, b.S, "0123456789 -:+.apmAPMZUTCjanMonday%"), b.Fmt})
		case 1:
			cases = append(cases, tc{b.S, mutate(r, b.Fmt, "%YmdHMSfzZjUWVGuwaAbBpIyxXc -:.")})
		default:
			cases = append(cases, tc{mutate(r, b.S, "0123456789 -:"), mutate(r, b.Fmt, "%YmdHMS -:")})
		}
	}
	want := runPyJSON(t, `print(json.dumps([res(lambda: datetime.strptime(c["s"], c["fmt"])) for c in cases]))`, cases)
	var got, labels []string
	for _, c := range cases {
		dt, err := Strptime(c.S, c.Fmt)
		got = append(got, goRes(dt, err))
		labels = append(labels, pyRepr(c.S)+" "+pyRepr(c.Fmt))
	}
	// CPython reports a repeated directive as re.error; this package as
	// ValueError with the same text minus the position.
	for i := range want {
		if strings.HasPrefix(want[i], "error: redefinition of group name") && strings.HasPrefix(got[i], "ValueError: redefinition of group name") {
			want[i] = got[i]
		}
	}
	compareAll(t, "strptime", labels, got, want)
}

func TestDiffTimedeltaArithmetic(t *testing.T) {
	r := rand.New(rand.NewSource(3))
	var exprs []string
	nums := []string{"0", "1", "-1", "7", "1e-7", "0.5", "1.5", "-2.5", "3.14159", "1e9", "86399.9999995", "-0.0000005", "123456.789", "2**40", "999999999", "1/3"}
	units := []string{"days", "seconds", "microseconds", "milliseconds", "minutes", "hours", "weeks"}
	for len(exprs) < 1500 {
		var parts []string
		for n := r.Intn(3) + 1; n > 0; n-- {
			parts = append(parts, units[r.Intn(len(units))]+"="+nums[r.Intn(len(nums))])
		}
		td := "timedelta(" + strings.Join(dedupKw(parts), ", ") + ")"
		switch r.Intn(6) {
		case 0:
			exprs = append(exprs, td)
		case 1:
			exprs = append(exprs, td+" * "+nums[r.Intn(len(nums))])
		case 2:
			exprs = append(exprs, td+" / "+nums[r.Intn(len(nums))])
		case 3:
			exprs = append(exprs, td+" // "+[]string{"1", "7", "-3", "2**40"}[r.Intn(4)])
		case 4:
			exprs = append(exprs, "str("+td+")")
		default:
			exprs = append(exprs, "datetime(2024, 5, 1, 12, 30) + "+td)
		}
	}
	want := runPyJSON(t, `print(json.dumps([res(lambda: eval(e)) for e in cases]))`, exprs)
	e := newEnv(t)
	var got []string
	for _, x := range exprs {
		got = append(got, e.eval(x))
	}
	compareAll(t, "timedelta", exprs, got, want)
}

func dedupKw(parts []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, p := range parts {
		k := p[:strings.IndexByte(p, '=')]
		if !seen[k] {
			seen[k] = true
			out = append(out, p)
		}
	}
	return out
}

func init() {
	if v := os.Getenv("PYDATETIME_MAX_SHOWN"); v != "" {
		if n, err := strconv.Atoi(v); err == nil {
			maxShown = n
		}
	}
}
