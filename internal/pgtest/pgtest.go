// Package pgtest gives each test its own database on the real PostgreSQL
// server (127.0.0.1:5432, user postgres, or MIGRATE_RUNNER_TEST_DSN),
// created from template0 and dropped when the test ends. It owns test
// plumbing only; tests never talk to a mock of PostgreSQL.
package pgtest

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// AdminDSN is the maintenance connection used to create and drop test
// databases.
func AdminDSN() string {
	if dsn := os.Getenv("MIGRATE_RUNNER_TEST_DSN"); dsn != "" {
		return dsn
	}
	return "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"
}

// DB creates a fresh database for t and returns its connection string.
// It fails the test when the server cannot be reached: .ci/run starts it.
func DB(t testing.TB) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	admin, err := pgx.Connect(ctx, AdminDSN())
	if err != nil {
		t.Fatalf("pgtest: connect to %s: %v (is PostgreSQL running? .ci/run starts it)", AdminDSN(), err)
	}
	defer admin.Close(ctx)
	return create(t, admin, "template0")
}

// create makes a database from template for t, dropped at cleanup.
func create(t testing.TB, admin *pgx.Conn, template string) string {
	t.Helper()
	suffix := make([]byte, 6)
	_, _ = rand.Read(suffix)
	name := "mrtest_" + hex.EncodeToString(suffix)
	if _, err := admin.Exec(context.Background(), "CREATE DATABASE "+name+" TEMPLATE "+template); err != nil {
		t.Fatalf("pgtest: create database %s: %v", name, err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		admin, err := pgx.Connect(ctx, AdminDSN())
		if err != nil {
			t.Errorf("pgtest: drop %s: %v", name, err)
			return
		}
		defer admin.Close(ctx)
		if _, err := admin.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Errorf("pgtest: drop %s: %v", name, err)
		}
	})
	return withDatabase(AdminDSN(), name)
}

// withDatabase points a URL or key=value connection string at name.
func withDatabase(dsn, name string) string {
	if u, err := url.Parse(dsn); err == nil && (u.Scheme == "postgres" || u.Scheme == "postgresql") {
		u.Path = "/" + name
		return u.String()
	}
	return dsn + " dbname=" + name // a later key wins in libpq syntax
}

// Conn opens a connection to a fresh database and closes it at cleanup.
func Conn(t testing.TB) *pgx.Conn {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, DB(t))
	if err != nil {
		t.Fatalf("pgtest: connect: %v", err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

// DBFrom creates a fresh database for t holding schema (SQL text, run
// once per distinct text into a template database named by its hash,
// then copied with CREATE DATABASE … TEMPLATE, about 20 ms a copy).
// The templates stay on the server between runs: they are keyed by
// content, so a changed fixture gets a new one.
func DBFrom(t testing.TB, schema string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	sum := sha256.Sum256([]byte(schema))
	tpl := "mrtpl_" + hex.EncodeToString(sum[:8])
	admin, err := pgx.Connect(ctx, AdminDSN())
	if err != nil {
		t.Fatalf("pgtest: connect to %s: %v (is PostgreSQL running? .ci/run starts it)", AdminDSN(), err)
	}
	defer admin.Close(ctx)
	if err := ensureTemplate(ctx, admin, tpl, schema); err != nil {
		t.Fatalf("pgtest: fixture template %s: %v", tpl, err)
	}
	return create(t, admin, tpl)
}

// ensureTemplate loads schema into a scratch database and renames it to
// tpl, so that a concurrent test process never copies a half-loaded one.
func ensureTemplate(ctx context.Context, admin *pgx.Conn, tpl, schema string) error {
	var exists bool
	if err := admin.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", tpl).Scan(&exists); err != nil || exists {
		return err
	}
	suffix := make([]byte, 4)
	_, _ = rand.Read(suffix)
	scratch := tpl + "_load_" + hex.EncodeToString(suffix)
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+scratch+" TEMPLATE template0"); err != nil {
		return err
	}
	drop := func() { _, _ = admin.Exec(context.Background(), "DROP DATABASE IF EXISTS "+scratch+" WITH (FORCE)") }
	conn, err := pgx.Connect(ctx, withDatabase(AdminDSN(), scratch))
	if err != nil {
		drop()
		return err
	}
	_, err = conn.Exec(ctx, schema) // simple protocol: many statements at once
	conn.Close(ctx)
	if err != nil {
		drop()
		return fmt.Errorf("load schema: %w", err)
	}
	if _, err := admin.Exec(ctx, "ALTER DATABASE "+scratch+" RENAME TO "+tpl); err != nil {
		drop() // another process won the race: its template is as good
		var again bool
		if qerr := admin.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", tpl).Scan(&again); qerr == nil && again {
			return nil
		}
		return err
	}
	return nil
}

// WaitForBackend waits until the server's backend pid is in state
// ("active", "idle in transaction", …) with a last statement containing
// text, or, with state "", until the backend is gone. Tests use it to act
// at a given point of a statement's life without depending on how long
// anything takes. It returns an error rather than failing t, so that a
// test's helper goroutine may call it; it gives up after 30 seconds.
func WaitForBackend(pid uint32, state, text string) error {
	ctx := context.Background()
	admin, err := pgx.Connect(ctx, AdminDSN())
	if err != nil {
		return fmt.Errorf("pgtest: %w", err)
	}
	defer admin.Close(ctx)
	q, args, want := "SELECT count(*) FROM pg_stat_activity WHERE pid = $1 AND state = $2 AND query LIKE '%' || $3 || '%'",
		[]any{int64(pid), state, text}, 1
	if state == "" {
		q, args, want = "SELECT count(*) FROM pg_stat_activity WHERE pid = $1", args[:1], 0
	}
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		var n int
		if err := admin.QueryRow(ctx, q, args...).Scan(&n); err != nil {
			return fmt.Errorf("pgtest: %w", err)
		}
		if n == want {
			return nil
		}
	}
	if state == "" {
		return fmt.Errorf("pgtest: backend %d is still there", pid)
	}
	return fmt.Errorf("pgtest: backend %d never was %s with %q", pid, state, text)
}
