package odoolib

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/migrate-runner/migrate-runner/sqlexec"
)

// odoo.tools.sql (Odoo 16.0 to 18.0): the schema helpers, at the SQL
// level. Identifiers are quoted as Odoo quotes them ("name"); the SQL
// sent is what Odoo 17's versions send once rendered.

const toolsSQL = "odoo.tools.sql."

var (
	none  = sqlexec.NoneValue()
	empty = sqlexec.StrValue("")
)

func init() {
	reg := func(name string, params []string, required int, defaults []sqlexec.Value,
		fn func(context.Context, Env, []sqlexec.Value) (sqlexec.Value, error)) {
		Register(toolsSQL+name, Helper{Params: params, Required: required, Defaults: defaults, Fn: fn, Pure: pure[toolsSQL+name]})
	}
	reg("existing_tables", []string{"tablenames"}, 1, nil, existingTables)
	reg("table_exists", []string{"tablename"}, 1, nil, tableExists)
	reg("table_kind", []string{"tablename"}, 1, nil, tableKind)
	reg("table_columns", []string{"tablename"}, 1, nil, tableColumns)
	reg("column_exists", []string{"tablename", "columnname"}, 2, nil, columnExists)
	reg("create_column", []string{"tablename", "columnname", "columntype", "comment"}, 3, []sqlexec.Value{none}, createColumn)
	reg("rename_column", []string{"tablename", "columnname1", "columnname2"}, 3, nil, renameColumn)
	reg("convert_column", []string{"tablename", "columnname", "columntype"}, 3, nil, convertColumn)
	reg("get_depending_views", []string{"table", "column"}, 2, nil, getDependingViews)
	reg("drop_depending_views", []string{"table", "column"}, 2, nil, dropDependingViews)
	reg("set_not_null", []string{"tablename", "columnname"}, 2, nil, setNotNull)
	reg("drop_not_null", []string{"tablename", "columnname"}, 2, nil, dropNotNull)
	reg("constraint_definition", []string{"tablename", "constraintname"}, 2, nil, constraintDefinition)
	reg("add_constraint", []string{"tablename", "constraintname", "definition"}, 3, nil, addConstraint)
	reg("drop_constraint", []string{"tablename", "constraintname"}, 2, nil, dropConstraint)
	reg("add_foreign_key", []string{"tablename1", "columnname1", "tablename2", "columnname2", "ondelete"}, 5, nil, addForeignKey)
	reg("get_foreign_keys", []string{"tablename1", "columnname1", "tablename2", "columnname2", "ondelete"}, 5, nil, getForeignKeys)
	reg("fix_foreign_key", []string{"tablename1", "columnname1", "tablename2", "columnname2", "ondelete"}, 5, nil, fixForeignKey)
	reg("index_exists", []string{"indexname"}, 1, nil, indexExists)
	reg("check_index_exist", []string{"indexname"}, 1, nil, checkIndexExist)
	reg("create_index", []string{"indexname", "tablename", "expressions", "method", "where"}, 3,
		[]sqlexec.Value{sqlexec.StrValue("btree"), empty}, createIndex)
	reg("create_unique_index", []string{"indexname", "tablename", "expressions"}, 3, nil, createUniqueIndex)
	reg("drop_index", []string{"indexname", "tablename"}, 2, nil, dropIndex)
	reg("drop_view_if_exists", []string{"viewname"}, 1, nil, dropViewIfExists)
	reg("escape_psql", []string{"to_escape"}, 1, nil, escapePsql)
	reg("pg_varchar", []string{"size"}, 0, []sqlexec.Value{sqlexec.IntValue(0)}, pgVarchar)
	reg("reverse_order", []string{"order"}, 1, nil, reverseOrder)
}

// Pure helpers take no cursor; the host binds them without cr.
var pure = map[string]bool{toolsSQL + "escape_psql": true, toolsSQL + "pg_varchar": true, toolsSQL + "reverse_order": true}

func q(s string) string { return sqlexec.QuoteIdent(s) }

// Exec runs query with positional params through Odoo's cursor rules.
func Exec(ctx context.Context, env Env, query string, params ...sqlexec.Value) error {
	return exec(ctx, env, query, params...)
}

// Strs checks that the named arguments are str and returns them.
func Strs(fname string, names []string, a []sqlexec.Value) ([]string, error) {
	return strs(fname, names, a)
}

// Savepoint runs fn inside a savepoint, rolled back if fn fails.
func Savepoint(ctx context.Context, env Env, fn func() error) error { return savepoint(ctx, env, fn) }

// Column0 fetches the first column of every remaining row.
func Column0(env Env) ([]sqlexec.Value, error) { return column0(env) }

// Q quotes an identifier as Odoo does ("name").
func Q(s string) string { return q(s) }

func exec(ctx context.Context, env Env, query string, params ...sqlexec.Value) error {
	if len(params) == 0 {
		return env.Cursor.Execute(ctx, query, nil)
	}
	p := sqlexec.TupleValue(params...)
	return env.Cursor.Execute(ctx, query, &p)
}

// strs checks that the named arguments are str and returns them.
func strs(fname string, names []string, a []sqlexec.Value) ([]string, error) {
	out := make([]string, len(names))
	for i, n := range names {
		s, err := str(fname, n, a[i])
		if err != nil {
			return nil, err
		}
		out[i] = s
	}
	return out, nil
}

// savepoint runs fn inside a savepoint, rolled back if fn fails, like
// `with cr.savepoint(flush=False):`.
func savepoint(ctx context.Context, env Env, fn func() error) error {
	name, err := env.Cursor.Savepoint(ctx)
	if err != nil {
		return err
	}
	if err := fn(); err != nil {
		if rbErr := env.Cursor.RollbackTo(ctx, name); rbErr != nil {
			return errors.Join(err, rbErr)
		}
		return err
	}
	return env.Cursor.Release(ctx, name)
}

// bareException is Python's Exception(*args): str() of it is the args
// tuple's repr, as Odoo's set_not_null and add_constraint raise it.
func bareException(args ...sqlexec.Value) error {
	return &sqlexec.PyError{Type: "Exception", Msg: sqlexec.Repr(sqlexec.TupleValue(args...))}
}

func column0(env Env) ([]sqlexec.Value, error) {
	rows, err := env.Cursor.FetchAll()
	if err != nil {
		return nil, err
	}
	out := make([]sqlexec.Value, len(rows))
	for i, r := range rows {
		out[i] = r[0]
	}
	return out, nil
}

func existingTables(ctx context.Context, env Env, a []sqlexec.Value) (sqlexec.Value, error) {
	names := a[0]
	switch names.Kind {
	case sqlexec.List, sqlexec.Tuple:
	case sqlexec.Str: // tuple("abc") is ('a', 'b', 'c'), as in Odoo
		var items []sqlexec.Value
		for _, r := range names.Text {
			items = append(items, sqlexec.StrValue(string(r)))
		}
		names = sqlexec.ListValue(items...)
	default:
		if names.Kind != sqlexec.Other { // a set arrives from the host as a list
			return none, typeErr("'%s' object is not iterable", sqlexec.TypeName(names))
		}
	}
	if err := exec(ctx, env, `
        SELECT c.relname
          FROM pg_class c
          JOIN pg_namespace n ON (n.oid = c.relnamespace)
         WHERE c.relname IN %s
           AND c.relkind IN ('r', 'v', 'm')
           AND n.nspname = current_schema
    `, sqlexec.TupleValue(names.Items...)); err != nil {
		return none, err
	}
	rows, err := column0(env)
	return sqlexec.ListValue(rows...), err
}

func tableExists(ctx context.Context, env Env, a []sqlexec.Value) (sqlexec.Value, error) {
	found, err := existingTables(ctx, env, []sqlexec.Value{sqlexec.ListValue(a[0])})
	return sqlexec.BoolValue(len(found.Items) == 1), err
}

// tableKind returns the relkind letter up to 16.0; from 17.0 the host
// wraps the answer into the TableKind enum: r, t (a temporary table), v,
// m, f, or "" for TableKind.Other. None means no such table.
func tableKind(ctx context.Context, env Env, a []sqlexec.Value) (sqlexec.Value, error) {
	if err := exec(ctx, env, `
        SELECT c.relkind, c.relpersistence
          FROM pg_class c
          JOIN pg_namespace n ON (n.oid = c.relnamespace)
         WHERE c.relname = %s
           AND n.nspname = current_schema
    `, a[0]); err != nil {
		return none, err
	}
	if env.Cursor.RowCount() <= 0 {
		return none, nil
	}
	row, err := env.Cursor.FetchOne()
	if err != nil {
		return none, err
	}
	kind, persistence := row[0].Text, row[1].Text
	if env.Major > 0 && env.Major < 17 {
		return sqlexec.StrValue(kind), nil
	}
	switch {
	case kind == "r" && persistence == "t":
		return sqlexec.StrValue("t"), nil
	case strings.Contains("rvmf", kind) && kind != "":
		return sqlexec.StrValue(kind), nil
	}
	return sqlexec.StrValue(""), nil
}

func tableColumns(ctx context.Context, env Env, a []sqlexec.Value) (sqlexec.Value, error) {
	if err := exec(ctx, env, `SELECT column_name, udt_name, character_maximum_length, is_nullable
               FROM information_schema.columns WHERE table_name=%s`, a[0]); err != nil {
		return none, err
	}
	rows, err := env.Cursor.DictFetchAll()
	if err != nil {
		return none, err
	}
	out := sqlexec.Value{Kind: sqlexec.Dict}
	for _, r := range rows {
		name := r.Items[0] // column_name, the first key
		out.Keys = append(out.Keys, name.Text)
		out.Items = append(out.Items, r)
	}
	return out, nil
}

func columnExists(ctx context.Context, env Env, a []sqlexec.Value) (sqlexec.Value, error) {
	if err := exec(ctx, env, ` SELECT 1 FROM information_schema.columns
                WHERE table_name=%s AND column_name=%s `, a[0], a[1]); err != nil {
		return none, err
	}
	return sqlexec.IntValue(env.Cursor.RowCount()), nil // a rowcount, not a bool, as in Odoo
}

func createColumn(ctx context.Context, env Env, a []sqlexec.Value) (sqlexec.Value, error) {
	s, err := strs("create_column", []string{"tablename", "columnname", "columntype"}, a)
	if err != nil {
		return none, err
	}
	def := ""
	if strings.ToUpper(s[2]) == "BOOLEAN" {
		def = "DEFAULT false"
	}
	alter := fmt.Sprintf("ALTER TABLE %s ADD COLUMN %s %s %s", q(s[0]), q(s[1]), s[2], def)
	if !a[3].Truthy() {
		return none, exec(ctx, env, alter)
	}
	// One statement pair with the comment as a parameter, as Odoo 17 sends it.
	return none, exec(ctx, env, strings.ReplaceAll(alter, "%", "%%")+"; COMMENT ON COLUMN "+q(s[0])+"."+q(s[1])+" IS %s", a[3])
}

func renameColumn(ctx context.Context, env Env, a []sqlexec.Value) (sqlexec.Value, error) {
	s, err := strs("rename_column", []string{"tablename", "columnname1", "columnname2"}, a)
	if err != nil {
		return none, err
	}
	return none, exec(ctx, env, fmt.Sprintf("ALTER TABLE %s RENAME COLUMN %s TO %s", q(s[0]), q(s[1]), q(s[2])))
}

func convertColumn(ctx context.Context, env Env, a []sqlexec.Value) (sqlexec.Value, error) {
	s, err := strs("convert_column", []string{"tablename", "columnname", "columntype"}, a)
	if err != nil {
		return none, err
	}
	query := fmt.Sprintf("ALTER TABLE %s ALTER COLUMN %s DROP DEFAULT, ALTER COLUMN %s TYPE %s USING %s::%s",
		q(s[0]), q(s[1]), q(s[1]), s[2], q(s[1]), s[2])
	err = savepoint(ctx, env, func() error { return exec(ctx, env, query) })
	var dbe *sqlexec.DBError
	if errors.As(err, &dbe) && dbe.Class == "NotSupportedError" {
		// A view depends on the column: drop the views and retry, as Odoo does.
		if _, err := dropDependingViews(ctx, env, a[:2]); err != nil {
			return none, err
		}
		return none, exec(ctx, env, query)
	}
	return none, err
}

func getDependingViews(ctx context.Context, env Env, a []sqlexec.Value) (sqlexec.Value, error) {
	if err := exec(ctx, env, `
        SELECT distinct quote_ident(dependee.relname), dependee.relkind
        FROM pg_depend
        JOIN pg_rewrite ON pg_depend.objid = pg_rewrite.oid
        JOIN pg_class as dependee ON pg_rewrite.ev_class = dependee.oid
        JOIN pg_class as dependent ON pg_depend.refobjid = dependent.oid
        JOIN pg_attribute ON pg_depend.refobjid = pg_attribute.attrelid
            AND pg_depend.refobjsubid = pg_attribute.attnum
        WHERE dependent.relname = %s
        AND pg_attribute.attnum > 0
        AND pg_attribute.attname = %s
        AND dependee.relkind in ('v', 'm')
    `, a[0], a[1]); err != nil {
		return none, err
	}
	rows, err := env.Cursor.FetchAll()
	out := sqlexec.ListValue()
	for _, r := range rows {
		out.Items = append(out.Items, sqlexec.TupleValue(r...))
	}
	return out, err
}

func dropDependingViews(ctx context.Context, env Env, a []sqlexec.Value) (sqlexec.Value, error) {
	views, err := getDependingViews(ctx, env, a)
	if err != nil {
		return none, err
	}
	for _, v := range views.Items {
		kind := "VIEW"
		if v.Items[1].Text == "m" {
			kind = "MATERIALIZED VIEW"
		}
		// The name comes back from quote_ident already quoted when needed.
		if err := exec(ctx, env, fmt.Sprintf("DROP %s IF EXISTS %s CASCADE", kind, v.Items[0].Text)); err != nil {
			return none, err
		}
	}
	return none, nil
}

func setNotNull(ctx context.Context, env Env, a []sqlexec.Value) (sqlexec.Value, error) {
	s, err := strs("set_not_null", []string{"tablename", "columnname"}, a)
	if err != nil {
		return none, err
	}
	err = savepoint(ctx, env, func() error {
		return exec(ctx, env, fmt.Sprintf("ALTER TABLE %s ALTER COLUMN %s SET NOT NULL", q(s[0]), q(s[1])))
	})
	if err != nil {
		return none, bareException(sqlexec.StrValue("Table %r: unable to set NOT NULL on column %r"), a[0], a[1])
	}
	return none, nil
}

func dropNotNull(ctx context.Context, env Env, a []sqlexec.Value) (sqlexec.Value, error) {
	s, err := strs("drop_not_null", []string{"tablename", "columnname"}, a)
	if err != nil {
		return none, err
	}
	return none, exec(ctx, env, fmt.Sprintf("ALTER TABLE %s ALTER COLUMN %s DROP NOT NULL", q(s[0]), q(s[1])))
}

func fetchScalarOrNone(env Env) (sqlexec.Value, error) {
	if env.Cursor.RowCount() <= 0 {
		return none, nil
	}
	row, err := env.Cursor.FetchOne()
	if err != nil || row == nil {
		return none, err
	}
	return row[0], nil
}

func constraintDefinition(ctx context.Context, env Env, a []sqlexec.Value) (sqlexec.Value, error) {
	if err := exec(ctx, env, `
        SELECT COALESCE(d.description, pg_get_constraintdef(c.oid))
        FROM pg_constraint c
        JOIN pg_class t ON t.oid = c.conrelid
        LEFT JOIN pg_description d ON c.oid = d.objoid
        WHERE t.relname = %s AND conname = %s
    `, a[0], a[1]); err != nil {
		return none, err
	}
	return fetchScalarOrNone(env)
}

func addConstraint(ctx context.Context, env Env, a []sqlexec.Value) (sqlexec.Value, error) {
	s, err := strs("add_constraint", []string{"tablename", "constraintname", "definition"}, a)
	if err != nil {
		return none, err
	}
	err = savepoint(ctx, env, func() error {
		if err := exec(ctx, env, fmt.Sprintf("ALTER TABLE %s ADD CONSTRAINT %s %s", q(s[0]), q(s[1]), s[2])); err != nil {
			return err
		}
		// The definition is kept as the constraint's comment, as Odoo does.
		return exec(ctx, env, fmt.Sprintf("COMMENT ON CONSTRAINT %s ON %s IS %%s", q(s[1]), q(s[0])), a[2])
	})
	if err != nil {
		return none, bareException(sqlexec.StrValue("Table %r: unable to add constraint %r as %s"), a[0], a[1], a[2])
	}
	return none, nil
}

func dropConstraint(ctx context.Context, env Env, a []sqlexec.Value) (sqlexec.Value, error) {
	s, err := strs("drop_constraint", []string{"tablename", "constraintname"}, a)
	if err != nil {
		return none, err
	}
	// A failure is only a warning in Odoo; the savepoint keeps the
	// transaction usable.
	_ = savepoint(ctx, env, func() error {
		return exec(ctx, env, fmt.Sprintf("ALTER TABLE %s DROP CONSTRAINT %s", q(s[0]), q(s[1])))
	})
	return none, nil
}

var confDelTypes = map[string]string{"RESTRICT": "r", "NO ACTION": "a", "CASCADE": "c", "SET NULL": "n", "SET DEFAULT": "d"}

func addForeignKey(ctx context.Context, env Env, a []sqlexec.Value) (sqlexec.Value, error) {
	s, err := strs("add_foreign_key", []string{"tablename1", "columnname1", "tablename2", "columnname2", "ondelete"}, a)
	if err != nil {
		return none, err
	}
	err = exec(ctx, env, fmt.Sprintf("ALTER TABLE %s ADD FOREIGN KEY (%s) REFERENCES %s(%s) ON DELETE %s",
		q(s[0]), q(s[1]), q(s[2]), q(s[3]), s[4]))
	return sqlexec.BoolValue(true), err
}

func getForeignKeys(ctx context.Context, env Env, a []sqlexec.Value) (sqlexec.Value, error) {
	s, err := strs("get_foreign_keys", []string{"tablename1", "columnname1", "tablename2", "columnname2", "ondelete"}, a)
	if err != nil {
		return none, err
	}
	deltype, ok := confDelTypes[strings.ToUpper(s[4])]
	if !ok {
		return none, &sqlexec.PyError{Type: "KeyError", Msg: sqlexec.Repr(sqlexec.StrValue(strings.ToUpper(s[4])))}
	}
	if err := exec(ctx, env, `
            SELECT fk.conname as name
            FROM pg_constraint AS fk
            JOIN pg_class AS c1 ON fk.conrelid = c1.oid
            JOIN pg_class AS c2 ON fk.confrelid = c2.oid
            JOIN pg_attribute AS a1 ON a1.attrelid = c1.oid AND fk.conkey[1] = a1.attnum
            JOIN pg_attribute AS a2 ON a2.attrelid = c2.oid AND fk.confkey[1] = a2.attnum
            WHERE fk.contype = 'f'
            AND c1.relname = %s
            AND a1.attname = %s
            AND c2.relname = %s
            AND a2.attname = %s
            AND fk.confdeltype = %s
        `, a[0], a[1], a[2], a[3], sqlexec.StrValue(deltype)); err != nil {
		return none, err
	}
	names, err := column0(env)
	return sqlexec.ListValue(names...), err
}

func fixForeignKey(ctx context.Context, env Env, a []sqlexec.Value) (sqlexec.Value, error) {
	s, err := strs("fix_foreign_key", []string{"tablename1", "columnname1", "tablename2", "columnname2", "ondelete"}, a)
	if err != nil {
		return none, err
	}
	deltype, ok := confDelTypes[strings.ToUpper(s[4])]
	if !ok {
		deltype = "a"
	}
	if err := exec(ctx, env, ` SELECT con.conname, c2.relname, a2.attname, con.confdeltype as deltype
                  FROM pg_constraint as con, pg_class as c1, pg_class as c2,
                       pg_attribute as a1, pg_attribute as a2
                 WHERE con.contype='f' AND con.conrelid=c1.oid AND con.confrelid=c2.oid
                   AND array_lower(con.conkey, 1)=1 AND con.conkey[1]=a1.attnum
                   AND array_lower(con.confkey, 1)=1 AND con.confkey[1]=a2.attnum
                   AND a1.attrelid=c1.oid AND a2.attrelid=c2.oid
                   AND c1.relname=%s AND a1.attname=%s `, a[0], a[1]); err != nil {
		return none, err
	}
	fks, err := env.Cursor.FetchAll()
	if err != nil {
		return none, err
	}
	found := false
	for _, fk := range fks {
		if !found && fk[1].Text == s[2] && fk[2].Text == s[3] && fk[3].Text == deltype {
			found = true
			continue
		}
		if _, err := dropConstraint(ctx, env, []sqlexec.Value{a[0], fk[0]}); err != nil {
			return none, err
		}
	}
	if !found {
		return addForeignKey(ctx, env, a)
	}
	return none, nil
}

func indexExists(ctx context.Context, env Env, a []sqlexec.Value) (sqlexec.Value, error) {
	if err := exec(ctx, env, "SELECT 1 FROM pg_indexes WHERE indexname=%s", a[0]); err != nil {
		return none, err
	}
	return sqlexec.IntValue(env.Cursor.RowCount()), nil
}

func checkIndexExist(ctx context.Context, env Env, a []sqlexec.Value) (sqlexec.Value, error) {
	n, err := indexExists(ctx, env, a)
	if err == nil && !n.Truthy() {
		err = &sqlexec.PyError{Type: "AssertionError", Msg: fmt.Sprintf("%s does not exist", a[0].Text)}
	}
	return none, err
}

// expressions joins create_index's expressions (raw SQL) with ", ".
func expressions(fname string, v sqlexec.Value) (string, error) {
	if v.Kind != sqlexec.List && v.Kind != sqlexec.Tuple {
		return "", typeErr("%s(): expressions must be a list of str, not %s", fname, sqlexec.TypeName(v))
	}
	parts := make([]string, len(v.Items))
	for i, it := range v.Items {
		if it.Kind != sqlexec.Str {
			return "", typeErr("sequence item %d: expected str instance, %s found", i, sqlexec.TypeName(it))
		}
		parts[i] = it.Text
	}
	return strings.Join(parts, ", "), nil
}

func createIndex(ctx context.Context, env Env, a []sqlexec.Value) (sqlexec.Value, error) {
	s, err := strs("create_index", []string{"indexname", "tablename"}, a)
	if err != nil {
		return none, err
	}
	if n, err := indexExists(ctx, env, a[:1]); err != nil || n.Truthy() {
		return none, err
	}
	args, err := expressions("create_index", a[2])
	if err != nil {
		return none, err
	}
	where := ""
	if a[4].Truthy() {
		where = " WHERE " + a[4].Text
	}
	return none, exec(ctx, env, fmt.Sprintf("CREATE INDEX %s ON %s USING %s (%s)%s", q(s[0]), q(s[1]), a[3].Text, args, where))
}

func createUniqueIndex(ctx context.Context, env Env, a []sqlexec.Value) (sqlexec.Value, error) {
	s, err := strs("create_unique_index", []string{"indexname", "tablename"}, a)
	if err != nil {
		return none, err
	}
	if n, err := indexExists(ctx, env, a[:1]); err != nil || n.Truthy() {
		return none, err
	}
	args, err := expressions("create_unique_index", a[2])
	if err != nil {
		return none, err
	}
	return none, exec(ctx, env, fmt.Sprintf("CREATE UNIQUE INDEX %s ON %s (%s)", q(s[0]), q(s[1]), args))
}

func dropIndex(ctx context.Context, env Env, a []sqlexec.Value) (sqlexec.Value, error) {
	s, err := str("drop_index", "indexname", a[0])
	if err != nil {
		return none, err
	}
	return none, exec(ctx, env, "DROP INDEX IF EXISTS "+q(s))
}

// dropViewIfExists inlines the name unquoted up to 16.0 (so "schema.view"
// works there) and as an identifier from 17.0, as each series does.
func dropViewIfExists(ctx context.Context, env Env, a []sqlexec.Value) (sqlexec.Value, error) {
	s, err := str("drop_view_if_exists", "viewname", a[0])
	if err != nil {
		return none, err
	}
	if env.Major > 0 && env.Major < 17 {
		return none, exec(ctx, env, "DROP view IF EXISTS "+s+" CASCADE")
	}
	return none, exec(ctx, env, "DROP VIEW IF EXISTS "+q(s)+" CASCADE")
}

func escapePsql(_ context.Context, _ Env, a []sqlexec.Value) (sqlexec.Value, error) {
	s, err := str("escape_psql", "to_escape", a[0])
	if err != nil {
		return none, err
	}
	s = strings.ReplaceAll(s, `\`, `\\`)
	s = strings.ReplaceAll(s, "%", `\%`)
	return sqlexec.StrValue(strings.ReplaceAll(s, "_", `\_`)), nil
}

func pgVarchar(_ context.Context, _ Env, a []sqlexec.Value) (sqlexec.Value, error) {
	size := a[0]
	if !size.Truthy() {
		return sqlexec.StrValue("VARCHAR"), nil
	}
	if size.Kind != sqlexec.Int {
		return none, &sqlexec.PyError{Type: "ValueError", Msg: fmt.Sprintf("VARCHAR parameter should be an int, got <class '%s'>", sqlexec.TypeName(size))}
	}
	if size.Int.Sign() > 0 {
		return sqlexec.StrValue("VARCHAR(" + size.Int.String() + ")"), nil
	}
	return sqlexec.StrValue("VARCHAR"), nil
}

func reverseOrder(_ context.Context, _ Env, a []sqlexec.Value) (sqlexec.Value, error) {
	s, err := str("reverse_order", "order", a[0])
	if err != nil {
		return none, err
	}
	var items []string
	for _, item := range strings.Split(s, ",") {
		words := strings.Fields(strings.ToLower(item))
		if len(words) == 0 {
			return none, &sqlexec.PyError{Type: "IndexError", Msg: "list index out of range"}
		}
		dir := "desc"
		if len(words) == 2 && words[1] == "desc" {
			dir = "asc"
		}
		items = append(items, words[0]+" "+dir)
	}
	return sqlexec.StrValue(strings.Join(items, ", ")), nil
}
