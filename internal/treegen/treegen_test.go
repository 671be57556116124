package treegen

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var small = Config{Modules: 12, VersionsPerModule: 3, ScriptsPerVersion: 7, Series: "17.0", Seed: 42}

// snapshot maps every path below dir (slash-separated, relative) to its
// content, with "/" appended to directory names and nil content.
func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == dir {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			out[rel+"/"] = nil
			return nil
		}
		if !d.Type().IsRegular() {
			t.Errorf("%s: not a regular file", rel)
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		out[rel] = b
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

var scriptPath = regexp.MustCompile(`^(addons/(bench_m\d{5})/(migrations|upgrades)|upgrade/(bench_m\d{5}))/([^/]+)/((pre|post|end)-\d{2,3}-[a-z]+\.py)$`)

func TestGenerateCounts(t *testing.T) {
	dir := t.TempDir()
	st, err := Generate(dir, small)
	if err != nil {
		t.Fatal(err)
	}
	wantScripts := small.Modules * small.VersionsPerModule * small.ScriptsPerVersion
	if st.Scripts != wantScripts {
		t.Errorf("Stats.Scripts = %d, want %d", st.Scripts, wantScripts)
	}

	snap := snapshot(t, dir)
	var files, dirs, scripts int
	phases := map[string]int{}
	sources := map[string]int{}
	perFolder := map[string]int{} // module + folder -> scripts, across sources
	for rel, content := range snap {
		if strings.HasSuffix(rel, "/") {
			dirs++
			continue
		}
		files++
		m := scriptPath.FindStringSubmatch(rel)
		if m == nil {
			continue
		}
		scripts++
		module := m[2] + m[4]
		src := m[3]
		if src == "" {
			src = "upgrade-path"
		}
		sources[src]++
		phases[m[7]]++
		perFolder[module+" "+m[5]]++
		if !bytes.Contains(content, []byte("def migrate(cr, version):\n    cr.execute(\"UPDATE ")) {
			t.Errorf("%s does not define migrate(cr, version) with an UPDATE:\n%s", rel, content)
		}
	}
	if scripts != wantScripts {
		t.Errorf("found %d scripts on disk, want %d", scripts, wantScripts)
	}
	if files != st.Files {
		t.Errorf("found %d files on disk, Stats.Files = %d", files, st.Files)
	}
	// Per module: manifest, __init__.py and the scripts; plus installed.txt.
	if want := small.Modules*2 + wantScripts + 1; files != want {
		t.Errorf("found %d files, want %d", files, want)
	}
	if dirs != st.Dirs {
		t.Errorf("found %d dirs on disk, Stats.Dirs = %d", dirs, st.Dirs)
	}
	for _, p := range []string{"pre", "post", "end"} {
		if phases[p] == 0 {
			t.Errorf("no %s- scripts generated: %v", p, phases)
		}
	}
	for _, s := range []string{"migrations", "upgrades", "upgrade-path"} {
		if sources[s] == 0 {
			t.Errorf("no scripts in source %s: %v", s, sources)
		}
	}
	for i := range small.Modules {
		for _, f := range []string{"0.0.0", "17.0.1.1", "1.2"} {
			if n := perFolder[ModuleName(i)+" "+f]; n != small.ScriptsPerVersion {
				t.Errorf("%s/%s holds %d scripts across sources, want %d", ModuleName(i), f, n, small.ScriptsPerVersion)
			}
		}
		man := string(snap["addons/"+ModuleName(i)+"/__manifest__.py"])
		for _, want := range []string{"'version': '17.0.1.3'", "'installable': True", "'base',", `'description': """`, "'license': 'LGPL-3'"} {
			if !strings.Contains(man, want) {
				t.Errorf("%s manifest lacks %s:\n%s", ModuleName(i), want, man)
			}
		}
	}
}

func TestGenerateDeterministic(t *testing.T) {
	a, b, c := t.TempDir(), t.TempDir(), t.TempDir()
	for _, d := range []string{a, b} {
		if _, err := Generate(d, small); err != nil {
			t.Fatal(err)
		}
	}
	other := small
	other.Seed++
	if _, err := Generate(c, other); err != nil {
		t.Fatal(err)
	}
	sa, sb, sc := snapshot(t, a), snapshot(t, b), snapshot(t, c)
	if len(sa) != len(sb) {
		t.Fatalf("same seed: %d vs %d entries", len(sa), len(sb))
	}
	for rel, content := range sa {
		other, ok := sb[rel]
		if !ok {
			t.Errorf("same seed: %s only in the first tree", rel)
			continue
		}
		if !bytes.Equal(content, other) {
			t.Errorf("same seed: %s differs", rel)
		}
	}
	same := len(sa) == len(sc)
	for rel, content := range sa {
		if o, ok := sc[rel]; !ok || !bytes.Equal(o, content) {
			same = false
			break
		}
	}
	if same {
		t.Error("seeds 42 and 43 gave identical trees")
	}
}

func TestInstalledFile(t *testing.T) {
	dir := t.TempDir()
	cfg := Config{Modules: 3, VersionsPerModule: 1, ScriptsPerVersion: 2, Series: "16.0", Seed: 7}
	if _, err := Generate(dir, cfg); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(dir, "installed.txt"))
	if err != nil {
		t.Fatal(err)
	}
	want := "bench_m00000=16.0.1.0\nbench_m00001=16.0.1.0\nbench_m00002=16.0.1.0\n"
	if string(got) != want {
		t.Errorf("installed.txt = %q, want %q", got, want)
	}
}

func TestDependsOnEarlierModules(t *testing.T) {
	dir := t.TempDir()
	cfg := Config{Modules: 200, VersionsPerModule: 0, ScriptsPerVersion: 0, Series: "17.0", Seed: 3}
	st, err := Generate(dir, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if st.Scripts != 0 {
		t.Errorf("Scripts = %d with no versions", st.Scripts)
	}
	dep := regexp.MustCompile(`'bench_m(\d{5})'`)
	withDeps := 0
	for i := range cfg.Modules {
		man, err := os.ReadFile(filepath.Join(dir, "addons", ModuleName(i), "__manifest__.py"))
		if err != nil {
			t.Fatal(err)
		}
		ms := dep.FindAllStringSubmatch(string(man), -1)
		if len(ms) > 3 {
			t.Errorf("%s has %d dependencies, want at most 3", ModuleName(i), len(ms))
		}
		if len(ms) > 0 {
			withDeps++
		}
		for _, m := range ms {
			if m[1] >= ModuleName(i)[len("bench_m"):] {
				t.Errorf("%s depends on later or same module bench_m%s", ModuleName(i), m[1])
			}
		}
	}
	if withDeps < cfg.Modules/2 {
		t.Errorf("only %d of %d modules have dependencies", withDeps, cfg.Modules)
	}
}

func TestVersionFolders(t *testing.T) {
	want := []string{"0.0.0", "17.0.1.1", "1.2", "17.0.1.3", "1.4"}
	for k, w := range want {
		if got := VersionFolder("17.0", k); got != w {
			t.Errorf("VersionFolder(17.0, %d) = %q, want %q", k, got, w)
		}
	}
}

func TestGenerateRefusesExistingTree(t *testing.T) {
	dir := t.TempDir()
	cfg := Config{Modules: 1, VersionsPerModule: 1, ScriptsPerVersion: 1, Series: "17.0"}
	if _, err := Generate(dir, cfg); err != nil {
		t.Fatal(err)
	}
	if _, err := Generate(dir, cfg); err == nil {
		t.Error("second Generate into the same directory succeeded")
	}
	for _, bad := range []Config{
		{Modules: 0, Series: "17.0"},
		{Modules: 1, VersionsPerModule: -1, Series: "17.0"},
		{Modules: 1, Series: ""},
		{Modules: 1, Series: "17.0/x"},
	} {
		if _, err := Generate(t.TempDir(), bad); err == nil {
			t.Errorf("Generate(%+v) succeeded", bad)
		}
	}
}

func BenchmarkGenerate(b *testing.B) {
	cfg := Config{Modules: 100, VersionsPerModule: 3, ScriptsPerVersion: 10, Series: "17.0", Seed: 1}
	for b.Loop() {
		if _, err := Generate(b.TempDir(), cfg); err != nil {
			b.Fatal(err)
		}
	}
}
