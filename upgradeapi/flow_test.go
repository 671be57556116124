package upgradeapi

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/migrate-runner/migrate-runner/upgradeapi/upgradetest"
)

func runParams(t *testing.T) RunParams {
	dir := t.TempDir()
	return RunParams{
		Create:   CreateParams{Contract: "M123456-abcdef", Email: "john.doe@example.com", Target: "17.0", Aim: "test"},
		Dump:     writeFile(t, "db.dump", []byte("PGDMP a dump to upgrade")),
		State:    filepath.Join(dir, "state.json"),
		Download: DownloadOptions{What: "upgraded-archive", Output: filepath.Join(dir, "upgraded.zip")},
	}
}

func endpoints(srv *upgradetest.Server) string {
	var names []string
	for _, r := range srv.Requests() {
		name := strings.TrimPrefix(r.Path, "/database/v1/")
		if r.Method == "GET" {
			name = "GET"
			if r.Range != "" {
				name += "(" + r.Range + ")"
			}
		}
		names = append(names, name)
	}
	return strings.Join(names, " ")
}

func TestUpgradeRunWholeFlow(t *testing.T) {
	srv := upgradetest.NewServer(t)
	c, _ := newClient(t, srv)
	p := runParams(t)
	out, err := c.Run(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	if got := endpoints(srv); got != "create upload status process status status status status status GET" {
		t.Errorf("calls: %s", got)
	}
	if out.Download == nil || out.Download.SHA256 != sha(upgradetest.UpgradedData()) || out.Download.Path != p.Download.Output {
		t.Errorf("download: %+v", out.Download)
	}
	st, err := LoadState(p.State)
	if err != nil {
		t.Fatal(err)
	}
	if st.Step != StepDownloaded || st.Request != "10534" || st.Key != upgradetest.Key(10534) || st.Filename != "db.dump" {
		t.Errorf("state: %+v", st)
	}
	if fi, _ := os.Stat(p.State); fi.Mode().Perm() != 0o600 {
		t.Errorf("state file mode %v", fi.Mode().Perm())
	}
	// Again: nothing to do but report.
	srv.Reset()
	if _, err := c.Run(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	if got := endpoints(srv); got != "status" {
		t.Errorf("second run calls: %s", got)
	}
}

// TestUpgradeRunResumes interrupts the flow twice, at process (a 503) and
// in the middle of the download (connection cut): each new run continues
// from the state file without creating or uploading again.
func TestUpgradeRunResumes(t *testing.T) {
	srv := upgradetest.NewServer(t)
	srv.Polls = 1
	c, _ := newClient(t, srv)
	p := runParams(t)

	srv.FailNext("process", 503, "try later")
	if _, err := c.Run(context.Background(), p); ExitCode(err) != ExitServer {
		t.Fatalf("first run: %v", err)
	}
	if st, _ := LoadState(p.State); st.Step != StepUploaded {
		t.Fatalf("after the 503: step %q", st.Step)
	}

	srv.Reset()
	srv.CutDownloads(200000)
	if _, err := c.Run(context.Background(), p); ExitCode(err) != ExitServer {
		t.Fatalf("second run: %v", err)
	}
	if got := endpoints(srv); got != "status process status status status GET" {
		t.Errorf("second run calls: %s", got)
	}
	if st, _ := LoadState(p.State); st.Step != StepFinished {
		t.Fatalf("after the cut: step %q", st.Step)
	}

	srv.Reset()
	out, err := c.Run(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	if got := endpoints(srv); got != "status GET(bytes=200000-)" {
		t.Errorf("third run calls: %s", got)
	}
	data, _ := os.ReadFile(p.Download.Output)
	if sha(data) != sha(upgradetest.UpgradedData()) || out.Download.ResumedFrom != 200000 {
		t.Errorf("result sha256 %s, resumed from %d", sha(data), out.Download.ResumedFrom)
	}
}

func TestUpgradeRunRefuses(t *testing.T) {
	ctx := context.Background()
	srv := upgradetest.NewServer(t)
	srv.Polls = 1
	c, _ := newClient(t, srv)

	p := runParams(t)
	srv.FailNext("process", 503, "")
	c.Run(ctx, p)
	other := p
	other.Dump = writeFile(t, "other.dump", []byte("x"))
	if _, err := c.Run(ctx, other); ExitCode(err) != ExitUsage || !strings.Contains(err.Error(), "--dbdump") {
		t.Errorf("other dump: %v", err)
	}
	other = p
	other.Create.Target = "16.0"
	if _, err := c.Run(ctx, other); ExitCode(err) != ExitUsage || !strings.Contains(err.Error(), `--target "17.0"`) {
		t.Errorf("other target: %v", err)
	}

	p = runParams(t)
	p.Create.Target = "5.0"
	out, err := c.Run(ctx, p)
	if ExitCode(err) != ExitPlatform || !strings.Contains(err.Error(), "TARGET:INVALID") || out == nil {
		t.Errorf("bad target: %v", err)
	}
	if _, serr := os.Stat(p.State); serr == nil {
		t.Error("a state file was written for a request that was not created")
	}

	p = runParams(t)
	p.Dump = filepath.Join(t.TempDir(), "missing.dump")
	srv.Reset()
	if _, err := c.Run(ctx, p); ExitCode(err) != ExitFile || len(srv.Requests()) != 0 {
		t.Errorf("missing dump: %v", err)
	}

	p = runParams(t)
	p.Create.Timezone = "brus"
	if _, err := c.Run(ctx, p); ExitCode(err) != ExitUsage || len(srv.Requests()) != 0 {
		t.Errorf("bad timezone: %v", err)
	}

	srv.FailUpgrade = "boom"
	p = runParams(t)
	if _, err := c.Run(ctx, p); ExitCode(err) != ExitPlatform || !strings.Contains(err.Error(), "failed: boom") {
		t.Errorf("failed upgrade: %v", err)
	}
}
