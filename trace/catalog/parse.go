package catalog

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/migrate-runner/migrate-runner/trace/internal/sqllex"
)

// The query subset the engine reads: SELECT [DISTINCT] … [FROM …]
// [WHERE …] [GROUP BY …] [HAVING …] [UNION [ALL] …] [ORDER BY …]
// [LIMIT n] [OFFSET n] [FETCH FIRST n ROWS ONLY], with comma joins,
// [INNER|LEFT [OUTER]|CROSS] JOIN … ON, subqueries in FROM, IN, EXISTS,
// ANY/ALL and scalar positions, and the expressions in expr below.

type expr interface{}

type (
	colRef struct{ qual, name string }
	star   struct{ qual string } // * or qual.* in a select list or count(*)
	lit    struct {
		v   any
		oid uint32
	}
	call struct {
		name     string
		args     []expr
		star     bool
		distinct bool
		orderBy  []orderItem
		filter   expr
	}
	unary struct {
		op string
		x  expr
	}
	binary struct {
		op   string
		l, r expr
	}
	isTest struct {
		x    expr
		not  bool
		what string // null, true, false
	}
	inList struct {
		x    expr
		list []expr
		sub  *selectStmt
		not  bool
	}
	anyAll struct {
		x   expr
		op  string
		all bool
		arr expr
		sub *selectStmt
	}
	castExpr struct {
		x   expr
		typ typeRef
	}
	subscript struct{ x, idx expr }
	rowRef    struct{ qual string } // alias.* as a function argument: the whole row
	arrayLit  struct{ elems []expr }
	arraySub  struct{ sub *selectStmt }
	scalarSub struct{ sub *selectStmt }
	existsSub struct{ sub *selectStmt }
	caseExpr  struct {
		operand expr
		whens   [][2]expr
		els     expr
	}
	between struct {
		x, lo, hi expr
		not       bool
	}
	likeExpr struct {
		x, pattern expr
		not, ci    bool
	}
)

// typeRef is a cast's target: a udt name and whether it is an array.
type typeRef struct {
	udt   string
	array bool
}

type selItem struct {
	e     expr
	alias string
}

type orderItem struct {
	e    expr
	desc bool
}

type fromItem struct {
	// One of: a relation, a subquery.
	ns, name string
	sub      *selectStmt
	alias    string
	colAlias []string
	// Joined to what comes before it: "," (comma), "inner", "left", "cross".
	join string
	on   expr
}

type selectStmt struct {
	distinct bool
	items    []selItem
	from     []fromItem
	where    expr
	groupBy  []expr
	having   expr
	union    []unionPart
	orderBy  []orderItem
	limit    expr
	offset   expr
}

type unionPart struct {
	all bool
	sel *selectStmt
}

// unsupported is a construct outside the subset: the query is answered
// with no rows and a note.
type unsupported struct{ msg string }

func (e *unsupported) Error() string { return e.msg }

func unsup(format string, args ...any) error { return &unsupported{fmt.Sprintf(format, args...)} }

type parser struct {
	toks []sqllex.Token
	i    int
}

func (p *parser) peek() sqllex.Token { return p.at(0) }

func (p *parser) at(n int) sqllex.Token {
	if p.i+n < len(p.toks) {
		return p.toks[p.i+n]
	}
	return sqllex.Token{Kind: sqllex.EOF}
}

func (p *parser) next() sqllex.Token {
	t := p.peek()
	if p.i < len(p.toks) {
		p.i++
	}
	return t
}

func (p *parser) accept(words ...string) bool {
	for k, w := range words {
		if !p.at(k).Is(w) {
			return false
		}
	}
	p.i += len(words)
	return true
}

func (p *parser) acceptOp(op string) bool {
	if p.peek().IsOp(op) {
		p.i++
		return true
	}
	return false
}

func (p *parser) expectOp(op string) error {
	if !p.acceptOp(op) {
		return unsup("expected '%s', found %s", op, p.peek())
	}
	return nil
}

func (p *parser) expect(word string) error {
	if !p.accept(word) {
		return unsup("expected %s, found %s", strings.ToUpper(word), p.peek())
	}
	return nil
}

// parseQuery reads a whole statement.
func parseQuery(toks []sqllex.Token) (*selectStmt, error) {
	p := &parser{toks: toks}
	s, err := p.query()
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.Kind != sqllex.EOF {
		return nil, unsup("unexpected %s", t)
	}
	return s, nil
}

// query reads a select with its UNIONs, ORDER BY and LIMIT.
func (p *parser) query() (*selectStmt, error) {
	if p.peek().Is("with") {
		return nil, unsup("WITH queries are not supported")
	}
	s, err := p.simpleSelect()
	if err != nil {
		return nil, err
	}
	for p.accept("union") {
		all := p.accept("all")
		p.accept("distinct")
		u, err := p.simpleSelect()
		if err != nil {
			return nil, err
		}
		s.union = append(s.union, unionPart{all, u})
	}
	if p.peek().Is("intersect") || p.peek().Is("except") {
		return nil, unsup("%s is not supported", strings.ToUpper(p.peek().Text))
	}
	if p.accept("order", "by") {
		if s.orderBy, err = p.orderList(); err != nil {
			return nil, err
		}
	}
	for {
		switch {
		case p.accept("limit"):
			if p.accept("all") {
				continue
			}
			if s.limit, err = p.expr(); err != nil {
				return nil, err
			}
		case p.accept("offset"):
			if s.offset, err = p.expr(); err != nil {
				return nil, err
			}
			_ = p.accept("rows") || p.accept("row")
		case p.accept("fetch"):
			_ = p.accept("first") || p.accept("next")
			s.limit = lit{int64(1), oidInt8}
			if !p.peek().Is("row") && !p.peek().Is("rows") {
				if s.limit, err = p.primary(); err != nil {
					return nil, err
				}
			}
			_ = p.accept("rows") || p.accept("row")
			if err := p.expect("only"); err != nil {
				return nil, err
			}
		case p.peek().Is("for"):
			return nil, unsup("FOR UPDATE/SHARE is not supported")
		default:
			return s, nil
		}
	}
}

func (p *parser) simpleSelect() (*selectStmt, error) {
	if p.acceptOp("(") {
		s, err := p.query()
		if err != nil {
			return nil, err
		}
		return s, p.expectOp(")")
	}
	if err := p.expect("select"); err != nil {
		return nil, err
	}
	s := &selectStmt{}
	if p.accept("distinct") {
		if p.peek().Is("on") {
			return nil, unsup("DISTINCT ON is not supported")
		}
		s.distinct = true
	}
	p.accept("all")
	for {
		if t := p.peek(); t.Kind == sqllex.EOF || t.Is("from") {
			break
		}
		it, err := p.selectItem()
		if err != nil {
			return nil, err
		}
		s.items = append(s.items, it)
		if !p.acceptOp(",") {
			break
		}
	}
	var err error
	if p.accept("from") {
		if s.from, err = p.fromList(); err != nil {
			return nil, err
		}
	}
	if p.accept("where") {
		if s.where, err = p.expr(); err != nil {
			return nil, err
		}
	}
	if p.accept("group", "by") {
		for {
			e, err := p.expr()
			if err != nil {
				return nil, err
			}
			s.groupBy = append(s.groupBy, e)
			if !p.acceptOp(",") {
				break
			}
		}
	}
	if p.accept("having") {
		if s.having, err = p.expr(); err != nil {
			return nil, err
		}
	}
	if p.peek().Is("window") {
		return nil, unsup("WINDOW is not supported")
	}
	return s, nil
}

func (p *parser) selectItem() (selItem, error) {
	if p.acceptOp("*") {
		return selItem{e: star{}}, nil
	}
	if p.peek().Name() && p.at(1).IsOp(".") && p.at(2).IsOp("*") {
		q := p.next().Text
		p.i += 2
		return selItem{e: star{qual: q}}, nil
	}
	e, err := p.expr()
	if err != nil {
		return selItem{}, err
	}
	it := selItem{e: e}
	if p.accept("as") {
		t := p.next()
		if !t.Name() {
			return it, unsup("expected an alias after AS, found %s", t)
		}
		it.alias = t.Text
	} else if t := p.peek(); t.Kind == sqllex.QIdent || t.Kind == sqllex.Ident && !clauseWord(t.Text) {
		p.i++
		it.alias = t.Text
	}
	return it, nil
}

// clauseWord lists the words that end a select item or FROM item
// rather than name it.
func clauseWord(w string) bool {
	switch w {
	case "from", "where", "group", "having", "order", "limit", "offset", "fetch", "union", "intersect", "except",
		"join", "inner", "left", "right", "full", "cross", "natural", "on", "using", "window", "for", "as", "and", "or":
		return true
	}
	return false
}

func (p *parser) orderList() ([]orderItem, error) {
	var out []orderItem
	for {
		e, err := p.expr()
		if err != nil {
			return nil, err
		}
		it := orderItem{e: e}
		if p.accept("desc") {
			it.desc = true
		} else {
			p.accept("asc")
		}
		if p.accept("nulls") {
			if !p.accept("first") && !p.accept("last") {
				return nil, unsup("expected FIRST or LAST after NULLS")
			}
		}
		out = append(out, it)
		if !p.acceptOp(",") {
			return out, nil
		}
	}
}

func (p *parser) fromList() ([]fromItem, error) {
	var out []fromItem
	join := ","
	for {
		it, err := p.fromItem()
		if err != nil {
			return nil, err
		}
		it.join = join
		if len(out) > 0 && (join == "inner" || join == "left") {
			if p.accept("using") {
				return nil, unsup("JOIN … USING is not supported")
			}
			if err := p.expect("on"); err != nil {
				return nil, err
			}
			if it.on, err = p.expr(); err != nil {
				return nil, err
			}
		}
		out = append(out, it)
		switch {
		case p.acceptOp(","):
			join = ","
		case p.accept("join"), p.accept("inner", "join"):
			join = "inner"
		case p.accept("left", "join"), p.accept("left", "outer", "join"):
			join = "left"
		case p.accept("cross", "join"):
			join = "cross"
		case p.peek().Is("right") || p.peek().Is("full") || p.peek().Is("natural"):
			return nil, unsup("%s JOIN is not supported", strings.ToUpper(p.peek().Text))
		default:
			return out, nil
		}
	}
}

func (p *parser) fromItem() (fromItem, error) {
	var it fromItem
	if p.peek().Is("lateral") {
		return it, unsup("LATERAL is not supported")
	}
	if p.acceptOp("(") {
		if !p.peek().Is("select") && !p.peek().IsOp("(") {
			return it, unsup("a parenthesised join is not supported")
		}
		sub, err := p.query()
		if err != nil {
			return it, err
		}
		if err := p.expectOp(")"); err != nil {
			return it, err
		}
		it.sub = sub
	} else {
		t := p.next()
		if !t.Name() {
			return it, unsup("expected a table, found %s", t)
		}
		it.name = t.Text
		if p.acceptOp(".") {
			n := p.next()
			if !n.Name() {
				return it, unsup("expected a table after %s., found %s", t.Text, n)
			}
			it.ns, it.name = t.Text, n.Text
		}
		if p.peek().IsOp("(") {
			return it, unsup("functions in FROM (%s) are not supported", it.name)
		}
	}
	if p.accept("as") {
		t := p.next()
		if !t.Name() {
			return it, unsup("expected an alias, found %s", t)
		}
		it.alias = t.Text
	} else if t := p.peek(); t.Kind == sqllex.QIdent || t.Kind == sqllex.Ident && !clauseWord(t.Text) {
		p.i++
		it.alias = t.Text
	}
	if it.alias != "" && p.acceptOp("(") {
		for {
			t := p.next()
			if !t.Name() {
				return it, unsup("expected a column alias, found %s", t)
			}
			it.colAlias = append(it.colAlias, t.Text)
			if p.acceptOp(")") {
				break
			}
			if err := p.expectOp(","); err != nil {
				return it, err
			}
		}
	}
	if it.alias == "" {
		if it.sub != nil {
			return it, unsup("a subquery in FROM needs an alias")
		}
		it.alias = it.name
	}
	return it, nil
}

// Expressions, loosest binding first.

func (p *parser) expr() (expr, error) { return p.or() }

func (p *parser) or() (expr, error) {
	l, err := p.and()
	for err == nil && p.accept("or") {
		var r expr
		if r, err = p.and(); err == nil {
			l = binary{"or", l, r}
		}
	}
	return l, err
}

func (p *parser) and() (expr, error) {
	l, err := p.not()
	for err == nil && p.accept("and") {
		var r expr
		if r, err = p.not(); err == nil {
			l = binary{"and", l, r}
		}
	}
	return l, err
}

func (p *parser) not() (expr, error) {
	if p.accept("not") {
		x, err := p.not()
		return unary{"not", x}, err
	}
	return p.is()
}

func (p *parser) is() (expr, error) {
	x, err := p.comparison()
	for err == nil {
		switch {
		case p.accept("is"):
			not := p.accept("not")
			switch {
			case p.accept("null"):
				x = isTest{x, not, "null"}
			case p.accept("true"):
				x = isTest{x, not, "true"}
			case p.accept("false"):
				x = isTest{x, not, "false"}
			case p.accept("distinct", "from"):
				r, err := p.comparison()
				if err != nil {
					return nil, err
				}
				op := "is distinct from"
				if not {
					op = "is not distinct from"
				}
				x = binary{op, x, r}
			default:
				return nil, unsup("IS %s is not supported", p.peek())
			}
		case p.accept("isnull"):
			x = isTest{x, false, "null"}
		case p.accept("notnull"):
			x = isTest{x, true, "null"}
		default:
			return x, nil
		}
	}
	return x, err
}

var comparisons = map[string]string{"=": "=", "<>": "<>", "!=": "<>", "<": "<", ">": ">", "<=": "<=", ">=": ">="}

func (p *parser) comparison() (expr, error) {
	l, err := p.predicate()
	if err != nil {
		return nil, err
	}
	for {
		t := p.peek()
		op, ok := comparisons[t.Text]
		if t.Kind != sqllex.Op || !ok {
			return l, nil
		}
		p.i++
		if q := p.peek(); (q.Is("any") || q.Is("some") || q.Is("all")) && p.at(1).IsOp("(") {
			p.i += 2
			aa := anyAll{x: l, op: op, all: q.Is("all")}
			if p.peek().Is("select") {
				if aa.sub, err = p.query(); err != nil {
					return nil, err
				}
			} else if aa.arr, err = p.expr(); err != nil {
				return nil, err
			}
			if err := p.expectOp(")"); err != nil {
				return nil, err
			}
			l = aa
			continue
		}
		r, err := p.predicate()
		if err != nil {
			return nil, err
		}
		l = binary{op, l, r}
	}
}

// predicate: IN, LIKE, BETWEEN over the operator levels.
func (p *parser) predicate() (expr, error) {
	x, err := p.other()
	if err != nil {
		return nil, err
	}
	for {
		save := p.i
		not := p.accept("not")
		switch {
		case p.accept("in"):
			if err := p.expectOp("("); err != nil {
				return nil, err
			}
			in := inList{x: x, not: not}
			if p.peek().Is("select") {
				if in.sub, err = p.query(); err != nil {
					return nil, err
				}
			} else {
				for {
					e, err := p.expr()
					if err != nil {
						return nil, err
					}
					in.list = append(in.list, e)
					if !p.acceptOp(",") {
						break
					}
				}
			}
			if err := p.expectOp(")"); err != nil {
				return nil, err
			}
			x = in
		case p.accept("like"), p.accept("ilike"):
			ci := p.toks[p.i-1].Is("ilike")
			pat, err := p.other()
			if err != nil {
				return nil, err
			}
			if p.accept("escape") {
				return nil, unsup("LIKE … ESCAPE is not supported")
			}
			x = likeExpr{x, pat, not, ci}
		case p.accept("between"):
			p.accept("symmetric")
			lo, err := p.other()
			if err != nil {
				return nil, err
			}
			if err := p.expect("and"); err != nil {
				return nil, err
			}
			hi, err := p.other()
			if err != nil {
				return nil, err
			}
			x = between{x, lo, hi, not}
		default:
			p.i = save
			return x, nil
		}
	}
}

// other: the generic operators (||, @>, <@, &&, ~, …), left-associative.
func (p *parser) other() (expr, error) {
	l, err := p.additive()
	for err == nil {
		t := p.peek()
		if t.Kind != sqllex.Op {
			return l, nil
		}
		switch t.Text {
		case "||", "@>", "<@", "&&", "~", "~*", "!~", "!~*", "~~", "!~~":
		default:
			return l, nil
		}
		p.i++
		var r expr
		if r, err = p.additive(); err == nil {
			l = binary{t.Text, l, r}
		}
	}
	return l, err
}

func (p *parser) additive() (expr, error) {
	l, err := p.multiplicative()
	for err == nil && (p.peek().IsOp("+") || p.peek().IsOp("-")) {
		op := p.next().Text
		var r expr
		if r, err = p.multiplicative(); err == nil {
			l = binary{op, l, r}
		}
	}
	return l, err
}

func (p *parser) multiplicative() (expr, error) {
	l, err := p.unaryExpr()
	for err == nil && (p.peek().IsOp("*") || p.peek().IsOp("/") || p.peek().IsOp("%")) {
		op := p.next().Text
		var r expr
		if r, err = p.unaryExpr(); err == nil {
			l = binary{op, l, r}
		}
	}
	return l, err
}

func (p *parser) unaryExpr() (expr, error) {
	if p.acceptOp("-") {
		x, err := p.unaryExpr()
		return unary{"-", x}, err
	}
	p.acceptOp("+")
	return p.postfix()
}

func (p *parser) postfix() (expr, error) {
	x, err := p.primary()
	for err == nil {
		switch {
		case p.acceptOp("::"):
			var t typeRef
			if t, err = p.typeName(); err == nil {
				x = castExpr{x, t}
			}
		case p.acceptOp("["):
			var idx expr
			if idx, err = p.expr(); err != nil {
				return nil, err
			}
			if p.peek().IsOp(":") {
				return nil, unsup("array slices are not supported")
			}
			if err = p.expectOp("]"); err == nil {
				x = subscript{x, idx}
			}
		case p.peek().Is("collate"):
			p.i++
			p.next()
		case p.peek().Is("at") && p.at(1).Is("time") && p.at(2).Is("zone"):
			return nil, unsup("AT TIME ZONE is not supported")
		default:
			return x, nil
		}
	}
	return x, err
}

// typeName reads a cast target: one or more words, a quoted name,
// optional modifiers and [] suffixes.
func (p *parser) typeName() (typeRef, error) {
	t := p.next()
	if !t.Name() {
		return typeRef{}, unsup("expected a type, found %s", t)
	}
	name := t.Text
	if p.peek().IsOp(".") && t.Kind == sqllex.Ident {
		p.i++
		n := p.next()
		if !n.Name() {
			return typeRef{}, unsup("expected a type, found %s", n)
		}
		name = n.Text
	}
	switch {
	case name == "character" && p.accept("varying"):
		name = "varchar"
	case name == "double" && p.accept("precision"):
		name = "float8"
	case (name == "timestamp" || name == "time") && (p.accept("with", "time", "zone")):
		name += "tz"
	case (name == "timestamp" || name == "time") && p.accept("without", "time", "zone"):
	}
	if p.peek().IsOp("(") {
		for !p.acceptOp(")") {
			if p.next().Kind == sqllex.EOF {
				return typeRef{}, unsup("unterminated type modifier")
			}
		}
	}
	ref := typeRef{udt: canonicalType(name, t.Kind == sqllex.QIdent)}
	for p.acceptOp("[") {
		if p.peek().Kind == sqllex.Number {
			p.i++
		}
		if err := p.expectOp("]"); err != nil {
			return typeRef{}, err
		}
		ref.array = true
	}
	return ref, nil
}

func canonicalType(name string, quoted bool) string {
	if quoted {
		return name // "char" is the one-byte type
	}
	switch name {
	case "int", "integer":
		return "int4"
	case "smallint":
		return "int2"
	case "bigint":
		return "int8"
	case "boolean":
		return "bool"
	case "real":
		return "float4"
	case "float":
		return "float8"
	case "char", "character":
		return "bpchar"
	case "decimal":
		return "numeric"
	}
	return name
}

func (p *parser) primary() (expr, error) {
	t := p.peek()
	switch t.Kind {
	case sqllex.Number:
		p.i++
		s := strings.ReplaceAll(t.Text, "_", "")
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			if n >= -1<<31 && n < 1<<31 {
				return lit{n, oidInt4}, nil
			}
			return lit{n, oidInt8}, nil
		}
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return nil, unsup("number %s", t.Text)
		}
		return lit{f, oidNumeric}, nil
	case sqllex.String:
		p.i++
		return lit{t.Text, oidUnknown}, nil
	case sqllex.Param:
		return nil, unsup("query parameters ($n) are not supported")
	case sqllex.Op:
		if p.acceptOp("(") {
			if p.peek().Is("select") {
				sub, err := p.query()
				if err != nil {
					return nil, err
				}
				return scalarSub{sub}, p.expectOp(")")
			}
			e, err := p.expr()
			if err != nil {
				return nil, err
			}
			if p.peek().IsOp(",") {
				return nil, unsup("row constructors are not supported")
			}
			return e, p.expectOp(")")
		}
		return nil, unsup("unexpected %s", t)
	case sqllex.QIdent:
		return p.nameExpr()
	case sqllex.EOF:
		return nil, unsup("unexpected end of query")
	}
	switch t.Text {
	case "null":
		p.i++
		return lit{nil, oidUnknown}, nil
	case "true", "false":
		p.i++
		return lit{t.Text == "true", oidBool}, nil
	case "array":
		p.i++
		if p.acceptOp("(") {
			sub, err := p.query()
			if err != nil {
				return nil, err
			}
			return arraySub{sub}, p.expectOp(")")
		}
		if err := p.expectOp("["); err != nil {
			return nil, err
		}
		var a arrayLit
		if p.acceptOp("]") {
			return a, nil
		}
		for {
			e, err := p.expr()
			if err != nil {
				return nil, err
			}
			a.elems = append(a.elems, e)
			if p.acceptOp("]") {
				return a, nil
			}
			if err := p.expectOp(","); err != nil {
				return nil, err
			}
		}
	case "exists":
		p.i++
		if err := p.expectOp("("); err != nil {
			return nil, err
		}
		sub, err := p.query()
		if err != nil {
			return nil, err
		}
		return existsSub{sub}, p.expectOp(")")
	case "case":
		return p.caseExpr()
	case "cast":
		p.i++
		if err := p.expectOp("("); err != nil {
			return nil, err
		}
		x, err := p.expr()
		if err != nil {
			return nil, err
		}
		if err := p.expect("as"); err != nil {
			return nil, err
		}
		typ, err := p.typeName()
		if err != nil {
			return nil, err
		}
		return castExpr{x, typ}, p.expectOp(")")
	case "current_schema", "current_user", "session_user", "current_catalog", "user":
		if !p.at(1).IsOp("(") {
			p.i++
			return call{name: t.Text}, nil
		}
	case "select":
		return nil, unsup("a subquery needs parentheses")
	}
	// A type name before a string is a typed literal: date '2020-01-01'.
	if p.at(1).Kind == sqllex.String && (t.Text == "date" || t.Text == "timestamp" || t.Text == "interval" || t.Text == "text" || t.Text == "int") {
		p.i++
		s := p.next().Text
		return castExpr{lit{s, oidUnknown}, typeRef{udt: canonicalType(t.Text, false)}}, nil
	}
	return p.nameExpr()
}

// nameExpr reads a column reference or a function call.
func (p *parser) nameExpr() (expr, error) {
	first := p.next()
	parts := []string{first.Text}
	for p.peek().IsOp(".") && (p.at(1).Name()) {
		p.i++
		parts = append(parts, p.next().Text)
	}
	if len(parts) == 1 && p.peek().IsOp(".") && p.at(1).IsOp("*") {
		p.i += 2
		return rowRef{qual: parts[0]}, nil
	}
	if p.peek().IsOp("(") && first.Kind == sqllex.Ident {
		name := parts[len(parts)-1]
		switch {
		case len(parts) == 2 && parts[0] == "information_schema" && strings.HasPrefix(name, "_pg_"):
			name = "information_schema." + name
		case len(parts) > 2 || len(parts) == 2 && parts[0] != "pg_catalog":
			return nil, unsup("function %s is not supported", strings.Join(parts, "."))
		}
		return p.callArgs(name)
	}
	switch len(parts) {
	case 1:
		return colRef{name: parts[0]}, nil
	case 2:
		return colRef{qual: parts[0], name: parts[1]}, nil
	}
	// schema.table.column: the qualifier is the table.
	return colRef{qual: parts[len(parts)-2], name: parts[len(parts)-1]}, nil
}

func (p *parser) callArgs(name string) (expr, error) {
	p.i++ // (
	c := call{name: name}
	if p.acceptOp("*") {
		c.star = true
		if err := p.expectOp(")"); err != nil {
			return nil, err
		}
	} else if !p.acceptOp(")") {
		c.distinct = p.accept("distinct")
		for {
			e, err := p.expr()
			if err != nil {
				return nil, err
			}
			c.args = append(c.args, e)
			if p.acceptOp(",") {
				continue
			}
			if p.accept("order", "by") {
				if c.orderBy, err = p.orderList(); err != nil {
					return nil, err
				}
			}
			if err := p.expectOp(")"); err != nil {
				return nil, err
			}
			break
		}
	}
	if p.accept("filter") {
		if err := p.expectOp("("); err != nil {
			return nil, err
		}
		if err := p.expect("where"); err != nil {
			return nil, err
		}
		f, err := p.expr()
		if err != nil {
			return nil, err
		}
		c.filter = f
		if err := p.expectOp(")"); err != nil {
			return nil, err
		}
	}
	if p.peek().Is("over") {
		return nil, unsup("window functions are not supported")
	}
	if p.peek().Is("within") {
		return nil, unsup("WITHIN GROUP is not supported")
	}
	return c, nil
}

func (p *parser) caseExpr() (expr, error) {
	p.i++
	var c caseExpr
	var err error
	if !p.peek().Is("when") {
		if c.operand, err = p.expr(); err != nil {
			return nil, err
		}
	}
	for p.accept("when") {
		w, err := p.expr()
		if err != nil {
			return nil, err
		}
		if err := p.expect("then"); err != nil {
			return nil, err
		}
		th, err := p.expr()
		if err != nil {
			return nil, err
		}
		c.whens = append(c.whens, [2]expr{w, th})
	}
	if len(c.whens) == 0 {
		return nil, unsup("CASE without WHEN")
	}
	if p.accept("else") {
		if c.els, err = p.expr(); err != nil {
			return nil, err
		}
	}
	return c, p.expect("end")
}
