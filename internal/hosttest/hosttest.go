// Package hosttest runs Python migration code through both script hosts
// against real PostgreSQL, for the tests of packages whose behaviour a
// script reaches through a host (odoolib's helper libraries, above all):
// every such test is a host-parity test.
//
// It owns test plumbing only. A test binary that uses it must let itself
// serve as the embedded host's worker:
//
//	func TestMain(m *testing.M) {
//		if embedded.IsWorker() {
//			os.Exit(embedded.Main())
//		}
//		os.Exit(m.Run())
//	}
package hosttest

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/migrate-runner/migrate-runner/internal/pgtest"
	"github.com/migrate-runner/migrate-runner/pyhost"
	"github.com/migrate-runner/migrate-runner/pyhost/embedded"
	"github.com/migrate-runner/migrate-runner/sqlexec"
)

// OdooSchema is the path of the minimal Odoo-shaped schema fixture
// (ir_model, ir_model_fields, ir_model_data, ir_ui_view, …).
func OdooSchema() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "testdata", "odoo", "schema.sql")
}

// Hosts starts the embedded host and, when python3 is there, the
// external one, by name. Without python3 the test checks the embedded
// host against its wanted output only, and says so.
func Hosts(t testing.TB) map[string]*pyhost.External { return HostsFor(t, "") }

// HostsFor is Hosts with the external host on interpreter python (""
// for python3 on PATH).
func HostsFor(t testing.TB, python string) map[string]*pyhost.External {
	t.Helper()
	ctx := context.Background()
	emb, err := pyhost.StartEmbedded(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { emb.Close() })
	hosts := map[string]*pyhost.External{"embedded": emb}
	python, err = pyhost.ResolvePython(ctx, python)
	if err != nil {
		t.Logf("no python3 (%v): only the embedded host runs", err)
		return hosts
	}
	ext, err := pyhost.StartExternal(ctx, python)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ext.Close() })
	hosts["external"] = ext
	return hosts
}

var (
	schemaMu    sync.Mutex
	schemaCache = map[string]string{}
)

// Cursor opens a fresh database holding the given schema files (none: an
// empty database) and returns a cursor in a transaction on it, with the
// connection, closed with the test.
func Cursor(t testing.TB, schemaFiles ...string) (*sqlexec.Cursor, *pgx.Conn) {
	t.Helper()
	var sql strings.Builder
	for _, f := range schemaFiles {
		schemaMu.Lock()
		text, ok := schemaCache[f]
		if !ok {
			b, err := os.ReadFile(f)
			if err != nil {
				schemaMu.Unlock()
				t.Fatal(err)
			}
			text = string(b)
			schemaCache[f] = text
		}
		schemaMu.Unlock()
		sql.WriteString(text + "\n")
	}
	dsn := pgtest.DBFrom(t, sql.String())
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	cr := sqlexec.NewCursor(conn.PgConn())
	if err := cr.Begin(ctx); err != nil {
		t.Fatal(err)
	}
	return cr, conn
}

// Run runs src, a script defining migrate(cr, version), through h on cr
// as a post- script of series major with version "16.0.1.0".
func Run(t testing.TB, h *pyhost.External, cr *sqlexec.Cursor, major int, src string) *pyhost.Outcome {
	t.Helper()
	path := filepath.Join(t.TempDir(), "post-test.py")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := h.Run(context.Background(), cr, pyhost.Script{Path: path, Version: "16.0.1.0", Major: major})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// Result is what one host did with a script.
type Result struct {
	Outcome *pyhost.Outcome
	State   string // State of the database afterwards ("" if the script failed)
}

// Parity runs src through every host, each on a fresh database holding
// schemaFiles, and fails t when the hosts differ in status, output,
// error or the database they leave. It returns the embedded host's
// result, which the caller checks against what it wants.
func Parity(t testing.TB, hosts map[string]*pyhost.External, major int, src string, schemaFiles ...string) Result {
	t.Helper()
	results := map[string]Result{}
	for name, h := range hosts {
		cr, _ := Cursor(t, schemaFiles...)
		out := Run(t, h, cr, major, src)
		r := Result{Outcome: out}
		if out.Status == "ok" {
			r.State = State(t, cr)
		}
		results[name] = r
	}
	emb := results["embedded"]
	if ext, ok := results["external"]; ok {
		if ext.Outcome.Status != emb.Outcome.Status || ext.Outcome.Stdout != emb.Outcome.Stdout {
			t.Errorf("hosts differ:\nembedded %s, printed:\n%s%s\nexternal %s, printed:\n%s%s",
				emb.Outcome.Status, emb.Outcome.Stdout, emb.Outcome.Traceback, ext.Outcome.Status, ext.Outcome.Stdout, ext.Outcome.Traceback)
		}
		if lastLine(ext.Outcome.Traceback) != lastLine(emb.Outcome.Traceback) {
			t.Errorf("hosts raise differently:\nembedded: %s\nexternal: %s", lastLine(emb.Outcome.Traceback), lastLine(ext.Outcome.Traceback))
		}
		if ext.State != emb.State {
			t.Errorf("hosts left different databases:\nembedded:\n%s\nexternal:\n%s", emb.State, ext.State)
		}
	}
	return emb
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

// State describes the public schema and its data: every relation with
// its columns, types and NOT NULLs, every table's rows (as JSON, sorted),
// the constraints and the indexes. Two databases with equal States hold
// the same data.
func State(t testing.TB, cr *sqlexec.Cursor) string {
	t.Helper()
	var b strings.Builder
	rels := Query(t, cr, `
        SELECT c.relname, c.relkind, string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
                                                || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END, ', ' ORDER BY a.attnum)
          FROM pg_class c
          JOIN pg_namespace n ON n.oid = c.relnamespace
          JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
         WHERE n.nspname = 'public' AND c.relkind IN ('r', 'v', 'm', 'p')
      GROUP BY 1, 2 ORDER BY 1`)
	for _, r := range rels {
		b.WriteString(r[0].Text + " (" + r[1].Text + "): " + r[2].Text + "\n")
		if r[1].Text != "r" {
			continue
		}
		data := Query(t, cr, `SELECT coalesce(json_agg(x ORDER BY x::text)::text, '[]') FROM `+sqlexec.QuoteIdent(r[0].Text)+` x`)
		b.WriteString("  " + data[0][0].Text + "\n")
	}
	cons := Query(t, cr, `
        SELECT coalesce(string_agg(c.conrelid::regclass || '.' || c.conname || ' ' || pg_get_constraintdef(c.oid), E'\n'
                                   ORDER BY c.conrelid::regclass::text, c.conname), '')
          FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
         WHERE n.nspname = 'public'`)
	b.WriteString("constraints:\n" + cons[0][0].Text + "\n")
	idx := Query(t, cr, `SELECT coalesce(string_agg(indexdef, E'\n' ORDER BY indexname), '') FROM pg_indexes WHERE schemaname = 'public'`)
	b.WriteString("indexes:\n" + idx[0][0].Text + "\n")
	return b.String()
}

// Query runs q on cr and returns its rows, failing t on an error.
func Query(t testing.TB, cr *sqlexec.Cursor, q string, params ...sqlexec.Value) [][]sqlexec.Value {
	t.Helper()
	var p *sqlexec.Value
	if len(params) > 0 {
		tv := sqlexec.TupleValue(params...)
		p = &tv
	}
	if err := cr.Execute(context.Background(), q, p); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	rows, err := cr.FetchAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// Main is the TestMain of a package whose tests run scripts through the
// embedded host: the test binary serves as the host's worker when
// re-executed as one, as migrate-runner's own binary does.
func Main(m *testing.M) {
	if embedded.IsWorker() {
		os.Exit(embedded.Main())
	}
	os.Exit(m.Run())
}

// Expect is Parity for a script that must run to its end and print want.
func Expect(t testing.TB, hosts map[string]*pyhost.External, major int, src, want string, schemaFiles ...string) Result {
	t.Helper()
	r := Parity(t, hosts, major, src, schemaFiles...)
	if r.Outcome.Status != "ok" {
		t.Fatalf("%s\n%s", r.Outcome.Status, r.Outcome.Traceback)
	}
	if r.Outcome.Stdout != want {
		t.Errorf("printed:\n%s\nwant:\n%s", r.Outcome.Stdout, want)
	}
	return r
}
