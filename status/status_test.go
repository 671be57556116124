package status

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/migrate-runner/migrate-runner/discover"
	"github.com/migrate-runner/migrate-runner/phases"
	"github.com/migrate-runner/migrate-runner/sqlexec"
)

func TestBuild(t *testing.T) {
	inv, err := discover.Discover(context.Background(), discover.Options{AddonsPaths: []string{"../testdata/modules/addons"}})
	if err != nil {
		t.Fatal(err)
	}
	plan, err := phases.Build(inv, phases.Options{Series: "17.0", Installed: map[string]string{"docs_example": "17.0.1.0"}})
	if err != nil {
		t.Fatal(err)
	}
	dir, _ := filepath.Abs("../testdata/modules/addons/docs_example/migrations/1.1")
	same, err := sqlexec.FileSHA256(filepath.Join(dir, "pre-zzz.py"))
	if err != nil {
		t.Fatal(err)
	}
	applied := map[sqlexec.ScriptKey]string{
		{Module: "docs_example", Version: "1.1", Phase: "pre", Script: "pre-zzz.py"}:       same,
		{Module: "docs_example", Version: "1.1", Phase: "post", Script: "post-migrate.py"}: "old",
		{Module: "gone", Version: "1.0", Phase: "pre", Script: "pre-x.py"}:                 "old", // no such file: ignored
	}
	r, err := Build("db", plan, inv, applied, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Pending) != 11 || !r.Pending[0].AppliedBefore || r.Pending[1].AppliedBefore {
		t.Errorf("pending: %+v", r.Pending)
	}
	if len(r.Edited) != 1 || r.Edited[0].Script != "post-migrate.py" || r.Edited[0].Applied != "old" || len(r.Edited[0].Current) != 64 {
		t.Errorf("edited: %+v", r.Edited)
	}
	if r.History == nil || r.Series != "17.0" || r.Database != "db" {
		t.Errorf("report: %+v", r)
	}
}
