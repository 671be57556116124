package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/migrate-runner/migrate-runner/internal/pgtest"
	"github.com/migrate-runner/migrate-runner/sqlexec"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// root is where the Makefile lives, resolved before any test changes
// directory; tests run commands from there so that printed paths match
// the README.
var root, _ = filepath.Abs("../..")

func repoRoot(t *testing.T) string {
	t.Helper()
	if root == "" {
		t.Fatal("cannot resolve the repository root")
	}
	return root
}

func runCLI(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	t.Chdir(repoRoot(t))
	var out, errb bytes.Buffer
	code = run(context.Background(), append([]string{"migrate-runner"}, args...), &out, &errb)
	return out.String(), errb.String(), code
}

var demo = []string{
	"--addons-path", "testdata/modules/addons,testdata/modules/addons_extra",
	"--upgrade-path", "testdata/modules/upgrade",
	"--installed-file", "testdata/modules/installed.txt",
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	got = strings.ReplaceAll(got, repoRoot(t), "$ROOT")
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll(filepath.Join(repoRoot(t), "cmd/migrate-runner/testdata"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(repoRoot(t), "cmd/migrate-runner", path), []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(filepath.Join(repoRoot(t), "cmd/migrate-runner", path))
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/migrate-runner -update)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file (go test ./cmd/migrate-runner -update to accept):\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

func TestGoldenOutputs(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{"plan.txt", append([]string{"plan"}, demo...)},
		{"plan-explain.txt", append([]string{"plan", "--explain"}, demo...)},
		{"plan.json", append([]string{"plan", "--json"}, demo...)},
		{"plan-modules.txt", append([]string{"plan", "--modules", "stock_custom"}, demo...)},
		{"discover.txt", []string{"discover", "--addons-path", "testdata/modules/addons,testdata/modules/addons_extra", "--upgrade-path", "testdata/modules/upgrade"}},
		{"discover.json", []string{"discover", "--json", "--addons-path", "testdata/modules/addons,testdata/modules/addons_extra", "--upgrade-path", "testdata/modules/upgrade"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := runCLI(t, tt.args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			golden(t, tt.name, out)
		})
	}
}

// The --json contract: these fields stay.
func TestPlanJSONContract(t *testing.T) {
	out, errOut, code := runCLI(t, append([]string{"plan", "--json", "--series", "17.0"}, demo...)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var doc struct {
		Series  string `json:"series"`
		Modules []struct {
			Name      *string `json:"name"`
			Installed *string `json:"installed"`
			Target    *string `json:"target"`
			Depth     *int    `json:"depth"`
		} `json:"modules"`
		Steps []map[string]any `json:"steps"`
		Diags []struct {
			Level, Path, Message string
		} `json:"diagnostics"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Series != "17.0" || len(doc.Modules) == 0 || len(doc.Steps) == 0 || len(doc.Diags) == 0 {
		t.Fatalf("incomplete document: %+v", doc)
	}
	for _, m := range doc.Modules {
		if m.Name == nil || m.Installed == nil || m.Target == nil || m.Depth == nil {
			t.Fatalf("module without a contract field: %+v", m)
		}
	}
	for _, s := range doc.Steps {
		if s["kind"] != "script" {
			continue
		}
		for _, k := range []string{"module", "version", "phase", "script", "path"} {
			if v, ok := s[k].(string); !ok || v == "" {
				t.Fatalf("step without %s: %v", k, s)
			}
		}
		if !filepath.IsAbs(s["path"].(string)) {
			t.Fatalf("path not absolute: %v", s)
		}
	}
}

func TestExitCodes(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"missing addons path", []string{"plan"}, exitBadInput, "addons-path"},
		{"no such addons path", []string{"discover", "--addons-path", "testdata/nope"}, exitBadInput, "testdata/nope"},
		{"bad installed flag", append([]string{"plan", "--installed", "sale_custom"}, demo...), exitBadInput, "MODULE=VERSION"},
		{"bad series", append([]string{"plan", "--series", "17"}, demo...), exitBadInput, `series "17"`},
		{"unknown module", append([]string{"plan", "--modules", "nope"}, demo...), exitBadInput, `no module "nope"`},
		{"missing installed file", []string{"plan", "--addons-path", "testdata/modules/addons", "--installed-file", "nope.txt"}, exitBadInput, "nope.txt"},
		{"strict with errors", []string{"discover", "--strict", "--addons-path", "testdata/modules/addons"}, exitFailure, "--strict"},
		{"not strict", []string{"discover", "--addons-path", "testdata/modules/addons"}, exitOK, ""},
		{"stray argument", append(append([]string{"plan"}, demo...), "testdata/modules"), exitBadInput, `unexpected argument "testdata/modules"`},
		{"bad log level", []string{"--log-level", "loud", "discover", "--addons-path", "testdata/modules/addons"}, exitBadInput, "--log-level"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errOut, code := runCLI(t, tt.args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d; stderr: %s", code, tt.code, errOut)
			}
			if !strings.Contains(errOut, tt.msg) {
				t.Errorf("stderr %q does not mention %q", errOut, tt.msg)
			}
		})
	}
}

// plan reads installed versions from ir_module_module with --dsn, or with
// the db_* settings of -c odoo.conf, which also gives the paths.
func TestPlanReadsInstalledVersionsFromDatabase(t *testing.T) {
	dsn := pgtest.DB(t)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	_, err = conn.Exec(ctx, `CREATE TABLE ir_module_module (name varchar, state varchar, latest_version varchar);
		INSERT INTO ir_module_module VALUES ('base_partner_ext', 'installed', '17.0.1.0'),
		('stock_custom', 'to upgrade', '16.0.1.4'), ('docs_example', 'uninstalled', '17.0.1.0')`)
	conn.Close(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := func(out string) {
		t.Helper()
		var doc struct {
			Modules []struct{ Name, Installed, State string }
		}
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatal(err)
		}
		states := map[string]string{}
		for _, m := range doc.Modules {
			states[m.Name] = m.State + " " + m.Installed
		}
		if states["base_partner_ext"] != "to upgrade 17.0.1.0" || states["stock_custom"] != "to upgrade 16.0.1.4" ||
			states["docs_example"] != "not installed " || states["sale_custom"] != "to upgrade 17.0.1.0.0" {
			t.Errorf("states: %v", states)
		}
	}
	out, errOut, code := runCLI(t, "plan", "--json", "--dsn", dsn, "--addons-path", "testdata/modules/addons",
		"--upgrade-path", "testdata/modules/upgrade", "--installed", "sale_custom=17.0.1.0.0")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	want(out)

	u, _ := url.Parse(dsn)
	conf := filepath.Join(t.TempDir(), "odoo.conf")
	content := "[options]\naddons_path = " + filepath.Join(repoRoot(t), "testdata/modules/addons") +
		"\nupgrade_path = " + filepath.Join(repoRoot(t), "testdata/modules/upgrade") +
		"\ndb_host = " + u.Hostname() + "\ndb_port = " + u.Port() + "\ndb_user = postgres\ndb_name = " + strings.TrimPrefix(u.Path, "/") + "\n"
	if err := os.WriteFile(conf, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, code = runCLI(t, "plan", "--json", "-c", conf, "--installed", "sale_custom=17.0.1.0.0")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	want(out)

	_, errOut, code = runCLI(t, "plan", "--dsn", "postgres://postgres@127.0.0.1:1/none?connect_timeout=2", "--addons-path", "testdata/modules/addons")
	if code != exitBadInput || !strings.Contains(errOut, "installed versions") {
		t.Errorf("unreachable database: exit %d, %s", code, errOut)
	}
	_, errOut, code = runCLI(t, "plan", "-c", filepath.Join(t.TempDir(), "missing.conf"))
	if code != exitBadInput || !strings.Contains(errOut, "missing.conf") {
		t.Errorf("missing config: exit %d, %s", code, errOut)
	}
}

func TestStatus(t *testing.T) {
	dsn := pgtest.DB(t)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, `CREATE TABLE ir_module_module (name varchar, state varchar, latest_version varchar);
		INSERT INTO ir_module_module VALUES ('base_partner_ext', 'installed', '17.0.1.0')`); err != nil {
		t.Fatal(err)
	}
	// No history yet.
	out, errOut, code := runCLI(t, "status", "--dsn", dsn, "--addons-path", "testdata/modules/addons", "--upgrade-path", "testdata/modules/upgrade")
	if code != 0 || !strings.Contains(out, "9 script(s) pending") || !strings.Contains(out, "No history") {
		t.Fatalf("exit %d: %s%s", code, out, errOut)
	}
	dir := filepath.Join(repoRoot(t), "testdata/modules/addons/base_partner_ext/migrations")
	sum, err := sqlexec.FileSHA256(filepath.Join(dir, "1.1/pre-rename_column.py"))
	if err != nil {
		t.Fatal(err)
	}
	if err := sqlexec.EnsureLedger(ctx, conn); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 1, 10, 0, 0, 0, time.UTC)
	for _, e := range []sqlexec.Entry{
		{RunID: "r1", Module: "base_partner_ext", Version: "1.1", Phase: "pre", Script: "pre-rename_column.py", Path: "x", SHA256: sum, StartedAt: at, Status: sqlexec.Applied, RowCount: 12},
		{RunID: "r1", Module: "base_partner_ext", Version: "0.0.0", Phase: "pre", Script: "pre-00-check.py", Path: "x", SHA256: strings.Repeat("0", 64), StartedAt: at, Status: sqlexec.Applied},
		{RunID: "r1", Module: "base_partner_ext", Version: "17.0.1.2", Phase: "pre", Script: "pre-add_index.py", Path: "x", SHA256: "x", StartedAt: at.Add(time.Second), Status: sqlexec.Failed, Error: "ProgrammingError: boom\nmore"},
	} {
		if err := sqlexec.Record(ctx, conn, e); err != nil {
			t.Fatal(err)
		}
	}
	out, errOut, code = runCLI(t, "status", "--dsn", dsn, "--addons-path", "testdata/modules/addons", "--upgrade-path", "testdata/modules/upgrade")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	// Each want is a list of words that must appear, in order, on one line.
	for _, want := range [][]string{
		{"9 script(s) pending, 1 edited after they were applied"},
		{"4", "pre-rename_column.py", "applied before; runs again"},
		{"warning testdata/modules/addons/base_partner_ext/migrations/0.0.0/pre-00-check.py: sha256 000000000000… when applied"},
		{"failed", "base_partner_ext", "pre", "17.0.1.2", "pre-add_index.py", "ProgrammingError: boom …"},
		{"applied", "pre-rename_column.py", "12"},
	} {
		if !hasLine(out, want...) {
			t.Errorf("status output lacks a line with %q:\n%s", want, out)
		}
	}
	out, _, code = runCLI(t, "status", "--json", "--limit", "1", "--dsn", dsn, "--addons-path", "testdata/modules/addons", "--upgrade-path", "testdata/modules/upgrade")
	var doc struct {
		Pending []struct {
			Script        string `json:"script"`
			AppliedBefore bool   `json:"applied_before"`
		}
		Edited  []struct{ Script string }
		History []struct {
			Status string `json:"status"`
			Error  string `json:"error"`
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil || code != 0 {
		t.Fatalf("json: %v (exit %d)\n%s", err, code, out)
	}
	if len(doc.Edited) != 1 || doc.Edited[0].Script != "pre-00-check.py" || len(doc.History) != 1 || doc.History[0].Status != "failed" || len(doc.Pending) != 9 || !doc.Pending[3].AppliedBefore {
		t.Errorf("json report: %+v", doc)
	}
}

// hasLine reports whether one line of out holds every part, in order.
func hasLine(out string, parts ...string) bool {
	for _, line := range strings.Split(out, "\n") {
		rest, ok := line, true
		for _, p := range parts {
			i := strings.Index(rest, p)
			if i < 0 {
				ok = false
				break
			}
			rest = rest[i+len(p):]
		}
		if ok {
			return true
		}
	}
	return false
}

func TestRunCommand(t *testing.T) {
	dsn := pgtest.DB(t)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, `CREATE TABLE run_log (script text);
		CREATE TABLE ir_module_module (name varchar, state varchar, latest_version varchar);
		INSERT INTO ir_module_module VALUES ('m', 'installed', '17.0.1.0')`); err != nil {
		t.Fatal(err)
	}
	addons := t.TempDir()
	write := func(rel, content string) {
		p := filepath.Join(addons, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("m/__manifest__.py", `{"version": "17.0.1.1"}`)
	write("m/migrations/1.1/pre-a.py", "def migrate(cr, version):\n    cr.execute(\"INSERT INTO run_log VALUES ('pre-a')\")\n    print('hello')\n")
	write("m/migrations/1.1/post-b.py", "def migrate(cr, version):\n    cr.execute(\"INSERT INTO run_log VALUES ('post-b')\")\n")
	report := filepath.Join(t.TempDir(), "report.json")

	out, errOut, code := runCLI(t, "run", "--dsn", dsn, "--addons-path", addons, "--update-versions", "--report-json", report)
	if code != 0 || !hasLine(out, "applied", "m", "1.1", "pre", "pre-a.py", "1 stmt", "1 rows") ||
		!hasLine(out, "2 applied, 0 skipped, 0 failed", "committed") {
		t.Fatalf("exit %d:\n%s%s", code, out, errOut)
	}
	var rep struct {
		Outcome string
		Scripts []struct{ Script, Status, Stdout string }
	}
	data, err := os.ReadFile(report)
	if err != nil || json.Unmarshal(data, &rep) != nil || rep.Outcome != "committed" || len(rep.Scripts) != 2 || rep.Scripts[0].Stdout != "hello\n" {
		t.Errorf("report file: %v %s", err, data)
	}
	// Nothing left to run: the versions were written back.
	out, _, code = runCLI(t, "run", "--dsn", dsn, "--addons-path", addons)
	if code != 0 || !hasLine(out, "0 applied, 0 skipped, 0 failed") {
		t.Errorf("second run: exit %d\n%s", code, out)
	}

	// A failing script: exit 1, the traceback, nothing kept.
	if _, err := conn.Exec(ctx, "UPDATE ir_module_module SET latest_version = '17.0.1.0'"); err != nil {
		t.Fatal(err)
	}
	write("m/migrations/1.1/post-c.py", "def migrate(cr, version):\n    cr.execute('SELECT * FROM missing_table')\n")
	junit := filepath.Join(t.TempDir(), "junit.xml")
	out, _, code = runCLI(t, "run", "--dsn", dsn, "--addons-path", addons, "--junit", junit)
	if data, err := os.ReadFile(junit); err != nil || !strings.Contains(string(data), `<testcase classname="m.1.1.post" name="post-c.py"`) ||
		!strings.Contains(string(data), `type="psycopg2.errors.UndefinedTable"`) {
		t.Errorf("--junit: %v\n%s", err, data)
	}
	if code != exitFailure || !hasLine(out, "FAILED", "post-c.py") || !hasLine(out, "SQL: SELECT * FROM missing_table") ||
		!hasLine(out, "post-c.py\", line 2, in migrate") || !hasLine(out, "rolled back after a failure") {
		t.Errorf("failing run: exit %d\n%s", code, out)
	}
	var n int
	if err := conn.QueryRow(ctx, "SELECT count(*) FROM run_log").Scan(&n); err != nil || n != 2 {
		t.Errorf("run_log after the failed run: %d rows (want the first run's 2), %v", n, err)
	}

	// Another run holds the lock: exit 3, naming the holder.
	cfg, _ := pgx.ParseConfig(dsn)
	cfg.RuntimeParams["application_name"] = "other-runner"
	lock, err := sqlexec.AcquireLock(ctx, cfg, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Release(ctx)
	_, errOut, code = runCLI(t, "run", "--dsn", dsn, "--addons-path", addons, "--lock-timeout", "100ms")
	if code != exitLocked || !strings.Contains(errOut, `application_name "other-runner"`) {
		t.Errorf("locked: exit %d, %s", code, errOut)
	}
}
