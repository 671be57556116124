package upgradeapi

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/migrate-runner/migrate-runner/upgradeapi/upgradetest"
)

func sha(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// doneRequest creates, uploads and delivers a request.
func doneRequest(t *testing.T, c *Client) Credentials {
	t.Helper()
	ctx := context.Background()
	cr := created(t, c)
	must(t)(c.Upload(ctx, cr, writeFile(t, "db.dump", []byte("PGDMP dump"))))
	must(t)(c.Process(ctx, cr))
	must(t)(c.SkipTest(ctx, cr))
	return cr
}

// TestUpgradeDownloadResumesAfterCut cuts the connection twice in the
// middle of the body: the download resumes with Range each time and the
// file matches the original's sha256.
func TestUpgradeDownloadResumesAfterCut(t *testing.T) {
	srv := upgradetest.NewServer(t)
	c, clk := newClient(t, srv)
	cr := doneRequest(t, c)
	srv.CutDownloads(70000, 50000)
	out := filepath.Join(t.TempDir(), "up.zip")
	_, o, err := c.Download(context.Background(), cr, DownloadOptions{What: "upgraded-archive", Output: out, Retries: 3})
	if err != nil {
		t.Fatal(err)
	}
	want := upgradetest.UpgradedData()
	got, _ := os.ReadFile(out)
	if sha(got) != sha(want) || o.Download.SHA256 != sha(want) || o.Download.Size != int64(len(want)) {
		t.Fatalf("downloaded %d bytes sha256 %s (reported %s), want %d bytes %s", len(got), sha(got), o.Download.SHA256, len(want), sha(want))
	}
	if o.Download.Attempts != 3 || o.Code != 206 {
		t.Errorf("attempts %d, last HTTP %d; want 3 attempts, the last a 206", o.Download.Attempts, o.Code)
	}
	var ranges []string
	for _, r := range srv.Requests() {
		if r.Method == "GET" {
			ranges = append(ranges, r.Range)
		}
	}
	if strings.Join(ranges, ",") != ",bytes=70000-,bytes=120000-" {
		t.Errorf("ranges asked %q, want none, then from 70000, then from 120000", ranges)
	}
	if len(clk.sleeps) != 2 {
		t.Errorf("slept %v between attempts, want 2 pauses", clk.sleeps)
	}
	for _, p := range []string{out + ".part", out + ".part.json"} {
		if _, err := os.Stat(p); err == nil {
			t.Errorf("%s left behind", p)
		}
	}
}

// TestUpgradeDownloadResumesNextRun stops after a cut with no retries: the
// partial file stays, and the next run resumes it.
func TestUpgradeDownloadResumesNextRun(t *testing.T) {
	srv := upgradetest.NewServer(t)
	c, _ := newClient(t, srv)
	cr := doneRequest(t, c)
	srv.CutDownloads(123456)
	out := filepath.Join(t.TempDir(), "up.zip")
	opts := DownloadOptions{What: "upgraded-archive", Output: out}
	_, _, err := c.Download(context.Background(), cr, opts)
	if err == nil || ExitCode(err) != ExitServer || !strings.Contains(err.Error(), "run the same command again to resume") {
		t.Fatalf("cut download: %v (exit %d), want exit 2 and a hint to resume", err, ExitCode(err))
	}
	if n := fileSize(out + ".part"); n != 123456 {
		t.Fatalf(".part holds %d bytes, want 123456", n)
	}
	if _, err := os.Stat(out); err == nil {
		t.Fatal("the destination exists before the download is complete")
	}
	_, o, err := c.Download(context.Background(), cr, opts)
	if err != nil {
		t.Fatal(err)
	}
	if o.Download.ResumedFrom != 123456 || o.Download.SHA256 != sha(upgradetest.UpgradedData()) {
		t.Errorf("resumed from %d with sha256 %s", o.Download.ResumedFrom, o.Download.SHA256)
	}
}

// TestUpgradeDownloadRestartsOnOtherSource starts over when the partial
// file came from another URL, and when the server no longer matches the
// validator (200 to an If-Range).
func TestUpgradeDownloadRestartsOnOtherSource(t *testing.T) {
	srv := upgradetest.NewServer(t)
	c, _ := newClient(t, srv)
	cr := doneRequest(t, c)
	dir := t.TempDir()
	out := filepath.Join(dir, "up.zip")
	junk := []byte(strings.Repeat("junk", 1000))
	os.WriteFile(out+".part", junk, 0o600)
	writeMeta(out+".part.json", partMeta{Source: sourceID("http://elsewhere/file"), Total: -1})
	_, o, err := c.Download(context.Background(), cr, DownloadOptions{What: "upgraded-archive", Output: out})
	if err != nil {
		t.Fatal(err)
	}
	if o.Download.ResumedFrom != 0 || o.Download.SHA256 != sha(upgradetest.UpgradedData()) {
		t.Errorf("other source: resumed from %d, sha256 %s", o.Download.ResumedFrom, o.Download.SHA256)
	}

	// Same URL, stale validator: the server answers 200 and the file is rewritten.
	os.Remove(out)
	os.WriteFile(out+".part", junk, 0o600)
	u := srv.URL + "/database/eu1/" + cr.Request + "/" + cr.Key + "/upgraded/archive"
	writeMeta(out+".part.json", partMeta{Source: sourceID(u), ETag: `"stale"`, Total: -1})
	o, err = c.Fetch(context.Background(), u, out, cr.Key, DownloadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if o.Code != 200 || o.Download.SHA256 != sha(upgradetest.UpgradedData()) {
		t.Errorf("stale validator: HTTP %d, sha256 %s", o.Code, o.Download.SHA256)
	}
}

// TestUpgradeDownloadCompletePart finishes a part that already holds the
// whole file (the server answers 416 with the size).
func TestUpgradeDownloadCompletePart(t *testing.T) {
	srv := upgradetest.NewServer(t)
	c, _ := newClient(t, srv)
	cr := doneRequest(t, c)
	out := filepath.Join(t.TempDir(), "up.zip")
	u := srv.URL + "/database/eu1/" + cr.Request + "/" + cr.Key + "/upgraded/archive"
	data := upgradetest.UpgradedData()
	os.WriteFile(out+".part", data, 0o600)
	writeMeta(out+".part.json", partMeta{Source: sourceID(u), Total: int64(len(data))})
	o, err := c.Fetch(context.Background(), u, out, cr.Key, DownloadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if o.Code != 416 || o.Download.Size != int64(len(data)) || o.Download.SHA256 != sha(data) {
		t.Errorf("HTTP %d, %d bytes, sha256 %s", o.Code, o.Download.Size, o.Download.SHA256)
	}
}

func TestUpgradeDownloadErrors(t *testing.T) {
	srv := upgradetest.NewServer(t)
	c, _ := newClient(t, srv)
	ctx := context.Background()
	cr := created(t, c)
	dir := t.TempDir()

	// Not ready: no URL yet, exit 1.
	_, _, err := c.Download(ctx, cr, DownloadOptions{What: "upgraded-archive", Output: filepath.Join(dir, "a")})
	if ExitCode(err) != ExitPlatform || !strings.Contains(err.Error(), `no upgraded_dump_url yet (request state "draft")`) {
		t.Errorf("not ready: %v", err)
	}
	// Bad --what: exit 3 before any request.
	srv.Reset()
	_, _, err = c.Download(ctx, cr, DownloadOptions{What: "everything"})
	if ExitCode(err) != ExitUsage || len(srv.Requests()) != 0 {
		t.Errorf("bad --what: %v, %d requests", err, len(srv.Requests()))
	}
	// Existing destination: exit 4 unless --force.
	existing := writeFile(t, "exists.zip", []byte("mine"))
	_, _, err = c.Download(ctx, cr, DownloadOptions{What: "notes", Output: existing})
	if ExitCode(err) != ExitFile {
		t.Errorf("existing destination: %v", err)
	}
	if b, _ := os.ReadFile(existing); string(b) != "mine" {
		t.Error("existing destination was touched")
	}
	// HTTP 5xx on the file: retried, then exit 2; 404: exit 1 at once.
	cr = doneRequest(t, c)
	srv.FailNext("download", 503, "busy")
	srv.FailNext("download", 503, "busy")
	_, _, err = c.Download(ctx, cr, DownloadOptions{What: "upgraded-sql", Output: filepath.Join(dir, "b"), Retries: 1})
	if ExitCode(err) != ExitServer || !strings.Contains(err.Error(), "HTTP 503") || strings.Contains(err.Error(), cr.Key) {
		t.Errorf("503: %v", err)
	}
	srv.FailNext("download", 404, "gone")
	_, _, err = c.Download(ctx, cr, DownloadOptions{What: "upgraded-sql", Output: filepath.Join(dir, "b"), Retries: 5})
	if ExitCode(err) != ExitPlatform || !strings.Contains(err.Error(), "/***/upgraded/sql: HTTP 404") {
		t.Errorf("404: %v", err)
	}
}

func TestUpgradeParseContentRange(t *testing.T) {
	for _, tc := range []struct {
		in                    string
		first, last, complete int64
		ok                    bool
	}{
		{"bytes 0-499/1234", 0, 499, 1234, true},
		{"bytes 500-1233/1234", 500, 1233, 1234, true},
		{"bytes 500-1233/*", 500, 1233, -1, true},
		{"bytes */1234", -1, -1, 1234, true},
		{"BYTES 1-1/2", 1, 1, 2, true},
		{"bytes 5-4/10", 0, 0, 0, false},
		{"bytes 0-10/10", 0, 0, 0, false},
		{"bytes */*", 0, 0, 0, false},
		{"bytes -1-5/10", 0, 0, 0, false},
		{"bytes 0-5", 0, 0, 0, false},
		{"items 0-5/10", 0, 0, 0, false},
		{"bytes +1-5/10", 0, 0, 0, false},
		{"bytes 0-99999999999999999999/1", 0, 0, 0, false},
		{"", 0, 0, 0, false},
	} {
		f, l, c, err := ParseContentRange(tc.in)
		if (err == nil) != tc.ok || (tc.ok && (f != tc.first || l != tc.last || c != tc.complete)) {
			t.Errorf("ParseContentRange(%q) = %d, %d, %d, %v", tc.in, f, l, c, err)
		}
	}
}

func FuzzParseContentRange(f *testing.F) {
	for _, s := range []string{"bytes 0-499/1234", "bytes */1234", "bytes 1-2/*", "bytes 9-8/7", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		first, last, complete, err := ParseContentRange(s)
		if err != nil {
			return
		}
		if first == -1 {
			if last != -1 || complete < 0 {
				t.Fatalf("%q: unsatisfied form with %d, %d", s, last, complete)
			}
			return
		}
		if first < 0 || last < first || complete < -1 || (complete >= 0 && last >= complete) {
			t.Fatalf("%q: inconsistent %d-%d/%d", s, first, last, complete)
		}
	})
}

func FuzzParsePartMeta(f *testing.F) {
	f.Add([]byte(`{"source":"` + strings.Repeat("ab", 32) + `","etag":"\"x\"","total":10}`))
	f.Add([]byte(`{"source":"zz","total":-2}`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := ParsePartMeta(b)
		if err != nil {
			return
		}
		if len(m.Source) != 64 || m.Total < -1 {
			t.Fatalf("accepted %+v", m)
		}
	})
}

// TestUpgradeDownloadStall: a server that stops sending in the middle of
// the body, without closing, ends the attempt after StallTimeout; the
// download resumes from the bytes it has, and with no retry left the
// error says what happened and the partial file stays.
func TestUpgradeDownloadStall(t *testing.T) {
	srv := upgradetest.NewServer(t)
	c, _ := newClient(t, srv)
	cr := doneRequest(t, c)
	srv.StallDownloads(80000, 0)
	out := filepath.Join(t.TempDir(), "up.zip")
	opts := DownloadOptions{What: "upgraded-archive", Output: out, StallTimeout: 300 * time.Millisecond}
	_, _, err := c.Download(context.Background(), cr, opts)
	if err == nil || ExitCode(err) != ExitServer || !strings.Contains(err.Error(), "no data for 300ms after 80000 bytes (--stall-timeout)") {
		t.Fatalf("stalled download: %v", err)
	}
	if n := fileSize(out + ".part"); n != 80000 {
		t.Fatalf(".part holds %d bytes, want 80000", n)
	}
	opts.Retries = 2 // the next stall sends nothing at all, the retry after it finishes
	_, o, err := c.Download(context.Background(), cr, opts)
	if err != nil {
		t.Fatal(err)
	}
	if o.Download.ResumedFrom != 80000 || o.Download.Attempts != 2 || o.Download.SHA256 != sha(upgradetest.UpgradedData()) {
		t.Errorf("resumed from %d in %d attempts, sha256 %s", o.Download.ResumedFrom, o.Download.Attempts, o.Download.SHA256)
	}
}
