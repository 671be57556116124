package upgradeapi

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/migrate-runner/migrate-runner/upgradeapi/upgradetest"
)

func processed(t *testing.T, c *Client) Credentials {
	t.Helper()
	cr := created(t, c)
	must(t)(c.Upload(context.Background(), cr, writeFile(t, "db.dump", []byte("dump"))))
	must(t)(c.Process(context.Background(), cr))
	return cr
}

// TestUpgradeWaitBackoff polls until done: the pause grows by half while
// the state stays, starts over when it changes, and never exceeds the cap.
func TestUpgradeWaitBackoff(t *testing.T) {
	srv := upgradetest.NewServer(t)
	srv.Polls = 4 // 3 polls pending, 4 progress, then done
	c, clk := newClient(t, srv)
	var notes bytes.Buffer
	c.Notice = &notes
	cr := processed(t, c)
	res, err := c.Wait(context.Background(), cr, WaitOptions{Interval: 10 * time.Second, MaxInterval: 20 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if res.Response.Request.State != StateDone {
		t.Errorf("final state %q", res.Response.Request.State)
	}
	want := []time.Duration{10e9, 15e9, 20e9, 10e9, 15e9, 20e9, 20e9}
	if len(clk.sleeps) != len(want) {
		t.Fatalf("pauses %v, want %v", clk.sleeps, want)
	}
	for i := range want {
		if clk.sleeps[i] != want[i] {
			t.Fatalf("pauses %v, want %v", clk.sleeps, want)
		}
	}
	if notes.String() != "request 10534: state pending\nrequest 10534: state progress\nrequest 10534: state done\n" {
		t.Errorf("notices:\n%s", notes.String())
	}
}

// TestUpgradeWaitTransient retries 5xx answers, then succeeds.
func TestUpgradeWaitTransient(t *testing.T) {
	srv := upgradetest.NewServer(t)
	srv.Polls = 1
	c, _ := newClient(t, srv)
	cr := processed(t, c)
	srv.FailNext("status", 502, "<html>Bad Gateway</html>")
	srv.FailNext("status", 200, "<html>maintenance</html>")
	res, err := c.Wait(context.Background(), cr, WaitOptions{Interval: time.Second})
	if err != nil || res.Response.Request.State != StateDone {
		t.Fatalf("wait: %v", err)
	}
}

func TestUpgradeWaitEnds(t *testing.T) {
	ctx := context.Background()
	t.Run("failed", func(t *testing.T) {
		srv := upgradetest.NewServer(t)
		srv.Polls, srv.FailUpgrade = 1, "Module foo cannot be migrated"
		c, _ := newClient(t, srv)
		cr := processed(t, c)
		res, err := c.Wait(ctx, cr, WaitOptions{})
		if ExitCode(err) != ExitPlatform || err.Error() != "upgrade request 10534 failed: Module foo cannot be migrated" || res == nil {
			t.Errorf("failed upgrade: %v", err)
		}
	})
	t.Run("timeout", func(t *testing.T) {
		srv := upgradetest.NewServer(t)
		srv.Polls = 1000
		c, clk := newClient(t, srv)
		cr := processed(t, c)
		_, err := c.Wait(ctx, cr, WaitOptions{Interval: 10 * time.Second, Timeout: time.Minute})
		if ExitCode(err) != ExitServer || !strings.Contains(err.Error(), `not done after 1m0s (state "pending")`) {
			t.Errorf("timeout: %v", err)
		}
		var total time.Duration
		for _, d := range clk.sleeps {
			total += d
		}
		if total != time.Minute {
			t.Errorf("slept %v in all, want exactly the timeout", total)
		}
	})
	t.Run("4xx", func(t *testing.T) {
		srv := upgradetest.NewServer(t)
		c, clk := newClient(t, srv)
		cr := processed(t, c)
		srv.FailNext("status", 403, `{"failures":[{"reason":"KEY:INVALID","message":"Invalid key"}]}`)
		_, err := c.Wait(ctx, cr, WaitOptions{})
		if ExitCode(err) != ExitPlatform || !strings.Contains(err.Error(), "HTTP 403 Forbidden: 1 failure: KEY:INVALID") || len(clk.sleeps) != 0 {
			t.Errorf("403: %v after %d pauses", err, len(clk.sleeps))
		}
	})
	t.Run("wrong key", func(t *testing.T) {
		srv := upgradetest.NewServer(t)
		c, _ := newClient(t, srv)
		cr := processed(t, c)
		cr.Key = "wrong"
		_, err := c.Wait(ctx, cr, WaitOptions{})
		if ExitCode(err) != ExitPlatform || !strings.Contains(err.Error(), "KEY:INVALID") {
			t.Errorf("wrong key: %v", err)
		}
	})
	t.Run("cancelled", func(t *testing.T) {
		srv := upgradetest.NewServer(t)
		c, _ := newClient(t, srv)
		cr := processed(t, c)
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		if _, err := c.Wait(cctx, cr, WaitOptions{}); err == nil {
			t.Error("a cancelled wait returned no error")
		}
	})
}
