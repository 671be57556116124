package sqlexec

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// Querier is what the ledger needs: a connection or a transaction.
type Querier interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}

// Ledger statuses.
const (
	Applied = "applied"
	Failed  = "failed"
)

// LedgerTable is the history table kept in the migrated database.
const LedgerTable = "migrate_runner_history"

// Entry is one script attempt in the ledger.
type Entry struct {
	RunID      string        `json:"run_id"`
	Module     string        `json:"module"`
	Version    string        `json:"version"` // folder name as on disk
	Phase      string        `json:"phase"`
	Script     string        `json:"script"` // basename
	Path       string        `json:"path"`
	SHA256     string        `json:"sha256"`
	StartedAt  time.Time     `json:"started_at"`
	Duration   time.Duration `json:"duration_ns"`
	Statements int           `json:"statements"`
	RowCount   int64         `json:"rowcount"`
	Status     string        `json:"status"` // Applied or Failed
	Error      string        `json:"error,omitempty"`
}

// EnsureLedger creates the ledger table if needed. Called inside the
// run's transaction, so a rolled-back run leaves no table behind either.
func EnsureLedger(ctx context.Context, q Querier) error {
	_, err := q.Exec(ctx, `CREATE TABLE IF NOT EXISTS `+LedgerTable+` (
		id          bigserial PRIMARY KEY,
		run_id      text NOT NULL,
		module      text NOT NULL,
		version     text NOT NULL,
		phase       text NOT NULL,
		script      text NOT NULL,
		path        text NOT NULL,
		sha256      text NOT NULL,
		started_at  timestamptz NOT NULL,
		duration_ms double precision NOT NULL,
		statements  integer NOT NULL,
		rowcount    bigint NOT NULL,
		status      text NOT NULL CHECK (status IN ('applied', 'failed')),
		error       text
	)`)
	if err != nil {
		return fmt.Errorf("ledger: %w", err)
	}
	return nil
}

// Record writes one attempt. Applied scripts are recorded in the run's
// transaction (they vanish with a rollback); failures are recorded
// afterwards on a separate connection, so that they survive it.
func Record(ctx context.Context, q Querier, e Entry) error {
	_, err := q.Exec(ctx, recordSQL, e.args()...)
	if err != nil {
		return fmt.Errorf("ledger: record %s/%s/%s: %w", e.Module, e.Version, e.Script, err)
	}
	return nil
}

const recordSQL = `INSERT INTO ` + LedgerTable + ` (run_id, module, version, phase, script, path, sha256,
		started_at, duration_ms, statements, rowcount, status, error)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`

func (e *Entry) args() []any {
	var errText *string
	if e.Error != "" {
		errText = &e.Error
	}
	return []any{e.RunID, e.Module, e.Version, e.Phase, e.Script, e.Path, e.SHA256,
		e.StartedAt, float64(e.Duration.Microseconds()) / 1000, e.Statements, e.RowCount, e.Status, errText}
}

// RecordAndRelease records an applied script (e may be nil) and
// releases its savepoint (sp may be ""), pipelined in one round trip: a
// run pays it once per script, so on a slow link it is most of the
// per-script overhead. The ledger row is written inside the savepoint,
// which keeps it.
func RecordAndRelease(ctx context.Context, conn *pgx.Conn, e *Entry, sp string) error {
	b := &pgx.Batch{}
	if e != nil {
		b.Queue(recordSQL, e.args()...)
	}
	if sp != "" {
		b.Queue(`RELEASE SAVEPOINT "` + sp + `"`)
	}
	if b.Len() == 0 {
		return nil
	}
	if err := conn.SendBatch(ctx, b).Close(); err != nil {
		if e != nil {
			return fmt.Errorf("ledger: record %s/%s/%s: %w", e.Module, e.Version, e.Script, err)
		}
		return err
	}
	return nil
}

// ScriptKey identifies a script across runs.
type ScriptKey struct{ Module, Version, Phase, Script string }

// AppliedChecksums returns the checksum of the latest successful run of
// every script the ledger knows; none when the table does not exist.
func AppliedChecksums(ctx context.Context, q Querier) (map[ScriptKey]string, error) {
	out := map[ScriptKey]string{}
	rows, err := q.Query(ctx, `SELECT to_regclass($1) IS NOT NULL`, LedgerTable)
	if err != nil {
		return nil, fmt.Errorf("ledger: %w", err)
	}
	exists, err := pgx.CollectExactlyOneRow(rows, pgx.RowTo[bool])
	if err != nil || !exists {
		return out, err
	}
	rows, err = q.Query(ctx, `SELECT DISTINCT ON (module, version, phase, script) module, version, phase, script, sha256
		FROM `+LedgerTable+` WHERE status = 'applied'
		ORDER BY module, version, phase, script, started_at DESC, id DESC`)
	if err != nil {
		return nil, fmt.Errorf("ledger: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var k ScriptKey
		var sum string
		if err := rows.Scan(&k.Module, &k.Version, &k.Phase, &k.Script, &sum); err != nil {
			return nil, fmt.Errorf("ledger: %w", err)
		}
		out[k] = sum
	}
	return out, rows.Err()
}

// FileSHA256 is the hex SHA-256 of a script file.
func FileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// History returns the latest ledger entries, newest first (none when the
// table does not exist). limit <= 0 means all.
func History(ctx context.Context, q Querier, limit int) ([]Entry, error) {
	rows, err := q.Query(ctx, `SELECT to_regclass($1) IS NOT NULL`, LedgerTable)
	if err != nil {
		return nil, fmt.Errorf("ledger: %w", err)
	}
	exists, err := pgx.CollectExactlyOneRow(rows, pgx.RowTo[bool])
	if err != nil || !exists {
		return nil, err
	}
	sql := `SELECT run_id, module, version, phase, script, path, sha256, started_at, duration_ms,
		statements, rowcount, status, coalesce(error, '') FROM ` + LedgerTable + ` ORDER BY started_at DESC, id DESC`
	if limit > 0 {
		sql += fmt.Sprintf(" LIMIT %d", limit)
	}
	rows, err = q.Query(ctx, sql)
	if err != nil {
		return nil, fmt.Errorf("ledger: %w", err)
	}
	defer rows.Close()
	var out []Entry
	for rows.Next() {
		var e Entry
		var ms float64
		if err := rows.Scan(&e.RunID, &e.Module, &e.Version, &e.Phase, &e.Script, &e.Path, &e.SHA256,
			&e.StartedAt, &ms, &e.Statements, &e.RowCount, &e.Status, &e.Error); err != nil {
			return nil, fmt.Errorf("ledger: %w", err)
		}
		e.Duration = time.Duration(ms * float64(time.Millisecond))
		out = append(out, e)
	}
	return out, rows.Err()
}
