// Package sftpxfer is the SFTP transport of `migrate-runner upgrade`: it
// uploads a dump to, or downloads one from, the upgrade platform's SFTP
// server, resuming interrupted transfers.
//
// It owns the SSH connection (host key verification against known_hosts or
// a pinned fingerprint, public-key authentication from a key file or
// ssh-agent), streaming with constant memory, resume, progress reporting
// and cancellation. It does not know the platform's API: the caller gets
// host, port, user and file name from request_sftp_access and passes them
// in a Config.
//
// Resume. Put stats the remote file. A remote file longer than the local
// one is refused. Otherwise the remote prefix is compared with the local
// file: its first 32 KiB and its whole last rewindWindow bytes (about
// 2 MiB). Uploads pipeline up to 64 writes, which a server may apply out of
// order, so an interrupted upload can leave zero-filled holes in that last
// window but nowhere before it; a difference there where the remote byte
// is zero is such a hole, and the upload restarts at the first one. Any
// other difference is refused as "not the same file". When the server does
// not let the client read the file back, Put warns and rewrites the last
// window blindly (what `sftp put -a` does, minus the window). Get resumes
// localPath+".part" the same way, with the remote file as the reference,
// and renames it to localPath only once it has the remote file's size.
package sftpxfer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/pkg/sftp"
	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"
)

// Config says where and as whom to connect.
type Config struct {
	Host string
	Port int // 0 means 22
	User string
	// IdentityFile is a private key (OpenSSH or PEM). A passphrase-protected
	// key is used through ssh-agent (SSH_AUTH_SOCK). Empty: the agent's
	// keys and the unencrypted ~/.ssh/id_{ed25519,ecdsa,rsa}.
	IdentityFile string
	// KnownHostsFile defaults to ~/.ssh/known_hosts (plus
	// /etc/ssh/ssh_known_hosts when present). A missing file counts as
	// empty.
	KnownHostsFile string
	// Fingerprint pins the host key ("SHA256:..." as `ssh-keygen -lf`
	// prints it; the whole ssh-keygen line and MD5:... are accepted too)
	// and overrides known_hosts.
	Fingerprint string
	// Progress, when set, is called with the bytes that the remote (Put) or
	// local (Get) copy holds so far, counting any resumed prefix, and the
	// total size: first with the resume offset, then as often as every
	// 32 KiB, one call at a time but possibly from another goroutine (so
	// throttle any display in the callback). For Put the count is what was
	// handed to the SFTP client, up to 2 MiB ahead of what the server has
	// acknowledged.
	Progress func(done, total int64)
}

const (
	// maxPacket and maxConcurrent bound what is in flight per file: the
	// defaults of pkg/sftp, set explicitly because rewindWindow depends on
	// them.
	maxPacket     = 32 << 10
	maxConcurrent = 64
	// rewindWindow bounds where holes from an interrupted pipelined upload
	// can be: requests more than maxConcurrent+1 packets behind the newest
	// one sent had all been acknowledged (pkg/sftp's ReadFrom keeps
	// maxConcurrent workers plus the request being handed over).
	rewindWindow = (maxConcurrent + 2) * maxPacket
	// headBlock is the prefix also compared on resume, which catches a
	// different file of a similar size.
	headBlock = 32 << 10
	// compareChunk is the read size while comparing; pkg/sftp splits it
	// into concurrent requests.
	compareChunk = 256 << 10
	// handshakeTimeout bounds a server that accepts TCP and then stalls,
	// when the context has no earlier deadline.
	handshakeTimeout = time.Minute
)

// ErrNotPrefix is wrapped by the errors for a remote file (Put) or a .part
// file (Get) that is not a prefix of the file being transferred: longer, or
// with different content. Nothing is written in that case.
var ErrNotPrefix = errors.New("not a prefix of the file being transferred")

func (cfg Config) port() int {
	if cfg.Port == 0 {
		return 22
	}
	return cfg.Port
}

func (cfg Config) host() string {
	return strings.TrimSuffix(strings.TrimPrefix(cfg.Host, "["), "]")
}

func (cfg Config) addr() string {
	return net.JoinHostPort(cfg.host(), strconv.Itoa(cfg.port()))
}

func (cfg Config) label(remotePath string) string {
	return fmt.Sprintf("%s@%s:%s", cfg.User, cfg.addr(), remotePath)
}

func (cfg Config) validate() error {
	switch {
	case cfg.host() == "":
		return errors.New("host is empty")
	case cfg.port() < 1 || cfg.port() > 65535:
		return fmt.Errorf("port %d: out of range 1-65535", cfg.Port)
	case cfg.User == "":
		return errors.New("user is empty (the platform's SFTP user looks like user_<request id>)")
	}
	return nil
}

// session is one SSH connection with its SFTP client.
type session struct {
	ssh  *ssh.Client
	sftp *sftp.Client
	stop func() bool // detaches the ctx watcher
}

func (s *session) Close() {
	s.sftp.Close()
	s.ssh.Close()
	s.stop()
}

// dial connects, verifies the host key, authenticates and starts SFTP.
// Cancelling ctx at any point closes the TCP connection, which makes every
// pending SFTP call fail.
func dial(ctx context.Context, cfg Config) (*session, error) {
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	policy, err := newHostKeyPolicy(cfg)
	if err != nil {
		return nil, err
	}
	id, err := loadIdentity(ctx, cfg.IdentityFile)
	if err != nil {
		return nil, err
	}
	// Agent signatures are needed only during the handshake.
	defer id.close()

	addr := cfg.addr()
	host := knownhosts.Normalize(addr)
	base := ssh.ClientConfig{
		User:          cfg.User,
		Auth:          []ssh.AuthMethod{ssh.PublicKeys(id.signers...)},
		ClientVersion: "SSH-2.0-migrate-runner",
	}

	var client *ssh.Client
	var stop func() bool
	if policy.fp != nil {
		client, stop, err = dialFingerprint(ctx, addr, host, base, policy.fp)
	} else {
		client, stop, err = handshake(ctx, addr, func(remote net.Addr) *ssh.ClientConfig {
			cc := base
			cc.HostKeyAlgorithms = policy.algorithms(policy.knownFor(addr, remote))
			cc.HostKeyCallback = policy.callback(host)
			return &cc
		})
	}
	if err != nil {
		var herr *HostKeyError
		if errors.As(err, &herr) {
			return nil, herr
		}
		if strings.Contains(err.Error(), "unable to authenticate") {
			return nil, fmt.Errorf("authenticate to %s as %s with %s: the server refused the key (was its public key sent with request-sftp-access?): %w", addr, cfg.User, id.source, err)
		}
		return nil, err
	}
	sc, err := sftp.NewClient(client, sftp.MaxPacket(maxPacket), sftp.MaxConcurrentRequestsPerFile(maxConcurrent))
	if err != nil {
		client.Close()
		stop()
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("start sftp subsystem on %s: %w", addr, err)
	}
	return &session{ssh: client, sftp: sc, stop: stop}, nil
}

// handshake dials TCP and runs the SSH handshake with the config that
// mk builds once the remote address is known.
func handshake(ctx context.Context, addr string, mk func(net.Addr) *ssh.ClientConfig) (*ssh.Client, func() bool, error) {
	var d net.Dialer
	nc, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil, nil, fmt.Errorf("connect %s: %w", addr, err)
	}
	stop := context.AfterFunc(ctx, func() { nc.Close() })
	deadline := time.Now().Add(handshakeTimeout)
	if dl, ok := ctx.Deadline(); ok && dl.Before(deadline) {
		deadline = dl
	}
	_ = nc.SetDeadline(deadline)
	c, chans, reqs, err := ssh.NewClientConn(nc, addr, mk(nc.RemoteAddr()))
	if err != nil {
		stop()
		nc.Close()
		if ctx.Err() != nil {
			return nil, nil, ctx.Err()
		}
		return nil, nil, fmt.Errorf("ssh handshake with %s: %w", addr, err)
	}
	_ = nc.SetDeadline(time.Time{})
	return ssh.NewClient(c, chans, reqs), stop, nil
}

// dialFingerprint tries the server's host key types one by one until one
// has the pinned fingerprint: the fingerprint does not say the key type,
// and a server presents only one key per handshake.
func dialFingerprint(ctx context.Context, addr, host string, base ssh.ClientConfig, fp *fingerprint) (*ssh.Client, func() bool, error) {
	var offered []ssh.PublicKey
	algos := slices.Clone(hostKeyPrefs)
	for len(algos) > 0 {
		var got ssh.PublicKey
		client, stop, err := handshake(ctx, addr, func(net.Addr) *ssh.ClientConfig {
			cc := base
			cc.HostKeyAlgorithms = algos
			cc.HostKeyCallback = func(_ string, _ net.Addr, key ssh.PublicKey) error {
				got = key
				if fp.matches(key) {
					return nil
				}
				return errors.New("host key does not match the fingerprint")
			}
			return &cc
		})
		if err == nil {
			return client, stop, nil
		}
		if got == nil || fp.matches(got) {
			if got == nil && len(offered) > 0 && ctx.Err() == nil {
				break // no host key types left in common
			}
			return nil, nil, err
		}
		offered = append(offered, got)
		algos = slices.DeleteFunc(algos, func(a string) bool {
			return slices.Contains(algosForKeyType(got.Type()), a)
		})
	}
	return nil, nil, &HostKeyError{Kind: FingerprintMismatch, Host: host, Offered: offered, Fingerprint: fp.text}
}

// remoteReadError marks a failure to read the remote file while checking a
// resume, so Put can tell "server refuses reads" from local trouble.
type remoteReadError struct{ err error }

func (e *remoteReadError) Error() string { return "read remote file: " + e.err.Error() }
func (e *remoteReadError) Unwrap() error { return e.err }

type remoteReaderAt struct{ f *sftp.File }

func (r remoteReaderAt) ReadAt(p []byte, off int64) (int, error) {
	n, err := r.f.ReadAt(p, off)
	if err != nil && !(errors.Is(err, io.EOF) && n == len(p)) {
		return n, &remoteReadError{err}
	}
	return n, nil
}

func readFullAt(r io.ReaderAt, p []byte, off int64) error {
	n, err := r.ReadAt(p, off)
	if n == len(p) {
		return nil
	}
	if err == nil || errors.Is(err, io.EOF) {
		return fmt.Errorf("short read at byte %d: %d of %d bytes", off, n, len(p))
	}
	return err
}

// resumePoint decides where to continue when partial holds the first size
// bytes of a transfer of truth. See the package comment: the first
// headBlock bytes and the last rewindWindow bytes are compared, a zero in
// partial where truth differs inside that window is a hole to refill, and
// anything else is a different file (diffAt >= 0).
func resumePoint(truth, partial io.ReaderAt, size int64) (resume, diffAt int64, err error) {
	tailStart := max(0, size-rewindWindow)
	bt := make([]byte, compareChunk)
	bp := make([]byte, compareChunk)
	if n := min(headBlock, tailStart); n > 0 {
		if err := readFullAt(truth, bt[:n], 0); err != nil {
			return 0, -1, err
		}
		if err := readFullAt(partial, bp[:n], 0); err != nil {
			return 0, -1, err
		}
		for i := range n {
			if bt[i] != bp[i] {
				return 0, i, nil
			}
		}
	}
	hole := int64(-1)
	for off := tailStart; off < size; off += compareChunk {
		n := min(compareChunk, size-off)
		if err := readFullAt(truth, bt[:n], off); err != nil {
			return 0, -1, err
		}
		if err := readFullAt(partial, bp[:n], off); err != nil {
			return 0, -1, err
		}
		if bytes.Equal(bt[:n], bp[:n]) {
			continue
		}
		for i := range n {
			if bt[i] == bp[i] {
				continue
			}
			if bp[i] != 0 {
				return 0, off + i, nil
			}
			if hole < 0 {
				hole = off + i
			}
		}
	}
	if hole >= 0 {
		return hole, -1, nil
	}
	return size, -1, nil
}

// progressReader counts what the SFTP client takes from the local file
// and stops the transfer as soon as ctx is cancelled.
type progressReader struct {
	ctx         context.Context
	r           io.Reader
	done, total int64
	fn          func(done, total int64)
}

func (p *progressReader) Read(b []byte) (int, error) {
	if err := p.ctx.Err(); err != nil {
		return 0, err
	}
	n, err := p.r.Read(b)
	if n > 0 {
		p.done += int64(n)
		if p.fn != nil {
			p.fn(p.done, p.total)
		}
	}
	return n, err
}

// progressWriter is progressReader's counterpart for Get.
type progressWriter struct {
	ctx         context.Context
	w           io.Writer
	done, total int64
	fn          func(done, total int64)
}

func (p *progressWriter) Write(b []byte) (int, error) {
	if err := p.ctx.Err(); err != nil {
		return 0, err
	}
	n, err := p.w.Write(b)
	if n > 0 {
		p.done += int64(n)
		if p.fn != nil {
			p.fn(p.done, p.total)
		}
	}
	return n, err
}

// interrupted prefers the context's error: after a cancel, the transfer
// error is only the closed connection.
func interrupted(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return fmt.Errorf("interrupted: %w", ctx.Err())
	}
	return err
}

// isUnreadable reports a server that refuses to let the client read the
// file (upload-only servers).
func isUnreadable(err error) bool {
	var se *sftp.StatusError
	return errors.Is(err, fs.ErrPermission) ||
		(errors.As(err, &se) && se.FxCode() == sftp.ErrSSHFxOpUnsupported)
}

// Put uploads localPath to remotePath, resuming a partial remote file.
func Put(ctx context.Context, cfg Config, localPath, remotePath string) (err error) {
	defer func() {
		if err != nil {
			err = fmt.Errorf("sftp put %s to %s: %w", localPath, cfg.label(remotePath), err)
		}
	}()
	lf, err := os.Open(localPath)
	if err != nil {
		return err
	}
	defer lf.Close()
	st, err := lf.Stat()
	if err != nil {
		return err
	}
	if !st.Mode().IsRegular() {
		return fmt.Errorf("%s is not a regular file", localPath)
	}
	size := st.Size()

	s, err := dial(ctx, cfg)
	if err != nil {
		return interrupted(ctx, err)
	}
	defer s.Close()

	offset, exists, err := putResumePoint(s.sftp, remotePath, lf, size)
	if err != nil {
		return interrupted(ctx, err)
	}
	if cfg.Progress != nil {
		cfg.Progress(offset, size)
	}
	if offset < size || !exists {
		if offset > 0 {
			slog.Info("sftp put: resuming", "remote", cfg.label(remotePath), "offset", offset, "size", size)
		}
		// No O_APPEND: writes carry explicit offsets (and may be pipelined
		// out of order), which an append-mode server would ignore.
		rf, err := s.sftp.OpenFile(remotePath, os.O_WRONLY|os.O_CREATE)
		if err != nil {
			return interrupted(ctx, fmt.Errorf("open remote file for writing: %w", err))
		}
		if _, err := rf.Seek(offset, io.SeekStart); err != nil {
			rf.Close()
			return err
		}
		pr := &progressReader{ctx: ctx, r: io.NewSectionReader(lf, offset, size-offset), done: offset, total: size, fn: cfg.Progress}
		_, werr := rf.ReadFromWithConcurrency(pr, maxConcurrent)
		cerr := rf.Close()
		if werr != nil {
			return interrupted(ctx, fmt.Errorf("upload from byte %d: %w", offset, werr))
		}
		if cerr != nil {
			return interrupted(ctx, fmt.Errorf("close remote file: %w", cerr))
		}
	}
	fi, err := s.sftp.Stat(remotePath)
	if err != nil {
		return interrupted(ctx, fmt.Errorf("stat remote file after upload: %w", err))
	}
	if fi.Size() != size {
		return fmt.Errorf("remote file has %d bytes after upload, want %d (changed by someone else?)", fi.Size(), size)
	}
	return nil
}

// putResumePoint returns the offset from which to upload, refusing a
// remote file that is not a prefix of the local one.
func putResumePoint(c *sftp.Client, remotePath string, local *os.File, size int64) (offset int64, exists bool, err error) {
	offset, err = putResumeOffset(c, remotePath, local, size)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, false, nil
	}
	return offset, err == nil, err
}

func putResumeOffset(c *sftp.Client, remotePath string, local *os.File, size int64) (int64, error) {
	fi, err := c.Stat(remotePath)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, err
	}
	if err != nil {
		return 0, fmt.Errorf("stat remote file: %w", err)
	}
	if fi.IsDir() {
		return 0, errors.New("remote path is a directory")
	}
	rsize := fi.Size()
	if rsize > size {
		return 0, fmt.Errorf("remote file has %d bytes, more than the %d of the local file: %w; nothing was written", rsize, size, ErrNotPrefix)
	}
	if rsize == 0 {
		return 0, nil
	}
	blind := max(0, rsize-rewindWindow)
	rf, err := c.Open(remotePath)
	if err != nil {
		if isUnreadable(err) {
			slog.Warn("sftp put: server does not allow reading the partial upload back; resuming without checking its content", "remote", remotePath, "remote_size", rsize, "resume_at", blind, "error", err)
			return blind, nil
		}
		return 0, fmt.Errorf("open remote file to check the partial upload: %w", err)
	}
	defer rf.Close()
	resume, diffAt, err := resumePoint(local, remoteReaderAt{rf}, rsize)
	if err != nil {
		var re *remoteReadError
		if errors.As(err, &re) && isUnreadable(err) {
			slog.Warn("sftp put: server does not allow reading the partial upload back; resuming without checking its content", "remote", remotePath, "remote_size", rsize, "resume_at", blind, "error", err)
			return blind, nil
		}
		return 0, fmt.Errorf("check the partial upload: %w", err)
	}
	if diffAt >= 0 {
		return 0, fmt.Errorf("remote file (%d bytes) differs from the local file at byte %d: %w; nothing was written", rsize, diffAt, ErrNotPrefix)
	}
	return resume, nil
}

// Get downloads remotePath into localPath+".part", resuming from its size,
// and renames it to localPath once complete (replacing localPath).
func Get(ctx context.Context, cfg Config, remotePath, localPath string) (err error) {
	defer func() {
		if err != nil {
			err = fmt.Errorf("sftp get %s to %s: %w", cfg.label(remotePath), localPath, err)
		}
	}()
	part := localPath + ".part"
	s, err := dial(ctx, cfg)
	if err != nil {
		return interrupted(ctx, err)
	}
	defer s.Close()

	rf, err := s.sftp.Open(remotePath)
	if err != nil {
		return interrupted(ctx, fmt.Errorf("open remote file: %w", err))
	}
	defer rf.Close()
	fi, err := rf.Stat()
	if err != nil {
		return interrupted(ctx, fmt.Errorf("stat remote file: %w", err))
	}
	if fi.IsDir() {
		return errors.New("remote path is a directory")
	}
	size := fi.Size()

	pf, err := os.OpenFile(part, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return err
	}
	defer func() {
		if pf != nil {
			pf.Close()
		}
	}()
	pst, err := pf.Stat()
	if err != nil {
		return err
	}
	have := pst.Size()
	if have > size {
		return fmt.Errorf("%s has %d bytes, more than the %d of the remote file: %w; remove it to download again", part, have, size, ErrNotPrefix)
	}
	offset := int64(0)
	if have > 0 {
		resume, diffAt, err := resumePoint(remoteReaderAt{rf}, pf, have)
		if err != nil {
			return interrupted(ctx, fmt.Errorf("check %s: %w", part, err))
		}
		if diffAt >= 0 {
			return fmt.Errorf("%s differs from the remote file at byte %d: %w; remove it to download again", part, diffAt, ErrNotPrefix)
		}
		offset = resume
		if offset < have {
			// A zero-filled tail (e.g. lost on a crash before it reached
			// the disk) is fetched again.
			if err := pf.Truncate(offset); err != nil {
				return err
			}
		}
		if offset > 0 {
			slog.Info("sftp get: resuming", "remote", cfg.label(remotePath), "offset", offset, "size", size)
		}
	}
	if cfg.Progress != nil {
		cfg.Progress(offset, size)
	}
	if offset < size {
		if _, err := pf.Seek(offset, io.SeekStart); err != nil {
			return err
		}
		if _, err := rf.Seek(offset, io.SeekStart); err != nil {
			return err
		}
		pw := &progressWriter{ctx: ctx, w: pf, done: offset, total: size, fn: cfg.Progress}
		if _, err := rf.WriteTo(pw); err != nil {
			return interrupted(ctx, fmt.Errorf("download from byte %d: %w", offset, err))
		}
	}
	pst, err = pf.Stat()
	if err != nil {
		return err
	}
	if pst.Size() != size {
		// A server returning short reads, or a remote file that changed
		// during the transfer; keep the .part for inspection.
		return fmt.Errorf("%s has %d bytes after the download, want %d", part, pst.Size(), size)
	}
	if err := pf.Sync(); err != nil {
		return err
	}
	err = pf.Close()
	pf = nil
	if err != nil {
		return err
	}
	if err := os.Rename(part, localPath); err != nil {
		return err
	}
	return syncDir(filepath.Dir(localPath))
}

// syncDir makes the rename durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}
