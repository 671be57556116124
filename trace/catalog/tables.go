package catalog

import (
	"strings"

	"github.com/migrate-runner/migrate-runner/trace/internal/sqllex"
	"github.com/migrate-runner/migrate-runner/trace/schema"
)

// The catalog relations the engine answers, with the columns each one
// has here (a subset of PostgreSQL 15's). Relations PostgreSQL has but
// the picture cannot fill (dependencies, statistics, comments, rules,
// triggers) are present and empty.
var catalogColumns = map[string][]colDef{
	"pg_namespace": {{"oid", oidOID}, {"nspname", oidName}, {"nspowner", oidOID}},
	"pg_class": {{"oid", oidOID}, {"relname", oidName}, {"relnamespace", oidOID}, {"reltype", oidOID},
		{"relowner", oidOID}, {"relam", oidOID}, {"reltablespace", oidOID}, {"relpages", oidInt4},
		{"reltuples", oidFloat4}, {"relhasindex", oidBool}, {"relisshared", oidBool},
		{"relpersistence", oidChar}, {"relkind", oidChar}, {"relnatts", oidInt2}, {"relchecks", oidInt2},
		{"relhastriggers", oidBool}, {"relispartition", oidBool}},
	"pg_attribute": {{"attrelid", oidOID}, {"attname", oidName}, {"atttypid", oidOID}, {"attlen", oidInt2},
		{"attnum", oidInt2}, {"attndims", oidInt4}, {"atttypmod", oidInt4}, {"attnotnull", oidBool},
		{"atthasdef", oidBool}, {"attidentity", oidChar}, {"attgenerated", oidChar},
		{"attisdropped", oidBool}, {"attislocal", oidBool}, {"attcollation", oidOID}},
	"pg_type": {{"oid", oidOID}, {"typname", oidName}, {"typnamespace", oidOID}, {"typlen", oidInt2},
		{"typtype", oidChar}, {"typcategory", oidChar}, {"typrelid", oidOID}, {"typelem", oidOID},
		{"typarray", oidOID}, {"typnotnull", oidBool}, {"typbasetype", oidOID}, {"typtypmod", oidInt4}},
	"pg_index": {{"indexrelid", oidOID}, {"indrelid", oidOID}, {"indnatts", oidInt2}, {"indnkeyatts", oidInt2},
		{"indisunique", oidBool}, {"indisprimary", oidBool}, {"indisexclusion", oidBool},
		{"indimmediate", oidBool}, {"indisvalid", oidBool}, {"indisready", oidBool}, {"indislive", oidBool},
		{"indkey", oidInt2Vec}, {"indexprs", oidText}, {"indpred", oidText}},
	"pg_indexes": {{"schemaname", oidName}, {"tablename", oidName}, {"indexname", oidName},
		{"tablespace", oidName}, {"indexdef", oidText}},
	"pg_constraint": {{"oid", oidOID}, {"conname", oidName}, {"connamespace", oidOID}, {"contype", oidChar},
		{"condeferrable", oidBool}, {"condeferred", oidBool}, {"convalidated", oidBool}, {"conrelid", oidOID},
		{"contypid", oidOID}, {"conindid", oidOID}, {"conparentid", oidOID}, {"confrelid", oidOID},
		{"confupdtype", oidChar}, {"confdeltype", oidChar}, {"confmatchtype", oidChar}, {"conislocal", oidBool},
		{"conkey", oidInt2Arr}, {"confkey", oidInt2Arr}, {"consrc", oidText}},
	"pg_attrdef": {{"oid", oidOID}, {"adrelid", oidOID}, {"adnum", oidInt2}, {"adbin", oidText}},
	"pg_views":   {{"schemaname", oidName}, {"viewname", oidName}, {"viewowner", oidName}, {"definition", oidText}},
	"pg_matviews": {{"schemaname", oidName}, {"matviewname", oidName}, {"matviewowner", oidName},
		{"tablespace", oidName}, {"hasindexes", oidBool}, {"ispopulated", oidBool}, {"definition", oidText}},
	"pg_tables": {{"schemaname", oidName}, {"tablename", oidName}, {"tableowner", oidName},
		{"tablespace", oidName}, {"hasindexes", oidBool}, {"hasrules", oidBool}, {"hastriggers", oidBool},
		{"rowsecurity", oidBool}},
	"pg_sequences": {{"schemaname", oidName}, {"sequencename", oidName}, {"sequenceowner", oidName},
		{"data_type", oidRegtype}, {"start_value", oidInt8}, {"increment_by", oidInt8}, {"last_value", oidInt8}},
	// pg_depend and pg_rewrite hold views' dependencies on the columns
	// they read (found by name in the view's text: an approximation).
	// Empty: statistics, comments, triggers, inheritance, functions.
	"pg_depend": {{"classid", oidOID}, {"objid", oidOID}, {"objsubid", oidInt4}, {"refclassid", oidOID},
		{"refobjid", oidOID}, {"refobjsubid", oidInt4}, {"deptype", oidChar}},
	"pg_rewrite": {{"oid", oidOID}, {"rulename", oidName}, {"ev_class", oidOID}, {"ev_type", oidChar},
		{"ev_enabled", oidChar}, {"is_instead", oidBool}},
	"pg_description": {{"objoid", oidOID}, {"classoid", oidOID}, {"objsubid", oidInt4}, {"description", oidText}},
	"pg_stats": {{"schemaname", oidName}, {"tablename", oidName}, {"attname", oidName}, {"inherited", oidBool},
		{"null_frac", oidFloat4}, {"avg_width", oidInt4}, {"n_distinct", oidFloat4}},
	"pg_inherits": {{"inhrelid", oidOID}, {"inhparent", oidOID}, {"inhseqno", oidInt4}},
	"pg_trigger": {{"oid", oidOID}, {"tgrelid", oidOID}, {"tgname", oidName}, {"tgfoid", oidOID},
		{"tgenabled", oidChar}, {"tgisinternal", oidBool}},
	"pg_proc": {{"oid", oidOID}, {"proname", oidName}, {"pronamespace", oidOID}},
}

var infoSchemaColumns = map[string][]colDef{
	"tables": {{"table_catalog", oidName}, {"table_schema", oidName}, {"table_name", oidName},
		{"table_type", oidVarchar}, {"is_insertable_into", oidVarchar}, {"is_typed", oidVarchar}},
	"columns": {{"table_catalog", oidName}, {"table_schema", oidName}, {"table_name", oidName},
		{"column_name", oidName}, {"ordinal_position", oidInt4}, {"column_default", oidVarchar},
		{"is_nullable", oidVarchar}, {"data_type", oidVarchar}, {"character_maximum_length", oidInt4},
		{"numeric_precision", oidInt4}, {"numeric_scale", oidInt4}, {"datetime_precision", oidInt4},
		{"udt_catalog", oidName}, {"udt_schema", oidName}, {"udt_name", oidName},
		{"is_identity", oidVarchar}, {"is_generated", oidVarchar}, {"is_updatable", oidVarchar}},
	"views": {{"table_catalog", oidName}, {"table_schema", oidName}, {"table_name", oidName},
		{"view_definition", oidVarchar}, {"check_option", oidVarchar}, {"is_updatable", oidVarchar},
		{"is_insertable_into", oidVarchar}},
	"sequences": {{"sequence_catalog", oidName}, {"sequence_schema", oidName}, {"sequence_name", oidName},
		{"data_type", oidVarchar}},
	"table_constraints": {{"constraint_catalog", oidName}, {"constraint_schema", oidName},
		{"constraint_name", oidName}, {"table_catalog", oidName}, {"table_schema", oidName},
		{"table_name", oidName}, {"constraint_type", oidVarchar}, {"is_deferrable", oidVarchar},
		{"initially_deferred", oidVarchar}},
	"key_column_usage": {{"constraint_catalog", oidName}, {"constraint_schema", oidName},
		{"constraint_name", oidName}, {"table_catalog", oidName}, {"table_schema", oidName},
		{"table_name", oidName}, {"column_name", oidName}, {"ordinal_position", oidInt4},
		{"position_in_unique_constraint", oidInt4}},
	"constraint_column_usage": {{"table_catalog", oidName}, {"table_schema", oidName}, {"table_name", oidName},
		{"column_name", oidName}, {"constraint_catalog", oidName}, {"constraint_schema", oidName},
		{"constraint_name", oidName}},
	"referential_constraints": {{"constraint_catalog", oidName}, {"constraint_schema", oidName},
		{"constraint_name", oidName}, {"unique_constraint_catalog", oidName},
		{"unique_constraint_schema", oidName}, {"unique_constraint_name", oidName},
		{"match_option", oidVarchar}, {"update_rule", oidVarchar}, {"delete_rule", oidVarchar}},
}

type colDef struct {
	name string
	oid  uint32
}

// isCatalogRelation says whether ns.name is one of the relations above.
func isCatalogRelation(ns, name string) bool {
	switch ns {
	case "", "pg_catalog":
		_, ok := catalogColumns[name]
		return ok
	case "information_schema":
		_, ok := infoSchemaColumns[name]
		return ok
	}
	return false
}

// catalogRelation builds a catalog relation's rows, once per query.
func (e *engine) catalogRelation(ns, name string) *relation {
	var defs []colDef
	key := name
	switch ns {
	case "", "pg_catalog":
		defs = catalogColumns[name]
	case "information_schema":
		defs, key = infoSchemaColumns[name], "information_schema."+name
	}
	if defs == nil {
		return nil
	}
	if r := e.rels[key]; r != nil {
		return r
	}
	r := &relation{}
	for _, d := range defs {
		r.cols = append(r.cols, d.name)
		r.types = append(r.types, d.oid)
	}
	add := func(vals ...any) { r.rows = append(r.rows, vals) }
	s := e.s
	nsOID := func(n string) int64 { return int64(s.NamespaceOID(n)) }
	yesNo := func(b bool) string {
		if b {
			return "YES"
		}
		return "NO"
	}
	switch key {
	case "pg_namespace":
		for _, n := range s.Namespaces() {
			add(nsOID(n), n, int64(10))
		}
	case "pg_class":
		for _, rel := range s.Relations() {
			hasIndex := len(s.Indexes(rel)) > 0
			checks := int64(0)
			for _, c := range rel.Constraints {
				if c.Type == 'c' {
					checks++
				}
			}
			natts := int64(len(rel.Columns))
			if rel.Kind == schema.Index {
				natts = int64(len(rel.IndexCols))
			}
			add(int64(rel.OID), rel.Name, nsOID(rel.Namespace), int64(0), int64(10), int64(0), int64(0), int64(0),
				float64(-1), hasIndex, false, string(rel.Persistence), string(rel.Kind), natts, checks, false, false)
		}
	case "pg_attribute":
		for _, rel := range s.Relations() {
			if rel.Kind == schema.Table || rel.Kind == schema.Partitioned || rel.Kind == schema.MatView || rel.Kind == schema.Foreign {
				for _, sc := range systemColumns {
					add(int64(rel.OID), sc.name, int64(sc.oid), sc.len, sc.num, int64(0), int64(-1), true, false, "", "", false, true, int64(0))
				}
			}
			switch rel.Kind {
			case schema.Index:
				for i, c := range rel.IndexCols {
					typ, name := int64(schema.OIDText), "expr"
					if i > 0 && strings.HasPrefix(c, "(") {
						name = "expr" + itoa(int64(i))
					}
					if rel.Table != nil {
						if col := rel.Table.Column(c); col != nil {
							typ, name = int64(col.Type.OID), col.Name
						}
					}
					add(int64(rel.OID), name, typ, int64(-1), int64(i+1), int64(0), int64(-1), false, false, "", "", false, true, int64(0))
				}
			case schema.Sequence:
			default:
				for _, c := range rel.Columns {
					ndims := int64(0)
					if c.Type.DataType == "ARRAY" {
						ndims = 1
					}
					add(int64(rel.OID), c.Name, int64(c.Type.OID), int64(-1), int64(c.Num), ndims, int64(c.Type.Typmod),
						c.NotNull, c.Default != "", "", "", false, true, int64(0))
				}
			}
		}
	case "pg_type":
		for _, b := range schema.BuiltinTypes() {
			cat := typeCategory(b.UDT)
			add(int64(b.OID), b.UDT, int64(schema.CatalogNamespace), int64(-1), "b", cat, int64(0), int64(0),
				int64(b.Array), false, int64(0), int64(-1))
			add(int64(b.Array), "_"+b.UDT, int64(schema.CatalogNamespace), int64(-1), "b", "A", int64(0), int64(b.OID),
				int64(0), false, int64(0), int64(-1))
		}
		for name, oid := range s.UserTypes() {
			elem, typcat := int64(0), "U"
			if base, ok := strings.CutPrefix(name, "_"); ok {
				elem, typcat = int64(s.UserTypes()[base]), "A"
			}
			add(int64(oid), name, int64(schema.PublicNamespace), int64(-1), "b", typcat, int64(0), elem, int64(0), false, int64(0), int64(-1))
		}
		sortRowsByFirst(r.rows)
	case "pg_index":
		for _, rel := range s.Relations() {
			if rel.Kind != schema.Index || rel.Table == nil {
				continue
			}
			var key int2vector
			var exprs []string
			for _, c := range rel.IndexCols {
				if col := rel.Table.Column(c); col != nil {
					key = append(key, int64(col.Num))
				} else {
					key = append(key, int64(0))
					exprs = append(exprs, c)
				}
			}
			var exprText, pred any
			if len(exprs) > 0 {
				exprText = strings.Join(exprs, ", ")
			}
			if rel.Where != "" {
				pred = rel.Where
			}
			n := int64(len(rel.IndexCols))
			add(int64(rel.OID), int64(rel.Table.OID), n, n, rel.Unique, rel.Primary, false, true, true, true, true, key, exprText, pred)
		}
	case "pg_indexes":
		for _, rel := range s.Relations() {
			if rel.Kind == schema.Index && rel.Table != nil {
				add(rel.Namespace, rel.Table.Name, rel.Name, nil, s.IndexDef(rel))
			}
		}
	case "pg_constraint":
		for _, rel := range s.Relations() {
			for _, c := range rel.Constraints {
				conkey := attnums(rel, c.Columns)
				var confkey any
				confrel, conind := int64(0), int64(0)
				upd, del, match := " ", " ", " "
				if c.Index != nil {
					conind = int64(c.Index.OID)
				}
				if c.Type == 'f' {
					upd, del, match = string(c.OnUpdate), string(c.OnDelete), "s"
					if ref := s.Referenced(c); ref != nil {
						confrel = int64(ref.OID)
						confkey = attnums(ref, c.RefColumns)
						for _, x := range s.Indexes(ref) {
							if x.Unique && strings.Join(x.IndexCols, ",") == strings.Join(c.RefColumns, ",") {
								conind = int64(x.OID)
							}
						}
					}
				}
				var src any
				if c.Type == 'c' {
					src = c.Check
				}
				add(int64(c.OID), c.Name, nsOID(rel.Namespace), string(c.Type), false, false, true, int64(rel.OID),
					int64(0), conind, int64(0), confrel, upd, del, match, true, conkey, confkey, src)
			}
		}
	case "pg_depend", "pg_rewrite":
		for _, v := range s.Relations() {
			if v.Kind != schema.View && v.Kind != schema.MatView {
				continue
			}
			rule := int64(v.OID) + rewriteOIDBase
			if key == "pg_rewrite" {
				add(rule, "_RETURN", int64(v.OID), "1", "O", true)
				continue
			}
			for _, d := range viewDependencies(s, v) {
				add(int64(pgRewriteOID), rule, int64(0), int64(pgClassOID), int64(d.rel.OID), int64(d.attnum), "n")
			}
		}
	case "pg_attrdef":
		for _, rel := range s.Relations() {
			for _, c := range rel.Columns {
				if c.Default != "" && rel.Kind != schema.View {
					add(int64(rel.OID)*1000+int64(c.Num), int64(rel.OID), int64(c.Num), c.Default)
				}
			}
		}
	case "pg_views":
		for _, rel := range s.Relations() {
			if rel.Kind == schema.View {
				add(rel.Namespace, rel.Name, "odoo", rel.ViewDef)
			}
		}
	case "pg_matviews":
		for _, rel := range s.Relations() {
			if rel.Kind == schema.MatView {
				add(rel.Namespace, rel.Name, "odoo", nil, len(s.Indexes(rel)) > 0, true, rel.ViewDef)
			}
		}
	case "pg_tables":
		for _, rel := range s.Relations() {
			if rel.Kind == schema.Table || rel.Kind == schema.Partitioned {
				add(rel.Namespace, rel.Name, "odoo", nil, len(s.Indexes(rel)) > 0, false, false, false)
			}
		}
	case "pg_sequences":
		for _, rel := range s.Relations() {
			if rel.Kind == schema.Sequence {
				add(rel.Namespace, rel.Name, "odoo", regtype(seqType(rel)), int64(1), int64(1), nil)
			}
		}
	case "information_schema.tables":
		for _, rel := range s.Relations() {
			var typ string
			switch {
			case rel.Persistence == 't' && (rel.Kind == schema.Table || rel.Kind == schema.Partitioned):
				typ = "LOCAL TEMPORARY"
			case rel.Kind == schema.Table || rel.Kind == schema.Partitioned:
				typ = "BASE TABLE"
			case rel.Kind == schema.View:
				typ = "VIEW"
			case rel.Kind == schema.Foreign:
				typ = "FOREIGN"
			default:
				continue // materialized views, indexes and sequences are not listed
			}
			add(e.db, rel.Namespace, rel.Name, typ, yesNo(rel.Kind != schema.View), "NO")
		}
	case "information_schema.columns":
		for _, rel := range s.Relations() {
			if rel.Kind != schema.Table && rel.Kind != schema.Partitioned && rel.Kind != schema.View && rel.Kind != schema.Foreign {
				continue
			}
			for i, c := range rel.Columns {
				var def, length, prec, scale, dtprec any
				if c.Default != "" {
					def = c.Default
				}
				if c.Type.Length > 0 {
					length = int64(c.Type.Length)
				}
				prec, scale = numericPrecision(c.Type)
				switch c.Type.UDT {
				case "timestamp", "timestamptz", "time", "timetz", "interval", "date":
					dtprec = int64(6)
					if c.Type.UDT == "date" {
						dtprec = int64(0)
					} else if c.Type.Typmod >= 0 {
						dtprec = int64(c.Type.Typmod)
					}
				}
				udtSchema := "pg_catalog"
				if schema.BuiltinOID(c.Type.UDT) == 0 {
					udtSchema = "public"
				}
				add(e.db, rel.Namespace, rel.Name, c.Name, int64(i+1), def, yesNo(!c.NotNull), c.Type.DataType,
					length, prec, scale, dtprec, e.db, udtSchema, c.Type.UDT, "NO", "NEVER", yesNo(rel.Kind != schema.View))
			}
		}
	case "information_schema.views":
		for _, rel := range s.Relations() {
			if rel.Kind == schema.View {
				add(e.db, rel.Namespace, rel.Name, rel.ViewDef, "NONE", "YES", "YES")
			}
		}
	case "information_schema.sequences":
		for _, rel := range s.Relations() {
			if rel.Kind == schema.Sequence {
				add(e.db, rel.Namespace, rel.Name, e.formatType(seqType(rel), -1))
			}
		}
	case "information_schema.table_constraints":
		names := map[byte]string{'p': "PRIMARY KEY", 'u': "UNIQUE", 'f': "FOREIGN KEY", 'c': "CHECK"}
		for _, rel := range s.Relations() {
			for _, c := range rel.Constraints {
				if t := names[c.Type]; t != "" {
					add(e.db, rel.Namespace, c.Name, e.db, rel.Namespace, rel.Name, t, "NO", "NO")
				}
			}
		}
	case "information_schema.key_column_usage":
		for _, rel := range s.Relations() {
			for _, c := range rel.Constraints {
				if c.Type != 'p' && c.Type != 'u' && c.Type != 'f' {
					continue
				}
				for i, col := range c.Columns {
					var pos any
					if c.Type == 'f' {
						pos = int64(i + 1)
					}
					add(e.db, rel.Namespace, c.Name, e.db, rel.Namespace, rel.Name, col, int64(i+1), pos)
				}
			}
		}
	case "information_schema.constraint_column_usage":
		for _, rel := range s.Relations() {
			for _, c := range rel.Constraints {
				switch c.Type {
				case 'p', 'u', 'c':
					for _, col := range c.Columns {
						add(e.db, rel.Namespace, rel.Name, col, e.db, rel.Namespace, c.Name)
					}
				case 'f':
					if ref := s.Referenced(c); ref != nil {
						for _, col := range c.RefColumns {
							add(e.db, ref.Namespace, ref.Name, col, e.db, rel.Namespace, c.Name)
						}
					}
				}
			}
		}
	case "information_schema.referential_constraints":
		rules := map[byte]string{'a': "NO ACTION", 'r': "RESTRICT", 'c': "CASCADE", 'n': "SET NULL", 'd': "SET DEFAULT"}
		for _, rel := range s.Relations() {
			for _, c := range rel.Constraints {
				if c.Type != 'f' {
					continue
				}
				var uname, uschema any
				if ref := s.Referenced(c); ref != nil {
					for _, k := range ref.Constraints {
						if (k.Type == 'p' || k.Type == 'u') && strings.Join(k.Columns, ",") == strings.Join(c.RefColumns, ",") {
							uname, uschema = k.Name, ref.Namespace
						}
					}
				}
				add(e.db, rel.Namespace, c.Name, e.db, uschema, uname, "NONE", rules[c.OnUpdate], rules[c.OnDelete])
			}
		}
	}
	if r.rows == nil {
		r.rows = [][]any{}
	}
	e.rels[key] = r
	return r
}

var systemColumns = []struct {
	name     string
	oid      uint32
	num, len int64
}{
	{"tableoid", 26, -6, 4}, {"cmax", 29, -5, 4}, {"xmax", 28, -4, 4}, {"cmin", 29, -3, 4},
	{"xmin", 28, -2, 4}, {"ctid", 27, -1, 6},
}

// OIDs of the catalogs pg_depend's rows name, and where rewrite rules'
// OIDs start (one rule per view, its OID offset from the view's).
const (
	pgClassOID     = 1259
	pgRewriteOID   = 2618
	rewriteOIDBase = 1 << 24
)

type dependency struct {
	rel    *schema.Relation
	attnum int
}

// viewDependencies lists the relations a view reads and the columns of
// theirs it names: a relation counts when its name appears in the view's
// text, a column when its name does (PostgreSQL records exactly the
// columns the query uses; a shared column name over-counts here).
func viewDependencies(s *schema.Schema, v *schema.Relation) []dependency {
	toks, err := sqllex.Tokens(v.ViewDef)
	if err != nil {
		return nil
	}
	names := map[string]bool{}
	star := false
	for i, t := range toks {
		if t.Name() {
			names[t.Text] = true
		}
		// A select-list * reads every column; count(*) reads none.
		star = star || t.IsOp("*") && i > 0 && (toks[i-1].Is("select") || toks[i-1].IsOp(",") || toks[i-1].IsOp("."))
	}
	var out []dependency
	for _, r := range s.Relations() {
		if r == v || !names[r.Name] || r.Kind == schema.Index || r.Kind == schema.Sequence {
			continue
		}
		out = append(out, dependency{r, 0})
		for _, c := range r.Columns {
			if names[c.Name] || star {
				out = append(out, dependency{r, c.Num})
			}
		}
	}
	return out
}

func attnums(rel *schema.Relation, cols []string) any {
	if len(cols) == 0 {
		return nil
	}
	out := make([]any, len(cols))
	for i, c := range cols {
		if col := rel.Column(c); col != nil {
			out[i] = int64(col.Num)
		} else {
			out[i] = int64(0)
		}
	}
	return out
}

func seqType(rel *schema.Relation) uint32 {
	if rel.OwnerTable != nil {
		if c := rel.OwnerTable.Column(rel.OwnerCol); c != nil && (c.Type.UDT == "int4" || c.Type.UDT == "int2") {
			return c.Type.OID
		}
	}
	return schema.OIDInt8
}

func numericPrecision(t schema.Type) (prec, scale any) {
	switch t.UDT {
	case "int2":
		return int64(16), int64(0)
	case "int4":
		return int64(32), int64(0)
	case "int8":
		return int64(64), int64(0)
	case "float4":
		return int64(24), nil
	case "float8":
		return int64(53), nil
	case "numeric":
		if t.Precision > 0 {
			return int64(t.Precision), int64(t.Scale)
		}
	}
	return nil, nil
}

func typeCategory(udt string) string {
	switch udt {
	case "bool":
		return "B"
	case "int2", "int4", "int8", "float4", "float8", "numeric", "oid", "regclass", "regproc", "money":
		return "N"
	case "text", "varchar", "bpchar", "name", "char":
		return "S"
	case "date", "time", "timestamp", "timestamptz", "timetz":
		return "D"
	case "interval":
		return "T"
	case "inet", "cidr":
		return "I"
	case "bit", "varbit":
		return "V"
	case "int4range", "daterange", "tsrange":
		return "R"
	}
	return "U"
}

func sortRowsByFirst(rows [][]any) {
	keys := make([][]any, len(rows))
	for i, r := range rows {
		keys[i] = []any{r[0]}
	}
	sortRows(rows, keys, []orderItem{{}})
}

func itoa(n int64) string { return textOf(n) }
