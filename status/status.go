// Package status compares a plan with the history ledger of a database:
// which scripts are pending in run order (and whether an earlier run
// already applied them), which applied scripts were edited since, and the
// latest attempts. It reads script files for their checksums; it runs
// nothing and writes nothing.
package status

import (
	"github.com/migrate-runner/migrate-runner/discover"
	"github.com/migrate-runner/migrate-runner/phases"
	"github.com/migrate-runner/migrate-runner/sqlexec"
)

// Pending is one script the plan would run.
type Pending struct {
	phases.Step
	// AppliedBefore is set when the ledger has a successful run of the
	// same script: Odoo runs it again all the same (it goes by versions).
	AppliedBefore bool `json:"applied_before"`
}

// Edited is an applied script whose file changed since.
type Edited struct {
	Module  string `json:"module"`
	Version string `json:"version"`
	Phase   string `json:"phase"`
	Script  string `json:"script"`
	Path    string `json:"path"`
	Applied string `json:"applied_sha256"`
	Current string `json:"current_sha256"`
}

// Report is what `migrate-runner status` shows.
type Report struct {
	Database string          `json:"database"`
	Series   string          `json:"series"`
	Pending  []Pending       `json:"pending"`
	Edited   []Edited        `json:"edited"`
	History  []sqlexec.Entry `json:"history"`
}

// Build joins the plan, the discovered files and the ledger.
func Build(database string, plan *phases.Plan, inv *discover.Inventory, applied map[sqlexec.ScriptKey]string, history []sqlexec.Entry) (*Report, error) {
	r := &Report{Database: database, Series: plan.Series, Pending: []Pending{}, Edited: []Edited{}, History: history}
	if r.History == nil {
		r.History = []sqlexec.Entry{}
	}
	for _, s := range plan.Steps {
		if s.Kind != phases.ScriptStep {
			continue
		}
		_, done := applied[sqlexec.ScriptKey{Module: s.Module, Version: s.Version, Phase: s.Phase, Script: s.Script}]
		r.Pending = append(r.Pending, Pending{Step: s, AppliedBefore: done})
	}
	if len(applied) == 0 {
		return r, nil
	}
	for _, m := range inv.Modules {
		for _, f := range m.Folders {
			for _, file := range f.Files {
				key := sqlexec.ScriptKey{Module: m.Name, Version: f.Name, Phase: string(file.Stage), Script: file.Name}
				sum, ok := applied[key]
				if !ok || file.Stage == "" {
					continue
				}
				cur, err := sqlexec.FileSHA256(file.Path)
				if err != nil {
					return nil, err
				}
				if cur != sum {
					r.Edited = append(r.Edited, Edited{Module: m.Name, Version: f.Name, Phase: key.Phase, Script: file.Name,
						Path: file.Path, Applied: sum, Current: cur})
				}
			}
		}
	}
	return r, nil
}
