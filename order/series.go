package order

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/Masterminds/semver/v3"
)

// Series is an Odoo major release as release.major_version spells it:
// "17.0", "16.0", or a SaaS build such as "saas~17.2". It selects which of
// Odoo's rules apply to folder names and manifest versions.
type Series struct {
	name         string
	major, minor int
	modern       bool      // computed once: rules are asked per folder
	keys         *sync.Map // folder name -> Version; the same names recur in every module
}

var seriesRE = regexp.MustCompile(`^(saas~)?([0-9]{1,4})\.([0-9]{1,4})$`)

var (
	// Odoo's rules changed with PR #118420, first shipped in saas~16.3 and
	// in every release from 17.0 on: VERSION_RE validation, "more than two
	// dots" in convert_version, and strict adapt_version/check_version.
	newRules = mustConstraint(">= 16.3")
	// Before 13.0 Odoo sorted scripts by relative path and had other
	// sources; the rules here are not those, so refuse rather than lie.
	supported = mustConstraint(">= 13.0")
)

func mustConstraint(c string) *semver.Constraints {
	cs, err := semver.NewConstraint(c)
	if err != nil {
		panic(err)
	}
	return cs
}

// ParseSeries accepts "17.0" or "saas~17.2" and rejects anything else with
// an error naming the value.
func ParseSeries(s string) (Series, error) {
	m := seriesRE.FindStringSubmatch(s)
	if m == nil {
		return Series{}, fmt.Errorf("series %q: want MAJOR.MINOR such as 17.0 or saas~17.2", s)
	}
	major, _ := strconv.Atoi(m[2])
	minor, _ := strconv.Atoi(m[3])
	if m[1] == "" && minor != 0 {
		return Series{}, fmt.Errorf("series %q: a major release ends in .0 (SaaS releases are written saas~%d.%d)", s, major, minor)
	}
	ser := Series{name: s, major: major, minor: minor}
	if !supported.Check(ser.semver()) {
		return Series{}, fmt.Errorf("series %q: migrate-runner follows Odoo 13.0 and later", s)
	}
	ser.modern = newRules.Check(ser.semver())
	ser.keys = new(sync.Map)
	return ser, nil
}

func (s Series) semver() *semver.Version {
	return semver.New(uint64(s.major), uint64(s.minor), 0, "", "")
}

// String returns the series as written, e.g. "17.0".
func (s Series) String() string { return s.name }

// IsZero reports whether s was never set.
func (s Series) IsZero() bool { return s.name == "" }

// Modern reports whether Odoo's 17.0-era rules apply (saas~16.3 and later).
func (s Series) Modern() bool { return s.modern }

// ConvertVersion turns a folder name into a full version, as Odoo's
// convert_version: on modern series a name is already full when it has more
// than two dots, before that when it has two or more. "0.0.0" stays as is.
func (s Series) ConvertVersion(folder string) string {
	if !s.Majorless(folder) {
		return folder
	}
	return s.name + "." + folder
}

// FolderKey is the sort and comparison key of a version folder:
// parse_version(convert_version(name)). Keys are memoised per series and
// shared, so callers must not modify them.
func (s Series) FolderKey(name string) Version {
	if s.keys == nil {
		return ParseVersion(s.ConvertVersion(name))
	}
	if v, ok := s.keys.Load(name); ok {
		return v.(Version)
	}
	v := ParseVersion(s.ConvertVersion(name))
	s.keys.Store(name, v)
	return v
}

// Majorless reports whether a folder holds a module-only version (convert
// adds the series), which compare() judges without the series part.
func (s Series) Majorless(folder string) bool {
	dots := strings.Count(folder, ".")
	if s.Modern() {
		return folder != "0.0.0" && dots <= 2
	}
	return dots < 2
}

// ValidFolder reports whether a version folder name passes Odoo's
// VERSION_RE (17.0+):
//
//	^((6\.1|[6-9]\.0|[1-9]\d+\.0|(7|8|9|10)\.saas~[1-9]\d*|saas~(1[1-9]|[2-9]\d+)\.[1-9])\.)?\d+\.\d+(\.\d+)?$
//
// with \d ASCII (re.ASCII) and Python's $, which also matches before a
// final newline. It is hand-written because it runs once per folder on
// trees of thousands of modules; the tests check it against the regexp.
func ValidFolder(name string) bool {
	name = strings.TrimSuffix(name, "\n")
	if numericTail(name) {
		return true
	}
	for i := 0; i < len(name); i++ { // every dot may end the series prefix
		if name[i] == '.' && seriesPrefix(name[:i]) && numericTail(name[i+1:]) {
			return true
		}
	}
	return false
}

// numericTail matches \d+\.\d+(\.\d+)?
func numericTail(s string) bool {
	parts := 0
	for {
		p, rest, more := strings.Cut(s, ".")
		if !digits(p) {
			return false
		}
		parts++
		if !more {
			return parts == 2 || parts == 3
		}
		s = rest
	}
}

// seriesPrefix matches VERSION_RE's optional Odoo-version prefix.
func seriesPrefix(p string) bool {
	if p == "6.1" {
		return true
	}
	if a, ok := strings.CutSuffix(p, ".0"); ok && digits(a) && (len(a) == 1 && a[0] >= '6' || len(a) > 1 && a[0] != '0') {
		return true // x.0 with x >= 6
	}
	if b, c, ok := strings.Cut(p, ".saas~"); ok {
		return (b == "7" || b == "8" || b == "9" || b == "10") && digits(c) && c[0] != '0'
	}
	if rest, ok := strings.CutPrefix(p, "saas~"); ok {
		e, f, ok := strings.Cut(rest, ".")
		major := len(e) == 2 && e[0] == '1' && e[1] != '0' || len(e) >= 2 && e[0] >= '2'
		return ok && digits(e) && major && len(f) == 1 && f[0] >= '1' && f[0] <= '9'
	}
	return false
}

// digits reports a non-empty run of ASCII digits.
func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// AdaptVersion normalises a manifest version to a full version, as Odoo's
// adapt_version. On modern series it fails for versions that do not have two
// to five parts or whose last three parts are not integers; the caller then
// treats an installable module as having an invalid manifest.
func (s Series) AdaptVersion(v string) (string, error) {
	if !s.Modern() {
		if v == s.name || !strings.HasPrefix(v, s.name+".") {
			return s.name + "." + v, nil
		}
		return v, nil
	}
	parts := strings.Split(v, ".")
	if len(parts) < 2 || len(parts) > 5 {
		return "", fmt.Errorf("invalid version %q, must have between 2 and 5 parts", v)
	}
	// 17.0 and 18.0 check only the last three parts and prefix any version
	// that does not start with the series; 19.0 checks every part (after
	// stripping "saas~" from the series part) and prefixes only short ones.
	checked, prefixShortOnly := parts[max(0, len(parts)-3):], false
	if s.major >= 19 {
		checked, prefixShortOnly = append([]string(nil), parts...), true
		if strings.HasPrefix(v, s.name) && !allDigits(checked[0]) {
			checked[0] = strings.Map(func(r rune) rune {
				if unicode.IsDigit(r) {
					return r
				}
				return -1
			}, checked[0])
		}
	}
	for _, p := range checked {
		if !pyInt(p) {
			return "", fmt.Errorf("invalid version %q: %q is not an integer", v, p)
		}
	}
	// Odoo tests the prefix without the dot here; check_version adds it.
	if !strings.HasPrefix(v, s.name) && (!prefixShortOnly || len(parts) <= 3) {
		return s.name + "." + v, nil
	}
	return v, nil
}

func allDigits(s string) bool {
	for _, r := range s {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return s != ""
}

// CheckVersion reports whether an adapted manifest version belongs to the
// series (Odoo's check_version). Odoo sets installable=False when it does
// not; on 17.0 and 18.0 a version that adapts twice into more than five
// parts makes Odoo raise instead, which equally keeps the module out.
// Before the modern rules there was no such check.
func (s Series) CheckVersion(adapted string) bool {
	if !s.Modern() {
		return true
	}
	a, err := s.AdaptVersion(adapted)
	return err == nil && strings.HasPrefix(a, s.name+".")
}

// pyInt reports whether Python's int(p) accepts p: optional surrounding
// whitespace, an optional sign, decimal digits (any script) with single
// underscores between them.
func pyInt(p string) bool {
	p = strings.TrimFunc(p, unicode.IsSpace)
	if p != "" && (p[0] == '+' || p[0] == '-') {
		p = p[1:]
	}
	if p == "" {
		return false
	}
	prevDigit := false
	for _, r := range p {
		switch {
		case unicode.IsDigit(r):
			prevDigit = true
		case r == '_' && prevDigit:
			prevDigit = false
		default:
			return false
		}
	}
	return prevDigit
}

// SeriesOf returns the series a full manifest version names ("17.0.1.2"
// gives "17.0", "saas~17.2.1.0" gives "saas~17.2"), and false for versions
// that are not full (fewer than four parts).
func SeriesOf(version string) (string, bool) {
	parts := strings.Split(version, ".")
	if len(parts) < 4 {
		return "", false
	}
	s := parts[0] + "." + parts[1]
	if !seriesRE.MatchString(s) {
		return "", false
	}
	return s, true
}

// Major is a series' major version: 17 for "17.0" and "saas~17.2", 0 when
// the series is empty or does not start with a number of at most 4 digits.
func Major(series string) int {
	series = strings.TrimPrefix(series, "saas~")
	n := 0
	for i, c := range series {
		if c < '0' || c > '9' {
			break
		}
		if i == 4 {
			return 0
		}
		n = n*10 + int(c-'0')
	}
	return n
}
