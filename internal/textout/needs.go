package textout

import (
	"fmt"
	"io"
	"strings"

	"github.com/migrate-runner/migrate-runner/phases"
	"github.com/migrate-runner/migrate-runner/runner"
)

// needsAnalysed reports whether the plan's scripts carry their needs
// (package needs sets a non-nil list, empty for a script that needs
// nothing).
func needsAnalysed(p *phases.Plan) bool {
	for _, s := range p.Steps {
		if s.Kind == phases.ScriptStep && s.Needs != nil {
			return true
		}
	}
	return false
}

// needsCell is the NEEDS column: "openupgradelib,orm", "-" for nothing,
// and a "*" when a token scan classified the script.
func needsCell(s phases.Step) string {
	cell := strings.Join(s.Needs, ",")
	if cell == "" {
		cell = "-"
	}
	if s.NeedsFallback != "" {
		cell += "*"
	}
	return cell
}

// planNeeds lists the scripts that need Odoo's ORM, each use on its own
// line, and (with explain) why token scans classified some scripts.
func planNeeds(ew *Writer, p *phases.Plan, explain bool, short func(string) string) {
	if short == nil {
		short = func(s string) string { return s }
	}
	seen := map[string]bool{}
	var orm, scanned []phases.Step
	for _, s := range p.Steps {
		if s.Kind != phases.ScriptStep || seen[s.Path] {
			continue
		}
		seen[s.Path] = true
		if len(s.ORM) > 0 {
			orm = append(orm, s)
		}
		if s.NeedsFallback != "" {
			scanned = append(scanned, s)
		}
	}
	if len(scanned) > 0 && !explain {
		ew.Printf("\n* classified by a token scan: gpython's parser cannot read the script (--explain says why).\n")
	}
	if len(orm) > 0 {
		ew.Printf("\nNeed Odoo's ORM (%d script(s)): run refuses to start; run --skip-orm skips them:\n", len(orm))
		for _, s := range orm {
			for _, u := range s.ORM {
				ew.Printf("  %s:%d: %s\n", Safe(short(s.Path)), u.Line, Safe(u.Construct))
			}
		}
	}
	if explain && len(scanned) > 0 {
		ew.Printf("\nClassified by a token scan (%d):\n", len(scanned))
		for _, s := range scanned {
			ew.Printf("  %s: %s\n", Safe(short(s.Path)), Safe(s.NeedsFallback))
		}
	}
}

// ormSkipped lists, after a run, the scripts --skip-orm skipped: they
// still have to run where Odoo's ORM is.
func ormSkipped(w io.Writer, r *runner.Report, short func(string) string) {
	n := 0
	for _, s := range r.Scripts {
		if len(s.ORM) > 0 {
			n++
		}
	}
	if n == 0 {
		return
	}
	fmt.Fprintf(w, "\nSKIPPED %d script(s) that need Odoo's ORM (--skip-orm); run them where the ORM is:\n", n)
	for _, s := range r.Scripts {
		for _, u := range s.ORM {
			fmt.Fprintf(w, "  %s:%d: %s\n", Safe(short(s.Path)), u.Line, Safe(u.Construct))
		}
	}
}
