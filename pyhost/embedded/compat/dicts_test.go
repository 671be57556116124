package compat

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-python/gpython/py"

	"github.com/migrate-runner/migrate-runner/pyhost/embedded/prepass"
	"github.com/migrate-runner/migrate-runner/pyhost/embedded/pystdlib"
)

// TestLoweredPrograms runs testdata/lowered/*.py through the pre-pass,
// as the host does, and compares with CPython's output in *.out (checked
// against python3 itself when it is installed).
func TestLoweredPrograms(t *testing.T) {
	files, err := filepath.Glob("testdata/lowered/*.py")
	if err != nil || len(files) == 0 {
		t.Fatalf("no programs: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".py"), func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(strings.TrimSuffix(file, ".py") + ".out")
			if err != nil {
				t.Fatal(err)
			}
			if _, err := exec.LookPath("python3"); err == nil {
				if py3 := runCPython(t, string(src)); py3 != string(want) {
					t.Fatalf("golden file is stale:\n%s", lineDiff(string(want), py3))
				}
			}
			lowered, err := prepass.Rewrite(src)
			if err != nil {
				t.Fatal(err)
			}
			got, err := runPy(t, string(lowered))
			if err != nil {
				got += "UNCAUGHT " + pyError(err) + "\n"
			}
			if got != string(want) {
				t.Errorf("output differs from CPython:\n%s", lineDiff(string(want), got))
			}
		})
	}
}

func TestKwargsOf(t *testing.T) {
	pystdlib.Install()
	ordered, err := pystdlib.DictFromPairs(py.Tuple{py.Tuple{py.String("a"), py.Int(1)}})
	if err != nil {
		t.Fatal(err)
	}
	intKey, _ := pystdlib.DictFromPairs(py.Tuple{py.Tuple{py.Int(1), py.Int(1)}})
	for _, tc := range []struct {
		name    string
		in      py.Object
		want    string // repr of the result, or the error's type
		wantErr *py.Type
	}{
		{"gpython dict", py.StringDict{"x": py.Int(2)}, "{'x': 2}", nil},
		{"ordered dict", ordered, "{'a': 1}", nil},
		{"int key", intKey, "", py.TypeError},
		{"not a mapping", py.Int(3), "", py.TypeError},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := kwargsOf(tc.in)
			if tc.wantErr != nil {
				if !py.IsException(tc.wantErr, err) {
					t.Fatalf("got %v, %v; want %s", got, err, tc.wantErr.Name)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if _, ok := got.(py.StringDict); !ok {
				t.Fatalf("got %T, want py.StringDict", got)
			}
			if s, _ := py.ReprAsString(got); s != tc.want {
				t.Errorf("got %s, want %s", s, tc.want)
			}
		})
	}
}

func TestIsinstanceDictCoversMappings(t *testing.T) {
	pystdlib.Install()
	for _, cls := range []*py.Type{pystdlib.DictType, pystdlib.OrderedDictType, pystdlib.DefaultDictType, pystdlib.CounterType, py.StringDictType} {
		if !isSubclass(cls, py.StringDictType) {
			t.Errorf("issubclass(%s, dict) is false", cls.Name)
		}
	}
	if isSubclass(py.StringDictType, pystdlib.DictType) || isSubclass(py.ListType, py.StringDictType) {
		t.Error("isSubclass is too generous")
	}
}
