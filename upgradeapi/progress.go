package upgradeapi

import (
	"context"
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// Meter shows one transfer's progress.
type Meter interface {
	Set(done int64) // bytes done so far
	Done()          // the transfer ended, well or not
}

type noMeter struct{}

func (noMeter) Set(int64) {}
func (noMeter) Done()     {}

func (c *Client) meter(label string, total int64) Meter {
	if c.Meter == nil {
		return noMeter{}
	}
	return c.Meter(label, total)
}

// IsTerminal reports whether w is a terminal: progress bars and notices
// are for people, not for logs and pipes.
func IsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// TerminalMeter draws progress bars on w (a terminal's standard error).
func TerminalMeter(w io.Writer) func(label string, total int64) Meter {
	return func(label string, total int64) Meter {
		if total <= 0 {
			total = -1 // unknown: a spinner with the byte count
		}
		bar := progressbar.NewOptions64(total,
			progressbar.OptionSetWriter(w),
			progressbar.OptionSetDescription(label),
			progressbar.OptionShowBytes(true),
			progressbar.OptionSetWidth(30),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionShowCount(),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionOnCompletion(func() { io.WriteString(w, "\n") }),
		)
		return &barMeter{bar: bar}
	}
}

type barMeter struct{ bar *progressbar.ProgressBar }

func (m *barMeter) Set(done int64) { _ = m.bar.Set64(done) }
func (m *barMeter) Done() {
	if !m.bar.IsFinished() {
		_ = m.bar.Exit()
	}
}

// Clock is the time source of waits and retries.
type Clock interface {
	Now() time.Time
	Sleep(ctx context.Context, d time.Duration) error
}

type realClock struct{}

func (realClock) Now() time.Time { return time.Now() }

func (realClock) Sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
