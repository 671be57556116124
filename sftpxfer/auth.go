package sftpxfer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/agent"
)

// identity is the public-key authentication chosen for a connection.
type identity struct {
	signers []ssh.Signer
	source  string // for error messages: which file(s) or the agent
	close   func() // releases the agent connection, if any
}

// agentSigners connects to SSH_AUTH_SOCK; ok is false when no agent is set.
func agentSigners(ctx context.Context) (signers []ssh.Signer, closeFn func(), ok bool, err error) {
	sock := os.Getenv("SSH_AUTH_SOCK")
	if sock == "" {
		return nil, func() {}, false, nil
	}
	var d net.Dialer
	conn, err := d.DialContext(ctx, "unix", sock)
	if err != nil {
		return nil, func() {}, false, fmt.Errorf("ssh-agent at SSH_AUTH_SOCK=%s: %w", sock, err)
	}
	signers, err = agent.NewClient(conn).Signers()
	if err != nil {
		conn.Close()
		return nil, func() {}, false, fmt.Errorf("ssh-agent at SSH_AUTH_SOCK=%s: list keys: %w", sock, err)
	}
	return signers, func() { conn.Close() }, true, nil
}

// agentSignerFor picks the agent's signer for pub.
func agentSignerFor(signers []ssh.Signer, pub ssh.PublicKey) ssh.Signer {
	for _, s := range signers {
		if bytes.Equal(s.PublicKey().Marshal(), pub.Marshal()) {
			return s
		}
	}
	return nil
}

// loadIdentity resolves Config.IdentityFile the way ssh -i does: an
// unencrypted private key is used directly; a passphrase-protected one (or
// a .pub file) must be held by ssh-agent, since this client never prompts.
// With no file, the agent's keys and the unencrypted default keys
// (~/.ssh/id_ed25519, id_ecdsa, id_rsa) are offered.
func loadIdentity(ctx context.Context, file string) (*identity, error) {
	agentKeys, closeAgent, haveAgent, agentErr := agentSigners(ctx)
	if file != "" {
		id, err := identityFromFile(file, agentKeys, haveAgent, agentErr)
		if err != nil {
			closeAgent()
			return nil, err
		}
		id.close = closeAgent
		return id, nil
	}

	id := &identity{close: closeAgent}
	var sources, skipped []string
	if haveAgent && len(agentKeys) > 0 {
		id.signers = append(id.signers, agentKeys...)
		sources = append(sources, "ssh-agent")
	}
	home, _ := os.UserHomeDir()
	if home != "" {
		for _, name := range []string{"id_ed25519", "id_ecdsa", "id_rsa"} {
			path := filepath.Join(home, ".ssh", name)
			pem, err := os.ReadFile(path)
			if err != nil {
				continue
			}
			signer, err := ssh.ParsePrivateKey(pem)
			if err != nil {
				// An encrypted default key is still usable through the
				// agent, which is already in the list.
				skipped = append(skipped, fmt.Sprintf("%s (%v)", path, err))
				continue
			}
			id.signers = append(id.signers, signer)
			sources = append(sources, path)
		}
	}
	if len(id.signers) == 0 {
		closeAgent()
		msg := "no SSH identity: pass an identity file (a private key whose public key was sent with request-sftp-access) or load the key into ssh-agent"
		if agentErr != nil {
			msg += "; " + agentErr.Error()
		} else if !haveAgent {
			msg += " (SSH_AUTH_SOCK is not set)"
		}
		if len(skipped) > 0 {
			msg += "; skipped " + strings.Join(skipped, ", ")
		}
		return nil, errors.New(msg)
	}
	id.source = strings.Join(sources, ", ")
	return id, nil
}

func identityFromFile(file string, agentKeys []ssh.Signer, haveAgent bool, agentErr error) (*identity, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("identity file: %w", err)
	}
	signer, err := ssh.ParsePrivateKey(data)
	if err == nil {
		return &identity{signers: []ssh.Signer{signer}, source: file}, nil
	}

	var pub ssh.PublicKey
	var missing *ssh.PassphraseMissingError
	switch {
	case errors.As(err, &missing):
		pub = missing.PublicKey
	default:
		// A .pub file names a key that only the agent holds (ssh -i
		// accepts this too).
		if p, _, _, _, perr := ssh.ParseAuthorizedKey(data); perr == nil {
			pub = p
		} else {
			return nil, fmt.Errorf("identity file %s: not an OpenSSH or PEM private key: %w", file, err)
		}
	}

	if !haveAgent {
		why := "SSH_AUTH_SOCK is not set"
		if agentErr != nil {
			why = agentErr.Error()
		}
		if missing != nil {
			return nil, fmt.Errorf("identity file %s is protected by a passphrase and this client does not prompt: load it into ssh-agent (ssh-add %s) or use a key without a passphrase (%s)", file, file, why)
		}
		return nil, fmt.Errorf("identity file %s is a public key: its private key must be in ssh-agent (%s)", file, why)
	}
	if pub == nil {
		// Old PEM-encrypted keys do not carry the public key: offer every
		// agent key and let the server pick.
		if len(agentKeys) == 0 {
			return nil, fmt.Errorf("identity file %s is protected by a passphrase and ssh-agent holds no keys: run ssh-add %s", file, file)
		}
		return &identity{signers: agentKeys, source: "ssh-agent (for " + file + ")"}, nil
	}
	s := agentSignerFor(agentKeys, pub)
	if s == nil {
		return nil, fmt.Errorf("identity file %s is protected by a passphrase and ssh-agent does not hold it (%s): run ssh-add %s", file, ssh.FingerprintSHA256(pub), file)
	}
	return &identity{signers: []ssh.Signer{s}, source: "ssh-agent (" + file + ")"}, nil
}
