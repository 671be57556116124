package textout

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/migrate-runner/migrate-runner/runner"
)

// ScriptLine prints the live line of one finished script.
func ScriptLine(w io.Writer, s runner.ScriptReport) {
	fmt.Fprintf(w, "%-7s  %-8s  %-17s %-11s %-4s  %-30s %7s  %4d stmt  %6d rows\n", s.Status, s.Host, Safe(s.Module), Safe(s.Version),
		s.Phase, Safe(s.Script), s.Duration.Round(time.Millisecond), s.Statements, s.RowCount)
	if s.HostReason != "" {
		fmt.Fprintf(w, "         ran in CPython: %s\n", Safe(s.HostReason))
	}
	if s.Status != runner.Applied && s.Error != "" {
		fmt.Fprintf(w, "         %s\n", Safe(s.Error))
	}
}

// RunSummary prints how the run ended and, for a failure, its traceback
// and the statement that failed.
func RunSummary(w io.Writer, r *runner.Report, short func(string) string) {
	if short == nil {
		short = func(s string) string { return s }
	}
	counts := map[string]int{}
	var total time.Duration
	for _, s := range r.Scripts {
		counts[s.Status]++
		total += s.Duration
	}
	fmt.Fprintf(w, "\n%d applied, %d skipped, %d failed in %s; run %s on %s: %s\n", counts[runner.Applied],
		counts[runner.Skipped], counts[runner.Failed], total.Round(time.Millisecond), r.RunID, r.Database, r.Outcome)
	ormSkipped(w, r, short)
	for _, s := range r.Scripts {
		if s.Status != runner.Failed {
			continue
		}
		fmt.Fprintf(w, "\nFAILED %s (%s %s %s)\n", Safe(short(s.Path)), s.Module, s.Version, s.Phase)
		if s.FailedSQL != "" {
			fmt.Fprintf(w, "SQL: %s\n", s.FailedSQL)
		}
		if s.Traceback != "" {
			fmt.Fprint(w, strings.TrimRight(s.Traceback, "\n")+"\n")
		} else {
			fmt.Fprintln(w, s.Error)
		}
	}
}
