package pyhost

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/migrate-runner/migrate-runner/internal/pgtest"
	"github.com/migrate-runner/migrate-runner/internal/rawfd"
	"github.com/migrate-runner/migrate-runner/sqlexec"
)

// BenchmarkExternal10kUpdates is the execution issue's speed case: one
// script issuing 10,000 single-row UPDATEs in one transaction through the
// external host. bench/psycopg2_updates.py runs the same loop on psycopg2,
// and sqlexec's BenchmarkCursor10kUpdates on the Go cursor alone.
func BenchmarkExternal10kUpdates(b *testing.B) {
	python, err := ResolvePython(context.Background(), "")
	if err != nil {
		b.Skip(err)
	}
	bench10kUpdates(b, func(ctx context.Context) (*External, error) { return StartExternal(ctx, python) })
}

// BenchmarkEmbedded10kUpdates is the same loop through the embedded host,
// with its direct lane (as runs use it) and without (every statement
// through this process).
func BenchmarkEmbedded10kUpdates(b *testing.B) {
	for _, direct := range []bool{true, false} {
		name := "lane"
		if !direct {
			name = "hop"
		}
		b.Run(name, func(b *testing.B) {
			bench10kUpdates(b, func(ctx context.Context) (*External, error) {
				h, err := StartEmbedded(ctx)
				if h != nil {
					h.DirectLane = direct
				}
				return h, err
			})
		})
	}
}

// bench10kUpdates runs the loop on a connection dialled as runs dial
// theirs (rawfd.Dial), from a vacuumed table each time.
func bench10kUpdates(b *testing.B, start func(context.Context) (*External, error)) {
	ctx := context.Background()
	cfg, err := pgconn.ParseConfig(pgtest.DB(b))
	if err != nil {
		b.Fatal(err)
	}
	cfg.DialFunc = rawfd.Dial(cfg.DialFunc)
	conn, err := pgconn.ConnectConfig(ctx, cfg)
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close(ctx)
	cr := sqlexec.NewCursor(conn)
	if err := cr.Execute(ctx, "CREATE TABLE t (id int PRIMARY KEY, v int); INSERT INTO t SELECT g, 0 FROM generate_series(0, 99) g", nil); err != nil {
		b.Fatal(err)
	}
	h, err := start(ctx)
	if err != nil {
		b.Fatal(err)
	}
	defer h.Close()
	script := writeScriptB(b, "post-updates.py", `
def migrate(cr, version):
    for i in range(10000):
        cr.execute("UPDATE t SET v = v + 1 WHERE id = %s", (i % 100,))
`)
	for b.Loop() {
		b.StopTimer() // each loop leaves 10,000 dead rows behind
		if err := cr.Execute(ctx, "VACUUM t", nil); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if err := cr.Begin(ctx); err != nil {
			b.Fatal(err)
		}
		out, err := h.Run(ctx, cr, Script{Path: script})
		if err != nil || out.Status != "ok" {
			b.Fatalf("%v %+v", err, out)
		}
		if err := cr.Rollback(ctx); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/10000, "µs/statement")
}

// BenchmarkExternalRoundTrip is the floor under every statement: one
// cursor call that never reaches PostgreSQL (cr.mogrify), i.e. the pipe
// round trip between the script and migrate-runner with its encoding.
func BenchmarkExternalRoundTrip(b *testing.B) {
	ctx := context.Background()
	python, err := ResolvePython(ctx, "")
	if err != nil {
		b.Skip(err)
	}
	h, err := StartExternal(ctx, python)
	if err != nil {
		b.Fatal(err)
	}
	defer h.Close()
	script := writeScriptB(b, "post-mogrify.py", `
def migrate(cr, version):
    for i in range(10000):
        cr.mogrify("UPDATE t SET v = v + 1 WHERE id = %s", (i % 100,))
`)
	cr := sqlexec.NewCursor(nil)
	for b.Loop() {
		if out, err := h.Run(ctx, cr, Script{Path: script}); err != nil || out.Status != "ok" {
			b.Fatalf("%v %+v", err, out)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/10000, "µs/call")
}

// BenchmarkEmbeddedStart is the embedded host's start-up: re-executing
// the binary as a worker and waiting until it is ready.
func BenchmarkEmbeddedStart(b *testing.B) {
	for b.Loop() {
		h, err := StartEmbedded(context.Background())
		if err != nil {
			b.Fatal(err)
		}
		h.Close()
	}
}
