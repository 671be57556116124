package parallel

import (
	"context"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/migrate-runner/migrate-runner/internal/pgtest"
	"github.com/migrate-runner/migrate-runner/odoolib"
	"github.com/migrate-runner/migrate-runner/sqlexec"
)

// testEnv is an odoolib.Env on a fresh database, with a real Commit (on
// the script cursor's own connection) and Connect, as the runner gives
// them, and a record of what they were asked.
type testEnv struct {
	odoolib.Env
	dsn     string
	commits []string
	points  []odoolib.CommitPoint
}

func newTestEnv(t testing.TB, setup string) *testEnv {
	t.Helper()
	ctx := context.Background()
	dsn := pgtest.DB(t)
	conn, err := pgconn.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	if setup != "" {
		if _, err := conn.Exec(ctx, setup).ReadAll(); err != nil {
			t.Fatalf("setup: %v", err)
		}
	}
	cr := sqlexec.NewCursor(conn)
	if err := cr.Begin(ctx); err != nil {
		t.Fatal(err)
	}
	e := &testEnv{dsn: dsn}
	e.Env = odoolib.Env{Cursor: cr, Major: 17, Script: "post-test.py", Jobs: 2,
		Commit: func(ctx context.Context, call string) error {
			e.commits = append(e.commits, call)
			if err := cr.Commit(ctx); err != nil {
				return err
			}
			return cr.Begin(ctx)
		},
		Connect:     func(ctx context.Context) (*pgconn.PgConn, error) { return pgconn.Connect(ctx, dsn) },
		CommitPoint: func(p odoolib.CommitPoint) { e.points = append(e.points, p) },
	}
	return e
}

// query runs q on a connection of its own, so that it sees only what
// was committed, and returns the rows as text, one line per row.
func (e *testEnv) committed(t testing.TB, q string) string {
	t.Helper()
	ctx := context.Background()
	conn, err := pgconn.Connect(ctx, e.dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	res, err := conn.Exec(ctx, q).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	var lines []string
	for _, r := range res {
		for _, row := range r.Rows {
			var cols []string
			for _, c := range row {
				cols = append(cols, string(c))
			}
			lines = append(lines, strings.Join(cols, " "))
		}
	}
	return strings.Join(lines, "\n")
}

// inTx runs q on the script's cursor, in its open transaction.
func (e *testEnv) inTx(t testing.TB, q string) string {
	t.Helper()
	if err := e.Cursor.Execute(context.Background(), q, nil); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	rows, err := e.Cursor.FetchAll()
	if err != nil {
		return ""
	}
	var lines []string
	for _, r := range rows {
		var cols []string
		for _, v := range r {
			cols = append(cols, sqlexec.Repr(v))
		}
		lines = append(lines, strings.Join(cols, " "))
	}
	return strings.Join(lines, "\n")
}

func (e *testEnv) call(t testing.TB, name string, args []sqlexec.Value, kwargs map[string]sqlexec.Value) (sqlexec.Value, error) {
	t.Helper()
	var kw *sqlexec.Value
	if kwargs != nil {
		d := sqlexec.Value{Kind: sqlexec.Dict}
		for _, k := range sortedKeys(kwargs) {
			d.Keys, d.Items = append(d.Keys, k), append(d.Items, kwargs[k])
		}
		kw = &d
	}
	return odoolib.Call(context.Background(), e.Env, util+name, args, kw)
}

func sortedKeys(m map[string]sqlexec.Value) []string { return slices.Sorted(maps.Keys(m)) }

func s(v string) sqlexec.Value { return sqlexec.StrValue(v) }
func i(n int64) sqlexec.Value  { return sqlexec.IntValue(n) }
