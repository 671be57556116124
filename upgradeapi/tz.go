package upgradeapi

import (
	"fmt"
	"sort"
	"strings"
)

//go:generate sh -c "go run ./internal/gentznames $(go env GOROOT)/lib/time/zoneinfo.zip > tznames_gen.go"

// IsTimezone reports whether name is exactly (case included, as pytz and
// the platform compare) an IANA time zone name.
func IsTimezone(name string) bool {
	i := sort.SearchStrings(tzNames[:], name)
	return i < len(tzNames) && tzNames[i] == name
}

// Timezones returns a copy of the embedded IANA names, sorted.
func Timezones() []string { return append([]string(nil), tzNames[:]...) }

// SuggestTimezones returns up to max IANA names closest to query, best
// first. It scores each name with difflib's similarity ratio against the
// whole name and against its last component (the city), after folding
// case, '_' and '-', because plain ratios against whole names miss short
// queries such as "brus"; exact and substring matches rank above the rest.
func SuggestTimezones(query string, max int) []string {
	q := foldTZ(strings.TrimSpace(query))
	if q == "" || max <= 0 {
		return nil
	}
	type scored struct {
		name  string
		score float64
	}
	var hits []scored
	for _, name := range tzNames {
		full := foldTZ(name)
		city := full
		if i := strings.LastIndexByte(full, '/'); i >= 0 {
			city = full[i+1:]
		}
		r := max2(ratio(full, q), ratio(city, q))
		var s float64
		switch {
		case full == q:
			s = 2
		case city == q:
			s = 1.5
		case strings.Contains(full, q):
			s = 1 + r/10
		default:
			s = r
		}
		if s >= 0.6 {
			hits = append(hits, scored{name, s})
		}
	}
	sort.Slice(hits, func(i, j int) bool {
		if hits[i].score != hits[j].score {
			return hits[i].score > hits[j].score
		}
		return hits[i].name < hits[j].name
	})
	if len(hits) > max {
		hits = hits[:max]
	}
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.name
	}
	return out
}

// TimezoneError is the message the odoo_upgrade CLI prints for a name that
// is not a time zone, with the closest matches when there are some.
func TimezoneError(tz string) error {
	msg := fmt.Sprintf("Timezone '%s' is not a valid value.", tz)
	if m := SuggestTimezones(tz, 5); len(m) > 0 {
		quoted := make([]string, len(m))
		for i, n := range m {
			quoted[i] = "'" + n + "'"
		}
		msg += " Here is a list of closest matches:\n" + strings.Join(quoted, ", ")
	}
	return usageErr(fmt.Errorf("--timezone: %s", msg))
}

func foldTZ(s string) string {
	return strings.NewReplacer("_", " ", "-", " ").Replace(strings.ToLower(s))
}

func max2(a, b float64) float64 {
	if a > b {
		return a
	}
	return b
}

// ratio is Python's difflib.SequenceMatcher(None, a, b).ratio() for short
// strings (no junk, no autojunk, which only starts at 200 characters):
// 2*M/T where M counts the characters of the matching blocks found by
// taking the longest common block and recursing on both sides of it.
func ratio(a, b string) float64 {
	t := len(a) + len(b)
	if t == 0 {
		return 1
	}
	return 2 * float64(matched(a, b)) / float64(t)
}

func matched(a, b string) int {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	i, j, k := longestBlock(a, b)
	if k == 0 {
		return 0
	}
	return k + matched(a[:i], b[:j]) + matched(a[i+k:], b[j+k:])
}

// longestBlock finds the longest common substring a[i:i+k] == b[j:j+k],
// the one starting earliest in a and then earliest in b on ties, as
// difflib's find_longest_match does.
func longestBlock(a, b string) (bi, bj, bk int) {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := 0; i < len(a); i++ {
		for j := 0; j < len(b); j++ {
			if a[i] == b[j] {
				cur[j+1] = prev[j] + 1
				if k := cur[j+1]; k > bk {
					bi, bj, bk = i-k+1, j-k+1, k
				}
			} else {
				cur[j+1] = 0
			}
		}
		prev, cur = cur, prev
	}
	return bi, bj, bk
}
