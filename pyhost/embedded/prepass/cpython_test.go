package prepass

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
)

var (
	pyOnce sync.Once
	pyPath string
)

// python3 returns the CPython interpreter, skipping the test when there is
// none. It resolves sys.executable once: launchers such as pyenv shims
// cost a third of a second per run.
func python3(t *testing.T) string {
	t.Helper()
	pyOnce.Do(func() {
		p, err := exec.LookPath("python3")
		if err != nil {
			return
		}
		pyPath = p
		if out, err := exec.Command(p, "-c", "import sys; print(sys.executable)").Output(); err == nil {
			if exe := strings.TrimSpace(string(out)); exe != "" {
				pyPath = exe
			}
		}
	})
	if pyPath == "" {
		t.Skip("python3 not on PATH")
	}
	return pyPath
}

// runPy runs python3 with a JSON document on stdin and returns stdout.
func runPy(t *testing.T, script string, in any) string {
	t.Helper()
	doc, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(python3(t), "-S", "-c", script)
	cmd.Stdin = bytes.NewReader(doc)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python3: %v\n%s", err, stderr.String())
	}
	return string(out)
}

// Both sides of every golden case compile under CPython 3.11: the inputs
// are real Python and the outputs are too.
func TestGoldenMatchesCPython(t *testing.T) {
	var srcs [][2]string
	for _, c := range goldenCases {
		srcs = append(srcs, [2]string{c.name + " (input)", c.in}, [2]string{c.name + " (output)", c.out})
	}
	out := runPy(t, `
import json, sys, warnings
warnings.simplefilter("ignore")
for name, src in json.load(sys.stdin):
    try:
        compile(src, name, "exec")
    except SyntaxError as e:
        print(name, "->", e.msg, "line", e.lineno)
`, srcs)
	if out != "" {
		t.Errorf("CPython rejects:\n%s", out)
	}
}

// Rewrite reports the message and line CPython reports for the same input.
func TestErrorsMatchCPython(t *testing.T) {
	var srcs []string
	for _, c := range errorCases {
		srcs = append(srcs, c.in)
	}
	out := runPy(t, `
import json, sys, warnings
warnings.simplefilter("ignore")
for src in json.load(sys.stdin):
    try:
        compile(src, "x", "exec")
        print("compiled")
    except SyntaxError as e:
        print(e.lineno, e.msg)
`, srcs)
	got := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(got) != len(errorCases) {
		t.Fatalf("python3 printed %d lines for %d cases:\n%s", len(got), len(errorCases), out)
	}
	for i, c := range errorCases {
		if want := itoa(c.line) + " " + c.msg; got[i] != want {
			t.Errorf("%s: CPython says %q, Rewrite says %q", c.name, got[i], want)
		}
	}
}

// prelude defines the support builtins in pure Python with the calling
// conventions the rewrite relies on (and checks them), then runs the
// rewritten program given as argv[1] as __main__.
const prelude = `
import builtins, operator, sys

def _fs(*parts):
    for p in parts:
        if type(p) is not str:
            raise AssertionError("__mr_fs__ part %r is not a str" % (p,))
    return "".join(parts)

_conv = {"": lambda v: v, "r": repr, "s": str, "a": ascii}

def _fv(value, conv, spec):
    if conv not in _conv or type(spec) is not str:
        raise AssertionError("__mr_fv__ bad conv/spec %r %r" % (conv, spec))
    return format(_conv[conv](value), spec)

builtins.__mr_fs__ = _fs
builtins.__mr_fv__ = _fv
builtins.__mr_add__ = operator.add
builtins.__mr_mod__ = operator.mod
builtins.__mr_iadd__ = operator.iadd
builtins.__mr_imod__ = operator.imod
builtins.__mr_lt__ = lambda a, b: a < b
builtins.__mr_le__ = lambda a, b: a <= b
builtins.__mr_gt__ = lambda a, b: a > b
builtins.__mr_ge__ = lambda a, b: a >= b
builtins.__mr_id__ = lambda x: x
builtins.__mr_iter__ = iter

def _dict(*pairs):
    if len(pairs) == 1 and type(pairs[0]) is not tuple:
        return dict(pairs[0])
    for p in pairs:
        if type(p) is not tuple or len(p) != 2:
            raise AssertionError("__mr_dict__ item %r is not a pair" % (p,))
    return dict(pairs)

def _kw(m):
    if not hasattr(m, "keys"):
        raise TypeError("argument after ** must be a mapping, not %s" % type(m).__name__)
    return m

builtins.__mr_dict__ = _dict
builtins.__mr_kw__ = _kw

path = sys.argv[1]
sys.argv = sys.argv[1:]
with open(path, encoding="utf-8") as f:
    code = compile(f.read(), path, "exec")
exec(code, {"__name__": "__main__", "__file__": path, "__builtins__": builtins})
`

var frameRE = regexp.MustCompile(`(?m)^  File "([^"]*)", line (\d+), in (.*)$`)

// pyRun runs a program and returns its stdout and a summary of its
// failure: the script's own traceback frames and the final error line.
func pyRun(t *testing.T, script string, args ...string) (stdout, failure string) {
	t.Helper()
	// -S (no site) on both sides: it halves start-up time.
	cmd := exec.Command(python3(t), append([]string{"-S"}, args...)...)
	cmd.Env = append(os.Environ(), "PYTHONHASHSEED=0", "PYTHONIOENCODING=utf-8", "PYTHONDONTWRITEBYTECODE=1")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		var frames []string
		for _, m := range frameRE.FindAllStringSubmatch(errb.String(), -1) {
			if filepath.Base(m[1]) == filepath.Base(script) {
				frames = append(frames, "line "+m[2]+" in "+m[3])
			}
		}
		lines := strings.Split(strings.TrimSpace(errb.String()), "\n")
		failure = strings.Join(frames, "; ") + " | " + lines[len(lines)-1]
	}
	return out.String(), failure
}

// The corpus in testdata/semantic runs under CPython twice: as written,
// and rewritten with the builtins defined in pure Python. Stdout must be
// identical, and a failing program must fail with the same error at the
// same lines (the rewrite keeps line numbers).
func TestSemanticsMatchCPython(t *testing.T) {
	python3(t)
	files, err := filepath.Glob("testdata/semantic/*.py")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 40 {
		t.Fatalf("corpus has %d programs, want at least 40", len(files))
	}
	dir := t.TempDir()
	pre := filepath.Join(dir, "prelude.py")
	if err := os.WriteFile(pre, []byte(prelude), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			t.Parallel()
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			out, err := Rewrite(src)
			if err != nil {
				t.Fatalf("Rewrite: %v", err)
			}
			if bytes.Equal(out, src) {
				t.Fatal("the program exercises nothing the rewrite lowers")
			}
			checkLines(t, src, out)
			rw := filepath.Join(dir, filepath.Base(f))
			if err := os.WriteFile(rw, out, 0o644); err != nil {
				t.Fatal(err)
			}
			want, wantFail := pyRun(t, f, f)
			got, gotFail := pyRun(t, rw, pre, rw)
			if got != want {
				t.Errorf("stdout differs\n--- CPython:\n%s\n--- rewritten:\n%s\n--- rewritten source:\n%s", want, got, out)
			}
			if gotFail != wantFail {
				t.Errorf("failure differs\n CPython:   %s\n rewritten: %s\n--- rewritten source:\n%s", wantFail, gotFail, out)
			}
		})
	}
}
