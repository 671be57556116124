package upgradeapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/migrate-runner/migrate-runner/upgradeapi/upgradetest"
)

func TestUpgradeValidateEmail(t *testing.T) {
	for _, tc := range []struct {
		email string
		ok    bool
	}{
		{"john.doe@example.com", true}, {"john.doe+odoo@sub.example.co.uk", true}, {"a@b.io", true},
		{"", false}, {"john", false}, {"john@", false}, {"@example.com", false}, {"john@localhost", false},
		{"John <john@example.com>", false}, {"john doe@example.com", false}, {"john@example..com", false},
		{"john@-example.com", false}, {"john@example.com.", false}, {"john@[127.0.0.1]", false}, {" john@example.com", false},
	} {
		err := ValidateEmail(tc.email)
		if (err == nil) != tc.ok {
			t.Errorf("ValidateEmail(%q) = %v, want ok=%v", tc.email, err, tc.ok)
		}
		if err != nil && ExitCode(err) != ExitUsage {
			t.Errorf("ValidateEmail(%q): exit %d", tc.email, ExitCode(err))
		}
	}
}

func TestUpgradeValidateArguments(t *testing.T) {
	good := CreateParams{Contract: "M1", Email: "a@b.io", Target: "17.0", Aim: "test", Filename: "db.dump"}
	for _, tc := range []struct {
		edit func(*CreateParams)
		err  string
	}{
		{func(p *CreateParams) { p.Contract = "" }, "--contract is required"},
		{func(p *CreateParams) { p.Filename = " " }, "--filename is required"},
		{func(p *CreateParams) { p.Aim = "prod" }, `--aim "prod": want test or production`},
		{func(p *CreateParams) { p.Email = "nope" }, `--email "nope"`},
		{func(p *CreateParams) { p.Timezone = "Europe/Bruxelles" }, "Timezone 'Europe/Bruxelles' is not a valid value"},
	} {
		p := good
		tc.edit(&p)
		err := p.Validate()
		if err == nil || !strings.Contains(err.Error(), tc.err) || ExitCode(err) != ExitUsage {
			t.Errorf("Validate(%+v) = %v, want exit 3 with %q", p, err, tc.err)
		}
	}
	if err := good.Validate(); err != nil {
		t.Error(err)
	}
	for _, cr := range []Credentials{{"", "k"}, {"1", ""}, {"abc", "k"}, {"-1", "k"}, {"+1", "k"}, {"1", "a b"}, {"1", "a\x00"}} {
		if err := cr.Validate(); ExitCode(err) != ExitUsage {
			t.Errorf("Credentials%+v: %v", cr, err)
		}
	}
	for _, u := range []string{"", "upgrade.odoo.com", "ftp://x", "https://", "https://x/?a=1", "http://x#f"} {
		if _, err := NewClient(u, Options{}); ExitCode(err) != ExitUsage {
			t.Errorf("NewClient(%q): %v", u, err)
		}
	}
	c, err := NewClient("https://upgrade.example.com/prefix/", Options{})
	if err != nil || c.endpointURL("status", nil) != "https://upgrade.example.com/prefix/database/v1/status" {
		t.Errorf("path prefix: %v %s", err, c.endpointURL("status", nil))
	}
}

func TestUpgradeMask(t *testing.T) {
	key := "Aw7pItGVKFuZ_FOR3U8VFQ=="
	for _, tc := range []struct{ in, want string }{
		{"https://u/database/v1/upload?key=Aw7pItGVKFuZ_FOR3U8VFQ%3D%3D&request=1", "https://u/database/v1/upload?key=***&request=1"},
		{"https://u/database/eu1/1/Aw7pItGVKFuZ_FOR3U8VFQ==/upgraded/archive", "https://u/database/eu1/1/***/upgraded/archive"},
		{"https://u/x?request=1&key=other", "https://u/x?key=***&request=1"},
	} {
		if got := maskURL(tc.in, key); got != tc.want {
			t.Errorf("maskURL(%s) = %s, want %s", tc.in, got, tc.want)
		}
	}
	if got := mask("Post key=Aw7pItGVKFuZ_FOR3U8VFQ%3D%3D: EOF", key); strings.Contains(got, "Aw7p") {
		t.Errorf("mask: %s", got)
	}
}

// TestUpgradeResultExitCodes maps answers to exit codes.
func TestUpgradeResultExitCodes(t *testing.T) {
	srv := upgradetest.NewServer(t)
	c, _ := newClient(t, srv)
	ctx := context.Background()
	cr := created(t, c)
	for _, tc := range []struct {
		code int
		body string
		exit int
		msg  string
	}{
		{200, `{"failures":[]}`, ExitOK, ""},
		{200, `{"failures":[{"reason":"STATE:INVALID","message":"no"}]}`, ExitPlatform, "status: the platform reported 1 failure: STATE:INVALID: no"},
		{404, `{"failures":[{"reason":"REQUEST:NOT_FOUND","message":"no such request"}]}`, ExitPlatform, "status: HTTP 404 Not Found: 1 failure: REQUEST:NOT_FOUND: no such request"},
		{400, `bad`, ExitPlatform, "status: HTTP 400 Bad Request"},
		{500, `{"failures":[]}`, ExitServer, "status: HTTP 500 Internal Server Error"},
		{502, `<html>`, ExitServer, "status: HTTP 502 Bad Gateway"},
		{200, `<html>`, ExitServer, "status: HTTP 200 but the answer is not the API's JSON"},
		{299, `{}`, ExitOK, ""},
	} {
		srv.FailNext("status", tc.code, tc.body)
		res, err := c.Status(ctx, cr)
		if err != nil {
			t.Fatal(err)
		}
		err = res.Err()
		if ExitCode(err) != tc.exit || (err != nil && !strings.HasPrefix(err.Error(), tc.msg)) {
			t.Errorf("HTTP %d %s: %v (exit %d), want exit %d %q", tc.code, tc.body, err, ExitCode(err), tc.exit, tc.msg)
		}
		if string(res.Body) != tc.body {
			t.Errorf("body %q, want the answer verbatim", res.Body)
		}
	}
	// The network: nothing listening.
	dead, _ := NewClient("http://127.0.0.1:1", Options{})
	_, err := dead.Status(ctx, cr)
	if ExitCode(err) != ExitServer || strings.Contains(err.Error(), cr.Key) {
		t.Errorf("refused connection: %v", err)
	}
	// Files.
	_, err = c.Upload(ctx, cr, filepath.Join(t.TempDir(), "none.dump"))
	if ExitCode(err) != ExitFile {
		t.Errorf("missing dump: %v", err)
	}
	_, err = c.Upload(ctx, cr, t.TempDir())
	if ExitCode(err) != ExitFile || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("directory dump: %v", err)
	}
	var e *Error
	if !errors.As(usageErr(errors.New("x")), &e) || ExitCode(errors.New("plain")) != ExitServer || ExitCode(nil) != ExitOK {
		t.Error("ExitCode defaults")
	}
}

// TestUpgradeVerboseCurlInfo fills curl_info with the masked URL, sizes
// and the server's address.
func TestUpgradeVerboseCurlInfo(t *testing.T) {
	srv := upgradetest.NewServer(t)
	c, _ := newClient(t, srv)
	c.Verbose = true
	cr := created(t, c)
	res, err := c.Upload(context.Background(), cr, writeFile(t, "db.dump", []byte("12345")))
	if err != nil {
		t.Fatal(err)
	}
	ci := res.Curl
	if ci == nil || ci.EffectiveURL != srv.URL+"/database/v1/upload?key=***&request=10534" || ci.SizeUpload != 5 ||
		ci.SizeDownload != int64(len(res.Body)) || ci.PrimaryIP != "127.0.0.1" || ci.ResponseCode != 200 ||
		ci.Method != "POST" || ci.TotalTime <= 0 || ci.ContentType != "application/json" {
		t.Errorf("curl_info %+v", ci)
	}
	var b bytes.Buffer
	NewOutput(res).WriteJSON(&b)
	if strings.Contains(b.String(), cr.Key) || strings.Contains(b.String(), "%3D%3D") {
		t.Errorf("key in the output:\n%s", b.String())
	}
}

// TestUpgradeOutputKeepsAnswer prints upgrade_response token for token:
// key order, number spelling and characters JSON could escape.
func TestUpgradeOutputKeepsAnswer(t *testing.T) {
	body := `{"z":1.50,"a":"<&>","failures":[],"big":12345678901234567890,"u":"é\u00e9"}`
	var b bytes.Buffer
	o := &Output{Code: 200, Reason: "OK", Body: []byte(body)}
	if err := o.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	want := `{
  "curl_info": {},
  "http_status": {
    "code": 200,
    "reason": "OK"
  },
  "upgrade_response": {
    "z": 1.50,
    "a": "<&>",
    "failures": [],
    "big": 12345678901234567890,
    "u": "é\u00e9"
  }
}
`
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
	b.Reset()
	(&Output{Code: 502, Reason: "Bad Gateway", Body: []byte("<html>\xff</html>")}).WriteJSON(&b)
	var j map[string]any
	if err := json.Unmarshal(b.Bytes(), &j); err != nil || j["upgrade_response"] != "<html>\uFFFD</html>" {
		t.Errorf("non-JSON answer: %s", b.String())
	}
}

// TestUpgradeUploadStreams uploads 64 MiB: the client and the in-process
// server together allocate a small fraction of it, so nothing holds the
// dump in memory.
func TestUpgradeUploadStreams(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 64 MiB")
	}
	srv := upgradetest.NewServer(t)
	c, _ := newClient(t, srv)
	cr := created(t, c)
	p := filepath.Join(t.TempDir(), "big.dump")
	f, _ := os.Create(p)
	chunk := bytes.Repeat([]byte("0123456789abcdef"), 1<<16)
	for i := 0; i < 64; i++ {
		f.Write(chunk)
	}
	f.Close()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	var last int64
	c.Meter = func(label string, total int64) Meter { return meterFunc(func(d int64) { last = d }) }
	must(t)(c.Upload(context.Background(), cr, p))
	runtime.ReadMemStats(&after)
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 16<<20 {
		t.Errorf("uploading 64 MiB allocated %d MiB", alloc>>20)
	}
	if last != 64<<20 {
		t.Errorf("meter ended at %d", last)
	}
	if r := srv.Requests(); r[len(r)-1].BodySize != 64<<20 {
		t.Errorf("server got %d bytes", r[len(r)-1].BodySize)
	}
}

type meterFunc func(int64)

func (m meterFunc) Set(d int64) { m(d) }
func (m meterFunc) Done()       {}
