package order

import "sort"

// Stage is one of Odoo's migration stages.
type Stage string

const (
	Pre  Stage = "pre"
	Post Stage = "post"
	End  Stage = "end"
)

// Stages lists the stages in the order Odoo runs a module's scripts.
var Stages = []Stage{Pre, Post, End}

// SortFolders returns the distinct folder names in the order Odoo's
// _get_migration_versions runs them for stage: by parse_version of the full
// version, equal keys keeping their first-seen order, with "0.0.0" first in
// pre and last in post and end. names must be given in insertion order
// (source order, then byte order within one directory), which makes ties
// deterministic where Odoo's own order depends on listdir.
func SortFolders(s Series, stage Stage, names []string) []string {
	type keyed struct {
		name string
		key  Version
	}
	list := make([]keyed, 0, len(names))
	zero := false
	// Modules have a handful of versions: a scan beats a map, which only
	// large (or hostile) trees need.
	var index map[string]bool
	if len(names) > 32 {
		index = make(map[string]bool, len(names))
	}
	seen := func(n string) bool {
		if index != nil {
			if index[n] {
				return true
			}
			index[n] = true
			return false
		}
		for _, k := range list {
			if k.name == n {
				return true
			}
		}
		return false
	}
	for _, n := range names {
		switch {
		case n == "0.0.0":
			zero = true
		case !seen(n):
			list = append(list, keyed{n, s.FolderKey(n)})
		}
	}
	sort.SliceStable(list, func(i, j int) bool { return list[i].key.Less(list[j].key) })
	out := make([]string, 0, len(list)+1)
	if zero && stage == Pre {
		out = append(out, "0.0.0")
	}
	for _, k := range list {
		out = append(out, k.name)
	}
	if zero && stage != Pre {
		out = append(out, "0.0.0")
	}
	return out
}
