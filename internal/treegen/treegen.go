// Package treegen generates synthetic Odoo addons trees for benchmarks and
// tests: a directory of addons with realistic manifests, migration scripts
// spread over the three script sources Odoo reads (<addon>/migrations,
// <addon>/upgrades and an --upgrade-path directory), and a matching list of
// installed module versions.
//
// It owns only the shape and content of such trees, which depend on nothing
// but the Config (the same Seed always writes the same bytes). It does not
// decide which scripts run or in what order; that is the job of packages
// discover, order and phases, and of the Python reference in bench/. The
// scripts it writes are never meant to run against a real database beyond a
// harmless no-op UPDATE.
package treegen

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// Config describes the tree to generate.
type Config struct {
	Modules           int    // number of addons, e.g. 5000
	VersionsPerModule int    // version folders per module, e.g. 3
	ScriptsPerVersion int    // .py scripts per version folder, e.g. 10
	Series            string // Odoo series, e.g. "17.0"
	Seed              int64  // the same seed gives the same tree
}

// Stats counts what Generate wrote. Dirs counts directories created below
// the target directory (not the target itself); Files counts every file,
// Scripts only the migration scripts.
type Stats struct {
	Files, Scripts, Dirs int
}

// ModuleName returns the name of the i-th generated module (0-based).
func ModuleName(i int) string { return fmt.Sprintf("bench_m%05d", i) }

// VersionFolder returns the name of the k-th version folder of every
// module: "0.0.0" first, then alternately a full version ("17.0.1.1",
// "17.0.1.3", …) and a module-only one ("1.2", "1.4", …). With the manifest
// at <series>.1.3 and installed <series>.1.0, the first four folders run;
// later ones are above the target version.
func VersionFolder(series string, k int) string {
	switch {
	case k == 0:
		return "0.0.0"
	case k%2 == 1:
		return fmt.Sprintf("%s.1.%d", series, k)
	default:
		return fmt.Sprintf("1.%d", k)
	}
}

// ManifestVersion is the version every generated manifest declares.
func ManifestVersion(series string) string { return series + ".1.3" }

// InstalledVersion is the version installed.txt records for every module.
func InstalledVersion(series string) string { return series + ".1.0" }

func (c Config) validate() error {
	switch {
	case c.Modules < 1:
		return fmt.Errorf("treegen: Modules must be at least 1, got %d", c.Modules)
	case c.VersionsPerModule < 0:
		return fmt.Errorf("treegen: VersionsPerModule must not be negative, got %d", c.VersionsPerModule)
	case c.ScriptsPerVersion < 0:
		return fmt.Errorf("treegen: ScriptsPerVersion must not be negative, got %d", c.ScriptsPerVersion)
	case c.Series == "" || strings.ContainsAny(c.Series, "/\\\n\x00'\""):
		return fmt.Errorf("treegen: Series %q is not a usable series name such as 17.0", c.Series)
	}
	return nil
}

// Generate writes the tree described by cfg under dir:
//
//	dir/addons/<module>/__manifest__.py and __init__.py
//	dir/addons/<module>/migrations/<version>/<phase>-<nn>-<word>.py
//	dir/addons/<module>/upgrades/<version>/<phase>-<nn>-<word>.py
//	dir/upgrade/<module>/<version>/<phase>-<nn>-<word>.py
//	dir/installed.txt   ("<module>=<series>.1.0", one line per module)
//
// dir is created if needed, but dir/addons, dir/upgrade and
// dir/installed.txt must not exist yet, so that a tree is never a mix of
// two configurations. Modules are written in parallel; the output does not
// depend on scheduling.
func Generate(dir string, cfg Config) (Stats, error) {
	if err := cfg.validate(); err != nil {
		return Stats{}, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return Stats{}, fmt.Errorf("treegen: %w", err)
	}
	for _, name := range []string{"addons", "upgrade", "installed.txt"} {
		if _, err := os.Lstat(filepath.Join(dir, name)); err == nil {
			return Stats{}, fmt.Errorf("treegen: %s already exists; generate into an empty directory", filepath.Join(dir, name))
		} else if !errors.Is(err, os.ErrNotExist) {
			return Stats{}, fmt.Errorf("treegen: %w", err)
		}
	}
	addons, upgrade := filepath.Join(dir, "addons"), filepath.Join(dir, "upgrade")
	for _, d := range []string{addons, upgrade} {
		if err := os.Mkdir(d, 0o755); err != nil {
			return Stats{}, fmt.Errorf("treegen: %w", err)
		}
	}
	total := Stats{Dirs: 2}

	folders := make([]string, cfg.VersionsPerModule)
	for k := range folders {
		folders[k] = VersionFolder(cfg.Series, k)
	}

	var (
		next   atomic.Int64
		failed atomic.Bool
		mu     sync.Mutex
		first  error
		wg     sync.WaitGroup
	)
	workers := min(max(2*runtime.GOMAXPROCS(0), 4), 32, cfg.Modules)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var local Stats
			var buf []byte
			for !failed.Load() {
				i := int(next.Add(1) - 1)
				if i >= cfg.Modules {
					break
				}
				s, err := writeModule(addons, upgrade, i, cfg, folders, &buf)
				if err != nil {
					mu.Lock()
					if first == nil {
						first = err
					}
					mu.Unlock()
					failed.Store(true)
					break
				}
				local.Files += s.Files
				local.Scripts += s.Scripts
				local.Dirs += s.Dirs
			}
			mu.Lock()
			total.Files += local.Files
			total.Scripts += local.Scripts
			total.Dirs += local.Dirs
			mu.Unlock()
		}()
	}
	wg.Wait()
	if first != nil {
		return Stats{}, first
	}

	var inst strings.Builder
	inst.Grow(cfg.Modules * (len("bench_m00000=") + len(InstalledVersion(cfg.Series)) + 1))
	for i := range cfg.Modules {
		inst.WriteString(ModuleName(i))
		inst.WriteByte('=')
		inst.WriteString(InstalledVersion(cfg.Series))
		inst.WriteByte('\n')
	}
	if err := os.WriteFile(filepath.Join(dir, "installed.txt"), []byte(inst.String()), 0o644); err != nil {
		return Stats{}, fmt.Errorf("treegen: %w", err)
	}
	total.Files++
	return total, nil
}

// Where a script goes: Odoo's three sources, in the order Odoo reads them.
const (
	srcMigrations  = iota // <addon>/migrations/<version>
	srcUpgrades           // <addon>/upgrades/<version>
	srcUpgradePath        // <upgrade path>/<addon>/<version>
)

var words = []string{
	"fix", "rename", "cleanup", "recompute", "backfill", "drop", "migrate",
	"reindex", "convert", "merge", "move", "split", "defaults", "partners",
	"taxes", "views", "rules", "sequence", "cron", "attachments", "currency",
	"company", "states", "noupdate",
}

var categories = []string{
	"Accounting", "Sales", "Inventory", "Human Resources", "Website",
	"Manufacturing", "Productivity", "Hidden", "Tools", "Marketing",
}

type script struct {
	src    int
	folder string
	name   string
}

// moduleRand is the module's own random stream: it depends on the seed and
// the module index only, so modules can be written in any order.
func moduleRand(seed int64, i int) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(seed), 0x9e3779b97f4a7c15^uint64(i)))
}

func writeModule(addons, upgrade string, i int, cfg Config, folders []string, buf *[]byte) (Stats, error) {
	var st Stats
	rng := moduleRand(cfg.Seed, i)
	name := ModuleName(i)
	deps := pickDeps(rng, i)

	// Decide every script first, then create the directories once each.
	scripts := make([]script, 0, len(folders)*cfg.ScriptsPerVersion)
	type key struct {
		src  int
		name string
	}
	used := make(map[key]bool, cfg.ScriptsPerVersion)
	var needDir [3]map[string]bool
	for s := range needDir {
		needDir[s] = map[string]bool{}
	}
	for _, folder := range folders {
		clear(used)
		for range cfg.ScriptsPerVersion {
			src := srcMigrations
			switch r := rng.IntN(100); {
			case r >= 85:
				src = srcUpgradePath
			case r >= 70:
				src = srcUpgrades
			}
			phase := "pre"
			switch r := rng.IntN(10); {
			case r >= 8:
				phase = "end"
			case r >= 4:
				phase = "post"
			}
			nn := rng.IntN(100)
			word := words[rng.IntN(len(words))]
			base := fmt.Sprintf("%s-%02d-%s.py", phase, nn, word)
			for used[key{src, base}] {
				nn++
				base = fmt.Sprintf("%s-%02d-%s.py", phase, nn, word)
			}
			used[key{src, base}] = true
			scripts = append(scripts, script{src, folder, base})
			needDir[src][folder] = true
		}
	}

	modDir := filepath.Join(addons, name)
	srcDir := [3]string{
		filepath.Join(modDir, "migrations"),
		filepath.Join(modDir, "upgrades"),
		filepath.Join(upgrade, name),
	}
	mkdir := func(p string) error {
		if err := os.Mkdir(p, 0o755); err != nil {
			return fmt.Errorf("treegen: %w", err)
		}
		st.Dirs++
		return nil
	}
	if err := mkdir(modDir); err != nil {
		return st, err
	}
	for s, set := range needDir {
		if len(set) == 0 {
			continue
		}
		if err := mkdir(srcDir[s]); err != nil {
			return st, err
		}
		for _, folder := range folders { // folder order, not map order
			if set[folder] {
				if err := mkdir(filepath.Join(srcDir[s], folder)); err != nil {
					return st, err
				}
			}
		}
	}

	write := func(p string, data []byte) error {
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return fmt.Errorf("treegen: %w", err)
		}
		st.Files++
		return nil
	}
	if err := write(filepath.Join(modDir, "__manifest__.py"), manifest(rng, i, cfg.Series, deps)); err != nil {
		return st, err
	}
	if err := write(filepath.Join(modDir, "__init__.py"), nil); err != nil {
		return st, err
	}
	for _, sc := range scripts {
		*buf = scriptBody((*buf)[:0], name, sc)
		if err := write(filepath.Join(srcDir[sc.src], sc.folder, sc.name), *buf); err != nil {
			return st, err
		}
		st.Scripts++
	}
	return st, nil
}

// pickDeps returns 0 to 3 distinct earlier modules, sorted. Half of the
// picks come from the twenty preceding modules, which gives the graph long
// dependency chains as real addon sets have; the rest are uniform.
func pickDeps(rng *rand.Rand, i int) []int {
	n := min(rng.IntN(4), i)
	deps := make([]int, 0, n)
	for len(deps) < n {
		var d int
		if rng.IntN(2) == 0 {
			d = i - 1 - rng.IntN(min(20, i))
		} else {
			d = rng.IntN(i)
		}
		if !slices.Contains(deps, d) {
			deps = append(deps, d)
		}
	}
	slices.Sort(deps)
	return deps
}

func manifest(rng *rand.Rand, i int, series string, deps []int) []byte {
	name := ModuleName(i)
	var b strings.Builder
	b.Grow(1024)
	b.WriteString("# -*- coding: utf-8 -*-\n")
	b.WriteString("# Generated by migrate-runner treegen; not a real addon.\n")
	b.WriteString("{\n")
	fmt.Fprintf(&b, "    'name': 'Bench Module %05d',\n", i)
	fmt.Fprintf(&b, "    'version': '%s',\n", ManifestVersion(series))
	fmt.Fprintf(&b, "    'category': '%s',\n", categories[rng.IntN(len(categories))])
	fmt.Fprintf(&b, "    'summary': \"Synthetic addon #%d for migration benchmarks\",\n", i)
	b.WriteString("    'description': \"\"\"\n")
	fmt.Fprintf(&b, "Bench module %s\n", name)
	b.WriteString(strings.Repeat("=", len("Bench module ")+len(name)) + "\n\n")
	b.WriteString("This addon doesn't do anything: it only carries migration scripts.\n")
	fmt.Fprintf(&b, "It has %d direct dependencies besides 'base'.\n", len(deps))
	b.WriteString("\"\"\",\n")
	b.WriteString("    'author': 'migrate-runner',\n")
	b.WriteString("    'website': 'https://example.com/migrate-runner',\n")
	b.WriteString("    'depends': [\n        'base',\n")
	for _, d := range deps {
		fmt.Fprintf(&b, "        '%s',\n", ModuleName(d))
	}
	b.WriteString("    ],\n")
	b.WriteString("    'data': [\n")
	b.WriteString("        'security/ir.model.access.csv',\n")
	fmt.Fprintf(&b, "        'views/%s_views.xml',\n", name)
	if rng.IntN(2) == 0 {
		fmt.Fprintf(&b, "        'data/%s_data.xml',\n", name)
	}
	b.WriteString("    ],\n")
	b.WriteString("    # installable modules are loaded; the bench never sets this to False\n")
	b.WriteString("    'installable': True,\n")
	b.WriteString("    'application': False,\n")
	b.WriteString("    'license': 'LGPL-3',\n")
	b.WriteString("}\n")
	return []byte(b.String())
}

func scriptBody(b []byte, module string, sc script) []byte {
	b = fmt.Appendf(b, "# %s %s %s (generated by migrate-runner treegen)\n\n\n", module, sc.folder, sc.name)
	b = append(b, "def migrate(cr, version):\n"...)
	b = fmt.Appendf(b, "    cr.execute(\"UPDATE ir_module_module SET write_date = write_date WHERE name = '%s'\")\n", module)
	return b
}
