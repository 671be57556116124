package embedded

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/go-python/gpython/py"
)

func TestPercentLikeCPython(t *testing.T) {
	for _, c := range []struct {
		format string
		args   py.Tuple
		want   string
	}{
		{"%s orders before the upgrade from %s", py.Tuple{py.Int(3), py.String("17.0.1.0")}, "3 orders before the upgrade from 17.0.1.0"},
		{"%r and %s", py.Tuple{py.String("q"), py.None}, "'q' and None"},
		{"%d%% done, %5.2f", py.Tuple{py.Int(50), py.Float(3.14159)}, "50% done,  3.14"},
		{"%-4s|", py.Tuple{py.String("a")}, "a   |"},
	} {
		got, err := percent(c.format, c.args)
		if err != nil || got != c.want {
			t.Errorf("%q %% %v = %q, %v; want %q", c.format, c.args, got, err, c.want)
		}
	}
	if _, err := percent("%s %s", py.Tuple{py.Int(1)}); err == nil {
		t.Error("too few arguments accepted")
	}
	if _, err := percent("%s", py.Tuple{py.Int(1), py.Int(2)}); err == nil {
		t.Error("too many arguments accepted")
	}
}

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
