package parallel

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/migrate-runner/migrate-runner/odoolib"
	"github.com/migrate-runner/migrate-runner/sqlexec"
)

// rendezvous(n) returns once n sessions of this database have entered
// it, each taking a session-level advisory lock that marks its arrival
// until its connection closes (a transaction-level lock would vanish
// when the first bucket through commits, before the other has seen it);
// it raises after 30 s otherwise. A bucket that calls it can therefore
// only succeed when n buckets were running at the same time: the
// deadline is a failure guard, no test waits on it when the code is
// right. Sessions that set mr.serial pass straight through (the serial
// retry on the script's cursor).
const executeSchema = `
CREATE TABLE t (id serial PRIMARY KEY, v int NOT NULL DEFAULT 0, pid int, CHECK (v < 1000));
INSERT INTO t (v) SELECT 0 FROM generate_series(1, 40);
CREATE TABLE pids (pid int, bucket int);
CREATE FUNCTION arrived() RETURNS bigint LANGUAGE sql AS $$
    SELECT count(*) FROM pg_locks
     WHERE locktype = 'advisory' AND classid = 4242 AND granted
       AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
$$;
CREATE FUNCTION rendezvous(n int) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
    deadline timestamptz := clock_timestamp() + interval '30 seconds';
BEGIN
    IF current_setting('mr.serial', true) = 'on' THEN
        RETURN true;
    END IF;
    PERFORM pg_advisory_lock(4242, pg_backend_pid());
    WHILE arrived() < n LOOP
        IF clock_timestamp() > deadline THEN
            RAISE EXCEPTION 'rendezvous: % of % buckets arrived in 30 s: they did not run concurrently', arrived(), n;
        END IF;
        PERFORM pg_sleep(0.005);
    END LOOP;
    RETURN true;
END $$;
`

func list(qs ...string) sqlexec.Value {
	items := make([]sqlexec.Value, len(qs))
	for i, q := range qs {
		items[i] = s(q)
	}
	return sqlexec.ListValue(items...)
}

// Two buckets on two connections meet inside the database: they ran at
// the same time, on two backends other than the script's, after one
// commit of the script's transaction.
func TestParallelExecuteRunsConcurrently(t *testing.T) {
	e := newTestEnv(t, executeSchema)
	scriptPID := e.inTx(t, "SELECT pg_backend_pid()")
	e.inTx(t, "INSERT INTO pids VALUES (0, 0)") // the script's own work, committed by the call
	v, err := e.call(t, "parallel_execute", []sqlexec.Value{list(
		"INSERT INTO pids SELECT pg_backend_pid(), 1 WHERE rendezvous(2)",
		"INSERT INTO pids SELECT pg_backend_pid(), 2 WHERE rendezvous(2)")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if sqlexec.Repr(v) != "2" || strings.Join(e.commits, ",") != "parallel_execute" {
		t.Errorf("returned %s, commits %v", sqlexec.Repr(v), e.commits)
	}
	got := e.committed(t, "SELECT count(DISTINCT pid), count(*), bool_and(pid::text <> '"+scriptPID+"') FROM pids WHERE bucket > 0")
	if got != "2 2 t" {
		t.Errorf("distinct bucket backends, rows, none the script's: %s", got)
	}
	if got := e.committed(t, "SELECT count(*) FROM pids WHERE bucket = 0"); got != "1" {
		t.Errorf("the script's work before the call was not committed: %s", got)
	}
	if len(e.points) != 1 {
		t.Fatalf("commit points: %+v", e.points)
	}
	p := e.points[0]
	if p.String() != "parallel_execute, 2 buckets on 2 connections, 2 rows" || len(p.Committed) != 2 || p.Committed[1].Label != "query 2" {
		t.Errorf("commit point: %s %+v", p, p)
	}
}

// explode_execute splits by id and runs the buckets concurrently; every
// row is updated once and the summed rowcount is returned.
func TestExplodeExecuteRunsConcurrently(t *testing.T) {
	e := newTestEnv(t, executeSchema)
	v, err := e.call(t, "explode_execute", []sqlexec.Value{s("UPDATE t SET pid = pg_backend_pid(), v = v + 1 WHERE (SELECT rendezvous(2))"), s("t")},
		map[string]sqlexec.Value{"bucket_size": i(20)})
	if err != nil {
		t.Fatal(err)
	}
	if sqlexec.Repr(v) != "40" {
		t.Errorf("returned %s", sqlexec.Repr(v))
	}
	if got := e.committed(t, "SELECT count(DISTINCT pid), min(v), max(v), count(*) FILTER (WHERE id <= 20 AND pid = (SELECT pid FROM t WHERE id = 1)) FROM t"); got != "2 1 1 20" {
		t.Errorf("backends, min v, max v, rows of bucket 1 on its backend: %s", got)
	}
	p := e.points[0]
	if p.String() != "explode_execute, 2 buckets on 2 connections, 40 rows" || p.Committed[0].Label != "ids 1-20" || p.Committed[1].RowCount != 20 {
		t.Errorf("commit point: %s %+v", p, p)
	}
}

// With --jobs 1 the buckets still run outside the script's transaction,
// one after the other on a single connection.
func TestExplodeExecuteOneJob(t *testing.T) {
	e := newTestEnv(t, executeSchema)
	e.Jobs = 1
	v, err := e.call(t, "explode_execute", []sqlexec.Value{s("UPDATE t SET pid = pg_backend_pid()"), s("t"), sqlexec.NoneValue(), i(10)}, nil)
	if err != nil || sqlexec.Repr(v) != "40" {
		t.Fatalf("%v %s", err, sqlexec.Repr(v))
	}
	if got := e.committed(t, "SELECT count(DISTINCT pid), count(pid) FROM t"); got != "1 40" {
		t.Errorf("backends, rows: %s", got)
	}
	if p := e.points[0]; p.String() != "explode_execute, 4 buckets on 1 connection, 40 rows" {
		t.Errorf("commit point: %s", p)
	}
}

// Queries may be psycopg2 Composables or Odoo SQL objects with
// parameters; each runs with its parameters on its bucket connection.
func TestParallelExecuteQueryObjects(t *testing.T) {
	e := newTestEnv(t, executeSchema)
	odooSQL := sqlexec.Value{Kind: sqlexec.SQLObject, SQL: &sqlexec.OdooSQL{Code: "UPDATE t SET v = %s WHERE id <= %s", Params: []sqlexec.Value{i(7), i(3)}}}
	comp := sqlexec.ComposableValue(sqlexec.Composable{Kind: sqlexec.CompComposed, Seq: []sqlexec.Composable{
		{Kind: sqlexec.CompSQL, Text: "UPDATE "}, {Kind: sqlexec.CompIdentifier, Strings: []string{"t"}},
		{Kind: sqlexec.CompSQL, Text: " SET v = 9 WHERE id > 38"}}})
	v, err := e.call(t, "parallel_execute", []sqlexec.Value{sqlexec.TupleValue(odooSQL, comp)}, nil)
	if err != nil || sqlexec.Repr(v) != "5" {
		t.Fatalf("%v %s", err, sqlexec.Repr(v))
	}
	if got := e.committed(t, "SELECT v, count(*) FROM t GROUP BY v ORDER BY v"); got != "0 35\n7 3\n9 2" {
		t.Errorf("values: %s", got)
	}
}

// No query: None and no commit. One query: it runs on the script's
// cursor, in the script's transaction, with no commit.
func TestParallelExecuteZeroAndOne(t *testing.T) {
	e := newTestEnv(t, executeSchema)
	for _, arg := range []sqlexec.Value{list(), sqlexec.NoneValue(), sqlexec.TupleValue()} {
		if v, err := e.call(t, "parallel_execute", []sqlexec.Value{arg}, nil); err != nil || v.Kind != sqlexec.None {
			t.Errorf("parallel_execute(cr, %s): %v %s", sqlexec.Repr(arg), err, sqlexec.Repr(v))
		}
	}
	v, err := e.call(t, "parallel_execute", []sqlexec.Value{list("UPDATE t SET v = 3 WHERE id <= 5")}, map[string]sqlexec.Value{"logger": {Kind: sqlexec.Other, TypeName: "Logger"}})
	if err != nil || sqlexec.Repr(v) != "5" {
		t.Fatalf("%v %s", err, sqlexec.Repr(v))
	}
	if got := e.inTx(t, "SELECT count(*) FROM t WHERE v = 3"); got != "5" {
		t.Errorf("in the script's transaction: %s", got)
	}
	if got := e.committed(t, "SELECT count(*) FROM t WHERE v = 3"); got != "0" {
		t.Errorf("committed: %s", got)
	}
	// explode_execute on an empty table: None, as parallel_execute([]).
	e.inTx(t, "CREATE TABLE e (id serial)")
	if v, err := e.call(t, "explode_execute", []sqlexec.Value{s("DELETE FROM e"), s("e")}, nil); err != nil || v.Kind != sqlexec.None {
		t.Errorf("explode_execute on an empty table: %v %s", err, sqlexec.Repr(v))
	}
	if len(e.commits) > 0 || len(e.points) > 0 {
		t.Errorf("commits %v, points %v", e.commits, e.points)
	}
	if _, err := e.call(t, "parallel_execute", []sqlexec.Value{s("UPDATE t SET v = 1")}, nil); err == nil || !strings.Contains(err.Error(), "queries must be a list") {
		t.Errorf("a str for queries: %v", err)
	}
}

// One failing bucket fails the call with its own error; the buckets that
// committed stay committed and are reported with their rows, as is the
// script's work before the call; the failing one changed nothing.
func TestParallelExecuteBucketFails(t *testing.T) {
	e := newTestEnv(t, executeSchema)
	e.inTx(t, "INSERT INTO pids VALUES (0, 0)")
	good, bad := "UPDATE t SET v = 1 WHERE id <= 10", "UPDATE t SET v = 5000 WHERE id > 30"
	_, err := e.call(t, "parallel_execute", []sqlexec.Value{list(good, bad)}, nil)
	var dbe *sqlexec.DBError
	if !errors.As(err, &dbe) || dbe.Name != "CheckViolation" {
		t.Fatalf("error: %v", err)
	}
	if e.Cursor.Query != bad {
		t.Errorf("the failed statement on the cursor: %q", e.Cursor.Query)
	}
	if got := e.committed(t, "SELECT v, count(*) FROM t GROUP BY v ORDER BY v"); got != "0 30\n1 10" {
		t.Errorf("committed values: %s", got)
	}
	if got := e.committed(t, "SELECT count(*) FROM pids"); got != "1" {
		t.Errorf("the script's work before the call: %s", got)
	}
	p := e.points[0]
	want := `parallel_execute, 2 buckets on 2 connections, 10 rows; FAILED bucket 2 (query 2): new row for relation "t" violates check constraint "t_v_check"; committed and kept: bucket 1 (query 1, 10 rows)`
	if p.String() != want {
		t.Errorf("commit point:\n got %s\nwant %s", p, want)
	}

	// With one connection the buckets after the failing one never start.
	e2 := newTestEnv(t, executeSchema)
	e2.Jobs = 1
	_, err = e2.call(t, "parallel_execute", []sqlexec.Value{list(good, bad, "UPDATE t SET v = 2 WHERE id = 20")}, nil)
	if err == nil {
		t.Fatal("no error")
	}
	if got := e2.committed(t, "SELECT v, count(*) FROM t GROUP BY v ORDER BY v"); got != "0 30\n1 10" {
		t.Errorf("committed values: %s", got)
	}
	if p := e2.points[0]; !strings.HasSuffix(p.String(), "committed and kept: bucket 1 (query 1, 10 rows); 1 not run") || p.NotRun != 1 {
		t.Errorf("commit point: %s", p)
	}
	// The script's cursor is usable after the failure, in a new transaction.
	if got := e2.inTx(t, "SELECT count(*) FROM t"); got != "40" {
		t.Errorf("cursor after the failure: %s", got)
	}
}

// A serialization failure is no failure: the bucket runs again on the
// script's cursor after the others, which is then committed again. The
// rendezvous makes both buckets take their snapshots before either
// commits, so the second writer of row 1 always gets 40001.
func TestParallelExecuteRetriesSerializationFailures(t *testing.T) {
	e := newTestEnv(t, executeSchema)
	e.inTx(t, "SET mr.serial = 'on'") // the script's session passes the rendezvous
	v, err := e.call(t, "parallel_execute", []sqlexec.Value{list(
		"UPDATE t SET v = v + 1 WHERE id = 1 AND (SELECT rendezvous(2))",
		"UPDATE t SET v = v + 10 WHERE id = 1 AND (SELECT rendezvous(2))")}, nil)
	if err != nil || sqlexec.Repr(v) != "2" {
		t.Fatalf("%v %s", err, sqlexec.Repr(v))
	}
	if got := e.committed(t, "SELECT v FROM t WHERE id = 1"); got != "11" {
		t.Errorf("v: %s", got)
	}
	p := e.points[0]
	if len(p.Retried) != 1 || len(p.Committed) != 1 || strings.Join(e.commits, ",") != "parallel_execute,parallel_execute" ||
		!strings.Contains(p.String(), "1 retried serially after a deadlock or serialization failure") {
		t.Errorf("commit point %s %+v, commits %v", p, p, e.commits)
	}
}

// Without a way to commit (a dry run, or no runner) two or more queries
// are refused before anything runs; a refusing Commit is obeyed too.
func TestParallelExecuteRefused(t *testing.T) {
	e := newTestEnv(t, executeSchema)
	e.Commit = nil
	_, err := e.call(t, "explode_execute", []sqlexec.Value{s("UPDATE t SET v = 1"), s("t"), sqlexec.NoneValue(), i(10)}, nil)
	want := "ProgrammingError: post-test.py: explode_execute would commit the script's transaction (upgrade-util commits before running buckets in parallel); this cursor cannot commit mid-script"
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
	e.Commit = func(ctx context.Context, call string) error {
		return odoolib.PyErr("ProgrammingError", "%s refused", call)
	}
	_, err = e.call(t, "parallel_execute", []sqlexec.Value{list("UPDATE t SET v = 1", "UPDATE t SET v = 2")}, nil)
	if err == nil || err.Error() != "ProgrammingError: parallel_execute refused" {
		t.Errorf("refusing Commit: %v", err)
	}
	if got := e.committed(t, "SELECT count(*) FROM t WHERE v <> 0"); got != "0" || len(e.points) > 0 {
		t.Errorf("ran anyway: %s %v", got, e.points)
	}
}
