package embedded

import (
	"encoding/json"
	"errors"
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
