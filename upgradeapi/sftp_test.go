package upgradeapi

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/migrate-runner/migrate-runner/upgradeapi/upgradetest"
)

// TestUpgradeSFTPPutAndGet uploads the dump over SFTP with the platform's
// parameters, resumes a partial upload, and downloads the upgraded dump.
func TestUpgradeSFTPPutAndGet(t *testing.T) {
	t.Setenv("SSH_AUTH_SOCK", "") // no agent: only the key the test gives
	srv := upgradetest.NewServer(t)
	p := srv.StartSFTP(t)
	c, _ := newClient(t, srv)
	cr := created(t, c)
	ctx := context.Background()
	identity := upgradetest.ClientKey(t)
	data := []byte(strings.Repeat("a dump over sftp\n", 20000))
	dump := writeFile(t, "local.dump", data)
	opts := SFTPOptions{Identity: identity, KnownHosts: p.KnownHosts}

	// A partial upload from an earlier, interrupted run.
	os.WriteFile(filepath.Join(p.Dir, "db.dump"), data[:100000], 0o644)
	out, err := c.SFTPPut(ctx, cr, dump, opts)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(filepath.Join(p.Dir, "db.dump"))
	if sha(got) != sha(data) {
		t.Fatalf("remote file: %d bytes, want %d", len(got), len(data))
	}
	if s := out.SFTP; s == nil || s.Remote != "db.dump" || s.User != "user_10534" || s.Port != p.Port || s.Size != int64(len(data)) {
		t.Errorf("sftp info %+v", out.SFTP)
	}
	if out.Code != 200 || !strings.Contains(string(out.Body), `"sftp_user":"user_10534"`) {
		t.Errorf("request_sftp_access answer not in the output: %d %s", out.Code, out.Body)
	}

	// A wrong fingerprint stops before any byte moves: exit 2.
	bad := opts
	bad.Fingerprint = "SHA256:" + strings.Repeat("A", 43)
	if _, err := c.SFTPPut(ctx, cr, dump, bad); ExitCode(err) != ExitServer || !strings.Contains(err.Error(), "fingerprint") {
		t.Errorf("wrong fingerprint: %v", err)
	}
	// A missing identity file: exit 4.
	missing := opts
	missing.Identity = filepath.Join(t.TempDir(), "none")
	if _, err := c.SFTPPut(ctx, cr, dump, missing); ExitCode(err) != ExitFile {
		t.Errorf("missing identity: %v", err)
	}

	// Download: the platform delivers upgraded_<filename>.
	must(t)(c.Upload(ctx, cr, dump))
	must(t)(c.Process(ctx, cr))
	must(t)(c.SkipTest(ctx, cr))
	upgraded := upgradetest.UpgradedData()
	os.WriteFile(filepath.Join(p.Dir, "upgraded_db.dump"), upgraded, 0o644)
	dest := filepath.Join(t.TempDir(), "result.dump")
	out, err = c.SFTPGet(ctx, cr, dest, opts)
	if err != nil {
		t.Fatal(err)
	}
	if out.SFTP.SHA256 != sha(upgraded) || out.SFTP.Remote != "upgraded_db.dump" {
		t.Errorf("sftp get: %+v", out.SFTP)
	}
	if _, err := c.SFTPGet(ctx, cr, dest, opts); ExitCode(err) != ExitFile {
		t.Errorf("existing destination: %v", err)
	}
}

func TestUpgradeValidateSSHKeys(t *testing.T) {
	pub := "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG8mXk2G0EJKqGw9l5GrShm5w9xwVGM9tTCeHfs9xS7u me@host"
	for _, tc := range []struct {
		in  string
		err string
	}{
		{pub + "\n", ""},
		{"# comment\n\n" + pub + "\n  \n# end", ""},
		{"", "no SSH public key"},
		{"# only a comment\n", "no SSH public key"},
		{pub + "\nnot a key\n", "keys:2: not an SSH public key"},
		{"-----BEGIN OPENSSH PRIVATE KEY-----\n", "holds a private key"},
	} {
		err := ValidateSSHKeys([]byte(tc.in), "keys")
		if (tc.err == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), tc.err)) {
			t.Errorf("ValidateSSHKeys(%q) = %v, want %q", tc.in, err, tc.err)
		}
	}
}

func FuzzValidateSSHKeys(f *testing.F) {
	f.Add([]byte("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG8mXk2G0EJKqGw9l5GrShm5w9xwVGM9tTCeHfs9xS7u me@host\n"))
	f.Add([]byte("# c\n\nssh-rsa AAAA\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		if ValidateSSHKeys(b, "fuzz") == nil && strings.Contains(string(b), "PRIVATE KEY") {
			t.Fatal("accepted a private key")
		}
	})
}
