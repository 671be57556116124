package needs

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/migrate-runner/migrate-runner/phases"
)

func writeScripts(t *testing.T, n int) (dir string, paths []string, want []Result) {
	t.Helper()
	dir = t.TempDir()
	for i := 0; i < n; i++ {
		c := needsCases[i%len(needsCases)]
		p := filepath.Join(dir, fmt.Sprintf("post-%03d.py", i))
		if err := os.WriteFile(p, []byte(c.src), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
		want = append(want, Analyze(p, []byte(c.src), Options{Major: 17}))
	}
	return dir, paths, want
}

// AnalyzeFiles gives, on all CPUs, what Analyze gives one file at a time,
// in the order of the paths, duplicates included.
func TestAnalyzeFilesMatchesAnalyze(t *testing.T) {
	_, paths, want := writeScripts(t, 300)
	paths = append(paths, paths[3], paths[0])
	want = append(want, want[3], want[0])
	got, err := AnalyzeFiles(context.Background(), paths, Options{Major: 17})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		for i := range want {
			if !reflect.DeepEqual(got[i], want[i]) {
				t.Fatalf("%s: got %+v, want %+v", paths[i], got[i], want[i])
			}
		}
		t.Fatal("results differ")
	}
}

func TestAnalyzeFilesErrors(t *testing.T) {
	_, paths, _ := writeScripts(t, 5)
	missing := filepath.Join(t.TempDir(), "post-gone.py")
	_, err := AnalyzeFiles(context.Background(), append(paths, missing), Options{})
	if err == nil || !strings.Contains(err.Error(), "post-gone.py") {
		t.Fatalf("err = %v, want one naming the missing file", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := AnalyzeFiles(ctx, paths, Options{}); err == nil {
		t.Fatal("a cancelled context gave no error")
	}
}

func TestForPlanAndAnnotate(t *testing.T) {
	_, paths, _ := writeScripts(t, 3)
	plan := &phases.Plan{Series: "9.0", Steps: []phases.Step{
		{Kind: phases.ScriptStep, Module: "m", Phase: "pre", Path: paths[0]},
		{Kind: phases.LoadStep, Module: "m", Phase: "load"},
		{Kind: phases.ScriptStep, Module: "m", Phase: "post", Path: paths[1]},
		{Kind: phases.ScriptStep, Module: "n", Phase: "post", Path: paths[0]}, // one file, two steps
	}}
	res, err := ForPlan(context.Background(), plan)
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 2 {
		t.Fatalf("%d results, want one per file", len(res))
	}
	Annotate(plan, res)
	// needsCases[0] is a decorated openupgradelib script indexing env:
	// the ORM on 17.0, but the plan's series 9.0 makes the decorator pass
	// a cursor.
	if got := plan.Steps[0].Needs; !reflect.DeepEqual(got, []string{"openupgradelib"}) || plan.Steps[0].ORM != nil {
		t.Errorf("step 0 needs %v, ORM %v", got, plan.Steps[0].ORM)
	}
	plan.Series = "17.0"
	if res, err = ForPlan(context.Background(), plan); err != nil {
		t.Fatal(err)
	}
	Annotate(plan, res)
	if got := plan.Steps[0].ORM; !reflect.DeepEqual(got, []phases.ORMUse{{Line: 6, Construct: `env["res.partner"]`}}) {
		t.Errorf("step 0 ORM %v on 17.0", got)
	}
	if plan.Steps[1].Needs != nil || plan.Steps[3].Needs == nil {
		t.Errorf("load step %v, shared file %v", plan.Steps[1].Needs, plan.Steps[3].Needs)
	}
	if got := plan.Steps[2].Needs; !reflect.DeepEqual(got, []string{"orm", "upgrade-util"}) {
		t.Errorf("step 2 needs %v", got)
	}
}

func TestOptionsFor(t *testing.T) {
	for series, major := range map[string]int{"17.0": 17, "saas~17.2": 17, "9.0": 9, "": 0, "x": 0, "99999999999999999999.0": 0} {
		if got := OptionsFor(series).Major; got != major {
			t.Errorf("OptionsFor(%q) = %d, want %d", series, got, major)
		}
	}
}
