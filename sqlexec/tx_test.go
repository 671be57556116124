package sqlexec

import (
	"context"
	"errors"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/migrate-runner/migrate-runner/internal/pgtest"
)

func TestTransactionsAndSavepoints(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.DB(t)
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	cr := NewCursor(conn.PgConn())
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	count := func() string {
		must(cr.Execute(ctx, "SELECT count(*) FROM t", nil))
		r, _ := cr.FetchOne()
		return Repr(r[0])
	}
	must(cr.Execute(ctx, "CREATE TABLE t (id int PRIMARY KEY)", nil))
	must(cr.Begin(ctx))
	must(cr.Execute(ctx, "SHOW transaction_isolation", nil))
	if r, _ := cr.FetchOne(); Repr(r[0]) != "'repeatable read'" {
		t.Errorf("isolation: %s", Repr(r[0]))
	}
	must(cr.Execute(ctx, "INSERT INTO t VALUES (1)", nil))

	// A script's error inside `with cr.savepoint():` is undone, and the
	// transaction carries on.
	sp, err := cr.Savepoint(ctx)
	must(err)
	err = cr.Execute(ctx, "INSERT INTO t VALUES (1)", nil)
	var dbe *DBError
	if !errors.As(err, &dbe) || dbe.Code != "23505" {
		t.Fatalf("duplicate: %v", err)
	}
	must(cr.RollbackTo(ctx, sp))
	if _, err := cr.FetchOne(); err == nil {
		t.Error("after the savepoint statements there is nothing to fetch, as in Odoo")
	}
	must(cr.Execute(ctx, "INSERT INTO t VALUES (2)", nil))
	// A successful savepoint keeps its work.
	sp, err = cr.Savepoint(ctx)
	must(err)
	must(cr.Execute(ctx, "INSERT INTO t VALUES (3)", nil))
	must(cr.Release(ctx, sp))
	if got := count(); got != "3" {
		t.Errorf("rows in the transaction: %s", got)
	}

	// now() is the transaction's start, read once.
	n1, err := cr.Now(ctx)
	must(err)
	must(cr.Execute(ctx, "SELECT pg_sleep(0.01)", nil))
	n2, _ := cr.Now(ctx)
	if n1.Kind != DateTime || n1.Aware || Repr(n1) != Repr(n2) {
		t.Errorf("now: %s then %s", Repr(n1), Repr(n2))
	}
	must(cr.Rollback(ctx))
	if got := count(); got != "0" {
		t.Errorf("after rollback: %s rows", got)
	}
	must(cr.Begin(ctx))
	must(cr.Execute(ctx, "INSERT INTO t VALUES (9)", nil))
	must(cr.Commit(ctx))
	other, err := pgx.Connect(ctx, dsn)
	must(err)
	defer other.Close(ctx)
	var n int
	must(other.QueryRow(ctx, "SELECT count(*) FROM t").Scan(&n))
	if n != 1 {
		t.Errorf("committed rows seen elsewhere: %d", n)
	}
}
