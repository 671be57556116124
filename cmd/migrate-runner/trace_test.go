package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The trace command: flags, exit codes, and the two output forms (their
// content is golden-tested in package trace).
func TestTraceCommand(t *testing.T) {
	tree := []string{"--addons-path", "trace/testdata/tree/addons", "--installed-file", "trace/testdata/tree/installed.txt", "--host", "embedded"}

	out, stderr, code := runCLI(t, append([]string{"trace", "--host", "embedded"}, demo...)...)
	if code != exitOK || !strings.HasPrefix(out, "-- migrate-runner trace: series 17.0, 34 script(s), schema none") ||
		!strings.Contains(out, "\nSELECT 1 FROM res_partner LIMIT 1;\n") {
		t.Errorf("demo tree: exit %d\n%s\n%s", code, out, stderr)
	}

	out, _, code = runCLI(t, append([]string{"trace", "--json", "--schema", "testdata/modules/schema.sql"}, append(demo, "--host", "embedded")...)...)
	var rep struct {
		Schema  string
		Scripts []struct{ Status string }
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil || code != exitOK || len(rep.Scripts) != 34 || rep.Schema != "testdata/modules/schema.sql" {
		t.Errorf("--json: exit %d, %v, %d scripts, schema %q", code, err, len(rep.Scripts), rep.Schema)
	}

	// A script that raises: the trace goes on to the end, and exits 1.
	out, stderr, code = runCLI(t, append([]string{"trace"}, tree...)...)
	if code != exitFailure || !strings.Contains(out, "-- FAILED at line 6: ValueError: partner 7 has no loyalty tier") ||
		!strings.Contains(out, "-- 7 script(s) traced:") || !strings.Contains(stderr, "1 script(s) raised during the trace") {
		t.Errorf("failing script: exit %d\n%s\n%s", code, out, stderr)
	}

	bad := filepath.Join(t.TempDir(), "bad.sql")
	if err := os.WriteFile(bad, []byte("CREATE TABLE t (a int);\nCREATE TABLE t (b int);\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, code = runCLI(t, append([]string{"trace", "--schema", bad}, tree...)...)
	if code != exitBadInput || !strings.Contains(stderr, bad+":2: CREATE TABLE t: relation already exists") {
		t.Errorf("bad schema: exit %d, %s", code, stderr)
	}
	_, stderr, code = runCLI(t, append([]string{"trace", "--schema", "no/such.sql"}, tree...)...)
	if code != exitBadInput || !strings.Contains(stderr, "--schema: open no/such.sql") {
		t.Errorf("missing schema: exit %d, %s", code, stderr)
	}
	_, stderr, code = runCLI(t, "trace", "--host", "nope", "--addons-path", "trace/testdata/tree/addons")
	if code != exitBadInput || !strings.Contains(stderr, `--host "nope"`) {
		t.Errorf("bad --host: exit %d, %s", code, stderr)
	}
}
