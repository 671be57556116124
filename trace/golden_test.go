package trace_test

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/migrate-runner/migrate-runner/discover"
	"github.com/migrate-runner/migrate-runner/phases"
	"github.com/migrate-runner/migrate-runner/pyhost"
	"github.com/migrate-runner/migrate-runner/runner"
	"github.com/migrate-runner/migrate-runner/trace"
	"github.com/migrate-runner/migrate-runner/trace/schema"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// root is the repository root: paths in the outputs are shown relative
// to it, as the command shows them relative to the working directory.
var root, _ = filepath.Abs("..")

// traceCase is a module tree to trace.
type traceCase struct {
	name      string
	addons    []string
	upgrades  []string
	installed string
	schema    string
}

var cases = []traceCase{
	// The repository's sample tree, as `plan` shows it.
	{name: "modules", addons: []string{"testdata/modules/addons", "testdata/modules/addons_extra"},
		upgrades: []string{"testdata/modules/upgrade"}, installed: "testdata/modules/installed.txt"},
	// Scripts with parameters, helpers, catalog queries, commits, a
	// failure, a skip and logs; first on an empty database…
	{name: "tree", addons: []string{"trace/testdata/tree/addons"}, installed: "trace/testdata/tree/installed.txt"},
	// … then with the schema the helpers' catalog queries are answered from.
	{name: "tree-schema", addons: []string{"trace/testdata/tree/addons"}, installed: "trace/testdata/tree/installed.txt",
		schema: "trace/testdata/tree/schema.sql"},
}

// traceTree plans a case and traces it on one host.
func traceTree(t *testing.T, c traceCase, host, python string) *trace.Report {
	t.Helper()
	abs := func(ps []string) []string {
		var out []string
		for _, p := range ps {
			out = append(out, filepath.Join(root, p))
		}
		return out
	}
	ctx := context.Background()
	inv, err := discover.Discover(ctx, discover.Options{AddonsPaths: abs(c.addons), UpgradePaths: abs(c.upgrades)})
	if err != nil {
		t.Fatal(err)
	}
	installed := map[string]string{}
	f, err := os.Open(filepath.Join(root, c.installed))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := phases.ParseInstalled(f, c.installed, installed); err != nil {
		t.Fatal(err)
	}
	plan, err := phases.Build(inv, phases.Options{Installed: installed})
	if err != nil {
		t.Fatal(err)
	}
	opts := trace.Options{Host: host, Python: python, Now: time.Date(2024, 5, 1, 12, 30, 0, 0, time.UTC)}
	if c.schema != "" {
		if opts.Schema, err = schema.Load(filepath.Join(root, c.schema)); err != nil {
			t.Fatal(err)
		}
		opts.SchemaPath = filepath.Join(root, c.schema)
	}
	rep, err := trace.Run(ctx, plan, opts)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func relPath(p string) string {
	if rel, err := filepath.Rel(root, p); err == nil && !strings.HasPrefix(rel, "..") {
		return rel
	}
	return p
}

func render(t *testing.T, rep *trace.Report) (text, js string) {
	t.Helper()
	var tb, jb bytes.Buffer
	if err := trace.WriteText(&tb, rep, relPath); err != nil {
		t.Fatal(err)
	}
	if err := trace.WriteJSON(&jb, rep, relPath); err != nil {
		t.Fatal(err)
	}
	return tb.String(), jb.String()
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test ./trace -run TestGolden -update writes it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from %s (go test ./trace -run TestGolden -update to accept):\n--- got\n%s", name, path, got)
	}
}

// The trace's text and JSON through the embedded host match the golden
// files, and the external host (CPython), when there is one, prints the
// same, host names aside.
func TestGolden(t *testing.T) {
	python, pyErr := pyhost.ResolvePython(context.Background(), "")
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			emb := traceTree(t, c, runner.HostEmbedded, "")
			text, js := render(t, emb)
			golden(t, c.name+".txt", text)
			golden(t, c.name+".json", js)
			if pyErr != nil {
				t.Logf("no python3, the external host is not compared: %v", pyErr)
				return
			}
			ext := traceTree(t, c, runner.HostExternal, python)
			for _, rep := range []*trace.Report{emb, ext} {
				for i := range rep.Scripts {
					rep.Scripts[i].Host = "-"
				}
			}
			et, ej := render(t, emb)
			xt, xj := render(t, ext)
			if et != xt {
				t.Errorf("the hosts' text traces differ:\n--- embedded\n%s\n--- external\n%s", et, xt)
			}
			if ej != xj {
				t.Errorf("the hosts' JSON traces differ")
			}
		})
	}
}
