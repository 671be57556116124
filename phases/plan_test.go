package phases

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/migrate-runner/migrate-runner/discover"
)

const tree = "../testdata/modules"

func demoInventory(t testing.TB) *discover.Inventory {
	t.Helper()
	inv, err := discover.Discover(context.Background(), discover.Options{
		AddonsPaths:  []string{tree + "/addons", tree + "/addons_extra"},
		UpgradePaths: []string{tree + "/upgrade"},
	})
	if err != nil {
		t.Fatal(err)
	}
	return inv
}

func demoInstalled(t testing.TB) map[string]string {
	t.Helper()
	f, err := os.Open(tree + "/installed.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m := map[string]string{}
	if err := ParseInstalled(f, "installed.txt", m); err != nil {
		t.Fatal(err)
	}
	return m
}

func demoPlan(t testing.TB, opts Options) *Plan {
	t.Helper()
	if opts.Installed == nil {
		opts.Installed = demoInstalled(t)
	}
	p, err := Build(demoInventory(t), opts)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// stepsOf lists "phase version script" for one module, in plan order.
func stepsOf(p *Plan, module string) []string {
	var out []string
	for _, s := range p.Steps {
		if s.Module != module {
			continue
		}
		if s.Kind == LoadStep {
			out = append(out, "load")
			continue
		}
		out = append(out, s.Phase+" "+s.Version+" "+s.Script)
	}
	return out
}

func same(t *testing.T, what string, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s:\n got:\n  %s\nwant:\n  %s", what, strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

// The Odoo documentation's "execution order of example scripts" spoiler.
func TestDocumentationExampleOrder(t *testing.T) {
	p := demoPlan(t, Options{})
	var got []string
	for _, s := range stepsOf(p, "docs_example") {
		if s != "load" {
			got = append(got, s[strings.LastIndex(s, " ")+1:])
		}
	}
	same(t, "documentation example", got, []string{
		"pre-zzz.py", "pre-~do_something.py",
		"post--testing.py", "post-01-zzz.py", "post-migrate.py", "post-other_module.py", "post-~migrate.py",
		"end--migrate.py", "end-01-migrate.py", "end-aaa.py", "end-~migrate.py",
	})
}

// 0.0.0 runs first in pre, last in post and end; files of one version
// interleave by basename across migrations/, upgrades/ and the upgrade path.
func TestModuleSchedule(t *testing.T) {
	p := demoPlan(t, Options{})
	same(t, "base_partner_ext", stepsOf(p, "base_partner_ext"), []string{
		"pre 0.0.0 pre-00-check.py",
		"pre 1.1 pre-a_from_upgrades.py", // upgrades/
		"pre 1.1 pre-b_upgrade_path.py",  // upgrade path
		"pre 1.1 pre-rename_column.py",   // migrations/
		"pre 17.0.1.2 pre-add_index.py",
		"load",
		"post 1.1 post-fill_defaults.py",
		"post 0.0.0 post-99-recompute.py",
		"end 1.1 end-notify.py",
		"end 17.0.1.2 end-cleanup.py",
	})
	// A major upgrade 16.0.1.4 → 17.0.1.5 of a module-only manifest version.
	same(t, "stock_custom", stepsOf(p, "stock_custom"), []string{
		"pre 0.0.0 pre-guard.py",
		"pre 16.0.1.5 pre-fix_16.py",
		"load",
		"post 1.5 post-new_route.py",
		"post 17.0.1.5 post-17_only.py",
		"post 17.0.1.5 post-shared_cleanup.py", // a symlink, followed
	})
	// The same basename in two sources: both run, the module's own first.
	same(t, "report_custom", stepsOf(p, "report_custom"), []string{
		"load",
		"post 17.0.1.1 post-archive.py",
		"post 17.0.1.1 post-refresh.py",
		"post 17.0.1.1 post-refresh.py",
	})
	var refresh []string
	for _, s := range p.Steps {
		if s.Script == "post-refresh.py" {
			refresh = append(refresh, string(s.Source))
		}
	}
	same(t, "duplicate order", refresh, []string{"migrations", "upgrade-path"})
}

// Modules in graph order; every pre/post of a module before the next
// module; end after all modules.
func TestGraphAndStageOrder(t *testing.T) {
	p := demoPlan(t, Options{})
	var mods []string
	for _, m := range p.Modules {
		if m.State == ToUpgrade {
			mods = append(mods, m.Name)
		}
	}
	same(t, "graph order", mods, []string{"base_partner_ext", "docs_example", "old_openerp", "stock_custom", "sale_custom", "extra_tools", "report_custom"})
	seenEnd := false
	for _, s := range p.Steps {
		if s.Phase == "end" {
			seenEnd = true
		} else if seenEnd {
			t.Fatalf("%s step after the end stage began: %+v", s.Phase, s)
		}
	}
	depth := map[string]int{}
	for _, m := range p.Modules {
		depth[m.Name] = m.Depth
	}
	want := map[string]int{"base": 0, "docs_example": 1, "stock_custom": 1, "base_partner_ext": 1, "sale_custom": 2, "extra_tools": 3, "report_custom": 3}
	for name, d := range want {
		if depth[name] != d {
			t.Errorf("depth of %s = %d, want %d", name, depth[name], d)
		}
	}
}

func TestModulesSelectLikeDashU(t *testing.T) {
	p := demoPlan(t, Options{Modules: []string{"stock_custom"}})
	var mods []string
	for _, m := range p.Modules {
		if m.State == ToUpgrade {
			mods = append(mods, m.Name)
		}
	}
	// stock_custom and its installed dependent report_custom.
	same(t, "selected", mods, []string{"stock_custom", "report_custom"})
	if _, err := Build(demoInventory(t), Options{Installed: demoInstalled(t), Modules: []string{"nope"}}); err == nil {
		t.Error("unknown --modules entry accepted")
	}
}

func TestExplain(t *testing.T) {
	p := demoPlan(t, Options{Explain: true})
	reasons := map[string]string{}
	for _, s := range p.Skipped {
		reasons[s.Module+"/"+s.Version+"/"+s.Script] = s.Reason
	}
	want := map[string]string{
		"base_partner_ext/1.0/post-old.py":           "folder 1.0 ≤ installed 17.0.1.0",
		"base_partner_ext/1.4/pre-future.py":         "folder 1.4 above target 17.0.1.3",
		"base_partner_ext/1.1/pre_migration.py":      "not a phase prefix",
		"base_partner_ext/1.1/Pre-upper.py":          "not a phase prefix",
		"base_partner_ext/1.1-beta/pre-beta.py":      "invalid version folder",
		"uninstalled_addon/17.0.1.0/pre-init.py":     "module not installed",
		"legacy_tool/16.0.2.0/pre-never.py":          "module not installable",
		"broken_manifest/17.0.1.0/pre-x.py":          "malformed manifest",
		"stock_custom/1.4/post-already.py":           "folder 1.4 ≤ installed 16.0.1.4 (module-only folder",
		"base_partner_ext/tests/test_migration.py":   "tests folder",
		"sale_custom/1.2.0/post-set_team.py":         "", // runs: 1.2.0 is module-only on 17.0
		"old_openerp/2.1/post-migrate.py":            "",
		"extra_tools/1.1/post-tools.py":              "",
		"docs_example/1.1/pre-zzz.py":                "",
		"report_custom/17.0.1.1/post-refresh.py":     "",
		"base_partner_ext/17.0.1.2/pre-add_index.py": "",
	}
	for k, w := range want {
		got, skipped := reasons[k]
		if w == "" {
			if skipped {
				t.Errorf("%s explained as skipped (%s) but it runs", k, got)
			}
			continue
		}
		if !strings.HasPrefix(got, w) {
			t.Errorf("%s: reason %q, want prefix %q", k, got, w)
		}
	}
	// Every discovered file is either scheduled or explained.
	n := 0
	for _, m := range demoInventory(t).Modules {
		for _, f := range m.Folders {
			n += len(f.Files)
		}
	}
	if got := len(p.Scripts()) + len(p.Skipped); got != n {
		t.Errorf("%d scheduled + %d skipped != %d discovered", len(p.Scripts()), len(p.Skipped), n)
	}
}

func TestSeriesInference(t *testing.T) {
	if p := demoPlan(t, Options{}); p.Series != "17.0" {
		t.Errorf("inferred %q", p.Series)
	}
	dir := t.TempDir()
	writeModule(t, dir, "a", `{"version": "16.0.1.0"}`)
	writeModule(t, dir, "b", `{"version": "17.0.1.0"}`)
	writeModule(t, dir, "c", `{"version": "1.0"}`)
	inv, err := discover.Discover(context.Background(), discover.Options{AddonsPaths: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = Build(inv, Options{})
	var ie *InputError
	if !errors.As(err, &ie) || !strings.Contains(err.Error(), "16.0 (a), 17.0 (b)") {
		t.Errorf("conflict: %v", err)
	}
	p, err := Build(inv, Options{Series: "17.0", Installed: map[string]string{"a": "16.0.1.0", "b": "17.0.0.9", "c": "17.0.0.1"}})
	if err != nil {
		t.Fatal(err)
	}
	states := map[string]State{}
	for _, m := range p.Modules {
		states[m.Name] = m.State
	}
	if states["a"] != NotLoadable || states["b"] != ToUpgrade || states["c"] != ToUpgrade {
		t.Errorf("states on 17.0: %v", states)
	}
}

// Odoo ≤16 rules: three-part folders are full versions, any folder counts.
func TestSeries16Rules(t *testing.T) {
	dir := t.TempDir()
	writeModule(t, dir, "m", `{"version": "16.0.3.7.0"}`)
	for _, f := range []string{"3.7.0/post-a.py", "16.0.3.7.0/post-b.py", "3.7/post-c.py", "0.0.0/post-z.py"} {
		writeFile(t, filepath.Join(dir, "m", "migrations", f), "def migrate(cr, version):\n    pass\n")
	}
	inv, err := discover.Discover(context.Background(), discover.Options{AddonsPaths: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	p, err := Build(inv, Options{Installed: map[string]string{"m": "16.0.3.6.0"}, Explain: true})
	if err != nil {
		t.Fatal(err)
	}
	same(t, "16.0", stepsOf(p, "m"), []string{"load", "post 16.0.3.7.0 post-b.py", "post 3.7 post-c.py", "post 0.0.0 post-z.py"}) // equal keys: byte order of the folder
	if len(p.Skipped) != 1 || p.Skipped[0].Script != "post-a.py" {
		t.Errorf("skipped: %+v", p.Skipped)
	}
}

func TestDependencyCycle(t *testing.T) {
	dir := t.TempDir()
	writeModule(t, dir, "a", `{"version": "17.0.1.0", "depends": ["b"]}`)
	writeModule(t, dir, "b", `{"version": "17.0.1.0", "depends": ["a"]}`)
	inv, err := discover.Discover(context.Background(), discover.Options{AddonsPaths: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = Build(inv, Options{})
	if err == nil || !strings.Contains(err.Error(), "dependency cycle: a → b → a") {
		t.Errorf("cycle: %v", err)
	}
}

func TestParseInstalled(t *testing.T) {
	m := map[string]string{}
	err := ParseInstalled(strings.NewReader("# c\n\nsale=17.0.1.0\n stock = 17.0.2.0 \n"), "f", m)
	if err != nil || m["sale"] != "17.0.1.0" || m["stock"] != "17.0.2.0" {
		t.Fatalf("%v %v", m, err)
	}
	for _, bad := range []string{"sale\n", "=1.0\n", "a b=1.0\n", "sale=1.0\nsale=2.0\n", "a=1 0\n"} {
		err := ParseInstalled(strings.NewReader(bad), "inst.txt", map[string]string{})
		if err == nil || !strings.HasPrefix(err.Error(), "inst.txt:") {
			t.Errorf("%q: %v", bad, err)
		}
	}
}

func FuzzParseInstalled(f *testing.F) {
	f.Add("sale=17.0.1.0\n# x\nstock=\n")
	f.Add("=\n==\na=b=c")
	f.Fuzz(func(t *testing.T, s string) {
		m := map[string]string{}
		if err := ParseInstalled(strings.NewReader(s), "f", m); err == nil {
			for k := range m {
				if k == "" {
					t.Fatal("empty module name accepted")
				}
			}
		}
	})
}

func writeModule(t *testing.T, dir, name, manifest string) {
	t.Helper()
	writeFile(t, filepath.Join(dir, name, "__manifest__.py"), manifest)
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// A module with many version folders takes the indexed path; the order is
// parse_version order all the same (1.2 before 1.10).
func TestManyVersionFolders(t *testing.T) {
	dir := t.TempDir()
	writeModule(t, dir, "m", `{"version": "17.0.1.99"}`)
	for i := 0; i < 100; i++ {
		writeFile(t, filepath.Join(dir, "m", "migrations", "1."+strconv.Itoa(i), "post-x.py"), "")
		writeFile(t, filepath.Join(dir, "m", "upgrades", "1."+strconv.Itoa(i), "post-w.py"), "")
	}
	inv, err := discover.Discover(context.Background(), discover.Options{AddonsPaths: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	p, err := Build(inv, Options{Installed: map[string]string{"m": "17.0.1.0"}})
	if err != nil {
		t.Fatal(err)
	}
	got := stepsOf(p, "m")
	if len(got) != 1+2*99 || got[1] != "post 1.1 post-w.py" || got[2] != "post 1.1 post-x.py" || got[3] != "post 1.2 post-w.py" || got[len(got)-1] != "post 1.99 post-x.py" {
		t.Errorf("%d steps: %v … %v", len(got), got[:4], got[len(got)-2:])
	}
}
