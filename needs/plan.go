package needs

import (
	"context"

	"github.com/migrate-runner/migrate-runner/phases"
)

// ForPlan classifies every script the plan runs, each file once, on
// every CPU, for the plan's series. Results are keyed by path.
func ForPlan(ctx context.Context, p *phases.Plan) (map[string]Result, error) {
	var paths []string
	seen := map[string]bool{}
	for _, s := range p.Steps {
		if s.Kind == phases.ScriptStep && !seen[s.Path] {
			seen[s.Path] = true
			paths = append(paths, s.Path)
		}
	}
	res, err := AnalyzeFiles(ctx, paths, OptionsFor(p.Series))
	if err != nil {
		return nil, err
	}
	out := make(map[string]Result, len(paths))
	for i, path := range paths {
		out[path] = res[i]
	}
	return out, nil
}

// Annotate copies the results onto the plan's script steps (Needs, ORM,
// NeedsFallback), for plan --json and --explain.
func Annotate(p *phases.Plan, results map[string]Result) {
	for i := range p.Steps {
		s := &p.Steps[i]
		r, ok := results[s.Path]
		if s.Kind != phases.ScriptStep || !ok {
			continue
		}
		s.Needs = r.Strings()
		s.ORM = nil
		for _, u := range r.ORM() {
			s.ORM = append(s.ORM, phases.ORMUse{Line: u.Line, Construct: u.Construct})
		}
		s.NeedsFallback = r.Fallback
	}
}
