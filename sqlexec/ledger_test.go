package sqlexec

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/migrate-runner/migrate-runner/internal/pgtest"
)

func TestLedger(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.DB(t)
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if sums, err := AppliedChecksums(ctx, conn); err != nil || len(sums) != 0 {
		t.Fatalf("no table yet: %v %v", sums, err)
	}
	entry := func(run, script, sum, status string, at time.Time) Entry {
		return Entry{RunID: run, Module: "m", Version: "1.1", Phase: "pre", Script: script, Path: "/x/" + script,
			SHA256: sum, StartedAt: at, Duration: 1500 * time.Microsecond, Statements: 2, RowCount: 7, Status: status}
	}
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

	// A rolled-back run leaves nothing: the ledger is written in its transaction.
	tx, err := conn.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := EnsureLedger(ctx, tx); err != nil {
		t.Fatal(err)
	}
	if err := Record(ctx, tx, entry("r0", "pre-a.py", "aaa", Applied, t0)); err != nil {
		t.Fatal(err)
	}
	if err := tx.Rollback(ctx); err != nil {
		t.Fatal(err)
	}
	if sums, _ := AppliedChecksums(ctx, conn); len(sums) != 0 {
		t.Fatalf("rolled back run left %v", sums)
	}

	// A committed run, then a later one with an edited script; a failure
	// recorded on a separate connection does not count as applied.
	tx, _ = conn.Begin(ctx)
	for _, e := range []Entry{entry("r1", "pre-a.py", "aaa", Applied, t0), entry("r1", "pre-b.py", "bbb", Applied, t0)} {
		if err := EnsureLedger(ctx, tx); err != nil {
			t.Fatal(err)
		}
		if err := Record(ctx, tx, e); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	if err := Record(ctx, conn, entry("r2", "pre-a.py", "a2", Applied, t0.Add(time.Hour))); err != nil {
		t.Fatal(err)
	}
	failed := entry("r3", "pre-b.py", "b3", Failed, t0.Add(2*time.Hour))
	failed.Error = "ZeroDivisionError: division by zero"
	other, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	if err := Record(ctx, other, failed); err != nil {
		t.Fatal(err)
	}
	other.Close(ctx)
	sums, err := AppliedChecksums(ctx, conn)
	if err != nil {
		t.Fatal(err)
	}
	if sums[ScriptKey{"m", "1.1", "pre", "pre-a.py"}] != "a2" || sums[ScriptKey{"m", "1.1", "pre", "pre-b.py"}] != "bbb" || len(sums) != 2 {
		t.Errorf("checksums: %v", sums)
	}
	var errText string
	if err := conn.QueryRow(ctx, "SELECT error FROM "+LedgerTable+" WHERE status = 'failed'").Scan(&errText); err != nil || errText != failed.Error {
		t.Errorf("failed attempt: %q %v", errText, err)
	}
	hist, err := History(ctx, conn, 2)
	if err != nil || len(hist) != 2 || hist[0].RunID != "r3" || hist[0].Status != Failed || hist[0].Error != failed.Error ||
		hist[1].RunID != "r2" || hist[1].Duration != 1500*time.Microsecond || hist[1].RowCount != 7 {
		t.Errorf("history: %+v %v", hist, err)
	}
	if all, _ := History(ctx, conn, 0); len(all) != 4 {
		t.Errorf("whole history: %d entries", len(all))
	}
}

func TestFileSHA256(t *testing.T) {
	p := filepath.Join(t.TempDir(), "pre-a.py")
	if err := os.WriteFile(p, []byte("def migrate(cr, version):\n    pass\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	sum, err := FileSHA256(p)
	if err != nil || sum != "f643d78653df356e388e33d11e5b8107e88acec1db30581defbf70dcef948a2e" {
		t.Fatalf("%q %v", sum, err)
	}
	if _, err := FileSHA256(p + ".missing"); err == nil {
		t.Error("missing file")
	}
}
