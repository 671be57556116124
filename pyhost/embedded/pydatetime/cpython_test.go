package pydatetime

import (
	"bufio"
	"flag"
	"os"
	"os/exec"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/exprs.golden from python3")

// cpythonEval evaluates each expression in CPython 3 the way pyEnv.eval
// does in gpython.
const cpythonEval = `
import sys
import datetime as dtm
from datetime import *
out = []
for line in open(sys.argv[1], encoding="utf-8"):
    expr = line.rstrip("\n")
    try:
        res = repr(eval(expr))
    except Exception as e:
        msg = str(e)
        res = type(e).__name__ + ": " + msg
    out.append(res.replace("\n", "\\n"))
sys.stdout.write("\n".join(out) + "\n")
`

func readExprs(t *testing.T) []string {
	t.Helper()
	f, err := os.Open("testdata/exprs.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var exprs []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		exprs = append(exprs, line)
	}
	return exprs
}

// runCPython returns CPython's output lines, or skips when python3 is
// absent.
func runCPython(t *testing.T, exprs []string) []string {
	t.Helper()
	py3, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not found")
	}
	dir := t.TempDir()
	in := dir + "/exprs.txt"
	if err := os.WriteFile(in, []byte(strings.Join(exprs, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(py3, "-c", cpythonEval, in).Output()
	if err != nil {
		t.Fatalf("python3: %v", err)
	}
	return strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
}

// TestGolden compares gpython's results with the golden file, which holds
// CPython 3.11's results (checked against python3 by TestGoldenIsCPython).
func TestGolden(t *testing.T) {
	exprs := readExprs(t)
	if len(exprs) < 80 {
		t.Fatalf("only %d expressions", len(exprs))
	}
	if *update {
		want := runCPython(t, exprs)
		if err := os.WriteFile("testdata/exprs.golden", []byte(strings.Join(want, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	golden, err := os.ReadFile("testdata/exprs.golden")
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Split(strings.TrimSuffix(string(golden), "\n"), "\n")
	if len(want) != len(exprs) {
		t.Fatalf("golden has %d lines for %d expressions; run go test -run TestGolden -update", len(want), len(exprs))
	}
	e := newEnv(t)
	bad := 0
	for i, x := range exprs {
		got := strings.ReplaceAll(e.eval(x), "\n", `\n`)
		if got != want[i] {
			bad++
			t.Errorf("%s\n   got  %s\n   want %s", x, got, want[i])
		}
	}
	t.Logf("%d expressions, %d differ", len(exprs), bad)
}

// TestGoldenIsCPython keeps the golden file honest.
func TestGoldenIsCPython(t *testing.T) {
	exprs := readExprs(t)
	got := runCPython(t, exprs)
	golden, err := os.ReadFile("testdata/exprs.golden")
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Split(strings.TrimSuffix(string(golden), "\n"), "\n")
	if len(got) != len(want) {
		t.Fatalf("python3 gave %d lines, golden has %d", len(got), len(want))
	}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("golden is stale for %s: python3 says %s, golden %s", exprs[i], got[i], want[i])
		}
	}
}
