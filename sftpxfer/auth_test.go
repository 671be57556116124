package sftpxfer

import (
	"crypto/ed25519"
	"errors"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/agent"
)

// startAgent serves an in-process ssh-agent holding keys and points
// SSH_AUTH_SOCK at it.
func startAgent(t *testing.T, keys ...ed25519.PrivateKey) {
	t.Helper()
	// Unix socket paths are limited to ~100 bytes; t.TempDir can be longer.
	dir, err := os.MkdirTemp("", "agent")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	sock := filepath.Join(dir, "s")
	ln, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	kr := agent.NewKeyring()
	for _, k := range keys {
		if err := kr.Add(agent.AddedKey{PrivateKey: k}); err != nil {
			t.Fatal(err)
		}
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				agent.ServeAgent(kr, c)
			}()
		}
	}()
	t.Cleanup(func() { ln.Close(); <-done })
	t.Setenv("SSH_AUTH_SOCK", sock)
}

// fixtureKey returns a fixture whose authorised client key is priv.
func fixtureKey(t *testing.T, priv ed25519.PrivateKey) *fixture {
	t.Helper()
	fx := newFixture(t)
	pub, err := ssh.NewPublicKey(priv.Public())
	if err != nil {
		t.Fatal(err)
	}
	fx.srv.mu.Lock()
	fx.srv.clientPK = pub
	fx.srv.mu.Unlock()
	return fx
}

func TestIdentity(t *testing.T) {
	// One client key for all cases: encrypting it (bcrypt KDF) is slow.
	_, priv := newKeyPair(t)
	encrypted := writeIdentity(t, priv, "secret")
	for _, tc := range []struct {
		name string
		// setup returns the IdentityFile to use.
		setup func(t *testing.T, fx *fixture, priv ed25519.PrivateKey) string
		want  []string // error fragments; none means success
	}{
		{"unencrypted key file", func(t *testing.T, fx *fixture, priv ed25519.PrivateKey) string {
			return writeIdentity(t, priv, "")
		}, nil},
		{"passphrase, no agent", func(t *testing.T, fx *fixture, priv ed25519.PrivateKey) string {
			return encrypted
		}, []string{"protected by a passphrase", "ssh-add", "SSH_AUTH_SOCK is not set", "id_ed25519"}},
		{"passphrase, key in agent", func(t *testing.T, fx *fixture, priv ed25519.PrivateKey) string {
			startAgent(t, priv)
			return encrypted
		}, nil},
		{"passphrase, agent without the key", func(t *testing.T, fx *fixture, priv ed25519.PrivateKey) string {
			_, other := newKeyPair(t)
			startAgent(t, other)
			return encrypted
		}, []string{"does not hold it", "ssh-add"}},
		{"public key file, key in agent", func(t *testing.T, fx *fixture, priv ed25519.PrivateKey) string {
			startAgent(t, priv)
			pub, _ := ssh.NewPublicKey(priv.Public())
			p := filepath.Join(t.TempDir(), "id.pub")
			writeFile(t, p, ssh.MarshalAuthorizedKey(pub))
			return p
		}, nil},
		{"missing file", func(t *testing.T, fx *fixture, priv ed25519.PrivateKey) string {
			return filepath.Join(t.TempDir(), "nope")
		}, []string{"identity file", "nope"}},
		{"not a key", func(t *testing.T, fx *fixture, priv ed25519.PrivateKey) string {
			p := filepath.Join(t.TempDir(), "garbage")
			writeFile(t, p, []byte("hello"))
			return p
		}, []string{"garbage", "not an OpenSSH or PEM private key"}},
		{"key not authorised", func(t *testing.T, fx *fixture, priv ed25519.PrivateKey) string {
			_, other := newKeyPair(t)
			return writeIdentity(t, other, "")
		}, []string{"refused the key", "request-sftp-access", "user_42"}},
		{"default key in ~/.ssh", func(t *testing.T, fx *fixture, priv ed25519.PrivateKey) string {
			p := writeIdentity(t, priv, "")
			dir := filepath.Join(os.Getenv("HOME"), ".ssh")
			if err := os.MkdirAll(dir, 0o700); err != nil {
				t.Fatal(err)
			}
			writeFile(t, filepath.Join(dir, "id_ed25519"), readFile(t, p))
			return ""
		}, nil},
		{"agent only", func(t *testing.T, fx *fixture, priv ed25519.PrivateKey) string {
			startAgent(t, priv)
			return ""
		}, nil},
		{"nothing", func(t *testing.T, fx *fixture, priv ed25519.PrivateKey) string {
			return ""
		}, []string{"no SSH identity", "SSH_AUTH_SOCK is not set"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fx := fixtureKey(t, priv)
			fx.cfg.IdentityFile = tc.setup(t, fx, priv)
			err := putSmall(t, fx.cfg)
			if len(tc.want) == 0 {
				if err != nil {
					t.Fatal(err)
				}
				if got := string(readFile(t, fx.srv.local("db.dump"))); got != "pg dump" {
					t.Errorf("remote = %q", got)
				}
				return
			}
			if err == nil {
				t.Fatal("succeeded")
			}
			for _, s := range tc.want {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not mention %q", err, s)
				}
			}
		})
	}
}

func TestIdentityMissingIsNotExist(t *testing.T) {
	fx := newFixture(t)
	fx.cfg.IdentityFile = filepath.Join(t.TempDir(), "nope")
	if err := putSmall(t, fx.cfg); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("err = %v, want fs.ErrNotExist", err)
	}
}
