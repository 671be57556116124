package trace_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/migrate-runner/migrate-runner/sqlexec"
	"github.com/migrate-runner/migrate-runner/trace"
	"github.com/migrate-runner/migrate-runner/trace/schema"
)

// Each statement kind gets the shape psycopg2 shows on an empty database:
// rows-returning ones an empty description and no rows, the others no
// description; rowcount as libpq reports it.
func TestRecorderResultShapes(t *testing.T) {
	tests := []struct {
		sql      string
		columns  bool // description is a sequence (possibly empty), not None
		rowcount int64
		status   string
	}{
		// SELECTs as an empty database answers them.
		{"SELECT id FROM res_partner", true, 0, "SELECT 0"},
		{"SELECT min(id), max(id) FROM res_partner", true, 1, "SELECT 1"},
		{"SELECT count(*) FROM res_partner p JOIN res_users u ON u.partner_id = p.id", true, 1, "SELECT 1"},
		{"SELECT count(*) FROM res_partner GROUP BY name", true, 0, "SELECT 0"},
		{"  (SELECT 1) UNION SELECT 2", true, 2, "SELECT 2"},
		{"SELECT now()", true, 0, "SELECT 0"}, // outside the engine: no rows
		// Other statements.
		{"VALUES (1), (2)", true, 0, "SELECT 0"},
		{"WITH x AS (SELECT 1) SELECT * FROM x", true, 0, "SELECT 0"},
		{"WITH x AS (SELECT 1) UPDATE t SET a = 1", false, 0, "UPDATE 0"},
		{"WITH x AS (SELECT 1) DELETE FROM t RETURNING id", true, 0, "DELETE 0"},
		{"UPDATE res_partner SET active = true", false, 0, "UPDATE 0"},
		{"UPDATE res_partner SET active = true RETURNING id", true, 0, "UPDATE 0"},
		{"INSERT INTO t (a) VALUES (1)", false, 0, "INSERT 0 0"},
		{"INSERT INTO t (a) SELECT a FROM u RETURNING (SELECT 1)", true, 0, "INSERT 0 0"},
		{"DELETE FROM t", false, 0, "DELETE 0"},
		{"SELECT a INTO TEMP u FROM t", false, 0, "SELECT 0"},
		{"CREATE TABLE t (a int)", false, -1, "CREATE TABLE"},
		{"CREATE OR REPLACE VIEW v AS SELECT 1", false, -1, "CREATE VIEW"},
		{"CREATE UNIQUE INDEX i ON t (a)", false, -1, "CREATE INDEX"},
		{"DROP MATERIALIZED VIEW IF EXISTS m", false, -1, "DROP MATERIALIZED VIEW"},
		{"ALTER TABLE t ADD COLUMN b int", false, -1, "ALTER TABLE"},
		{"REFRESH MATERIALIZED VIEW m", false, -1, "REFRESH MATERIALIZED VIEW"},
		{"ANALYZE t", false, -1, "ANALYZE"},
		{"SHOW search_path", true, 0, "SHOW"},
		{"COPY t TO STDOUT", false, 0, "COPY 0"},
		{"CREATE TABLE t (a int); SELECT a FROM t", true, 0, "SELECT 0"}, // the last statement's result
		{"SELECT 'unterminated", false, -1, ""},
	}
	rec := trace.NewRecorder(nil, "trace", time.Time{})
	for _, tt := range tests {
		res, err := rec.Exec(context.Background(), tt.sql)
		if err != nil {
			t.Fatalf("%s: %v", tt.sql, err)
		}
		if (res.Columns != nil) != tt.columns || res.RowCount != tt.rowcount || res.Status != tt.status || int64(len(res.Rows)) != max(tt.rowcount, 0) {
			t.Errorf("%s: columns %v rowcount %d status %q rows %d; want columns %v rowcount %d status %q",
				tt.sql, res.Columns != nil, res.RowCount, res.Status, len(res.Rows), tt.columns, tt.rowcount, tt.status)
		}
	}
	got, omitted := rec.Take()
	if again, _ := rec.Take(); len(got) != len(tests) || got[0].SQL != tests[0].sql || omitted != 0 || again != nil {
		t.Errorf("recorded %d statements, want %d, in order, taken once", len(got), len(tests))
	}
}

// Through a cursor, as scripts see it: parameters rendered by psycopg2's
// rules, fetches on empty results, the fetch error after DDL, numbered
// savepoints, cr.now() from the recorder's clock, and catalog queries
// answered from the schema, DDL included.
func TestRecorderThroughCursor(t *testing.T) {
	ctx := context.Background()
	s := schema.New()
	if err := s.Parse("s.sql", "CREATE TABLE res_partner (id serial PRIMARY KEY, name varchar(64));"); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2024, 2, 29, 23, 59, 58, 500000000, time.UTC)
	rec := trace.NewRecorder(s, "trace", now)
	cr := sqlexec.NewCursorOn(rec)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	params := sqlexec.TupleValue(sqlexec.StrValue("O'Brien"), sqlexec.TupleValue(sqlexec.IntValue(1), sqlexec.IntValue(2)), sqlexec.NoneValue())
	must(cr.Execute(ctx, "UPDATE res_partner SET name = %s WHERE id IN %s AND name IS DISTINCT FROM %s", &params))
	if cr.RowCount() != 0 || cr.Description() != nil {
		t.Errorf("UPDATE: rowcount %d, description %v", cr.RowCount(), cr.Description())
	}
	_, err := cr.FetchOne()
	var pe *sqlexec.PyError
	if !errors.As(err, &pe) || pe.Type != "ProgrammingError" {
		t.Errorf("fetch after UPDATE: %v, want ProgrammingError", err)
	}
	must(cr.Execute(ctx, "SELECT name FROM res_partner", nil))
	if row, err := cr.FetchOne(); row != nil || err != nil || len(cr.Description()) != 1 || cr.Description()[0].Name != "name" {
		t.Errorf("fetchone on no rows: %v %v, description %v", row, err, cr.Description())
	}
	// upgrade-util's explode_query_range reads an empty table's bounds.
	must(cr.Execute(ctx, `SELECT min(id), max(id) FROM "res_partner"`, nil))
	if row, _ := cr.FetchOne(); sqlexec.Repr(sqlexec.TupleValue(row...)) != "(None, None)" {
		t.Errorf("min, max of an empty table: %v", row)
	}
	sp, err := cr.Savepoint(ctx)
	must(err)
	must(cr.RollbackTo(ctx, sp))
	sp2, err := cr.Savepoint(ctx)
	must(err)
	if sp != "sp1" || sp2 != "sp2" {
		t.Errorf("savepoints %q %q, want sp1 sp2", sp, sp2)
	}
	v, err := cr.Now(ctx)
	must(err)
	if got := sqlexec.Repr(v); got != "datetime.datetime(2024, 2, 29, 23, 59, 58, 500000)" {
		t.Errorf("now: %s", got)
	}
	p := sqlexec.TupleValue(sqlexec.StrValue("res_partner"), sqlexec.StrValue("email"))
	col := "SELECT 1 FROM information_schema.columns WHERE table_name=%s AND column_name=%s"
	must(cr.Execute(ctx, col, &p))
	if cr.RowCount() != 0 {
		t.Errorf("email exists before it is added")
	}
	must(cr.Execute(ctx, `ALTER TABLE "res_partner" ADD COLUMN "email" varchar`, nil))
	must(cr.Execute(ctx, col, &p))
	if rows, _ := cr.FetchAll(); len(rows) != 1 || sqlexec.Repr(rows[0][0]) != "1" {
		t.Errorf("email after ADD COLUMN: %v", rows)
	}
	want := []string{
		`UPDATE res_partner SET name = 'O''Brien' WHERE id IN (1, 2) AND name IS DISTINCT FROM NULL`,
		`SELECT name FROM res_partner`,
		`SELECT min(id), max(id) FROM "res_partner"`,
		`SAVEPOINT "sp1"`, `ROLLBACK TO SAVEPOINT "sp1"`, `RELEASE SAVEPOINT "sp1"`, `SAVEPOINT "sp2"`,
		`SELECT (now() AT TIME ZONE 'UTC')`,
		`SELECT 1 FROM information_schema.columns WHERE table_name='res_partner' AND column_name='email'`,
		`ALTER TABLE "res_partner" ADD COLUMN "email" varchar`,
		`SELECT 1 FROM information_schema.columns WHERE table_name='res_partner' AND column_name='email'`,
	}
	got, _ := rec.Take()
	if len(got) != len(want) {
		t.Fatalf("recorded %d statements, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		if got[i].SQL != want[i] {
			t.Errorf("statement %d: %q, want %q", i, got[i].SQL, want[i])
		}
	}
	if a := got[8].Answer; a == nil || !a.Catalog || a.Rows != 0 || a.Unsupported != "" {
		t.Errorf("first column query: answer %+v, want a catalog answer of 0 rows", a)
	}
	if a := got[10].Answer; a == nil || !a.Catalog || a.Rows != 1 {
		t.Errorf("second column query: answer %+v, want a catalog answer of 1 row", a)
	}
	if got[0].Answer != nil || got[1].Answer != nil {
		t.Errorf("an UPDATE, or a SELECT of no rows, has the default answer")
	}
	if a := got[2].Answer; a == nil || a.Catalog || a.Rows != 1 {
		t.Errorf("min/max: answer %+v, want 1 row", a)
	}
}

// Past Limit, statements are answered and counted, not kept.
func TestRecorderLimit(t *testing.T) {
	rec := trace.NewRecorder(nil, "trace", time.Time{})
	rec.Limit = 2
	for i := 0; i < 5; i++ {
		if _, err := rec.Exec(context.Background(), "SELECT 1"); err != nil {
			t.Fatal(err)
		}
	}
	got, omitted := rec.Take()
	if len(got) != 2 || omitted != 3 {
		t.Errorf("kept %d, omitted %d; want 2 and 3", len(got), omitted)
	}
}
