package runner

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/migrate-runner/migrate-runner/discover"
	"github.com/migrate-runner/migrate-runner/internal/pgtest"
	"github.com/migrate-runner/migrate-runner/internal/testtree"
	"github.com/migrate-runner/migrate-runner/phases"
	"github.com/migrate-runner/migrate-runner/pyhost"
	"github.com/migrate-runner/migrate-runner/sqlexec"
)

// tree writes two modules; every script appends its name to run_log, so
// the order Odoo would use is checked in the database itself.
func tree(t *testing.T, extra map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	logScript := func(name string) string {
		return "def migrate(cr, version):\n    cr.execute('INSERT INTO run_log (script, version) VALUES (%s, %s)', ('" + name + "', version))\n"
	}
	files := map[string]string{
		"a/__manifest__.py":                    `{"version": "17.0.1.1", "depends": ["base"]}`,
		"a/migrations/1.1/pre-a.py":            logScript("a/pre"),
		"a/migrations/1.1/post-a.py":           logScript("a/post"),
		"a/migrations/1.1/end-a.py":            logScript("a/end"),
		"b/__manifest__.py":                    `{"version": "17.0.2.0", "depends": ["a"]}`,
		"b/migrations/2.0/pre-b.py":            logScript("b/pre"),
		"b/migrations/2.0/post-b.py":           logScript("b/post"),
		"b/migrations/0.0.0/end-zz-last.py":    logScript("b/end-0.0.0"),
		"b/migrations/2.0/pre-0-no-migrate.py": "X = 1\n",
	}
	for k, v := range extra {
		files[k] = v
	}
	testtree.Write(t, dir, files)
	return dir
}

type fixture struct {
	cfg  *pgx.ConnConfig
	conn *pgx.Conn
	opts Options
}

func setup(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	python, err := pyhost.ResolvePython(ctx, "")
	if err != nil {
		t.Skipf("no python3: %v", err)
	}
	dsn := pgtest.DB(t)
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		t.Fatal(err)
	}
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	_, err = conn.Exec(ctx, `CREATE TABLE run_log (id serial, script text, version text);
		CREATE TABLE ir_module_module (name varchar, state varchar, latest_version varchar);
		INSERT INTO ir_module_module VALUES ('a', 'installed', '17.0.1.0'), ('b', 'installed', '17.0.1.0')`)
	if err != nil {
		t.Fatal(err)
	}
	return &fixture{cfg: cfg, conn: conn, opts: Options{Conn: cfg, Python: python, LockTimeout: time.Second}}
}

func (f *fixture) plan(t *testing.T, addons string) *phases.Plan {
	t.Helper()
	inv, err := discover.Discover(context.Background(), discover.Options{AddonsPaths: []string{addons}})
	if err != nil {
		t.Fatal(err)
	}
	versions, _, err := sqlexec.InstalledVersions(context.Background(), f.conn)
	if err != nil {
		t.Fatal(err)
	}
	p, err := phases.Build(inv, phases.Options{Series: "17.0", Installed: versions})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func (f *fixture) log(t *testing.T) string {
	t.Helper()
	rows, err := f.conn.Query(context.Background(), "SELECT script || '@' || coalesce(version, '') FROM run_log ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	got, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(got, " ")
}

func (f *fixture) ledger(t *testing.T) string {
	t.Helper()
	rows, err := f.conn.Query(context.Background(), "SELECT script || ':' || status FROM "+sqlexec.LedgerTable+" ORDER BY id")
	if err != nil {
		return "<no ledger>"
	}
	got, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(got, " ")
}

func TestRunOrderCommitAndLedger(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	opts := f.opts
	opts.UpdateVersions = true
	rep, err := Run(ctx, f.plan(t, tree(t, nil)), opts)
	if err != nil {
		t.Fatal(err)
	}
	want := "a/pre@17.0.1.0 a/post@17.0.1.0 b/pre@17.0.1.0 b/post@17.0.1.0 a/end@17.0.1.0 b/end-0.0.0@17.0.1.0"
	if got := f.log(t); got != want {
		t.Errorf("order:\n got %s\nwant %s", got, want)
	}
	if rep.Outcome != "committed" || rep.Failed || len(rep.Scripts) != 7 {
		t.Errorf("report: %+v", rep)
	}
	var skipped int
	for _, s := range rep.Scripts {
		if s.Status == Skipped {
			skipped++
			if s.Script != "pre-0-no-migrate.py" {
				t.Errorf("skipped %s", s.Script)
			}
		} else if s.Status != Applied || s.Statements != 1 || s.RowCount != 1 || len(s.SHA256) != 64 {
			t.Errorf("script report: %+v", s)
		}
	}
	if skipped != 1 {
		t.Errorf("%d skipped", skipped)
	}
	if got := f.ledger(t); strings.Count(got, ":applied") != 6 || strings.Contains(got, "no-migrate") {
		t.Errorf("ledger: %s", got)
	}
	var va, vb string
	if err := f.conn.QueryRow(ctx, "SELECT (SELECT latest_version FROM ir_module_module WHERE name = 'a'), (SELECT latest_version FROM ir_module_module WHERE name = 'b')").Scan(&va, &vb); err != nil || va != "17.0.1.1" || vb != "17.0.2.0" {
		t.Errorf("--update-versions: %s %s %v", va, vb, err)
	}
	// Strict mode fails on the script without migrate().
	f2 := setup(t)
	opts = f2.opts
	opts.Strict = true
	rep, err = Run(ctx, f2.plan(t, tree(t, nil)), opts)
	if err != nil || !rep.Failed || !strings.Contains(rep.Scripts[len(rep.Scripts)-1].Error, "--strict") || f2.log(t) != "" {
		t.Errorf("strict: %v %+v log %q", err, rep, f2.log(t))
	}
}

// A failure rolls everything back: the database is exactly as before, the
// failed attempt is in the ledger, and the report names the script.
func TestRunFailureLeavesNothing(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	before := f.checksum(t)
	dir := tree(t, map[string]string{"b/migrations/2.0/post-c-fail.py": "def migrate(cr, version):\n    cr.execute('CREATE TABLE junk (x int)')\n    cr.execute('SELECT 1 / 0')\n"})
	rep, err := Run(ctx, f.plan(t, dir), f.opts)
	if err != nil {
		t.Fatal(err)
	}
	last := rep.Scripts[len(rep.Scripts)-1]
	if !rep.Failed || last.Script != "post-c-fail.py" || last.Status != Failed || last.FailedSQL != "SELECT 1 / 0" ||
		!strings.Contains(last.Traceback, `post-c-fail.py", line 3`) || !strings.Contains(last.Error, "psycopg2.errors.DivisionByZero: division by zero") {
		t.Fatalf("report: %+v / %+v", rep, last)
	}
	if after := f.checksum(t); after != before {
		t.Errorf("database changed by a failed run:\n%s\n%s", before, after)
	}
	checkJUnit(t, rep, f.plan(t, dir))
	if got := f.ledger(t); got != "post-c-fail.py:failed" {
		t.Errorf("ledger after failure: %s", got)
	}
	// With --commit-every module, module a's work stays and the report says so.
	f2 := setup(t)
	opts := f2.opts
	opts.CommitEvery = "module"
	rep, err = Run(ctx, f2.plan(t, dir), opts)
	if err != nil || !rep.Failed || strings.Join(rep.Committed, ",") != "a" || !strings.Contains(rep.Outcome, "earlier commits stay") {
		t.Fatalf("commit-every: %v %+v", err, rep)
	}
	if got := f2.log(t); got != "a/pre@17.0.1.0 a/post@17.0.1.0" {
		t.Errorf("kept work: %s", got)
	}
}

func TestRunDryRun(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	opts := f.opts
	opts.DryRun = true
	rep, err := Run(ctx, f.plan(t, tree(t, nil)), opts)
	if err != nil || rep.Outcome != "rolled back (dry run)" || f.log(t) != "" || f.ledger(t) != "<no ledger>" {
		t.Fatalf("dry run: %v %+v log %q ledger %q", err, rep, f.log(t), f.ledger(t))
	}
	// A script that commits fails the dry run, even when it catches the error.
	dir := tree(t, map[string]string{"a/migrations/1.1/pre-b-commit.py": "def migrate(cr, version):\n    cr.execute('INSERT INTO run_log (script) VALUES (%s)', ('committed!',))\n    try:\n        cr.commit()\n    except Exception:\n        pass\n"})
	rep, err = Run(ctx, f.plan(t, dir), opts)
	last := rep.Scripts[len(rep.Scripts)-1]
	if err != nil || !rep.Failed || last.Script != "pre-b-commit.py" || !strings.Contains(last.Error, "--dry-run") || f.log(t) != "" {
		t.Fatalf("commit in dry run: %v %+v log %q", err, last, f.log(t))
	}
	// Outside a dry run the commit is honoured and reported.
	f2 := setup(t)
	rep, err = Run(ctx, f2.plan(t, dir), f2.opts)
	if err != nil || rep.Failed || !strings.Contains(f2.log(t), "committed!") {
		t.Fatalf("commit honoured: %v %+v", err, rep)
	}
	for _, s := range rep.Scripts {
		if s.Script == "pre-b-commit.py" && s.Commits != 1 {
			t.Errorf("commits reported: %+v", s)
		}
	}
}

func TestRunLockBusy(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	holder, err := sqlexec.AcquireLock(ctx, f.cfg, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Release(ctx)
	opts := f.opts
	opts.LockTimeout = 100 * time.Millisecond
	_, err = Run(ctx, f.plan(t, tree(t, nil)), opts)
	var busy *sqlexec.LockBusyError
	if !errors.As(err, &busy) || f.log(t) != "" {
		t.Errorf("second runner: %v", err)
	}
}

// A script applied before with other content is run again with a
// warning that it was edited after it was applied.
func TestRunWarnsAboutEditedScripts(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	dir := tree(t, nil)
	if _, err := Run(ctx, f.plan(t, dir), f.opts); err != nil {
		t.Fatal(err)
	}
	edited := filepath.Join(dir, "a/migrations/1.1/post-a.py")
	if err := os.WriteFile(edited, []byte("def migrate(cr, version):\n    pass  # edited\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	rep, err := Run(ctx, f.plan(t, dir), f.opts) // latest_version was not updated: everything runs again
	if err != nil || rep.Failed {
		t.Fatalf("%v %+v", err, rep)
	}
	for _, s := range rep.Scripts {
		wantWarning := s.Script == "post-a.py"
		if (s.Warning != "") != wantWarning || wantWarning && !strings.Contains(s.Warning, "edited after it was applied") {
			t.Errorf("%s: warning %q", s.Script, s.Warning)
		}
	}
}

// Host parity: the same tree through both hosts leaves the same database
// and the same report.
func TestRunHostParity(t *testing.T) {
	ctx := context.Background()
	dir := tree(t, nil)
	type result struct{ log, ledger, summary string }
	run := func(host string) result {
		f := setup(t)
		opts := f.opts
		opts.Host = host
		opts.UpdateVersions = true
		rep, err := Run(ctx, f.plan(t, dir), opts)
		if err != nil || rep.Failed {
			t.Fatalf("%s host: %v %+v", host, err, rep)
		}
		var parts []string
		for _, s := range rep.Scripts {
			if s.Host != host {
				t.Errorf("%s reported as run by %q", s.Script, s.Host)
			}
			parts = append(parts, fmt.Sprintf("%s/%s/%s:%s:%d:%d:%s", s.Module, s.Phase, s.Script, s.Status, s.Statements, s.RowCount, s.Error))
		}
		return result{f.log(t), f.ledger(t), strings.Join(parts, " ")}
	}
	ext, emb := run("external"), run("embedded")
	if ext != emb {
		t.Errorf("hosts differ:\nexternal %+v\nembedded %+v", ext, emb)
	}
}

// The embedded worker contains runaway and hostile scripts at run time:
// an endless loop is killed at --script-timeout, unbounded recursion
// crashes only the worker, and the sandbox refuses os.system, os._exit,
// the environment and files, also when the call is built at run time
// where no static check can see it. Each is reported, naming the script,
// and nothing is kept.
func TestRunEmbeddedIsolation(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		name, src, want string
		timeout         time.Duration
	}{
		{"loop", "def migrate(cr, version):\n    cr.execute(\"INSERT INTO run_log (script) VALUES ('loop')\")\n    while True:\n        pass\n", "--script-timeout", 2 * time.Second},
		{"recursion", "def f(n):\n    return f(n + 1)\n\ndef migrate(cr, version):\n    cr.execute(\"INSERT INTO run_log (script) VALUES ('rec')\")\n    f(0)\n", "worker ended", time.Minute},
		{"os._exit", "import os\n\ndef migrate(cr, version):\n    cr.execute(\"INSERT INTO run_log (script) VALUES ('exit')\")\n    os._exit(7)\n", "PermissionError: os._exit() is not available in the embedded host's sandbox", time.Minute},
		{"os.system", "import os\n\ndef migrate(cr, version):\n    os.system('touch /tmp/migrate-runner-pwned')\n", "PermissionError: os.system() is not available", time.Minute},
		{"os.system built at run time", "import os\n\ndef migrate(cr, version):\n    getattr(os, 'sys' + 'tem')('id')\n", "PermissionError: os.system() is not available", time.Minute},
		{"environ", "import os\n\ndef migrate(cr, version):\n    os.environ.get('HOME')\n", "PermissionError: os.environ is not available", time.Minute},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := setup(t)
			before := f.checksum(t)
			opts := f.opts
			opts.Host = "embedded"
			opts.ScriptTimeout = c.timeout
			dir := tree(t, map[string]string{"a/migrations/1.1/pre-0-bad.py": c.src})
			rep, err := Run(ctx, f.plan(t, dir), opts)
			if rep == nil || !rep.Failed {
				t.Fatalf("run did not fail: %v %+v", err, rep)
			}
			last := rep.Scripts[len(rep.Scripts)-1]
			if last.Script != "pre-0-bad.py" || last.Status != Failed || !strings.Contains(last.Error+last.Traceback, c.want) {
				t.Errorf("report: %+v", last)
			}
			if after := f.checksum(t); after != before {
				t.Errorf("database changed:\n%s\n%s", before, after)
			}
			if _, err := os.Stat("/tmp/migrate-runner-pwned"); err == nil {
				t.Error("os.system ran")
			}
		})
	}
}

// What the pre-check sees is refused before the run touches the
// database: --host embedded names every such script with its line and
// the construct; --host auto sends it to CPython instead and says why.
func TestRunEmbeddedPrecheck(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		name, src, construct string
		line                 int
	}{
		{"subprocess", "import subprocess\n\ndef migrate(cr, version):\n    subprocess.run(['id'])\n", "import of a module outside the sandbox", 1},
		{"open", "def migrate(cr, version):\n    open('/etc/passwd').read()\n", "open() without --allow-fs", 2},
		{"eval", "def migrate(cr, version):\n    eval(\"__import__('os')\")\n", "eval/exec/compile", 2},
		{"import from disk", "import helpers\n\ndef migrate(cr, version):\n    pass\n", "import of a module outside the sandbox", 1},
		{"walrus", "def migrate(cr, version):\n    if (n := 3) > 2:\n        cr.execute('SELECT %s', (n,))\n", "walrus operator", 2},
		{"user __eq__", "class K:\n    def __eq__(self, other):\n        return True\n\ndef migrate(cr, version):\n    pass\n", "user __eq__", 2},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := setup(t)
			before := f.checksum(t)
			dir := tree(t, map[string]string{"a/migrations/1.1/pre-0-bad.py": c.src, "a/migrations/1.1/helpers.py": "X = 1\n"})
			opts := f.opts
			opts.Host = HostEmbedded
			rep, err := Run(ctx, f.plan(t, dir), opts)
			var hostErr *HostError
			want := fmt.Sprintf("pre-0-bad.py:%d: %s", c.line, c.construct)
			if rep != nil || !errors.As(err, &hostErr) || len(hostErr.Problems) != 1 || !strings.Contains(err.Error(), want) {
				t.Fatalf("embedded: want a HostError with %q, got %v %+v", want, err, rep)
			}
			if after := f.checksum(t); after != before {
				t.Errorf("database changed:\n%s\n%s", before, after)
			}
			opts.Host = HostAuto
			rep, err = Run(ctx, f.plan(t, dir), opts)
			if err != nil || rep == nil {
				t.Fatalf("auto: %v", err)
			}
			for _, s := range rep.Scripts {
				wantHost := HostEmbedded
				if s.Script == "pre-0-bad.py" {
					wantHost = HostExternal
					if !strings.Contains(s.HostReason, c.construct) {
						t.Errorf("auto: reason %q", s.HostReason)
					}
				}
				if s.Host != wantHost {
					t.Errorf("auto: %s ran in %s, want %s", s.Script, s.Host, wantHost)
				}
			}
			opts.Python = ""
			if _, err := Run(ctx, f.plan(t, dir), opts); !errors.As(err, &hostErr) || !strings.Contains(err.Error(), "no Python interpreter") {
				t.Errorf("auto without CPython: %v", err)
			}
		})
	}
}

// --allow-fs grants read access to one directory: a script reads the
// CSV beside it, and still cannot read outside it or write.
func TestRunEmbeddedAllowFS(t *testing.T) {
	ctx := context.Background()
	f := setup(t)
	dir := tree(t, map[string]string{
		"a/migrations/1.1/names.csv": "id,name\r\n1,Ann\r\n2,Bob\r\n",
		"a/migrations/1.1/pre-0-csv.py": `import os

def migrate(cr, version):
    path = os.path.join(os.path.dirname(__file__), "names.csv")
    with open(path) as f:
        rows = [line.rstrip("\n").split(",") for line in f][1:]
    for id, name in rows:
        cr.execute("INSERT INTO run_log (script) VALUES (%s)", (name,))
    for bad, mode in (("/etc/passwd", "r"), (path, "w")):
        try:
            open(bad, mode)
        except PermissionError as e:
            cr.execute("INSERT INTO run_log (script) VALUES (%s)", ("refused " + mode,))
`})
	opts := f.opts
	opts.Host = "embedded"
	opts.AllowFS = []string{filepath.Join(dir, "a", "migrations")}
	rep, err := Run(ctx, f.plan(t, dir), opts)
	if err != nil || rep.Failed {
		t.Fatalf("%v %+v", err, rep)
	}
	if got := f.log(t); !strings.Contains(got, "Ann@ Bob@ refused r@ refused w@") {
		t.Errorf("run_log: %s", got)
	}
}

// Two runners started together on one database: exactly one runs the
// scripts, the other gives up with LockBusyError, and every script ran
// once.
func TestRunConcurrentRunners(t *testing.T) {
	f := setup(t)
	slow := tree(t, map[string]string{"a/migrations/1.1/pre-0-slow.py": "def migrate(cr, version):\n    cr.execute('SELECT pg_sleep(0.5)')\n"})
	plan := f.plan(t, slow)
	opts := f.opts
	opts.LockTimeout = 100 * time.Millisecond
	errs := make(chan error, 2)
	for range 2 {
		go func() {
			rep, err := Run(context.Background(), plan, opts)
			if err == nil && rep.Failed {
				err = fmt.Errorf("run failed: %+v", rep)
			}
			errs <- err
		}()
	}
	var ok, busy int
	for range 2 {
		err := <-errs
		var lb *sqlexec.LockBusyError
		switch {
		case err == nil:
			ok++
		case errors.As(err, &lb):
			busy++
		default:
			t.Errorf("runner: %v", err)
		}
	}
	if ok != 1 || busy != 1 {
		t.Errorf("%d runs proceeded and %d gave up; want 1 and 1", ok, busy)
	}
	if got := f.log(t); got != "a/pre@17.0.1.0 a/post@17.0.1.0 b/pre@17.0.1.0 b/post@17.0.1.0 a/end@17.0.1.0 b/end-0.0.0@17.0.1.0" {
		t.Errorf("run_log: %s", got)
	}
}

// checksum summarises every user table's content, to prove a failed run
// changed nothing but the ledger, which records the failure on purpose.
func (f *fixture) checksum(t *testing.T) string {
	t.Helper()
	var sum string
	err := f.conn.QueryRow(context.Background(), `SELECT string_agg(t, ' ' ORDER BY t) FROM (
		SELECT 'run_log:' || md5(coalesce(string_agg(r::text, ',' ORDER BY r::text), '')) AS t FROM run_log r
		UNION ALL SELECT 'ir_module_module:' || md5(string_agg(m::text, ',' ORDER BY m::text)) FROM ir_module_module m
		UNION ALL SELECT 'tables:' || string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables
			WHERE schemaname = 'public' AND tablename <> '`+sqlexec.LedgerTable+`'
	) s`).Scan(&sum)
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

// A runaway loop is killed at --script-timeout and nothing is kept.
func TestRunScriptTimeout(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	before := f.checksum(t)
	dir := tree(t, map[string]string{"a/migrations/1.1/pre-b-loop.py": "def migrate(cr, version):\n    cr.execute(\"INSERT INTO run_log (script) VALUES ('x')\")\n    while True:\n        pass\n"})
	opts := f.opts
	opts.ScriptTimeout = 500 * time.Millisecond
	start := time.Now()
	rep, err := Run(ctx, f.plan(t, dir), opts)
	last := rep.Scripts[len(rep.Scripts)-1]
	if err == nil || last.Script != "pre-b-loop.py" || !strings.Contains(last.Error, "--script-timeout") || time.Since(start) > 20*time.Second {
		t.Fatalf("timeout: %v %+v", err, last)
	}
	if after := f.checksum(t); after != before {
		t.Errorf("database changed:\n%s\n%s", before, after)
	}
	if got := f.ledger(t); got != "pre-b-loop.py:failed" {
		t.Errorf("ledger: %s", got)
	}
}

// An embedded script killed at --script-timeout in the middle of a
// statement on its direct lane takes the run's connection with it: the
// report says so, PostgreSQL rolls everything back, and the failure is
// still in the ledger.
func TestRunScriptTimeoutMidStatement(t *testing.T) {
	f := setup(t)
	before := f.checksum(t)
	dir := tree(t, map[string]string{"a/migrations/1.1/pre-b-sleep.py": "def migrate(cr, version):\n    cr.execute(\"INSERT INTO run_log (script) VALUES ('x')\")\n    cr.execute('SELECT pg_sleep(600)')\n"})
	opts := f.opts
	opts.Host = "embedded"
	opts.ScriptTimeout = time.Second
	rep, err := Run(context.Background(), f.plan(t, dir), opts)
	if !errors.Is(err, pyhost.ErrConnectionLost) || rep == nil || !rep.Failed {
		t.Fatalf("run: %v %+v", err, rep)
	}
	last := rep.Scripts[len(rep.Scripts)-1]
	if last.Script != "pre-b-sleep.py" || !strings.Contains(last.Error, "--script-timeout 1s; the embedded host's worker was killed in the middle of a statement") {
		t.Errorf("script report: %+v", last)
	}
	if !strings.Contains(rep.Outcome, "PostgreSQL rolled back the whole open transaction") {
		t.Errorf("outcome: %s", rep.Outcome)
	}
	if after := f.checksum(t); after != before {
		t.Errorf("database changed:\n%s\n%s", before, after)
	}
	if got := f.ledger(t); got != "pre-b-sleep.py:failed" {
		t.Errorf("ledger: %s", got)
	}
}

// A statement running past --statement-timeout fails its script.
func TestRunStatementTimeout(t *testing.T) {
	f := setup(t)
	dir := tree(t, map[string]string{"a/migrations/1.1/pre-b-slow.py": "def migrate(cr, version):\n    cr.execute('SELECT pg_sleep(5)')\n"})
	opts := f.opts
	opts.StatementTimeout = 100 * time.Millisecond
	rep, err := Run(context.Background(), f.plan(t, dir), opts)
	last := rep.Scripts[len(rep.Scripts)-1]
	if err != nil || !rep.Failed || last.Script != "pre-b-slow.py" || !strings.Contains(last.Error, "psycopg2.errors.QueryCanceled: canceling statement due to statement timeout") {
		t.Errorf("statement timeout: %v %+v", err, last)
	}
}

// Ctrl-C (a cancelled context) rolls the run back cleanly.
func TestRunInterrupted(t *testing.T) {
	f := setup(t)
	before := f.checksum(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	opts := f.opts
	opts.OnScript = func(ScriptReport) { cancel() } // interrupt after the first script
	rep, err := Run(ctx, f.plan(t, tree(t, nil)), opts)
	if err == nil || !strings.Contains(err.Error(), "interrupted") || !rep.Failed || len(rep.Scripts) != 1 {
		t.Fatalf("interrupted: %v %+v", err, rep)
	}
	if after := f.checksum(t); after != before {
		t.Errorf("database changed:\n%s\n%s", before, after)
	}
}

// checkJUnit reads back the JUnit file of a failed run: every planned
// script is a testcase, the failing one carries its traceback and SQL, and
// the ones after it are skipped.
func checkJUnit(t *testing.T, rep *Report, plan *phases.Plan) {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteJUnit(&buf, rep, plan); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Tests    int `xml:"tests,attr"`
		Failures int `xml:"failures,attr"`
		Skipped  int `xml:"skipped,attr"`
		Suite    struct {
			Cases []struct {
				ClassName string `xml:"classname,attr"`
				Name      string `xml:"name,attr"`
				Failure   *struct {
					Message string `xml:"message,attr"`
					Type    string `xml:"type,attr"`
					Body    string `xml:",chardata"`
				} `xml:"failure"`
				Skipped *struct {
					Message string `xml:"message,attr"`
				} `xml:"skipped"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("JUnit XML: %v\n%s", err, buf.String())
	}
	if doc.Tests != len(plan.Scripts()) || doc.Failures != 1 || doc.Tests != len(doc.Suite.Cases) {
		t.Fatalf("JUnit counts: %+v\n%s", doc, buf.String())
	}
	var failedAt int
	for i, c := range doc.Suite.Cases {
		if c.Failure != nil {
			failedAt = i
			if c.Failure.Type != "psycopg2.errors.DivisionByZero" || !strings.Contains(c.Failure.Body, "line 3") ||
				!strings.Contains(c.Failure.Body, "Failed SQL:\nSELECT 1 / 0") || c.ClassName != "b.2.0.post" {
				t.Errorf("failure case: %+v", c)
			}
		}
	}
	for _, c := range doc.Suite.Cases[failedAt+1:] {
		if c.Skipped == nil || !strings.Contains(c.Skipped.Message, "not run") {
			t.Errorf("case after the failure: %+v", c)
		}
	}
	if notRun := len(doc.Suite.Cases) - failedAt - 1; notRun == 0 || doc.Skipped < notRun {
		t.Errorf("skipped %d, %d not run after case %d", doc.Skipped, notRun, failedAt)
	}
}

// A failed script's report names its exception, not the traceback's last
// line (psycopg2's DETAIL or HINT for a database error).
func TestExceptionLine(t *testing.T) {
	for _, c := range []struct{ name, tb, want string }{
		{"detail", "Traceback (most recent call last):\n  File \"/a/post-x.py\", line 3, in migrate\n    cr.execute(\"INSERT INTO t VALUES (1)\")\npsycopg2.errors.UniqueViolation: duplicate key value violates unique constraint \"t_pkey\"\nDETAIL:  Key (id)=(1) already exists.\n",
			"psycopg2.errors.UniqueViolation: duplicate key value violates unique constraint \"t_pkey\""},
		{"one line", "Traceback (most recent call last):\n  File \"/a/post-x.py\", line 2, in migrate\n    x = 1 / 0\nZeroDivisionError: division by zero\n", "ZeroDivisionError: division by zero"},
		{"3.11 markers", "Traceback (most recent call last):\n  File \"/a/post-x.py\", line 2, in migrate\n    x = d[\"k\"]\n        ~^^^^^\nKeyError: 'k'\n", "KeyError: 'k'"},
		{"chained", "Traceback (most recent call last):\n  File \"/a/x.py\", line 2, in f\n    g()\nValueError: a\n\nDuring handling of the above exception, another exception occurred:\n\nTraceback (most recent call last):\n  File \"/a/x.py\", line 4, in migrate\n    f()\nRuntimeError: b\nsecond line\n", "RuntimeError: b"},
		{"syntax error", "  File \"/a/x.py\", line 1\n    def migrate(cr version):\n                   ^\nSyntaxError: invalid syntax\n", "SyntaxError: invalid syntax"},
		{"no frame", "worker said: boom\n", "worker said: boom"},
		{"frame last", "Traceback (most recent call last):\n  File \"/a/x.py\", line 2, in migrate\n", "  File \"/a/x.py\", line 2, in migrate"},
	} {
		if got := exceptionLine(c.tb); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}

// On an 18.0 target a script without migrate() fails the run with
// Odoo 18's error, where up to 17.0 it is skipped; a migrate() with
// another signature fails with Odoo 18's TypeError in either host.
func TestRunMigrate18(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct{ name, src, want string }{
		{"no migrate", "def migrat(cr, version):\n    pass\n", `AttributeError: module c: Each post-migration file must have a "migrate(cr, installed_version)" function, not found in `},
		{"signature", "def migrate(cr, version, extra):\n    pass\n", "TypeError: module c: `migrate`'s signature should be `(cr, version)`, <function migrate at 0x"},
	} {
		for _, host := range []string{"embedded", "external"} {
			t.Run(c.name+"/"+host, func(t *testing.T) {
				f := setup(t)
				if _, err := f.conn.Exec(ctx, "INSERT INTO ir_module_module VALUES ('c', 'installed', '18.0.1.0')"); err != nil {
					t.Fatal(err)
				}
				dir := t.TempDir()
				testtree.Write(t, dir, map[string]string{
					"c/__manifest__.py":              `{"version": "18.0.1.1"}`,
					"c/migrations/1.1/post-c.py":     c.src,
					"c/migrations/1.1/post-zz-ok.py": "def migrate(cr, version):\n    pass\n",
				})
				inv, err := discover.Discover(ctx, discover.Options{AddonsPaths: []string{dir}})
				if err != nil {
					t.Fatal(err)
				}
				versions, _, err := sqlexec.InstalledVersions(ctx, f.conn)
				if err != nil {
					t.Fatal(err)
				}
				plan, err := phases.Build(inv, phases.Options{Series: "18.0", Installed: versions})
				if err != nil {
					t.Fatal(err)
				}
				opts := f.opts
				opts.Host = host
				rep, err := Run(ctx, plan, opts)
				if err != nil && host == "external" && strings.Contains(err.Error(), "python") {
					t.Skip(err)
				}
				if rep == nil || !rep.Failed || len(rep.Scripts) != 1 {
					t.Fatalf("run: %v %+v", err, rep)
				}
				if s := rep.Scripts[0]; s.Status != Failed || !strings.HasPrefix(s.Error, c.want) {
					t.Errorf("report: %s %q", s.Status, s.Error)
				}
			})
		}
	}
}
