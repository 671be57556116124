package conformance

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"maps"
	"strings"
	"testing"
)

// parseExpectedFailures reads the expected-failures list: one
// "NNN_name: reason" a line, blank lines and whole-line # comments
// ignored. A reason may contain anything, '#' and ':' included, so that
// it can quote the behaviour it describes. It returns the reasons by
// program name and refuses a line without a name or a reason, and a
// program listed twice, naming the line.
func parseExpectedFailures(r io.Reader) (map[string]string, error) {
	reasons := map[string]string{}
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, reason, ok := strings.Cut(line, ":")
		name, reason = strings.TrimSpace(name), strings.TrimSpace(reason)
		switch {
		case !ok:
			return nil, fmt.Errorf("line %d: %q: want \"NNN_name: reason\"", n, line)
		case !validName(name):
			return nil, fmt.Errorf("line %d: %q is not a program name", n, name)
		case reason == "":
			return nil, fmt.Errorf("line %d: %s has no reason", n, name)
		}
		if _, dup := reasons[name]; dup {
			return nil, fmt.Errorf("line %d: %s is listed twice", n, name)
		}
		reasons[name] = reason
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return reasons, nil
}

// validName accepts what a program's file stem may be made of: ASCII
// letters, digits, '_', '-' and '.'.
func validName(name string) bool {
	if name == "" {
		return false
	}
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-' || r == '.') {
			return false
		}
	}
	return true
}

func TestParseExpectedFailures(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     map[string]string
		err      string
	}{
		{"empty", "", map[string]string{}, ""},
		{"comments and blanks", "# header\n\n   # indented comment\n", map[string]string{}, ""},
		{"one entry", "142_dict_int_keys: gpython dicts take str keys only\n",
			map[string]string{"142_dict_int_keys": "gpython dicts take str keys only"}, ""},
		{"reason keeps colons and hashes", "001_x: prints 'a: b' # not a comment",
			map[string]string{"001_x": "prints 'a: b' # not a comment"}, ""},
		{"spaces trimmed, CRLF", "  002_y :  why  \r\n", map[string]string{"002_y": "why"}, ""},
		{"no colon", "003_z no reason", nil, "line 1"},
		{"empty reason", "# c\n004_w:   \n", nil, "line 2: 004_w has no reason"},
		{"empty name", ": reason", nil, "is not a program name"},
		{"name with space", "005 a: reason", nil, "is not a program name"},
		{"control character in name", "0\r0: reason", nil, "is not a program name"},
		{"slash in name", "a/b: reason", nil, "is not a program name"},
		{"duplicate", "006_a: one\n006_a: two\n", nil, "line 2: 006_a is listed twice"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parseExpectedFailures(strings.NewReader(tc.in))
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want one containing %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !maps.Equal(got, tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
		})
	}
}

// FuzzParseExpectedFailures checks that the parser never panics and that
// whatever it accepts has a usable name and a reason.
func FuzzParseExpectedFailures(f *testing.F) {
	for _, s := range []string{"", "# c\n", "001_a: r\n", "x:\n", ":y", "a: b: c\n# d\n\n", "a:b\na:c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got, err := parseExpectedFailures(strings.NewReader(in))
		if err != nil {
			return
		}
		for name, reason := range got {
			if !validName(name) || strings.ContainsAny(name, " \t\r\n/\\:#") {
				t.Fatalf("accepted bad name %q", name)
			}
			if strings.TrimSpace(reason) == "" || reason != strings.TrimSpace(reason) {
				t.Fatalf("accepted bad reason %q for %s", reason, name)
			}
		}
	})
}

func TestFirstDifference(t *testing.T) {
	for _, tc := range []struct {
		name, want, got string
		line            int
		w, g            string
		differ          bool
	}{
		{"equal", "a\nb\n", "a\nb\n", 0, "", "", false},
		{"both empty", "", "", 0, "", "", false},
		{"second line", "a\nb\n", "a\nc\n", 2, `"b\n"`, `"c\n"`, true},
		{"got shorter", "a\nb\n", "a\n", 2, `"b\n"`, "<end of output>", true},
		{"got longer", "a\n", "a\nextra\n", 2, "<end of output>", `"extra\n"`, true},
		{"nothing printed", "a\n", "", 1, `"a\n"`, "<end of output>", true},
		{"missing final newline", "a\n", "a", 1, `"a\n"`, `"a"`, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			line, w, g, differ := firstDifference([]byte(tc.want), []byte(tc.got))
			if line != tc.line || w != tc.w || g != tc.g || differ != tc.differ {
				t.Fatalf("got (%d, %s, %s, %v), want (%d, %s, %s, %v)", line, w, g, differ, tc.line, tc.w, tc.g, tc.differ)
			}
		})
	}
}

func TestCompare(t *testing.T) {
	if d := compare([]byte("x\n"), []byte("x\n"), nil); d != "" {
		t.Fatalf("equal output and no error: got %q", d)
	}
	d := compare([]byte("x\n"), []byte("x\n"), errors.New("Traceback (most recent call last):\n  File \"p.py\", line 1, in <module>\n    f()\nValueError: boom"))
	if !strings.Contains(d, "ValueError: boom") || strings.Contains(d, "Traceback") || strings.Contains(d, "first difference") {
		t.Fatalf("an error with equal output must quote the traceback's tail only:\n%s", d)
	}
	d = compare([]byte("x\n"), []byte("y\n"), nil)
	if !strings.Contains(d, "line 1") || !strings.Contains(d, `"y\n"`) {
		t.Fatalf("differing output must name the line:\n%s", d)
	}
}
