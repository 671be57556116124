package upgradeapi

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/crypto/ssh"

	"github.com/migrate-runner/migrate-runner/sftpxfer"
)

// SFTPOptions configure SFTPPut and SFTPGet.
type SFTPOptions struct {
	// Identity is the private key to log in with. Empty: sftpxfer's
	// defaults (ssh-agent, then ~/.ssh/id_ed25519, id_ecdsa, id_rsa).
	Identity string
	// SSHKeys is an authorized_keys file to send with request_sftp_access.
	// Empty: the public key of Identity (Identity.pub, or derived from the
	// private key), or of the first default key found.
	SSHKeys string
	// KnownHosts and Fingerprint verify the server's host key, as
	// sftpxfer.Config documents.
	KnownHosts  string
	Fingerprint string
	// Remote is the file to download (SFTPGet). Empty: the shared file
	// when its name starts with "upgraded_", else "upgraded_" + its name,
	// the documents' naming.
	Remote string
	// Force replaces an existing destination (SFTPGet).
	Force bool
}

// SFTPInfo describes a finished SFTP transfer.
type SFTPInfo struct {
	Direction string `json:"direction"` // put or get
	Host      string `json:"host"`
	Port      int    `json:"port"`
	User      string `json:"user"`
	Local     string `json:"local"`
	Remote    string `json:"remote"`
	Size      int64  `json:"size"`
	SHA256    string `json:"sha256,omitempty"` // get only
}

// ValidateSSHKeys checks an authorized_keys file the way the documents
// describe it: public keys, blank lines and # comments only. A private
// key is refused before it could be sent anywhere.
func ValidateSSHKeys(b []byte, name string) error {
	if bytes.Contains(b, []byte("PRIVATE KEY")) {
		return fmt.Errorf("%s: holds a private key; send the public key (.pub) only", name)
	}
	n := 0
	for i, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if _, _, _, _, err := ssh.ParseAuthorizedKey([]byte(line)); err != nil {
			return fmt.Errorf("%s:%d: not an SSH public key: %v", name, i+1, err)
		}
		n++
	}
	if n == 0 {
		return fmt.Errorf("%s: no SSH public key", name)
	}
	return nil
}

// ReadSSHKeys reads and checks an authorized_keys file (exit 4 on a
// missing, unreadable or unsuitable file).
func ReadSSHKeys(path string) ([]byte, error) {
	if path == "" {
		return nil, usageErr(errors.New("--ssh-keys is required"))
	}
	st, err := os.Stat(path)
	if err != nil {
		return nil, fileErr(fmt.Errorf("--ssh-keys: %w", err))
	}
	if st.Size() > MaxSSHKeys {
		return nil, fileErr(fmt.Errorf("--ssh-keys %s: %d bytes, more than an authorized_keys file holds", path, st.Size()))
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fileErr(fmt.Errorf("--ssh-keys: %w", err))
	}
	if err := ValidateSSHKeys(b, path); err != nil {
		return nil, fileErr(fmt.Errorf("--ssh-keys %w", err))
	}
	return b, nil
}

// publicKeyOf is the authorized_keys line of a private key file: its
// .pub when there is one, else derived from the key (which works without
// the passphrase for OpenSSH-format keys).
func publicKeyOf(identity string) ([]byte, error) {
	if b, err := os.ReadFile(identity + ".pub"); err == nil {
		if ValidateSSHKeys(b, identity+".pub") == nil {
			return b, nil
		}
	}
	b, err := os.ReadFile(identity)
	if err != nil {
		return nil, fileErr(fmt.Errorf("--identity: %w", err))
	}
	var pub ssh.PublicKey
	signer, err := ssh.ParsePrivateKey(b)
	var missing *ssh.PassphraseMissingError
	switch {
	case err == nil:
		pub = signer.PublicKey()
	case errors.As(err, &missing) && missing.PublicKey != nil:
		pub = missing.PublicKey
	default:
		if p, _, _, _, perr := ssh.ParseAuthorizedKey(b); perr == nil {
			pub = p // a .pub given as --identity: the agent holds the key
		} else {
			return nil, fileErr(fmt.Errorf("--identity %s: cannot read its public key (%v); pass --ssh-keys with it", identity, err))
		}
	}
	return ssh.MarshalAuthorizedKey(pub), nil
}

// keysToSend picks the public keys request_sftp_access gets, and the
// name of the file part.
func (o SFTPOptions) keysToSend() (name string, keys []byte, err error) {
	if o.SSHKeys != "" {
		keys, err = ReadSSHKeys(o.SSHKeys)
		return filepath.Base(o.SSHKeys), keys, err
	}
	identity := o.Identity
	if identity == "" {
		home, _ := os.UserHomeDir()
		for _, n := range []string{"id_ed25519", "id_ecdsa", "id_rsa"} {
			p := filepath.Join(home, ".ssh", n)
			if _, err := os.Stat(p); err == nil {
				identity = p
				break
			}
		}
		if identity == "" {
			return "", nil, usageErr(errors.New("--identity is required: no ~/.ssh/id_ed25519, id_ecdsa or id_rsa found (or pass --ssh-keys)"))
		}
	}
	keys, err = publicKeyOf(identity)
	return "authorized_keys", keys, err
}

// sftpConfig asks request_sftp_access for the SFTP server's parameters.
func (c *Client) sftpConfig(ctx context.Context, cr Credentials, o SFTPOptions) (*Result, sftpxfer.Config, *Info, error) {
	var cfg sftpxfer.Config
	if err := cr.Validate(); err != nil {
		return nil, cfg, nil, err
	}
	if o.Identity != "" {
		if _, err := os.Stat(o.Identity); err != nil {
			return nil, cfg, nil, fileErr(fmt.Errorf("--identity: %w", err))
		}
	}
	name, keys, err := o.keysToSend()
	if err != nil {
		return nil, cfg, nil, err
	}
	res, err := c.RequestSFTPAccess(ctx, cr, name, keys)
	if err != nil {
		return nil, cfg, nil, err
	}
	if err := res.Err(); err != nil {
		return res, cfg, nil, err
	}
	info := res.Response.Request
	if info == nil {
		return res, cfg, nil, serverErr(errors.New("request_sftp_access: the answer has no request"))
	}
	port, err := info.SFTPPort.Int()
	if err != nil || port < 1 || port > 65535 {
		return res, cfg, nil, serverErr(fmt.Errorf("request_sftp_access: sftp_port %q is not a port", string(info.SFTPPort)))
	}
	if info.SFTPUser == "" || info.SharedFile == "" {
		return res, cfg, nil, serverErr(errors.New("request_sftp_access: the answer lacks sftp_user or shared_file"))
	}
	host := info.Hostname
	if host == "" {
		host = c.base.Hostname() // the documents' hostname is the platform's own
	}
	cfg = sftpxfer.Config{Host: host, Port: int(port), User: info.SFTPUser, IdentityFile: o.Identity,
		KnownHostsFile: o.KnownHosts, Fingerprint: o.Fingerprint}
	return res, cfg, info, nil
}

// progress adapts a Meter to sftpxfer's callback, starting it on the
// first call, when the total is known.
func (c *Client) progress(label string) (func(done, total int64), func()) {
	var m Meter
	return func(done, total int64) {
			if m == nil {
				m = c.meter(label, total)
			}
			m.Set(done)
		}, func() {
			if m != nil {
				m.Done()
			}
		}
}

// SFTPPut uploads the dump over SFTP: request_sftp_access with the public
// key, then a resumable upload to the shared file (see sftpxfer.Put).
// Running it again after an interruption continues the upload.
func (c *Client) SFTPPut(ctx context.Context, cr Credentials, dump string, o SFTPOptions) (*Output, error) {
	f, size, err := openRegular(dump, "--dbdump")
	if err != nil {
		return nil, err
	}
	f.Close()
	res, cfg, info, err := c.sftpConfig(ctx, cr, o)
	if err != nil {
		if res != nil {
			return NewOutput(res), err
		}
		return nil, err
	}
	out := NewOutput(res)
	var done func()
	cfg.Progress, done = c.progress("sftp put " + filepath.Base(dump))
	c.Log.Info("sftp put", "host", cfg.Host, "port", cfg.Port, "user", cfg.User, "remote", info.SharedFile)
	err = sftpxfer.Put(ctx, cfg, dump, info.SharedFile)
	done()
	if err != nil {
		return out, sftpErr(ctx, err, false, dump)
	}
	out.SFTP = &SFTPInfo{Direction: "put", Host: cfg.Host, Port: cfg.Port, User: cfg.User, Local: dump, Remote: info.SharedFile, Size: size}
	return out, nil
}

// SFTPGet downloads the upgraded dump over SFTP to dest, resuming
// dest.part (see sftpxfer.Get). The request must be done.
func (c *Client) SFTPGet(ctx context.Context, cr Credentials, dest string, o SFTPOptions) (*Output, error) {
	if dest == "" {
		return nil, usageErr(errors.New("-o is required with --sftp: the upgraded file's name is the platform's"))
	}
	if err := checkDestination(dest, o.Force); err != nil {
		return nil, err
	}
	res, cfg, info, err := c.sftpConfig(ctx, cr, o)
	if err != nil {
		if res != nil {
			return NewOutput(res), err
		}
		return nil, err
	}
	out := NewOutput(res)
	remote := o.Remote
	if remote == "" {
		remote = info.SharedFile
		if !strings.HasPrefix(remote, "upgraded_") {
			remote = "upgraded_" + remote
		}
	}
	var done func()
	cfg.Progress, done = c.progress("sftp get " + remote)
	c.Log.Info("sftp get", "host", cfg.Host, "port", cfg.Port, "user", cfg.User, "remote", remote)
	err = sftpxfer.Get(ctx, cfg, remote, dest)
	done()
	if err != nil {
		return out, sftpErr(ctx, err, true, dest, dest+".part")
	}
	sum, err := fileSHA256(dest)
	if err != nil {
		return out, fileErr(err)
	}
	out.SFTP = &SFTPInfo{Direction: "get", Host: cfg.Host, Port: cfg.Port, User: cfg.User, Local: dest, Remote: remote,
		Size: fileSize(dest), SHA256: sum}
	return out, nil
}

// sftpErr gives an SFTP failure its exit code: a local partial file that
// is not the remote file's prefix, or an error on a local file, is a file
// problem (4); a remote partial upload that is not the dump's prefix is
// the platform holding another file (1); the rest (connection, host key,
// authentication, server) is 2.
func sftpErr(ctx context.Context, err error, get bool, local ...string) error {
	if ctx.Err() != nil {
		return err
	}
	var pe *fs.PathError
	var le *os.LinkError
	switch {
	case errors.Is(err, sftpxfer.ErrNotPrefix) && get:
		return fileErr(err)
	case errors.Is(err, sftpxfer.ErrNotPrefix):
		return platformErr(err)
	case errors.As(err, &pe) && slices.Contains(local, pe.Path), errors.As(err, &le):
		return fileErr(err)
	}
	return serverErr(err)
}
