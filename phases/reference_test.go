package phases

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/migrate-runner/migrate-runner/discover"
	"github.com/migrate-runner/migrate-runner/internal/treegen"
)

// TestAgainstPythonReference checks the plan against bench/odoo_plan.py,
// a plain Python rendition of Odoo's algorithm that reads manifests with
// ast.literal_eval: both must list the same scripts in the same order.
func TestAgainstPythonReference(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not installed (.ci/run installs it)")
	}
	gen := t.TempDir()
	if _, err := treegen.Generate(gen, treegen.Config{Modules: 300, VersionsPerModule: 3, ScriptsPerVersion: 10, Series: "17.0", Seed: 7}); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name           string
		addons, up     []string
		installedFile  string
		series         string
		modules        []string
		extraInstalled map[string]string
	}{
		{name: "testdata", addons: []string{tree + "/addons", tree + "/addons_extra"}, up: []string{tree + "/upgrade"}, installedFile: tree + "/installed.txt", series: "17.0"},
		{name: "testdata -u stock_custom", addons: []string{tree + "/addons", tree + "/addons_extra"}, up: []string{tree + "/upgrade"}, installedFile: tree + "/installed.txt", series: "17.0", modules: []string{"stock_custom"}},
		{name: "testdata on 18.0", addons: []string{tree + "/addons"}, up: []string{tree + "/upgrade"}, series: "18.0",
			extraInstalled: map[string]string{"base_partner_ext": "17.0.1.0", "docs_example": "17.0.1.0", "stock_custom": "16.0.1.4"}},
		{name: "generated 300 modules", addons: []string{gen + "/addons"}, up: []string{gen + "/upgrade"}, installedFile: gen + "/installed.txt", series: "17.0"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			args := []string{"../bench/odoo_plan.py", "--addons-path", strings.Join(c.addons, ","), "--series", c.series}
			if len(c.up) > 0 {
				args = append(args, "--upgrade-path", strings.Join(c.up, ","))
			}
			installed := map[string]string{}
			if c.installedFile != "" {
				args = append(args, "--installed-file", c.installedFile)
				f, err := os.Open(c.installedFile)
				if err != nil {
					t.Fatal(err)
				}
				if err := ParseInstalled(f, c.installedFile, installed); err != nil {
					t.Fatal(err)
				}
				f.Close()
			}
			for m, v := range c.extraInstalled {
				args = append(args, "--installed", m+"="+v)
				installed[m] = v
			}
			if len(c.modules) > 0 {
				args = append(args, "--modules", strings.Join(c.modules, ","))
			}
			cmd := exec.Command(py, args...)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("odoo_plan.py: %v\n%s", err, stderr.String())
			}
			want := strings.Split(strings.TrimSpace(string(out)), "\n")

			inv, err := discover.Discover(context.Background(), discover.Options{AddonsPaths: c.addons, UpgradePaths: c.up})
			if err != nil {
				t.Fatal(err)
			}
			p, err := Build(inv, Options{Series: c.series, Installed: installed, Modules: c.modules})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, s := range p.Scripts() {
				got = append(got, strings.Join([]string{s.Module, s.Phase, s.Version, s.Script, s.Path}, "\t"))
			}
			if len(got) < 3 {
				t.Fatalf("suspiciously small plan: %d scripts", len(got))
			}
			for i := range max(len(got), len(want)) {
				var g, w string
				if i < len(got) {
					g = got[i]
				}
				if i < len(want) {
					w = want[i]
				}
				if g != w {
					t.Fatalf("plans differ at step %d (of %d vs %d):\n go: %s\n py: %s", i+1, len(got), len(want), g, w)
				}
			}
		})
	}
}
