package precheck

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/migrate-runner/migrate-runner/pyhost/embedded/prepass"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/flagged")

func scripts(t testing.TB, dir string) []string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", dir, "*.py"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no scripts in testdata/%s: %v", dir, err)
	}
	return paths
}

// TestCleanScriptsHaveNoFindings: realistic migration scripts (in the
// pre-pass's output form) that the embedded host runs must pass.
func TestCleanScriptsHaveNoFindings(t *testing.T) {
	for _, path := range scripts(t, "clean") {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := Check(path, src, defaultOpts); len(got) != 0 {
			t.Errorf("%s: want no findings, got\n%s", path, dump(got))
		}
	}
}

// TestFlaggedScriptsGolden compares the findings of realistic faulty
// scripts with testdata/flagged/*.golden (go test -update rewrites them).
func TestFlaggedScriptsGolden(t *testing.T) {
	for _, path := range scripts(t, "flagged") {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for _, f := range Check(filepath.Base(path), src, defaultOpts) {
			b.WriteString(filepath.Base(path) + ":" + f.String() + "\n")
		}
		golden := strings.TrimSuffix(path, ".py") + ".golden"
		if *update {
			if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test -update to create it)", err)
		}
		if b.String() != string(want) {
			t.Errorf("%s: findings differ from %s\n got:\n%s\nwant:\n%s", path, golden, b.String(), want)
		}
	}
}

// TestScriptsAreValidCPython: every test script and every non-syntax
// test case is valid Python 3.11, so a finding is about gpython, not a
// broken script.
func TestScriptsAreValidCPython(t *testing.T) {
	py3, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not found")
	}
	var names, srcs []string
	for _, dir := range []string{"clean", "flagged"} {
		for _, path := range scripts(t, dir) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if strings.HasPrefix(filepath.Base(path), "syntax-") {
				continue // valid 3.11, checked below with the syntax cases
			}
			names, srcs = append(names, path), append(srcs, string(src))
		}
	}
	for _, c := range checkCases {
		construct := ""
		if len(c.want) > 0 {
			construct = strings.SplitN(c.want[0], ":", 2)[1]
		}
		if syntaxConstructs[construct] || construct == "syntax error" || construct == "unclosed bracket" ||
			construct == "unterminated string" || notPy311[c.name] {
			continue
		}
		names, srcs = append(names, "case "+c.name), append(srcs, c.src)
	}
	in, _ := json.Marshal(srcs)
	cmd := exec.Command(py3, "-c", "import json,sys\nfor s in json.load(sys.stdin):\n    try:\n        compile(s, 'x', 'exec')\n        print('ok')\n    except SyntaxError as e:\n        print('error', e)\n")
	cmd.Stdin = strings.NewReader(string(in))
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	for i, name := range names {
		if i >= len(lines) || lines[i] != "ok" {
			t.Errorf("%s is not valid CPython 3.11: %v", name, lines[i:min(i+1, len(lines))])
		}
	}
}

// TestCheckConcurrent: Check shares nothing mutable (run with -race).
func TestCheckConcurrent(t *testing.T) {
	var srcs [][]byte
	var want [][]Finding
	for _, dir := range []string{"clean", "flagged"} {
		for _, path := range scripts(t, dir) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			srcs, want = append(srcs, src), append(want, Check(path, src, defaultOpts))
		}
	}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Go(func() {
			for i, src := range srcs {
				if got := Check("c.py", src, defaultOpts); !slices.Equal(got, want[i]) {
					t.Errorf("concurrent Check of script %d: %v, want %v", i, got, want[i])
				}
			}
		})
	}
	wg.Wait()
}

// TestScriptsAreInPrePassForm: the test scripts are what Check receives
// in the host, the pre-pass's output, so the pre-pass finds nothing
// left to lower in them.
func TestScriptsAreInPrePassForm(t *testing.T) {
	for _, dir := range []string{"clean", "flagged"} {
		for _, path := range scripts(t, dir) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			out, err := prepass.Rewrite(src)
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			if !bytes.Equal(out, src) {
				t.Errorf("%s is not in the pre-pass's output form; lowered, it reads:\n%s", path, out)
			}
		}
	}
}
