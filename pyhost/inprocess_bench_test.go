package pyhost

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"

	"github.com/migrate-runner/migrate-runner/internal/pgtest"
	"github.com/migrate-runner/migrate-runner/pyhost/embedded"
	"github.com/migrate-runner/migrate-runner/sqlexec"
)

// inProcess serves the embedded cursor's calls in the same process, with
// the same code the parent runs for a worker (fastExecute, serve) and the
// same JSON frames, but no pipe and no second process. It stands for the
// design in which the worker holds the connection itself, so that the two
// designs can be measured side by side (see the package documentation).
type inProcess struct {
	ctx context.Context
	cr  *sqlexec.Cursor
	out Outcome
}

func (p *inProcess) Call(req any) (any, error) {
	body, err := json.Marshal(req)
	if err != nil {
		return nil, err
	}
	var reply any
	if body[0] == '[' {
		reply = fastExecute(p.ctx, p.cr, body, &p.out)
	} else {
		var msg map[string]json.RawMessage
		if err := json.Unmarshal(body, &msg); err != nil {
			return nil, err
		}
		var op string
		_ = json.Unmarshal(msg["op"], &op)
		r, err := serve(p.ctx, p.cr, op, msg, Script{})
		if err != nil {
			r = errorReply(err)
		}
		reply = r
	}
	if body, err = json.Marshal(reply); err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	return v, dec.Decode(&v)
}

// BenchmarkInProcess10kUpdates is the 10,000-UPDATE loop with gpython and
// the connection in one process: what a worker-held connection would
// cost a statement, against BenchmarkEmbedded10kUpdates' parent-held one.
func BenchmarkInProcess10kUpdates(b *testing.B) {
	ctx := context.Background()
	conn := pgtest.Conn(b)
	if _, err := conn.Exec(ctx, "CREATE TABLE t (id int PRIMARY KEY, v int); INSERT INTO t SELECT g, 0 FROM generate_series(0, 99) g"); err != nil {
		b.Fatal(err)
	}
	src := []byte(`
def migrate(cr, version):
    for i in range(10000):
        cr.execute("UPDATE t SET v = v + 1 WHERE id = %s", (i % 100,))
`)
	cr := sqlexec.NewCursor(conn.PgConn())
	p := &inProcess{ctx: ctx, cr: cr}
	for b.Loop() {
		if err := cr.Begin(ctx); err != nil {
			b.Fatal(err)
		}
		if r := embedded.RunMigrate("post-updates.py", "post-updates", src, "db", "", p); r.Status != "ok" {
			b.Fatal(r.Traceback)
		}
		if err := cr.Rollback(ctx); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/10000, "µs/statement")
}
