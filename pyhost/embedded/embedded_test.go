package embedded

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/go-python/gpython/py"
)

// gpython's tuple + leaves Go nils in the result; such a parameter must
// be refused, never sent to the database.
func TestCorruptedTupleNeverReachesTheWire(t *testing.T) {
	if _, err := toWire(py.Tuple{py.Int(1), nil}); !errors.Is(err, errNilElement) {
		t.Errorf("a Go nil element: %v", err)
	}
	v, err := toWire(py.Tuple{py.Int(1), py.String("a"), py.None, py.NewListFromItems([]py.Object{py.Float(1.5)})})
	if err != nil {
		t.Fatal(err)
	}
	body, _ := json.Marshal(v)
	decoded, err := decodeAny(body)
	if err != nil {
		t.Fatal(err)
	}
	back, err := fromWire(decoded)
	if err != nil {
		t.Fatal(err)
	}
	if s, _ := py.ReprAsString(back); s != "(1, 'a', None, [1.5])" {
		t.Errorf("round trip: %s", s)
	}
}

// gpython ends a for loop silently when its iterator raises; the host
// stops the script instead, with the script's own error last, as CPython
// reports it.
func TestLoopIteratorErrorStopsTheScript(t *testing.T) {
	src := []byte("def rows():\n    yield 1\n    raise ValueError('row 2 is broken')\n\nfor r in rows():\n    print(r)\nprint('after the loop')\n")
	var out strings.Builder
	err := RunProgram("loop.py", src, &out)
	if err == nil || out.String() != "1\n" {
		t.Fatalf("the loop's error was swallowed: %v %q", err, out.String())
	}
	lines := strings.Split(strings.TrimSpace(err.Error()), "\n")
	if last := lines[len(lines)-1]; last != "ValueError: row 2 is broken" || !strings.Contains(err.Error(), `File "loop.py", line 3, in rows`) {
		t.Errorf("traceback:\n%s", err)
	}
}
