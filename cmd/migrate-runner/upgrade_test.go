package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/migrate-runner/migrate-runner/upgradeapi"
	"github.com/migrate-runner/migrate-runner/upgradeapi/upgradetest"
)

// upgradeCLI runs `migrate-runner upgrade ...` in-process against srv and
// hides what changes between runs (the server's address, temp dirs).
func upgradeCLI(t *testing.T, srv *upgradetest.Server, tmp string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	stdout, stderr, code = runCLI(t, append([]string{"upgrade"}, args...)...)
	hide := func(s string) string {
		if srv != nil {
			s = strings.ReplaceAll(s, srv.URL, "$URL")
		}
		if tmp != "" {
			s = strings.ReplaceAll(s, tmp, "$TMP")
		}
		return s
	}
	return hide(stdout), hide(stderr), code
}

var (
	upgradeKey  = upgradetest.Key(10534)
	upgradeCred = []string{"--key", upgradeKey, "--request", "10534"}
)

func upgradeCreateArgs(srv *upgradetest.Server, extra ...string) []string {
	return append([]string{"create", "--url", srv.URL, "--contract", "M123456-abcdef", "--email", "john.doe@example.com",
		"--target", "17.0", "--aim", "test", "--filename", "db.dump"}, extra...)
}

// TestUpgradeCLIGolden runs every subcommand through a whole request and
// compares standard output with golden files, in JSON and in text.
func TestUpgradeCLIGolden(t *testing.T) {
	srv := upgradetest.NewServer(t)
	srv.Polls = 1
	tmp := t.TempDir()
	dump := filepath.Join(tmp, "db.dump")
	os.WriteFile(dump, []byte("PGDMP a custom dump"), 0o644)
	keys := filepath.Join(tmp, "authorized_keys")
	os.WriteFile(keys, []byte("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG8mXk2G0EJKqGw9l5GrShm5w9xwVGM9tTCeHfs9xS7u me@host\n"), 0o644)
	url := []string{"--url", srv.URL}
	cred := append(append([]string{}, url...), upgradeCred...)

	steps := []struct {
		golden string
		args   []string
		code   int
	}{
		{"upgrade-create.json", upgradeCreateArgs(srv, "--timezone", "Europe/Brussels"), 0},
		{"upgrade-create-failures.json", append(upgradeCreateArgs(srv), "--target", "5.0"), 1},
		{"upgrade-create-failures.txt", append(upgradeCreateArgs(srv), "--target", "5.0", "--output", "text"), 1},
		{"upgrade-upload.json", append(append([]string{"upload"}, cred...), "--dbdump", dump), 0},
		{"upgrade-request-sftp-access.json", append(append([]string{"request-sftp-access"}, cred...), "--ssh-keys", keys), 0},
		{"upgrade-status-draft.txt", append(append([]string{"status"}, cred...), "--output", "text"), 0},
		{"upgrade-download-not-ready.json", append([]string{"download"}, cred...), 1},
		{"upgrade-process.json", append([]string{"process"}, cred...), 0},
		{"upgrade-process-again.json", append([]string{"process"}, cred...), 1},
		{"upgrade-wait.json", append(append([]string{"wait"}, cred...), "--interval", "1ms"), 0},
		{"upgrade-download.json", append(append([]string{"download"}, cred...), "-o", filepath.Join(tmp, "up.zip")), 0},
		{"upgrade-download.txt", append(append([]string{"download"}, cred...), "--what", "upgraded-sql", "-o", filepath.Join(tmp, "up.sql"), "--output", "text"), 0},
		{"upgrade-skip-test.json", append([]string{"skip-test"}, cred...), 0},
		{"upgrade-status.json", append([]string{"status"}, cred...), 0},
	}
	for _, s := range steps {
		out, errOut, code := upgradeCLI(t, srv, tmp, s.args...)
		if code != s.code {
			t.Errorf("%s: exit %d, want %d; stderr: %s", s.golden, code, s.code, errOut)
		}
		golden(t, s.golden, out)
	}
	if b, _ := os.ReadFile(filepath.Join(tmp, "up.zip")); string(b) != string(upgradetest.UpgradedData()) {
		t.Error("download: the file differs from the server's")
	}
}

// TestUpgradeCLIVerbose fills curl_info, the key masked.
func TestUpgradeCLIVerbose(t *testing.T) {
	srv := upgradetest.NewServer(t)
	upgradeCLI(t, srv, "", upgradeCreateArgs(srv)...)
	out, _, code := upgradeCLI(t, srv, "", append([]string{"status", "--url", srv.URL, "-v"}, upgradeCred...)...)
	if code != 0 || !strings.Contains(out, `"effective_url": "$URL/database/v1/status"`) || !strings.Contains(out, `"primary_ip": "127.0.0.1"`) {
		t.Errorf("verbose status:\n%s", out)
	}
	dump := filepath.Join(t.TempDir(), "d.dump")
	os.WriteFile(dump, []byte("x"), 0o644)
	out, _, _ = upgradeCLI(t, srv, "", append([]string{"upload", "--url", srv.URL, "--verbose", "--dbdump", dump}, upgradeCred...)...)
	if !strings.Contains(out, `"effective_url": "$URL/database/v1/upload?key=***&request=10534"`) || strings.Contains(out, upgradeKey) {
		t.Errorf("verbose upload, key not masked:\n%s", out)
	}
}

// TestUpgradeCLIExitCodes checks every exit code and its message.
func TestUpgradeCLIExitCodes(t *testing.T) {
	srv := upgradetest.NewServer(t)
	srv.Polls = 1000
	tmp := t.TempDir()
	upgradeCLI(t, srv, tmp, upgradeCreateArgs(srv)...)
	existing := filepath.Join(tmp, "exists.zip")
	os.WriteFile(existing, []byte("mine"), 0o644)
	badState := filepath.Join(tmp, "bad-state.json")
	os.WriteFile(badState, []byte(`{"version":1}`), 0o600)
	cred := append([]string{"--url", srv.URL}, upgradeCred...)
	with := func(cmd string, extra ...string) []string {
		return append(append([]string{cmd}, cred...), extra...)
	}
	for _, tc := range []struct {
		name   string
		inject func()
		args   []string
		code   int
		stderr string
	}{
		{"ok", nil, with("status"), 0, ""},
		{"failures", nil, with("process"), 1, "process: the platform reported 1 failure: DUMP:MISSING: No database dump was uploaded"},
		{"4xx", func() { srv.FailNext("status", 404, `{"failures":[]}`) }, with("status"), 1, "status: HTTP 404 Not Found"},
		{"wrong key", nil, []string{"status", "--url", srv.URL, "--request", "10534", "--key", "nope"}, 1, "KEY:INVALID"},
		{"5xx", func() { srv.FailNext("status", 503, "down") }, with("status"), 2, "status: HTTP 503 Service Unavailable"},
		{"not the API", func() { srv.FailNext("status", 200, "<html>") }, with("status"), 2, "not the API's JSON"},
		{"network", nil, []string{"status", "--url", "http://127.0.0.1:1", "--key", "k", "--request", "1"}, 2, "connection refused"},
		{"wait timeout", nil, with("wait", "--timeout", "1ns"), 2, "not done after 1ns"},
		{"missing key", nil, []string{"status", "--url", srv.URL, "--request", "1"}, 3, "--key is required (or --state FILE)"},
		{"missing request", nil, []string{"process", "--key", "k"}, 3, "--request is required"},
		{"bad request id", nil, []string{"process", "--key", "k", "--request", "abc"}, 3, `--request "abc": want the request id, a number`},
		{"bad aim", nil, append(upgradeCreateArgs(srv), "--aim", "prod"), 3, `--aim "prod": want test or production`},
		{"bad email", nil, append(upgradeCreateArgs(srv), "--email", "john"), 3, `--email "john": not an email address`},
		{"bad timezone", nil, append(upgradeCreateArgs(srv), "--timezone", "brus"), 3,
			"Timezone 'brus' is not a valid value. Here is a list of closest matches:\n'Europe/Brussels', 'Asia/Beirut', 'Asia/Brunei'"},
		{"missing contract", nil, []string{"create", "--email", "a@b.io", "--target", "17.0", "--aim", "test", "--filename", "x"}, 3, "--contract is required"},
		{"unknown flag", nil, with("status", "--colour"), 3, "flag provided but not defined: -colour"},
		{"bad --output", nil, with("status", "--output", "xml"), 3, `--output "xml": want json or text`},
		{"argument", nil, with("status", "extra"), 3, `unexpected argument "extra"`},
		{"bad url", nil, []string{"status", "--url", "upgrade.odoo.com", "--key", "k", "--request", "1"}, 3, "--url"},
		{"state and key", nil, []string{"status", "--state", badState, "--key", "k"}, 3, "--state replaces --key and --request"},
		{"bad --what", nil, with("download", "--what", "all"), 3, "--what \"all\""},
		{"bad interval", nil, with("wait", "--interval", "0s"), 3, "--interval"},
		{"missing dump", nil, with("upload", "--dbdump", filepath.Join(tmp, "none.dump")), 4, "--dbdump: open"},
		{"dump is a dir", nil, with("upload", "--dbdump", tmp), 4, "not a regular file"},
		{"missing ssh keys", nil, with("request-sftp-access", "--ssh-keys", filepath.Join(tmp, "none")), 4, "--ssh-keys: stat"},
		{"private key as ssh keys", func() {
			os.WriteFile(filepath.Join(tmp, "id"), []byte("-----BEGIN OPENSSH PRIVATE KEY-----\nxx\n"), 0o600)
		}, with("request-sftp-access", "--ssh-keys", filepath.Join(tmp, "id")), 4, "holds a private key"},
		{"missing state", nil, []string{"status", "--state", filepath.Join(tmp, "none.json")}, 4, "--state: open"},
		{"invalid state", nil, []string{"status", "--state", badState}, 4, "bad-state.json: url"},
		{"existing output", nil, with("download", "--what", "notes", "-o", existing), 4, "exists; remove it or pass --force"},
		{"create on existing state", nil, append(upgradeCreateArgs(srv), "--state", badState), 3, "exists already"},
	} {
		if tc.inject != nil {
			tc.inject()
		}
		_, errOut, code := upgradeCLI(t, srv, tmp, tc.args...)
		if code != tc.code || !strings.Contains(errOut, tc.stderr) {
			t.Errorf("%s: exit %d, stderr %q; want exit %d with %q", tc.name, code, errOut, tc.code, tc.stderr)
		}
		if strings.Contains(errOut, upgradeKey) {
			t.Errorf("%s: the key shows in stderr: %s", tc.name, errOut)
		}
	}
	if b, _ := os.ReadFile(existing); string(b) != "mine" {
		t.Error("an existing output file was overwritten")
	}
}

// TestUpgradeCLIFailedUpgrade: wait and run fail loudly, exit 1, with the
// platform's message, and still print the status.
func TestUpgradeCLIFailedUpgrade(t *testing.T) {
	srv := upgradetest.NewServer(t)
	srv.Polls, srv.FailUpgrade = 1, "The module account_custom has no upgrade script"
	tmp := t.TempDir()
	dump := filepath.Join(tmp, "db.dump")
	os.WriteFile(dump, []byte("PGDMP"), 0o644)
	out, errOut, code := upgradeCLI(t, srv, tmp, "run", "--url", srv.URL, "--contract", "M1", "--email", "a@b.io",
		"--target", "17.0", "--aim", "test", "--dbdump", dump, "--interval", "1ms")
	if code != 1 || !strings.Contains(errOut, "upgrade request 10534 failed: The module account_custom has no upgrade script") ||
		!strings.Contains(out, `"state": "failed"`) {
		t.Errorf("exit %d\nstdout %s\nstderr %s", code, out, errOut)
	}
}

// TestUpgradeCLIStateFile: create --state writes a 0600 file that later
// commands take instead of --key/--request; run resumes from its own.
func TestUpgradeCLIStateFile(t *testing.T) {
	srv := upgradetest.NewServer(t)
	srv.Polls = 1
	tmp := t.TempDir()
	state := filepath.Join(tmp, "req.json")
	if _, errOut, code := upgradeCLI(t, srv, tmp, upgradeCreateArgs(srv, "--state", state)...); code != 0 {
		t.Fatalf("create: %s", errOut)
	}
	if fi, err := os.Stat(state); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("state file: %v %v", fi, err)
	}
	// No --url: the state file's.
	out, errOut, code := upgradeCLI(t, srv, tmp, "status", "--state", state, "--output", "text")
	if code != 0 || !regexp.MustCompile(`\n  state: +draft\n`).MatchString(out) {
		t.Errorf("status --state: exit %d\n%s%s", code, out, errOut)
	}
	if _, errOut, code := upgradeCLI(t, srv, tmp, "status", "--state", state, "--url", "https://elsewhere.example"); code != 3 ||
		!strings.Contains(errOut, "the state file's request is on $URL") {
		t.Errorf("--url against the state: exit %d %s", code, errOut)
	}

	dump := filepath.Join(tmp, "db.dump")
	os.WriteFile(dump, []byte("PGDMP"), 0o644)
	runArgs := []string{"run", "--url", srv.URL, "--contract", "M1", "--email", "a@b.io", "--target", "17.0", "--aim", "test",
		"--dbdump", dump, "--interval", "1ms", "-o", filepath.Join(tmp, "result.zip"), "--retries", "0"}
	srv.CutDownloads(1000)
	_, errOut, code = upgradeCLI(t, srv, tmp, runArgs...)
	if code != 2 || !strings.Contains(errOut, "run the same command again to resume") {
		t.Fatalf("interrupted run: exit %d %s", code, errOut)
	}
	st, err := upgradeapi.LoadState(dump + ".upgrade-state.json")
	if err != nil || st.Step != upgradeapi.StepFinished {
		t.Fatalf("run state: %+v %v", st, err)
	}
	out, errOut, code = upgradeCLI(t, srv, tmp, runArgs[:len(runArgs)-2]...)
	if code != 0 || !strings.Contains(out, `"resumed_from": 1000`) {
		t.Errorf("resumed run: exit %d\n%s%s", code, out, errOut)
	}
}

// TestUpgradeCLISFTP maps sftp-put and download --sftp onto a real SSH
// server: the public key derived from --identity is sent, the host key is
// checked against --known-hosts, or --fingerprint.
func TestUpgradeCLISFTP(t *testing.T) {
	t.Setenv("SSH_AUTH_SOCK", "")
	srv := upgradetest.NewServer(t)
	sftpd := srv.StartSFTP(t)
	tmp := t.TempDir()
	dump := filepath.Join(tmp, "db.dump")
	data := []byte(strings.Repeat("sftp upload\n", 50000))
	os.WriteFile(dump, data, 0o644)
	identity := upgradetest.ClientKey(t)
	upgradeCLI(t, srv, tmp, upgradeCreateArgs(srv)...)
	cred := append([]string{"--url", srv.URL, "--identity", identity, "--known-hosts", sftpd.KnownHosts}, upgradeCred...)

	out, errOut, code := upgradeCLI(t, srv, tmp, append(append([]string{"sftp-put"}, cred...), "--dbdump", dump, "--output", "text")...)
	if code != 0 || !strings.Contains(out, "sftp put 127.0.0.1:") || !strings.Contains(out, "user_10534 $TMP/db.dump db.dump\n  bytes: 600000") {
		t.Fatalf("sftp-put: exit %d\n%s%s", code, out, errOut)
	}
	if got, _ := os.ReadFile(filepath.Join(sftpd.Dir, "db.dump")); string(got) != string(data) {
		t.Error("the remote file differs from the dump")
	}
	_, errOut, code = upgradeCLI(t, srv, tmp, append(append([]string{"sftp-put"}, cred...), "--dbdump", dump, "--fingerprint", "SHA256:"+strings.Repeat("A", 43))...)
	if code != 2 || !strings.Contains(errOut, "does not match the fingerprint") {
		t.Errorf("wrong fingerprint: exit %d %s", code, errOut)
	}

	upgradeCLI(t, srv, tmp, append(append([]string{"upload"}, cred[4:]...), "--dbdump", dump)...)
	upgradeCLI(t, srv, tmp, append([]string{"process", "--url", srv.URL}, upgradeCred...)...)
	upgradeCLI(t, srv, tmp, append([]string{"skip-test", "--url", srv.URL}, upgradeCred...)...)
	os.WriteFile(filepath.Join(sftpd.Dir, "upgraded_db.dump"), upgradetest.UpgradedData(), 0o644)
	dest := filepath.Join(tmp, "result.dump")
	out, errOut, code = upgradeCLI(t, srv, tmp, append(append([]string{"download", "--sftp"}, cred...), "-o", dest)...)
	if code != 0 || !strings.Contains(out, `"remote": "upgraded_db.dump"`) {
		t.Fatalf("download --sftp: exit %d\n%s%s", code, out, errOut)
	}
	if got, _ := os.ReadFile(dest); string(got) != string(upgradetest.UpgradedData()) {
		t.Error("the downloaded file differs")
	}
	_, errOut, code = upgradeCLI(t, srv, tmp, append(append([]string{"download", "--sftp"}, cred...), "-o", dest)...)
	if code != 4 {
		t.Errorf("download --sftp over an existing file: exit %d %s", code, errOut)
	}
}
