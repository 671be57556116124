package sqlexec

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/migrate-runner/migrate-runner/internal/pgtest"
	"github.com/migrate-runner/migrate-runner/internal/rawfd"
)

// The cursor's per-statement cost on PostgreSQL: a parameterised UPDATE
// of one row and a one-row SELECT, as scripts issue them in loops. The
// allocations per statement are the figure the backend interface must
// not raise (see backend.go).
func BenchmarkCursorExecute(b *testing.B) {
	ctx := context.Background()
	cr := NewCursor(pgtest.Conn(b).PgConn())
	if err := cr.Execute(ctx, "CREATE TABLE t (id int PRIMARY KEY, v int); INSERT INTO t VALUES (1, 0)", nil); err != nil {
		b.Fatal(err)
	}
	b.Run("update", func(b *testing.B) {
		params := TupleValue(IntValue(1))
		b.ReportAllocs()
		for b.Loop() {
			if err := cr.Execute(ctx, "UPDATE t SET v = v + 1 WHERE id = %s", &params); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("select", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := cr.Execute(ctx, "SELECT v FROM t WHERE id = 1", nil); err != nil {
				b.Fatal(err)
			}
			if _, err := cr.FetchOne(); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkCursor10kUpdates is bench/psycopg2_updates.py's loop straight
// on the Go cursor: 10,000 single-row UPDATEs of a 100-row regular table
// in one transaction, rolled back. It is the floor under the hosts'
// BenchmarkEmbedded10kUpdates and BenchmarkExternal10kUpdates (package
// pyhost): what the same statements cost with no Python at all, on a
// socket read through the runtime's poller (pgx's default) and outside it
// (internal/rawfd, as runs read theirs).
func BenchmarkCursor10kUpdates(b *testing.B) {
	for _, raw := range []bool{false, true} {
		name := "poller"
		if raw {
			name = "rawfd"
		}
		b.Run(name, func(b *testing.B) { cursor10kUpdates(b, raw) })
	}
}

func cursor10kUpdates(b *testing.B, raw bool) {
	ctx := context.Background()
	cfg, err := pgconn.ParseConfig(pgtest.DB(b))
	if err != nil {
		b.Fatal(err)
	}
	if raw {
		cfg.DialFunc = rawfd.Dial(cfg.DialFunc)
	}
	conn, err := pgconn.ConnectConfig(ctx, cfg)
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close(ctx)
	cr := NewCursor(conn)
	if err := cr.Execute(ctx, "CREATE TABLE t (id int PRIMARY KEY, v int); INSERT INTO t SELECT g, 0 FROM generate_series(0, 99) g", nil); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		// Each loop leaves 10,000 dead row versions behind: vacuum them
		// away, untimed, so that every loop starts from the same table.
		b.StopTimer()
		if err := cr.Execute(ctx, "VACUUM t", nil); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if err := cr.Begin(ctx); err != nil {
			b.Fatal(err)
		}
		for i := range 10000 {
			params := TupleValue(IntValue(int64(i % 100)))
			if err := cr.Execute(ctx, "UPDATE t SET v = v + 1 WHERE id = %s", &params); err != nil {
				b.Fatal(err)
			}
		}
		if err := cr.Rollback(ctx); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/10000, "µs/statement")
}
