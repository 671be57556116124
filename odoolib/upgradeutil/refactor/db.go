package refactor

import (
	"context"
	"fmt"
	"strings"

	"github.com/migrate-runner/migrate-runner/odoolib"
	"github.com/migrate-runner/migrate-runner/sqlexec"
)

// runner carries one helper call's context and cursor through the
// refactor's many small queries.
type runner struct {
	ctx context.Context
	env odoolib.Env
}

func str(s string) sqlexec.Value { return sqlexec.StrValue(s) }

func strList(ss []string) []sqlexec.Value {
	out := make([]sqlexec.Value, len(ss))
	for i, s := range ss {
		out[i] = str(s)
	}
	return out
}

func intList(ids []int64) []sqlexec.Value {
	out := make([]sqlexec.Value, len(ids))
	for i, id := range ids {
		out[i] = sqlexec.IntValue(id)
	}
	return out
}

// exec runs q with Odoo's cursor rules: with params, "%" must be "%%".
func (r runner) exec(q string, params ...sqlexec.Value) error {
	return odoolib.Exec(r.ctx, r.env, q, params...)
}

func (r runner) rows(q string, params ...sqlexec.Value) ([][]sqlexec.Value, error) {
	if err := r.exec(q, params...); err != nil {
		return nil, err
	}
	return r.env.Cursor.FetchAll()
}

// strings0 returns the first column of q's rows as strings (None as "").
func (r runner) strings0(q string, params ...sqlexec.Value) ([]string, error) {
	rows, err := r.rows(q, params...)
	if err != nil {
		return nil, err
	}
	out := make([]string, len(rows))
	for i, row := range rows {
		out[i] = text(row[0])
	}
	return out, nil
}

// ids0 returns the first column of q's rows as ints.
func (r runner) ids0(q string, params ...sqlexec.Value) ([]int64, error) {
	rows, err := r.rows(q, params...)
	if err != nil {
		return nil, err
	}
	out := make([]int64, 0, len(rows))
	for _, row := range rows {
		if row[0].Kind == sqlexec.Int {
			out = append(out, row[0].Int.Int64())
		}
	}
	return out, nil
}

// any reports whether q returns a row.
func (r runner) any(q string, params ...sqlexec.Value) (bool, error) {
	rows, err := r.rows(q, params...)
	return len(rows) > 0, err
}

// call runs another package's helper by its Python name, as a script
// would call it.
func (r runner) call(name string, args []sqlexec.Value, kw map[string]sqlexec.Value) (sqlexec.Value, error) {
	var kwargs *sqlexec.Value
	if len(kw) > 0 {
		d := sqlexec.Value{Kind: sqlexec.Dict}
		for _, k := range sortedKeys(kw) {
			d.Keys = append(d.Keys, k)
			d.Items = append(d.Items, kw[k])
		}
		kwargs = &d
	}
	return odoolib.Call(r.ctx, r.env, name, args, kwargs)
}

// explode runs an UPDATE/DELETE through upgrade-util's explode_execute,
// as upstream does for its table-wide rewrites: one bucket runs on the
// script's cursor, several commit it (package parallel decides).
func (r runner) explode(query, table string, params ...sqlexec.Value) error {
	return r.explodeAs("", query, table, params...)
}

// explodeAs is explode for a query that names table by alias (the
// bucket filter is alias.id BETWEEN …).
func (r runner) explodeAs(alias, query, table string, params ...sqlexec.Value) error {
	if len(params) > 0 {
		p := sqlexec.TupleValue(params...)
		q, err := sqlexec.Mogrify(query, &p)
		if err != nil {
			return err
		}
		query = q
	}
	var kw map[string]sqlexec.Value
	if alias != "" {
		kw = map[string]sqlexec.Value{"alias": str(alias)}
	}
	_, err := r.call(util+"explode_execute", []sqlexec.Value{str(query), str(table)}, kw)
	return err
}

func text(v sqlexec.Value) string {
	if v.Kind == sqlexec.Str {
		return v.Text
	}
	return ""
}

func intOf(v sqlexec.Value) int64 {
	if v.Kind == sqlexec.Int {
		return v.Int.Int64()
	}
	return 0
}

// atLeast tells whether the target series is major or newer; Major 0
// means the newest behaviour.
func (r runner) atLeast(major int) bool { return r.env.Major == 0 || r.env.Major >= major }

// --- catalog facts, through upgrade-util's own helpers (package
// upgradeutil), so that its shortcuts and rules apply here too ---

func (r runner) boolHelper(name string, args ...sqlexec.Value) (bool, error) {
	v, err := r.call(util+name, args, nil)
	return err == nil && v.Truthy(), err
}

func (r runner) strHelper(name string, args ...sqlexec.Value) (string, error) {
	v, err := r.call(util+name, args, nil)
	return text(v), err
}

// tableExists: a base table of that name in any schema (views excluded).
func (r runner) tableExists(table string) (bool, error) {
	return r.boolHelper("table_exists", str(table))
}

func (r runner) viewExists(view string) (bool, error) { return r.boolHelper("view_exists", str(view)) }

func (r runner) columnExists(table, column string) (bool, error) {
	return r.boolHelper("column_exists", str(table), str(column))
}

// columnType is the column's udt name ("int4", "jsonb", …), "" if missing.
func (r runner) columnType(table, column string) (string, error) {
	return r.strHelper("column_type", str(table), str(column))
}

// columnUpdatable: the column exists and can be written (not a view's).
func (r runner) columnUpdatable(table, column string) (bool, error) {
	return r.boolHelper("column_updatable", str(table), str(column))
}

func (r runner) tableOfModel(model string) (string, error) {
	return r.strHelper("table_of_model", str(model))
}

func (r runner) modelOfTable(table string) (string, error) {
	return r.strHelper("model_of_table", str(table))
}

// fk is one single-column foreign key pointing at a table's id.
type fk struct{ table, column, name, onDelete string }

// fksTo lists the foreign keys pointing at table.id (get_fk).
func (r runner) fksTo(table string) ([]fk, error) {
	v, err := r.call(util+"get_fk", []sqlexec.Value{str(table)}, map[string]sqlexec.Value{"quote_ident": sqlexec.BoolValue(false)})
	if err != nil {
		return nil, err
	}
	out := make([]fk, 0, len(v.Items))
	for _, row := range v.Items {
		if len(row.Items) == 4 {
			out = append(out, fk{text(row.Items[0]), text(row.Items[1]), text(row.Items[2]), text(row.Items[3])})
		}
	}
	return out, nil
}

// targetOf returns the table, column and constraint (quote_ident-ed, as
// upstream's target_of gives them) that table.column references, or
// ok=false when it is not a foreign key.
func (r runner) targetOf(table, column string) (target, targetColumn, constraint string, ok bool, err error) {
	v, err := r.call(util+"target_of", []sqlexec.Value{str(table), str(column)}, nil)
	if err != nil || v.Kind != sqlexec.Tuple || len(v.Items) != 3 {
		return "", "", "", false, err
	}
	return text(v.Items[0]), text(v.Items[1]), text(v.Items[2]), true, nil
}

// columnsOf lists a public table's columns, sorted, without ignore.
func (r runner) columnsOf(table string, ignore ...string) ([]string, error) {
	return r.strings0(`
        SELECT column_name::varchar
          FROM information_schema.columns
         WHERE table_schema = 'public'
           AND table_name = %s
           AND column_name != ALL(%s)
      ORDER BY column_name`, str(table), sqlexec.ListValue(strList(ignore)...))
}

// uniqueIndexesWith lists the column sets of the unique indexes of table
// that contain every one of columns.
func (r runner) uniqueIndexesWith(table string, columns ...string) ([][]string, error) {
	rows, err := r.rows(`
        SELECT attrs
          FROM (SELECT i.relname AS name, array_agg(a.attname::text ORDER BY a.attnum) AS attrs
                  FROM (SELECT *, unnest(indkey) AS unnest_indkey FROM pg_index) x
                  JOIN pg_class c ON c.oid = x.indrelid
                  JOIN pg_class i ON i.oid = x.indexrelid
                  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = x.unnest_indkey
                 WHERE c.relkind IN ('r', 'm')
                   AND i.relkind = 'i'
                   AND c.relname = %s
                   AND x.indisunique
              GROUP BY 1) idx
         WHERE attrs @> %s::text[]
      ORDER BY name`, str(table), sqlexec.ListValue(strList(columns)...))
	if err != nil {
		return nil, err
	}
	out := make([][]string, 0, len(rows))
	for _, row := range rows {
		var cols []string
		for _, it := range row[0].Items {
			cols = append(cols, text(it))
		}
		out = append(out, cols)
	}
	return out, nil
}

// m2mTables lists the tables of exactly two foreign-key columns, one of
// which points at table (upgrade-util's definition of an m2m table).
func (r runner) m2mTables(table string) ([]string, error) {
	return r.strings0(`
        WITH two_cols AS (
            SELECT t.oid
              FROM pg_class t
              JOIN pg_attribute a ON a.attrelid = t.oid
             WHERE t.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
          GROUP BY t.oid
            HAVING count(*) = 2
        )
        SELECT DISTINCT t.relname::varchar
          FROM pg_class t
          JOIN two_cols tc ON t.oid = tc.oid
          JOIN pg_attribute a1 ON a1.attrelid = t.oid AND a1.attnum > 0
          JOIN pg_constraint c1 ON c1.conrelid = t.oid AND c1.contype = 'f' AND a1.attnum = ANY(c1.conkey)
                               AND array_length(c1.conkey, 1) = 1
          JOIN pg_attribute a2 ON a2.attrelid = t.oid AND a2.attnum > 0 AND a1.attnum != a2.attnum
          JOIN pg_constraint c2 ON c2.conrelid = t.oid AND c2.contype = 'f' AND a2.attnum = ANY(c2.conkey)
                               AND array_length(c2.conkey, 1) = 1
          JOIN pg_class the_table ON c1.confrelid = the_table.oid
         WHERE the_table.relkind = 'r' AND the_table.relname = %s
      ORDER BY 1`, str(table))
}

// modelID returns ir_model's id of model, 0 when there is none.
func (r runner) modelID(model string) (int64, error) {
	ids, err := r.ids0(`SELECT id FROM ir_model WHERE model = %s`, str(model))
	if err != nil || len(ids) == 0 {
		return 0, err
	}
	return ids[0], nil
}

// inList renders ids as an SQL tuple literal for IN; callers check that
// ids is not empty (IN () is a syntax error, as in psycopg2).
func inList(ids []int64) sqlexec.Value { return sqlexec.TupleValue(intList(ids)...) }

func chunks(ids []int64, size int) [][]int64 {
	var out [][]int64
	for len(ids) > size {
		out = append(out, ids[:size])
		ids = ids[size:]
	}
	if len(ids) > 0 {
		out = append(out, ids)
	}
	return out
}

func q(ident string) string { return odoolib.Q(ident) }

// wrap adds the helper call to a Go-side error message; the Python
// exception keeps its class (errors.As sees through the wrapping).
func wrap(call string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", call, err)
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// likeEscape escapes LIKE's "_" the way upstream does for its xmlid
// patterns (it leaves "%" alone: model names have none).
func likeEscape(s string) string { return strings.ReplaceAll(s, "_", `\_`) }
