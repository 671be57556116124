package trace_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/migrate-runner/migrate-runner/pyhost"
	"github.com/migrate-runner/migrate-runner/runner"
	"github.com/migrate-runner/migrate-runner/trace"
)

// The helpers of odoo.tools.sql, upgrade-util and openupgradelib know
// nothing of tracing: their catalog queries are answered from --schema,
// every one of them, so they return what they would on that database.
func TestHelpersAnsweredFromSchema(t *testing.T) {
	c := traceCase{name: "helpers", addons: []string{"trace/testdata/helpers/addons"},
		installed: "trace/testdata/helpers/installed.txt", schema: "trace/testdata/tree/schema.sql"}
	rep := traceTree(t, c, runner.HostEmbedded, "")
	if len(rep.Scripts) != 1 || rep.Scripts[0].Status != trace.OK {
		t.Fatalf("%+v", rep.Scripts)
	}
	sc := rep.Scripts[0]
	catalogQueries := 0
	for _, st := range sc.Statements {
		if st.Answer == nil || !st.Answer.Catalog {
			continue
		}
		catalogQueries++
		if st.Answer.Unsupported != "" {
			t.Errorf("not answered (%s):\n%s", st.Answer.Unsupported, st.SQL)
		}
	}
	if catalogQueries < 15 {
		t.Errorf("only %d catalog queries", catalogQueries)
	}
	want := `True True True
False False False
True True True
numeric None
True True
['id', 'name']
[('res_partner', 'company_id', 'res_partner_company_id_fkey', 'n')]
int4 TableKind.View
`
	if sc.Stdout != want {
		t.Errorf("%s printed\n%s\nwant\n%s", filepath.Base(sc.Path), sc.Stdout, want)
	}
}

// A script that kills its interpreter fails, and the next script runs in
// a restarted host.
func TestHostRestartAfterCrash(t *testing.T) {
	python, err := pyhost.ResolvePython(context.Background(), "")
	if err != nil {
		t.Skipf("no python3: %v", err)
	}
	c := traceCase{name: "crash", addons: []string{"trace/testdata/crash/addons"}, installed: "trace/testdata/crash/installed.txt"}
	rep := traceTree(t, c, runner.HostExternal, python)
	if len(rep.Scripts) != 2 || rep.Stopped != "" || rep.Failed != 1 {
		t.Fatalf("%d scripts, %d failed, stopped %q", len(rep.Scripts), rep.Failed, rep.Stopped)
	}
	first, second := rep.Scripts[0], rep.Scripts[1]
	if first.Status != trace.Failed || !strings.Contains(first.Error, "exit status 3") || len(first.Statements) != 1 {
		t.Errorf("crashing script: %+v", first)
	}
	if second.Status != trace.OK || len(second.Statements) != 1 || second.Statements[0].SQL != "UPDATE res_partner SET active = true" {
		t.Errorf("next script: %+v", second)
	}
}
