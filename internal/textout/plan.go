package textout

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/migrate-runner/migrate-runner/phases"
)

// Plan prints the plan as a table grouped by module and stage, the
// skipped scripts when explain is set, and the diagnostics. short turns
// absolute paths into shorter ones for display (it may be nil).
func Plan(out io.Writer, p *phases.Plan, explain bool, short func(string) string) error {
	bw := bufio.NewWriterSize(out, 64<<10) // one write per line would cost a syscall each
	upgraded, scripts := 0, 0
	for _, m := range p.Modules {
		if m.State == phases.ToUpgrade {
			upgraded++
		}
	}
	for _, s := range p.Steps {
		if s.Kind == phases.ScriptStep {
			scripts++
		}
	}
	ew := &Writer{W: bw}
	ew.Printf("Series %s: %d module(s) to upgrade, %d script(s) to run\n", p.Series, upgraded, scripts)

	t := &Table{}
	n := 0
	current := ""
	withScripts := map[string]bool{}
	for _, s := range p.Steps {
		if s.Kind == phases.ScriptStep {
			withScripts[s.Module] = true
		}
	}
	analysed := needsAnalysed(p)
	info := map[string]phases.ModulePlan{}
	for _, m := range p.Modules {
		info[m.Name] = m
	}
	inEnd := false
	for _, s := range p.Steps {
		if !withScripts[s.Module] {
			continue // upgraded, but nothing of ours runs
		}
		if s.Phase == "end" && !inEnd {
			inEnd = true
			t.Header("\nend stage, after every module is loaded")
			current = ""
		}
		if s.Module != current && !inEnd {
			current = s.Module
			m := info[s.Module]
			t.Header(fmt.Sprintf("\n%s  %s → %s  (depth %d)", m.Name, m.Installed, m.Target, m.Depth))
		}
		if s.Kind == phases.LoadStep {
			if analysed {
				t.Row("", "load", "", "· Odoo loads the module ·", "", "")
			} else {
				t.Row("", "load", "", "· Odoo loads the module ·", "")
			}
			continue
		}
		n++
		mod := ""
		if inEnd {
			mod = s.Module
		}
		if analysed {
			t.Row(strconv.Itoa(n), s.Phase, s.Version, s.Script, strings.TrimSpace(mod+" "+string(s.Source)), needsCell(s))
		} else {
			t.Row(strconv.Itoa(n), s.Phase, s.Version, s.Script, strings.TrimSpace(mod+" "+string(s.Source)))
		}
	}
	if n == 0 {
		ew.Printf("\nNothing to run.\n")
	} else {
		ew.Printf("\n")
		head := []string{"#", "PHASE", "VERSION", "SCRIPT", "SOURCE"}
		if analysed {
			head = append(head, "NEEDS")
		}
		t.Write(ew, head)
	}
	if analysed {
		planNeeds(ew, p, explain, short)
	}
	if others := upgraded - len(withScripts); others > 0 && n > 0 {
		ew.Printf("\n%d other module(s) are upgraded with no script of theirs to run.\n", others)
	}

	if explain {
		ew.Printf("\nNot run (%d):\n", len(p.Skipped))
		if len(p.Skipped) > 0 {
			st := &Table{}
			for _, s := range p.Skipped {
				st.Row(s.Module, s.Version, s.Script, s.Reason)
			}
			st.Write(ew, []string{"MODULE", "VERSION", "SCRIPT", "WHY"})
		}
	}
	ew.Diagnostics(p.Diagnostics, short)
	if ew.Err != nil {
		return ew.Err
	}
	return bw.Flush()
}
