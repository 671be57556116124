package sqlexec

import (
	"context"
	"errors"
	"testing"

	"github.com/migrate-runner/migrate-runner/internal/pgtest"
)

func reprRows(rows [][]Value) string {
	var l []Value
	for _, r := range rows {
		l = append(l, TupleValue(r...))
	}
	return Repr(ListValue(l...))
}

func reprRow(row []Value) string {
	if row == nil {
		return "None"
	}
	return Repr(TupleValue(row...))
}

// The fetch protocol, as psycopg2 2.9.5 behaves (see the comments).
func TestCursorFetching(t *testing.T) {
	ctx := context.Background()
	cr := NewCursor(pgtest.Conn(t).PgConn())
	if cr.RowCount() != -1 || cr.Description() != nil {
		t.Error("a fresh cursor has rowcount -1 and no description")
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(cr.Execute(ctx, "SELECT v FROM generate_series(1, 5) v", nil))
	one, _ := cr.FetchOne()
	two, _ := cr.FetchMany(2)
	three, _ := cr.FetchMany(cr.Arraysize)
	rest, _ := cr.FetchAll()
	none, _ := cr.FetchOne()
	// psycopg2: (1,) [(2,), (3,)] [(4,)] [(5,)] None
	if got := reprRow(one) + " " + reprRows(two) + " " + reprRows(three) + " " + reprRows(rest) + " " + reprRow(none); got != "(1,) [(2,), (3,)] [(4,)] [(5,)] None" {
		t.Errorf("fetch sequence: %s", got)
	}
	must(cr.Execute(ctx, "SELECT v FROM generate_series(1, 3) v", nil))
	zero, _ := cr.FetchMany(0)
	all, _ := cr.FetchMany(-1)
	if reprRows(zero)+" "+reprRows(all) != "[] [(1,), (2,), (3,)]" { // psycopg2: [] [(1,), (2,), (3,)]
		t.Errorf("fetchmany(0), fetchmany(-1): %s %s", reprRows(zero), reprRows(all))
	}
	must(cr.Execute(ctx, "SELECT 1 WHERE false", nil))
	if r, _ := cr.FetchOne(); r != nil {
		t.Error("no row: fetchone must be None")
	}
	must(cr.Execute(ctx, "CREATE TABLE t (v int)", nil))
	_, err := cr.FetchOne()
	var pe *PyError
	if !errors.As(err, &pe) || pe.Type != "ProgrammingError" || pe.Msg != "no results to fetch" {
		t.Errorf("fetch after DDL: %v", err)
	}
	if cr.RowCount() != -1 || cr.StatusMessage() != "CREATE TABLE" {
		t.Errorf("DDL: rowcount %d status %q", cr.RowCount(), cr.StatusMessage())
	}

	// executemany: rowcount is the sum; query is the last one sent.
	must(cr.ExecuteMany(ctx, "INSERT INTO t VALUES (%s)", []Value{TupleValue(IntValue(1)), TupleValue(IntValue(2)), TupleValue(IntValue(3))}))
	if cr.RowCount() != 3 || cr.StatusMessage() != "INSERT 0 1" {
		t.Errorf("executemany: rowcount %d status %q", cr.RowCount(), cr.StatusMessage())
	}
	must(cr.ExecuteMany(ctx, "UPDATE t SET v = v WHERE v > %s", []Value{TupleValue(IntValue(0)), TupleValue(IntValue(1))}))
	if cr.RowCount() != 5 || cr.Query != "UPDATE t SET v = v WHERE v > 1" {
		t.Errorf("executemany: rowcount %d query %q", cr.RowCount(), cr.Query)
	}
	// Counters for the report: 4 executes + 3 + 2 executemany statements;
	// rows 5 + 3 + 0 + 3×1 + (3 + 2), DDL counting none.
	if cr.Statements != 9 || cr.RowsTotal != 16 {
		t.Errorf("counters: %d statements, %d rows", cr.Statements, cr.RowsTotal)
	}
}

func TestCursorOdooRules(t *testing.T) {
	ctx := context.Background()
	cr := NewCursor(pgtest.Conn(t).PgConn())
	scalar := func() []Value { r, _ := cr.FetchOne(); return r }
	// Odoo turns () into None, so the text goes verbatim: 'a%%' stays.
	if err := cr.Execute(ctx, "SELECT 'a%%'", tup()); err != nil || Repr(scalar()[0]) != "'a%%'" {
		t.Errorf("empty params: %v", err)
	}
	if err := cr.Execute(ctx, "SELECT 'a%%', %s", tup(IntValue(1))); err != nil || Repr(scalar()[0]) != "'a%'" {
		t.Errorf("with params: %v", err)
	}
	zero := IntValue(0)
	if err := cr.Execute(ctx, "SELECT '%%'", &zero); err != nil || Repr(scalar()[0]) != "'%%'" {
		t.Errorf("falsy scalar: %v", err)
	}
	five := IntValue(5)
	err := cr.Execute(ctx, "SELECT %s", &five)
	var pe *PyError
	if !errors.As(err, &pe) || pe.Type != "ValueError" || pe.Msg != "SQL query parameters should be a tuple, list or dict; got 5" {
		t.Errorf("truthy scalar: %v", err)
	}
	// dictfetch*: column names as keys, the last duplicate wins.
	if err := cr.Execute(ctx, "SELECT 1 AS a, 2 AS a, 'x' AS b UNION ALL SELECT 3, 4, 'y'", nil); err != nil {
		t.Fatal(err)
	}
	d, _ := cr.DictFetchOne()
	rest, _ := cr.DictFetchAll()
	if Repr(*d) != "{'a': 2, 'b': 'x'}" || Repr(ListValue(rest...)) != "[{'a': 4, 'b': 'y'}]" {
		t.Errorf("dictfetch: %s %s", Repr(*d), Repr(ListValue(rest...)))
	}
	if d, _ := cr.DictFetchOne(); d != nil {
		t.Error("dictfetchone past the end must be None")
	}
	// Server errors keep their class and code.
	err = cr.Execute(ctx, "SELECT 1/0", nil)
	var dbe *DBError
	if !errors.As(err, &dbe) || dbe.Class != "DataError" || dbe.Code != "22012" {
		t.Errorf("division by zero: %v", err)
	}
}

func TestSplitForInConditions(t *testing.T) {
	var ids []Value
	for i := 0; i < 2500; i++ {
		ids = append(ids, IntValue(int64(i%2000))) // duplicates stay, as in Odoo
	}
	chunks := SplitForInConditions(ids, 0)
	if len(chunks) != 3 || len(chunks[0].Items) != 1000 || len(chunks[2].Items) != 500 || chunks[0].Kind != Tuple {
		t.Errorf("%d chunks", len(chunks))
	}
	if got := SplitForInConditions(ids[:5], 2); len(got) != 3 || Repr(got[2]) != "(4,)" {
		t.Errorf("size 2: %v", got)
	}
}

func TestTruthy(t *testing.T) {
	falsy := []Value{NoneValue(), BoolValue(false), IntValue(0), FloatValue(0), StrValue(""), BytesValue(nil), DecimalValue("0.00"), DecimalValue("-0E+3"), TimedeltaValue(0), TupleValue(), ListValue(), {Kind: Dict}}
	truthy := []Value{BoolValue(true), IntValue(-1), FloatValue(0.1), StrValue("0"), DecimalValue("0.01"), DecimalValue("NaN"), TupleValue(NoneValue()), JSONValue("null"), AsIsValue("")}
	for _, v := range falsy {
		if v.Truthy() {
			t.Errorf("%s must be falsy", Repr(v))
		}
	}
	for _, v := range truthy {
		if !v.Truthy() {
			t.Errorf("%s must be truthy", Repr(v))
		}
	}
}
