package embedded

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/big"
	"sort"
	"strconv"
	"strings"

	"github.com/go-python/gpython/py"

	"github.com/migrate-runner/migrate-runner/pyhost/embedded/pydatetime"
	"github.com/migrate-runner/migrate-runner/pyhost/embedded/pystdlib"
	"github.com/migrate-runner/migrate-runner/sqlexec"

	"github.com/migrate-runner/migrate-runner/pyhost/internal/frame"
	"github.com/migrate-runner/migrate-runner/pyhost/internal/lane"
	"github.com/migrate-runner/migrate-runner/pyliteral"
)

// wire is the worker's end of the two pipes.
type wire struct {
	r *bufio.Reader
	w io.Writer
	// major is the running script's target major version, from its run
	// request (see majorOf); 0 means the newest behaviour.
	major int
	// addon is the running script's module, for Odoo 18's messages;
	// upgradePaths its --upgrade-path directories, for import_script.
	addon        string
	upgradePaths []string

	// The direct lane (package pyhost/internal/lane): direct is its
	// cursor while the running script holds a grant, nil otherwise;
	// synced is direct.Statements when the parent last learnt cr.query
	// (see Call).
	lane   *lane.Lane
	direct *sqlexec.Cursor
	synced int
	// failedSQL is the running script's last failed statement, on the
	// lane or in the parent: the report's "failed SQL".
	failedSQL string
}

// Addon is the running script's module.
func (c *wire) Addon() string { return c.addon }

// UpgradePaths are the running script's upgrade directories.
func (c *wire) UpgradePaths() []string { return c.upgradePaths }

// Direct is the running script's direct lane, if it has one: the cursor
// sends plain statements there rather than to the parent.
func (c *wire) Direct() *sqlexec.Cursor { return c.direct }

// Failed notes a statement that failed on the lane.
func (c *wire) Failed(sql string) { c.failedSQL = sql }

// Major is the running script's target major version: the cursor asks
// its backend for it (see newCursor).
func (c *wire) Major() int { return c.major }

// majorOf reads a run request's "major" (17 for 17.0; 0 when absent).
func majorOf(req map[string]any) int {
	n, _ := req["major"].(json.Number)
	v, err := n.Int64()
	if err != nil {
		return 0
	}
	return int(v)
}

func (c *wire) send(v any) error {
	body, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return frame.Write(c.w, body)
}

func (c *wire) recv() ([]byte, error) { return frame.Read(c.r) }

// Call sends one cursor request to the parent and waits for its reply.
// After statements on the direct lane, the request carries the last of
// them, which the parent takes as its cr.query (a call that fails before
// it sends anything reports that one, as psycopg2 does).
func (c *wire) Call(req any) (any, error) {
	if c.direct != nil && c.direct.Statements != c.synced {
		if m, ok := req.(map[string]any); ok {
			m["sync_query"], c.synced = c.direct.Query, c.direct.Statements
		}
	}
	if err := c.send(req); err != nil {
		return nil, err
	}
	body, err := c.recv()
	if err != nil {
		return nil, err
	}
	reply, err := decodeAny(body)
	if m, ok := reply.(map[string]any); ok {
		if q, ok := m["cq"].(string); ok && c.direct != nil {
			c.direct.Query = q // the parent ran statements: cr.query is its last
		}
		if e, ok := m["err"].(map[string]any); ok {
			if q, ok := e["query"].(string); ok {
				c.failedSQL = q
			}
		}
	}
	return reply, err
}

func decodeAny(body []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	err := dec.Decode(&v)
	return v, err
}

// errNilElement is what a tuple built by gpython's broken tuple `+`
// holds: a Go nil. Such a value must never reach the database.
var errNilElement = fmt.Errorf("corrupted tuple: a Go nil element (gpython's tuple concatenation bug)")

// toWire encodes a Python value in the harness's tagged JSON.
func toWire(o py.Object) (any, error) {
	switch v := o.(type) {
	case nil:
		return nil, errNilElement
	case py.NoneType:
		return nil, nil
	case py.Bool:
		return bool(v), nil
	case py.Int:
		return int64(v), nil
	case *py.BigInt:
		return json.Number((*big.Int)(v).String()), nil
	case py.Float:
		f := float64(v)
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return map[string]any{"$f": strconv.FormatFloat(f, 'g', -1, 64)}, nil
		}
		// As Python's json writes it: 2.0 stays "2.0", not encoding/json's
		// "2", which the parent would read as an int.
		return json.Number(pyliteral.FloatRepr(f)), nil
	case py.String:
		return string(v), nil
	case py.Bytes:
		return map[string]any{"$b": base64.StdEncoding.EncodeToString(v)}, nil
	case py.Tuple:
		items, err := listToWire(v)
		return map[string]any{"$t": items}, err
	case *py.List:
		return listToWire(v.Items)
	case *pystdlib.Mapping:
		keys, vals, err := strPairs(v)
		if err != nil {
			return nil, err
		}
		pairs := make([][2]any, len(keys))
		for i, k := range keys {
			x, err := toWire(vals[i])
			if err != nil {
				return nil, err
			}
			pairs[i] = [2]any{k, x}
		}
		return map[string]any{"$d": pairs}, nil
	case py.StringDict:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys) // gpython's dict order is random; named parameters do not care
		pairs := make([][2]any, len(keys))
		for i, k := range keys {
			x, err := toWire(v[k])
			if err != nil {
				return nil, err
			}
			pairs[i] = [2]any{k, x}
		}
		return map[string]any{"$d": pairs}, nil
	case *composable:
		return v.wire()
	case *odooSQL:
		return v.wire()
	case *jsonAdapter:
		text, err := v.dumped()
		return map[string]any{"$json": text}, err
	case *asIs:
		text, err := py.StrAsString(v.adapted)
		return map[string]any{"$asis": text}, err
	}
	if v, ok := timeValue(o); ok {
		return timeTag(v), nil
	}
	return map[string]any{"$other": o.Type().Name}, nil
}

// timeTag is the harness's tag for a date, datetime, time or interval,
// written as the parent's encodeWire writes it.
func timeTag(v sqlexec.Value) map[string]any {
	zone := ""
	if v.Aware {
		zone = "-07:00"
	}
	switch v.Kind {
	case sqlexec.DateTime:
		return map[string]any{"$dt": v.Time.Format("2006-01-02T15:04:05.999999" + zone), "aware": v.Aware}
	case sqlexec.Date:
		return map[string]any{"$date": v.Time.Format("2006-01-02")}
	case sqlexec.Time:
		return map[string]any{"$time": v.Time.Format("15:04:05.999999" + zone), "aware": v.Aware}
	}
	return map[string]any{"$td": v.Micros}
}

// wireTime decodes the parent's ISO text of a date, datetime or time
// into the datetime module's objects, as the external harness does with
// fromisoformat.
func wireTime(text, kind string) (py.Object, error) {
	var o py.Object
	var err error
	switch kind {
	case "datetime":
		o, err = pydatetime.DatetimeFromISOFormat(text)
	case "date":
		o, err = pydatetime.DateFromISOFormat(text)
	default:
		o, err = pydatetime.TimeFromISOFormat(text)
	}
	if err != nil {
		return nil, fmt.Errorf("bad %s %q from the parent: %w", kind, text, err)
	}
	return o, nil
}

func listToWire(items []py.Object) ([]any, error) {
	out := make([]any, len(items))
	for i, it := range items {
		x, err := toWire(it)
		if err != nil {
			return nil, err
		}
		out[i] = x
	}
	return out, nil
}

// fromWire decodes a value the parent sent. Dates, times and decimals
// arrive as their ISO or decimal text: gpython has no datetime or decimal
// module yet.
func fromWire(v any) (py.Object, error) {
	switch t := v.(type) {
	case nil:
		return py.None, nil
	case bool:
		return py.NewBool(t), nil
	case string:
		return py.String(t), nil
	case json.Number:
		s := t.String()
		if !strings.ContainsAny(s, ".eE") {
			if i, err := strconv.ParseInt(s, 10, 64); err == nil {
				return py.Int(i), nil
			}
			b, ok := new(big.Int).SetString(s, 10)
			if ok {
				return (*py.BigInt)(b), nil
			}
		}
		f, err := strconv.ParseFloat(s, 64)
		return py.Float(f), err
	case []any:
		items, err := listFromWire(t)
		return py.NewListFromItems(items), err
	case map[string]any:
		return taggedFromWire(t)
	}
	return nil, fmt.Errorf("unexpected wire value %T", v)
}

func listFromWire(l []any) ([]py.Object, error) {
	out := make([]py.Object, len(l))
	for i, x := range l {
		o, err := fromWire(x)
		if err != nil {
			return nil, err
		}
		out[i] = o
	}
	return out, nil
}

func taggedFromWire(m map[string]any) (py.Object, error) {
	str := func(k string) string { s, _ := m[k].(string); return s }
	switch {
	case m["$t"] != nil:
		l, _ := m["$t"].([]any)
		items, err := listFromWire(l)
		return py.Tuple(items), err
	case m["$d"] != nil:
		d := py.NewStringDict()
		pairs, _ := m["$d"].([]any)
		for _, p := range pairs {
			kv, _ := p.([]any)
			if len(kv) != 2 {
				return nil, fmt.Errorf("bad dict entry")
			}
			k, _ := kv[0].(string)
			o, err := fromWire(kv[1])
			if err != nil {
				return nil, err
			}
			d[k] = o
		}
		return d, nil
	case m["$f"] != nil:
		f, err := strconv.ParseFloat(strings.Replace(str("$f"), "inf", "Inf", 1), 64)
		return py.Float(f), err
	case m["$b"] != nil:
		b, err := base64.StdEncoding.DecodeString(str("$b"))
		return py.Bytes(b), err
	case m["$int"] != nil:
		b, ok := new(big.Int).SetString(str("$int"), 10)
		if !ok {
			return nil, fmt.Errorf("bad $int")
		}
		return (*py.BigInt)(b), nil
	case m["$dt"] != nil:
		return wireTime(str("$dt"), "datetime")
	case m["$date"] != nil:
		return wireTime(str("$date"), "date")
	case m["$time"] != nil:
		return wireTime(str("$time"), "time")
	case m["$dec"] != nil:
		f, err := strconv.ParseFloat(str("$dec"), 64)
		return py.Float(f), err
	case m["$td"] != nil:
		n, _ := m["$td"].(json.Number)
		us, err := n.Int64()
		if err != nil {
			return nil, err
		}
		return pydatetime.NewTimedeltaDSU(0, 0, us)
	case m["$c"] != nil:
		return composableFromWire(m)
	case m["$osql"] != nil:
		return odooSQLFromWire(m)
	}
	return nil, fmt.Errorf("unsupported wire value %v", m)
}
