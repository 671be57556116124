package pystdlib

import (
	"strings"
	"unicode/utf8"

	"github.com/go-python/gpython/compile"
	"github.com/go-python/gpython/py"
)

// The json module. dumps/loads run in Go; JSONEncoder and JSONDecoder
// are small Python classes (compiled once, run at import) so that
// scripts can subclass them (`class Enc(json.JSONEncoder): def
// default(self, o): ...`), which Go types cannot offer in gpython.

const jsonClassesSrc = `
class JSONEncoder(object):
    item_separator = ', '
    key_separator = ': '

    def __init__(self, *, skipkeys=False, ensure_ascii=True, check_circular=True,
                 allow_nan=True, sort_keys=False, indent=None, separators=None, default=None):
        self.skipkeys = skipkeys
        self.ensure_ascii = ensure_ascii
        self.check_circular = check_circular
        self.allow_nan = allow_nan
        self.sort_keys = sort_keys
        self.indent = indent
        if separators is not None:
            self.item_separator, self.key_separator = separators
        elif indent is not None:
            self.item_separator = ','
        if default is not None:
            self.default = default

    def default(self, o):
        _not_serializable(o)

    def encode(self, o):
        return _encode(o, self.skipkeys, self.ensure_ascii, self.check_circular, self.allow_nan,
                       self.indent, (self.item_separator, self.key_separator), self.default, self.sort_keys)

    def iterencode(self, o, _one_shot=False):
        return iter([self.encode(o)])


class JSONDecoder(object):
    def __init__(self, *, object_hook=None, parse_float=None, parse_int=None,
                 parse_constant=None, strict=True, object_pairs_hook=None):
        self.object_hook = object_hook
        self.parse_float = parse_float
        self.parse_int = parse_int
        self.parse_constant = parse_constant
        self.strict = strict
        self.object_pairs_hook = object_pairs_hook

    def decode(self, s):
        return _decode(s, self.object_hook, self.parse_float, self.parse_int,
                       self.parse_constant, self.strict, self.object_pairs_hook)

    def raw_decode(self, s, idx=0):
        return _raw_decode(s, idx, self.object_hook, self.parse_float, self.parse_int,
                           self.parse_constant, self.strict, self.object_pairs_hook)
`

var dumpsNames = []string{"obj", "skipkeys", "ensure_ascii", "check_circular", "allow_nan", "cls", "indent", "separators", "default", "sort_keys"}

var loadsNames = []string{"s", "cls", "object_hook", "parse_float", "parse_int", "parse_constant", "object_pairs_hook", "strict"}

// splitKwargs separates the keywords a function knows from the rest
// (which only a cls= class may accept).
func splitKwargs(kwargs py.StringDict, names []string) (known, extra py.StringDict) {
	known, extra = py.StringDict{}, py.StringDict{}
	for k, v := range kwargs {
		if indexOf(names, k) >= 0 {
			known[k] = v
		} else {
			extra[k] = v
		}
	}
	return known, extra
}

func jsonDumps(obj py.Object, kwargs py.StringDict) (py.Object, error) {
	known, extra := splitKwargs(kwargs, dumpsNames)
	if cls := known["cls"]; !isNone(cls) {
		kw := py.StringDict{}
		for k, v := range kwargs {
			if k != "cls" {
				kw[k] = v
			}
		}
		enc, err := py.Call(cls, nil, kw)
		if err != nil {
			return nil, err
		}
		encode, err := py.GetAttrString(enc, "encode")
		if err != nil {
			return nil, err
		}
		return py.Call(encode, py.Tuple{obj}, nil)
	}
	for _, k := range sortedKeys(extra) {
		return nil, py.ExceptionNewf(py.TypeError, "JSONEncoder.__init__() got an unexpected keyword argument '%s'", k)
	}
	e, err := newEncoder(known["skipkeys"], known["ensure_ascii"], known["check_circular"], known["allow_nan"],
		known["indent"], known["separators"], known["default"], known["sort_keys"])
	if err != nil {
		return nil, err
	}
	if err := e.encode(obj); err != nil {
		return nil, err
	}
	return py.String(e.b.String()), nil
}

// jsonText accepts loads' input: str, or bytes taken as UTF-8.
func jsonText(o py.Object) (string, error) {
	switch x := o.(type) {
	case py.String:
		return string(x), nil
	case py.Bytes:
		s := strings.TrimPrefix(string(x), "\xef\xbb\xbf")
		if !utf8.ValidString(s) {
			return "", py.ExceptionNewf(py.UnicodeDecodeError, "'utf-8' codec can't decode the JSON document: invalid UTF-8")
		}
		return s, nil
	}
	return "", py.ExceptionNewf(py.TypeError, "the JSON object must be str, bytes or bytearray, not %s", typeName(o))
}

func jsonLoads(src py.Object, kwargs py.StringDict) (py.Object, error) {
	known, extra := splitKwargs(kwargs, loadsNames)
	if cls := known["cls"]; !isNone(cls) {
		kw := py.StringDict{}
		for k, v := range kwargs {
			if k != "cls" {
				kw[k] = v
			}
		}
		dec, err := py.Call(cls, nil, kw)
		if err != nil {
			return nil, err
		}
		decode, err := py.GetAttrString(dec, "decode")
		if err != nil {
			return nil, err
		}
		text, err := jsonText(src)
		if err != nil {
			return nil, err
		}
		return py.Call(decode, py.Tuple{py.String(text)}, nil)
	}
	for _, k := range sortedKeys(extra) {
		return nil, py.ExceptionNewf(py.TypeError, "JSONDecoder.__init__() got an unexpected keyword argument '%s'", k)
	}
	text, err := jsonText(src)
	if err != nil {
		return nil, err
	}
	d, err := newDecoder(text, known["object_hook"], known["parse_float"], known["parse_int"], known["parse_constant"], known["strict"], known["object_pairs_hook"])
	if err != nil {
		return nil, err
	}
	return d.decode()
}

func callMethod(o py.Object, name string, args ...py.Object) (py.Object, error) {
	fn, err := py.GetAttrString(o, name)
	if err != nil {
		return nil, err
	}
	return py.Call(fn, args, nil)
}

func newJSONDecodeError(_ *py.Type, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	var msg, doc, pos py.Object
	if err := bindArgs("JSONDecodeError", args, kwargs, []string{"msg", "doc", "pos"}, 3, 3, &msg, &doc, &pos); err != nil {
		return nil, err
	}
	m, err := py.StrAsString(msg)
	if err != nil {
		return nil, err
	}
	d, err := py.StrAsString(doc)
	if err != nil {
		return nil, err
	}
	p, err := asInt(pos, "pos")
	if err != nil {
		return nil, err
	}
	return decodeError(m, d, max(p, 0)), nil
}

func jsonModule() *py.ModuleImpl {
	jsonDecodeErrorType = newExceptionType(py.ValueError, "JSONDecodeError", "json", "Subclass of ValueError with the following additional properties: msg, doc, pos, lineno, colno")
	jsonDecodeErrorType.New = newJSONDecodeError
	code, err := compile.Compile(jsonClassesSrc, "<json>", py.ExecMode, 0, true)
	if err != nil {
		panic("pystdlib: compiling the json classes: " + err.Error())
	}
	methods := []*py.Method{
		method("dumps", "Serialize obj to a JSON formatted str.", func(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
			if len(args) != 1 {
				return nil, py.ExceptionNewf(py.TypeError, "dumps() takes 1 positional argument but %d were given", len(args))
			}
			return jsonDumps(args[0], kwargs)
		}),
		method("dump", "Serialize obj as a JSON formatted stream to fp (a .write()-supporting file-like object).", func(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
			if len(args) != 2 {
				return nil, py.ExceptionNewf(py.TypeError, "dump() takes 2 positional arguments but %d were given", len(args))
			}
			s, err := jsonDumps(args[0], kwargs)
			if err != nil {
				return nil, err
			}
			if _, err := callMethod(args[1], "write", s); err != nil {
				return nil, err
			}
			return py.None, nil
		}),
		method("loads", "Deserialize s (a str or bytes instance containing a JSON document) to a Python object.", func(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
			if len(args) != 1 {
				return nil, py.ExceptionNewf(py.TypeError, "loads() takes 1 positional argument but %d were given", len(args))
			}
			return jsonLoads(args[0], kwargs)
		}),
		method("load", "Deserialize fp (a .read()-supporting file-like object containing a JSON document) to a Python object.", func(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
			if len(args) != 1 {
				return nil, py.ExceptionNewf(py.TypeError, "load() takes 1 positional argument but %d were given", len(args))
			}
			text, err := callMethod(args[0], "read")
			if err != nil {
				return nil, err
			}
			return jsonLoads(text, kwargs)
		}),
		// Helpers of the Python classes.
		method("_encode", "", func(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
			if len(args) != 9 {
				return nil, py.ExceptionNewf(py.TypeError, "_encode() takes 9 arguments (%d given)", len(args))
			}
			e, err := newEncoder(args[1], args[2], args[3], args[4], args[5], args[6], args[7], args[8])
			if err != nil {
				return nil, err
			}
			if err := e.encode(args[0]); err != nil {
				return nil, err
			}
			return py.String(e.b.String()), nil
		}),
		py.MustNewMethod("_not_serializable", func(_ py.Object, o py.Object) (py.Object, error) {
			return nil, py.ExceptionNewf(py.TypeError, "Object of type %s is not JSON serializable", typeName(o))
		}, 0, ""),
		method("_decode", "", func(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
			if len(args) != 7 {
				return nil, py.ExceptionNewf(py.TypeError, "_decode() takes 7 arguments (%d given)", len(args))
			}
			text, err := jsonText(args[0])
			if err != nil {
				return nil, err
			}
			d, err := newDecoder(text, args[1], args[2], args[3], args[4], args[5], args[6])
			if err != nil {
				return nil, err
			}
			return d.decode()
		}),
		method("_raw_decode", "", func(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
			if len(args) != 8 {
				return nil, py.ExceptionNewf(py.TypeError, "_raw_decode() takes 8 arguments (%d given)", len(args))
			}
			text, err := jsonText(args[0])
			if err != nil {
				return nil, err
			}
			idx, err := asInt(args[1], "idx")
			if err != nil {
				return nil, err
			}
			d, err := newDecoder(text, args[2], args[3], args[4], args[5], args[6], args[7])
			if err != nil {
				return nil, err
			}
			d.off = newRuneOffsets(text)
			if idx < 0 || idx > d.off.runes() {
				return nil, decodeError("Expecting value", text, max(idx, 0))
			}
			o, end, err := d.value(d.off.byteOf(idx))
			if err != nil {
				return nil, d.toPy(err)
			}
			return py.Tuple{o, py.Int(d.off.char(end))}, nil
		}),
	}
	return &py.ModuleImpl{
		Info:    py.ModuleInfo{Name: "json", Doc: "JSON (JavaScript Object Notation) encoder and decoder (Go implementation)."},
		Methods: methods,
		Globals: py.StringDict{"JSONDecodeError": jsonDecodeErrorType},
		Code:    code,
	}
}
