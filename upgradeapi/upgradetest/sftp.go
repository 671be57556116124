package upgradetest

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"

	"github.com/pkg/sftp"
	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"
)

// SFTPServer is a real SSH server with the sftp subsystem behind
// request_sftp_access: it lets in user_<id> with the public keys that
// request sent, and serves Dir (the shared file and, once the request is
// done, upgraded_<file>). It does not restrict the client to one file.
type SFTPServer struct {
	Dir        string
	Port       int
	HostKey    ssh.PublicKey
	KnownHosts string // a known_hosts file that trusts HostKey

	mu      sync.Mutex
	allowed map[string]string // marshalled public key -> user
}

// StartSFTP starts an SFTP server on a free loopback port and points
// request_sftp_access at it. It stops with the test.
func (s *Server) StartSFTP(t testing.TB) *SFTPServer {
	t.Helper()
	p := &SFTPServer{Dir: t.TempDir(), allowed: map[string]string{}}
	_, hostPriv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	signer, err := ssh.NewSignerFromKey(hostPriv)
	if err != nil {
		t.Fatal(err)
	}
	p.HostKey = signer.PublicKey()
	cfg := &ssh.ServerConfig{PublicKeyCallback: func(m ssh.ConnMetadata, k ssh.PublicKey) (*ssh.Permissions, error) {
		p.mu.Lock()
		defer p.mu.Unlock()
		if user, ok := p.allowed[string(k.Marshal())]; ok && user == m.User() {
			return nil, nil
		}
		return nil, errors.New("key not sent with request_sftp_access")
	}}
	cfg.AddHostKey(signer)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	p.Port = ln.Addr().(*net.TCPAddr).Port
	go func() {
		for {
			nc, err := ln.Accept()
			if err != nil {
				return
			}
			go p.serve(nc, cfg)
		}
	}()
	p.KnownHosts = filepath.Join(t.TempDir(), "known_hosts")
	line := knownhosts.Line([]string{knownhosts.Normalize(ln.Addr().String())}, p.HostKey)
	if err := os.WriteFile(p.KnownHosts, []byte(line+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	s.SFTP = func(id int, keys []byte) (string, int) {
		p.mu.Lock()
		defer p.mu.Unlock()
		for rest := keys; len(rest) > 0; {
			k, _, _, r, err := ssh.ParseAuthorizedKey(rest)
			if err != nil {
				break
			}
			p.allowed[string(k.Marshal())] = "user_" + strconv.Itoa(id)
			rest = r
		}
		return "127.0.0.1", p.Port
	}
	return p
}

func (p *SFTPServer) serve(nc net.Conn, cfg *ssh.ServerConfig) {
	conn, chans, reqs, err := ssh.NewServerConn(nc, cfg)
	if err != nil {
		nc.Close()
		return
	}
	defer conn.Close()
	go ssh.DiscardRequests(reqs)
	for nch := range chans {
		if nch.ChannelType() != "session" {
			nch.Reject(ssh.UnknownChannelType, "session only")
			continue
		}
		ch, creqs, err := nch.Accept()
		if err != nil {
			return
		}
		go func() {
			defer ch.Close()
			for r := range creqs {
				// The payload of a subsystem request is an SSH string.
				ok := r.Type == "subsystem" && len(r.Payload) > 4 && string(r.Payload[4:]) == "sftp"
				r.Reply(ok, nil)
				if !ok {
					continue
				}
				srv, err := sftp.NewServer(ch, sftp.WithServerWorkingDirectory(p.Dir))
				if err == nil {
					srv.Serve()
					srv.Close()
				}
				return
			}
		}()
	}
}

// ClientKey writes an unencrypted OpenSSH ed25519 private key, without a
// .pub next to it, and returns its path.
func ClientKey(t testing.TB) string {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	block, err := ssh.MarshalPrivateKey(priv, "upgradetest")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "id_ed25519")
	if err := os.WriteFile(path, pem.EncodeToMemory(block), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}
