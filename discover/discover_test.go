package discover

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

const tree = "../testdata/modules"

func demo(t testing.TB) *Inventory {
	t.Helper()
	inv, err := Discover(context.Background(), Options{
		AddonsPaths:  []string{tree + "/addons", tree + "/addons_extra"},
		UpgradePaths: []string{tree + "/upgrade"},
	})
	if err != nil {
		t.Fatal(err)
	}
	return inv
}

func TestModulesAndSources(t *testing.T) {
	inv := demo(t)
	var names []string
	for _, m := range inv.Modules {
		names = append(names, m.Name)
	}
	want := "base_partner_ext broken_manifest docs_example extra_tools legacy_tool old_openerp report_custom sale_custom stock_custom uninstalled_addon"
	if got := strings.Join(names, " "); got != want {
		t.Fatalf("modules: %s", got)
	}
	// First addons path wins.
	if m := inv.Module("stock_custom"); !strings.HasSuffix(m.Path, "/addons/stock_custom") || m.Manifest.Version != "1.5" {
		t.Errorf("stock_custom from %s, version %s", m.Path, m.Manifest.Version)
	}
	if m := inv.Module("old_openerp"); filepath.Base(m.ManifestPath) != "__openerp__.py" {
		t.Errorf("old_openerp manifest: %s", m.ManifestPath)
	}
	m := inv.Module("base_partner_ext")
	if len(m.Sources) != 3 || m.Sources[0].Kind != Migrations || m.Sources[1].Kind != Upgrades || m.Sources[2].Kind != UpgradePath {
		t.Fatalf("sources: %+v", m.Sources)
	}
	var folders []string
	for _, f := range m.Folders {
		folders = append(folders, string(m.Sources[f.Source].Kind)+":"+f.Name+":"+string(f.Status))
	}
	wantF := "migrations:0.0.0:valid migrations:1.0:valid migrations:1.1:valid migrations:1.1-beta:invalid migrations:1.4:valid migrations:17.0.1.2:valid migrations:tests:tests upgrades:1.1:valid upgrade-path:1.1:valid"
	if got := strings.Join(folders, " "); got != wantF {
		t.Errorf("folders:\n got %s\nwant %s", got, wantF)
	}
	if got := m.Manifest.Depends; strings.Join(got, ",") != "base,contacts" || m.Manifest.Name != "Partner Extensions" || !m.Manifest.Installable {
		t.Errorf("manifest: %+v", m.Manifest)
	}
	if inv.Module("legacy_tool").Manifest.Installable {
		t.Error("legacy_tool should not be installable")
	}
}

func TestSymlinkedScriptIsFollowed(t *testing.T) {
	m := demo(t).Module("stock_custom")
	for _, f := range m.Folders {
		for _, file := range f.Files {
			if file.Name == "post-shared_cleanup.py" {
				if file.Stage != "post" || !strings.Contains(file.Path, "17.0.1.5") {
					t.Errorf("%+v", file)
				}
				return
			}
		}
	}
	t.Error("symlinked script not found")
}

func TestDiagnostics(t *testing.T) {
	inv := demo(t)
	find := func(suffix string) *Diagnostic {
		for i, d := range inv.Diagnostics {
			if strings.HasSuffix(d.Path, suffix) {
				return &inv.Diagnostics[i]
			}
		}
		return nil
	}
	tests := []struct {
		suffix string
		level  Level
		msg    string
		line   int
	}{
		{"1.1/pre_migration.py", Warning, "no pre-, post- or end- prefix", 0},
		{"1.1/Pre-upper.py", Warning, "no pre-, post- or end- prefix", 0},
		{"1.1/helpers.py", Info, "not a phase script", 0},
		{"migrations/pre-orphan.py", Warning, "directly in migrations/", 0},
		{"migrations/1.1-beta", Warning, "invalid version folder", 0},
		{"broken_manifest/__manifest__.py", Error, "malformed manifest", 4},
		{"addons_extra/stock_custom", Info, "shadowed", 0},
		{"upgrade/report_custom/17.0.1.1/post-refresh.py", Warning, "Odoo runs both", 0},
	}
	for _, tt := range tests {
		d := find(tt.suffix)
		if d == nil {
			t.Errorf("no diagnostic for %s", tt.suffix)
			continue
		}
		if d.Level != tt.level || !strings.Contains(d.Message, tt.msg) || d.Line != tt.line {
			t.Errorf("%s: %+v, want %s %q line %d", tt.suffix, *d, tt.level, tt.msg, tt.line)
		}
	}
	for _, d := range inv.Diagnostics {
		if strings.Contains(d.Path, "/tests") {
			t.Errorf("the tests folder must be skipped silently: %+v", d)
		}
	}
	if !inv.HasErrors() {
		t.Error("HasErrors")
	}
}

func TestBadPaths(t *testing.T) {
	_, err := Discover(context.Background(), Options{AddonsPaths: []string{tree + "/nope"}})
	if err == nil || !strings.Contains(err.Error(), "addons path") || !strings.Contains(err.Error(), "nope") {
		t.Errorf("missing addons path: %v", err)
	}
	_, err = Discover(context.Background(), Options{AddonsPaths: []string{tree + "/installed.txt"}})
	if err == nil || !strings.Contains(err.Error(), "not a directory") {
		t.Errorf("file as addons path: %v", err)
	}
	_, err = Discover(context.Background(), Options{AddonsPaths: []string{tree + "/addons"}, UpgradePaths: []string{"/nonexistent/up"}})
	if err == nil || !strings.Contains(err.Error(), "upgrade path") {
		t.Errorf("missing upgrade path: %v", err)
	}
	_, err = Discover(context.Background(), Options{})
	if err == nil {
		t.Error("no addons path accepted")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Discover(ctx, Options{AddonsPaths: []string{tree + "/addons"}}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

func TestInvalidUpgradePathAndBrokenLink(t *testing.T) {
	dir := t.TempDir()
	addons, up := filepath.Join(dir, "addons"), filepath.Join(dir, "up")
	mustWrite(t, filepath.Join(addons, "m", "__manifest__.py"), `{"version": "17.0.1.0"}`)
	mustWrite(t, filepath.Join(up, "README"), "not scripts")
	if err := os.MkdirAll(filepath.Join(addons, "m", "migrations", "1.0"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/nonexistent/x.py", filepath.Join(addons, "m", "migrations", "1.0", "pre-gone.py")); err != nil {
		t.Fatal(err)
	}
	inv, err := Discover(context.Background(), Options{AddonsPaths: []string{addons}, UpgradePaths: []string{up}})
	if err != nil {
		t.Fatal(err)
	}
	var msgs []string
	for _, d := range inv.Diagnostics {
		msgs = append(msgs, string(d.Level)+": "+d.Message)
	}
	all := strings.Join(msgs, "\n")
	if !strings.Contains(all, "error: cannot be read") || !strings.Contains(all, "warning: not a valid upgrade directory") {
		t.Errorf("diagnostics:\n%s", all)
	}
}

func TestSplitPaths(t *testing.T) {
	got := SplitPaths(" a, b ,,c,")
	if strings.Join(got, "|") != "a|b|c" {
		t.Errorf("%q", got)
	}
}

func mustWrite(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// Hostile trees: a FIFO or a directory named like a manifest, and a
// manifest that is not valid UTF-8, must neither hang nor crash.
func TestHostileManifests(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "fifo_mod"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo_mod", "__manifest__.py"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "dir_mod", "__manifest__.py"), 0o755); err != nil {
		t.Fatal(err)
	}
	mustWrite(t, filepath.Join(dir, "dir_mod", "__openerp__.py"), `{"version": "17.0.1.0"}`)
	mustWrite(t, filepath.Join(dir, "bad_utf8", "__manifest__.py"), "{'name': '\xff'}")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	inv, err := Discover(ctx, Options{AddonsPaths: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	if m := inv.Module("dir_mod"); m == nil || filepath.Base(m.ManifestPath) != "__openerp__.py" || m.ManifestError != "" {
		t.Errorf("a directory named __manifest__.py must be passed over: %+v", m)
	}
	for _, name := range []string{"fifo_mod", "bad_utf8"} {
		if m := inv.Module(name); m == nil || m.ManifestError == "" {
			t.Errorf("%s: want a manifest error, got %+v", name, m)
		}
	}
}
