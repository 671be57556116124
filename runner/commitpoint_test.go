package runner

import (
	"context"
	"strings"
	"testing"
)

// The table the commit-point scripts explode: 30,000 rows, three buckets
// of upgrade-util's default 10,000 ids. The CHECK lets a test make one
// bucket fail by planting v = 999 in it.
func bigTable(t *testing.T, f *fixture, poison int) {
	t.Helper()
	_, err := f.conn.Exec(context.Background(), `CREATE TABLE big (id serial PRIMARY KEY, v int NOT NULL DEFAULT 0, CHECK (v < 1000));
		INSERT INTO big (v) SELECT 0 FROM generate_series(1, 30000)`)
	if err == nil && poison > 0 {
		_, err = f.conn.Exec(context.Background(), "UPDATE big SET v = 999 WHERE id = $1", poison)
	}
	if err != nil {
		t.Fatal(err)
	}
}

func (f *fixture) query(t *testing.T, q string) string {
	t.Helper()
	var s string
	if err := f.conn.QueryRow(context.Background(), q).Scan(&s); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return s
}

const explodeScript = `from odoo.upgrade import util

def migrate(cr, version):
    cr.execute("INSERT INTO run_log (script) VALUES ('before')")
    n = util.explode_execute(cr, "UPDATE big SET v = v + 1", table="big")
    print("rows", n)
    cr.execute("INSERT INTO run_log (script) VALUES ('after')")
`

// explode_execute in a run, through each host: the run's transaction is
// committed at the commit point (the scripts before it and the script's
// own work so far), the buckets run on two connections, the script goes
// on in a new transaction inside a new savepoint (released at its end),
// and the report lists the commit point.
func TestRunCommitPoint(t *testing.T) {
	for _, host := range []string{HostEmbedded, HostExternal} {
		t.Run(host, func(t *testing.T) {
			f := setup(t)
			bigTable(t, f, 0)
			opts := f.opts
			opts.Host, opts.Jobs = host, 2
			rep, err := Run(context.Background(), f.plan(t, tree(t, map[string]string{"a/migrations/1.1/post-explode.py": explodeScript})), opts)
			if err != nil || rep.Failed || rep.Outcome != "committed" {
				t.Fatalf("%v %+v", err, rep)
			}
			var sr ScriptReport
			for _, s := range rep.Scripts {
				if s.Script == "post-explode.py" {
					sr = s
				}
			}
			if sr.Status != Applied || sr.Stdout != "rows 30000\n" || len(sr.CommitPoints) != 1 || sr.Host != host {
				t.Fatalf("script report: %+v", sr)
			}
			if got := sr.CommitPoints[0].String(); got != "explode_execute, 3 buckets on 2 connections, 30000 rows" {
				t.Errorf("commit point: %s", got)
			}
			// The script's INSERTs and explode's SELECT min(id), max(id), plus
			// the 3 buckets; the runner's COMMIT, BEGIN and SAVEPOINT are not
			// the script's.
			if sr.RowCount != 30003 || sr.Statements != 6 {
				t.Errorf("statements %d, rows %d", sr.Statements, sr.RowCount)
			}
			if got := f.query(t, "SELECT min(v) || '-' || max(v) FROM big"); got != "1-1" {
				t.Errorf("big.v: %s", got)
			}
			if got := f.log(t); !strings.Contains(got, "a/post@17.0.1.0 before@ after@") {
				t.Errorf("run_log: %s", got)
			}
			if got := f.ledger(t); !strings.Contains(got, "post-explode.py:applied") {
				t.Errorf("ledger: %s", got)
			}
			if strings.Join(rep.Committed, ",") != "a" {
				t.Errorf("committed modules: %v", rep.Committed)
			}
		})
	}
}

// One failing bucket fails the script and the run. The commit point's
// work stays: the scripts and the script's own work before it, and the
// buckets that committed, which the report lists with their rows; the
// rest is rolled back.
func TestRunCommitPointBucketFails(t *testing.T) {
	cases := []struct {
		host   string
		jobs   int
		poison int // the row that makes its bucket fail
		point  string
		big    string // rows of big per v afterwards
	}{
		// One connection: bucket 2 fails, bucket 3 never starts.
		{HostExternal, 1, 15000, `explode_execute, 3 buckets on 1 connection, 10000 rows; FAILED bucket 2 (ids 10001-20000): ` +
			`new row for relation "big" violates check constraint "big_v_check"; committed and kept: bucket 1 (ids 1-10000, 10000 rows); 1 not run`,
			"0:19999 1:10000 999:1"},
		// Two connections: buckets 1 and 2 start first and commit, 3 fails.
		{HostEmbedded, 2, 25000, `explode_execute, 3 buckets on 2 connections, 20000 rows; FAILED bucket 3 (ids 20001-30000): ` +
			`new row for relation "big" violates check constraint "big_v_check"; committed and kept: bucket 1 (ids 1-10000, 10000 rows), bucket 2 (ids 10001-20000, 10000 rows)`,
			"0:9999 1:20000 999:1"},
	}
	for _, c := range cases {
		t.Run(c.host, func(t *testing.T) {
			f := setup(t)
			bigTable(t, f, c.poison)
			opts := f.opts
			opts.Host, opts.Jobs = c.host, c.jobs
			rep, err := Run(context.Background(), f.plan(t, tree(t, map[string]string{"a/migrations/1.1/post-explode.py": explodeScript})), opts)
			if err != nil || !rep.Failed {
				t.Fatalf("%v %+v", err, rep)
			}
			sr := rep.Scripts[len(rep.Scripts)-1]
			if sr.Script != "post-explode.py" || sr.Status != Failed || !strings.Contains(sr.Traceback, "psycopg2.errors.CheckViolation: new row") ||
				!strings.Contains(sr.FailedSQL, "UPDATE big SET v = v + 1 WHERE big.id BETWEEN") || len(sr.CommitPoints) != 1 {
				t.Fatalf("script report: %+v", sr)
			}
			if got := sr.CommitPoints[0].String(); got != c.point {
				t.Errorf("commit point:\n got %s\nwant %s", got, c.point)
			}
			if strings.Join(rep.Committed, ",") != "a" || !strings.Contains(rep.Outcome, "earlier commits stay (modules [a])") {
				t.Errorf("committed %v, outcome %s", rep.Committed, rep.Outcome)
			}
			if got := f.query(t, "SELECT string_agg(v || ':' || n, ' ' ORDER BY v) FROM (SELECT v, count(*) n FROM big GROUP BY v) x"); got != c.big {
				t.Errorf("big afterwards: %s, want %s", got, c.big)
			}
			// a's scripts and the script's work before the commit point stay; 'after' does not.
			if got := f.log(t); got != "a/pre@17.0.1.0 a/post@17.0.1.0 before@" {
				t.Errorf("run_log: %s", got)
			}
			// The committed scripts' ledger entries were committed with their work.
			if got := f.ledger(t); got != "pre-a.py:applied post-a.py:applied post-explode.py:failed" {
				t.Errorf("ledger: %s", got)
			}
		})
	}
}

// A dry run refuses the commit point, even when the script catches the
// error, and nothing runs or stays.
func TestRunCommitPointDryRun(t *testing.T) {
	f := setup(t)
	bigTable(t, f, 0)
	opts := f.opts
	opts.DryRun, opts.Host = true, HostEmbedded
	script := `from odoo.upgrade import util

def migrate(cr, version):
    try:
        util.explode_execute(cr, "UPDATE big SET v = v + 1", table="big")
    except Exception as e:
        print("caught", type(e).__name__)
`
	dir := tree(t, map[string]string{"a/migrations/1.1/post-explode.py": script})
	rep, err := Run(context.Background(), f.plan(t, dir), opts)
	if err != nil || !rep.Failed {
		t.Fatalf("%v %+v", err, rep)
	}
	sr := rep.Scripts[len(rep.Scripts)-1]
	want := "post-explode.py: explode_execute would commit the script's transaction (upgrade-util commits before running buckets in parallel); --dry-run cannot allow that"
	if sr.Status != Failed || !strings.HasSuffix(sr.Error, want) || sr.Stdout != "caught ProgrammingError\n" || len(sr.CommitPoints) != 0 {
		t.Errorf("script report: %+v", sr)
	}
	if got := f.query(t, "SELECT max(v)::text FROM big"); got != "0" || f.log(t) != "" || len(rep.Committed) != 0 {
		t.Errorf("changed: max(v) %s, log %q, committed %v", got, f.log(t), rep.Committed)
	}
}

// A commit point in a transaction an earlier error aborted (the script
// swallowed it) would only roll back: the run fails instead of going on
// as if the script's work had been committed.
func TestRunCommitPointAfterAbortedTransaction(t *testing.T) {
	f := setup(t)
	bigTable(t, f, 0)
	opts := f.opts
	opts.Host = HostEmbedded
	script := `from odoo.upgrade import util

def migrate(cr, version):
    cr.execute("INSERT INTO run_log (script) VALUES ('lost')")
    try:
        cr.execute("SELECT 1 / 0")
    except Exception:
        pass
    util.parallel_execute(cr, ["UPDATE big SET v = 1 WHERE id = 1", "UPDATE big SET v = 1 WHERE id = 2"])
`
	rep, err := Run(context.Background(), f.plan(t, tree(t, map[string]string{"a/migrations/1.1/post-explode.py": script})), opts)
	if err != nil || !rep.Failed {
		t.Fatalf("%v %+v", err, rep)
	}
	sr := rep.Scripts[len(rep.Scripts)-1]
	if sr.Status != Failed || !strings.Contains(sr.Traceback, "InternalError") ||
		!strings.Contains(sr.Traceback, "parallel_execute: the transaction was aborted by an earlier error, so its COMMIT rolled it back") {
		t.Errorf("script report: %+v", sr)
	}
	if got := f.query(t, "SELECT max(v)::text FROM big"); got != "0" || f.log(t) != "" {
		t.Errorf("changed: max(v) %s, log %q", got, f.log(t))
	}
}
