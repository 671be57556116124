package sftpxfer

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"
)

var update = flag.Bool("update", false, "rewrite golden files")

func loadPub(t *testing.T, name string) ssh.PublicKey {
	t.Helper()
	k, _, _, _, err := ssh.ParseAuthorizedKey(readFile(t, filepath.Join("testdata", name)))
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// TestFingerprintGolden: the fingerprints that OpenSSH's ssh-keygen -lf
// printed for the keys in testdata (whole lines and the bare value) match
// those keys, and only those.
func TestFingerprintGolden(t *testing.T) {
	keys := map[string]ssh.PublicKey{
		"hostkey_ed25519.pub": loadPub(t, "hostkey_ed25519.pub"),
		"hostkey_rsa.pub":     loadPub(t, "hostkey_rsa.pub"),
	}
	for name, key := range keys {
		for _, ext := range []string{".sha256", ".md5"} {
			line := strings.TrimSpace(string(readFile(t, filepath.Join("testdata", name+ext))))
			for _, in := range []string{line, strings.Fields(line)[1]} {
				fp, err := parseFingerprint(in)
				if err != nil {
					t.Fatalf("%s: %v", in, err)
				}
				for other, k := range keys {
					if got := fp.matches(k); got != (other == name) {
						t.Errorf("fingerprint %q matches %s: %v", in, other, got)
					}
				}
				if fp.String() != strings.Fields(line)[1] {
					t.Errorf("String() = %q, want %q", fp.String(), strings.Fields(line)[1])
				}
			}
		}
		if got := ssh.FingerprintSHA256(key); !strings.Contains(string(readFile(t, filepath.Join("testdata", name+".sha256"))), got) {
			t.Errorf("x/crypto fingerprint %s differs from ssh-keygen's", got)
		}
	}
}

func TestParseFingerprint(t *testing.T) {
	const good = "SHA256:owxK3ndwXp2PmUtz3iZO6KW3Zj48mdoI7xcnDKlScas"
	for _, tc := range []struct {
		in, err string
	}{
		{good, ""},
		{"  " + good + "\n", ""},
		{good + "=", ""},
		{"sha256:owxK3ndwXp2PmUtz3iZO6KW3Zj48mdoI7xcnDKlScas", ""},
		{"256 " + good + " a comment with spaces (ED25519)", ""},
		{"MD5:e6:54:c9:2b:d3:56:48:22:93:6a:05:bc:5a:cd:fb:da", ""},
		{"", "empty"},
		{"owxK3ndwXp2PmUtz3iZO6KW3Zj48mdoI7xcnDKlScas", "want SHA256:"},
		{"SHA256:owxK3ndwXp2PmUtz3iZO6KW3Zj48mdoI7xcnDKlSca", "43 base64"},
		{"SHA256:owxK3ndwXp2PmUtz3iZO6KW3Zj48mdoI7xcnDKlScasA", "43 base64"},
		{"SHA256:owxK3ndwXp2PmUtz3iZO6KW3Zj48mdoI7xcnDKlSca!", "43 base64"},
		{"SHA1:abcd", "unknown hash"},
		{"MD5:e6:54:c9", "16 colon-separated"},
		{"MD5:e6:54:c9:2b:d3:56:48:22:93:6a:05:bc:5a:cd:fb:zz", "16 colon-separated"},
		{"MD5:e6:54:c9:2b:d3:56:48:22:93:6a:05:bc:5a:cd:fb:d", "16 colon-separated"},
		{good + " trailing", "want SHA256:"},
	} {
		_, err := parseFingerprint(tc.in)
		switch {
		case tc.err == "" && err != nil:
			t.Errorf("%q: %v", tc.in, err)
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("%q: err %v, want %q", tc.in, err, tc.err)
		}
	}
}

func FuzzParseFingerprint(f *testing.F) {
	for _, s := range []string{
		"SHA256:owxK3ndwXp2PmUtz3iZO6KW3Zj48mdoI7xcnDKlScas",
		"256 SHA256:owxK3ndwXp2PmUtz3iZO6KW3Zj48mdoI7xcnDKlScas c (ED25519)",
		"MD5:e6:54:c9:2b:d3:56:48:22:93:6a:05:bc:5a:cd:fb:da",
		"", "SHA256:", "MD5:::", "2048 x",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fp, err := parseFingerprint(s)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fingerprint") {
				t.Errorf("error %q does not name the parameter", err)
			}
			return
		}
		// The canonical form parses back to the same hash.
		again, err := parseFingerprint(fp.String())
		if err != nil || again.md5 != fp.md5 || string(again.sum) != string(fp.sum) {
			t.Errorf("%q -> %q does not round-trip: %v", s, fp.String(), err)
		}
		if (fp.md5 && len(fp.sum) != 16) || (!fp.md5 && len(fp.sum) != 32) {
			t.Errorf("%q: hash of %d bytes", s, len(fp.sum))
		}
	})
}

// TestHostKeyErrorGolden checks the full messages against known_hosts
// entries in testdata, without a network.
func TestHostKeyErrorGolden(t *testing.T) {
	ed := loadPub(t, "hostkey_ed25519.pub")
	other := loadPub(t, "hostkey_ed25519_other.pub")
	ec := loadPub(t, "hostkey_ecdsa.pub")
	rsa := loadPub(t, "hostkey_rsa.pub")
	kh := "testdata/known_hosts_messages"
	remote := &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 2200}
	check := func(file, hostport string, key ssh.PublicKey) error {
		p, err := newHostKeyPolicy(Config{KnownHostsFile: file})
		if err != nil {
			t.Fatal(err)
		}
		return p.callback(knownhosts.Normalize(hostport))(hostport, remote, key)
	}
	cases := []struct {
		name string
		err  error
		kind HostKeyErrorKind
	}{
		{"accepted", check(kh, "upgrade.example.com:22", ed), 0},
		{"mismatch", check(kh, "upgrade.example.com:22", other), HostKeyMismatch},
		{"other type known", check(kh, "127.0.0.1:2200", ed), HostKeyUnknown},
		{"accepted other port form", check(kh, "127.0.0.1:2200", ec), 0},
		{"unknown", check(kh, "upgrade.example.com:2200", ed), HostKeyUnknown},
		{"revoked", check(kh, "upgrade.example.com:22", rsa), HostKeyRevoked},
		{"missing file", check("testdata/no_such_known_hosts", "upgrade.example.com:22", ed), HostKeyUnknown},
		{"fingerprint", &HostKeyError{Kind: FingerprintMismatch, Host: "[127.0.0.1]:2200", Offered: []ssh.PublicKey{ed, ec}, Fingerprint: "SHA256:eAq5jLBRowPrVDFnIpNchM0GbM32yvGeenfGjj6xIRg"}, FingerprintMismatch},
	}
	var out strings.Builder
	for _, tc := range cases {
		var herr *HostKeyError
		switch {
		case tc.kind == 0 && tc.err != nil:
			t.Errorf("%s: %v", tc.name, tc.err)
		case tc.kind != 0 && (!errors.As(tc.err, &herr) || herr.Kind != tc.kind):
			t.Errorf("%s: %v, want kind %d", tc.name, tc.err, tc.kind)
		}
		fmt.Fprintf(&out, "== %s\n%v\n", tc.name, tc.err)
	}
	golden := filepath.Join("testdata", "hostkey_errors.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(out.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if want := string(readFile(t, golden)); out.String() != want {
		t.Errorf("messages differ from %s (run with -update to accept):\n%s", golden, out.String())
	}
}

// TestOpenSSHHashedKnownHosts: entries hashed by ssh-keygen -H, for a
// [host]:port and a plain host, are honoured.
func TestOpenSSHHashedKnownHosts(t *testing.T) {
	p, err := newHostKeyPolicy(Config{KnownHostsFile: "testdata/known_hosts_openssh_hashed"})
	if err != nil {
		t.Fatal(err)
	}
	remote := &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 2200}
	ed := loadPub(t, "hostkey_ed25519.pub")
	rsa := loadPub(t, "hostkey_rsa.pub")
	if err := p.callback("[127.0.0.1]:2200")("127.0.0.1:2200", remote, ed); err != nil {
		t.Errorf("hashed [127.0.0.1]:2200: %v", err)
	}
	if err := p.callback("upgrade.example.com")("upgrade.example.com:22", remote, rsa); err != nil {
		t.Errorf("hashed upgrade.example.com: %v", err)
	}
	var herr *HostKeyError
	if err := p.callback("[127.0.0.1]:2200")("127.0.0.1:2200", remote, rsa); !errors.As(err, &herr) || herr.Kind != HostKeyUnknown || herr.Known[0].Line != 1 {
		t.Errorf("rsa key for [127.0.0.1]:2200: %v", err)
	}
	// The known key types come first in the algorithm list.
	known := p.knownFor("upgrade.example.com:22", remote)
	if algos := p.algorithms(known); algos[0] != ssh.KeyAlgoRSASHA512 || algos[1] != ssh.KeyAlgoRSASHA256 {
		t.Errorf("algorithms for an RSA-known host: %v", algos)
	}
}

// knownHostsFile writes lines into a fresh known_hosts file.
func knownHostsFile(t *testing.T, lines ...string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "known_hosts")
	writeFile(t, p, []byte(strings.Join(lines, "\n")+"\n"))
	return p
}

// putSmall uploads a small file and reports the error.
func putSmall(t *testing.T, cfg Config) error {
	t.Helper()
	local := filepath.Join(t.TempDir(), "db.dump")
	writeFile(t, local, []byte("pg dump"))
	return Put(context.Background(), cfg, local, "db.dump")
}

func TestKnownHostsOverNetwork(t *testing.T) {
	ed, _ := newKeyPair(t)
	ec := newECDSASigner(t)
	otherKey, _ := newKeyPair(t)
	line := func(host string, k ssh.PublicKey) string { return knownhosts.Line([]string{host}, k) }

	cases := []struct {
		name     string
		hostKeys []ssh.Signer
		lines    func(port int) []string
		kind     HostKeyErrorKind
		contains []string
	}{
		{"bracketed host:port", []ssh.Signer{ed}, func(port int) []string {
			return []string{line(fmt.Sprintf("[127.0.0.1]:%d", port), ed.PublicKey())}
		}, 0, nil},
		{"hashed entry among others", []ssh.Signer{ed}, func(port int) []string {
			return []string{
				"# comment",
				line("127.0.0.1", otherKey.PublicKey()), // port 22: another host
				knownhosts.HashHostname(fmt.Sprintf("[127.0.0.1]:%d", port)) + " " + strings.TrimSpace(string(ssh.MarshalAuthorizedKey(ed.PublicKey()))),
			}
		}, 0, nil},
		{"wildcard pattern", []ssh.Signer{ed}, func(port int) []string {
			return []string{line(fmt.Sprintf("[127.0.0.*]:%d", port), ed.PublicKey())}
		}, 0, nil},
		{"server prefers a type not known", []ssh.Signer{ed, ec}, func(port int) []string {
			// ed25519 is preferred by default; the known ECDSA key must win.
			return []string{line(fmt.Sprintf("[127.0.0.1]:%d", port), ec.PublicKey())}
		}, 0, nil},
		{"mismatch", []ssh.Signer{ed}, func(port int) []string {
			return []string{"# pinned", "", line(fmt.Sprintf("[127.0.0.1]:%d", port), otherKey.PublicKey())}
		}, HostKeyMismatch, []string{"known_hosts:3", "ssh-ed25519", ssh.FingerprintSHA256(ed.PublicKey()), ssh.FingerprintSHA256(otherKey.PublicKey()), "man-in-the-middle", "ssh-keygen -R"}},
		{"hashed mismatch", []ssh.Signer{ed}, func(port int) []string {
			return []string{knownhosts.HashHostname(fmt.Sprintf("[127.0.0.1]:%d", port)) + " " + strings.TrimSpace(string(ssh.MarshalAuthorizedKey(otherKey.PublicKey())))}
		}, HostKeyMismatch, []string{"known_hosts:1", ssh.FingerprintSHA256(ed.PublicKey())}},
		{"unknown host", []ssh.Signer{ed}, func(port int) []string {
			return []string{line("127.0.0.1", ed.PublicKey()), line(fmt.Sprintf("[127.0.0.1]:%d", port+1), ed.PublicKey())}
		}, HostKeyUnknown, []string{"not known", ssh.FingerprintSHA256(ed.PublicKey()), "--fingerprint", "append this line"}},
		{"only another type known", []ssh.Signer{ed}, func(port int) []string {
			return []string{line(fmt.Sprintf("[127.0.0.1]:%d", port), ec.PublicKey())}
		}, HostKeyUnknown, []string{"keys of other types", "ecdsa-sha2-nistp256 at"}},
		{"revoked", []ssh.Signer{ed}, func(port int) []string {
			return []string{line(fmt.Sprintf("[127.0.0.1]:%d", port), ed.PublicKey()), "@revoked * " + strings.TrimSpace(string(ssh.MarshalAuthorizedKey(ed.PublicKey())))}
		}, HostKeyRevoked, []string{"REVOKED", "known_hosts:2"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			fx := newFixture(t, tc.hostKeys...)
			fx.cfg.KnownHostsFile = knownHostsFile(t, tc.lines(fx.srv.port())...)
			err := putSmall(t, fx.cfg)
			if tc.kind == 0 {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			var herr *HostKeyError
			if !errors.As(err, &herr) || herr.Kind != tc.kind {
				t.Fatalf("err = %v, want HostKeyError kind %d", err, tc.kind)
			}
			for _, s := range append(tc.contains, fmt.Sprintf("[127.0.0.1]:%d", fx.srv.port())) {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not mention %q", err, s)
				}
			}
			if _, err := os.Stat(fx.srv.local("db.dump")); err == nil {
				t.Error("file written despite the refused host key")
			}
			if len(fx.srv.stats()) != 0 {
				t.Error("SFTP handles opened despite the refused host key")
			}
		})
	}
}

func TestDefaultKnownHosts(t *testing.T) {
	saved := globalKnownHosts
	globalKnownHosts = filepath.Join(t.TempDir(), "none")
	t.Cleanup(func() { globalKnownHosts = saved })

	fx := newFixture(t)
	fx.cfg.KnownHostsFile = ""
	// newFixture set HOME to an empty directory: no ~/.ssh/known_hosts.
	var herr *HostKeyError
	err := putSmall(t, fx.cfg)
	if !errors.As(err, &herr) || herr.Kind != HostKeyUnknown || !strings.Contains(err.Error(), "does not exist") {
		t.Fatalf("without ~/.ssh/known_hosts: %v", err)
	}
	home := os.Getenv("HOME")
	if err := os.MkdirAll(filepath.Join(home, ".ssh"), 0o700); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(home, ".ssh", "known_hosts"), readFile(t, fx.kh))
	if err := putSmall(t, fx.cfg); err != nil {
		t.Fatalf("with ~/.ssh/known_hosts: %v", err)
	}
}

func TestFingerprintOverNetwork(t *testing.T) {
	ed, _ := newKeyPair(t)
	ec := newECDSASigner(t)
	wrong, _ := newKeyPair(t)
	for _, tc := range []struct {
		name string
		fp   string
		ok   bool
	}{
		{"preferred key", ssh.FingerprintSHA256(ed.PublicKey()), true},
		{"second key type", ssh.FingerprintSHA256(ec.PublicKey()), true},
		{"ssh-keygen line", "256 " + ssh.FingerprintSHA256(ec.PublicKey()) + " root@host (ECDSA)", true},
		{"md5", "MD5:" + ssh.FingerprintLegacyMD5(ed.PublicKey()), true},
		{"wrong", ssh.FingerprintSHA256(wrong.PublicKey()), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fx := newFixture(t, ed, ec)
			// A conflicting known_hosts entry: the fingerprint overrides it.
			fx.cfg.KnownHostsFile = knownHostsFile(t, knownhosts.Line([]string{fmt.Sprintf("[127.0.0.1]:%d", fx.srv.port())}, wrong.PublicKey()))
			fx.cfg.Fingerprint = tc.fp
			err := putSmall(t, fx.cfg)
			if tc.ok {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			var herr *HostKeyError
			if !errors.As(err, &herr) || herr.Kind != FingerprintMismatch {
				t.Fatalf("err = %v, want FingerprintMismatch", err)
			}
			// Both of the server's keys were seen and are reported.
			for _, s := range []string{tc.fp, ssh.FingerprintSHA256(ed.PublicKey()), ssh.FingerprintSHA256(ec.PublicKey())} {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not mention %q", err, s)
				}
			}
			if len(fx.srv.stats()) != 0 {
				t.Error("SFTP handles opened despite the refused host key")
			}
		})
	}
}
