package odoolib

import (
	"context"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/migrate-runner/migrate-runner/internal/pgtest"
	"github.com/migrate-runner/migrate-runner/sqlexec"
)

func newEnv(t *testing.T, major int) (Env, *pgx.Conn) {
	t.Helper()
	ctx := context.Background()
	conn := pgtest.Conn(t)
	_, err := conn.Exec(ctx, `
CREATE TABLE res_partner (id serial PRIMARY KEY, name varchar(64) NOT NULL, ref text, amount numeric);
CREATE TABLE res_company (id serial PRIMARY KEY);
CREATE VIEW partner_names AS SELECT id, ref FROM res_partner;
CREATE TEMP TABLE tmp_stuff (id int);
INSERT INTO res_partner (name, ref, amount) VALUES ('a', '1', 1), ('b', NULL, 2);`)
	if err != nil {
		t.Fatal(err)
	}
	cr := sqlexec.NewCursor(conn.PgConn())
	if err := cr.Begin(ctx); err != nil {
		t.Fatal(err)
	}
	return Env{Cursor: cr, Major: major}, conn
}

func s(v string) sqlexec.Value { return sqlexec.StrValue(v) }

func call(t *testing.T, env Env, name string, args ...sqlexec.Value) string {
	t.Helper()
	v, err := Call(context.Background(), env, toolsSQL+name, args, nil)
	if err != nil {
		return "!" + err.Error()
	}
	return sqlexec.Repr(v)
}

func TestToolsSQL(t *testing.T) {
	env, _ := newEnv(t, 17)
	cases := []struct {
		name string
		args []sqlexec.Value
		want string
	}{
		{"table_exists", []sqlexec.Value{s("res_partner")}, "True"},
		{"table_exists", []sqlexec.Value{s("partner_names")}, "True"}, // views count
		{"table_exists", []sqlexec.Value{s("nope")}, "False"},
		{"existing_tables", []sqlexec.Value{sqlexec.ListValue(s("res_partner"), s("nope"), s("res_company"))}, "['res_company', 'res_partner']"},
		{"table_kind", []sqlexec.Value{s("res_partner")}, "'r'"},
		{"table_kind", []sqlexec.Value{s("partner_names")}, "'v'"},
		{"table_kind", []sqlexec.Value{s("nope")}, "None"},
		{"column_exists", []sqlexec.Value{s("res_partner"), s("ref")}, "1"},
		{"column_exists", []sqlexec.Value{s("res_partner"), s("nope")}, "0"},
		{"table_columns", []sqlexec.Value{s("res_company")}, "{'id': {'column_name': 'id', 'udt_name': 'int4', 'character_maximum_length': None, 'is_nullable': 'NO'}}"},
		{"create_column", []sqlexec.Value{s("res_partner"), s("active"), s("boolean")}, "None"},
		{"create_column", []sqlexec.Value{s("res_partner"), s("note"), s("varchar"), s("100% sure")}, "None"},
		{"rename_column", []sqlexec.Value{s("res_partner"), s("note"), s("comment")}, "None"},
		{"set_not_null", []sqlexec.Value{s("res_partner"), s("ref")}, `!Exception: ('Table %r: unable to set NOT NULL on column %r', 'res_partner', 'ref')`},
		{"set_not_null", []sqlexec.Value{s("res_partner"), s("amount")}, "None"},
		{"drop_not_null", []sqlexec.Value{s("res_partner"), s("name")}, "None"},
		{"add_constraint", []sqlexec.Value{s("res_partner"), s("res_partner_amount_pos"), s("CHECK (amount > 0)")}, "None"},
		{"constraint_definition", []sqlexec.Value{s("res_partner"), s("res_partner_amount_pos")}, "'CHECK (amount > 0)'"},
		{"constraint_definition", []sqlexec.Value{s("res_partner"), s("nope")}, "None"},
		{"add_constraint", []sqlexec.Value{s("res_partner"), s("res_partner_amount_big"), s("CHECK (amount > 100)")}, `!Exception: ('Table %r: unable to add constraint %r as %s', 'res_partner', 'res_partner_amount_big', 'CHECK (amount > 100)')`},
		{"drop_constraint", []sqlexec.Value{s("res_partner"), s("nope")}, "None"}, // only a warning in Odoo
		{"drop_constraint", []sqlexec.Value{s("res_partner"), s("res_partner_amount_pos")}, "None"},
		{"convert_column", []sqlexec.Value{s("res_partner"), s("ref"), s("varchar")}, "None"},
		{"get_depending_views", []sqlexec.Value{s("res_partner"), s("ref")}, "[]"}, // convert_column dropped the view
		{"create_index", []sqlexec.Value{s("res_partner_name_idx"), s("res_partner"), sqlexec.ListValue(s("name"), s("lower(ref)"))}, "None"},
		{"create_index", []sqlexec.Value{s("res_partner_name_idx"), s("res_partner"), sqlexec.ListValue(s("bogus"))}, "None"}, // exists: no-op
		{"index_exists", []sqlexec.Value{s("res_partner_name_idx")}, "1"},
		{"create_unique_index", []sqlexec.Value{s("res_partner_ref_uniq"), s("res_partner"), sqlexec.ListValue(s("ref"))}, "None"},
		{"drop_index", []sqlexec.Value{s("res_partner_ref_uniq"), s("res_partner")}, "None"},
		{"index_exists", []sqlexec.Value{s("res_partner_ref_uniq")}, "0"},
		{"check_index_exist", []sqlexec.Value{s("res_partner_ref_uniq")}, "!AssertionError: res_partner_ref_uniq does not exist"},
		{"create_column", []sqlexec.Value{s("res_partner"), s("company_id"), s("int4")}, "None"},
		{"fix_foreign_key", []sqlexec.Value{s("res_partner"), s("company_id"), s("res_company"), s("id"), s("set null")}, "True"},
		{"get_foreign_keys", []sqlexec.Value{s("res_partner"), s("company_id"), s("res_company"), s("id"), s("set null")}, "['res_partner_company_id_fkey']"},
		{"fix_foreign_key", []sqlexec.Value{s("res_partner"), s("company_id"), s("res_company"), s("id"), s("set null")}, "None"},
		{"fix_foreign_key", []sqlexec.Value{s("res_partner"), s("company_id"), s("res_company"), s("id"), s("cascade")}, "True"},
		{"get_foreign_keys", []sqlexec.Value{s("res_partner"), s("company_id"), s("res_company"), s("id"), s("set null")}, "[]"},
		{"drop_view_if_exists", []sqlexec.Value{s("nope")}, "None"},
		{"escape_psql", []sqlexec.Value{s(`50%_a\b`)}, `'50\\%\\_a\\\\b'`},
		{"pg_varchar", nil, "'VARCHAR'"},
		{"pg_varchar", []sqlexec.Value{sqlexec.IntValue(16)}, "'VARCHAR(16)'"},
		{"pg_varchar", []sqlexec.Value{s("16")}, "!ValueError: VARCHAR parameter should be an int, got <class 'str'>"},
		{"reverse_order", []sqlexec.Value{s("name desc, id")}, "'name asc, id desc'"},
		{"table_exists", nil, "!TypeError: table_exists() missing 1 required positional argument: 'tablename'"},
		{"rename_column", []sqlexec.Value{s("a")}, "!TypeError: rename_column() missing 2 required positional arguments: 'columnname1' and 'columnname2'"},
		{"create_column", []sqlexec.Value{s("res_partner"), sqlexec.IntValue(1), s("int4")}, "!TypeError: create_column(): columnname must be str, not int"},
	}
	for _, c := range cases {
		if got := call(t, env, c.name, c.args...); got != c.want {
			t.Errorf("%s%s\n got %s\nwant %s", c.name, sqlexec.Repr(sqlexec.TupleValue(c.args...)), got, c.want)
		}
	}
	// The transaction is still usable after the helpers' failures.
	ctx := context.Background()
	if err := env.Cursor.Execute(ctx, "SELECT active, comment FROM res_partner ORDER BY id", nil); err != nil {
		t.Fatal(err)
	}
	rows, _ := env.Cursor.FetchAll()
	if got := sqlexec.Repr(sqlexec.ListValue(sqlexec.TupleValue(rows[0]...), sqlexec.TupleValue(rows[1]...))); got != "[(False, None), (False, None)]" {
		t.Errorf("boolean column default false: %s", got)
	}
	if err := env.Cursor.Execute(ctx, "SELECT col_description('res_partner'::regclass, 6)", nil); err != nil {
		t.Fatal(err)
	}
	if row, _ := env.Cursor.FetchOne(); sqlexec.Repr(row[0]) != "'100% sure'" {
		t.Errorf("column comment: %s", sqlexec.Repr(row[0]))
	}
}

func TestToolsSQLSeriesDifferences(t *testing.T) {
	env16, _ := newEnv(t, 16)
	if got := call(t, env16, "table_kind", s("tmp_stuff")); got != "None" { // another schema (pg_temp)
		t.Errorf("16 temp table: %s", got)
	}
	env16.Cursor.Execute(context.Background(), "CREATE TEMP TABLE t2 (id int); SET search_path = pg_temp, public", nil)
	if got := call(t, env16, "table_kind", s("t2")); got != "'r'" {
		t.Errorf("16 temp table in current schema: %s", got)
	}
	env17, _ := newEnv(t, 17)
	env17.Cursor.Execute(context.Background(), "CREATE TEMP TABLE t2 (id int); SET search_path = pg_temp, public", nil)
	if got := call(t, env17, "table_kind", s("t2")); got != "'t'" {
		t.Errorf("17 temp table: %s", got)
	}
	if got := call(t, env16, "drop_view_if_exists", s("public.partner_names")); got != "None" {
		t.Errorf("16 drop_view_if_exists schema-qualified: %s", got)
	}
	if !strings.Contains(env16.Cursor.Query, "DROP view IF EXISTS public.partner_names CASCADE") {
		t.Errorf("16 query: %s", env16.Cursor.Query)
	}
	if got := call(t, env17, "drop_view_if_exists", s("partner_names")); got != "None" || !strings.Contains(env17.Cursor.Query, `"partner_names"`) {
		t.Errorf("17 drop_view_if_exists: %s %s", got, env17.Cursor.Query)
	}
}
