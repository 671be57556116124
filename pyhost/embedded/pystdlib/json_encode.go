package pystdlib

import (
	"github.com/migrate-runner/migrate-runner/internal/pyjson"
	"math"
	"math/big"
	"sort"
	"strconv"
	"strings"

	"github.com/go-python/gpython/py"
)

// json.dumps, byte-identical to CPython's C encoder for the values it
// accepts. Key order: a Mapping (OrderedDict, defaultdict, Counter)
// keeps insertion order; gpython's dict has no order at all, so its keys
// are written sorted (sort_keys=True gives the same result as CPython
// for every dict).

type encoder struct {
	skipKeys      bool
	ensureASCII   bool
	checkCircular bool
	allowNaN      bool
	sortKeys      bool
	indent        string
	hasIndent     bool
	itemSep       string
	keySep        string
	def           py.Object // default= callable or nil
	b             strings.Builder
	active        map[uintptr]bool // containers being encoded, for circular references
	depth         int
}

const maxJSONDepth = 1000

func (e *encoder) encode(o py.Object) error {
	e.b.Grow(256)
	return e.value(o, 0)
}

func (e *encoder) newline(level int) {
	if !e.hasIndent {
		return
	}
	e.b.WriteByte('\n')
	for i := 0; i < level; i++ {
		e.b.WriteString(e.indent)
	}
}

func (e *encoder) enter(o py.Object) (func(), error) {
	e.depth++
	if e.depth > maxJSONDepth {
		e.depth--
		return nil, py.ExceptionNewf(recursionError, "maximum recursion depth exceeded while encoding a JSON object")
	}
	id := identity(o)
	if e.checkCircular && id != 0 {
		if e.active[id] {
			e.depth--
			return nil, py.ExceptionNewf(py.ValueError, "Circular reference detected")
		}
		e.active[id] = true
	}
	return func() {
		e.depth--
		if id != 0 {
			delete(e.active, id)
		}
	}, nil
}

func (e *encoder) value(o py.Object, level int) error {
	switch x := o.(type) {
	case py.NoneType:
		e.b.WriteString("null")
	case py.Bool:
		if x {
			e.b.WriteString("true")
		} else {
			e.b.WriteString("false")
		}
	case py.Int:
		e.b.WriteString(strconv.FormatInt(int64(x), 10))
	case *py.BigInt:
		e.b.WriteString((*big.Int)(x).String())
	case py.Float:
		s, err := e.float(float64(x))
		if err != nil {
			return err
		}
		e.b.WriteString(s)
	case py.String:
		pyjson.WriteString(&e.b, string(x), e.ensureASCII)
	case *py.List:
		return e.array(o, x.Items, level)
	case py.Tuple:
		return e.array(o, x, level)
	case *namedTuple:
		return e.array(o, x.vals, level)
	case py.StringDict:
		keys := sortedKeys(x) // gpython's dict has no order: always by key
		pairs := make([][2]py.Object, len(keys))
		for i, k := range keys {
			pairs[i] = [2]py.Object{py.String(k), x[k]}
		}
		return e.object(o, pairs, level)
	case *Mapping:
		return e.object(o, x.Items(), level)
	default:
		if e.def == nil {
			return py.ExceptionNewf(py.TypeError, "Object of type %s is not JSON serializable", typeName(o))
		}
		leave, err := e.enter(o)
		if err != nil {
			return err
		}
		defer leave()
		res, err := py.Call(e.def, py.Tuple{o}, nil)
		if err != nil {
			return err
		}
		return e.value(res, level)
	}
	return nil
}

// float is CPython's float encoding: repr, or NaN/Infinity/-Infinity.
func (e *encoder) float(f float64) (string, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		if !e.allowNaN {
			return "", py.ExceptionNewf(py.ValueError, "Out of range float values are not JSON compliant")
		}
		switch {
		case math.IsNaN(f):
			return "NaN", nil
		case f > 0:
			return "Infinity", nil
		}
		return "-Infinity", nil
	}
	return floatRepr(f), nil
}

func (e *encoder) array(o py.Object, items []py.Object, level int) error {
	if len(items) == 0 {
		e.b.WriteString("[]")
		return nil
	}
	leave, err := e.enter(o)
	if err != nil {
		return err
	}
	defer leave()
	e.b.WriteByte('[')
	e.newline(level + 1)
	for i, it := range items {
		if i > 0 {
			e.b.WriteString(e.itemSep)
			e.newline(level + 1)
		}
		if err := e.value(it, level+1); err != nil {
			return err
		}
	}
	e.newline(level)
	e.b.WriteByte(']')
	return nil
}

func (e *encoder) object(o py.Object, pairs [][2]py.Object, level int) error {
	if len(pairs) == 0 {
		e.b.WriteString("{}")
		return nil
	}
	leave, err := e.enter(o)
	if err != nil {
		return err
	}
	defer leave()
	if e.sortKeys {
		var sortErr error
		sort.SliceStable(pairs, func(i, j int) bool {
			if sortErr != nil {
				return false
			}
			lt, err := py.Lt(pairs[i][0], pairs[j][0])
			if err != nil {
				sortErr = py.ExceptionNewf(py.TypeError, "'<' not supported between instances of '%s' and '%s'", typeName(pairs[i][0]), typeName(pairs[j][0]))
				return false
			}
			return lt == py.True
		})
		if sortErr != nil {
			return sortErr
		}
	}
	e.b.WriteByte('{')
	first := true
	for _, kv := range pairs {
		key, ok, err := e.key(kv[0])
		if err != nil {
			return err
		}
		if !ok {
			continue // skipkeys
		}
		if first {
			e.newline(level + 1)
		} else {
			e.b.WriteString(e.itemSep)
			e.newline(level + 1)
		}
		first = false
		pyjson.WriteString(&e.b, key, e.ensureASCII)
		e.b.WriteString(e.keySep)
		if err := e.value(kv[1], level+1); err != nil {
			return err
		}
	}
	if !first {
		e.newline(level)
	}
	e.b.WriteByte('}')
	return nil
}

// key converts a dict key the way CPython does; ok is false for a key
// skipped under skipkeys.
func (e *encoder) key(k py.Object) (string, bool, error) {
	switch x := k.(type) {
	case py.String:
		return string(x), true, nil
	case py.Bool:
		if x {
			return "true", true, nil
		}
		return "false", true, nil
	case py.NoneType:
		return "null", true, nil
	case py.Int:
		return strconv.FormatInt(int64(x), 10), true, nil
	case *py.BigInt:
		return (*big.Int)(x).String(), true, nil
	case py.Float:
		s, err := e.float(float64(x))
		return s, err == nil, err
	}
	if e.skipKeys {
		return "", false, nil
	}
	return "", false, py.ExceptionNewf(py.TypeError, "keys must be str, int, float, bool or None, not %s", typeName(k))
}

// floatRepr is CPython's repr(float): the shortest round-tripping
// digits, positional for exponents -4 < e <= 16, else d.ddde±XX.
func floatRepr(f float64) string {
	switch {
	case math.IsNaN(f):
		return "nan"
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	}
	s := strconv.FormatFloat(f, 'e', -1, 64)
	sign := ""
	if s[0] == '-' {
		sign, s = "-", s[1:]
	}
	epos := strings.IndexByte(s, 'e')
	mant, exp := s[:epos], s[epos+1:]
	digits := strings.Replace(mant, ".", "", 1)
	e, _ := strconv.Atoi(exp)
	decpt := e + 1
	if decpt > -4 && decpt <= 16 {
		switch {
		case decpt <= 0:
			return sign + "0." + strings.Repeat("0", -decpt) + digits
		case decpt >= len(digits):
			return sign + digits + strings.Repeat("0", decpt-len(digits)) + ".0"
		}
		return sign + digits[:decpt] + "." + digits[decpt:]
	}
	out := digits[:1]
	if len(digits) > 1 {
		out += "." + digits[1:]
	}
	esign := "+"
	if e < 0 {
		esign, e = "-", -e
	}
	es := strconv.Itoa(e)
	if len(es) < 2 {
		es = "0" + es
	}
	return sign + out + "e" + esign + es
}

// newEncoder applies dumps' keyword arguments.
func newEncoder(skipkeys, ensureASCII, checkCircular, allowNaN, indent, separators, def, sortKeys py.Object) (*encoder, error) {
	e := &encoder{ensureASCII: true, checkCircular: true, allowNaN: true, itemSep: ", ", keySep: ": ", active: map[uintptr]bool{}}
	var err error
	flag := func(o py.Object, dst *bool) {
		if err == nil && o != nil {
			*dst, err = truth(o)
		}
	}
	flag(skipkeys, &e.skipKeys)
	flag(ensureASCII, &e.ensureASCII)
	flag(checkCircular, &e.checkCircular)
	flag(allowNaN, &e.allowNaN)
	flag(sortKeys, &e.sortKeys)
	if err != nil {
		return nil, err
	}
	switch x := indent.(type) {
	case nil, py.NoneType:
	case py.String:
		e.indent, e.hasIndent = string(x), true
	default:
		n, err := asInt(indent, "indent")
		if err != nil {
			return nil, err
		}
		e.indent, e.hasIndent = strings.Repeat(" ", max(n, 0)), true
	}
	if e.hasIndent {
		e.itemSep = ","
	}
	if !isNone(separators) {
		seps, err := toSlice(separators)
		if err != nil {
			return nil, err
		}
		if len(seps) != 2 {
			return nil, py.ExceptionNewf(py.ValueError, "too many values to unpack (expected 2)")
		}
		is, ok1 := seps[0].(py.String)
		ks, ok2 := seps[1].(py.String)
		if !ok1 || !ok2 {
			return nil, py.ExceptionNewf(py.TypeError, "make_encoder() argument 6 must be str, not %s", typeName(seps[0]))
		}
		e.itemSep, e.keySep = string(is), string(ks)
	}
	if !isNone(def) {
		e.def = def
	}
	return e, nil
}
