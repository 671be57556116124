package order

import (
	"strings"
	"testing"
)

// Every compare() vector of the reference §5.4, for the 17.0 and 16.0 rules.
func TestGateVectors(t *testing.T) {
	type row struct {
		series, installed, target string
		runs                      map[string]bool
	}
	rows := []row{
		{"17.0", "17.0.1.0", "17.0.1.2", map[string]bool{"1.1": true, "1.2": true, "1.3": false, "17.0.1.1": true, "17.0.1.2": true, "0.0.0": true, "16.0.1.1": false, "1.1.5": true}},
		{"17.0", "16.0.1.0", "17.0.1.0", map[string]bool{"1.0": false, "1.1": false, "16.0.1.1": true, "17.0.1.0": true, "0.0.0": true, "17.0.0.9": true}},
		{"17.0", "16.0.1.0", "17.0.1.2", map[string]bool{"1.0": false, "1.1": true, "1.2": true, "16.0.1.1": true, "17.0.1.1": true, "0.0.0": true}},
		{"17.0", "17.0.1.2", "17.0.1.2", map[string]bool{"1.1": false, "1.2": false, "17.0.1.2": false, "0.0.0": false, "1.3": false}},
		{"17.0", "", "17.0.1.2", map[string]bool{"1.0": true, "0.0.0": true, "17.0.1.0": true}},
		{"16.0", "16.0.3.6.0", "16.0.3.7.0", map[string]bool{"3.7.0": false, "16.0.3.7.0": true, "3.7": true}},
	}
	for _, r := range rows {
		g := NewGate(mustSeries(t, r.series), r.installed, r.target)
		for folder, want := range r.runs {
			got, why := g.Runs(folder)
			if got != want {
				t.Errorf("series %s installed %q target %s folder %s: runs=%v, want %v (%s)", r.series, r.installed, r.target, folder, got, want, why)
			}
			if !got && why == "" {
				t.Errorf("folder %s: no reason given", folder)
			}
		}
	}
}

func TestGateReasons(t *testing.T) {
	g := NewGate(mustSeries(t, "17.0"), "17.0.1.0", "17.0.1.2")
	tests := map[string]string{
		"17.0.1.0": "folder 17.0.1.0 ≤ installed 17.0.1.0",
		"1.0":      "folder 1.0 ≤ installed 17.0.1.0 (module-only folder",
		"1.3":      "folder 1.3 above target 17.0.1.2",
		"17.0.2.0": "folder 17.0.2.0 above target 17.0.1.2",
	}
	for folder, want := range tests {
		_, why := g.Runs(folder)
		if !strings.HasPrefix(why, want) {
			t.Errorf("folder %s: reason %q, want prefix %q", folder, why, want)
		}
	}
	same := NewGate(mustSeries(t, "17.0"), "17.0.1.2", "17.0.1.2")
	if _, why := same.Runs("0.0.0"); !strings.Contains(why, "only when the version increases") {
		t.Errorf("0.0.0 reason: %q", why)
	}
}

func TestSortFolders(t *testing.T) {
	s := mustSeries(t, "17.0")
	// The reference's sort-key example, in insertion order.
	in := []string{"0.0.0", "16.0.1.5", "1.0.0", "1.2", "1.2.0", "17.0.1.3", "1.10", "1.2"}
	pre := SortFolders(s, Pre, in)
	wantPre := []string{"0.0.0", "16.0.1.5", "1.0.0", "1.2", "1.2.0", "17.0.1.3", "1.10"}
	if strings.Join(pre, " ") != strings.Join(wantPre, " ") {
		t.Errorf("pre: %v, want %v", pre, wantPre)
	}
	post := SortFolders(s, Post, in)
	wantPost := append(append([]string{}, wantPre[1:]...), "0.0.0")
	if strings.Join(post, " ") != strings.Join(wantPost, " ") {
		t.Errorf("post: %v, want %v", post, wantPost)
	}
	if end := SortFolders(s, End, in); strings.Join(end, " ") != strings.Join(wantPost, " ") {
		t.Errorf("end: %v", end)
	}
	// Equal keys keep insertion order: 17.0.1.2 seen before 1.2 stays first.
	tie := SortFolders(s, Post, []string{"17.0.1.2", "1.2", "1.2.0"})
	if strings.Join(tie, " ") != "17.0.1.2 1.2 1.2.0" {
		t.Errorf("tie order: %v", tie)
	}
}
