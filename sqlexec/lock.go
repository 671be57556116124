package sqlexec

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// lockKey is the advisory lock key of migrate-runner ("mrunner" in
// ASCII). Advisory locks are scoped to one database, so one key gives one
// lock per database.
const lockKey int64 = 0x006d72756e6e6572

// Lock is the per-database run lock: a session-level advisory lock held on
// its own connection. The run's work happens on another connection, so a
// script's CREATE INDEX CONCURRENTLY, which waits for every transaction
// that could see the table, never waits on the lock holder's transaction:
// there is none, the lock is taken outside any transaction.
type Lock struct {
	conn *pgx.Conn
}

// LockBusyError says who holds the lock when the wait ran out.
type LockBusyError struct {
	Database string
	PID      int32
	AppName  string
	Waited   time.Duration
}

func (e *LockBusyError) Error() string {
	holder := "another session"
	if e.PID != 0 {
		holder = fmt.Sprintf("pid %d (application_name %q)", e.PID, e.AppName)
	}
	return fmt.Sprintf("database %s is locked by %s: another migrate-runner run is in progress; gave up after %s",
		e.Database, holder, e.Waited.Round(time.Millisecond))
}

// AcquireLock takes the lock, polling with pg_try_advisory_lock every
// poll until timeout (0: try once). It never blocks inside PostgreSQL, so
// a cancelled context or a timeout always returns promptly.
func AcquireLock(ctx context.Context, cfg *pgx.ConnConfig, timeout, poll time.Duration) (*Lock, error) {
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("lock: connect: %w", err)
	}
	start := time.Now()
	for {
		var ok bool
		if err := conn.QueryRow(ctx, "SELECT pg_try_advisory_lock($1)", lockKey).Scan(&ok); err != nil {
			conn.Close(context.Background())
			return nil, fmt.Errorf("lock: %w", err)
		}
		if ok {
			return &Lock{conn: conn}, nil
		}
		waited := time.Since(start)
		if waited >= timeout {
			busy := &LockBusyError{Database: cfg.Database, Waited: waited}
			busy.PID, busy.AppName = lockHolder(ctx, conn)
			conn.Close(context.Background())
			return nil, busy
		}
		select {
		case <-ctx.Done():
			conn.Close(context.Background())
			return nil, fmt.Errorf("lock: %w", ctx.Err())
		case <-time.After(min(poll, timeout-waited)):
		}
	}
}

// lockHolder names the session holding the lock, if it can be seen.
func lockHolder(ctx context.Context, conn *pgx.Conn) (int32, string) {
	var pid int32
	var app string
	err := conn.QueryRow(ctx, `SELECT a.pid, a.application_name
		FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
		WHERE l.locktype = 'advisory' AND l.granted
		  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
		  AND l.classid = $1 AND l.objid = $2 AND l.objsubid = 1`,
		uint32(lockKey>>32), uint32(lockKey&0xffffffff)).Scan(&pid, &app)
	if err != nil {
		return 0, ""
	}
	return pid, app
}

// Release gives the lock back and closes its connection.
func (l *Lock) Release(ctx context.Context) error {
	if l == nil || l.conn == nil {
		return nil
	}
	defer func() { l.conn = nil }()
	_, err := l.conn.Exec(ctx, "SELECT pg_advisory_unlock($1)", lockKey)
	return errors.Join(err, l.conn.Close(ctx))
}
