package parallel

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/migrate-runner/migrate-runner/odoolib"
	"github.com/migrate-runner/migrate-runner/sqlexec"
)

// query is one query of parallel_execute: its text, the parameters of an
// Odoo SQL object, and what it covers, for the report.
type query struct {
	text   string
	params *sqlexec.Value
	label  string
}

// How a bucket ended.
const (
	notRun = iota
	committed
	retry // a deadlock or serialization failure: run again serially
	failed
)

type outcome struct {
	state int
	rows  int64
	err   error
}

// execute is upgrade-util's threaded parallel_execute (semantics §11):
// no query gives None; one runs on the script's cursor, in its
// transaction; more commit the script's transaction first, then run on
// up to env.Jobs connections of their own, each query in a transaction
// committed when it succeeds. Queries that hit a deadlock or a
// serialization failure run again, one by one, on the script's cursor,
// which is then committed again. Any other failure fails the script with
// that query's error; the queries already committed stay committed, as in
// Odoo, and the commit point says which. Unlike Odoo's thread pool, no
// query starts once one has failed.
func execute(ctx context.Context, env odoolib.Env, call string, qs []query) (sqlexec.Value, error) {
	switch len(qs) {
	case 0:
		return none, nil
	case 1:
		if err := env.Cursor.Execute(ctx, qs[0].text, qs[0].params); err != nil {
			return none, err
		}
		return sqlexec.IntValue(env.Cursor.RowCount()), nil
	}
	if env.Commit == nil || env.Connect == nil {
		return none, odoolib.PyErr("ProgrammingError", "%s: %s would commit the script's transaction (upgrade-util commits "+
			"before running buckets in parallel); this cursor cannot commit mid-script", env.Script, call)
	}
	jobs := env.Jobs
	if jobs <= 0 {
		jobs = runtime.NumCPU()
	}
	jobs = min(jobs, len(qs))
	// Connect before committing: a database that refuses more
	// connections then fails the call with nothing committed.
	conns, err := connect(ctx, env, jobs)
	if err != nil {
		return none, fmt.Errorf("%s: %d connections for %d buckets: %w", call, jobs, len(qs), err)
	}
	defer closeAll(conns)
	if err := env.Commit(ctx, call); err != nil {
		return none, err
	}
	started := time.Now()
	res := runBuckets(ctx, conns, qs)

	p := odoolib.CommitPoint{Call: call, Buckets: len(qs), Connections: jobs, Committed: []odoolib.Bucket{}}
	var firstErr error
	var retries []int
	for i, r := range res {
		b := odoolib.Bucket{Index: i + 1, Label: qs[i].label, RowCount: r.rows}
		switch r.state {
		case committed:
			p.Committed = append(p.Committed, b)
			p.RowCount += r.rows
		case retry:
			retries = append(retries, i)
		case failed:
			b.Error = errText(r.err)
			p.Failed = append(p.Failed, b)
			if firstErr == nil {
				firstErr = r.err
				env.Cursor.Query = qs[i].text // the statement that raised, for the report and the bad-query log
			}
		default:
			p.NotRun++
		}
	}
	report := func() {
		slog.Debug("commit point", "script", env.Script, "point", p.String(), "elapsed", time.Since(started))
		if env.CommitPoint != nil {
			env.CommitPoint(p)
		}
	}
	if firstErr != nil {
		p.NotRun += len(retries) // they would have been retried after the others
		report()
		return none, firstErr
	}
	if len(retries) > 0 {
		slog.Warn("serializing queries that failed due to concurrency issues", "script", env.Script, "call", call, "queries", len(retries))
	}
	for _, i := range retries {
		b := odoolib.Bucket{Index: i + 1, Label: qs[i].label}
		if err := env.Cursor.Execute(ctx, qs[i].text, qs[i].params); err != nil {
			b.Error = errText(err)
			p.Failed = append(p.Failed, b)
			report()
			return none, err
		}
		b.RowCount = env.Cursor.RowCount()
		p.Retried = append(p.Retried, b)
		p.RowCount += b.RowCount
	}
	if len(retries) > 0 {
		if err := env.Commit(ctx, call); err != nil {
			report()
			return none, err
		}
	}
	report()
	return sqlexec.IntValue(p.RowCount), nil
}

// connect opens n connections at once.
func connect(ctx context.Context, env odoolib.Env, n int) ([]*pgconn.PgConn, error) {
	conns := make([]*pgconn.PgConn, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			conns[i], errs[i] = env.Connect(ctx)
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		closeAll(conns)
		return nil, err
	}
	return conns, nil
}

func closeAll(conns []*pgconn.PgConn) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	for _, c := range conns {
		if c != nil {
			_ = c.Close(ctx)
		}
	}
}

// runBuckets runs the queries in order of index, one worker per
// connection, each query in a REPEATABLE READ transaction of its own (as
// an Odoo cursor opens it). A worker whose connection fails to roll back
// stops; the others go on. Once a query failed, no other starts.
func runBuckets(ctx context.Context, conns []*pgconn.PgConn, qs []query) []outcome {
	res := make([]outcome, len(qs))
	var next atomic.Int64
	var stop atomic.Bool
	var wg sync.WaitGroup
	for _, conn := range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cr := sqlexec.NewCursor(conn)
			for !stop.Load() && ctx.Err() == nil {
				i := int(next.Add(1) - 1)
				if i >= len(qs) {
					return
				}
				r, usable := runOne(ctx, cr, qs[i])
				res[i] = r
				if r.state == failed {
					stop.Store(true)
				}
				if !usable {
					return
				}
			}
		}()
	}
	wg.Wait()
	return res
}

// runOne runs q in a transaction of its own on cr. usable is false when
// the connection could not be brought back to a clean state.
func runOne(ctx context.Context, cr *sqlexec.Cursor, q query) (outcome, bool) {
	err := cr.Begin(ctx)
	if err == nil {
		err = cr.Execute(ctx, q.text, q.params)
	}
	var rows int64
	if err == nil {
		rows = cr.RowCount()
		err = cr.Commit(ctx)
	}
	if err == nil {
		return outcome{state: committed, rows: rows}, true
	}
	usable := cr.Rollback(context.WithoutCancel(ctx)) == nil
	var dbe *sqlexec.DBError
	if errors.As(err, &dbe) && (dbe.Code == "40P01" || dbe.Code == "40001") { // deadlock_detected, serialization_failure
		return outcome{state: retry, err: err}, usable
	}
	return outcome{state: failed, err: err}, usable
}

// errText is an error's first line, without psycopg2's "ERROR:  " prefix.
func errText(err error) string {
	var dbe *sqlexec.DBError
	if errors.As(err, &dbe) && dbe.Err != nil {
		return dbe.Err.Message
	}
	return err.Error()
}
