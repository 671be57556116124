package sqlexec

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/migrate-runner/migrate-runner/internal/pgtest"
)

func TestLockIsExclusivePerDatabase(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.DB(t)
	holderCfg, _ := pgx.ParseConfig(dsn)
	holderCfg.RuntimeParams["application_name"] = "first-runner"
	first, err := AcquireLock(ctx, holderCfg, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	cfg, _ := pgx.ParseConfig(dsn)
	_, err = AcquireLock(ctx, cfg, 150*time.Millisecond, 50*time.Millisecond)
	var busy *LockBusyError
	if !errors.As(err, &busy) || busy.PID == 0 || busy.AppName != "first-runner" ||
		!strings.Contains(err.Error(), `application_name "first-runner"`) || busy.Waited < 150*time.Millisecond {
		t.Fatalf("second runner: %v", err)
	}
	// Another database is not affected.
	otherCfg, _ := pgx.ParseConfig(pgtest.DB(t))
	other, err := AcquireLock(ctx, otherCfg, 0, 0)
	if err != nil {
		t.Fatalf("other database: %v", err)
	}
	_ = other.Release(ctx)
	// Once released, the next runner gets it.
	if err := first.Release(ctx); err != nil {
		t.Fatal(err)
	}
	second, err := AcquireLock(ctx, cfg, 0, 0)
	if err != nil {
		t.Fatalf("after release: %v", err)
	}
	_ = second.Release(ctx)
}

// Two runners race for one database: exactly one proceeds.
func TestLockRace(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.DB(t)
	var wg sync.WaitGroup
	var mu sync.Mutex
	got, busy := 0, 0
	held := make(chan struct{})
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cfg, _ := pgx.ParseConfig(dsn)
			l, err := AcquireLock(ctx, cfg, 200*time.Millisecond, 20*time.Millisecond)
			mu.Lock()
			defer mu.Unlock()
			var be *LockBusyError
			switch {
			case err == nil:
				got++
				go func() { <-held; _ = l.Release(ctx) }() // hold until both have tried
			case errors.As(err, &be):
				busy++
			default:
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	close(held)
	if got != 1 || busy != 1 {
		t.Errorf("%d got the lock, %d were refused", got, busy)
	}
}

func TestLockHonoursContext(t *testing.T) {
	dsn := pgtest.DB(t)
	cfg, _ := pgx.ParseConfig(dsn)
	first, err := AcquireLock(context.Background(), cfg, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer first.Release(context.Background())
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	cfg2, _ := pgx.ParseConfig(dsn)
	if _, err := AcquireLock(ctx, cfg2, time.Hour, time.Second); err == nil {
		t.Error("a cancelled context must stop the wait")
	}
}
