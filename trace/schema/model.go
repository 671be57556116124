// Package schema is the trace command's picture of a database's
// structure: tables, views, materialized views, indexes, sequences, their
// columns and constraints, as the PostgreSQL catalogs would describe them.
//
// It reads that picture from a SQL file (Load: the CREATE TABLE, ALTER
// TABLE, CREATE VIEW, CREATE INDEX, CREATE SEQUENCE and DROP statements of
// a hand-written file or of pg_dump --schema-only output; every other
// statement is skipped) and keeps it up to date with the DDL a traced
// script sends (Apply). It holds no rows and runs no query: answering
// catalog queries from it is package catalog's job.
package schema

import (
	"slices"
	"strings"
)

// Relation kinds, pg_class.relkind.
const (
	Table       = 'r'
	View        = 'v'
	MatView     = 'm'
	Index       = 'i'
	Sequence    = 'S'
	Partitioned = 'p'
	Foreign     = 'f'
)

// Namespace OIDs; other schemas get OIDs as they appear.
const (
	CatalogNamespace = 11
	PublicNamespace  = 2200
	firstOID         = 16385 // PostgreSQL's FirstNormalObjectId + 1
)

// Schema is the set of relations.
type Schema struct {
	rels       []*Relation
	byKey      map[string]*Relation // "namespace.name"
	namespaces map[string]uint32
	nsOrder    []string
	userTypes  map[string]uint32
	nextOID    uint32
}

// New returns an empty database: the public schema and nothing in it.
func New() *Schema {
	return &Schema{byKey: map[string]*Relation{}, namespaces: map[string]uint32{"pg_catalog": CatalogNamespace, "public": PublicNamespace},
		nsOrder: []string{"pg_catalog", "public"}, userTypes: map[string]uint32{}, nextOID: firstOID}
}

// Relation is one pg_class row and what hangs off it.
type Relation struct {
	OID         uint32
	Namespace   string
	Name        string
	Kind        byte // Table, View, …
	Persistence byte // p (permanent), u (unlogged), t (temporary)
	Columns     []*Column
	Constraints []*Constraint
	ViewDef     string // views and materialized views: the query text
	// Indexes only.
	Table     *Relation
	Unique    bool
	Primary   bool
	IndexCols []string // column names; an expression is kept as its text in parentheses
	Method    string
	Where     string
	// Owner is the table and column a serial's sequence belongs to.
	OwnerTable *Relation
	OwnerCol   string
	// Pos says where the relation was defined: "file:line", or "trace".
	Pos      string
	nextAttr int
}

// Column is one pg_attribute row of a user column.
type Column struct {
	Name    string
	Num     int // attnum, stable across other columns' drops
	Type    Type
	NotNull bool
	Default string // the DEFAULT expression's text; "" when none
}

// Constraint is one pg_constraint row.
type Constraint struct {
	OID        uint32
	Name       string
	Type       byte // p, u, f, c, x
	Columns    []string
	RefTable   string // foreign keys: the referenced table's name, resolved when asked
	RefNS      string
	RefColumns []string
	OnDelete   byte // a (no action), r, c, n, d
	OnUpdate   byte
	Check      string    // CHECK: the expression's text
	Index      *Relation // PRIMARY KEY and UNIQUE: their index
}

// Namespaces lists the schemas, pg_catalog and public first.
func (s *Schema) Namespaces() []string { return s.nsOrder }

// NamespaceOID returns a schema's OID, 0 when there is none.
func (s *Schema) NamespaceOID(name string) uint32 { return s.namespaces[name] }

func (s *Schema) namespace(name string) uint32 {
	if oid, ok := s.namespaces[name]; ok {
		return oid
	}
	oid := s.newOID()
	s.namespaces[name] = oid
	s.nsOrder = append(s.nsOrder, name)
	return oid
}

func (s *Schema) newOID() uint32 {
	s.nextOID++
	return s.nextOID - 1
}

// Relations lists every relation in creation order.
func (s *Schema) Relations() []*Relation { return s.rels }

// Lookup finds a relation by name; ns "" searches public, then the
// temporary schema, as the default search_path does.
func (s *Schema) Lookup(ns, name string) *Relation {
	if ns != "" {
		return s.byKey[ns+"."+name]
	}
	if r := s.byKey["public."+name]; r != nil {
		return r
	}
	return s.byKey[tempNS+"."+name]
}

// ByOID finds a relation by OID.
func (s *Schema) ByOID(oid uint32) *Relation {
	for _, r := range s.rels {
		if r.OID == oid {
			return r
		}
	}
	return nil
}

// UserTypes lists the non-built-in type names the columns use, with
// their OIDs.
func (s *Schema) UserTypes() map[string]uint32 { return s.userTypes }

// ResolveType fills a user-defined type's OID.
func (s *Schema) resolveType(t *Type) {
	if t.OID != 0 {
		return
	}
	base := strings.TrimPrefix(t.UDT, "_")
	oid, ok := s.userTypes[base]
	if !ok {
		oid = s.newOID()
		s.userTypes[base] = oid
	}
	if t.DataType == "ARRAY" {
		if _, ok := s.userTypes[t.UDT]; !ok {
			s.userTypes[t.UDT] = s.newOID()
		}
		oid = s.userTypes[t.UDT]
	}
	t.OID = oid
}

const tempNS = "pg_temp_3"

func (s *Schema) add(r *Relation) {
	if r.Namespace == "" {
		r.Namespace = "public"
	}
	s.namespace(r.Namespace)
	r.OID = s.newOID()
	if r.Persistence == 0 {
		r.Persistence = 'p'
	}
	s.rels = append(s.rels, r)
	s.byKey[r.Namespace+"."+r.Name] = r
}

func (s *Schema) remove(r *Relation) {
	s.rels = slices.DeleteFunc(s.rels, func(x *Relation) bool { return x == r })
	delete(s.byKey, r.Namespace+"."+r.Name)
}

func (s *Schema) rename(r *Relation, name string) {
	delete(s.byKey, r.Namespace+"."+r.Name)
	r.Name = name
	s.byKey[r.Namespace+"."+r.Name] = r
}

// Column returns the column named name, or nil.
func (r *Relation) Column(name string) *Column {
	for _, c := range r.Columns {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// Constraint returns the constraint named name, or nil.
func (r *Relation) Constraint(name string) *Constraint {
	for _, c := range r.Constraints {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// Indexes lists the indexes on r.
func (s *Schema) Indexes(r *Relation) []*Relation {
	var out []*Relation
	for _, x := range s.rels {
		if x.Kind == Index && x.Table == r {
			out = append(out, x)
		}
	}
	return out
}

// Referenced resolves a foreign key's table, nil when it does not exist.
func (s *Schema) Referenced(c *Constraint) *Relation {
	if c.Type != 'f' {
		return nil
	}
	return s.Lookup(c.RefNS, c.RefTable)
}

func (r *Relation) addColumn(c *Column) {
	r.nextAttr++
	c.Num = r.nextAttr
	r.Columns = append(r.Columns, c)
}

// ConstraintDef is pg_get_constraintdef()'s text for c.
func (s *Schema) ConstraintDef(c *Constraint) string {
	switch c.Type {
	case 'p':
		return "PRIMARY KEY (" + identList(c.Columns) + ")"
	case 'u':
		return "UNIQUE (" + identList(c.Columns) + ")"
	case 'c':
		return "CHECK ((" + c.Check + "))"
	case 'f':
		def := "FOREIGN KEY (" + identList(c.Columns) + ") REFERENCES " + QuoteIdent(c.RefTable) + "(" + identList(c.RefColumns) + ")"
		if a := actionNames[c.OnUpdate]; c.OnUpdate != 'a' && a != "" {
			def += " ON UPDATE " + a
		}
		if a := actionNames[c.OnDelete]; c.OnDelete != 'a' && a != "" {
			def += " ON DELETE " + a
		}
		return def
	}
	return "EXCLUDE"
}

var actionNames = map[byte]string{'a': "NO ACTION", 'r': "RESTRICT", 'c': "CASCADE", 'n': "SET NULL", 'd': "SET DEFAULT"}

// IndexDef is pg_get_indexdef()'s text for an index.
func (s *Schema) IndexDef(x *Relation) string {
	var b strings.Builder
	b.WriteString("CREATE ")
	if x.Unique {
		b.WriteString("UNIQUE ")
	}
	b.WriteString("INDEX " + QuoteIdent(x.Name) + " ON ")
	if x.Table != nil {
		b.WriteString(QuoteIdent(x.Table.Namespace) + "." + QuoteIdent(x.Table.Name))
	}
	b.WriteString(" USING " + x.Method + " (")
	for i, c := range x.IndexCols {
		if i > 0 {
			b.WriteString(", ")
		}
		if strings.HasPrefix(c, "(") {
			b.WriteString(c)
		} else {
			b.WriteString(QuoteIdent(c))
		}
	}
	b.WriteString(")")
	if x.Where != "" {
		if enclosed(x.Where) {
			b.WriteString(" WHERE " + x.Where)
		} else {
			b.WriteString(" WHERE (" + x.Where + ")")
		}
	}
	return b.String()
}

// enclosed says whether s is wholly inside one pair of parentheses.
func enclosed(s string) bool {
	if !strings.HasPrefix(s, "(") || !strings.HasSuffix(s, ")") {
		return false
	}
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 && i < len(s)-1 {
				return false
			}
		case '\'', '"':
			return false // quotes may hide parentheses: keep it simple
		}
	}
	return depth == 0
}

func identList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = QuoteIdent(n)
	}
	return strings.Join(q, ", ")
}

// QuoteIdent is PostgreSQL's quote_ident: names that are not plain
// lowercase words, or are reserved keywords, get double quotes.
func QuoteIdent(s string) string {
	plain := s != "" && !(s[0] >= '0' && s[0] <= '9') && !reserved[s]
	for i := 0; i < len(s) && plain; i++ {
		c := s[i]
		plain = c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_'
	}
	if plain {
		return s
	}
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// reserved are PostgreSQL's reserved keywords (and the type-function
// names quote_ident quotes too).
var reserved = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`all analyse analyze and any array as asc asymmetric authorization binary both case cast check
		collate collation column concurrently constraint create cross current_catalog current_date current_role
		current_schema current_time current_timestamp current_user default deferrable desc distinct do else end
		except false fetch for foreign freeze from full grant group having ilike in initially inner intersect into
		is isnull join lateral leading left like limit localtime localtimestamp natural not notnull null offset on
		only or order outer overlaps placing primary references returning right select session_user similar some
		symmetric system_user table tablesample then to trailing true union unique user using variadic verbose when
		where window with between bigint bit boolean char character coalesce dec decimal exists extract float
		greatest grouping inout int integer interval least national nchar none normalize nullif numeric out overlay
		position precision real row setof smallint substring time timestamp treat trim values varchar xmlattributes
		xmlconcat xmlelement xmlexists xmlforest xmlnamespaces xmlparse xmlpi xmlroot xmlserialize xmltable`) {
		reserved[w] = true
	}
}
