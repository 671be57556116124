package refactor

import (
	"slices"
	"strings"

	"github.com/migrate-runner/migrate-runner/internal/pyre"
	"github.com/migrate-runner/migrate-runner/sqlexec"
)

// Field paths ("order_id.partner_id.name") resolved through
// ir_model_fields, as upgrade-util's resolve_model_fields_path and the
// path helpers of its domains module do. A model "" stands for Python's
// None (an unresolvable model).

// pathPart is one resolved field of a path; relation is "" for a
// non-relational field.
type pathPart struct{ model, name, relation string }

// resolvePath follows path from model; the result stops at the first
// missing field or after the first non-relational one.
func (r runner) resolvePath(model string, path []string) ([]pathPart, error) {
	var out []pathPart
	for _, name := range path {
		rows, err := r.rows(`SELECT relation FROM ir_model_fields WHERE model = %s AND name = %s`, str(model), str(name))
		if err != nil {
			return nil, err
		}
		if len(rows) == 0 {
			break
		}
		rel := text(rows[0][0])
		out = append(out, pathPart{model: model, name: name, relation: rel})
		if rel == "" {
			break
		}
		model = rel
	}
	return out, nil
}

// modelOfPath is the model path leads to from model ("" when it does not
// resolve to a relational field).
func (r runner) modelOfPath(model string, path []string) (string, error) {
	if len(path) == 0 {
		return model, nil
	}
	parts, err := r.resolvePath(model, path)
	if err != nil || len(parts) != len(path) {
		return "", err
	}
	return parts[len(parts)-1].relation, nil
}

// validPathTo tells whether path leads from from to to.
func (r runner) validPathTo(path []string, from, to string) (bool, error) {
	m, err := r.modelOfPath(from, path)
	return m != "" && m == to, err
}

// replacePath replaces old by new in the dotted path pathStr (starting
// from src) wherever old is a field of dst, scanning from the end as
// upstream's _replace_path does.
func (r runner) replacePath(old, new, src, dst, pathStr string) (string, error) {
	dotOld, dotNew := strings.Split(old, "."), strings.Split(new, ".")
	path := strings.Split(pathStr, ".")
	for idx := len(path) - len(dotOld); idx >= 0; idx-- {
		if !slices.Equal(path[idx:idx+len(dotOld)], dotOld) {
			continue
		}
		ok, err := r.validPathTo(path[:idx], src, dst)
		if err != nil {
			return "", err
		}
		if ok {
			rest := append([]string{}, path[idx+len(dotOld):]...)
			path = append(append(append([]string{}, path[:idx]...), dotNew...), rest...)
		}
	}
	return strings.Join(path, "."), nil
}

// pathHasField tells whether old (a dotted name) appears in path at a
// place reached from model that belongs to target: at the end only, or
// anywhere with force (adapt_domains' force_adapt).
func (r runner) pathHasField(path, dotOld []string, model, target string, force bool) (bool, error) {
	limit := len(path) - len(dotOld)
	if limit < 0 {
		return false, nil
	}
	from := limit
	if force {
		from = 0
	}
	for i := from; i <= limit; i++ {
		if !slices.Equal(path[i:i+len(dotOld)], dotOld) {
			continue
		}
		ok, err := r.validPathTo(path[:i], model, target)
		if err != nil || ok {
			return ok, err
		}
	}
	return false, nil
}

// pgRegexpWord is upstream's r"\y{}\y".format(re.escape(name)): a
// PostgreSQL regexp matching name as a whole word.
func pgRegexpWord(name string) string { return `\y` + pyre.Escape(name) + `\y` }

var none = sqlexec.NoneValue()
