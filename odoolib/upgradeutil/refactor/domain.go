package refactor

import (
	"log/slog"
	"math/big"
	"strings"

	"github.com/migrate-runner/migrate-runner/pyliteral"
)

// Domain rewriting, as upgrade-util's _adapt_one_domain does it.
//
// Upstream evaluates a stored domain with safe_eval (unknown names such as
// uid print as themselves), normalizes it (explicit "&", tuples), rewrites
// the paths of its leaves and stores str() of the new list. Here a domain
// that is a Python literal is parsed with package pyliteral and goes
// through the same steps, so the stored text is what upstream stores.
// A domain that is not a literal (it uses uid, context_today(), …) is
// rewritten in place instead: the field path that is a top-level term's
// first element is replaced inside its quotes and the rest of the text is
// kept. That fallback does not rewrite the sub-domains of any/not any
// terms, nor apply an adapter (remove_field's TRUE/FALSE leaves); such
// domains are left as they are and logged.

type node = pyliteral.Node

// adapter is upstream's domain adapter: it returns the leaves that replace
// a leaf using the adapted field (inOr: the leaf is under a "|";
// negated: under an odd number of "!").
type adapter func(leaf *node, inOr, negated bool) []*node

func strNode(s string) *node { return &node{Kind: pyliteral.Str, Str: s} }
func intNode(i int64) *node  { return &node{Kind: pyliteral.Int, Int: big.NewInt(i)} }
func tupleNode(items ...*node) *node {
	return &node{Kind: pyliteral.Tuple, Items: items}
}
func listNode(items ...*node) *node { return &node{Kind: pyliteral.List, Items: items} }

func trueLeaf() *node  { return tupleNode(intNode(1), strNode("="), intNode(1)) }
func falseLeaf() *node { return tupleNode(intNode(0), strNode("="), intNode(1)) }

// removedFieldAdapter is remove_field's adapter: the leaf becomes the
// neutral element of its operator (FALSE under an OR, TRUE under an AND,
// inverted when negated).
func removedFieldAdapter(_ *node, inOr, negated bool) []*node {
	if inOr != negated {
		return []*node{falseLeaf()}
	}
	return []*node{trueLeaf()}
}

var opArity = map[string]int{"!": 1, "&": 2, "|": 2}

// termOperators are expression.TERM_OPERATORS plus the internal "<>".
func (r runner) isTermOperator(op string) bool {
	switch op {
	case "=", "!=", "<=", "<", ">", ">=", "=?", "=like", "=ilike", "like", "not like", "ilike", "not ilike",
		"in", "not in", "child_of", "parent_of", "<>":
		return true
	case "any", "not any": // 17.0+
		return r.atLeast(17)
	}
	return false
}

// adaptDomainText rewrites the stored domain text of a record of model.
// It returns the new text and whether it changed.
func (r runner) adaptDomainText(target, old, new, model, domain string, adapt adapter, force bool) (string, bool, error) {
	dom, err := pyliteral.Parse([]byte(domain))
	if err != nil {
		if adapt != nil {
			slog.Warn("upgrade-util refactor: domain is not a literal, left unchanged", "model", model, "domain", domain)
			return domain, false, nil
		}
		return r.rewriteDomainInPlace(target, old, new, model, domain)
	}
	res, err := r.adaptOneDomain(target, old, new, model, dom, adapt, force)
	if err != nil || res == nil {
		return domain, false, err
	}
	return res.PyStr(), true, nil
}

// normalizeDomain is expression.normalize_domain: explicit leading "&"s,
// terms as tuples (17.0+: any/not any sub-domains normalized too).
func (r runner) normalizeDomain(dom *node) ([]*node, bool) {
	if dom == nil || (dom.Kind != pyliteral.List && dom.Kind != pyliteral.Tuple) {
		return nil, false
	}
	if len(dom.Items) == 0 {
		return []*node{trueLeaf()}, true
	}
	var out []*node
	expected := 1
	for _, tok := range dom.Items {
		if expected == 0 {
			out = append([]*node{strNode("&")}, out...)
			expected = 1
		}
		switch tok.Kind {
		case pyliteral.List, pyliteral.Tuple:
			expected--
			items := append([]*node{}, tok.Items...)
			if len(items) == 3 && items[1].Kind == pyliteral.Str && (items[1].Str == "any" || items[1].Str == "not any") && r.atLeast(17) {
				sub, ok := r.normalizeDomain(items[2])
				if !ok {
					return nil, false
				}
				items[2] = listNode(sub...)
			}
			tok = tupleNode(items...)
		case pyliteral.Str:
			expected += opArity[tok.Str] - 1
		case pyliteral.Dict, pyliteral.Set:
			return nil, false // unhashable: op_arity.get raises
		default:
			expected--
		}
		out = append(out, tok)
	}
	if expected != 0 {
		return nil, false
	}
	return out, true
}

func (r runner) isLeaf(n *node) bool {
	if n == nil || (n.Kind != pyliteral.List && n.Kind != pyliteral.Tuple) || len(n.Items) != 3 {
		return false
	}
	if n.Items[1].Kind != pyliteral.Str || !r.isTermOperator(n.Items[1].Str) {
		return false
	}
	return (n.Items[0].Kind == pyliteral.Str && n.Items[0].Str != "") || isConstantLeaf(n)
}

// isConstantLeaf: the leaf equals TRUE_LEAF (1, '=', 1) or FALSE_LEAF (0, '=', 1).
func isConstantLeaf(n *node) bool {
	if len(n.Items) != 3 || n.Items[1].Kind != pyliteral.Str || n.Items[1].Str != "=" {
		return false
	}
	return (numEquals(n.Items[0], 1) || numEquals(n.Items[0], 0)) && numEquals(n.Items[2], 1)
}

func numEquals(n *node, v int64) bool {
	switch n.Kind {
	case pyliteral.Int:
		return n.Int != nil && n.Int.IsInt64() && n.Int.Int64() == v
	case pyliteral.Bool:
		return (n.Bool && v == 1) || (!n.Bool && v == 0)
	case pyliteral.Float:
		return n.Float == float64(v)
	}
	return false
}

// normalizeLeaf is expression.normalize_leaf: lower-case operator, "<>"
// as "!=", and the operator fixed for a bool or list right operand.
func normalizeLeaf(el *node) *node {
	left, right := el.Items[0], el.Items[2]
	op := strings.ToLower(el.Items[1].Str)
	if op == "<>" {
		op = "!="
	}
	if right.Kind == pyliteral.Bool && (op == "in" || op == "not in") {
		op = map[string]string{"in": "=", "not in": "!="}[op]
	}
	if (right.Kind == pyliteral.List || right.Kind == pyliteral.Tuple) && (op == "=" || op == "!=") {
		op = map[string]string{"=": "in", "!=": "not in"}[op]
	}
	return tupleNode(left, strNode(op), right)
}

// adaptOneDomain returns the rewritten domain, or nil when it is invalid
// or unchanged (upstream returns None in both cases).
func (r runner) adaptOneDomain(target, old, new, model string, dom *node, adapt adapter, force bool) (*node, error) {
	evalDom, ok := r.normalizeDomain(dom)
	if !ok {
		return nil, nil
	}
	dotOld := strings.Split(old, ".")
	cleanTerm := func(term *node) (*node, error) {
		if term.Kind == pyliteral.Str || len(term.Items) != 3 || term.Items[0].Kind != pyliteral.Str {
			return term, nil
		}
		left, op, right := term.Items[0].Str, term.Items[1], term.Items[2]
		left, err := r.replacePath(old, new, model, target, left)
		if err != nil {
			return nil, err
		}
		if op.Kind == pyliteral.Str && (op.Str == "any" || op.Str == "not any") {
			sub, err := r.modelOfPath(model, strings.Split(left, "."))
			if err != nil {
				return nil, err
			}
			newRight, err := r.adaptOneDomain(target, old, new, sub, right, adapt, force)
			if err != nil {
				return nil, err
			}
			if newRight != nil {
				right = newRight
			}
		}
		return tupleNode(strNode(left), op, right), nil
	}

	type pending struct {
		op      string
		missing int
	}
	var stack []pending
	var final []*node
	changed := false
	for _, el := range evalDom {
		for len(stack) > 0 && stack[len(stack)-1].missing == 0 {
			stack = stack[:len(stack)-1]
			if len(stack) == 0 {
				break
			}
			stack[len(stack)-1].missing--
		}
		if el.Kind == pyliteral.Str {
			arity, ok := opArity[el.Str]
			if !ok {
				return nil, nil // "Invalid domain"
			}
			stack = append(stack, pending{el.Str, arity})
			final = append(final, el)
			continue
		}
		if !r.isLeaf(el) {
			return nil, nil
		}
		if len(stack) > 0 {
			stack[len(stack)-1].missing--
		}
		if isConstantLeaf(el) {
			final = append(final, el)
			continue
		}
		inOr, negated := false, false
		for i := len(stack) - 1; i >= 0; i-- {
			if stack[i].op != "!" {
				inOr = stack[i].op == "|"
				break
			}
			negated = !negated
		}
		leaf := normalizeLeaf(el)
		terms := []*node{leaf}
		if adapt != nil {
			hit, err := r.pathHasField(strings.Split(leaf.Items[0].Str, "."), dotOld, model, target, force)
			if err != nil {
				return nil, err
			}
			if hit {
				terms = adapt(leaf, inOr, negated)
			}
		}
		var out []*node
		for _, t := range terms {
			c, err := cleanTerm(t)
			if err != nil {
				return nil, err
			}
			out = append(out, c)
		}
		if len(out) != 1 || !pyEqual(out[0], leaf) {
			changed = true
		}
		final = append(final, out...)
	}
	if !changed {
		return nil, nil
	}
	return listNode(final...), nil
}

// pyEqual is Python's == on literal values.
func pyEqual(a, b *node) bool {
	if a == nil || b == nil {
		return a == b
	}
	if isNumber(a) && isNumber(b) {
		return numberEqual(a, b)
	}
	if a.Kind != b.Kind {
		return false
	}
	switch a.Kind {
	case pyliteral.None:
		return true
	case pyliteral.Str, pyliteral.Bytes:
		return a.Str == b.Str
	case pyliteral.Complex:
		return a.Float == b.Float && a.Imag == b.Imag
	case pyliteral.List, pyliteral.Tuple:
		if len(a.Items) != len(b.Items) {
			return false
		}
		for i := range a.Items {
			if !pyEqual(a.Items[i], b.Items[i]) {
				return false
			}
		}
		return true
	case pyliteral.Dict, pyliteral.Set:
		// Rare in domains and contexts: compare their reprs.
		return a.PyStr() == b.PyStr()
	}
	return false
}

func isNumber(n *node) bool {
	return n.Kind == pyliteral.Int || n.Kind == pyliteral.Bool || n.Kind == pyliteral.Float
}

func numberEqual(a, b *node) bool {
	fa, fb := toFloat(a), toFloat(b)
	if a.Kind != pyliteral.Float && b.Kind != pyliteral.Float {
		return toBig(a).Cmp(toBig(b)) == 0
	}
	return fa == fb
}

func toBig(n *node) *big.Int {
	switch n.Kind {
	case pyliteral.Int:
		if n.Int != nil {
			return n.Int
		}
	case pyliteral.Bool:
		if n.Bool {
			return big.NewInt(1)
		}
	}
	return big.NewInt(0)
}

func toFloat(n *node) float64 {
	if n.Kind == pyliteral.Float {
		return n.Float
	}
	f, _ := new(big.Float).SetInt(toBig(n)).Float64()
	return f
}

// --- the in-place rewrite of domains that are not literals ---

type pyToken struct {
	kind       byte // 's' string, 'p' punctuation, 'o' anything else
	start, end int  // the token's bytes in the source
	depth      int  // bracket depth at the token
	value      string
	plain      bool // a string whose source content is its value (no prefix but u, no escape, not triple-quoted)
	contentAt  int
}

// scanPython splits src into the tokens the rewrite needs: string
// literals (with Python's prefixes, triple quotes and escapes), the
// brackets, commas and colons, and everything else as opaque runs.
func scanPython(src string) ([]pyToken, bool) {
	var toks []pyToken
	depth := 0
	i := 0
	for i < len(src) {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\\':
			i++
		case c == '#':
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case c == '(' || c == '[' || c == '{':
			toks = append(toks, pyToken{kind: 'p', start: i, end: i + 1, depth: depth, value: string(c)})
			depth++
			i++
		case c == ')' || c == ']' || c == '}':
			depth--
			if depth < 0 {
				return nil, false
			}
			toks = append(toks, pyToken{kind: 'p', start: i, end: i + 1, depth: depth, value: string(c)})
			i++
		case c == ',' || c == ':':
			toks = append(toks, pyToken{kind: 'p', start: i, end: i + 1, depth: depth, value: string(c)})
			i++
		default:
			if t, n, ok := scanString(src, i); ok {
				t.depth = depth
				toks = append(toks, t)
				i = n
				continue
			} else if n < 0 {
				return nil, false // an unterminated string
			}
			j := i + 1
			for j < len(src) && !strings.ContainsRune(" \t\r\n\\#()[]{},:'\"", rune(src[j])) {
				j++
			}
			toks = append(toks, pyToken{kind: 'o', start: i, end: j, depth: depth, value: src[i:j]})
			i = j
		}
	}
	return toks, depth == 0
}

// scanString reads a string literal at i: ok=false with next=-1 when a
// literal starts but never ends, next=0 when none starts.
func scanString(src string, i int) (tok pyToken, next int, ok bool) {
	j := i
	for j < len(src) && j-i < 2 && strings.ContainsRune("rRbBuUfF", rune(src[j])) {
		j++
	}
	if j >= len(src) || (src[j] != '\'' && src[j] != '"') {
		return pyToken{}, 0, false
	}
	if j > i && i > 0 && isIdentByte(src[i-1]) {
		return pyToken{}, 0, false // the letters end a name
	}
	prefix := strings.ToLower(src[i:j])
	if prefix != "" && prefix != "r" && prefix != "b" && prefix != "u" && prefix != "f" && prefix != "rb" && prefix != "br" &&
		prefix != "fr" && prefix != "rf" {
		return pyToken{}, 0, false
	}
	raw := strings.Contains(prefix, "r")
	quote := src[j : j+1]
	triple := strings.HasPrefix(src[j:], strings.Repeat(quote, 3))
	if triple {
		quote = strings.Repeat(quote, 3)
	}
	k := j + len(quote)
	start := k
	escaped := false
	for k < len(src) {
		if src[k] == '\\' {
			escaped = true
			k += 2
			continue
		}
		if !triple && src[k] == '\n' {
			return pyToken{}, -1, false
		}
		if strings.HasPrefix(src[k:], quote) {
			content := src[start:k]
			return pyToken{kind: 's', start: i, end: k + len(quote), value: content, contentAt: start,
				plain: !triple && !escaped && !raw && (prefix == "" || prefix == "u")}, k + len(quote), true
		}
		k++
	}
	return pyToken{}, -1, false
}

func isIdentByte(c byte) bool {
	return c == '_' || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') || ('0' <= c && c <= '9')
}

// rewriteDomainInPlace renames the paths that are the first element of a
// top-level term — ( 'path' , 'operator' , … — keeping the rest of text.
func (r runner) rewriteDomainInPlace(target, old, new, model, domain string) (string, bool, error) {
	toks, ok := scanPython(domain)
	if !ok || strings.ContainsAny(new, `'"\`) {
		slog.Warn("upgrade-util refactor: cannot read domain, left unchanged", "model", model, "domain", domain)
		return domain, false, nil
	}
	var b strings.Builder
	last := 0
	changed := false
	for i := 1; i+3 < len(toks); i++ {
		t := toks[i]
		if t.kind != 's' || !t.plain || t.depth != 2 {
			continue
		}
		open, comma, op, comma2 := toks[i-1], toks[i+1], toks[i+2], toks[i+3]
		if open.kind != 'p' || (open.value != "(" && open.value != "[") || comma.value != "," || comma.kind != 'p' ||
			op.kind != 's' || !op.plain || !r.isTermOperator(op.value) || comma2.kind != 'p' || comma2.value != "," {
			continue
		}
		renamed, err := r.replacePath(old, new, model, target, t.value)
		if err != nil {
			return "", false, err
		}
		if renamed == t.value {
			continue
		}
		b.WriteString(domain[last:t.contentAt])
		b.WriteString(renamed)
		last = t.contentAt + len(t.value)
		changed = true
	}
	if !changed {
		return domain, false, nil
	}
	b.WriteString(domain[last:])
	return b.String(), true, nil
}
