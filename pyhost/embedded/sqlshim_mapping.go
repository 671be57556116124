package embedded

import (
	"github.com/migrate-runner/migrate-runner/internal/pyjson"
	"math/big"
	"strconv"
	"strings"

	"github.com/go-python/gpython/py"

	"github.com/migrate-runner/migrate-runner/pyhost/embedded/pystdlib"
)

// Scripts' dict displays are pystdlib dicts (insertion-ordered, any
// hashable key), not gpython dicts; so are OrderedDict, defaultdict and
// Counter. Where a gpython dict crosses to SQL (named parameters, a dict
// value, psycopg2.extras.Json) these go too, in insertion order.

// strPairs returns a mapping's items for the harness, whose dicts have
// str keys: named query parameters are looked up by name.
func strPairs(m *pystdlib.Mapping) ([]string, []py.Object, error) {
	items := m.Items()
	keys, vals := make([]string, len(items)), make([]py.Object, len(items))
	for i, kv := range items {
		k, ok := kv[0].(py.String)
		if !ok {
			return nil, nil, py.ExceptionNewf(py.TypeError, "dict keys of query parameters must be str, not %s", kv[0].Type().Name)
		}
		keys[i], vals[i] = string(k), kv[1]
	}
	return keys, vals, nil
}

// appendJSONMapping is json.dumps of a mapping: keys in insertion order,
// converted to strings as CPython's encoder does.
func appendJSONMapping(b *strings.Builder, m *pystdlib.Mapping) error {
	b.WriteByte('{')
	for i, kv := range m.Items() {
		if i > 0 {
			b.WriteString(", ")
		}
		var key string
		switch k := kv[0].(type) {
		case py.String:
			key = string(k)
		case py.Bool:
			key = "false"
			if k {
				key = "true"
			}
		case py.Int:
			key = strconv.FormatInt(int64(k), 10)
		case *py.BigInt:
			key = (*big.Int)(k).String()
		case py.Float:
			key = jsonFloat(float64(k))
		case py.NoneType:
			key = "null"
		default:
			return py.ExceptionNewf(py.TypeError, "keys must be str, int, float, bool or None, not %s", kv[0].Type().Name)
		}
		pyjson.WriteString(b, key, true)
		b.WriteString(": ")
		if err := appendJSON(b, kv[1]); err != nil {
			return err
		}
	}
	b.WriteByte('}')
	return nil
}
