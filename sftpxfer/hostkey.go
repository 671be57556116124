package sftpxfer

import (
	"bytes"
	"crypto/ed25519"
	"crypto/md5"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"
)

// globalKnownHosts is read in addition to the user's file when
// Config.KnownHostsFile is empty, as OpenSSH's GlobalKnownHostsFile is.
var globalKnownHosts = "/etc/ssh/ssh_known_hosts"

// HostKeyErrorKind says why a host key was refused.
type HostKeyErrorKind int

const (
	// HostKeyUnknown: no known_hosts entry for this host (possibly only
	// entries with other key types).
	HostKeyUnknown HostKeyErrorKind = iota + 1
	// HostKeyMismatch: known_hosts records a different key of the same type.
	HostKeyMismatch
	// HostKeyRevoked: the offered key is marked @revoked.
	HostKeyRevoked
	// FingerprintMismatch: no key the server offered has Config.Fingerprint.
	FingerprintMismatch
)

// HostKeyError is returned (wrapped) when the server's host key is refused.
// Its message is complete on its own; the fields let a caller choose an exit
// code or render it differently.
type HostKeyError struct {
	Kind HostKeyErrorKind
	// Host is the host as known_hosts writes it: "host" for port 22,
	// "[host]:port" otherwise.
	Host string
	// Offered are the keys the server presented; more than one only when
	// several were tried against a fingerprint.
	Offered []ssh.PublicKey
	// Files are the known_hosts files consulted (none in fingerprint mode);
	// Missing are those of them that did not exist (read as empty).
	Files   []string
	Missing []string
	// Known are the entries recorded for Host (the conflicting ones for a
	// mismatch, the entries of other key types for an unknown key), or the
	// @revoked entry.
	Known []knownhosts.KnownKey
	// Fingerprint is the expected fingerprint in fingerprint mode.
	Fingerprint string
}

func (e *HostKeyError) Error() string {
	var b strings.Builder
	offered := func() string {
		parts := make([]string, len(e.Offered))
		for i, k := range e.Offered {
			parts[i] = k.Type() + " key " + ssh.FingerprintSHA256(k)
		}
		return strings.Join(parts, ", ")
	}
	switch e.Kind {
	case HostKeyMismatch:
		k := e.Known[0]
		fmt.Fprintf(&b, "HOST KEY MISMATCH for %s: the server offered %s, but %s:%d records a different %s key (%s) for this host",
			e.Host, offered(), k.Filename, k.Line, k.Key.Type(), ssh.FingerprintSHA256(k.Key))
		for _, o := range e.Known[1:] {
			fmt.Fprintf(&b, " (also %s:%d)", o.Filename, o.Line)
		}
		fmt.Fprintf(&b, ". Someone could be intercepting the connection (man-in-the-middle attack), or the host key was changed."+
			" If you know the change is expected, remove the old entry with `ssh-keygen -R '%s' -f %s` and add the new key,"+
			" or pass the new fingerprint (--fingerprint %s)", e.Host, k.Filename, ssh.FingerprintSHA256(e.Offered[0]))
	case HostKeyUnknown:
		fmt.Fprintf(&b, "host key for %s is not known: the server offered %s and %s has no entry for this host",
			e.Host, offered(), e.describeFiles())
		if len(e.Known) > 0 {
			b.WriteString(" (it has keys of other types:")
			for _, k := range e.Known {
				fmt.Fprintf(&b, " %s at %s:%d;", k.Key.Type(), k.Filename, k.Line)
			}
			b.WriteString(" the server offered none of them)")
		}
		dest := "~/.ssh/known_hosts"
		if len(e.Files) > 0 {
			dest = e.Files[0]
		}
		fmt.Fprintf(&b, ". Check this fingerprint with the server's operator, then either append this line to %s: %s or pass the fingerprint (--fingerprint %s)",
			dest, knownhosts.Line([]string{e.Host}, e.Offered[0]), ssh.FingerprintSHA256(e.Offered[0]))
	case HostKeyRevoked:
		k := e.Known[0]
		fmt.Fprintf(&b, "host key for %s is REVOKED: the server offered %s, which %s:%d marks @revoked; refusing to connect",
			e.Host, offered(), k.Filename, k.Line)
	case FingerprintMismatch:
		fmt.Fprintf(&b, "host key for %s does not match the fingerprint given (%s): the server offered %s. Someone could be intercepting the connection, or the fingerprint is wrong",
			e.Host, e.Fingerprint, offered())
	default:
		fmt.Fprintf(&b, "host key for %s refused", e.Host)
	}
	return b.String()
}

func (e *HostKeyError) describeFiles() string {
	if len(e.Files) == 0 {
		return "known_hosts"
	}
	parts := make([]string, len(e.Files))
	for i, f := range e.Files {
		parts[i] = f
		if slices.Contains(e.Missing, f) {
			parts[i] += " (which does not exist)"
		}
	}
	return strings.Join(parts, " or ")
}

// fingerprint is a parsed Config.Fingerprint.
type fingerprint struct {
	md5  bool   // MD5 instead of SHA256
	sum  []byte // 32 bytes (SHA256) or 16 (MD5)
	text string // as the user wrote it, for messages
}

func (f fingerprint) matches(k ssh.PublicKey) bool {
	if f.md5 {
		s := md5.Sum(k.Marshal())
		return bytes.Equal(s[:], f.sum)
	}
	s := sha256.Sum256(k.Marshal())
	return bytes.Equal(s[:], f.sum)
}

// String gives the canonical form ssh-keygen prints.
func (f fingerprint) String() string {
	if f.md5 {
		parts := make([]string, len(f.sum))
		for i, c := range f.sum {
			parts[i] = hex.EncodeToString([]byte{c})
		}
		return "MD5:" + strings.Join(parts, ":")
	}
	return "SHA256:" + base64.RawStdEncoding.EncodeToString(f.sum)
}

// parseFingerprint accepts what `ssh-keygen -lf` prints: a bare
// "SHA256:<base64>" or "MD5:<hex pairs>", or the whole line
// "256 SHA256:<base64> comment (ED25519)", so users can paste either.
func parseFingerprint(s string) (fingerprint, error) {
	fields := strings.Fields(s)
	if len(fields) == 0 {
		return fingerprint{}, errors.New("fingerprint: empty")
	}
	tok := fields[0]
	if len(fields) > 1 && isDigits(fields[0]) {
		// "<bits> <fingerprint> [comment...]": the comment is free text.
		tok = fields[1]
	} else if len(fields) > 1 {
		return fingerprint{}, fmt.Errorf("fingerprint %q: want SHA256:<base64> (as `ssh-keygen -lf` prints)", s)
	}
	prefix, body, ok := strings.Cut(tok, ":")
	if !ok {
		return fingerprint{}, fmt.Errorf("fingerprint %q: want SHA256:<base64> (as `ssh-keygen -lf` prints)", s)
	}
	switch strings.ToUpper(prefix) {
	case "SHA256":
		// ssh-keygen omits the padding; accept it anyway.
		sum, err := base64.RawStdEncoding.Strict().DecodeString(strings.TrimRight(body, "="))
		if err != nil || len(sum) != sha256.Size {
			return fingerprint{}, fmt.Errorf("fingerprint %q: SHA256 value must be 43 base64 characters (a 32-byte hash)", s)
		}
		return fingerprint{sum: sum, text: tok}, nil
	case "MD5":
		hexs := strings.Split(body, ":")
		if len(hexs) != md5.Size {
			return fingerprint{}, fmt.Errorf("fingerprint %q: MD5 value must be 16 colon-separated hex pairs", s)
		}
		sum := make([]byte, 0, md5.Size)
		for _, h := range hexs {
			if len(h) != 2 {
				return fingerprint{}, fmt.Errorf("fingerprint %q: MD5 value must be 16 colon-separated hex pairs", s)
			}
			v, err := hex.DecodeString(h)
			if err != nil {
				return fingerprint{}, fmt.Errorf("fingerprint %q: MD5 value must be 16 colon-separated hex pairs", s)
			}
			sum = append(sum, v[0])
		}
		return fingerprint{md5: true, sum: sum, text: tok}, nil
	default:
		return fingerprint{}, fmt.Errorf("fingerprint %q: unknown hash %q, want SHA256 (or MD5)", s, prefix)
	}
}

func isDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

// hostKeyPrefs is the host key algorithm order, modelled on OpenSSH's
// default (ed25519 first; SHA-1 "ssh-rsa" signatures disabled as OpenSSH
// 8.8+ does). Host certificates are not offered: without @cert-authority
// support a server's certificate would be refused even when its plain key
// is in known_hosts.
var hostKeyPrefs = []string{
	ssh.KeyAlgoED25519, ssh.KeyAlgoECDSA256, ssh.KeyAlgoECDSA384, ssh.KeyAlgoECDSA521,
	ssh.KeyAlgoRSASHA512, ssh.KeyAlgoRSASHA256,
}

// algosForKeyType lists the signature algorithms that prove a key of the
// given type (an RSA key can sign with SHA-2 variants).
func algosForKeyType(t string) []string {
	switch t {
	case ssh.KeyAlgoRSA:
		return []string{ssh.KeyAlgoRSASHA512, ssh.KeyAlgoRSASHA256}
	}
	return []string{t}
}

// hostKeyPolicy is the verification set up for one Put or Get.
type hostKeyPolicy struct {
	fp      *fingerprint // fingerprint mode when non-nil
	files   []string     // known_hosts files, in order (known_hosts mode)
	missing []string     // those of files that do not exist
	db      ssh.HostKeyCallback
}

// newHostKeyPolicy reads the known_hosts files once (or parses the
// fingerprint); a missing file counts as empty, as in OpenSSH.
func newHostKeyPolicy(cfg Config) (*hostKeyPolicy, error) {
	if cfg.Fingerprint != "" {
		fp, err := parseFingerprint(cfg.Fingerprint)
		if err != nil {
			return nil, err
		}
		return &hostKeyPolicy{fp: &fp}, nil
	}
	var files []string
	if cfg.KnownHostsFile != "" {
		files = []string{cfg.KnownHostsFile}
	} else {
		home, err := os.UserHomeDir()
		if err != nil {
			return nil, fmt.Errorf("known_hosts: no home directory to find ~/.ssh/known_hosts (set the known_hosts file explicitly): %w", err)
		}
		files = []string{filepath.Join(home, ".ssh", "known_hosts")}
		if _, err := os.Stat(globalKnownHosts); err == nil {
			files = append(files, globalKnownHosts)
		}
	}
	p := &hostKeyPolicy{files: files}
	var existing []string
	for _, f := range files {
		_, err := os.Stat(f)
		switch {
		case err == nil:
			existing = append(existing, f)
		case errors.Is(err, fs.ErrNotExist):
			p.missing = append(p.missing, f)
		default:
			return nil, fmt.Errorf("known_hosts %s: %w", f, err)
		}
	}
	if len(existing) > 0 {
		db, err := knownhosts.New(existing...)
		if err != nil {
			return nil, fmt.Errorf("known_hosts: %w", err)
		}
		p.db = db
	}
	return p, nil
}

// probeKey is a key no known_hosts file contains; checking it reveals
// which entries exist for a host (knownhosts reports them in KeyError.Want).
var probeKey = func() ssh.PublicKey {
	seed := sha256.Sum256([]byte("migrate-runner sftpxfer known_hosts probe"))
	pub := ed25519.NewKeyFromSeed(seed[:]).Public()
	k, err := ssh.NewPublicKey(pub)
	if err != nil {
		panic(err)
	}
	return k
}()

// knownFor returns the known_hosts entries for hostport.
func (p *hostKeyPolicy) knownFor(hostport string, remote net.Addr) []knownhosts.KnownKey {
	if p.db == nil {
		return nil
	}
	var ke *knownhosts.KeyError
	if err := p.db(hostport, remote, probeKey); errors.As(err, &ke) {
		return ke.Want
	}
	return nil
}

// algorithms orders host key algorithms so that the types recorded in
// known_hosts come first: OpenSSH does the same, so a server with several
// host keys presents the one the user already trusts.
func (p *hostKeyPolicy) algorithms(known []knownhosts.KnownKey) []string {
	var first []string
	for _, k := range known {
		for _, a := range algosForKeyType(k.Key.Type()) {
			if slices.Contains(hostKeyPrefs, a) && !slices.Contains(first, a) {
				first = append(first, a)
			}
		}
	}
	out := first
	for _, a := range hostKeyPrefs {
		if !slices.Contains(out, a) {
			out = append(out, a)
		}
	}
	return out
}

// callback verifies against known_hosts, turning knownhosts' bare errors
// into a HostKeyError that names the host, key and file:line.
func (p *hostKeyPolicy) callback(host string) ssh.HostKeyCallback {
	return func(hostport string, remote net.Addr, key ssh.PublicKey) error {
		herr := &HostKeyError{Host: host, Offered: []ssh.PublicKey{key}, Files: p.files, Missing: p.missing}
		if p.db == nil {
			herr.Kind = HostKeyUnknown
			return herr
		}
		err := p.db(hostport, remote, key)
		var ke *knownhosts.KeyError
		var re *knownhosts.RevokedError
		switch {
		case err == nil:
			return nil
		case errors.As(err, &re):
			herr.Kind = HostKeyRevoked
			herr.Known = []knownhosts.KnownKey{re.Revoked}
		case errors.As(err, &ke):
			var same []knownhosts.KnownKey
			for _, w := range ke.Want {
				if w.Key.Type() == key.Type() {
					same = append(same, w)
				}
			}
			if len(same) > 0 {
				herr.Kind = HostKeyMismatch
				herr.Known = same
			} else {
				herr.Kind = HostKeyUnknown
				herr.Known = ke.Want
			}
		default:
			return fmt.Errorf("known_hosts check for %s: %w", host, err)
		}
		return herr
	}
}
