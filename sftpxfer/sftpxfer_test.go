package sftpxfer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"
)

// fixture is a test server plus a client Config that trusts it through a
// known_hosts file.
type fixture struct {
	srv *testServer
	cfg Config
	kh  string
}

func newFixture(t testing.TB, hostKeys ...ssh.Signer) *fixture {
	t.Helper()
	// No agent and no default keys from the machine running the tests.
	t.Setenv("SSH_AUTH_SOCK", "")
	t.Setenv("HOME", t.TempDir())
	client, priv := newKeyPair(t)
	srv := startServer(t, client.PublicKey(), hostKeys...)
	kh := filepath.Join(t.TempDir(), "known_hosts")
	line := knownhosts.Line([]string{fmt.Sprintf("[127.0.0.1]:%d", srv.port())}, srv.hostKeys[0].PublicKey())
	if err := os.WriteFile(kh, []byte(line+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return &fixture{
		srv: srv,
		kh:  kh,
		cfg: Config{
			Host:           "127.0.0.1",
			Port:           srv.port(),
			User:           srv.user,
			IdentityFile:   writeIdentity(t, priv, ""),
			KnownHostsFile: kh,
		},
	}
}

func writeFile(t *testing.T, p string, b []byte) {
	t.Helper()
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// progressLog records Progress calls and checks they never go backwards.
type progressLog struct {
	t     *testing.T
	calls int
	last  [2]int64
}

func (p *progressLog) fn(done, total int64) {
	if p.calls > 0 && done < p.last[0] {
		p.t.Errorf("progress went back from %d to %d", p.last[0], done)
	}
	if done > total {
		p.t.Errorf("progress %d beyond total %d", done, total)
	}
	p.calls++
	p.last = [2]int64{done, total}
}

// writtenBy sums bytes written through write handles and bytes read
// through read handles.
func writtenBy(st []handleStats) (written, read int64, writeHandles int) {
	for _, h := range st {
		if h.write {
			writeHandles++
		}
		written += h.written
		read += h.read
	}
	return
}

func TestPutGetRoundTrip(t *testing.T) {
	for _, size := range []int{0, 1, maxPacket, maxPacket + 1, 3<<20 + 123} {
		t.Run(fmt.Sprint(size), func(t *testing.T) {
			fx := newFixture(t)
			data := testData(size)
			local := filepath.Join(t.TempDir(), "db.dump")
			writeFile(t, local, data)

			pl := &progressLog{t: t}
			cfg := fx.cfg
			cfg.Progress = pl.fn
			if err := Put(context.Background(), cfg, local, "db.dump"); err != nil {
				t.Fatal(err)
			}
			if got := fileSHA(t, fx.srv.local("db.dump")); got != sha(data) {
				t.Fatalf("remote sha256 %s, want %s", got, sha(data))
			}
			if pl.last != [2]int64{int64(size), int64(size)} {
				t.Errorf("last progress %v, want [%d %d]", pl.last, size, size)
			}
			written, _, _ := writtenBy(fx.srv.stats())
			if written != int64(size) {
				t.Errorf("server received %d bytes, want %d", written, size)
			}

			out := filepath.Join(t.TempDir(), "upgraded.dump")
			pl = &progressLog{t: t}
			cfg.Progress = pl.fn
			if err := Get(context.Background(), cfg, "db.dump", out); err != nil {
				t.Fatal(err)
			}
			if got := fileSHA(t, out); got != sha(data) {
				t.Fatalf("downloaded sha256 %s, want %s", got, sha(data))
			}
			if _, err := os.Stat(out + ".part"); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf(".part left behind: %v", err)
			}
			if pl.last != [2]int64{int64(size), int64(size)} {
				t.Errorf("last progress %v, want [%d %d]", pl.last, size, size)
			}
		})
	}
}

// firstDiff is the first offset where got differs from want, or len(got).
func firstDiff(got, want []byte) int64 {
	for i := range got {
		if got[i] != want[i] {
			return int64(i)
		}
	}
	return int64(len(got))
}

func TestPutResumesAfterCut(t *testing.T) {
	const size = 8<<20 + 4321
	for _, cut := range []int64{100_000, 3<<20 + 17, 7 << 20} {
		t.Run(fmt.Sprint(cut), func(t *testing.T) {
			fx := newFixture(t)
			data := testData(size)
			local := filepath.Join(t.TempDir(), "db.dump")
			writeFile(t, local, data)

			fx.srv.setCut(cut)
			if err := Put(context.Background(), fx.cfg, local, "db.dump"); err == nil {
				t.Fatal("Put succeeded through a cut connection")
			}
			fx.srv.waitIdle()
			partial := readFile(t, fx.srv.local("db.dump"))
			if int64(len(partial)) > size || int64(len(partial)) > cut+maxPacket*maxConcurrent {
				t.Fatalf("remote has %d bytes after a cut at %d", len(partial), cut)
			}
			// Holes (zeros) may precede the end; the upload must restart at
			// the first byte that is not the original's.
			want := firstDiff(partial, data)
			if cut > rewindWindow && want == 0 {
				t.Fatalf("nothing usable after a cut at %d", cut)
			}

			fx.srv.setCut(0)
			fx.srv.resetStats()
			pl := &progressLog{t: t}
			cfg := fx.cfg
			cfg.Progress = pl.fn
			if err := Put(context.Background(), cfg, local, "db.dump"); err != nil {
				t.Fatal(err)
			}
			if got := fileSHA(t, fx.srv.local("db.dump")); got != sha(data) {
				t.Fatalf("remote sha256 %s, want %s", got, sha(data))
			}
			written, read, _ := writtenBy(fx.srv.stats())
			if written != size-want {
				t.Errorf("resume sent %d bytes, want the remainder %d (remote had %d, first wrong byte %d)", written, size-want, len(partial), want)
			}
			if read > rewindWindow+headBlock {
				t.Errorf("resume check read %d bytes back, more than %d", read, rewindWindow+headBlock)
			}
			if pl.last != [2]int64{size, size} {
				t.Errorf("last progress %v", pl.last)
			}
		})
	}
}

// TestPutRefillsHoles: a remote file with a zero-filled gap in its last
// window (what an interrupted pipelined upload leaves) is repaired from the
// start of the gap.
func TestPutRefillsHoles(t *testing.T) {
	const size, have = 6 << 20, 5 << 20
	fx := newFixture(t)
	data := testData(size)
	local := filepath.Join(t.TempDir(), "db.dump")
	writeFile(t, local, data)
	partial := bytes.Clone(data[:have])
	holeAt := int64(have - 100_000)
	clear(partial[holeAt : holeAt+10_000])
	clear(partial[have-40_000 : have-30_000])
	writeFile(t, fx.srv.local("db.dump"), partial)

	if err := Put(context.Background(), fx.cfg, local, "db.dump"); err != nil {
		t.Fatal(err)
	}
	if got := fileSHA(t, fx.srv.local("db.dump")); got != sha(data) {
		t.Fatalf("remote sha256 %s, want %s", got, sha(data))
	}
	if written, _, _ := writtenBy(fx.srv.stats()); written != size-holeAt {
		t.Errorf("sent %d bytes, want %d (from the first hole)", written, size-holeAt)
	}
}

// TestPutRefusesOtherRemote: a remote file that is not a prefix of the
// local one is left untouched.
func TestPutRefusesOtherRemote(t *testing.T) {
	const size = 4 << 20
	data := testData(size)
	cases := []struct {
		name   string
		remote func() []byte
		want   string
	}{
		{"longer", func() []byte { return append(bytes.Clone(data), 'x') }, "more than the"},
		{"head differs", func() []byte {
			b := bytes.Clone(data[:3<<20])
			b[100] ^= 0xff
			return b
		}, "at byte 100"},
		{"tail differs", func() []byte {
			b := bytes.Clone(data[:3<<20])
			b[len(b)-5] ^= 0x01
			return b
		}, fmt.Sprintf("at byte %d", 3<<20-5)},
		{"same size, differs", func() []byte {
			b := bytes.Clone(data)
			b[size-1] ^= 0x01
			return b
		}, fmt.Sprintf("at byte %d", size-1)},
		{"short and different", func() []byte { return []byte("not a dump") }, "at byte 0"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			fx := newFixture(t)
			local := filepath.Join(t.TempDir(), "db.dump")
			writeFile(t, local, data)
			remote := tc.remote()
			writeFile(t, fx.srv.local("db.dump"), remote)
			err := Put(context.Background(), fx.cfg, local, "db.dump")
			if !errors.Is(err, ErrNotPrefix) {
				t.Fatalf("err = %v, want ErrNotPrefix", err)
			}
			for _, s := range []string{tc.want, "nothing was written", local, "user_42@127.0.0.1:"} {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not mention %q", err, s)
				}
			}
			if !bytes.Equal(readFile(t, fx.srv.local("db.dump")), remote) {
				t.Error("remote file changed")
			}
			if _, _, wh := writtenBy(fx.srv.stats()); wh != 0 {
				t.Errorf("%d write handles opened", wh)
			}
		})
	}
}

func TestPutAlreadyComplete(t *testing.T) {
	fx := newFixture(t)
	data := testData(3 << 20)
	local := filepath.Join(t.TempDir(), "db.dump")
	writeFile(t, local, data)
	writeFile(t, fx.srv.local("db.dump"), data)
	pl := &progressLog{t: t}
	cfg := fx.cfg
	cfg.Progress = pl.fn
	if err := Put(context.Background(), cfg, local, "db.dump"); err != nil {
		t.Fatal(err)
	}
	if _, _, wh := writtenBy(fx.srv.stats()); wh != 0 {
		t.Errorf("%d write handles opened for a complete file", wh)
	}
	if pl.last != [2]int64{3 << 20, 3 << 20} {
		t.Errorf("progress %v", pl.last)
	}
}

// TestPutUnreadableServer: an upload-only server cannot be checked, so the
// last window is rewritten blindly.
func TestPutUnreadableServer(t *testing.T) {
	const size, have = 6 << 20, 5 << 20
	fx := newFixture(t)
	fx.srv.mu.Lock()
	fx.srv.denyRead = true
	fx.srv.mu.Unlock()
	data := testData(size)
	local := filepath.Join(t.TempDir(), "db.dump")
	writeFile(t, local, data)
	writeFile(t, fx.srv.local("db.dump"), data[:have])
	if err := Put(context.Background(), fx.cfg, local, "db.dump"); err != nil {
		t.Fatal(err)
	}
	if got := fileSHA(t, fx.srv.local("db.dump")); got != sha(data) {
		t.Fatalf("remote sha256 %s, want %s", got, sha(data))
	}
	if written, _, _ := writtenBy(fx.srv.stats()); written != size-(have-rewindWindow) {
		t.Errorf("sent %d bytes, want %d", written, size-(have-rewindWindow))
	}
}

func TestGetResumesAfterCut(t *testing.T) {
	const size = 8<<20 + 999
	for _, cut := range []int64{50_000, 5<<20 + 3} {
		t.Run(fmt.Sprint(cut), func(t *testing.T) {
			fx := newFixture(t)
			data := testData(size)
			writeFile(t, fx.srv.local("db.dump"), data)
			out := filepath.Join(t.TempDir(), "got.dump")

			fx.srv.setCut(cut)
			if err := Get(context.Background(), fx.cfg, "db.dump", out); err == nil {
				t.Fatal("Get succeeded through a cut connection")
			}
			fx.srv.waitIdle()
			if _, err := os.Stat(out); !errors.Is(err, fs.ErrNotExist) {
				t.Fatalf("%s exists after an interrupted download: %v", out, err)
			}
			part := readFile(t, out+".part")
			if int64(len(part)) > cut || !bytes.Equal(part, data[:len(part)]) {
				t.Fatalf(".part has %d bytes and must be a prefix of at most %d", len(part), cut)
			}
			if cut > 1<<20 && len(part) == 0 {
				t.Fatal("nothing kept from the first attempt")
			}

			fx.srv.setCut(0)
			fx.srv.resetStats()
			pl := &progressLog{t: t}
			cfg := fx.cfg
			cfg.Progress = pl.fn
			if err := Get(context.Background(), cfg, "db.dump", out); err != nil {
				t.Fatal(err)
			}
			if got := fileSHA(t, out); got != sha(data) {
				t.Fatalf("sha256 %s, want %s", got, sha(data))
			}
			if _, err := os.Stat(out + ".part"); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf(".part left behind: %v", err)
			}
			// Get checks the .part through ReadAt on the same handle it then
			// streams from, so the handle's total is check + remainder.
			check := min(int64(headBlock), max(0, int64(len(part))-rewindWindow)) + min(int64(len(part)), rewindWindow)
			if _, read, _ := writtenBy(fx.srv.stats()); read != size-int64(len(part))+check {
				t.Errorf("server sent %d bytes, want remainder %d + check %d", read, size-int64(len(part)), check)
			}
			if pl.calls == 0 || pl.last != [2]int64{size, size} {
				t.Errorf("progress %d calls, last %v", pl.calls, pl.last)
			}
		})
	}
}

func TestGetPartChecks(t *testing.T) {
	const size = 4 << 20
	data := testData(size)
	longer := append(bytes.Clone(data), 1)
	differs := bytes.Clone(data[:3<<20])
	differs[12345] ^= 0x80
	zeroTail := bytes.Clone(data[:3<<20])
	clear(zeroTail[len(zeroTail)-5000:])

	for _, tc := range []struct {
		name    string
		part    []byte
		wantErr string
		read    int64 // bytes the server sends when it succeeds
	}{
		{"longer", longer, "more than the", 0},
		{"differs", differs, "at byte 12345", 0},
		{"complete", data, "", headBlock + rewindWindow},
		{"zero tail", zeroTail, "", headBlock + rewindWindow + size - (3<<20 - 5000)},
		{"empty", nil, "", size},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fx := newFixture(t)
			writeFile(t, fx.srv.local("db.dump"), data)
			out := filepath.Join(t.TempDir(), "got.dump")
			writeFile(t, out+".part", tc.part)
			err := Get(context.Background(), fx.cfg, "db.dump", out)
			if tc.wantErr != "" {
				if !errors.Is(err, ErrNotPrefix) || !strings.Contains(err.Error(), tc.wantErr) || !strings.Contains(err.Error(), out+".part") {
					t.Fatalf("err = %v, want ErrNotPrefix naming the .part and %q", err, tc.wantErr)
				}
				if !bytes.Equal(readFile(t, out+".part"), tc.part) {
					t.Error(".part changed")
				}
				if _, err := os.Stat(out); !errors.Is(err, fs.ErrNotExist) {
					t.Error("output created")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := fileSHA(t, out); got != sha(data) {
				t.Fatalf("sha256 %s, want %s", got, sha(data))
			}
			if _, read, _ := writtenBy(fx.srv.stats()); read != tc.read {
				t.Errorf("server sent %d bytes, want %d", read, tc.read)
			}
		})
	}
}

func TestGetReplacesExistingOutput(t *testing.T) {
	fx := newFixture(t)
	data := testData(100_000)
	writeFile(t, fx.srv.local("db.dump"), data)
	out := filepath.Join(t.TempDir(), "got.dump")
	writeFile(t, out, []byte("old content"))
	if err := Get(context.Background(), fx.cfg, "db.dump", out); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(readFile(t, out), data) {
		t.Error("output not replaced by the download")
	}
}

func TestRemoteMissingOrDirectory(t *testing.T) {
	fx := newFixture(t)
	out := filepath.Join(t.TempDir(), "got.dump")
	if err := Get(context.Background(), fx.cfg, "absent.dump", out); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Get of a missing file: %v, want ErrNotExist", err)
	}
	if err := os.Mkdir(fx.srv.local("dir"), 0o755); err != nil {
		t.Fatal(err)
	}
	local := filepath.Join(t.TempDir(), "db.dump")
	writeFile(t, local, []byte("x"))
	if err := Put(context.Background(), fx.cfg, local, "dir"); err == nil || !strings.Contains(err.Error(), "directory") {
		t.Errorf("Put onto a directory: %v", err)
	}
	if err := Put(context.Background(), fx.cfg, filepath.Join(t.TempDir(), "nope"), "x"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Put of a missing local file: %v, want ErrNotExist", err)
	}
}

func TestCancel(t *testing.T) {
	const size = 8 << 20
	fx := newFixture(t)
	data := testData(size)
	local := filepath.Join(t.TempDir(), "db.dump")
	writeFile(t, local, data)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cfg := fx.cfg
	cfg.Progress = func(done, total int64) {
		if done > 1<<20 {
			cancel()
		}
	}
	err := Put(ctx, cfg, local, "db.dump")
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Put after cancel: %v, want context.Canceled", err)
	}
	fx.srv.waitIdle()
	if fi, err := os.Stat(fx.srv.local("db.dump")); err != nil || fi.Size() >= size {
		t.Fatalf("remote after a cancelled upload: %v, %v", fi, err)
	}

	writeFile(t, fx.srv.local("full.dump"), data)
	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	out := filepath.Join(t.TempDir(), "got.dump")
	err = Get(ctx, cfg, "full.dump", out)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Get after cancel: %v, want context.Canceled", err)
	}
	if _, err := os.Stat(out); !errors.Is(err, fs.ErrNotExist) {
		t.Error("output exists after a cancelled download")
	}

	// A context cancelled before the call fails before any transfer.
	if err := Put(ctx, fx.cfg, local, "db.dump"); !errors.Is(err, context.Canceled) {
		t.Errorf("Put with a cancelled context: %v", err)
	}
}

func TestConfigValidation(t *testing.T) {
	for _, tc := range []struct {
		cfg  Config
		want string
	}{
		{Config{Port: 22, User: "u"}, "host is empty"},
		{Config{Host: "h", Port: 70000, User: "u"}, "port 70000"},
		{Config{Host: "h"}, "user is empty"},
		{Config{Host: "h", User: "u", Fingerprint: "SHA256:short"}, "43 base64"},
	} {
		local := filepath.Join(t.TempDir(), "db.dump")
		writeFile(t, local, []byte("x"))
		err := Put(context.Background(), tc.cfg, local, "x")
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: %v, want %q", tc.cfg, err, tc.want)
		}
	}
}
