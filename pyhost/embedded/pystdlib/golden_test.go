package pystdlib

import (
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from python3's output")

// TestScriptsMatchCPython runs each testdata/*.py program under gpython
// with the modules installed and compares its output with the golden
// file, which holds CPython 3.11's output for the same program. When
// python3 is on PATH the golden file itself is checked against it, so a
// golden file cannot drift from CPython.
func TestScriptsMatchCPython(t *testing.T) {
	files, err := filepath.Glob("testdata/*.py")
	if err != nil || len(files) == 0 {
		t.Fatalf("no test programs in testdata: %v", err)
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".py")
		golden := strings.TrimSuffix(file, ".py") + ".golden"
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if *update {
				out := runPython3File(t, file)
				if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update and python3 on PATH to create it)", err)
			}
			got, err := runPy(string(src))
			if err != nil {
				t.Fatalf("gpython run failed: %v\noutput so far:\n%s", err, got)
			}
			if d := lineDiff(string(want), got); d != "" {
				t.Errorf("output differs from %s (want / got):\n%s", golden, d)
			}
			t.Run("golden is CPython", func(t *testing.T) {
				if d := lineDiff(runPython3File(t, file), string(want)); d != "" {
					t.Errorf("%s is stale (python3 / golden):\n%s", golden, d)
				}
			})
		})
	}
}

func runPython3File(t *testing.T, file string) string {
	t.Helper()
	bin, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not found; CPython comparison skipped")
	}
	cmd := exec.Command(bin, "-W", "ignore", file)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python3 %s: %v\n%s%s", file, err, out, stderr.String())
	}
	return string(out)
}

// lineDiff lists the lines that differ, "" when the texts are equal.
func lineDiff(want, got string) string {
	if want == got {
		return ""
	}
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
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
			b.WriteString("- " + wl + "\n+ " + gl + "\n")
		}
	}
	return b.String()
}
