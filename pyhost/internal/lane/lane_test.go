package lane

import (
	"context"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"golang.org/x/sys/unix"

	"github.com/migrate-runner/migrate-runner/internal/pgtest"
	"github.com/migrate-runner/migrate-runner/internal/rawfd"
	"github.com/migrate-runner/migrate-runner/sqlexec"
)

// inProcess is both sides of a lane in one process: the worker's end
// gets duplicates of the files a worker process would inherit.
func inProcess(t *testing.T) (*Offer, *Lane) {
	t.Helper()
	o, err := NewOffer()
	if err != nil {
		t.Fatal(err)
	}
	var dups []*os.File
	for _, f := range o.ChildFiles() {
		fd, err := unix.FcntlInt(f.Fd(), unix.F_DUPFD_CLOEXEC, 0)
		if err != nil {
			t.Fatal(err)
		}
		dups = append(dups, os.NewFile(uintptr(fd), f.Name()))
	}
	o.Started()
	l, err := open(dups[0], dups[1])
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close(); o.Close() })
	return o, l
}

// connect opens a connection to dsn, its socket made by rawfd.Dial or by
// pgconn's own dialer.
func connect(t *testing.T, dsn string, raw bool) *pgconn.PgConn {
	t.Helper()
	cfg, err := pgconn.ParseConfig(dsn)
	if err != nil {
		t.Fatal(err)
	}
	if raw {
		cfg.DialFunc = rawfd.Dial(cfg.DialFunc)
	}
	conn, err := pgconn.ConnectConfig(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

func query(t *testing.T, cr *sqlexec.Cursor, sql string) string {
	t.Helper()
	if err := cr.Execute(context.Background(), sql, nil); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	if cr.Description() == nil {
		return cr.StatusMessage()
	}
	row, err := cr.FetchOne()
	if err != nil {
		t.Fatal(err)
	}
	return sqlexec.Repr(row[0])
}

// The worker's statements run in the parent's transaction, on the
// parent's session; the flag is down between statements; the same
// connection is handed over once, and a new one replaces it.
func TestHandAndTake(t *testing.T) {
	for _, raw := range []bool{true, false} {
		t.Run("rawfd="+strconv.FormatBool(raw), func(t *testing.T) {
			ctx := context.Background()
			dsn := pgtest.DB(t)
			o, l := inProcess(t)
			conn := connect(t, dsn, raw)
			if !Usable(conn) {
				t.Fatalf("a %T is not usable", conn.Conn())
			}
			parent := sqlexec.NewCursor(conn)
			if err := parent.Begin(ctx); err != nil {
				t.Fatal(err)
			}
			query(t, parent, "CREATE TABLE t (n int)")
			for round := range 2 { // the second grant sends nothing: Take must not wait for a socket
				g, err := o.Hand(conn)
				if err != nil {
					t.Fatal(err)
				}
				if g.Gen != 1 || g.PID != conn.PID() || g.TxStatus != "T" {
					t.Fatalf("grant %+v", g)
				}
				if err := l.Take(g); err != nil {
					t.Fatal(err)
				}
				if got := query(t, l.Cursor, "INSERT INTO t VALUES (1), (2)"); got != "INSERT 0 2" {
					t.Fatalf("round %d: %s", round, got)
				}
				if o.Busy() {
					t.Error("the flag is up between statements")
				}
				if got := query(t, l.Cursor, "SELECT pg_backend_pid()"); got != strconv.Itoa(int(conn.PID())) {
					t.Errorf("the lane's backend is %s, the parent's %d", got, conn.PID())
				}
			}
			if got := query(t, parent, "SELECT count(*) FROM t"); got != "4" {
				t.Errorf("the parent sees %s rows", got)
			}
			if err := parent.Rollback(ctx); err != nil {
				t.Fatal(err)
			}
			if got := query(t, l.Cursor, "SELECT to_regclass('t') IS NULL"); got != "True" {
				t.Errorf("the parent's rollback did not undo the lane's work: %s", got)
			}

			other := connect(t, dsn, raw)
			g, err := o.Hand(other)
			if err != nil {
				t.Fatal(err)
			}
			if err := l.Take(g); err != nil {
				t.Fatal(err)
			}
			if g.Gen != 2 || query(t, l.Cursor, "SELECT pg_backend_pid()") != strconv.Itoa(int(other.PID())) {
				t.Errorf("the second connection was not taken: %+v", g)
			}
			if got := query(t, parent, "SELECT 1"); got != "1" {
				t.Errorf("the first connection is unusable: %s", got)
			}
		})
	}
}

// TLS sessions and closed connections cannot be handed over.
func TestUsable(t *testing.T) {
	if Usable(nil) {
		t.Error("nil is usable")
	}
	conn := connect(t, pgtest.DB(t), true)
	conn.Close(context.Background())
	if Usable(conn) {
		t.Error("a closed connection is usable")
	}
}

// A statement in progress raises the flag; Abandon cancels it and closes
// the parent's connection, so that once the worker's descriptor is gone
// too the backend ends and its transaction is rolled back.
func TestBusyAndAbandon(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.DB(t)
	o, l := inProcess(t)
	conn := connect(t, dsn, true)
	parent := sqlexec.NewCursor(conn)
	query(t, parent, "CREATE TABLE t (n int)")
	if err := parent.Begin(ctx); err != nil {
		t.Fatal(err)
	}
	g, err := o.Hand(conn)
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Take(g); err != nil {
		t.Fatal(err)
	}
	query(t, l.Cursor, "INSERT INTO t VALUES (1)")
	res := make(chan error, 1)
	go func() { res <- l.Cursor.Execute(ctx, "SELECT pg_sleep(60)", nil) }()
	if err := pgtest.WaitForBackend(conn.PID(), "active", "pg_sleep"); err != nil {
		t.Fatal(err)
	}
	if !o.Busy() {
		t.Fatal("the flag is down during a statement")
	}
	o.Abandon(ctx, conn)
	select {
	case err := <-res:
		if err == nil {
			t.Fatal("the abandoned statement succeeded")
		}
	case <-time.After(30 * time.Second):
		t.Fatal("Abandon did not cancel the statement")
	}
	if !conn.IsClosed() || o.Busy() {
		t.Errorf("after Abandon: closed %v, busy %v", conn.IsClosed(), o.Busy())
	}
	l.Close()
	if err := pgtest.WaitForBackend(conn.PID(), "", ""); err != nil {
		t.Fatal(err)
	}
	check := connect(t, dsn, false)
	if got := query(t, sqlexec.NewCursor(check), "SELECT count(*) FROM t"); got != "0" {
		t.Errorf("the abandoned transaction left %s rows", got)
	}
}

// A grant whose socket could not be taken is not waited for again: the
// next run with the same grant fails at once instead of blocking.
func TestTakeFailsOnce(t *testing.T) {
	o, l := inProcess(t)
	conn := connect(t, pgtest.DB(t), true)
	g, err := o.Hand(conn)
	if err != nil {
		t.Fatal(err)
	}
	l.sock.Close() // the socket pair is gone: the receive fails
	if err := l.Take(g); err == nil {
		t.Fatal("Take succeeded without its socket")
	}
	done := make(chan error, 1)
	go func() { done <- l.Take(g) }()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "could not be taken over") {
			t.Errorf("second Take: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the second Take waits for a socket that will not come")
	}
}
