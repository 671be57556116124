package openupgrade

import (
	"fmt"
	"strings"

	"github.com/migrate-runner/migrate-runner/odoolib"
	"github.com/migrate-runner/migrate-runner/sqlexec"
)

// Schema helpers: tables, columns, constraints. Identifiers are spliced
// into the SQL as upstream splices them: inside double quotes without
// escaping where upstream writes '"%s"', bare where it writes '%s', and
// quoted properly only where it uses psycopg2.sql.Identifier.

// tableExists is table_exists(cr, table): the row (1,) or None, for a
// relation of any kind (table, view, index, sequence) in any schema.
func tableExists(o op, a []sqlexec.Value) (sqlexec.Value, error) {
	if err := o.exec(`SELECT 1 FROM pg_class WHERE relname = %s`, a[0]); err != nil {
		return none, err
	}
	row, err := o.fetchOne()
	if err != nil || row == nil {
		return none, err
	}
	return tuple(row...), nil
}

// columnExists is column_exists(cr, table, column): a bool. The
// attribute count includes system columns (ctid, xmin, …) and the
// relation lookup is a scalar subquery, so a name two schemas share is
// an error, as upstream.
func columnExists(o op, a []sqlexec.Value) (sqlexec.Value, error) {
	if err := o.exec(`
        SELECT count(attname)
          FROM pg_attribute
         WHERE attrelid = (SELECT oid FROM pg_class WHERE relname = %s)
           AND attname = %s`, a[0], a[1]); err != nil {
		return none, err
	}
	row, err := o.fetchOne()
	if err != nil {
		return none, err
	}
	n := row[0]
	return sqlexec.BoolValue(n.Kind == sqlexec.Int && n.Int.IsInt64() && n.Int.Int64() == 1), nil
}

// renameColumns is rename_columns(cr, {table: [(old, new|None), …]}):
// the column is renamed, and its "<table>_<old>_index" with it when the
// new index name fits PostgreSQL's 63 characters.
func renameColumns(o op, a []sqlexec.Value) (sqlexec.Value, error) {
	tables, lists, err := dictItems(a[0])
	if err != nil {
		return none, err
	}
	for i, table := range tables {
		items, err := iterate(lists[i])
		if err != nil {
			return none, err
		}
		for _, item := range items {
			pair, err := unpack(item, 2)
			if err != nil {
				return none, err
			}
			if err := o.renameColumn(table, pair[0], pair[1]); err != nil {
				return none, err
			}
		}
	}
	return none, nil
}

func (o op) renameColumn(table string, oldV, newV sqlexec.Value) error {
	newName, err := o.newOr(oldV, newV)
	if err != nil {
		return err
	}
	old := pyStr(oldV)
	o.info("table %s, column %s: renaming to %s", table, old, newName)
	if err := o.exec(fmt.Sprintf(`ALTER TABLE "%s" RENAME "%s" TO "%s"`, table, old, newName)); err != nil {
		return err
	}
	oldIndex, newIndex := table+"_"+old+"_index", table+"_"+newName+"_index"
	if pyLen(newIndex) > 63 {
		return nil
	}
	return o.exec(fmt.Sprintf(`ALTER INDEX IF EXISTS "%s" RENAME TO "%s"`, oldIndex, newIndex))
}

// renameTables is rename_tables(cr, [(old, new|None), …]). A table's
// "<old>_id_seq" sequence joins the renames (appended to the caller's
// list, hence an AttributeError for a tuple spec, as upstream), then each
// relation is renamed with its indexes and constraints whose names start
// with "<old>_". The list the script passed does not grow here: the
// hosts hand the helper a copy.
func renameTables(o op, a []sqlexec.Value) (sqlexec.Value, error) {
	spec := a[0]
	items, err := iterate(spec)
	if err != nil {
		return none, err
	}
	var toRename []string
	for _, it := range items {
		first, err := index0(it)
		if err != nil {
			return none, err
		}
		toRename = append(toRename, pyStr(first))
	}
	pairs := make([][]sqlexec.Value, 0, len(items))
	for _, it := range items {
		pair, err := unpack(it, 2)
		if err != nil {
			return none, err
		}
		pairs = append(pairs, pair)
	}
	for _, pair := range pairs[:len(pairs):len(pairs)] {
		newName, err := o.newOr(pair[0], pair[1])
		if err != nil {
			return none, err
		}
		seq, err := concat(pair[0], s("_id_seq"))
		if err != nil {
			return none, err
		}
		exists, err := o.tableExists(seq)
		if err != nil {
			return none, err
		}
		if !exists || contains(toRename, seq) {
			continue
		}
		if spec.Kind != sqlexec.List {
			return none, odoolib.PyErr("AttributeError", "'%s' object has no attribute 'append'", sqlexec.TypeName(spec))
		}
		pairs = append(pairs, []sqlexec.Value{s(seq), s(newName + "_id_seq")})
	}
	for _, pair := range pairs {
		newName, err := o.newOr(pair[0], pair[1])
		if err != nil {
			return none, err
		}
		if err := o.renameTable(pyStr(pair[0]), newName); err != nil {
			return none, err
		}
	}
	return none, nil
}

func (o op) renameTable(old, newName string) error {
	o.info("table %s: renaming to %s", old, newName)
	if err := o.exec(fmt.Sprintf(`ALTER TABLE "%s" RENAME TO "%s"`, old, newName)); err != nil {
		return err
	}
	prefix := strings.ReplaceAll(old, "_", `\_`) + `\_%`
	if err := o.exec(`
        SELECT ix.relname
          FROM pg_index i
          JOIN pg_class t ON t.oid = i.indrelid
          JOIN pg_class ix ON ix.oid = i.indexrelid
         WHERE t.relname = %s AND ix.relname LIKE %s`, s(newName), s(prefix)); err != nil {
		return err
	}
	indexes, err := o.column0()
	if err != nil {
		return err
	}
	for _, ix := range indexes {
		renamed := strings.Replace(ix.Text, old, newName, 1)
		if err := o.exec(fmt.Sprintf("ALTER INDEX %s RENAME TO %s", odoolib.Q(ix.Text), odoolib.Q(renamed))); err != nil {
			return err
		}
	}
	if err := o.exec(`
        SELECT c.conname
          FROM pg_constraint c
          JOIN pg_class t ON c.conrelid = t.oid
         WHERE t.relname = %s AND c.conname LIKE %s`, s(newName), s(prefix)); err != nil {
		return err
	}
	constraints, err := o.column0()
	if err != nil {
		return err
	}
	for _, c := range constraints {
		renamed := strings.Replace(c.Text, old, newName, 1)
		if err := o.exec(fmt.Sprintf("ALTER TABLE %s RENAME CONSTRAINT %s TO %s",
			odoolib.Q(newName), odoolib.Q(c.Text), odoolib.Q(renamed))); err != nil {
			return err
		}
	}
	return nil
}

// index0 is x[0].
func index0(v sqlexec.Value) (sqlexec.Value, error) {
	switch v.Kind {
	case sqlexec.Tuple, sqlexec.List:
		if len(v.Items) == 0 {
			return none, odoolib.PyErr("IndexError", "%s index out of range", sqlexec.TypeName(v))
		}
		return v.Items[0], nil
	case sqlexec.Str:
		if v.Text == "" {
			return none, odoolib.PyErr("IndexError", "string index out of range")
		}
		items, _ := iterate(v)
		return items[0], nil
	}
	return none, odoolib.PyErr("TypeError", "'%s' object is not subscriptable", sqlexec.TypeName(v))
}

func contains(list []string, x string) bool {
	for _, y := range list {
		if y == x {
			return true
		}
	}
	return false
}

// copyColumns is copy_columns(cr, {table: [(old, new|None, type|None)]}):
// the new column is added and filled from the old one where it is not
// null (current upstream; older releases copied the nulls too). Without a type, information_schema's data_type is used, which
// drops lengths and precisions ("character varying", "numeric") and
// cannot be used for arrays ("ARRAY"), as upstream.
func copyColumns(o op, a []sqlexec.Value) (sqlexec.Value, error) {
	tables, lists, err := dictItems(a[0])
	if err != nil {
		return none, err
	}
	for i, table := range tables {
		items, err := iterate(lists[i])
		if err != nil {
			return none, err
		}
		for _, item := range items {
			t, err := unpack(item, 3)
			if err != nil {
				return none, err
			}
			newName, err := o.newOr(t[0], t[1])
			if err != nil {
				return none, err
			}
			fieldType := t[2]
			if fieldType.Kind == sqlexec.None {
				if err := o.exec(`
                    SELECT data_type
                      FROM information_schema.columns
                     WHERE table_name = %s AND column_name = %s`, s(table), t[0]); err != nil {
					return none, err
				}
				row, err := o.fetchOne()
				if err != nil {
					return none, err
				}
				if row == nil {
					return none, odoolib.PyErr("TypeError", "'NoneType' object is not subscriptable")
				}
				fieldType = row[0]
			}
			old := pyStr(t[0])
			query := fmt.Sprintf("ALTER TABLE %s ADD COLUMN %s %s; UPDATE %s SET %s = %s WHERE %s IS NOT NULL;",
				table, newName, pyStr(fieldType), table, newName, old, old)
			if _, err := o.logged(s(query), none, false); err != nil {
				return none, err
			}
		}
	}
	return none, nil
}

// dropColumns is drop_columns(cr, [(table, column), …]): columns that do
// not exist are only warned about.
func dropColumns(o op, a []sqlexec.Value) (sqlexec.Value, error) {
	items, err := iterate(a[0])
	if err != nil {
		return none, err
	}
	for _, item := range items {
		tc, err := unpack(item, 2)
		if err != nil {
			return none, err
		}
		table, column := pyStr(tc[0]), pyStr(tc[1])
		o.info("table %s: drop column %s", table, column)
		exists, err := columnExists(o, tc)
		if err != nil {
			return none, err
		}
		if !exists.Truthy() {
			o.warn("table %s: column %s did not exist", table, column)
			continue
		}
		if err := o.exec(fmt.Sprintf(`ALTER TABLE "%s" DROP COLUMN "%s"`, table, column)); err != nil {
			return none, err
		}
	}
	return none, nil
}

// floatToInteger is float_to_integer(cr, table, field). PostgreSQL rounds
// the values (upstream's docstring says it truncates).
func floatToInteger(o op, a []sqlexec.Value) (sqlexec.Value, error) {
	query := fmt.Sprintf("ALTER TABLE %s ALTER COLUMN %s TYPE integer", pyStr(a[0]), pyStr(a[1]))
	_, err := o.logged(s(query), none, false)
	return none, err
}

// liftConstraints is lift_constraints(cr, table, column, cascade=False):
// the constraints of the table that use the column are dropped, and so
// are, meant to be, the foreign keys pointing at it. Upstream matches the
// latter by the referencing columns' numbers (conkey) against the
// referenced table's attributes, so it finds the foreign keys whose own
// column has the same position as the named column; kept as is. Names
// are spliced bare into the SQL.
func liftConstraints(o op, a []sqlexec.Value) (sqlexec.Value, error) {
	params := sqlexec.DictValue(map[string]sqlexec.Value{"table": a[0], "column": a[1]})
	if err := o.execWith(`
        SELECT relname, array_agg(conname)
          FROM (SELECT src.relname, c.conname
                  FROM pg_constraint c
                  JOIN pg_attribute att ON c.confrelid = att.attrelid AND att.attnum = ANY (c.conkey)
                  JOIN pg_class dst ON dst.oid = att.attrelid
                  JOIN pg_class src ON src.oid = c.conrelid
                 WHERE dst.relname = %(table)s AND att.attname = %(column)s
                UNION
                SELECT t.relname, c.conname
                  FROM pg_constraint c
                  JOIN pg_attribute att ON c.conrelid = att.attrelid AND att.attnum = ANY (c.conkey)
                  JOIN pg_class t ON t.oid = att.attrelid
                 WHERE t.relname = %(table)s AND att.attname = %(column)s) AS used
      GROUP BY relname`, &params); err != nil {
		return none, err
	}
	rows, err := o.fetchAll()
	if err != nil {
		return none, err
	}
	suffix := ""
	if a[2].Truthy() {
		suffix = " CASCADE"
	}
	for _, row := range rows {
		var drops []string
		for _, name := range row[1].Items {
			drops = append(drops, "drop constraint "+pyStr(name)+suffix)
		}
		if err := o.exec(fmt.Sprintf("alter table %s %s", pyStr(row[0]), strings.Join(drops, ", "))); err != nil {
			return none, err
		}
	}
	return none, nil
}

// removeTablesFks is remove_tables_fks(cr, tables): the foreign keys
// declared on each table are dropped; missing tables are skipped.
func removeTablesFks(o op, a []sqlexec.Value) (sqlexec.Value, error) {
	tables, err := iterate(a[0])
	if err != nil {
		return none, err
	}
	for _, table := range tables {
		if err := o.exec(`
            SELECT constraint_name
              FROM information_schema.table_constraints
             WHERE constraint_type = 'FOREIGN KEY' AND table_name = %s`, table); err != nil {
			return none, err
		}
		names, err := o.column0()
		if err != nil {
			return none, err
		}
		for _, n := range names {
			if err := o.loggedText(fmt.Sprintf("ALTER TABLE %s DROP CONSTRAINT %s", odoolib.Q(pyStr(table)), odoolib.Q(pyStr(n)))); err != nil {
				return none, err
			}
		}
	}
	return none, nil
}

// addIrModelFields is add_ir_model_fields(cr, [(column, type), …]).
func addIrModelFields(o op, a []sqlexec.Value) (sqlexec.Value, error) {
	items, err := iterate(a[0])
	if err != nil {
		return none, err
	}
	for _, item := range items {
		ct, err := unpack(item, 2)
		if err != nil {
			return none, err
		}
		if err := o.loggedText(fmt.Sprintf("ALTER TABLE ir_model_fields ADD COLUMN %s %s", pyStr(ct[0]), pyStr(ct[1]))); err != nil {
			return none, err
		}
	}
	return none, nil
}
