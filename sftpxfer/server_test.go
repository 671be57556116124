package sftpxfer

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"path"
	"path/filepath"
	"sync"
	"testing"

	"github.com/pkg/sftp"
	"golang.org/x/crypto/ssh"
)

// testServer is an in-process SSH server on 127.0.0.1:0 that serves SFTP
// (pkg/sftp's RequestServer) over a directory, with public-key auth. It
// can cut the connection after a number of bytes written or read, and
// records the bytes moved through each opened file handle.
type testServer struct {
	t        testing.TB
	ln       net.Listener
	dir      string
	hostKeys []ssh.Signer
	user     string
	clientPK ssh.PublicKey

	mu       sync.Mutex
	cutAfter int64 // per connection; 0 = never
	denyRead bool
	handles  []*handleStats // in open order, all connections
	active   int            // connections being served, under mu
	idle     *sync.Cond     // signalled when active drops to 0
}

type handleStats struct {
	path    string
	write   bool
	written int64
	read    int64
}

func newKeyPair(t testing.TB) (ssh.Signer, ed25519.PrivateKey) {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := ssh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return s, priv
}

func newECDSASigner(t *testing.T) ssh.Signer {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := ssh.NewSignerFromKey(k)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// writeIdentity writes priv as an OpenSSH private key file (encrypted when
// passphrase is set) and returns its path.
func writeIdentity(t testing.TB, priv ed25519.PrivateKey, passphrase string) string {
	t.Helper()
	var block *pem.Block
	var err error
	if passphrase == "" {
		block, err = ssh.MarshalPrivateKey(priv, "test key")
	} else {
		block, err = ssh.MarshalPrivateKeyWithPassphrase(priv, "test key", []byte(passphrase))
	}
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "id_ed25519")
	if err := os.WriteFile(p, pem.EncodeToMemory(block), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// startServer serves dir with the given host keys and accepts clientPK
// for user "user_42".
func startServer(t testing.TB, clientPK ssh.PublicKey, hostKeys ...ssh.Signer) *testServer {
	t.Helper()
	if len(hostKeys) == 0 {
		hk, _ := newKeyPair(t)
		hostKeys = []ssh.Signer{hk}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &testServer{t: t, ln: ln, dir: t.TempDir(), hostKeys: hostKeys, user: "user_42", clientPK: clientPK}
	srv.idle = sync.NewCond(&srv.mu)
	cfg := &ssh.ServerConfig{
		PublicKeyCallback: func(md ssh.ConnMetadata, key ssh.PublicKey) (*ssh.Permissions, error) {
			srv.mu.Lock()
			want := srv.clientPK
			srv.mu.Unlock()
			if md.User() == srv.user && string(key.Marshal()) == string(want.Marshal()) {
				return nil, nil
			}
			return nil, fmt.Errorf("key not authorized for %s", md.User())
		},
	}
	for _, k := range hostKeys {
		cfg.AddHostKey(k)
	}
	var acceptDone sync.WaitGroup
	acceptDone.Add(1)
	go func() {
		defer acceptDone.Done()
		for {
			nc, err := ln.Accept()
			if err != nil {
				return
			}
			srv.mu.Lock()
			srv.active++
			srv.mu.Unlock()
			go func() {
				defer func() {
					srv.mu.Lock()
					srv.active--
					if srv.active == 0 {
						srv.idle.Broadcast()
					}
					srv.mu.Unlock()
				}()
				srv.serveConn(nc, cfg)
			}()
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		acceptDone.Wait()
		srv.waitIdle()
	})
	return srv
}

func (s *testServer) port() int { return s.ln.Addr().(*net.TCPAddr).Port }

func (s *testServer) serveConn(nc net.Conn, cfg *ssh.ServerConfig) {
	defer nc.Close()
	sconn, chans, reqs, err := ssh.NewServerConn(nc, cfg)
	if err != nil {
		return
	}
	defer sconn.Close()
	go ssh.DiscardRequests(reqs)
	h := &connHandlers{srv: s, nc: nc}
	s.mu.Lock()
	h.cutAfter = s.cutAfter
	h.denyRead = s.denyRead
	s.mu.Unlock()
	var wg sync.WaitGroup
	for nch := range chans {
		if nch.ChannelType() != "session" {
			nch.Reject(ssh.UnknownChannelType, "only sessions")
			continue
		}
		ch, chReqs, err := nch.Accept()
		if err != nil {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer ch.Close()
			for req := range chReqs {
				// Payload is an SSH string: 4-byte length then "sftp".
				if req.Type == "subsystem" && len(req.Payload) >= 4 && string(req.Payload[4:]) == "sftp" {
					req.Reply(true, nil)
					go ssh.DiscardRequests(chReqs)
					rs := sftp.NewRequestServer(ch, sftp.Handlers{FileGet: h, FilePut: h, FileCmd: h, FileList: h})
					rs.Serve()
					rs.Close()
					return
				}
				req.Reply(false, nil)
			}
		}()
	}
	wg.Wait()
}

// waitIdle waits until every accepted connection has been fully served,
// so the files on disk no longer change. Callers have seen their client
// call return, so its connection was accepted already (the handshake
// needs the server).
func (s *testServer) waitIdle() {
	s.mu.Lock()
	for s.active > 0 {
		s.idle.Wait()
	}
	s.mu.Unlock()
}

func (s *testServer) local(p string) string {
	return filepath.Join(s.dir, filepath.FromSlash(path.Clean("/"+p)))
}

func (s *testServer) resetStats() {
	s.mu.Lock()
	s.handles = nil
	s.mu.Unlock()
}

func (s *testServer) stats() []handleStats {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]handleStats, len(s.handles))
	for i, h := range s.handles {
		out[i] = *h
	}
	return out
}

func (s *testServer) setCut(n int64) {
	s.mu.Lock()
	s.cutAfter = n
	s.mu.Unlock()
}

// connHandlers serves one connection; the byte budget for cutting is per
// connection.
type connHandlers struct {
	srv      *testServer
	nc       net.Conn
	cutAfter int64
	denyRead bool

	mu    sync.Mutex
	moved int64
	cut   bool
}

var errCut = errors.New("test server: connection cut")

// take reserves up to n bytes of the budget; it cuts the connection when
// the budget runs out.
func (h *connHandlers) take(n int) (int, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.cut {
		return 0, errCut
	}
	if h.cutAfter > 0 && h.moved+int64(n) >= h.cutAfter {
		allowed := int(h.cutAfter - h.moved)
		h.moved = h.cutAfter
		h.cut = true
		h.nc.Close()
		return allowed, errCut
	}
	h.moved += int64(n)
	return n, nil
}

func (h *connHandlers) track(p string, write bool) *handleStats {
	st := &handleStats{path: p, write: write}
	h.srv.mu.Lock()
	h.srv.handles = append(h.srv.handles, st)
	h.srv.mu.Unlock()
	return st
}

type serverFile struct {
	h  *connHandlers
	f  *os.File
	st *handleStats
}

func (f *serverFile) WriteAt(p []byte, off int64) (int, error) {
	n, cutErr := f.h.take(len(p))
	if n > 0 {
		m, err := f.f.WriteAt(p[:n], off)
		f.h.srv.mu.Lock()
		f.st.written += int64(m)
		f.h.srv.mu.Unlock()
		if err != nil {
			return m, err
		}
	}
	if cutErr != nil {
		return n, cutErr
	}
	return n, nil
}

func (f *serverFile) ReadAt(p []byte, off int64) (int, error) {
	m, rerr := f.f.ReadAt(p, off)
	n, cutErr := f.h.take(m)
	f.h.srv.mu.Lock()
	f.st.read += int64(n)
	f.h.srv.mu.Unlock()
	if cutErr != nil {
		return n, cutErr
	}
	return m, rerr
}

func (f *serverFile) Close() error { return f.f.Close() }

func (h *connHandlers) Filewrite(r *sftp.Request) (io.WriterAt, error) {
	flags := os.O_WRONLY
	pf := r.Pflags()
	if pf.Creat {
		flags |= os.O_CREATE
	}
	if pf.Trunc {
		flags |= os.O_TRUNC
	}
	// Never O_APPEND: pkg/sftp applies writes with WriteAt.
	f, err := os.OpenFile(h.srv.local(r.Filepath), flags, 0o644)
	if err != nil {
		return nil, err
	}
	return &serverFile{h: h, f: f, st: h.track(r.Filepath, true)}, nil
}

func (h *connHandlers) Fileread(r *sftp.Request) (io.ReaderAt, error) {
	if h.denyRead {
		return nil, sftp.ErrSSHFxPermissionDenied
	}
	f, err := os.Open(h.srv.local(r.Filepath))
	if err != nil {
		return nil, err
	}
	return &serverFile{h: h, f: f, st: h.track(r.Filepath, false)}, nil
}

func (h *connHandlers) Filecmd(r *sftp.Request) error {
	if r.Method == "Setstat" {
		return nil
	}
	return sftp.ErrSSHFxPermissionDenied
}

type listerAt []os.FileInfo

func (l listerAt) ListAt(out []os.FileInfo, off int64) (int, error) {
	if off >= int64(len(l)) {
		return 0, io.EOF
	}
	n := copy(out, l[off:])
	if n < len(out) {
		return n, io.EOF
	}
	return n, nil
}

func (h *connHandlers) Filelist(r *sftp.Request) (sftp.ListerAt, error) {
	switch r.Method {
	case "Stat", "Lstat":
		fi, err := os.Stat(h.srv.local(r.Filepath))
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, os.ErrNotExist
			}
			return nil, err
		}
		return listerAt{fi}, nil
	case "List":
		ents, err := os.ReadDir(h.srv.local(r.Filepath))
		if err != nil {
			return nil, err
		}
		var out listerAt
		for _, e := range ents {
			fi, err := e.Info()
			if err == nil {
				out = append(out, fi)
			}
		}
		return out, nil
	}
	return nil, sftp.ErrSSHFxOpUnsupported
}

// testData returns n deterministic bytes with no zero bytes, so a
// zero-filled hole always shows as a difference.
func testData(n int) []byte {
	b := make([]byte, 0, n+sha256.Size)
	seed := sha256.Sum256([]byte("sftpxfer test data"))
	for len(b) < n {
		seed = sha256.Sum256(seed[:])
		for _, c := range seed {
			b = append(b, c|1)
		}
	}
	return b[:n]
}

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func fileSHA(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return sha(b)
}
