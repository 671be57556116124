package refactor

import (
	"strings"

	"github.com/migrate-runner/migrate-runner/odoolib"
	"github.com/migrate-runner/migrate-runner/pyliteral"
)

// The context of a saved filter (ir_filters.context) is a Python dict
// literal. remove_field evaluates it, drops the removed field from its
// group-by, pivot and graph keys and writes str(dict) back, as upstream's
// _remove_field_from_context does — quirks included: a str value is
// iterated character by character, and a tuple becomes a list.

var contextKeysToClean = []string{
	"group_by", "pivot_measures", "pivot_column_groupby", "pivot_row_groupby", "graph_groupbys", "orderedBy",
}

func noneNode() *node { return &node{Kind: pyliteral.None} }

// dictGet returns the dict's value for a str key (the last occurrence).
func dictGet(d *node, key string) *node { return d.Lookup(key) }

// dictSet sets a str key, in place when present (the last occurrence,
// the one Python keeps), appended otherwise.
func dictSet(d *node, key string, v *node) {
	for i := len(d.Keys) - 1; i >= 0; i-- {
		if k := d.Keys[i]; k != nil && k.Kind == pyliteral.Str && k.Str == key {
			d.Items[i] = v
			return
		}
	}
	d.Keys = append(d.Keys, strNode(key))
	d.Items = append(d.Items, v)
}

// iterate is Python's iteration over a value, for `for e in value`.
func iterate(v *node) ([]*node, error) {
	switch v.Kind {
	case pyliteral.List, pyliteral.Tuple, pyliteral.Set:
		return v.Items, nil
	case pyliteral.Dict:
		return v.Keys, nil
	case pyliteral.Str:
		var out []*node
		for _, c := range v.Str {
			out = append(out, strNode(string(c)))
		}
		return out, nil
	}
	return nil, odoolib.PyErr("TypeError", "'%s' object is not iterable", v.Kind.String())
}

// filterValue returns value, or None when it names field ("field" or
// "field:granularity"); an orderedBy dict has its "name" filtered.
func filterValue(key string, value *node, field string) *node {
	if key == "orderedBy" && value.Kind == pyliteral.Dict {
		res := &node{Kind: pyliteral.Dict}
		for i, k := range value.Keys {
			v := value.Items[i]
			if k.Kind == pyliteral.Str && k.Str == "name" {
				v = filterValue("", v, field)
			}
			res.Keys = append(res.Keys, k)
			res.Items = append(res.Items, v)
		}
		if n := res.Lookup("name"); n != nil && n.Kind == pyliteral.None {
			return noneNode()
		}
		return res
	}
	if value.Kind != pyliteral.Str {
		return value
	}
	if strings.SplitN(value.Str, ":", 2)[0] != field {
		return value
	}
	return noneNode()
}

// removeFieldFromContext edits ctx in place and reports a change.
func removeFieldFromContext(ctx *node, field string) (bool, error) {
	if ctx == nil || ctx.Kind != pyliteral.Dict {
		return false, nil
	}
	changed := false
	for _, key := range contextKeysToClean {
		v := dictGet(ctx, key)
		if !v.Truthy() {
			continue
		}
		items, err := iterate(v)
		if err != nil {
			return false, err
		}
		part := make([]*node, len(items))
		var kept []*node
		for i, e := range items {
			part[i] = filterValue(key, e, field)
			if part[i].Kind != pyliteral.None {
				kept = append(kept, part[i])
			}
		}
		changed = changed || !pyEqual(listNode(part...), v)
		dictSet(ctx, key, listNode(kept...))
	}
	for _, vt := range []string{"pivot", "graph", "cohort"} {
		key := vt + "_measure"
		if v := dictGet(ctx, key); v != nil {
			nv := filterValue(key, v, field)
			changed = changed || !pyEqual(v, nv)
			if nv.Kind == pyliteral.None {
				nv = strNode("id")
			}
			dictSet(ctx, key, nv)
		}
		if sub := dictGet(ctx, vt); sub != nil {
			c, err := removeFieldFromContext(sub, field)
			if err != nil {
				return false, err
			}
			changed = changed || c
		}
	}
	return changed, nil
}
