package parallel

import (
	"context"
	"strconv"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/migrate-runner/migrate-runner/sqlexec"
)

// benchRows is the table size the speed section asks for.
const benchRows = 2_000_000

// BenchmarkExplodeExecute compares one plain UPDATE of every row of a
// 2,000,000-row table with explode_execute of the same UPDATE (200
// buckets of 10,000 ids) on one and on two connections. The table is
// built once per benchmark run, in a database of its own; every
// iteration updates all rows, and a VACUUM outside the timer keeps the
// table's size the same from one iteration to the next. The plain
// UPDATE is timed up to its COMMIT, as each bucket's own commit is.
func BenchmarkExplodeExecute(b *testing.B) {
	e := newTestEnv(b, `CREATE TABLE bench (id serial PRIMARY KEY, v int NOT NULL DEFAULT 0, s text);
		INSERT INTO bench (s) SELECT md5(g::text) FROM generate_series(1, `+strconv.Itoa(benchRows)+`) g;`)
	ctx := context.Background()
	admin, err := pgconn.Connect(ctx, e.dsn)
	if err != nil {
		b.Fatal(err)
	}
	defer admin.Close(ctx)
	if _, err := admin.Exec(ctx, "VACUUM ANALYZE bench").ReadAll(); err != nil {
		b.Fatal(err)
	}
	vacuum := func(b *testing.B) {
		b.StopTimer()
		if _, err := admin.Exec(ctx, "VACUUM bench").ReadAll(); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	plain := func() (int64, error) {
		if err := e.Cursor.Execute(ctx, "UPDATE bench SET v = v + 1", nil); err != nil {
			return 0, err
		}
		n := e.Cursor.RowCount()
		if err := e.Cursor.Commit(ctx); err != nil {
			return 0, err
		}
		return n, e.Cursor.Begin(ctx)
	}
	// A first, untimed pass puts the table in its steady state (updated
	// once and vacuumed), whichever mode runs first.
	if _, err := plain(); err != nil {
		b.Fatal(err)
	}
	vacuum(b)
	run := func(b *testing.B, fn func() (int64, error)) {
		b.ResetTimer()
		for range b.N {
			n, err := fn()
			if err != nil || n != benchRows {
				b.Fatalf("%d rows, %v", n, err)
			}
			vacuum(b)
		}
		b.ReportMetric(float64(benchRows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
	}
	b.Run("plain", func(b *testing.B) { run(b, plain) })
	for _, jobs := range []int{1, 2} {
		b.Run("explode/jobs="+strconv.Itoa(jobs), func(b *testing.B) {
			e.Jobs = jobs
			run(b, func() (int64, error) {
				v, err := e.call(b, "explode_execute", []sqlexec.Value{s("UPDATE bench SET v = v + 1"), s("bench")}, nil)
				if err != nil {
					return 0, err
				}
				return v.Int.Int64(), nil
			})
		})
	}
}

// BenchmarkBucketOverhead is the cost of one bucket beyond its rows:
// explode_execute over 1,000 one-row buckets on one connection, per
// bucket: its BEGIN, its statement's round trip and its COMMIT. With the
// server's synchronous_commit (on by default) each COMMIT waits for its
// WAL flush; the "off" case sets synchronous_commit off on the bucket
// connections only, to show how much of the figure that flush is.
func BenchmarkBucketOverhead(b *testing.B) {
	const buckets = 1000
	e := newTestEnv(b, `CREATE TABLE tiny (id serial PRIMARY KEY, v int NOT NULL DEFAULT 0);
		INSERT INTO tiny (v) SELECT 0 FROM generate_series(1, `+strconv.Itoa(buckets)+`);`)
	e.Jobs = 1
	connect := e.Connect
	for _, sync := range []string{"on", "off"} {
		b.Run("synchronous_commit="+sync, func(b *testing.B) {
			e.Connect = func(ctx context.Context) (*pgconn.PgConn, error) {
				conn, err := connect(ctx)
				if err == nil {
					_, err = conn.Exec(ctx, "SET synchronous_commit = "+sync).ReadAll()
				}
				return conn, err
			}
			b.ResetTimer()
			for range b.N {
				v, err := e.call(b, "explode_execute", []sqlexec.Value{s("UPDATE tiny SET v = v + 1"), s("tiny"), sqlexec.NoneValue(), i(1)}, nil)
				if err != nil || v.Int.Int64() != buckets {
					b.Fatalf("%v %v", sqlexec.Repr(v), err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*buckets), "µs/bucket")
		})
	}
}
