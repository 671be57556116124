package catalog

import (
	"cmp"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/migrate-runner/migrate-runner/trace/schema"
)

// Type OIDs the engine gives its values.
const (
	oidUnknown  = 705
	oidBool     = 16
	oidChar     = 18
	oidName     = 19
	oidInt8     = 20
	oidInt2     = 21
	oidInt2Vec  = 22
	oidInt4     = 23
	oidText     = 25
	oidOID      = 26
	oidFloat4   = 700
	oidFloat8   = 701
	oidVarchar  = 1043
	oidNumeric  = 1700
	oidRegclass = 2205
	oidRegtype  = 2206
	oidInt2Arr  = 1005
	oidTextArr  = 1009
)

// Values inside the engine: nil (NULL), bool, int64, float64, string,
// []any (arrays), regclass (an OID that prints as a relation name),
// regtype and int2vector.
type (
	regclass   int64
	regtype    int64
	int2vector []any
)

// relation is a FROM item's rows.
type relation struct {
	cols  []string
	types []uint32
	rows  [][]any
	// unknown is a relation the schema does not have: empty, and any
	// column name reads NULL from it (the trace does not raise).
	unknown bool
}

// binding is one FROM item in a query's scope.
type binding struct {
	alias string
	rel   *relation
}

// frame is the evaluation context of one row: the bindings' current
// values, the enclosing query's frame, and for an aggregate the frames
// of the group.
type frame struct {
	binds []binding
	vals  [][]any
	outer *frame
	group []*frame
	// Output columns, for ORDER BY by name or ordinal.
	outNames []string
	outVals  []any
}

// engine evaluates one query against a schema.
type engine struct {
	s    *schema.Schema
	rels map[string]*relation // built catalog relations, by name
	db   string
}

type evalError struct{ msg string }

func (e *evalError) Error() string { return e.msg }

func errorf(format string, args ...any) error { return &evalError{fmt.Sprintf(format, args...)} }

// result is a query's output.
type result struct {
	names []string
	types []uint32
	rows  [][]any
}

func (e *engine) run(s *selectStmt, outer *frame) (*result, error) {
	res, keys, err := e.simple(s, outer, s.orderBy)
	if err != nil {
		return nil, err
	}
	for _, u := range s.union {
		r, _, err := e.simple(u.sel, outer, nil)
		if err != nil {
			return nil, err
		}
		if len(r.names) != len(res.names) {
			return nil, errorf("each UNION query must have the same number of columns")
		}
		res.rows = append(res.rows, r.rows...)
		if !u.all {
			res.rows = distinctRows(res.rows)
		}
	}
	if len(s.union) > 0 && len(s.orderBy) > 0 {
		// ORDER BY after a UNION names output columns.
		keys = make([][]any, len(res.rows))
		for i, row := range res.rows {
			for _, o := range s.orderBy {
				v, err := outputRef(o.e, res.names, row)
				if err != nil {
					return nil, err
				}
				keys[i] = append(keys[i], v)
			}
		}
	}
	if len(s.orderBy) > 0 {
		sortRows(res.rows, keys, s.orderBy)
	}
	if s.offset != nil {
		n, err := e.intOf(s.offset, outer)
		if err != nil {
			return nil, err
		}
		res.rows = res.rows[min(int(max(n, 0)), len(res.rows)):]
	}
	if s.limit != nil {
		n, err := e.intOf(s.limit, outer)
		if err != nil {
			return nil, err
		}
		res.rows = res.rows[:min(int(max(n, 0)), len(res.rows))]
	}
	return res, nil
}

func (e *engine) intOf(x expr, outer *frame) (int64, error) {
	v, err := e.eval(x, &frame{outer: outer})
	if err != nil {
		return 0, err
	}
	n, ok := toInt(v)
	if !ok {
		return 0, errorf("LIMIT/OFFSET must be an integer")
	}
	return n, nil
}

// outputRef resolves an ORDER BY item against output columns.
func outputRef(x expr, names []string, row []any) (any, error) {
	switch x := x.(type) {
	case lit:
		if n, ok := x.v.(int64); ok && n >= 1 && int(n) <= len(row) {
			return row[n-1], nil
		}
	case colRef:
		if x.qual == "" {
			for i, n := range names {
				if n == x.name {
					return row[i], nil
				}
			}
		}
	}
	return nil, errorf("ORDER BY after UNION must name an output column")
}

func distinctRows(rows [][]any) [][]any {
	seen := map[string]bool{}
	out := rows[:0:0]
	for _, r := range rows {
		k := fmt.Sprintf("%#v", r)
		if !seen[k] {
			seen[k] = true
			out = append(out, r)
		}
	}
	return out
}

// simple evaluates one SELECT without UNION, LIMIT or the final sort,
// returning the rows and, for orderBy, each row's sort keys.
func (e *engine) simple(s *selectStmt, outer *frame, orderBy []orderItem) (*result, [][]any, error) {
	binds := make([]binding, len(s.from))
	for i, f := range s.from {
		rel, err := e.fromRelation(f, outer)
		if err != nil {
			return nil, nil, err
		}
		if len(f.colAlias) > 0 {
			if len(f.colAlias) > len(rel.cols) {
				return nil, nil, errorf("table %q has %d columns available but %d columns specified", f.alias, len(rel.cols), len(f.colAlias))
			}
			cp := *rel
			cp.cols = append(append([]string(nil), f.colAlias...), rel.cols[len(f.colAlias):]...)
			rel = &cp
		}
		binds[i] = binding{alias: f.alias, rel: rel}
	}
	rows, err := e.join(s, binds, outer)
	if err != nil {
		return nil, nil, err
	}
	items, err := expandStars(s.items, binds)
	if err != nil {
		return nil, nil, err
	}
	res := &result{}
	for _, it := range items {
		res.names = append(res.names, itemName(it))
		res.types = append(res.types, e.typeOf(it.e, binds))
	}
	// Frames to project: one per row, or one per group.
	var frames []*frame
	grouped := len(s.groupBy) > 0 || s.having != nil || hasAggregate(items, orderBy)
	if grouped {
		if frames, err = e.groups(s, items, binds, rows, outer); err != nil {
			return nil, nil, err
		}
	} else {
		for _, vals := range rows {
			frames = append(frames, &frame{binds: binds, vals: vals, outer: outer})
		}
	}
	var keys [][]any
	for _, f := range frames {
		if s.having != nil {
			ok, err := e.truth(s.having, f)
			if err != nil {
				return nil, nil, err
			}
			if !ok {
				continue
			}
		}
		out := make([]any, len(items))
		srf := -1
		for i, it := range items {
			if c, ok := it.e.(call); ok && c.name == "unnest" {
				if len(c.args) != 1 {
					return nil, nil, errorf("unnest with %d arguments is not supported", len(c.args))
				}
				v, err := e.eval(c.args[0], f)
				if err != nil {
					return nil, nil, err
				}
				out[i] = v
				srf = i
				continue
			}
			v, err := e.eval(it.e, f)
			if err != nil {
				return nil, nil, err
			}
			out[i] = v
		}
		expanded := [][]any{out}
		if srf >= 0 {
			expanded = expandSRF(items, out)
		}
		for _, row := range expanded {
			f.outNames, f.outVals = res.names, row
			if len(orderBy) > 0 && len(s.union) == 0 {
				var k []any
				for _, o := range orderBy {
					v, err := e.orderValue(o.e, f)
					if err != nil {
						return nil, nil, err
					}
					k = append(k, v)
				}
				keys = append(keys, k)
			}
			res.rows = append(res.rows, row)
		}
	}
	if s.distinct {
		if keys != nil {
			seen := map[string]bool{}
			var rows [][]any
			var ks [][]any
			for i, r := range res.rows {
				k := fmt.Sprintf("%#v", r)
				if !seen[k] {
					seen[k] = true
					rows, ks = append(rows, r), append(ks, keys[i])
				}
			}
			res.rows, keys = rows, ks
		} else {
			res.rows = distinctRows(res.rows)
		}
	}
	return res, keys, nil
}

// expandSRF turns the row holding unnest() arrays into one row per
// element, the shorter arrays padded with NULL (PostgreSQL 10+).
func expandSRF(items []selItem, row []any) [][]any {
	n := 0
	for i, it := range items {
		if c, ok := it.e.(call); ok && c.name == "unnest" {
			n = max(n, len(arrayOf(row[i])))
		}
	}
	out := make([][]any, n)
	for k := range out {
		r := append([]any(nil), row...)
		for i, it := range items {
			if c, ok := it.e.(call); ok && c.name == "unnest" {
				a := arrayOf(row[i])
				if k < len(a) {
					r[i] = a[k]
				} else {
					r[i] = nil
				}
			}
		}
		out[k] = r
	}
	return out
}

func arrayOf(v any) []any {
	switch v := v.(type) {
	case []any:
		return v
	case int2vector:
		return v
	}
	return nil
}

func (e *engine) orderValue(x expr, f *frame) (any, error) {
	switch x := x.(type) {
	case lit:
		if n, ok := x.v.(int64); ok {
			if n < 1 || int(n) > len(f.outVals) {
				return nil, errorf("ORDER BY position %d is not in select list", n)
			}
			return f.outVals[n-1], nil
		}
	case colRef:
		if x.qual == "" {
			for i, n := range f.outNames {
				if n == x.name {
					return f.outVals[i], nil
				}
			}
		}
	}
	return e.eval(x, f)
}

func sortRows(rows [][]any, keys [][]any, order []orderItem) {
	idx := make([]int, len(rows))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		for k, o := range order {
			c := sortCompare(keys[a][k], keys[b][k])
			if o.desc {
				c = -c
			}
			if c != 0 {
				return c
			}
		}
		return 0
	})
	sorted := make([][]any, len(rows))
	for i, j := range idx {
		sorted[i] = rows[j]
	}
	copy(rows, sorted)
}

// sortCompare orders values, NULL last (PostgreSQL's default for ASC).
func sortCompare(a, b any) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return 1
	case b == nil:
		return -1
	}
	c, ok := compare(a, b)
	if !ok {
		return cmp.Compare(fmt.Sprint(a), fmt.Sprint(b))
	}
	return c
}

func itemName(it selItem) string {
	if it.alias != "" {
		return it.alias
	}
	return exprName(it.e)
}

// exprName is PostgreSQL's name for an unaliased output column.
func exprName(x expr) string {
	switch x := x.(type) {
	case colRef:
		return x.name
	case call:
		return x.name
	case castExpr:
		if n := exprName(x.x); n != "?column?" {
			return n
		}
		return x.typ.udt
	case caseExpr:
		return "case"
	case arrayLit, arraySub:
		return "array"
	case existsSub:
		return "exists"
	case scalarSub:
		if len(x.sub.items) == 1 {
			return exprName(x.sub.items[0].e)
		}
	case subscript:
		return exprName(x.x)
	}
	return "?column?"
}

// expandStars replaces * and alias.* by the columns they stand for.
func expandStars(items []selItem, binds []binding) ([]selItem, error) {
	var out []selItem
	for _, it := range items {
		st, ok := it.e.(star)
		if !ok {
			out = append(out, it)
			continue
		}
		found := false
		for _, b := range binds {
			if st.qual != "" && b.alias != st.qual {
				continue
			}
			found = true
			for _, c := range b.rel.cols {
				out = append(out, selItem{e: colRef{qual: b.alias, name: c}})
			}
		}
		if !found {
			if st.qual != "" {
				return nil, errorf("missing FROM-clause entry for table %q", st.qual)
			}
			return nil, errorf("SELECT * with no tables specified is not valid")
		}
	}
	return out, nil
}

// fromRelation builds a FROM item's rows.
func (e *engine) fromRelation(f fromItem, outer *frame) (*relation, error) {
	if f.sub != nil {
		r, err := e.run(f.sub, outer)
		if err != nil {
			return nil, err
		}
		return &relation{cols: r.names, types: r.types, rows: r.rows}, nil
	}
	if rel := e.catalogRelation(f.ns, f.name); rel != nil {
		return rel, nil
	}
	// A user relation: the schema's columns, no rows (the traced database
	// is empty).
	if f.ns == "" || f.ns == "public" || e.s.NamespaceOID(f.ns) != 0 {
		if r := e.s.Lookup(f.ns, f.name); r != nil && r.Kind != schema.Index && r.Kind != schema.Sequence {
			rel := &relation{}
			for _, c := range r.Columns {
				rel.cols = append(rel.cols, c.Name)
				rel.types = append(rel.types, c.Type.OID)
			}
			return rel, nil
		}
	}
	// Not in the schema: PostgreSQL would raise; the trace reads it as
	// an empty table.
	return &relation{unknown: true}, nil
}

// conjunct is one AND-ed condition of WHERE or ON, with the bindings it
// reads.
type conjunct struct {
	e       expr
	refs    uint64 // bit i: binding i
	complex bool   // holds a subquery or an aggregate: applied at the end
	done    bool
}

func splitAnd(x expr, out []expr) []expr {
	if b, ok := x.(binary); ok && b.op == "and" {
		return splitAnd(b.r, splitAnd(b.l, out))
	}
	return append(out, x)
}

func (e *engine) conjuncts(x expr, binds []binding) []*conjunct {
	if x == nil {
		return nil
	}
	var out []*conjunct
	for _, c := range splitAnd(x, nil) {
		refs, complex := refsOf(c, binds)
		out = append(out, &conjunct{e: c, refs: refs, complex: complex})
	}
	return out
}

// refsOf finds the bindings an expression reads (unqualified names
// resolved as the evaluator does), and whether it is too complex to
// place early.
func refsOf(x expr, binds []binding) (refs uint64, complex bool) {
	var walk func(x expr)
	walk = func(x expr) {
		switch x := x.(type) {
		case colRef:
			found := false
			for i, b := range binds {
				if x.qual != "" && b.alias != x.qual {
					continue
				}
				if slices.Contains(b.rel.cols, x.name) || x.qual != "" && b.rel.unknown {
					refs |= 1 << uint(i)
					found = true
					if x.qual == "" {
						break
					}
				}
			}
			if !found && x.qual == "" {
				for i, b := range binds {
					if b.rel.unknown {
						refs |= 1 << uint(i)
					}
				}
			}
		case call:
			if aggregates[x.name] {
				complex = true
			}
			for _, a := range x.args {
				walk(a)
			}
		case unary:
			walk(x.x)
		case binary:
			walk(x.l)
			walk(x.r)
		case isTest:
			walk(x.x)
		case inList:
			walk(x.x)
			for _, a := range x.list {
				walk(a)
			}
			if x.sub != nil {
				complex = true
			}
		case anyAll:
			walk(x.x)
			walk(x.arr)
			if x.sub != nil {
				complex = true
			}
		case castExpr:
			walk(x.x)
		case subscript:
			walk(x.x)
			walk(x.idx)
		case arrayLit:
			for _, a := range x.elems {
				walk(a)
			}
		case caseExpr:
			walk(x.operand)
			walk(x.els)
			for _, w := range x.whens {
				walk(w[0])
				walk(w[1])
			}
		case between:
			walk(x.x)
			walk(x.lo)
			walk(x.hi)
		case likeExpr:
			walk(x.x)
			walk(x.pattern)
		case rowRef:
			for i, b := range binds {
				if b.alias == x.qual {
					refs |= 1 << uint(i)
				}
			}
		case scalarSub, existsSub, arraySub:
			complex = true
		}
	}
	walk(x)
	return refs, complex
}

// join builds the FROM list's rows left to right. WHERE conditions are
// applied as soon as the bindings they read are joined (and used as
// hash keys for inner joins); a LEFT JOIN's right side only filters on
// its ON condition.
func (e *engine) join(s *selectStmt, binds []binding, outer *frame) ([][][]any, error) {
	if len(binds) > 64 {
		return nil, errorf("too many tables")
	}
	if len(binds) == 0 {
		return e.filterJoined(binds, [][][]any{{}}, e.conjuncts(s.where, binds), outer)
	}
	where := e.conjuncts(s.where, binds)
	nullable := uint64(0)
	for i, f := range s.from {
		if f.join == "left" {
			nullable |= 1 << uint(i)
		}
	}
	var rows [][][]any
	for k := range binds {
		bit := uint64(1) << uint(k)
		bound := bit<<1 - 1 // bindings 0..k
		inner := s.from[k].join != "left"
		on := e.conjuncts(s.from[k].on, binds)
		// Right-side candidates, filtered by conditions on this binding alone.
		var pre, pair []*conjunct
		for _, c := range on {
			if !c.complex && c.refs&^bit == 0 {
				pre = append(pre, c)
			} else {
				pair = append(pair, c)
			}
		}
		if inner && nullable&bit == 0 {
			for _, c := range where {
				if c.done || c.complex || c.refs&^bound != 0 || c.refs&bit == 0 {
					continue
				}
				if c.refs == bit {
					pre = append(pre, c)
				} else {
					pair = append(pair, c)
				}
				c.done = true
			}
		}
		cands, err := e.filterRows(binds, k, binds[k].rel.rows, pre, outer)
		if err != nil {
			return nil, err
		}
		if k == 0 {
			for _, r := range cands {
				vals := make([][]any, len(binds))
				vals[0] = r
				rows = append(rows, vals)
			}
			continue
		}
		// A hash key: bindingK-expr = earlier-expr.
		var key *conjunct
		var keyRight, keyLeft expr
		for _, c := range pair {
			b, ok := c.e.(binary)
			if !ok || b.op != "=" || c.complex {
				continue
			}
			lr, _ := refsOf(b.l, binds)
			rr, _ := refsOf(b.r, binds)
			switch {
			case lr == bit && rr != 0 && rr&^(bit-1) == 0:
				key, keyRight, keyLeft = c, b.l, b.r
			case rr == bit && lr != 0 && lr&^(bit-1) == 0:
				key, keyRight, keyLeft = c, b.r, b.l
			}
			if key != nil {
				break
			}
		}
		var index map[string][][]any
		if key != nil {
			index = map[string][][]any{}
			for _, r := range cands {
				vals := make([][]any, len(binds))
				vals[k] = r
				v, err := e.eval(keyRight, &frame{binds: binds, vals: vals, outer: outer})
				if err != nil {
					return nil, err
				}
				if hk, ok := hashKey(v); ok {
					index[hk] = append(index[hk], r)
				}
			}
		}
		var next [][][]any
		for _, left := range rows {
			matches := cands
			if key != nil {
				v, err := e.eval(keyLeft, &frame{binds: binds, vals: left, outer: outer})
				if err != nil {
					return nil, err
				}
				hk, ok := hashKey(v)
				matches = nil
				if ok {
					matches = index[hk]
				}
			}
			found := false
			for _, r := range matches {
				vals := append([][]any(nil), left...)
				vals[k] = r
				ok := true
				for _, c := range pair {
					if c == key {
						continue
					}
					t, err := e.truth(c.e, &frame{binds: binds, vals: vals, outer: outer})
					if err != nil {
						return nil, err
					}
					if !t {
						ok = false
						break
					}
				}
				if ok {
					found = true
					next = append(next, vals)
				}
			}
			if !found && !inner {
				vals := append([][]any(nil), left...)
				vals[k] = nil // NULL-extended
				next = append(next, vals)
			}
		}
		rows = next
		// WHERE conditions now fully bound (after a LEFT JOIN: on its result).
		var post []*conjunct
		for _, c := range where {
			if !c.done && !c.complex && c.refs&^bound == 0 && (c.refs&bit != 0 || k == 0) {
				post = append(post, c)
				c.done = true
			}
		}
		if rows, err = e.filterJoined(binds, rows, post, outer); err != nil {
			return nil, err
		}
	}
	// Conditions on the first binding alone, and what is left.
	var rest []*conjunct
	for _, c := range where {
		if !c.done {
			rest = append(rest, c)
		}
	}
	return e.filterJoined(binds, rows, rest, outer)
}

func (e *engine) filterRows(binds []binding, k int, rows [][]any, conds []*conjunct, outer *frame) ([][]any, error) {
	if len(conds) == 0 {
		return rows, nil
	}
	var out [][]any
	vals := make([][]any, len(binds))
	for _, r := range rows {
		vals[k] = r
		ok, err := e.allTrue(conds, &frame{binds: binds, vals: vals, outer: outer})
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, r)
		}
	}
	return out, nil
}

func (e *engine) filterJoined(binds []binding, rows [][][]any, conds []*conjunct, outer *frame) ([][][]any, error) {
	if len(conds) == 0 {
		return rows, nil
	}
	var out [][][]any
	for _, vals := range rows {
		ok, err := e.allTrue(conds, &frame{binds: binds, vals: vals, outer: outer})
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, vals)
		}
	}
	return out, nil
}

// allTrue tells whether every condition holds in f.
func (e *engine) allTrue(conds []*conjunct, f *frame) (bool, error) {
	for _, c := range conds {
		t, err := e.truth(c.e, f)
		if err != nil || !t {
			return false, err
		}
	}
	return true, nil
}

func hashKey(v any) (string, bool) {
	switch v := v.(type) {
	case nil:
		return "", false
	case int64:
		return "i" + strconv.FormatInt(v, 10), true
	case regclass:
		return "i" + strconv.FormatInt(int64(v), 10), true
	case regtype:
		return "i" + strconv.FormatInt(int64(v), 10), true
	case float64:
		if v == math.Trunc(v) && math.Abs(v) < 1e18 {
			return "i" + strconv.FormatInt(int64(v), 10), true
		}
		return "f" + strconv.FormatFloat(v, 'g', -1, 64), true
	case string:
		return "s" + v, true
	case bool:
		return "b" + strconv.FormatBool(v), true
	}
	return fmt.Sprintf("x%#v", v), true
}

var aggregates = map[string]bool{"count": true, "array_agg": true, "min": true, "max": true, "sum": true,
	"bool_or": true, "bool_and": true, "every": true, "string_agg": true, "avg": true}

func hasAggregate(items []selItem, order []orderItem) bool {
	found := false
	var walk func(x expr)
	walk = func(x expr) {
		switch x := x.(type) {
		case call:
			if aggregates[x.name] {
				found = true
				return
			}
			for _, a := range x.args {
				walk(a)
			}
		case unary:
			walk(x.x)
		case binary:
			walk(x.l)
			walk(x.r)
		case isTest:
			walk(x.x)
		case castExpr:
			walk(x.x)
		case subscript:
			walk(x.x)
		case caseExpr:
			walk(x.operand)
			walk(x.els)
			for _, w := range x.whens {
				walk(w[0])
				walk(w[1])
			}
		case inList:
			walk(x.x)
		case anyAll:
			walk(x.x)
		}
	}
	for _, it := range items {
		walk(it.e)
	}
	for _, o := range order {
		walk(o.e)
	}
	return found
}

// groups partitions the rows by the GROUP BY values (ordinals and output
// names allowed); without GROUP BY all rows form one group, even none.
func (e *engine) groups(s *selectStmt, items []selItem, binds []binding, rows [][][]any, outer *frame) ([]*frame, error) {
	keyExprs := make([]expr, len(s.groupBy))
	for i, g := range s.groupBy {
		keyExprs[i] = g
		if l, ok := g.(lit); ok {
			if n, ok := l.v.(int64); ok {
				if n < 1 || int(n) > len(items) {
					return nil, errorf("GROUP BY position %d is not in select list", n)
				}
				keyExprs[i] = items[n-1].e
			}
		}
		if c, ok := g.(colRef); ok && c.qual == "" {
			if r, _ := refsOf(c, binds); r == 0 {
				for _, it := range items {
					if it.alias == c.name {
						keyExprs[i] = it.e
					}
				}
			}
		}
	}
	if len(keyExprs) == 0 {
		g := &frame{binds: binds, outer: outer}
		if len(rows) > 0 {
			g.vals = rows[0]
		} else {
			g.vals = make([][]any, len(binds))
		}
		for _, vals := range rows {
			g.group = append(g.group, &frame{binds: binds, vals: vals, outer: outer})
		}
		return []*frame{g}, nil
	}
	var order []string
	byKey := map[string]*frame{}
	for _, vals := range rows {
		f := &frame{binds: binds, vals: vals, outer: outer}
		var kb strings.Builder
		for _, k := range keyExprs {
			v, err := e.eval(k, f)
			if err != nil {
				return nil, err
			}
			fmt.Fprintf(&kb, "%#v|", v)
		}
		k := kb.String()
		g := byKey[k]
		if g == nil {
			g = &frame{binds: binds, vals: vals, outer: outer}
			byKey[k] = g
			order = append(order, k)
		}
		g.group = append(g.group, f)
	}
	out := make([]*frame, len(order))
	for i, k := range order {
		out[i] = byKey[k]
	}
	return out, nil
}

// truth evaluates a condition: NULL is false.
func (e *engine) truth(x expr, f *frame) (bool, error) {
	v, err := e.eval(x, f)
	if err != nil {
		return false, err
	}
	b, ok := v.(bool)
	if v != nil && !ok {
		return false, errorf("argument of WHERE must be type boolean")
	}
	return b, nil
}

func (e *engine) lookup(c colRef, f *frame) (any, error) {
	for fr := f; fr != nil; fr = fr.outer {
		found, ambiguous := -1, false
		col := -1
		for i, b := range fr.binds {
			if c.qual != "" && b.alias != c.qual {
				continue
			}
			j := slices.Index(b.rel.cols, c.name)
			if j < 0 {
				continue
			}
			if found >= 0 {
				ambiguous = true
			}
			found, col = i, j
			if c.qual != "" {
				break
			}
		}
		if ambiguous {
			return nil, errorf("column reference %q is ambiguous", c.name)
		}
		if found >= 0 {
			if fr.vals == nil || fr.vals[found] == nil {
				return nil, nil
			}
			return fr.vals[found][col], nil
		}
		for _, b := range fr.binds {
			if b.rel.unknown && (c.qual == "" || b.alias == c.qual) {
				return nil, nil // a column of an unknown, empty relation
			}
		}
		if c.qual != "" {
			for _, b := range fr.binds {
				if b.alias == c.qual {
					return nil, errorf("column %s.%s does not exist", c.qual, c.name)
				}
			}
		}
	}
	if c.qual != "" {
		return nil, errorf("missing FROM-clause entry for table %q", c.qual)
	}
	return nil, errorf("column %q does not exist", c.name)
}

func (e *engine) eval(x expr, f *frame) (any, error) {
	switch x := x.(type) {
	case lit:
		return x.v, nil
	case colRef:
		return e.lookup(x, f)
	case call:
		return e.call(x, f)
	case unary:
		v, err := e.eval(x.x, f)
		if err != nil || v == nil {
			return nil, err
		}
		switch x.op {
		case "not":
			b, ok := v.(bool)
			if !ok {
				return nil, errorf("argument of NOT must be type boolean")
			}
			return !b, nil
		case "-":
			switch n := v.(type) {
			case int64:
				return -n, nil
			case float64:
				return -n, nil
			}
			return nil, errorf("operator does not exist: - %T", v)
		}
	case binary:
		return e.binary(x, f)
	case isTest:
		v, err := e.eval(x.x, f)
		if err != nil {
			return nil, err
		}
		var r bool
		switch x.what {
		case "null":
			r = v == nil
		case "true":
			r = v == true
		case "false":
			r = v == false
		}
		return r != x.not, nil
	case inList:
		return e.in(x, f)
	case anyAll:
		return e.anyAll(x, f)
	case castExpr:
		v, err := e.eval(x.x, f)
		if err != nil {
			return nil, err
		}
		return e.cast(v, x.typ)
	case subscript:
		a, err := e.eval(x.x, f)
		if err != nil {
			return nil, err
		}
		i, err := e.eval(x.idx, f)
		if err != nil || a == nil || i == nil {
			return nil, err
		}
		n, ok := toInt(i)
		arr := arrayOf(a)
		if !ok {
			return nil, errorf("array subscript must have type integer")
		}
		if _, isVec := a.(int2vector); isVec {
			n++ // int2vector is zero-based
		}
		if n < 1 || int(n) > len(arr) {
			return nil, nil
		}
		return arr[n-1], nil
	case arrayLit:
		out := make([]any, len(x.elems))
		for i, el := range x.elems {
			v, err := e.eval(el, f)
			if err != nil {
				return nil, err
			}
			out[i] = v
		}
		return out, nil
	case arraySub:
		r, err := e.run(x.sub, f)
		if err != nil {
			return nil, err
		}
		out := []any{}
		for _, row := range r.rows {
			out = append(out, row[0])
		}
		return out, nil
	case scalarSub:
		r, err := e.run(x.sub, f)
		if err != nil {
			return nil, err
		}
		switch {
		case len(r.names) != 1:
			return nil, errorf("subquery must return only one column")
		case len(r.rows) > 1:
			return nil, errorf("more than one row returned by a subquery used as an expression")
		case len(r.rows) == 0:
			return nil, nil
		}
		return r.rows[0][0], nil
	case existsSub:
		r, err := e.run(x.sub, f)
		if err != nil {
			return nil, err
		}
		return len(r.rows) > 0, nil
	case caseExpr:
		var op any
		if x.operand != nil {
			var err error
			if op, err = e.eval(x.operand, f); err != nil {
				return nil, err
			}
		}
		for _, w := range x.whens {
			if x.operand != nil {
				v, err := e.eval(w[0], f)
				if err != nil {
					return nil, err
				}
				if c, ok := compare(op, v); ok && c == 0 {
					return e.eval(w[1], f)
				}
				continue
			}
			t, err := e.truth(w[0], f)
			if err != nil {
				return nil, err
			}
			if t {
				return e.eval(w[1], f)
			}
		}
		if x.els != nil {
			return e.eval(x.els, f)
		}
		return nil, nil
	case between:
		v, err := e.eval(x.x, f)
		if err != nil {
			return nil, err
		}
		lo, err := e.eval(x.lo, f)
		if err != nil {
			return nil, err
		}
		hi, err := e.eval(x.hi, f)
		if err != nil {
			return nil, err
		}
		if v == nil || lo == nil || hi == nil {
			return nil, nil
		}
		c1, ok1 := compare(v, lo)
		c2, ok2 := compare(v, hi)
		if !ok1 || !ok2 {
			return nil, errorf("BETWEEN: incompatible types")
		}
		return (c1 >= 0 && c2 <= 0) != x.not, nil
	case likeExpr:
		v, err := e.eval(x.x, f)
		if err != nil {
			return nil, err
		}
		p, err := e.eval(x.pattern, f)
		if err != nil || v == nil || p == nil {
			return nil, err
		}
		re, err := likeRegexp(textOf(p), x.ci)
		if err != nil {
			return nil, err
		}
		return re.MatchString(textOf(v)) != x.not, nil
	case star:
		return nil, errorf("* is only allowed in a select list or count(*)")
	case rowRef:
		return e.row(x, f)
	}
	return nil, errorf("expression %T is not supported", x)
}

// wholeRow is a binding's current row, for functions taking alias.*.
type wholeRow struct {
	cols []string
	vals []any
}

func (w wholeRow) get(col string) any {
	if i := slices.Index(w.cols, col); i >= 0 && w.vals != nil {
		return w.vals[i]
	}
	return nil
}

func (e *engine) row(r rowRef, f *frame) (any, error) {
	for fr := f; fr != nil; fr = fr.outer {
		for i, b := range fr.binds {
			if b.alias == r.qual {
				var vals []any
				if fr.vals != nil {
					vals = fr.vals[i]
				}
				return wholeRow{b.rel.cols, vals}, nil
			}
		}
	}
	return nil, errorf("missing FROM-clause entry for table %q", r.qual)
}

func likeRegexp(p string, ci bool) (*regexp.Regexp, error) {
	var b strings.Builder
	if ci {
		b.WriteString("(?is)^")
	} else {
		b.WriteString("(?s)^")
	}
	for i := 0; i < len(p); i++ {
		switch c := p[i]; c {
		case '%':
			b.WriteString(".*")
		case '_':
			b.WriteString(".")
		case '\\':
			if i+1 < len(p) {
				i++
			}
			b.WriteString(regexp.QuoteMeta(string(p[i])))
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	b.WriteString("$")
	return regexp.Compile(b.String())
}

func (e *engine) binary(x binary, f *frame) (any, error) {
	l, err := e.eval(x.l, f)
	if err != nil {
		return nil, err
	}
	// AND and OR short-circuit with SQL's three-valued logic.
	switch x.op {
	case "and", "or":
		lb, lok := l.(bool)
		if l != nil && !lok {
			return nil, errorf("argument of %s must be type boolean", strings.ToUpper(x.op))
		}
		if l != nil && (x.op == "and" && !lb || x.op == "or" && lb) {
			return lb, nil
		}
		r, err := e.eval(x.r, f)
		if err != nil {
			return nil, err
		}
		rb, rok := r.(bool)
		if r != nil && !rok {
			return nil, errorf("argument of %s must be type boolean", strings.ToUpper(x.op))
		}
		if r != nil && (x.op == "and" && !rb || x.op == "or" && rb) {
			return rb, nil
		}
		if l == nil || r == nil {
			return nil, nil
		}
		return rb, nil
	}
	r, err := e.eval(x.r, f)
	if err != nil {
		return nil, err
	}
	switch x.op {
	case "is distinct from", "is not distinct from":
		same := l == nil && r == nil
		if l != nil && r != nil {
			c, ok := compare(l, r)
			same = ok && c == 0
		}
		return same == (x.op == "is not distinct from"), nil
	}
	if x.op == "||" {
		return concatOp(l, r), nil
	}
	if l == nil || r == nil {
		return nil, nil
	}
	switch x.op {
	case "=", "<>", "<", ">", "<=", ">=":
		c, ok := compare(l, r)
		if !ok {
			return nil, errorf("operator does not exist: %s %s %s", typeLabel(l), x.op, typeLabel(r))
		}
		switch x.op {
		case "=":
			return c == 0, nil
		case "<>":
			return c != 0, nil
		case "<":
			return c < 0, nil
		case ">":
			return c > 0, nil
		case "<=":
			return c <= 0, nil
		}
		return c >= 0, nil
	case "@>", "<@", "&&":
		a, b := arrayOf(l), arrayOf(r)
		if x.op == "<@" {
			a, b = b, a
		}
		if x.op == "&&" {
			for _, v := range b {
				if containsValue(a, v) {
					return true, nil
				}
			}
			return false, nil
		}
		for _, v := range b {
			if !containsValue(a, v) {
				return false, nil
			}
		}
		return true, nil
	case "~", "~*", "!~", "!~*":
		pat := textOf(r)
		if strings.Contains(x.op, "*") {
			pat = "(?i)" + pat
		}
		re, err := regexp.Compile(pat)
		if err != nil {
			return nil, errorf("invalid regular expression: %v", err)
		}
		return re.MatchString(textOf(l)) != strings.HasPrefix(x.op, "!"), nil
	case "~~", "!~~":
		re, err := likeRegexp(textOf(r), false)
		if err != nil {
			return nil, err
		}
		return re.MatchString(textOf(l)) != (x.op == "!~~"), nil
	case "+", "-", "*", "/", "%":
		return arith(x.op, l, r)
	}
	return nil, errorf("operator %s is not supported", x.op)
}

func containsValue(list []any, v any) bool {
	for _, x := range list {
		if c, ok := compare(x, v); ok && c == 0 {
			return true
		}
	}
	return false
}

func concatOp(l, r any) any {
	la, lArr := l.([]any)
	ra, rArr := r.([]any)
	switch {
	case lArr && rArr:
		return append(append([]any{}, la...), ra...)
	case lArr:
		return append(append([]any{}, la...), r)
	case rArr:
		return append([]any{l}, ra...)
	case l == nil || r == nil:
		return nil
	}
	return textOf(l) + textOf(r)
}

func arith(op string, l, r any) (any, error) {
	li, lInt := toIntStrict(l)
	ri, rInt := toIntStrict(r)
	if lInt && rInt {
		switch op {
		case "+":
			return li + ri, nil
		case "-":
			return li - ri, nil
		case "*":
			return li * ri, nil
		case "/", "%":
			if ri == 0 {
				return nil, errorf("division by zero")
			}
			if op == "/" {
				return li / ri, nil
			}
			return li % ri, nil
		}
	}
	lf, ok1 := toFloat(l)
	rf, ok2 := toFloat(r)
	if !ok1 || !ok2 {
		return nil, errorf("operator does not exist: %s %s %s", typeLabel(l), op, typeLabel(r))
	}
	switch op {
	case "+":
		return lf + rf, nil
	case "-":
		return lf - rf, nil
	case "*":
		return lf * rf, nil
	case "/":
		if rf == 0 {
			return nil, errorf("division by zero")
		}
		return lf / rf, nil
	}
	return math.Mod(lf, rf), nil
}

func typeLabel(v any) string {
	switch v.(type) {
	case int64:
		return "integer"
	case float64:
		return "numeric"
	case string:
		return "text"
	case bool:
		return "boolean"
	case []any:
		return "array"
	case regclass:
		return "regclass"
	}
	return fmt.Sprintf("%T", v)
}

func toIntStrict(v any) (int64, bool) {
	switch v := v.(type) {
	case int64:
		return v, true
	case regclass:
		return int64(v), true
	case regtype:
		return int64(v), true
	}
	return 0, false
}

func toInt(v any) (int64, bool) {
	switch v := v.(type) {
	case int64:
		return v, true
	case regclass:
		return int64(v), true
	case regtype:
		return int64(v), true
	case float64:
		return int64(math.Round(v)), true
	case string:
		n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
		return n, err == nil
	}
	return 0, false
}

func toFloat(v any) (float64, bool) {
	switch v := v.(type) {
	case int64:
		return float64(v), true
	case float64:
		return v, true
	case regclass:
		return float64(v), true
	case string:
		f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		return f, err == nil
	}
	return 0, false
}

// compare orders two non-NULL values; a string meets a number or a bool
// as PostgreSQL's unknown-typed literal would, by conversion.
func compare(a, b any) (int, bool) {
	switch a := a.(type) {
	case int64, regclass, regtype, float64:
		if ai, ok := toIntStrict(a); ok {
			if bi, ok := toIntStrict(b); ok {
				return cmp.Compare(ai, bi), true
			}
		}
		af, _ := toFloat(a)
		if bf, ok := toFloat(b); ok {
			return cmp.Compare(af, bf), true
		}
		return 0, false
	case string:
		switch b := b.(type) {
		case string:
			return strings.Compare(a, b), true
		case bool:
			if ab, ok := parseBool(a); ok {
				return compareBool(ab, b), true
			}
			return 0, false
		case int64, float64, regclass, regtype:
			c, ok := compare(b, a)
			return -c, ok
		}
	case bool:
		switch b := b.(type) {
		case bool:
			return compareBool(a, b), true
		case string:
			if bb, ok := parseBool(b); ok {
				return compareBool(a, bb), true
			}
		}
	case []any, int2vector:
		x, y := arrayOf(a), arrayOf(b)
		if y == nil {
			if s, ok := b.(string); ok {
				y = parseArrayText(s)
			} else {
				return 0, false
			}
		}
		for i := 0; i < len(x) && i < len(y); i++ {
			c := sortCompare(x[i], y[i])
			if c != 0 {
				return c, true
			}
		}
		return cmp.Compare(len(x), len(y)), true
	}
	return 0, false
}

func compareBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case !a:
		return -1
	}
	return 1
}

func parseBool(s string) (bool, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "t", "true", "y", "yes", "on", "1":
		return true, true
	case "f", "false", "n", "no", "off", "0":
		return false, true
	}
	return false, false
}

// parseArrayText reads a simple one-dimensional array literal {a,b}.
func parseArrayText(s string) []any {
	s = strings.TrimSpace(s)
	if !strings.HasPrefix(s, "{") || !strings.HasSuffix(s, "}") {
		return nil
	}
	body := s[1 : len(s)-1]
	out := []any{}
	if body == "" {
		return out
	}
	for _, p := range strings.Split(body, ",") {
		p = strings.Trim(strings.TrimSpace(p), `"`)
		if strings.EqualFold(p, "null") {
			out = append(out, nil)
		} else {
			out = append(out, p)
		}
	}
	return out
}

// textOf is a value's text output.
func textOf(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64)
	case bool:
		if v {
			return "true"
		}
		return "false"
	case []any:
		parts := make([]string, len(v))
		for i, x := range v {
			if x == nil {
				parts[i] = "NULL"
				continue
			}
			t := textOf(x)
			if t == "" || strings.ContainsAny(t, `{},"\ `) || strings.EqualFold(t, "null") {
				t = `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(t) + `"`
			}
			parts[i] = t
		}
		return "{" + strings.Join(parts, ",") + "}"
	case int2vector:
		parts := make([]string, len(v))
		for i, x := range v {
			parts[i] = textOf(x)
		}
		return strings.Join(parts, " ")
	}
	return fmt.Sprint(v)
}

func (e *engine) in(x inList, f *frame) (any, error) {
	v, err := e.eval(x.x, f)
	if err != nil {
		return nil, err
	}
	var list []any
	if x.sub != nil {
		r, err := e.run(x.sub, f)
		if err != nil {
			return nil, err
		}
		if len(r.names) != 1 {
			return nil, errorf("subquery has too many columns")
		}
		for _, row := range r.rows {
			list = append(list, row[0])
		}
	} else {
		for _, it := range x.list {
			w, err := e.eval(it, f)
			if err != nil {
				return nil, err
			}
			list = append(list, w)
		}
	}
	return anyMatch(v, "=", list, x.not, x.not)
}

// anyMatch is x op ANY(list) (all=false) or x op ALL(list), with SQL's
// NULL rules; negate turns IN into NOT IN.
func anyMatch(v any, op string, list []any, all, negate bool) (any, error) {
	if v == nil {
		if len(list) == 0 {
			return all, nil
		}
		return nil, nil
	}
	sawNull := false
	for _, w := range list {
		if w == nil {
			sawNull = true
			continue
		}
		c, ok := compare(v, w)
		if !ok {
			return nil, errorf("operator does not exist: %s %s %s", typeLabel(v), op, typeLabel(w))
		}
		var r bool
		switch op {
		case "=":
			r = c == 0
		case "<>":
			r = c != 0
		case "<":
			r = c < 0
		case ">":
			r = c > 0
		case "<=":
			r = c <= 0
		case ">=":
			r = c >= 0
		}
		if negate {
			r = !r
		}
		if all && !r {
			return false, nil
		}
		if !all && r {
			return true, nil
		}
	}
	if sawNull {
		return nil, nil
	}
	return all, nil
}

func (e *engine) anyAll(x anyAll, f *frame) (any, error) {
	v, err := e.eval(x.x, f)
	if err != nil {
		return nil, err
	}
	var list []any
	if x.sub != nil {
		r, err := e.run(x.sub, f)
		if err != nil {
			return nil, err
		}
		for _, row := range r.rows {
			list = append(list, row[0])
		}
	} else {
		a, err := e.eval(x.arr, f)
		if err != nil {
			return nil, err
		}
		if a == nil {
			return nil, nil
		}
		if s, ok := a.(string); ok {
			a = parseArrayText(s)
		}
		list = arrayOf(a)
		if list == nil {
			if _, ok := a.([]any); !ok {
				return nil, errorf("op ANY/ALL (array) requires array on right side")
			}
		}
	}
	return anyMatch(v, x.op, list, x.all, false)
}
