package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestGeneratedFileIsCurrent regenerates the list from this toolchain's
// zoneinfo.zip and compares it with the committed upgradeapi/tznames_gen.go.
func TestUpgradeTZListIsCurrent(t *testing.T) {
	goroot := os.Getenv("GOROOT")
	if goroot == "" {
		out, err := exec.Command("go", "env", "GOROOT").Output()
		if err != nil {
			t.Fatalf("go env GOROOT: %v", err)
		}
		goroot = strings.TrimSpace(string(out))
	}
	names, err := zoneNames(filepath.Join(goroot, "lib", "time", "zoneinfo.zip"))
	if err != nil {
		t.Fatal(err)
	}
	want := render(names)
	got, err := os.ReadFile("../../tznames_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("upgradeapi/tznames_gen.go is stale: run go generate ./upgradeapi (this toolchain lists %d names)", len(names))
	}
	for _, n := range []string{"Europe/Brussels", "America/New_York", "UTC", "Etc/GMT+1"} {
		if !bytes.Contains(got, []byte(`"`+n+`"`)) {
			t.Errorf("%s missing from the generated list", n)
		}
	}
	if bytes.Contains(got, []byte(`"Factory"`)) {
		t.Error("Factory is not a zone a server runs in and must be left out")
	}
}

func TestUpgradeTZListBadZip(t *testing.T) {
	p := filepath.Join(t.TempDir(), "bad.zip")
	if err := os.WriteFile(p, []byte("not a zip"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := zoneNames(p); err == nil || !strings.Contains(err.Error(), p) {
		t.Errorf("zoneNames(bad zip) = %v, want an error naming the file", err)
	}
}
