package textout

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/migrate-runner/migrate-runner/phases"
	"github.com/migrate-runner/migrate-runner/runner"
)

func needsPlan() *phases.Plan {
	return &phases.Plan{Series: "17.0", Modules: []phases.ModulePlan{{Name: "m", Installed: "17.0.1.0", Target: "17.0.1.1", Depth: 1, State: phases.ToUpgrade}},
		Steps: []phases.Step{
			{Kind: phases.ScriptStep, Module: "m", Version: "1.1", Phase: "pre", Script: "pre-a.py", Path: "/t/pre-a.py", Source: "migrations", Needs: []string{}},
			{Kind: phases.LoadStep, Module: "m", Phase: "load"},
			{Kind: phases.ScriptStep, Module: "m", Version: "1.1", Phase: "post", Script: "post-b.py", Path: "/t/post-b.py", Source: "migrations",
				Needs: []string{"openupgradelib", "orm"}, ORM: []phases.ORMUse{{Line: 6, Construct: `env["res.partner"]`}},
				NeedsFallback: "gpython's parser cannot read the script (walrus operator at line 6); classified by a token scan"},
		}}
}

func TestPlanNeedsColumn(t *testing.T) {
	for _, explain := range []bool{false, true} {
		var b bytes.Buffer
		if err := Plan(&b, needsPlan(), explain, func(s string) string { return strings.TrimPrefix(s, "/t/") }); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		// Column widths depend on the longest cell: compare words.
		norm := strings.Join(strings.FieldsFunc(out, func(r rune) bool { return r == ' ' }), " ")
		for _, want := range []string{
			"\n # PHASE VERSION SCRIPT SOURCE NEEDS\n",
			"\n 1 pre 1.1 pre-a.py migrations -\n",
			"\n 2 post 1.1 post-b.py migrations openupgradelib,orm*\n",
			"\nNeed Odoo's ORM (1 script(s)): run refuses to start; run --skip-orm skips them:\n post-b.py:6: env[\"res.partner\"]\n",
		} {
			if !strings.Contains(norm, want) {
				t.Errorf("explain=%v: no %q in\n%s", explain, want, out)
			}
		}
		scan := "\nClassified by a token scan (1):\n  post-b.py: gpython's parser cannot read the script (walrus operator at line 6); classified by a token scan\n"
		footnote := "\n* classified by a token scan: gpython's parser cannot read the script (--explain says why).\n"
		if strings.Contains(out, scan) != explain || strings.Contains(out, footnote) == explain {
			t.Errorf("explain=%v: the token scan is not explained as it should be:\n%s", explain, out)
		}
	}
	// A plan without needs keeps its columns.
	p := needsPlan()
	for i := range p.Steps {
		p.Steps[i].Needs, p.Steps[i].ORM, p.Steps[i].NeedsFallback = nil, nil, ""
	}
	var b bytes.Buffer
	if err := Plan(&b, p, false, nil); err != nil || strings.Contains(b.String(), "NEEDS") || strings.Contains(b.String(), "ORM") {
		t.Errorf("%v\n%s", err, b.String())
	}
}

func TestRunSummaryListsORMSkips(t *testing.T) {
	rep := &runner.Report{RunID: "r", Database: "d", Outcome: "committed", Scripts: []runner.ScriptReport{
		{Script: "pre-a.py", Path: "/t/pre-a.py", Status: runner.Applied, Duration: time.Millisecond},
		{Script: "post-b.py", Path: "/t/post-b.py", Status: runner.Skipped, Error: "SKIPPED (needs Odoo's ORM: env.ref(\"x\") at line 3, and 1 more use(s))",
			ORM: []phases.ORMUse{{Line: 3, Construct: `env.ref("x")`}, {Line: 4, Construct: "env.user"}}},
	}}
	var b bytes.Buffer
	RunSummary(&b, rep, func(s string) string { return strings.TrimPrefix(s, "/t/") })
	want := "\n1 applied, 1 skipped, 0 failed in 1ms; run r on d: committed\n" +
		"\nSKIPPED 1 script(s) that need Odoo's ORM (--skip-orm); run them where the ORM is:\n" +
		"  post-b.py:3: env.ref(\"x\")\n  post-b.py:4: env.user\n"
	if b.String() != want {
		t.Errorf("got\n%q\nwant\n%q", b.String(), want)
	}
}
