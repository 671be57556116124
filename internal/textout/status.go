package textout

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/migrate-runner/migrate-runner/status"
)

// Status prints a status report: pending scripts in run order, edited
// scripts, and the latest ledger entries.
func Status(out io.Writer, r *status.Report, short func(string) string) error {
	if short == nil {
		short = func(s string) string { return s }
	}
	bw := bufio.NewWriter(out)
	ew := &Writer{W: bw}
	ew.Printf("Database %s, series %s: %d script(s) pending, %d edited after they were applied\n", r.Database, r.Series, len(r.Pending), len(r.Edited))
	if len(r.Pending) > 0 {
		t := &Table{}
		for i, p := range r.Pending {
			note := ""
			if p.AppliedBefore {
				note = "applied before; runs again"
			}
			t.Row(strconv.Itoa(i+1), p.Module, p.Phase, p.Version, p.Script, note)
		}
		ew.Printf("\nPending, in run order:\n")
		t.Write(ew, []string{"#", "MODULE", "PHASE", "VERSION", "SCRIPT", "NOTE"})
	}
	if len(r.Edited) > 0 {
		ew.Printf("\nEdited after they were applied:\n")
		for _, e := range r.Edited {
			ew.Printf("  warning %s: sha256 %s… when applied, now %s…\n", Safe(short(e.Path)), abbrev(e.Applied), abbrev(e.Current))
		}
	}
	if len(r.History) > 0 {
		t := &Table{}
		for _, e := range r.History {
			t.Row(e.StartedAt.UTC().Format(time.DateTime), e.Status, e.Module, e.Phase, e.Version, e.Script,
				e.Duration.Round(time.Microsecond).String(), strconv.FormatInt(e.RowCount, 10), firstLine(e.Error))
		}
		ew.Printf("\nHistory, newest first:\n")
		t.Write(ew, []string{"STARTED (UTC)", "STATUS", "MODULE", "PHASE", "VERSION", "SCRIPT", "TIME", "ROWS", "ERROR"})
	} else {
		ew.Printf("\nNo history: migrate-runner has not run on this database.\n")
	}
	if ew.Err != nil {
		return ew.Err
	}
	return bw.Flush()
}

func abbrev(sum string) string { return sum[:min(12, len(sum))] }

// firstLine shortens an error to one line: a traceback to its last line
// (the exception), anything else to its first.
func firstLine(s string) string {
	s = strings.TrimRight(s, "\n ")
	if strings.HasPrefix(s, "Traceback") {
		return s[strings.LastIndexByte(s, '\n')+1:]
	}
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return fmt.Sprintf("%s …", s[:i])
	}
	return s
}
