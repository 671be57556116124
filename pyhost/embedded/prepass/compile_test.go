package prepass

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/go-python/gpython/py"
	_ "github.com/go-python/gpython/stdlib" // installs py.Compile
)

func gpyCompile(src string) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("gpython panicked: %v", p)
		}
	}()
	_, err = py.Compile(src, "x.py", py.ExecMode, 0, true)
	return err
}

// Every golden output compiles under gpython, except the cases that use a
// feature gpython lacks; for those the input must fail in gpython too, so
// the failure is the feature's and not the rewrite's.
func TestGoldenCompilesInGpython(t *testing.T) {
	for _, c := range goldenCases {
		err := gpyCompile(c.out)
		switch {
		case c.gpy == "" && err != nil:
			t.Errorf("%s: output does not compile in gpython: %v\n%s", c.name, err, c.out)
		case c.gpy != "" && gpyCompile(c.in) == nil:
			t.Errorf("%s: marked %q but gpython compiles the input", c.name, c.gpy)
		}
	}
}

// The migration-like benchmark script compiles under gpython once lowered.
func TestBenchScriptCompilesInGpython(t *testing.T) {
	out, err := Rewrite(benchScript(t))
	if err != nil {
		t.Fatal(err)
	}
	if err := gpyCompile(string(out)); err != nil {
		t.Fatalf("lowered bench script does not compile in gpython: %v\n%s", err, out)
	}
}

// The lowered semantic corpus compiles under gpython, except programs
// that use syntax gpython lacks (listed, and checked to still fail so the
// list stays honest).
func TestCorpusCompilesInGpython(t *testing.T) {
	unsupported := map[string]string{
		"35_numbers.py":      "numeric underscores",
		"36_walrus_match.py": "walrus and match",
	}
	files, err := filepath.Glob("testdata/semantic/*.py")
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus: %v", err)
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out, err := Rewrite(src)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		err = gpyCompile(string(out))
		why, listed := unsupported[filepath.Base(f)]
		switch {
		case !listed && err != nil:
			t.Errorf("%s: lowered program does not compile in gpython: %v", f, err)
		case listed && err == nil:
			t.Errorf("%s: listed as using %s, but gpython compiles it", f, why)
		}
	}
}
