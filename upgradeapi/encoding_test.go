package upgradeapi

import (
	"context"
	"fmt"
	"mime"
	"net/url"
	"strings"
	"testing"

	"github.com/migrate-runner/migrate-runner/upgradeapi/upgradetest"
)

// render writes a recorded request for a golden file: the multipart
// boundary (random) becomes BOUNDARY, carriage returns show as \r, the
// test server's address as $URL.
func render(srv *upgradetest.Server, r upgradetest.Recorded) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s\n", r.Method, r.Path)
	if r.Query != "" {
		fmt.Fprintf(&b, "query: %s\n", r.Query)
	}
	ct := r.ContentType
	body := string(r.Body)
	if _, p, err := mime.ParseMediaType(ct); err == nil && p["boundary"] != "" {
		ct = strings.ReplaceAll(ct, p["boundary"], "BOUNDARY")
		body = strings.ReplaceAll(body, p["boundary"], "BOUNDARY")
	}
	if ct != "" {
		fmt.Fprintf(&b, "content-type: %s\n", ct)
	}
	if r.Range != "" {
		fmt.Fprintf(&b, "range: %s\n", r.Range)
	}
	if r.IfRange != "" {
		fmt.Fprintf(&b, "if-range: %s\n", r.IfRange)
	}
	if r.BodySHA256 != "" {
		fmt.Fprintf(&b, "body: %d bytes, sha256 %s\n", r.BodySize, r.BodySHA256)
	} else if body != "" {
		fmt.Fprintf(&b, "body:\n%s\n", strings.ReplaceAll(body, "\r", `\r`))
	}
	return strings.ReplaceAll(b.String(), srv.URL, "$URL")
}

// TestUpgradeRequestEncoding checks method, URL, parameters and body of
// every endpoint against golden files, as a server receives them.
func TestUpgradeRequestEncoding(t *testing.T) {
	ctx := context.Background()
	srv := upgradetest.NewServer(t)
	c, _ := newClient(t, srv)
	dump := writeFile(t, "db.dump", []byte("PGDMP fake custom dump\n"))
	keys := writeFile(t, "authorized_keys", []byte("# my key\nssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG8mXk2G0EJKqGw9l5GrShm5w9xwVGM9tTCeHfs9xS7u me@host\n"))

	steps := []struct {
		name string
		do   func(cr Credentials) error
	}{
		{"create", func(Credentials) error {
			_, err := c.Create(ctx, CreateParams{Contract: "M123456-abcdef", Email: "john.doe+odoo@example.com",
				Target: "17.0", Aim: "test", Filename: "db name.dump", Timezone: "Europe/Brussels"})
			return err
		}},
		{"upload", func(cr Credentials) error { _, err := c.Upload(ctx, cr, dump); return err }},
		{"request_sftp_access", func(cr Credentials) error {
			b, err := ReadSSHKeys(keys)
			if err != nil {
				return err
			}
			_, err = c.RequestSFTPAccess(ctx, cr, keys, b)
			return err
		}},
		{"process", func(cr Credentials) error { _, err := c.Process(ctx, cr); return err }},
		{"status", func(cr Credentials) error { _, err := c.Status(ctx, cr); return err }},
		{"skip_test", func(cr Credentials) error { _, err := c.SkipTest(ctx, cr); return err }},
		{"download", func(cr Credentials) error {
			_, _, err := c.Download(ctx, cr, DownloadOptions{What: "upgraded-sql", Output: t.TempDir() + "/out.sql"})
			return err
		}},
	}
	cr := Credentials{Request: "10534", Key: upgradetest.Key(10534)}
	for _, s := range steps {
		srv.Reset()
		if err := s.do(cr); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		var b strings.Builder
		for _, r := range srv.Requests() {
			b.WriteString(render(srv, r))
			b.WriteString("\n")
		}
		golden(t, "requests/"+s.name+".txt", hideKey(b.String(), cr.Key))
	}
}

// TestUpgradeRequestEncodingResume checks the Range and If-Range headers of
// a download that resumes after the connection broke.
func TestUpgradeRequestEncodingResume(t *testing.T) {
	srv := upgradetest.NewServer(t)
	c, _ := newClient(t, srv)
	cr := created(t, c)
	dump := writeFile(t, "db.dump", []byte("x"))
	must(t)(c.Upload(context.Background(), cr, dump))
	must(t)(c.Process(context.Background(), cr))
	must(t)(c.SkipTest(context.Background(), cr))
	srv.CutDownloads(100000)
	srv.Reset()
	if _, _, err := c.Download(context.Background(), cr, DownloadOptions{What: "upgraded-archive", Output: t.TempDir() + "/up.zip", Retries: 1}); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, r := range srv.Requests() {
		b.WriteString(render(srv, r))
		b.WriteString("\n")
	}
	golden(t, "requests/download-resume.txt", hideKey(b.String(), cr.Key))
}

func hideKey(s, key string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, url.QueryEscape(key), "$KEY"), key, "$KEY")
}
