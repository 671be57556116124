package schema

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/migrate-runner/migrate-runner/trace/internal/sqllex"
)

// Load reads a schema file. Statements it does not model are skipped;
// a statement it models but cannot read is an error naming file:line.
func Load(path string) (*Schema, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("--schema: %w", err)
	}
	s := New()
	if err := s.Parse(path, string(src)); err != nil {
		return nil, err
	}
	return s, nil
}

// ParseError is a statement of a schema file that could not be read.
type ParseError struct {
	File string
	Line int
	Msg  string
}

func (e *ParseError) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg) }

// Parse adds the statements of src (named file in errors) to s.
func (s *Schema) Parse(file, src string) error {
	stmts, err := sqllex.Split(src)
	if err != nil {
		var le *sqllex.Error
		if errors.As(err, &le) {
			return &ParseError{file, le.Line, le.Msg}
		}
		return fmt.Errorf("%s: %w", file, err)
	}
	for _, st := range stmts {
		p := &parser{s: s, src: src, Cursor: sqllex.Cursor{Toks: st.Tokens}, pos: fmt.Sprintf("%s:%d", file, st.Line), strict: true}
		if err := p.statement(); err != nil {
			line := st.Line
			var pe *parseErr
			if errors.As(err, &pe) && pe.line > 0 {
				line = pe.line
			}
			return &ParseError{file, line, err.Error()}
		}
	}
	return nil
}

// Apply updates s with a statement a traced script sent: what the
// package models changes, anything else (or anything it cannot read, or
// that PostgreSQL would refuse) leaves s as it is. It reports whether
// the statement changed the schema.
func (s *Schema) Apply(st sqllex.Statement, src string) bool {
	p := &parser{s: s, src: src, Cursor: sqllex.Cursor{Toks: st.Tokens}, pos: "trace"}
	before := s.nextOID
	changed, err := p.statementChanged()
	return err == nil && (changed || s.nextOID != before)
}

type parseErr struct {
	line int
	msg  string
}

func (e *parseErr) Error() string { return e.msg }

type parser struct {
	sqllex.Cursor
	s      *Schema
	src    string
	pos    string
	strict bool // a schema file: refuse what PostgreSQL would refuse
	what   string
}

func (p *parser) errorf(format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	if p.what != "" {
		msg = p.what + ": " + msg
	}
	return &parseErr{p.Peek().Line, msg}
}

func (p *parser) expect(word string) error {
	if !p.Accept(word) {
		return p.errorf("expected %s, found %s", strings.ToUpper(word), p.Peek())
	}
	return nil
}

func (p *parser) expectOp(op string) error {
	if !p.AcceptOp(op) {
		return p.errorf("expected '%s', found %s", op, p.Peek())
	}
	return nil
}

func (p *parser) ident() (string, error) {
	t := p.Peek()
	if !t.Name() {
		return "", p.errorf("expected a name, found %s", t)
	}
	p.I++
	return t.Text, nil
}

// qualified reads [schema.]name (a leading database part is dropped).
func (p *parser) qualified() (ns, name string, err error) {
	parts := []string{}
	for {
		n, err := p.ident()
		if err != nil {
			return "", "", err
		}
		parts = append(parts, n)
		if !p.Peek().IsOp(".") {
			break
		}
		p.I++
	}
	if len(parts) > 3 {
		return "", "", p.errorf("improper qualified name %s", strings.Join(parts, "."))
	}
	if len(parts) == 1 {
		return "", parts[0], nil
	}
	return parts[len(parts)-2], parts[len(parts)-1], nil
}

// skipBalanced skips one parenthesised group starting at '('.
func (p *parser) skipBalanced() error {
	depth := 0
	for {
		t := p.Next()
		switch {
		case t.Kind == sqllex.EOF:
			return p.errorf("unbalanced parentheses")
		case t.IsOp("(") || t.IsOp("["):
			depth++
		case t.IsOp(")") || t.IsOp("]"):
			depth--
		}
		if depth == 0 {
			return nil
		}
	}
}

// textUntil returns the source text of the tokens from here to the first
// top-level token for which stop is true (not consumed).
func (p *parser) textUntil(stop func(t sqllex.Token, k int) bool) (string, error) {
	start := p.I
	depth := 0
	for {
		t := p.Peek()
		if t.Kind == sqllex.EOF {
			if depth > 0 {
				return "", p.errorf("unbalanced parentheses")
			}
			break
		}
		if depth == 0 && stop(t, p.I-start) {
			break
		}
		if t.IsOp("(") || t.IsOp("[") {
			depth++
		} else if t.IsOp(")") || t.IsOp("]") {
			if depth == 0 {
				break
			}
			depth--
		}
		p.I++
	}
	if p.I == start {
		return "", p.errorf("expected an expression, found %s", p.Peek())
	}
	return p.span(start, p.I), nil
}

// span is the source text of tokens [a, b).
func (p *parser) span(a, b int) string {
	return strings.TrimSpace(p.src[p.Toks[a].Pos:p.Toks[b-1].End])
}

func (p *parser) statement() error {
	_, err := p.statementChanged()
	return err
}

// statementChanged dispatches on the statement's first words; it
// returns false with no error for a statement the package does not model.
func (p *parser) statementChanged() (bool, error) {
	switch {
	case p.Accept("create"):
		p.Accept("or", "replace")
		persistence := byte('p')
		for {
			switch {
			case p.Accept("temp"), p.Accept("temporary"):
				persistence = 't'
			case p.Accept("unlogged"):
				persistence = 'u'
			case p.Accept("global"), p.Accept("local"):
			default:
				goto kind
			}
		}
	kind:
		switch {
		case p.Accept("table"):
			return true, p.createTable(persistence)
		case p.Accept("view"), p.Accept("recursive", "view"):
			return true, p.createView(View, persistence)
		case p.Accept("materialized", "view"):
			return true, p.createView(MatView, persistence)
		case p.Accept("unique", "index"):
			return true, p.createIndex(true)
		case p.Accept("index"):
			return true, p.createIndex(false)
		case p.Accept("sequence"):
			return true, p.createSequence(persistence)
		}
	case p.Accept("alter", "table"):
		return true, p.alterTable()
	case p.Accept("alter", "index"), p.Accept("alter", "sequence"), p.Accept("alter", "view"),
		p.Accept("alter", "materialized", "view"):
		return p.alterRelation()
	case p.Accept("drop"):
		var kinds string
		switch {
		case p.Accept("table"):
			kinds = "rp"
		case p.Accept("view"):
			kinds = "v"
		case p.Accept("materialized", "view"):
			kinds = "m"
		case p.Accept("index"):
			p.Accept("concurrently")
			kinds = "i"
		case p.Accept("sequence"):
			kinds = "S"
		default:
			return false, nil
		}
		return true, p.drop(kinds)
	}
	return false, nil
}

func (p *parser) createTable(persistence byte) error {
	ifNot := p.Accept("if", "not", "exists")
	ns, name, err := p.qualified()
	if err != nil {
		return err
	}
	p.what = "CREATE TABLE " + name
	if persistence == 't' {
		ns = tempNS
	}
	if old := p.s.Lookup(ns, name); old != nil {
		if ifNot {
			return nil
		}
		if p.strict {
			return p.errorf("relation already exists (defined at %s)", old.Pos)
		}
		return p.errorf("exists")
	}
	switch {
	case p.Peek().Is("as"):
		return p.errorf("CREATE TABLE … AS: the columns come from a query, which the trace cannot run; write the table out")
	case p.Peek().Is("partition"):
		return p.errorf("CREATE TABLE … PARTITION OF is not supported")
	case p.Peek().Is("of"):
		return p.errorf("CREATE TABLE … OF type is not supported")
	}
	r := &Relation{Namespace: ns, Name: name, Kind: Table, Persistence: persistence, Pos: p.pos}
	if err := p.expectOp("("); err != nil {
		return err
	}
	var pending []*Constraint
	if !p.AcceptOp(")") {
		for {
			cs, err := p.tableElement(r)
			if err != nil {
				return err
			}
			pending = append(pending, cs...)
			if p.AcceptOp(")") {
				break
			}
			if err := p.expectOp(","); err != nil {
				return err
			}
		}
	}
	if p.Accept("partition", "by") {
		r.Kind = Partitioned
	}
	// INHERITS, WITH, TABLESPACE, ON COMMIT: nothing the catalogs queries need.
	p.s.add(r)
	for _, c := range pending {
		if err := p.addConstraint(r, c); err != nil {
			return err
		}
	}
	p.ownSerials(r)
	return nil
}

// ownSerials creates the sequences of serial columns, owned by them.
func (p *parser) ownSerials(r *Relation) {
	for _, c := range r.Columns {
		if seq, ok := strings.CutPrefix(c.Default, "nextval('"); ok && strings.HasSuffix(seq, "'::regclass)") && c.serial() {
			seq = strings.TrimSuffix(seq, "'::regclass)")
			if p.s.Lookup(r.Namespace, seq) == nil {
				p.s.add(&Relation{Namespace: r.Namespace, Name: seq, Kind: Sequence, Persistence: r.Persistence, Pos: p.pos, OwnerTable: r, OwnerCol: c.Name})
			}
		}
	}
}

func (c *Column) serial() bool { return strings.HasPrefix(c.Default, "nextval(") && c.NotNull }

// tableElement reads a column definition, a table constraint or LIKE.
func (p *parser) tableElement(r *Relation) ([]*Constraint, error) {
	switch t := p.Peek(); {
	case t.Is("constraint"), t.Is("primary"), t.Is("unique"), t.Is("foreign"), t.Is("check"), t.Is("exclude"):
		c, err := p.tableConstraint()
		if err != nil {
			return nil, err
		}
		return []*Constraint{c}, nil
	case t.Is("like"):
		p.I++
		ns, name, err := p.qualified()
		if err != nil {
			return nil, err
		}
		src := p.s.Lookup(ns, name)
		if src == nil {
			return nil, p.errorf("LIKE %s: no such table", name)
		}
		for _, c := range src.Columns {
			cp := *c
			cp.Default = "" // only INCLUDING DEFAULTS copies them
			r.addColumn(&cp)
		}
		for p.Peek().Is("including") || p.Peek().Is("excluding") {
			p.I += 2
		}
		return nil, nil
	}
	return p.columnDef(r)
}

// columnDef reads "name type [constraints]" and adds the column to r.
func (p *parser) columnDef(r *Relation) ([]*Constraint, error) {
	name, err := p.ident()
	if err != nil {
		return nil, err
	}
	if r.Column(name) != nil {
		return nil, p.errorf("column %q specified more than once", name)
	}
	typ, serial, err := p.typeName()
	if err != nil {
		return nil, fmt.Errorf("%w (column %s)", err, name)
	}
	p.s.resolveType(&typ)
	col := &Column{Name: name, Type: typ}
	if serial {
		col.NotNull = true
		col.Default = "nextval('" + serialSeqName(r.Name, name) + "'::regclass)"
	}
	var out []*Constraint
	for {
		var cname string
		if p.Accept("constraint") {
			if cname, err = p.ident(); err != nil {
				return nil, err
			}
		}
		switch {
		case p.Accept("not", "null"):
			col.NotNull = true
		case p.Accept("null"):
			col.NotNull = false
		case p.Accept("default"):
			d, err := p.textUntil(columnClauseEnd)
			if err != nil {
				return nil, err
			}
			col.Default = d
		case p.Accept("primary", "key"):
			col.NotNull = true
			out = append(out, &Constraint{Name: cname, Type: 'p', Columns: []string{name}})
			p.indexParams()
		case p.Accept("unique"):
			p.Accept("nulls", "distinct")
			p.Accept("nulls", "not", "distinct")
			out = append(out, &Constraint{Name: cname, Type: 'u', Columns: []string{name}})
			p.indexParams()
		case p.Accept("references"):
			c := &Constraint{Name: cname, Type: 'f', Columns: []string{name}}
			if err := p.references(c); err != nil {
				return nil, err
			}
			out = append(out, c)
		case p.Accept("check"):
			chk, err := p.parenText()
			if err != nil {
				return nil, err
			}
			p.Accept("no", "inherit")
			out = append(out, &Constraint{Name: cname, Type: 'c', Columns: []string{name}, Check: chk})
		case p.Accept("generated"):
			if p.Accept("always", "as", "identity") || p.Accept("by", "default", "as", "identity") {
				col.NotNull = true
				if p.Peek().IsOp("(") {
					if err := p.skipBalanced(); err != nil {
						return nil, err
					}
				}
			} else {
				if err := p.expect("always"); err != nil {
					return nil, err
				}
				if err := p.expect("as"); err != nil {
					return nil, err
				}
				if _, err := p.parenText(); err != nil {
					return nil, err
				}
				p.Accept("stored")
			}
		case p.Accept("collate"), p.Accept("compression"), p.Accept("storage"):
			if _, _, err := p.qualified(); err != nil {
				return nil, err
			}
		case p.Accept("deferrable"), p.Accept("not", "deferrable"), p.Accept("initially", "deferred"),
			p.Accept("initially", "immediate"):
		default:
			if cname != "" {
				return nil, p.errorf("expected a constraint after CONSTRAINT %s, found %s", cname, p.Peek())
			}
			if t := p.Peek(); !t.IsOp(",") && !t.IsOp(")") && t.Kind != sqllex.EOF {
				return nil, p.errorf("unexpected %s in the definition of column %s", t, name)
			}
			r.addColumn(col)
			return out, nil
		}
	}
}

// columnClauseEnd ends a DEFAULT expression: the next column constraint.
func columnClauseEnd(t sqllex.Token, n int) bool {
	if t.IsOp(",") {
		return true
	}
	if n == 0 {
		return false
	}
	for _, kw := range []string{"constraint", "not", "null", "primary", "unique", "references", "check",
		"generated", "collate", "deferrable", "initially"} {
		if t.Is(kw) {
			return true
		}
	}
	return false
}

// indexParams skips a constraint's USING INDEX TABLESPACE / WITH / INCLUDE.
func (p *parser) indexParams() {
	for {
		switch {
		case p.Accept("using", "index", "tablespace"):
			p.Next()
		case p.Accept("include"), p.Accept("with"):
			if p.Peek().IsOp("(") {
				_ = p.skipBalanced()
			}
		case p.Accept("deferrable"), p.Accept("not", "deferrable"), p.Accept("initially", "deferred"),
			p.Accept("initially", "immediate"):
		default:
			return
		}
	}
}

func (p *parser) parenText() (string, error) {
	if err := p.expectOp("("); err != nil {
		return "", err
	}
	text, err := p.textUntil(func(sqllex.Token, int) bool { return false })
	if err != nil {
		return "", err
	}
	return text, p.expectOp(")")
}

func (p *parser) nameList() ([]string, error) {
	if err := p.expectOp("("); err != nil {
		return nil, err
	}
	var out []string
	for {
		n, err := p.ident()
		if err != nil {
			return nil, err
		}
		out = append(out, n)
		if p.AcceptOp(")") {
			return out, nil
		}
		if err := p.expectOp(","); err != nil {
			return nil, err
		}
	}
}

func (p *parser) tableConstraint() (*Constraint, error) {
	c := &Constraint{}
	var err error
	if p.Accept("constraint") {
		if c.Name, err = p.ident(); err != nil {
			return nil, err
		}
	}
	switch {
	case p.Accept("primary", "key"):
		c.Type = 'p'
		if c.Columns, err = p.nameList(); err != nil {
			return nil, err
		}
		p.indexParams()
	case p.Accept("unique"):
		p.Accept("nulls", "distinct")
		p.Accept("nulls", "not", "distinct")
		c.Type = 'u'
		if c.Columns, err = p.nameList(); err != nil {
			return nil, err
		}
		p.indexParams()
	case p.Accept("foreign", "key"):
		c.Type = 'f'
		if c.Columns, err = p.nameList(); err != nil {
			return nil, err
		}
		if err := p.expect("references"); err != nil {
			return nil, err
		}
		if err := p.references(c); err != nil {
			return nil, err
		}
	case p.Accept("check"):
		c.Type = 'c'
		if c.Check, err = p.parenText(); err != nil {
			return nil, err
		}
		p.Accept("no", "inherit")
		p.Accept("not", "valid")
	case p.Accept("exclude"):
		c.Type = 'x'
		p.Accept("using")
		if !p.Peek().IsOp("(") {
			p.Next()
		}
		if err := p.skipBalanced(); err != nil {
			return nil, err
		}
		_, _ = p.textUntil(func(t sqllex.Token, _ int) bool { return t.IsOp(",") })
	default:
		return nil, p.errorf("expected PRIMARY KEY, UNIQUE, FOREIGN KEY, CHECK or EXCLUDE, found %s", p.Peek())
	}
	p.Accept("not", "valid")
	return c, nil
}

// references reads "table [(cols)] [MATCH …] [ON DELETE …] [ON UPDATE …]".
func (p *parser) references(c *Constraint) error {
	var err error
	if c.RefNS, c.RefTable, err = p.qualified(); err != nil {
		return err
	}
	if p.Peek().IsOp("(") {
		if c.RefColumns, err = p.nameList(); err != nil {
			return err
		}
	}
	c.OnDelete, c.OnUpdate = 'a', 'a'
	for {
		switch {
		case p.Accept("match"):
			p.Next()
		case p.Accept("on", "delete"):
			if c.OnDelete, err = p.action(); err != nil {
				return err
			}
		case p.Accept("on", "update"):
			if c.OnUpdate, err = p.action(); err != nil {
				return err
			}
		case p.Accept("deferrable"), p.Accept("not", "deferrable"), p.Accept("initially", "deferred"),
			p.Accept("initially", "immediate"), p.Accept("not", "valid"):
		default:
			return nil
		}
	}
}

func (p *parser) action() (byte, error) {
	switch {
	case p.Accept("cascade"):
		return 'c', nil
	case p.Accept("restrict"):
		return 'r', nil
	case p.Accept("no", "action"):
		return 'a', nil
	case p.Accept("set", "null"):
		if p.Peek().IsOp("(") {
			_ = p.skipBalanced()
		}
		return 'n', nil
	case p.Accept("set", "default"):
		if p.Peek().IsOp("(") {
			_ = p.skipBalanced()
		}
		return 'd', nil
	}
	return 0, p.errorf("expected CASCADE, RESTRICT, NO ACTION, SET NULL or SET DEFAULT, found %s", p.Peek())
}

// addConstraint names c as PostgreSQL would, checks its columns and
// creates the index of a PRIMARY KEY or UNIQUE constraint.
func (p *parser) addConstraint(r *Relation, c *Constraint) error {
	for _, col := range c.Columns {
		if r.Column(col) == nil {
			return p.errorf("constraint on column %q, which %s does not have", col, r.Name)
		}
	}
	if c.Type == 'p' {
		for _, x := range r.Constraints {
			if x.Type == 'p' {
				return p.errorf("multiple primary keys for table %q are not allowed", r.Name)
			}
		}
		for _, col := range c.Columns {
			r.Column(col).NotNull = true
		}
	}
	if c.Type == 'f' && len(c.RefColumns) == 0 {
		// REFERENCES t alone means t's primary key.
		if ref := p.s.Lookup(c.RefNS, c.RefTable); ref != nil {
			for _, x := range ref.Constraints {
				if x.Type == 'p' {
					c.RefColumns = x.Columns
				}
			}
		}
		if len(c.RefColumns) == 0 {
			c.RefColumns = []string{"id"}
		}
	}
	if c.Name == "" {
		c.Name = p.chooseConstraintName(r, c)
	} else if r.Constraint(c.Name) != nil {
		return p.errorf("constraint %q for relation %q already exists", c.Name, r.Name)
	}
	c.OID = p.s.newOID()
	if c.Type == 'p' || c.Type == 'u' {
		if p.s.Lookup(r.Namespace, c.Name) != nil {
			return p.errorf("relation %q already exists", c.Name)
		}
		x := &Relation{Namespace: r.Namespace, Name: c.Name, Kind: Index, Persistence: r.Persistence, Table: r,
			Unique: true, Primary: c.Type == 'p', IndexCols: append([]string(nil), c.Columns...), Method: "btree", Pos: p.pos}
		p.s.add(x)
		c.Index = x
	}
	r.Constraints = append(r.Constraints, c)
	return nil
}

// chooseConstraintName follows PostgreSQL's naming: table_pkey,
// table_col_key, table_col_fkey, table_col_check (table_check for a
// table-level CHECK), with a number appended until the name is free.
func (p *parser) chooseConstraintName(r *Relation, c *Constraint) string {
	var base string
	switch c.Type {
	case 'p':
		base = r.Name + "_pkey"
	case 'u':
		base = r.Name + "_" + strings.Join(c.Columns, "_") + "_key"
	case 'f':
		base = r.Name + "_" + strings.Join(c.Columns, "_") + "_fkey"
	case 'c':
		if len(c.Columns) > 0 {
			base = r.Name + "_" + c.Columns[0] + "_check"
		} else {
			base = r.Name + "_check"
		}
	default:
		base = r.Name + "_excl"
	}
	return p.freeName(r, base)
}

func (p *parser) freeName(r *Relation, base string) string {
	name := truncName(base)
	for n := 1; ; n++ {
		if (r == nil || r.Constraint(name) == nil) && p.s.Lookup(p.nsOf(r), name) == nil {
			return name
		}
		suffix := strconv.Itoa(n)
		name = truncName(base[:min(len(base), 63-len(suffix))]) + suffix
	}
}

func (p *parser) nsOf(r *Relation) string {
	if r == nil {
		return "public"
	}
	return r.Namespace
}

// truncName cuts a name to PostgreSQL's 63 bytes.
func truncName(s string) string {
	if len(s) > 63 {
		return s[:63]
	}
	return s
}

func serialSeqName(table, col string) string { return truncName(table + "_" + col + "_seq") }

func (p *parser) createView(kind, persistence byte) error {
	ifNot := p.Accept("if", "not", "exists")
	ns, name, err := p.qualified()
	if err != nil {
		return err
	}
	p.what = "CREATE VIEW " + name
	if persistence == 't' {
		ns = tempNS
	}
	var cols []string
	if p.Peek().IsOp("(") {
		if cols, err = p.nameList(); err != nil {
			return err
		}
	}
	if p.Accept("with") && p.Peek().IsOp("(") {
		if err := p.skipBalanced(); err != nil {
			return err
		}
	}
	if p.Accept("using") { // materialized view access method
		p.Next()
	}
	if p.Accept("tablespace") {
		p.Next()
	}
	if err := p.expect("as"); err != nil {
		return err
	}
	body := p.I
	query, err := p.textUntil(func(t sqllex.Token, _ int) bool {
		return t.Is("with") && (p.At(1).Is("data") || p.At(1).Is("no") || p.At(1).Is("cascaded") || p.At(1).Is("local") || p.At(1).Is("check"))
	})
	if err != nil {
		return err
	}
	columns := viewColumns(p.s, p.Toks[body:p.I], cols)
	old := p.s.Lookup(ns, name)
	if old != nil {
		if ifNot {
			return nil
		}
		if old.Kind != kind || kind == MatView {
			return p.errorf("relation already exists (defined at %s)", old.Pos)
		}
		// CREATE OR REPLACE VIEW keeps the OID.
		old.ViewDef, old.Columns, old.nextAttr, old.Pos = query, nil, 0, p.pos
		for _, c := range columns {
			old.addColumn(c)
		}
		return nil
	}
	r := &Relation{Namespace: ns, Name: name, Kind: kind, Persistence: persistence, ViewDef: query, Pos: p.pos}
	for _, c := range columns {
		r.addColumn(c)
	}
	p.s.add(r)
	return nil
}

// viewColumns derives a view's columns from its top-level select list:
// each item's alias or column name; the type is the column's when the
// item names a column of a table the view reads, else text. Items it
// cannot name (a * or an unnamed expression) get PostgreSQL's names
// (?column?) or are left out for *.
func viewColumns(s *Schema, toks []sqllex.Token, names []string) []*Column {
	// The select list runs from SELECT [DISTINCT] to the top-level FROM.
	i := 0
	for i < len(toks) && toks[i].IsOp("(") {
		i++
	}
	if i >= len(toks) || !toks[i].Is("select") {
		return namedOnly(names)
	}
	i++
	if i < len(toks) && (toks[i].Is("distinct") || toks[i].Is("all")) {
		i++
	}
	var items [][]sqllex.Token
	depth, start, end := 0, i, len(toks)
	for j := i; j < len(toks); j++ {
		t := toks[j]
		switch {
		case t.IsOp("(") || t.IsOp("["):
			depth++
		case t.IsOp(")") || t.IsOp("]"):
			depth--
		case depth == 0 && t.IsOp(","):
			items = append(items, toks[start:j])
			start = j + 1
		case depth == 0 && (t.Is("from") || t.Is("where") || t.Is("group") || t.Is("union") || t.Is("order") || t.Is("limit")):
			end = j
		}
		if end != len(toks) {
			break
		}
	}
	items = append(items, toks[start:end])
	// Tables of the FROM list, by alias, for the types.
	tables := map[string]*Relation{}
	var only *Relation
	for j := end; j+1 < len(toks); j++ {
		if toks[j].Is("from") || toks[j].Is("join") || toks[j].IsOp(",") && j > end {
			k := j + 1
			for k < len(toks) && toks[k].IsOp("(") { // pg_dump parenthesises joins
				k++
			}
			ns := ""
			if k+2 < len(toks) && toks[k+1].IsOp(".") {
				ns, k = toks[k].Text, k+2
			}
			if k < len(toks) && toks[k].Name() {
				if r := s.Lookup(ns, toks[k].Text); r != nil {
					tables[r.Name] = r
					if only == nil {
						only = r
					} else {
						only = &Relation{} // several tables: unqualified names are not resolved
					}
					alias := k + 1
					if alias < len(toks) && toks[alias].Is("as") {
						alias++
					}
					if alias < len(toks) && toks[alias].Name() && !keywordAfterTable(toks[alias]) {
						tables[toks[alias].Text] = r
					}
				}
			}
		}
	}
	var out []*Column
	for n, item := range items {
		if len(item) == 0 {
			continue
		}
		last := item[len(item)-1]
		if last.IsOp("*") {
			if len(item) == 1 && only != nil {
				for _, c := range only.Columns {
					cp := *c
					out = append(out, &cp)
				}
			}
			continue
		}
		// Split "expr [AS] alias".
		expr, alias := item, ""
		if n := len(item); n >= 3 && item[n-2].Is("as") && last.Name() {
			expr, alias = item[:n-2], last.Text
		} else if n >= 2 && last.Name() && (item[n-2].Name() || item[n-2].IsOp(")") || item[n-2].Kind == sqllex.String || item[n-2].Kind == sqllex.Number) {
			expr, alias = item[:n-1], last.Text
		}
		name, typ := "?column?", makeType("text", nil, false)
		var ref *Column
		switch {
		case len(expr) == 1 && expr[0].Name():
			name = expr[0].Text
			ref = lookupCol(tables, only, "", name)
		case len(expr) == 3 && expr[0].Name() && expr[1].IsOp(".") && expr[2].Name():
			name = expr[2].Text
			ref = lookupCol(tables, only, expr[0].Text, name)
		}
		if alias != "" {
			name = alias
		}
		if ref != nil {
			typ = ref.Type
		}
		if n < len(names) {
			name = names[n]
		}
		out = append(out, &Column{Name: name, Type: typ})
	}
	for n := len(out); n < len(names); n++ {
		out = append(out, &Column{Name: names[n], Type: makeType("text", nil, false)})
	}
	return out
}

func keywordAfterTable(t sqllex.Token) bool {
	for _, kw := range []string{"where", "join", "left", "right", "inner", "full", "cross", "on", "group", "order", "limit", "union", "natural", "using"} {
		if t.Is(kw) {
			return true
		}
	}
	return false
}

func lookupCol(tables map[string]*Relation, only *Relation, qual, name string) *Column {
	if qual != "" {
		if r := tables[qual]; r != nil {
			return r.Column(name)
		}
		return nil
	}
	if only != nil {
		return only.Column(name)
	}
	return nil
}

func namedOnly(names []string) []*Column {
	var out []*Column
	for _, n := range names {
		out = append(out, &Column{Name: n, Type: makeType("text", nil, false)})
	}
	return out
}

func (p *parser) createIndex(unique bool) error {
	p.Accept("concurrently")
	ifNot := p.Accept("if", "not", "exists")
	var name string
	if !p.Peek().Is("on") {
		var err error
		if name, err = p.ident(); err != nil {
			return err
		}
	}
	p.what = "CREATE INDEX " + name
	if err := p.expect("on"); err != nil {
		return err
	}
	p.Accept("only")
	ns, table, err := p.qualified()
	if err != nil {
		return err
	}
	r := p.s.Lookup(ns, table)
	if r == nil || r.Kind != Table && r.Kind != MatView && r.Kind != Partitioned {
		return p.errorf("no table or materialized view %q", table)
	}
	method := "btree"
	if p.Accept("using") {
		if method, err = p.ident(); err != nil {
			return err
		}
	}
	if err := p.expectOp("("); err != nil {
		return err
	}
	var cols []string
	for {
		t := p.Peek()
		var elem string
		if t.Name() && (p.At(1).IsOp(",") || p.At(1).IsOp(")") || isIndexOpt(p.At(1))) {
			p.I++
			elem = t.Text
			if r.Column(elem) == nil {
				return p.errorf("column %q does not exist in %s", elem, table)
			}
		} else {
			e, err := p.textUntil(func(t sqllex.Token, n int) bool { return t.IsOp(",") || n > 0 && isIndexOpt(t) })
			if err != nil {
				return err
			}
			elem = e
			if !strings.HasPrefix(elem, "(") {
				elem = "(" + elem + ")"
			}
		}
		for isIndexOpt(p.Peek()) || p.Peek().Name() && !p.Peek().Is("asc") && !p.Peek().Is("desc") && !p.At(1).IsOp("(") && !p.Peek().IsOp(",") && !p.Peek().IsOp(")") {
			if p.Accept("collate") {
				p.Next()
				continue
			}
			if p.Accept("nulls") {
				p.Next()
				continue
			}
			p.Next() // ASC, DESC, an operator class
		}
		p.Accept("asc")
		p.Accept("desc")
		if p.Accept("nulls") {
			p.Next()
		}
		cols = append(cols, elem)
		if p.AcceptOp(")") {
			break
		}
		if err := p.expectOp(","); err != nil {
			return err
		}
	}
	var where string
	for p.Peek().Kind != sqllex.EOF {
		switch {
		case p.Accept("include"), p.Accept("with"):
			if p.Peek().IsOp("(") {
				if err := p.skipBalanced(); err != nil {
					return err
				}
			}
		case p.Accept("nulls"):
			p.Accept("not")
			p.Accept("distinct")
		case p.Accept("tablespace"):
			p.Next()
		case p.Accept("where"):
			if where, err = p.textUntil(func(sqllex.Token, int) bool { return false }); err != nil {
				return err
			}
		default:
			return p.errorf("unexpected %s", p.Peek())
		}
	}
	if name == "" {
		parts := []string{r.Name}
		for _, c := range cols {
			if strings.HasPrefix(c, "(") {
				c = "expr"
			}
			parts = append(parts, c)
		}
		name = p.freeName(nil, strings.Join(parts, "_")+"_idx")
	} else if old := p.s.Lookup(r.Namespace, name); old != nil {
		if ifNot {
			return nil
		}
		return p.errorf("relation %q already exists (defined at %s)", name, old.Pos)
	}
	p.s.add(&Relation{Namespace: r.Namespace, Name: name, Kind: Index, Persistence: r.Persistence, Table: r,
		Unique: unique, IndexCols: cols, Method: method, Where: where, Pos: p.pos})
	return nil
}

func isIndexOpt(t sqllex.Token) bool {
	return t.Is("asc") || t.Is("desc") || t.Is("nulls") || t.Is("collate")
}

func (p *parser) createSequence(persistence byte) error {
	ifNot := p.Accept("if", "not", "exists")
	ns, name, err := p.qualified()
	if err != nil {
		return err
	}
	if persistence == 't' {
		ns = tempNS
	}
	if old := p.s.Lookup(ns, name); old != nil {
		if ifNot {
			return nil
		}
		return p.errorf("CREATE SEQUENCE %s: relation already exists (defined at %s)", name, old.Pos)
	}
	p.s.add(&Relation{Namespace: ns, Name: name, Kind: Sequence, Persistence: persistence, Pos: p.pos})
	return nil // the options (START, INCREMENT, OWNED BY) do not show in the queried catalogs
}

// alterRelation handles ALTER INDEX/SEQUENCE/VIEW … RENAME TO; other
// forms are not modelled.
func (p *parser) alterRelation() (bool, error) {
	ifExists := p.Accept("if", "exists")
	ns, name, err := p.qualified()
	if err != nil {
		return false, err
	}
	if p.Accept("owned", "by") {
		// ALTER SEQUENCE s OWNED BY t.c, as pg_dump writes for serials.
		parts := []string{}
		for {
			n, err := p.ident()
			if err != nil {
				return false, err
			}
			parts = append(parts, n)
			if !p.AcceptOp(".") {
				break
			}
		}
		seq := p.s.Lookup(ns, name)
		if seq == nil || seq.Kind != Sequence || len(parts) < 2 {
			return false, nil // OWNED BY NONE, or not a sequence
		}
		tns := ""
		if len(parts) > 2 {
			tns = parts[len(parts)-3]
		}
		if t := p.s.Lookup(tns, parts[len(parts)-2]); t != nil && t.Column(parts[len(parts)-1]) != nil {
			seq.OwnerTable, seq.OwnerCol = t, parts[len(parts)-1]
		}
		return true, nil
	}
	if !p.Accept("rename", "to") {
		return false, nil
	}
	p.what = "ALTER … " + name
	to, err := p.ident()
	if err != nil {
		return false, err
	}
	r := p.s.Lookup(ns, name)
	if r == nil {
		if ifExists {
			return false, nil
		}
		return false, p.errorf("relation %q does not exist", name)
	}
	return true, p.renameRelation(r, to)
}

func (p *parser) renameRelation(r *Relation, to string) error {
	if old := p.s.Lookup(r.Namespace, to); old != nil {
		return p.errorf("relation %q already exists", to)
	}
	p.s.rename(r, to)
	// A PRIMARY KEY or UNIQUE index renamed renames its constraint.
	if r.Kind == Index && r.Table != nil {
		for _, c := range r.Table.Constraints {
			if c.Index == r {
				c.Name = to
			}
		}
	}
	return nil
}

func (p *parser) alterTable() error {
	ifExists := p.Accept("if", "exists")
	p.Accept("only")
	ns, name, err := p.qualified()
	if err != nil {
		return err
	}
	p.what = "ALTER TABLE " + name
	r := p.s.Lookup(ns, name)
	if r == nil || r.Kind != Table && r.Kind != Partitioned && r.Kind != Foreign {
		if ifExists {
			return nil
		}
		return p.errorf("relation %q does not exist", name)
	}
	if p.Accept("rename") {
		switch {
		case p.Accept("to"):
			to, err := p.ident()
			if err != nil {
				return err
			}
			oldName := r.Name
			if err := p.renameRelation(r, to); err != nil {
				return err
			}
			p.retarget(r.Namespace, oldName, to)
			return nil
		case p.Accept("constraint"):
			from, err := p.ident()
			if err != nil {
				return err
			}
			if err := p.expect("to"); err != nil {
				return err
			}
			to, err := p.ident()
			if err != nil {
				return err
			}
			c := r.Constraint(from)
			if c == nil {
				return p.errorf("constraint %q of relation %q does not exist", from, r.Name)
			}
			c.Name = to
			if c.Index != nil {
				p.s.rename(c.Index, to)
			}
			return nil
		}
		p.Accept("column")
		from, err := p.ident()
		if err != nil {
			return err
		}
		if err := p.expect("to"); err != nil {
			return err
		}
		to, err := p.ident()
		if err != nil {
			return err
		}
		return p.renameColumn(r, from, to)
	}
	for {
		if err := p.alterAction(r); err != nil {
			return err
		}
		if !p.AcceptOp(",") {
			break
		}
	}
	if t := p.Peek(); t.Kind != sqllex.EOF {
		return p.errorf("unexpected %s", t)
	}
	return nil
}

// retarget points foreign keys at a renamed table's new name.
func (p *parser) retarget(ns, from, to string) {
	for _, x := range p.s.rels {
		for _, c := range x.Constraints {
			if c.Type == 'f' && c.RefTable == from && (c.RefNS == "" && ns == "public" || c.RefNS == ns) {
				c.RefTable = to
			}
		}
	}
}

func (p *parser) renameColumn(r *Relation, from, to string) error {
	c := r.Column(from)
	if c == nil {
		return p.errorf("column %q does not exist", from)
	}
	if r.Column(to) != nil {
		return p.errorf("column %q already exists", to)
	}
	c.Name = to
	rename := func(list []string) {
		for i, n := range list {
			if n == from {
				list[i] = to
			}
		}
	}
	for _, k := range r.Constraints {
		rename(k.Columns)
	}
	for _, x := range p.s.Indexes(r) {
		rename(x.IndexCols)
	}
	for _, x := range p.s.rels {
		for _, k := range x.Constraints {
			if k.Type == 'f' && p.s.Referenced(k) == r {
				rename(k.RefColumns)
			}
		}
		if x.Kind == Sequence && x.OwnerTable == r && x.OwnerCol == from {
			x.OwnerCol = to
		}
	}
	return nil
}

// alterAction reads one ALTER TABLE action; the ones the catalogs do not
// show (OWNER TO, SET (…), ENABLE TRIGGER …) are skipped.
func (p *parser) alterAction(r *Relation) error {
	switch {
	case p.Accept("add"):
		if t := p.Peek(); t.Is("constraint") || t.Is("primary") || t.Is("unique") || t.Is("foreign") || t.Is("check") || t.Is("exclude") {
			c, err := p.tableConstraint()
			if err != nil {
				return err
			}
			return p.addConstraint(r, c)
		}
		p.Accept("column")
		ifNot := p.Accept("if", "not", "exists")
		if ifNot && p.Peek().Name() && r.Column(p.Peek().Text) != nil {
			p.skipAction()
			return nil
		}
		cs, err := p.columnDef(r)
		if err != nil {
			return err
		}
		for _, c := range cs {
			if err := p.addConstraint(r, c); err != nil {
				return err
			}
		}
		p.ownSerials(r)
		return nil
	case p.Accept("drop", "constraint"):
		ifExists := p.Accept("if", "exists")
		name, err := p.ident()
		if err != nil {
			return err
		}
		p.Accept("cascade")
		p.Accept("restrict")
		c := r.Constraint(name)
		if c == nil {
			if ifExists {
				return nil
			}
			return p.errorf("constraint %q of relation %q does not exist", name, r.Name)
		}
		p.dropConstraint(r, c)
		return nil
	case p.Accept("drop"):
		p.Accept("column")
		ifExists := p.Accept("if", "exists")
		name, err := p.ident()
		if err != nil {
			return err
		}
		p.Accept("cascade")
		p.Accept("restrict")
		if r.Column(name) == nil {
			if ifExists {
				return nil
			}
			return p.errorf("column %q of relation %q does not exist", name, r.Name)
		}
		p.dropColumn(r, name)
		return nil
	case p.Accept("alter"):
		p.Accept("column")
		name, err := p.ident()
		if err != nil {
			return err
		}
		c := r.Column(name)
		if c == nil {
			return p.errorf("column %q of relation %q does not exist", name, r.Name)
		}
		switch {
		case p.Accept("set", "not", "null"):
			c.NotNull = true
		case p.Accept("drop", "not", "null"):
			c.NotNull = false
		case p.Accept("set", "default"):
			d, err := p.textUntil(func(t sqllex.Token, _ int) bool { return t.IsOp(",") })
			if err != nil {
				return err
			}
			c.Default = d
		case p.Accept("drop", "default"):
			c.Default = ""
		case p.Accept("set", "data", "type"), p.Accept("type"):
			typ, _, err := p.typeName()
			if err != nil {
				return err
			}
			p.s.resolveType(&typ)
			c.Type = typ
			p.skipAction()
		default:
			p.skipAction()
		}
		return nil
	}
	p.skipAction()
	return nil
}

// skipAction skips to the next top-level comma.
func (p *parser) skipAction() {
	depth := 0
	for {
		t := p.Peek()
		if t.Kind == sqllex.EOF || depth == 0 && t.IsOp(",") {
			return
		}
		if t.IsOp("(") {
			depth++
		} else if t.IsOp(")") {
			depth--
		}
		p.I++
	}
}

func (p *parser) dropConstraint(r *Relation, c *Constraint) {
	r.Constraints = deleteItem(r.Constraints, c)
	if c.Index != nil {
		p.s.remove(c.Index)
	}
}

// dropColumn removes a column and the indexes and constraints using it,
// as DROP COLUMN does.
func (p *parser) dropColumn(r *Relation, name string) {
	r.Columns = deleteFunc(r.Columns, func(c *Column) bool { return c.Name == name })
	for _, c := range append([]*Constraint(nil), r.Constraints...) {
		if contains(c.Columns, name) {
			p.dropConstraint(r, c)
		}
	}
	for _, x := range p.s.Indexes(r) {
		if contains(x.IndexCols, name) {
			p.s.remove(x)
		}
	}
	for _, x := range append([]*Relation(nil), p.s.rels...) {
		if x.Kind == Sequence && x.OwnerTable == r && x.OwnerCol == name {
			p.s.remove(x)
		}
	}
}

func (p *parser) drop(kinds string) error {
	ifExists := p.Accept("if", "exists")
	for {
		ns, name, err := p.qualified()
		if err != nil {
			return err
		}
		r := p.s.Lookup(ns, name)
		switch {
		case r == nil && ifExists:
		case r == nil:
			return p.errorf("DROP: %q does not exist", name)
		case !strings.ContainsRune(kinds, rune(r.Kind)):
			return p.errorf("DROP: %q is not of the kind dropped", name)
		default:
			p.dropRelation(r)
		}
		if !p.AcceptOp(",") {
			break
		}
	}
	p.Accept("cascade")
	p.Accept("restrict")
	return nil
}

// dropRelation removes r with what depends on it: a table's indexes and
// owned sequences, an index's constraint.
func (p *parser) dropRelation(r *Relation) {
	p.s.remove(r)
	for _, x := range append([]*Relation(nil), p.s.rels...) {
		if x.Kind == Index && x.Table == r || x.Kind == Sequence && x.OwnerTable == r {
			p.s.remove(x)
		}
	}
	if r.Kind == Index && r.Table != nil {
		for _, c := range append([]*Constraint(nil), r.Table.Constraints...) {
			if c.Index == r {
				r.Table.Constraints = deleteItem(r.Table.Constraints, c)
			}
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func deleteItem[T comparable](list []T, item T) []T {
	return deleteFunc(list, func(x T) bool { return x == item })
}

func deleteFunc[T any](list []T, del func(T) bool) []T {
	out := list[:0]
	for _, x := range list {
		if !del(x) {
			out = append(out, x)
		}
	}
	return out
}

// typeName reads a type: built-in spellings (several words, modifiers,
// array bounds), schema-qualified and quoted names. serial types come
// back as their integer type with serial set.
func (p *parser) typeName() (Type, bool, error) {
	t := p.Peek()
	if !t.Name() {
		return Type{}, false, p.errorf("expected a type, found %s", t)
	}
	var name string
	if t.Kind == sqllex.QIdent {
		p.I++
		name = t.Text
		if name != "char" {
			for p.Peek().IsOp(".") {
				p.I++
				n, err := p.ident()
				if err != nil {
					return Type{}, false, err
				}
				name = n
			}
		}
	} else {
		ns, n, err := p.qualified()
		if err != nil {
			return Type{}, false, err
		}
		if ns != "" && ns != "pg_catalog" {
			name = n // a user type in another schema: named alone
		} else {
			name = n
		}
		// Multi-word spellings.
		switch name {
		case "double":
			if err := p.expect("precision"); err != nil {
				return Type{}, false, err
			}
			name = "double precision"
		case "character", "char", "national":
			if name == "national" {
				p.Accept("character")
				p.Accept("char")
				name = "character"
			}
			if p.Accept("varying") {
				name = "character varying"
			}
		case "bit":
			if p.Accept("varying") {
				name = "bit varying"
			}
		}
	}
	var mods []int
	if p.Peek().IsOp("(") && name != "interval" || name == "interval" && p.Peek().IsOp("(") {
		p.I++
		for {
			tk := p.Next()
			if tk.Kind != sqllex.Number {
				return Type{}, false, p.errorf("expected a number in the type modifier of %s, found %s", name, tk)
			}
			n, err := strconv.Atoi(tk.Text)
			if err != nil {
				return Type{}, false, p.errorf("type modifier %s of %s: %v", tk.Text, name, err)
			}
			mods = append(mods, n)
			if p.AcceptOp(")") {
				break
			}
			if err := p.expectOp(","); err != nil {
				return Type{}, false, err
			}
		}
	}
	if name == "timestamp" || name == "time" {
		if p.Accept("with", "time", "zone") {
			name += " with time zone"
		} else if p.Accept("without", "time", "zone") {
			name += " without time zone"
		}
	}
	if name == "interval" {
		// Field restrictions (YEAR TO MONTH, …) do not change the type.
		for _, f := range []string{"year", "month", "day", "hour", "minute", "second", "to"} {
			for p.Accept(f) {
			}
		}
		if p.Peek().IsOp("(") {
			if err := p.skipBalanced(); err != nil {
				return Type{}, false, err
			}
		}
	}
	array := false
	for {
		if p.AcceptOp("[") {
			if p.Peek().Kind == sqllex.Number {
				p.I++
			}
			if err := p.expectOp("]"); err != nil {
				return Type{}, false, err
			}
			array = true
			continue
		}
		if p.Accept("array") {
			if p.AcceptOp("[") {
				p.Accept("")
				if p.Peek().Kind == sqllex.Number {
					p.I++
				}
				if err := p.expectOp("]"); err != nil {
					return Type{}, false, err
				}
			}
			array = true
			continue
		}
		break
	}
	if base, ok := serials[name]; ok {
		if array {
			return Type{}, false, p.errorf("array of serial is not implemented")
		}
		return makeType(base, nil, false), true, nil
	}
	udt := name
	if a, ok := aliases[name]; ok && t.Kind != sqllex.QIdent {
		udt = a // a quoted "char" is the one-byte type, not character(1)
	}
	if name == "float" && len(mods) > 0 {
		if mods[0] <= 24 {
			udt = "float4"
		}
		mods = nil
	}
	return makeType(udt, mods, array), false, nil
}
