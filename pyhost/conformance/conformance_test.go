package conformance

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/migrate-runner/migrate-runner/pyhost/embedded"
)

const (
	testdataDir      = "testdata"
	stubsDir         = "testdata/pystubs"
	failuresFile     = "testdata/expected_failures.txt"
	minPrograms      = 150
	cpythonTimeout   = 10 * time.Second // per program, wall clock
	embeddedTimeout  = 20 * time.Second // per program; see runEmbedded
	tracebackTailLen = 3                // traceback lines quoted in a failure
)

// program is one conformance program: its file stem names the subtest.
type program struct {
	name, path string
	src        []byte
}

func loadPrograms(t *testing.T) []program {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(testdataDir, "*.py"))
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(paths)
	progs := make([]program, 0, len(paths))
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		progs = append(progs, program{name: strings.TrimSuffix(filepath.Base(p), ".py"), path: p, src: src})
	}
	return progs
}

func loadExpectedFailures(t *testing.T) map[string]string {
	t.Helper()
	f, err := os.Open(failuresFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	reasons, err := parseExpectedFailures(f)
	if err != nil {
		t.Fatalf("%s: %v", failuresFile, err)
	}
	return reasons
}

// TestConformanceCount holds the suite to the size the issue asks for,
// and the expected-failures list to programs that exist.
func TestConformanceCount(t *testing.T) {
	progs := loadPrograms(t)
	if len(progs) < minPrograms {
		t.Errorf("%d conformance programs in %s, want at least %d", len(progs), testdataDir, minPrograms)
	}
	names := map[string]bool{}
	for _, p := range progs {
		names[p.name] = true
	}
	for name := range loadExpectedFailures(t) {
		if !names[name] {
			t.Errorf("%s lists %s, which is not a program in %s", failuresFile, name, testdataDir)
		}
	}
}

// TestConformance runs every program under CPython and under the embedded
// host and compares stdout byte for byte. A program passes when the host
// returns no error and prints exactly what CPython prints. Programs listed
// in expected_failures.txt must fail, and are logged with their reason.
func TestConformance(t *testing.T) {
	python := findPython(t)
	progs := loadPrograms(t)
	xfail := loadExpectedFailures(t)
	stubs, err := filepath.Abs(stubsDir)
	if err != nil {
		t.Fatal(err)
	}
	// CPython runs in child processes, so the reference outputs are
	// computed ahead, several at a time; the host runs stay sequential.
	want := startCPython(python, stubs, progs)

	var ran, pass, expected, unexpected int
	for _, p := range progs {
		t.Run(p.name, func(t *testing.T) {
			ran++
			ref := <-want[p.name]
			if ref.err != nil {
				t.Fatalf("under CPython (%s): %v", python, ref.err)
			}
			got, runErr := runEmbedded(p)
			diff := compare(ref.out, got, runErr)
			reason, listed := xfail[p.name]
			switch {
			case diff == "" && listed:
				unexpected++
				t.Errorf("now passes: remove it from expected_failures.txt (reason was: %s)", reason)
			case diff == "":
				pass++
			case listed:
				expected++
				t.Logf("expected failure: %s\n%s", reason, diff)
			default:
				unexpected++
				t.Errorf("differs from CPython:\n%s", diff)
			}
		})
	}
	t.Logf("conformance: %d programs, %d pass, %d expected failures, %d unexpected", ran, pass, expected, unexpected)
}

// findPython returns the interpreter behind python3, or skips the test
// when there is none. A version manager's shim (pyenv) costs a shell
// script per run, so the real executable is asked for once and used.
func findPython(t *testing.T) string {
	t.Helper()
	shim, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not on PATH: the conformance suite compares against CPython")
	}
	ctx, cancel := context.WithTimeout(context.Background(), cpythonTimeout)
	defer cancel()
	out, err := exec.CommandContext(ctx, shim, "-c", "import sys; sys.stdout.write(sys.executable)").Output()
	if exe := strings.TrimSpace(string(out)); err == nil && exe != "" {
		return exe
	}
	return shim
}

type cpythonResult struct {
	out []byte
	err error
}

// startCPython runs every program under CPython, NumCPU at a time, and
// returns a channel per program that delivers its result.
func startCPython(python, stubs string, progs []program) map[string]chan cpythonResult {
	results := make(map[string]chan cpythonResult, len(progs))
	for _, p := range progs {
		results[p.name] = make(chan cpythonResult, 1)
	}
	sem := make(chan struct{}, runtime.NumCPU())
	go func() {
		var wg sync.WaitGroup
		for _, p := range progs {
			sem <- struct{}{}
			wg.Add(1)
			go func() {
				defer func() { <-sem; wg.Done() }()
				out, err := runCPython(python, stubs, p.path)
				results[p.name] <- cpythonResult{out, err}
			}()
		}
		wg.Wait()
	}()
	return results
}

// runCPython runs one program under CPython with the odoo/psycopg2
// stand-ins on the path and none of the caller's PYTHON* settings, so the
// reference output depends on nothing but the program. The programs take
// milliseconds, so a timeout says the machine is overloaded: the run is
// tried once more before the program is reported.
func runCPython(python, stubs, path string) ([]byte, error) {
	out, err := runCPythonOnce(python, stubs, path)
	if errors.Is(err, errCPythonTimeout) {
		out, err = runCPythonOnce(python, stubs, path)
	}
	return out, err
}

var errCPythonTimeout = fmt.Errorf("did not finish in %v", cpythonTimeout)

func runCPythonOnce(python, stubs, path string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), cpythonTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, python, "-B", "-s", filepath.Base(path))
	cmd.Dir = filepath.Dir(path)
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "PYTHON") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, "PYTHONPATH="+stubs, "PYTHONDONTWRITEBYTECODE=1",
		"PYTHONHASHSEED=0", "PYTHONIOENCODING=utf-8", "PYTHONUTF8=1")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ctx.Err() != nil {
		return nil, fmt.Errorf("%s: %w", path, errCPythonTimeout)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %v\n%s", path, err, stderr.String())
	}
	return stdout.Bytes(), nil
}

// lockedBuffer lets the test read what a timed-out program printed while
// its goroutine may still be writing.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) Bytes() []byte {
	b.mu.Lock()
	defer b.mu.Unlock()
	return bytes.Clone(b.buf.Bytes())
}

// runEmbedded runs one program in the embedded host. gpython cannot
// interrupt a running program, so a program that hangs is abandoned after
// embeddedTimeout: its goroutine leaks (and keeps a CPU busy) until the
// test binary exits, and the program is reported as failed. A Go panic
// that escapes the host is reported as the program's error rather than
// killing the whole suite.
func runEmbedded(p program) ([]byte, error) {
	var out lockedBuffer
	done := make(chan error, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- fmt.Errorf("Go panic escaped embedded.RunProgram: %v", r)
			}
		}()
		done <- embedded.RunProgram(p.path, p.src, &out)
	}()
	select {
	case err := <-done:
		return out.Bytes(), err
	case <-time.After(embeddedTimeout):
		return out.Bytes(), fmt.Errorf("did not finish in %v; its goroutine is left running", embeddedTimeout)
	}
}

// compare returns "" when the host ran cleanly and printed want, and
// otherwise a description: the host's error (the tail of its traceback)
// and the first line where the outputs differ.
func compare(want, got []byte, runErr error) string {
	var b strings.Builder
	if runErr != nil {
		fmt.Fprintf(&b, "embedded host raised:\n%s\n", tracebackTail(runErr))
	}
	if line, w, g, differ := firstDifference(want, got); differ {
		fmt.Fprintf(&b, "first difference at stdout line %d:\n  CPython:  %s\n  embedded: %s\n", line, w, g)
	}
	return b.String()
}

func tracebackTail(err error) string {
	lines := strings.Split(strings.TrimRight(err.Error(), "\n"), "\n")
	if len(lines) > tracebackTailLen {
		lines = lines[len(lines)-tracebackTailLen:]
	}
	return "  " + strings.Join(lines, "\n  ")
}

// firstDifference finds the first line (1-based) where want and got
// differ and quotes both sides; a side that has ended reads <end of
// output>, and a missing final newline shows as the line's quoting.
func firstDifference(want, got []byte) (line int, w, g string, differ bool) {
	if bytes.Equal(want, got) {
		return 0, "", "", false
	}
	wl, gl := bytes.SplitAfter(want, []byte("\n")), bytes.SplitAfter(got, []byte("\n"))
	side := func(lines [][]byte, i int) string {
		if i < len(lines) && len(lines[i]) > 0 {
			return fmt.Sprintf("%q", lines[i])
		}
		return "<end of output>"
	}
	// want != got, so some line differs or one side ends first.
	for i := 0; ; i++ {
		if i >= len(wl) || i >= len(gl) || !bytes.Equal(wl[i], gl[i]) {
			return i + 1, side(wl, i), side(gl, i), true
		}
	}
}
