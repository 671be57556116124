package odoolib

import "github.com/migrate-runner/migrate-runner/sqlexec"

// Iterate is Python's `for x in v` over a helper argument: a tuple's or
// list's items (a set arrives from the hosts as a list), a dict's keys, a
// str's characters; anything else is the TypeError Python raises.
func Iterate(v sqlexec.Value) ([]sqlexec.Value, error) {
	switch v.Kind {
	case sqlexec.Tuple, sqlexec.List:
		return v.Items, nil
	case sqlexec.Dict:
		keys := make([]sqlexec.Value, len(v.Keys))
		for i, k := range v.Keys {
			keys[i] = sqlexec.StrValue(k)
		}
		return keys, nil
	case sqlexec.Str:
		var out []sqlexec.Value
		for _, r := range v.Text {
			out = append(out, sqlexec.StrValue(string(r)))
		}
		return out, nil
	}
	return nil, PyErr("TypeError", "'%s' object is not iterable", sqlexec.TypeName(v))
}

// Unpack is `a, b, … = v` with n targets, with Python's errors.
func Unpack(v sqlexec.Value, n int) ([]sqlexec.Value, error) {
	switch v.Kind {
	case sqlexec.Tuple, sqlexec.List, sqlexec.Dict, sqlexec.Str:
	default:
		return nil, PyErr("TypeError", "cannot unpack non-iterable %s object", sqlexec.TypeName(v))
	}
	items, _ := Iterate(v)
	if len(items) > n {
		return nil, PyErr("ValueError", "too many values to unpack (expected %d)", n)
	}
	if len(items) < n {
		return nil, PyErr("ValueError", "not enough values to unpack (expected %d, got %d)", n, len(items))
	}
	return items, nil
}
