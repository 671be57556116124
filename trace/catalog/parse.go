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

type parser struct{ sqllex.Cursor }

func (p *parser) expectOp(op string) error {
	if !p.AcceptOp(op) {
		return unsup("expected '%s', found %s", op, p.Peek())
	}
	return nil
}

func (p *parser) expect(word string) error {
	if !p.Accept(word) {
		return unsup("expected %s, found %s", strings.ToUpper(word), p.Peek())
	}
	return nil
}

// parseQuery reads a whole statement.
func parseQuery(toks []sqllex.Token) (*selectStmt, error) {
	p := &parser{Cursor: sqllex.Cursor{Toks: toks}}
	s, err := p.query()
	if err != nil {
		return nil, err
	}
	if t := p.Peek(); t.Kind != sqllex.EOF {
		return nil, unsup("unexpected %s", t)
	}
	return s, nil
}

// query reads a select with its UNIONs, ORDER BY and LIMIT.
func (p *parser) query() (*selectStmt, error) {
	if p.Peek().Is("with") {
		return nil, unsup("WITH queries are not supported")
	}
	s, err := p.simpleSelect()
	if err != nil {
		return nil, err
	}
	for p.Accept("union") {
		all := p.Accept("all")
		p.Accept("distinct")
		u, err := p.simpleSelect()
		if err != nil {
			return nil, err
		}
		s.union = append(s.union, unionPart{all, u})
	}
	if p.Peek().Is("intersect") || p.Peek().Is("except") {
		return nil, unsup("%s is not supported", strings.ToUpper(p.Peek().Text))
	}
	if p.Accept("order", "by") {
		if s.orderBy, err = p.orderList(); err != nil {
			return nil, err
		}
	}
	for {
		switch {
		case p.Accept("limit"):
			if p.Accept("all") {
				continue
			}
			if s.limit, err = p.expr(); err != nil {
				return nil, err
			}
		case p.Accept("offset"):
			if s.offset, err = p.expr(); err != nil {
				return nil, err
			}
			_ = p.Accept("rows") || p.Accept("row")
		case p.Accept("fetch"):
			_ = p.Accept("first") || p.Accept("next")
			s.limit = lit{int64(1), oidInt8}
			if !p.Peek().Is("row") && !p.Peek().Is("rows") {
				if s.limit, err = p.primary(); err != nil {
					return nil, err
				}
			}
			_ = p.Accept("rows") || p.Accept("row")
			if err := p.expect("only"); err != nil {
				return nil, err
			}
		case p.Peek().Is("for"):
			return nil, unsup("FOR UPDATE/SHARE is not supported")
		default:
			return s, nil
		}
	}
}

func (p *parser) simpleSelect() (*selectStmt, error) {
	if p.AcceptOp("(") {
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
	if p.Accept("distinct") {
		if p.Peek().Is("on") {
			return nil, unsup("DISTINCT ON is not supported")
		}
		s.distinct = true
	}
	p.Accept("all")
	for {
		if t := p.Peek(); t.Kind == sqllex.EOF || t.Is("from") {
			break
		}
		it, err := p.selectItem()
		if err != nil {
			return nil, err
		}
		s.items = append(s.items, it)
		if !p.AcceptOp(",") {
			break
		}
	}
	var err error
	if p.Accept("from") {
		if s.from, err = p.fromList(); err != nil {
			return nil, err
		}
	}
	if p.Accept("where") {
		if s.where, err = p.expr(); err != nil {
			return nil, err
		}
	}
	if p.Accept("group", "by") {
		for {
			e, err := p.expr()
			if err != nil {
				return nil, err
			}
			s.groupBy = append(s.groupBy, e)
			if !p.AcceptOp(",") {
				break
			}
		}
	}
	if p.Accept("having") {
		if s.having, err = p.expr(); err != nil {
			return nil, err
		}
	}
	if p.Peek().Is("window") {
		return nil, unsup("WINDOW is not supported")
	}
	return s, nil
}

func (p *parser) selectItem() (selItem, error) {
	if p.AcceptOp("*") {
		return selItem{e: star{}}, nil
	}
	if p.Peek().Name() && p.At(1).IsOp(".") && p.At(2).IsOp("*") {
		q := p.Next().Text
		p.I += 2
		return selItem{e: star{qual: q}}, nil
	}
	e, err := p.expr()
	if err != nil {
		return selItem{}, err
	}
	it := selItem{e: e}
	if p.Accept("as") {
		t := p.Next()
		if !t.Name() {
			return it, unsup("expected an alias after AS, found %s", t)
		}
		it.alias = t.Text
	} else if t := p.Peek(); t.Kind == sqllex.QIdent || t.Kind == sqllex.Ident && !clauseWord(t.Text) {
		p.I++
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
		if p.Accept("desc") {
			it.desc = true
		} else {
			p.Accept("asc")
		}
		if p.Accept("nulls") {
			if !p.Accept("first") && !p.Accept("last") {
				return nil, unsup("expected FIRST or LAST after NULLS")
			}
		}
		out = append(out, it)
		if !p.AcceptOp(",") {
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
			if p.Accept("using") {
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
		case p.AcceptOp(","):
			join = ","
		case p.Accept("join"), p.Accept("inner", "join"):
			join = "inner"
		case p.Accept("left", "join"), p.Accept("left", "outer", "join"):
			join = "left"
		case p.Accept("cross", "join"):
			join = "cross"
		case p.Peek().Is("right") || p.Peek().Is("full") || p.Peek().Is("natural"):
			return nil, unsup("%s JOIN is not supported", strings.ToUpper(p.Peek().Text))
		default:
			return out, nil
		}
	}
}

func (p *parser) fromItem() (fromItem, error) {
	var it fromItem
	if p.Peek().Is("lateral") {
		return it, unsup("LATERAL is not supported")
	}
	if p.AcceptOp("(") {
		if !p.Peek().Is("select") && !p.Peek().IsOp("(") {
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
		t := p.Next()
		if !t.Name() {
			return it, unsup("expected a table, found %s", t)
		}
		it.name = t.Text
		if p.AcceptOp(".") {
			n := p.Next()
			if !n.Name() {
				return it, unsup("expected a table after %s., found %s", t.Text, n)
			}
			it.ns, it.name = t.Text, n.Text
		}
		if p.Peek().IsOp("(") {
			return it, unsup("functions in FROM (%s) are not supported", it.name)
		}
	}
	if p.Accept("as") {
		t := p.Next()
		if !t.Name() {
			return it, unsup("expected an alias, found %s", t)
		}
		it.alias = t.Text
	} else if t := p.Peek(); t.Kind == sqllex.QIdent || t.Kind == sqllex.Ident && !clauseWord(t.Text) {
		p.I++
		it.alias = t.Text
	}
	if it.alias != "" && p.AcceptOp("(") {
		for {
			t := p.Next()
			if !t.Name() {
				return it, unsup("expected a column alias, found %s", t)
			}
			it.colAlias = append(it.colAlias, t.Text)
			if p.AcceptOp(")") {
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
	for err == nil && p.Accept("or") {
		var r expr
		if r, err = p.and(); err == nil {
			l = binary{"or", l, r}
		}
	}
	return l, err
}

func (p *parser) and() (expr, error) {
	l, err := p.not()
	for err == nil && p.Accept("and") {
		var r expr
		if r, err = p.not(); err == nil {
			l = binary{"and", l, r}
		}
	}
	return l, err
}

func (p *parser) not() (expr, error) {
	if p.Accept("not") {
		x, err := p.not()
		return unary{"not", x}, err
	}
	return p.is()
}

func (p *parser) is() (expr, error) {
	x, err := p.comparison()
	for err == nil {
		switch {
		case p.Accept("is"):
			not := p.Accept("not")
			switch {
			case p.Accept("null"):
				x = isTest{x, not, "null"}
			case p.Accept("true"):
				x = isTest{x, not, "true"}
			case p.Accept("false"):
				x = isTest{x, not, "false"}
			case p.Accept("distinct", "from"):
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
				return nil, unsup("IS %s is not supported", p.Peek())
			}
		case p.Accept("isnull"):
			x = isTest{x, false, "null"}
		case p.Accept("notnull"):
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
		t := p.Peek()
		op, ok := comparisons[t.Text]
		if t.Kind != sqllex.Op || !ok {
			return l, nil
		}
		p.I++
		if q := p.Peek(); (q.Is("any") || q.Is("some") || q.Is("all")) && p.At(1).IsOp("(") {
			p.I += 2
			aa := anyAll{x: l, op: op, all: q.Is("all")}
			if p.Peek().Is("select") {
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
		save := p.I
		not := p.Accept("not")
		switch {
		case p.Accept("in"):
			if err := p.expectOp("("); err != nil {
				return nil, err
			}
			in := inList{x: x, not: not}
			if p.Peek().Is("select") {
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
					if !p.AcceptOp(",") {
						break
					}
				}
			}
			if err := p.expectOp(")"); err != nil {
				return nil, err
			}
			x = in
		case p.Accept("like"), p.Accept("ilike"):
			ci := p.Toks[p.I-1].Is("ilike")
			pat, err := p.other()
			if err != nil {
				return nil, err
			}
			if p.Accept("escape") {
				return nil, unsup("LIKE … ESCAPE is not supported")
			}
			x = likeExpr{x, pat, not, ci}
		case p.Accept("between"):
			p.Accept("symmetric")
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
			p.I = save
			return x, nil
		}
	}
}

// other: the generic operators (||, @>, <@, &&, ~, …), left-associative.
func (p *parser) other() (expr, error) {
	l, err := p.additive()
	for err == nil {
		t := p.Peek()
		if t.Kind != sqllex.Op {
			return l, nil
		}
		switch t.Text {
		case "||", "@>", "<@", "&&", "~", "~*", "!~", "!~*", "~~", "!~~":
		default:
			return l, nil
		}
		p.I++
		var r expr
		if r, err = p.additive(); err == nil {
			l = binary{t.Text, l, r}
		}
	}
	return l, err
}

func (p *parser) additive() (expr, error) {
	l, err := p.multiplicative()
	for err == nil && (p.Peek().IsOp("+") || p.Peek().IsOp("-")) {
		op := p.Next().Text
		var r expr
		if r, err = p.multiplicative(); err == nil {
			l = binary{op, l, r}
		}
	}
	return l, err
}

func (p *parser) multiplicative() (expr, error) {
	l, err := p.unaryExpr()
	for err == nil && (p.Peek().IsOp("*") || p.Peek().IsOp("/") || p.Peek().IsOp("%")) {
		op := p.Next().Text
		var r expr
		if r, err = p.unaryExpr(); err == nil {
			l = binary{op, l, r}
		}
	}
	return l, err
}

func (p *parser) unaryExpr() (expr, error) {
	if p.AcceptOp("-") {
		x, err := p.unaryExpr()
		return unary{"-", x}, err
	}
	p.AcceptOp("+")
	return p.postfix()
}

func (p *parser) postfix() (expr, error) {
	x, err := p.primary()
	for err == nil {
		switch {
		case p.AcceptOp("::"):
			var t typeRef
			if t, err = p.typeName(); err == nil {
				x = castExpr{x, t}
			}
		case p.AcceptOp("["):
			var idx expr
			if idx, err = p.expr(); err != nil {
				return nil, err
			}
			if p.Peek().IsOp(":") {
				return nil, unsup("array slices are not supported")
			}
			if err = p.expectOp("]"); err == nil {
				x = subscript{x, idx}
			}
		case p.Peek().Is("collate"):
			p.I++
			p.Next()
		case p.Peek().Is("at") && p.At(1).Is("time") && p.At(2).Is("zone"):
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
	t := p.Next()
	if !t.Name() {
		return typeRef{}, unsup("expected a type, found %s", t)
	}
	name := t.Text
	if p.Peek().IsOp(".") && t.Kind == sqllex.Ident {
		p.I++
		n := p.Next()
		if !n.Name() {
			return typeRef{}, unsup("expected a type, found %s", n)
		}
		name = n.Text
	}
	switch {
	case name == "character" && p.Accept("varying"):
		name = "varchar"
	case name == "double" && p.Accept("precision"):
		name = "float8"
	case (name == "timestamp" || name == "time") && (p.Accept("with", "time", "zone")):
		name += "tz"
	case (name == "timestamp" || name == "time") && p.Accept("without", "time", "zone"):
	}
	if p.Peek().IsOp("(") {
		for !p.AcceptOp(")") {
			if p.Next().Kind == sqllex.EOF {
				return typeRef{}, unsup("unterminated type modifier")
			}
		}
	}
	ref := typeRef{udt: canonicalType(name, t.Kind == sqllex.QIdent)}
	for p.AcceptOp("[") {
		if p.Peek().Kind == sqllex.Number {
			p.I++
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
	t := p.Peek()
	switch t.Kind {
	case sqllex.Number:
		p.I++
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
		p.I++
		return lit{t.Text, oidUnknown}, nil
	case sqllex.Param:
		return nil, unsup("query parameters ($n) are not supported")
	case sqllex.Op:
		if p.AcceptOp("(") {
			if p.Peek().Is("select") {
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
			if p.Peek().IsOp(",") {
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
		p.I++
		return lit{nil, oidUnknown}, nil
	case "true", "false":
		p.I++
		return lit{t.Text == "true", oidBool}, nil
	case "array":
		p.I++
		if p.AcceptOp("(") {
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
		if p.AcceptOp("]") {
			return a, nil
		}
		for {
			e, err := p.expr()
			if err != nil {
				return nil, err
			}
			a.elems = append(a.elems, e)
			if p.AcceptOp("]") {
				return a, nil
			}
			if err := p.expectOp(","); err != nil {
				return nil, err
			}
		}
	case "exists":
		p.I++
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
		p.I++
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
		if !p.At(1).IsOp("(") {
			p.I++
			return call{name: t.Text}, nil
		}
	case "select":
		return nil, unsup("a subquery needs parentheses")
	}
	// A type name before a string is a typed literal: date '2020-01-01'.
	if p.At(1).Kind == sqllex.String && (t.Text == "date" || t.Text == "timestamp" || t.Text == "interval" || t.Text == "text" || t.Text == "int") {
		p.I++
		s := p.Next().Text
		return castExpr{lit{s, oidUnknown}, typeRef{udt: canonicalType(t.Text, false)}}, nil
	}
	return p.nameExpr()
}

// nameExpr reads a column reference or a function call.
func (p *parser) nameExpr() (expr, error) {
	first := p.Next()
	parts := []string{first.Text}
	for p.Peek().IsOp(".") && (p.At(1).Name()) {
		p.I++
		parts = append(parts, p.Next().Text)
	}
	if len(parts) == 1 && p.Peek().IsOp(".") && p.At(1).IsOp("*") {
		p.I += 2
		return rowRef{qual: parts[0]}, nil
	}
	if p.Peek().IsOp("(") && first.Kind == sqllex.Ident {
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
	p.I++ // (
	c := call{name: name}
	if p.AcceptOp("*") {
		c.star = true
		if err := p.expectOp(")"); err != nil {
			return nil, err
		}
	} else if !p.AcceptOp(")") {
		c.distinct = p.Accept("distinct")
		for {
			e, err := p.expr()
			if err != nil {
				return nil, err
			}
			c.args = append(c.args, e)
			if p.AcceptOp(",") {
				continue
			}
			if p.Accept("order", "by") {
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
	if p.Accept("filter") {
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
	if p.Peek().Is("over") {
		return nil, unsup("window functions are not supported")
	}
	if p.Peek().Is("within") {
		return nil, unsup("WITHIN GROUP is not supported")
	}
	return c, nil
}

func (p *parser) caseExpr() (expr, error) {
	p.I++
	var c caseExpr
	var err error
	if !p.Peek().Is("when") {
		if c.operand, err = p.expr(); err != nil {
			return nil, err
		}
	}
	for p.Accept("when") {
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
	if p.Accept("else") {
		if c.els, err = p.expr(); err != nil {
			return nil, err
		}
	}
	return c, p.expect("end")
}
