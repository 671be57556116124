package pyhost

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/migrate-runner/migrate-runner/internal/pgtest"
	"github.com/migrate-runner/migrate-runner/sqlexec"
)

// laneScript exercises what crosses the direct lane: every kind of
// value coming back, parameters going out, errors (caught, logged, and
// with log_exceptions=False), cr.query after a failure that happens
// before anything is sent, and statements the parent runs for a helper
// or executemany between the worker's own.
const laneScript = `import psycopg2
import psycopg2.errors
from psycopg2 import sql
from odoo.tools import SQL
from odoo.tools import sql as tools_sql

def migrate(cr, version):
    cr.execute("CREATE TABLE t (id int PRIMARY KEY, name text, n numeric, f float8, b bytea, ok bool, d date, ts timestamp, tz timestamptz, tm time, iv interval, j jsonb, a int[], big bigint)")
    cr.execute("SET TIME ZONE 'Europe/Brussels'")
    cr.execute("INSERT INTO t VALUES (%s, %s, %s, %s, %s, %s, '2024-02-29', '2024-02-29 13:14:15.5', '2024-02-29 13:14:15+01', '13:14:15', '1 day 2 hours', %s, %s, %s)",
               (1, "it's", 1.5, 2.25, b"\x00\xff", True, '{"k": [1, 2]}', [1, 2, 3], 9007199254740993))
    cr.execute("INSERT INTO t (id) VALUES (%(id)s)", {"id": 2})
    print(cr.rowcount, cr.statusmessage, cr.query)
    cr.execute("SELECT * FROM t ORDER BY id")
    print([c[0] for c in cr.description], [c[1] for c in cr.description])
    for row in cr.fetchall():
        print(repr(row))
    cr.execute(sql.SQL("SELECT {} FROM {} WHERE id = %s").format(sql.Identifier("name"), sql.Identifier("t")), (1,))
    print(cr.fetchone())
    cr.execute(SQL("SELECT %s + %s", 1, 2))
    print(cr.fetchone())
    cr.executemany("UPDATE t SET name = %s WHERE id = %s", [("x", 1), ("y", 2)])
    print(cr.rowcount, cr.query)
    tools_sql.create_column(cr, "t", "extra", "int")
    try:
        cr.execute("SELECT %s", "not a tuple")
    except ValueError as e:
        print("ValueError", e, cr.query)
    try:
        with cr.savepoint():
            cr.execute("INSERT INTO t (id) VALUES (1)")
    except psycopg2.errors.UniqueViolation as e:
        print("unique", e.pgcode, cr.query)
    try:
        with cr.savepoint():
            cr.execute("SELECT nope FROM t", log_exceptions=False)
    except psycopg2.ProgrammingError as e:
        print("undefined", e.pgcode, type(e).__name__, cr.query)
    cr.execute("SELECT count(*) FROM t")
    print(cr.dictfetchone())
    cr.execute("SELECT 1 / 0")
`

// The direct lane changes nothing a script can see: the same script, the
// parity cases of the SQL shims included, gives the same outcome, the
// same database and the same counts with and without it, and the lane
// is used when on.
func TestDirectLaneMatchesHop(t *testing.T) {
	h := startEmbedded(t)
	type result struct {
		Out        Outcome
		State      string
		Statements int
		Rows       int64
		Direct     int
	}
	run := func(t *testing.T, direct bool, path string) result {
		t.Helper()
		h.DirectLane = direct
		defer func() { h.DirectLane = true }()
		cr := txCursor(t)
		s0, r0 := cr.Statements, cr.RowsTotal
		var sp string
		out, err := h.Run(context.Background(), cr, Script{Path: path, Major: 17,
			Start: func(ctx context.Context) (err error) { sp, err = cr.Savepoint(ctx); return err }})
		if err != nil {
			t.Fatal(err)
		}
		if !direct && out.DirectStatements > 0 {
			t.Fatalf("the lane is off, yet %d statements went on it", out.DirectStatements)
		}
		res := result{Out: *out, Direct: out.DirectStatements, Statements: cr.Statements - s0, Rows: cr.RowsTotal - r0}
		res.Out.DirectStatements = 0
		if out.Status != "ok" {
			if err := cr.RollbackTo(context.Background(), sp); err != nil {
				t.Fatal(err)
			}
		}
		res.State = dbState(t, cr)
		return res
	}
	check := func(t *testing.T, path string) {
		lane, hop := run(t, true, path), run(t, false, path)
		lane.Direct = 0
		if !reflect.DeepEqual(lane, hop) {
			t.Errorf("the lane and the hop differ:\nlane: %+v\nhop:  %+v", lane, hop)
		}
	}
	t.Run("values and errors", func(t *testing.T) {
		path := writeScript(t, "post-lane.py", laneScript)
		lane := run(t, true, path)
		if lane.Direct != 11 { // executemany and create_column run in the parent
			t.Errorf("%d statements on the lane, want 11", lane.Direct)
		}
		if lane.Out.Status != "failed" || !strings.HasSuffix(strings.TrimSpace(lane.Out.Traceback), "psycopg2.errors.DivisionByZero: division by zero") ||
			lane.Out.FailedSQL != "SELECT 1 / 0" {
			t.Fatalf("outcome: %+v", lane.Out)
		}
		for _, want := range []string{"1 INSERT 0 1 b'INSERT INTO t (id) VALUES (2)'", `(1, "it's", 1.5, 2.25, b'\x00\xff', True, datetime.date(2024, 2, 29), `,
			"ValueError SQL query parameters should be a tuple, list or dict; got 'not a tuple' b'ALTER TABLE", "unique 23505 b'INSERT INTO t (id) VALUES (1)'",
			"undefined 42703 UndefinedColumn b'SELECT nope FROM t'", "{'count': 2}"} {
			if !strings.Contains(lane.Out.Stdout, want) {
				t.Errorf("output lacks %q:\n%s", want, lane.Out.Stdout)
			}
		}
		check(t, path)
	})
	for _, c := range sqlShimCases {
		t.Run(c.name, func(t *testing.T) {
			check(t, writeScript(t, "post-lane.py", sqlShimHeader+"def migrate(cr, version):\n"+shimIndent(c.body)))
		})
	}
}

// laneSetup is a connection to a fresh database holding a committed
// table t, and a cursor on it inside a transaction.
func laneSetup(t *testing.T) (*sqlexec.Cursor, string) {
	t.Helper()
	ctx := context.Background()
	dsn := pgtest.DB(t)
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	if _, err := conn.Exec(ctx, "CREATE TABLE t (n int)"); err != nil {
		t.Fatal(err)
	}
	cr := sqlexec.NewCursor(conn.PgConn())
	if err := cr.Begin(ctx); err != nil {
		t.Fatal(err)
	}
	return cr, dsn
}

func rowsIn(t *testing.T, dsn string) int {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var n int
	if err := conn.QueryRow(ctx, "SELECT count(*) FROM t").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// A worker killed in the middle of a statement on its lane takes the
// connection with it: Run says so (ErrConnectionLost), the statement is
// cancelled, the connection closed, and the backend ends, so the
// transaction's work is gone.
func TestDirectLaneWorkerKilledMidStatement(t *testing.T) {
	cr, dsn := laneSetup(t)
	h, err := StartEmbedded(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	pid := cr.Conn().PID()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		if err := pgtest.WaitForBackend(pid, "active", "pg_sleep"); err != nil {
			t.Error(err)
		}
		cancel()
	}()
	path := writeScript(t, "post-sleep.py", "def migrate(cr, version):\n    cr.execute('INSERT INTO t VALUES (1)')\n    cr.execute('SELECT pg_sleep(600)')\n")
	_, err = h.Run(ctx, cr, Script{Path: path})
	if !errors.Is(err, ErrConnectionLost) || !errors.Is(err, context.Canceled) {
		t.Fatalf("Run: %v", err)
	}
	if !cr.Conn().IsClosed() {
		t.Error("the connection is still open")
	}
	if err := pgtest.WaitForBackend(pid, "", ""); err != nil {
		t.Fatal(err)
	}
	if n := rowsIn(t, dsn); n != 0 {
		t.Errorf("%d rows survived", n)
	}
}

// A worker killed between two statements leaves the connection as it
// was: the parent goes on with it, and rolling back undoes the script.
func TestDirectLaneWorkerKilledBetweenStatements(t *testing.T) {
	cr, dsn := laneSetup(t)
	h, err := StartEmbedded(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pid := cr.Conn().PID()
	go func() {
		if err := pgtest.WaitForBackend(pid, "idle in transaction", "INSERT INTO t VALUES (2)"); err != nil {
			t.Error(err)
		}
		cancel()
	}()
	path := writeScript(t, "post-loop.py", "def migrate(cr, version):\n    cr.execute('INSERT INTO t VALUES (1)')\n    cr.execute('INSERT INTO t VALUES (2)')\n    while True:\n        pass\n")
	_, err = h.Run(ctx, cr, Script{Path: path})
	if errors.Is(err, ErrConnectionLost) || !errors.Is(err, context.Canceled) {
		t.Fatalf("Run: %v", err)
	}
	bg := context.Background()
	if err := cr.Execute(bg, "SELECT count(*) FROM t", nil); err != nil {
		t.Fatalf("the connection is unusable: %v", err)
	}
	if row, _ := cr.FetchOne(); sqlexec.Repr(row[0]) != "2" {
		t.Errorf("the transaction holds %v rows", row)
	}
	if err := cr.Rollback(bg); err != nil {
		t.Fatal(err)
	}
	if n := rowsIn(t, dsn); n != 0 {
		t.Errorf("%d rows survived", n)
	}
	// A new worker takes the same connection over.
	h2 := startEmbedded(t)
	if err := cr.Begin(bg); err != nil {
		t.Fatal(err)
	}
	out, err := h2.Run(bg, cr, Script{Path: writeScript(t, "post-ok.py", "def migrate(cr, version):\n    cr.execute('INSERT INTO t VALUES (3)')\n")})
	if err != nil || out.Status != "ok" || out.DirectStatements != 1 {
		t.Fatalf("next run: %v %+v", err, out)
	}
}

// Over TLS the socket cannot be shared: statements take the hop.
func TestDirectLaneNotOverTLS(t *testing.T) {
	ctx := context.Background()
	dsn := strings.Replace(pgtest.DB(t), "sslmode=disable", "sslmode=require", 1)
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Skipf("the server takes no TLS connections: %v", err)
	}
	defer conn.Close(ctx)
	cr := sqlexec.NewCursor(conn.PgConn())
	if err := cr.Begin(ctx); err != nil {
		t.Fatal(err)
	}
	h := startEmbedded(t)
	out, err := h.Run(ctx, cr, Script{Path: writeScript(t, "post-tls.py", "def migrate(cr, version):\n    cr.execute('SELECT 1')\n    print(cr.fetchone())\n")})
	if err != nil || out.Status != "ok" || out.Stdout != "(1,)\n" || out.DirectStatements != 0 {
		t.Fatalf("over TLS: %v %+v", err, out)
	}
}
