package rawfd

import (
	"context"
	"errors"
	"io"
	"net"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"golang.org/x/sys/unix"

	"github.com/migrate-runner/migrate-runner/internal/pgtest"
	"github.com/migrate-runner/migrate-runner/sqlexec"
)

// pair is two connected Conns over a Unix socket pair.
func pair(t *testing.T) (*Conn, *Conn) {
	t.Helper()
	fds, err := unix.Socketpair(unix.AF_UNIX, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	a, err := New(fds[0])
	if err != nil {
		t.Fatal(err)
	}
	b, err := New(fds[1])
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close(); b.Close() })
	return a, b
}

// Bytes cross in both directions, a write larger than the socket buffer
// included (it waits for the reader in poll), and closing one end is EOF
// at the other.
func TestConnReadWrite(t *testing.T) {
	a, b := pair(t)
	big := strings.Repeat("0123456789abcdef", 1<<18) // 4 MiB, far more than a socket buffer
	done := make(chan error, 1)
	go func() {
		_, err := a.Write([]byte(big))
		if err == nil {
			err = a.Close()
		}
		done <- err
	}()
	got, err := io.ReadAll(b)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != big {
		t.Fatalf("read %d bytes, want %d", len(got), len(big))
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if _, err := b.Write(nil); err != nil {
		t.Errorf("empty write: %v", err)
	}
}

// A deadline set while a read waits ends the wait (pgconn cancels a
// query that way), and so does Close.
func TestConnDeadlineAndCloseInterruptRead(t *testing.T) {
	for _, c := range []struct {
		name string
		stop func(*Conn) error
		want error
	}{
		{"deadline", func(c *Conn) error { return c.SetReadDeadline(time.Unix(1, 0)) }, os.ErrDeadlineExceeded},
		{"deadline for both", func(c *Conn) error { return c.SetDeadline(time.Unix(1, 0)) }, os.ErrDeadlineExceeded},
		{"close", func(c *Conn) error { return c.Close() }, net.ErrClosed},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, b := pair(t)
			res := make(chan error, 1)
			go func() {
				_, err := b.Read(make([]byte, 8))
				res <- err
			}()
			// Let the reader reach its wait; the outcome does not depend on
			// whether it did (a deadline in the past or a closed conn also
			// ends a read that has not started).
			time.Sleep(20 * time.Millisecond)
			if err := c.stop(b); err != nil {
				t.Fatal(err)
			}
			select {
			case err := <-res:
				if !errors.Is(err, c.want) {
					t.Errorf("read ended with %v, want %v", err, c.want)
				}
			case <-time.After(30 * time.Second):
				t.Fatal("the read did not end")
			}
		})
	}
}

// A deadline that passes while nothing arrives ends the read as a
// timeout, which net.Error reports as such.
func TestConnReadDeadlinePasses(t *testing.T) {
	_, b := pair(t)
	if err := b.SetReadDeadline(time.Now().Add(30 * time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	_, err := b.Read(make([]byte, 8))
	var ne net.Error
	if !errors.As(err, &ne) || !ne.Timeout() {
		t.Fatalf("read: %v, want a timeout", err)
	}
	if err := b.SetReadDeadline(time.Time{}); err != nil {
		t.Fatal(err)
	}
}

// dialConfig is a connection configuration for a fresh database whose
// socket Dial makes.
func dialConfig(t *testing.T) *pgconn.Config {
	t.Helper()
	cfg, err := pgconn.ParseConfig(pgtest.DB(t))
	if err != nil {
		t.Fatal(err)
	}
	cfg.DialFunc = Dial(cfg.DialFunc)
	return cfg
}

// A connection made by Dial is a Conn and works as any: statements, a
// statement larger than the socket buffer, and a cancelled context,
// which pgconn turns into a deadline in the past while the read waits.
func TestDialPostgreSQL(t *testing.T) {
	ctx := context.Background()
	conn, err := pgconn.ConnectConfig(ctx, dialConfig(t))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, ok := conn.Conn().(*Conn); !ok {
		t.Fatalf("the connection's socket is a %T", conn.Conn())
	}
	cr := sqlexec.NewCursor(conn)
	big := strings.Repeat("x", 8<<20)
	params := sqlexec.TupleValue(sqlexec.StrValue(big))
	if err := cr.Execute(ctx, "SELECT length(%s)", &params); err != nil {
		t.Fatal(err)
	}
	if row, err := cr.FetchOne(); err != nil || row[0].Int.Int64() != int64(len(big)) {
		t.Fatalf("length: %v %v", row, err)
	}

	// Cancel once the server runs the statement: seen from another
	// connection, so that nothing depends on how long anything takes.
	qctx, cancel := context.WithCancel(ctx)
	res := make(chan error, 1)
	go func() {
		_, err := sqlexec.Exec(qctx, conn, "SELECT pg_sleep(60)")
		res <- err
	}()
	if err := pgtest.WaitForBackend(conn.PID(), "active", "pg_sleep"); err != nil {
		t.Fatal(err)
	}
	cancel()
	select {
	case err := <-res:
		if err == nil {
			t.Fatal("the cancelled statement succeeded")
		}
	case <-time.After(30 * time.Second):
		t.Fatal("cancelling the context did not end the statement")
	}
}
