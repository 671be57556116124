package sqlexec

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/migrate-runner/migrate-runner/internal/pgtest"
)

// Queries whose results must reach scripts exactly as psycopg2 (with
// Odoo's numeric-as-float caster) delivers them.
var resultQueries = []string{
	"SELECT 1::int2, 2::int4, 3000000000::int8, 1.5::float4, 2.25::float8, 1.50::numeric, 'NaN'::float8, NULL::int",
	"SELECT true, false, 'x'::text, 'y'::varchar(3), 'z'::char(2), 'n'::name, 'it''s é'::text",
	`SELECT '\x00ff41'::bytea`,
	"SELECT '2024-01-02'::date, '2024-01-02 03:04:05.5'::timestamp, '2024-01-02 03:04:05'::timestamp",
	"SELECT '2024-01-02 03:04:05+02'::timestamptz, '2024-01-02 03:04:05+00'::timestamptz",
	"SELECT '03:04:05'::time, '03:04:05.25'::time, '03:04:05+05:30'::timetz",
	"SELECT '1 day 2 hours'::interval, '-1 days +23:59:59'::interval, '1 year 2 mons 3 days 04:05:06.5'::interval, '0'::interval, '-04:00:00'::interval",
	`SELECT '{"b": 1, "a": [1, 2.5, null, true, "s"], "c": {"d": {}}}'::json, '{"b": 1, "a": 2}'::jsonb, '[]'::jsonb, '"s"'::jsonb, '12345678901234567890'::jsonb`,
	`SELECT '{1,2,NULL}'::int[], '{{1,2},{3,4}}'::int[], '{}'::int[], '{"a b","c\"d",NULL,"NULL"}'::text[], '{1.5,2}'::numeric[], '{2024-01-02}'::date[], '{t,f}'::bool[]`,
	"SELECT 1 AS a, 2 AS a",
	"SELECT '00000000-0000-0000-0000-000000000001'::uuid, '10.0.0.1'::inet",
	"SELECT v FROM generate_series(1, 3) v",
	"SELECT 1 WHERE false",
}

func rowsRepr(r *Result) string {
	var rows []string
	for _, row := range r.Rows {
		rows = append(rows, Repr(TupleValue(row...)))
	}
	return "[" + strings.Join(rows, ", ") + "]"
}

func TestResultsMatchPsycopg2(t *testing.T) {
	var want [][]any
	psycopg2Oracle(t, `
ext.register_type(ext.new_type((1700,), "float", lambda v, cr: None if v is None else float(v)))
cur = conn.cursor()
def plain(v):
    if isinstance(v, memoryview): return bytes(v)
    if isinstance(v, list): return [plain(x) for x in v]
    if isinstance(v, tuple): return tuple(plain(x) for x in v)
    return v
out = []
for q in json.load(sys.stdin):
    cur.execute(q)
    out.append([repr(plain(cur.fetchall())), cur.rowcount, cur.statusmessage, [d.name for d in cur.description]])
json.dump(out, sys.stdout)
`, resultQueries, &want)
	conn := pgtest.Conn(t)
	ctx := context.Background()
	if _, err := Exec(ctx, conn.PgConn(), "SET TimeZone = 'UTC'"); err != nil {
		t.Fatal(err)
	}
	for i, q := range resultQueries {
		res, err := Exec(ctx, conn.PgConn(), q)
		if err != nil {
			t.Errorf("%s: %v", q, err)
			continue
		}
		var names []string
		for _, c := range res.Columns {
			names = append(names, c.Name)
		}
		wantNames := []string{}
		for _, n := range want[i][3].([]any) {
			wantNames = append(wantNames, n.(string))
		}
		if got := rowsRepr(res); got != want[i][0] {
			t.Errorf("%s\n     got %s\npsycopg2 %s", q, got, want[i][0])
		}
		if res.RowCount != int64(want[i][1].(float64)) || res.Status != want[i][2] || strings.Join(names, ",") != strings.Join(wantNames, ",") {
			t.Errorf("%s: rowcount %d status %q columns %v; psycopg2 %v %v %v", q, res.RowCount, res.Status, names, want[i][1], want[i][2], wantNames)
		}
	}
}

func TestExecStatusAndErrors(t *testing.T) {
	conn := pgtest.Conn(t)
	ctx := context.Background()
	steps := []struct {
		sql      string
		rowcount int64
		status   string
		columns  bool
	}{
		{"CREATE TABLE t (id int PRIMARY KEY, v int)", -1, "CREATE TABLE", false},
		{"INSERT INTO t VALUES (1, 1), (2, 2), (3, 3)", 3, "INSERT 0 3", false},
		{"UPDATE t SET v = v + 1", 3, "UPDATE 3", false},
		{"DELETE FROM t WHERE v > 100", 0, "DELETE 0", false},
		{"UPDATE t SET v = v + 1; SELECT 1", 1, "SELECT 1", true}, // the last statement's result
		{"SELECT 1; UPDATE t SET v = v + 1", 3, "UPDATE 3", false},
		{"DO $$ BEGIN END $$", -1, "DO", false},
	}
	for _, s := range steps {
		res, err := Exec(ctx, conn.PgConn(), s.sql)
		if err != nil || res.RowCount != s.rowcount || res.Status != s.status || (res.Columns != nil) != s.columns {
			t.Errorf("%s: %+v, %v", s.sql, res, err)
		}
	}
	_, err := Exec(ctx, conn.PgConn(), "INSERT INTO t VALUES (1, 9)")
	var dbe *DBError
	if !errors.As(err, &dbe) || dbe.Class != "IntegrityError" || dbe.Code != "23505" ||
		!strings.HasPrefix(dbe.PgError, "ERROR:  duplicate key value violates unique constraint \"t_pkey\"\nDETAIL:  Key (id)=(1) already exists.") {
		t.Errorf("unique violation: %#v", err)
	}
	_, err = Exec(ctx, conn.PgConn(), "SELEC 1")
	if !errors.As(err, &dbe) || dbe.Class != "ProgrammingError" || dbe.Code != "42601" {
		t.Errorf("syntax error: %v", err)
	}
}

func TestClassForSQLState(t *testing.T) {
	for code, want := range map[string]string{
		"23505": "IntegrityError", "23503": "IntegrityError", "42P01": "ProgrammingError", "42601": "ProgrammingError",
		"22012": "DataError", "40001": "TransactionRollbackError", "40P01": "TransactionRollbackError",
		"57014": "QueryCanceledError", "55P03": "OperationalError", "0A000": "NotSupportedError",
		"25P02": "InternalError", "XX000": "InternalError", "P0001": "InternalError", "": "DatabaseError", "99999": "DatabaseError",
	} {
		if got := ClassForSQLState(code); got != want {
			t.Errorf("%q: %s, want %s", code, got, want)
		}
	}
}
