package pyhost

import (
	"encoding/json"
	"testing"

	"github.com/migrate-runner/migrate-runner/sqlexec"
)

// FuzzDecodeWire: whatever a (broken) harness sends, decoding never
// panics, and what decodes survives a round trip through encodeWire.
func FuzzDecodeWire(f *testing.F) {
	for _, s := range []string{`{"$t":[1,"a",null]}`, `{"$d":[["k",{"$b":"AP8="}]]}`, `{"$c":"seq","v":[{"$c":"id","v":["a","b"]},{"$c":"lit","v":{"$dec":"1.5"}}]}`,
		`{"$osql":"x = %s","p":[1]}`, `{"$dt":"2024-01-02T03:04:05.000006+01:00","aware":true}`, `{"$td":-1}`, `[1.5,{"$f":"nan"}]`, `{"$c":"ph","v":null}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		v, err := decodeWire(raw)
		if err != nil {
			return
		}
		again, err := json.Marshal(encodeWire(v))
		if err != nil {
			return // NaN floats and the like: encodeWire tags them, json refuses bare ones
		}
		w, err := decodeWire(again)
		if err != nil {
			t.Fatalf("re-decoding %s: %v", again, err)
		}
		if sqlexec.Repr(w) != sqlexec.Repr(v) {
			t.Fatalf("round trip: %s -> %s", sqlexec.Repr(v), sqlexec.Repr(w))
		}
	})
}
