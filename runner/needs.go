package runner

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/migrate-runner/migrate-runner/needs"
	"github.com/migrate-runner/migrate-runner/phases"
)

// ORMError says that the plan holds scripts that need Odoo's ORM, which
// migrate-runner does not run; it lists each with every use and its line.
// Nothing ran: the check comes before the database is touched.
type ORMError struct {
	Scripts []ORMScript
}

// ORMScript is one script that needs the ORM.
type ORMScript struct {
	Path string
	Uses []phases.ORMUse
}

func (e *ORMError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d script(s) need Odoo's ORM, which migrate-runner does not run; nothing was run "+
		"(--skip-orm skips them and runs the rest):", len(e.Scripts))
	for _, s := range e.Scripts {
		for _, u := range s.Uses {
			fmt.Fprintf(&b, "\n  %s:%d: %s", s.Path, u.Line, u.Construct)
		}
	}
	return b.String()
}

// checkORM classifies the plan's scripts. Without SkipORM a script that
// needs the ORM stops the run with an *ORMError; with it, the result maps
// each such script's path to its uses, for the run to skip.
func checkORM(ctx context.Context, plan *phases.Plan, opts Options) (map[string][]phases.ORMUse, error) {
	res, err := needs.ForPlan(ctx, plan)
	if err != nil {
		return nil, fmt.Errorf("run: %w", err)
	}
	skip := map[string][]phases.ORMUse{}
	var scripts []ORMScript
	for _, st := range plan.Scripts() {
		r := res[st.Path]
		if _, done := skip[st.Path]; done || !r.Has(needs.ORM) {
			continue
		}
		var uses []phases.ORMUse
		for _, u := range r.ORM() {
			uses = append(uses, phases.ORMUse{Line: u.Line, Construct: u.Construct})
		}
		skip[st.Path] = uses
		scripts = append(scripts, ORMScript{Path: st.Path, Uses: uses})
	}
	if len(scripts) > 0 && !opts.SkipORM {
		return nil, &ORMError{Scripts: scripts}
	}
	return skip, nil
}

// withoutScripts is the plan minus the given scripts' steps: what the
// hosts must be able to run.
func withoutScripts(plan *phases.Plan, skip map[string][]phases.ORMUse) *phases.Plan {
	if len(skip) == 0 {
		return plan
	}
	p := *plan
	p.Steps = nil
	for _, s := range plan.Steps {
		if _, ok := skip[s.Path]; !ok || s.Kind != phases.ScriptStep {
			p.Steps = append(p.Steps, s)
		}
	}
	return &p
}

// ormSkipped is the report of a script --skip-orm skipped.
func ormSkipped(step phases.Step, uses []phases.ORMUse) ScriptReport {
	msg := fmt.Sprintf("%s at line %d", uses[0].Construct, uses[0].Line)
	if len(uses) > 1 {
		msg += fmt.Sprintf(", and %d more use(s)", len(uses)-1)
	}
	return ScriptReport{Module: step.Module, Version: step.Version, Phase: step.Phase, Script: step.Script,
		Path: step.Path, Started: time.Now(), Status: Skipped, ORM: uses,
		Error: "SKIPPED (needs Odoo's ORM: " + msg + ")"}
}
