package sqlexec

import (
	"context"
	"testing"

	"github.com/migrate-runner/migrate-runner/internal/pgtest"
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
