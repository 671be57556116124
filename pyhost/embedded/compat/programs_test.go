package compat

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*.out from python3's output")

// programs lists the test programs: testdata/*.py, each with the output
// CPython 3 gives in testdata/*.out.
func programs(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("testdata/*.py")
	if err != nil || len(files) == 0 {
		t.Fatalf("no test programs: %v", err)
	}
	return files
}

// TestPrograms runs every test program under gpython with Install and
// Builtins and compares its output with the golden CPython output.
func TestPrograms(t *testing.T) {
	for _, file := range programs(t) {
		name := strings.TrimSuffix(filepath.Base(file), ".py")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(strings.TrimSuffix(file, ".py") + ".out")
			if err != nil {
				t.Fatalf("missing golden output (run go test -run TestGoldenIsCPython -update): %v", err)
			}
			got, err := runPy(t, string(src))
			if err != nil {
				got += "UNCAUGHT " + pyError(err) + "\n"
			}
			if got != string(want) {
				t.Errorf("output differs from CPython:\n%s", lineDiff(string(want), got))
			}
		})
	}
}

// TestGoldenIsCPython checks that the golden files are what python3
// prints for the same programs (with the pre-pass support functions
// defined), or rewrites them with -update.
func TestGoldenIsCPython(t *testing.T) {
	for _, file := range programs(t) {
		name := strings.TrimSuffix(filepath.Base(file), ".py")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			got := runCPython(t, string(src))
			golden := strings.TrimSuffix(file, ".py") + ".out"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("golden file is stale:\n%s", lineDiff(string(want), got))
			}
		})
	}
}

// lineDiff lists the lines that differ, with CPython's ("want") first.
func lineDiff(want, got string) string {
	w := strings.Split(want, "\n")
	g := strings.Split(got, "\n")
	var b strings.Builder
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			b.WriteString("line ")
			b.WriteString(itoa(i + 1))
			b.WriteString(":\n  want: ")
			b.WriteString(wl)
			b.WriteString("\n  got:  ")
			b.WriteString(gl)
			b.WriteString("\n")
		}
	}
	return b.String()
}
