package pyfmt

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/go-python/gpython/py"
)

var installOnce sync.Once

// Install applies the process-global patches, once: str.format,
// str.format_map, __format__ on str/int/bool/float, and str(x) going
// through Str. Call it before contexts run concurrently; Builtins calls
// it too.
func Install() {
	installOnce.Do(func() {
		py.StringType.Dict["format"] = py.MustNewMethod("format", func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
			s, err := StrFormat(string(self.(py.String)), args, kwargs)
			if err != nil {
				return nil, err
			}
			return py.String(s), nil
		}, 0, "S.format(*args, **kwargs) -> str\n\nReturn a formatted version of S, using substitutions from args and kwargs.")
		py.StringType.Dict["format_map"] = py.MustNewMethod("format_map", func(self py.Object, mapping py.Object) (py.Object, error) {
			s, err := StrFormatMap(string(self.(py.String)), mapping)
			if err != nil {
				return nil, err
			}
			return py.String(s), nil
		}, 0, "S.format_map(mapping) -> str\n\nReturn a formatted version of S, using substitutions from mapping.")
		dunderFormat := py.MustNewMethod("__format__", func(self py.Object, spec py.Object) (py.Object, error) {
			s, ok := spec.(py.String)
			if !ok {
				return nil, typeError("__format__() argument must be str, not %s", typeName(spec))
			}
			r, err := Format(self, string(s))
			if err != nil {
				return nil, err
			}
			return py.String(r), nil
		}, 0, "Default object formatter.")
		for _, t := range []*py.Type{py.StringType, py.IntType, py.BoolType, py.BigIntType, py.FloatType} {
			t.Dict["__format__"] = dunderFormat
		}
		py.StringType.New = strNew
	})
}

// strNew is str(object=”) and str(bytes, encoding='utf-8', errors='strict').
func strNew(metatype *py.Type, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	var obj, encoding, errors py.Object
	if len(args) > 3 {
		return nil, typeError("str() takes at most 3 arguments (%d given)", len(args))
	}
	slots := []*py.Object{&obj, &encoding, &errors}
	for i, a := range args {
		*slots[i] = a
	}
	for k, v := range kwargs {
		var slot *py.Object
		switch k {
		case "object":
			slot = &obj
		case "encoding":
			slot = &encoding
		case "errors":
			slot = &errors
		default:
			return nil, typeError("'%s' is an invalid keyword argument for str()", k)
		}
		if *slot != nil {
			return nil, typeError("argument for str() given by name ('%s') and position", k)
		}
		*slot = v
	}
	if obj == nil {
		if encoding == nil && errors == nil {
			return py.String(""), nil
		}
		obj = py.Bytes{}
	}
	if encoding == nil && errors == nil {
		s, err := Str(obj)
		if err != nil {
			return nil, err
		}
		return py.String(s), nil
	}
	enc, errs := "utf-8", "strict"
	if encoding != nil {
		s, ok := encoding.(py.String)
		if !ok {
			return nil, typeError("str() argument 'encoding' must be str, not %s", typeName(encoding))
		}
		enc = string(s)
	}
	if errors != nil {
		s, ok := errors.(py.String)
		if !ok {
			return nil, typeError("str() argument 'errors' must be str, not %s", typeName(errors))
		}
		errs = string(s)
	}
	switch b := obj.(type) {
	case py.Bytes:
		s, err := decode(b, enc, errs)
		if err != nil {
			return nil, err
		}
		return py.String(s), nil
	case py.String:
		return nil, typeError("decoding str is not supported")
	default:
		return nil, typeError("decoding to str: need a bytes-like object, %s found", typeName(obj))
	}
}

// decode supports the codecs migration scripts use: UTF-8, ASCII and
// Latin-1, with the strict, ignore and replace error handlers.
func decode(b []byte, encoding, errors string) (string, error) {
	norm := strings.ReplaceAll(strings.ToLower(encoding), "_", "-")
	var codec string
	switch norm {
	case "utf-8", "utf8", "u8", "utf":
		codec = "utf-8"
	case "ascii", "us-ascii", "646":
		codec = "ascii"
	case "latin-1", "latin1", "iso-8859-1", "iso8859-1", "l1", "8859", "cp819", "latin":
		codec = "latin-1"
	default:
		return "", py.ExceptionNewf(py.LookupError, "unknown encoding: %s", encoding)
	}
	if errors != "strict" && errors != "ignore" && errors != "replace" {
		return "", py.ExceptionNewf(py.LookupError, "unknown error handler name '%s'", errors)
	}
	var out strings.Builder
	for i := 0; i < len(b); {
		c := b[i]
		end, reason := i+1, ""
		switch codec {
		case "latin-1":
			out.WriteRune(rune(c))
			i++
			continue
		case "ascii":
			if c < utf8.RuneSelf {
				out.WriteByte(c)
				i++
				continue
			}
			reason = "ordinal not in range(128)"
		default:
			r, size := utf8.DecodeRune(b[i:])
			if r != utf8.RuneError || size > 1 {
				out.WriteRune(r)
				i += size
				continue
			}
			end, reason = utf8Invalid(b, i)
		}
		switch errors {
		case "strict":
			return "", decodeError(codec, b, i, end, reason)
		case "replace":
			out.WriteRune(utf8.RuneError)
		}
		i = end
	}
	return out.String(), nil
}

// utf8Invalid finds the end of the invalid UTF-8 sequence starting at
// b[i] and CPython's reason for rejecting it: the error handlers skip
// or replace b[i:end] as one unit.
func utf8Invalid(b []byte, i int) (end int, reason string) {
	c := b[i]
	need := 0
	switch {
	case c >= 0xc2 && c <= 0xdf:
		need = 1
	case c >= 0xe0 && c <= 0xef:
		need = 2
	case c >= 0xf0 && c <= 0xf4:
		need = 3
	default:
		return i + 1, "invalid start byte"
	}
	for j := i + 1; j <= i+need; j++ {
		if j >= len(b) {
			return j, "unexpected end of data"
		}
		ok := b[j]&0xc0 == 0x80
		if j == i+1 {
			ok = validPrefix(b[i : i+2])
		}
		if !ok {
			return j, "invalid continuation byte"
		}
	}
	return i + 1, "invalid continuation byte"
}

// decodeError is UnicodeDecodeError(encoding, object, start, end,
// reason); Str renders its message the way CPython does.
func decodeError(encoding string, b []byte, start, end int, reason string) error {
	return &py.Exception{
		Base: py.UnicodeDecodeError,
		Args: py.Tuple{py.String(encoding), py.Bytes(append([]byte(nil), b...)), py.Int(start), py.Int(end), py.String(reason)},
		Dict: py.StringDict{},
	}
}

// validPrefix reports whether p could begin a valid UTF-8 sequence
// (second-byte ranges restricted as RFC 3629 requires).
func validPrefix(p []byte) bool {
	if len(p) < 2 {
		return true
	}
	c, d := p[0], p[1]
	switch {
	case c == 0xe0:
		return d >= 0xa0 && d <= 0xbf
	case c == 0xed:
		return d >= 0x80 && d <= 0x9f
	case c == 0xf0:
		return d >= 0x90 && d <= 0xbf
	case c == 0xf4:
		return d >= 0x80 && d <= 0x8f
	}
	return d&0xc0 == 0x80
}

// Builtins installs this package's builtins in one context: print,
// repr, ascii, format, and the support functions of the source pre-pass
// (__mr_fs__, __mr_fv__, __mr_mod__, __mr_imod__). It calls Install.
func Builtins(ctx py.Context) {
	Install()
	globals := ctx.Store().Builtins.Globals
	module := ctx.Store().Builtins
	add := func(name, doc string, fn any) {
		m := py.MustNewMethod(name, fn, 0, doc)
		m.Module = module
		globals[name] = m
	}
	add("print", printDoc, func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		return builtinPrint(ctx, args, kwargs)
	})
	add("repr", "Return the canonical string representation of the object.", func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		return oneArg("repr", args, kwargs, Repr)
	})
	add("ascii", "Return an ASCII-only representation of an object.", func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		return oneArg("ascii", args, kwargs, Ascii)
	})
	add("format", "Return value.__format__(format_spec)", func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		if len(kwargs) > 0 {
			return nil, typeError("format() takes no keyword arguments")
		}
		if len(args) < 1 {
			return nil, typeError("format expected at least 1 argument, got %d", len(args))
		}
		if len(args) > 2 {
			return nil, typeError("format expected at most 2 arguments, got %d", len(args))
		}
		spec := ""
		if len(args) == 2 {
			s, ok := args[1].(py.String)
			if !ok {
				return nil, typeError("format() argument 2 must be str, not %s", typeName(args[1]))
			}
			spec = string(s)
		}
		return stringObject(Format(args[0], spec))
	})
	add("__mr_fs__", "f-string support: concatenate the str parts.", func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		var b strings.Builder
		for i, a := range args {
			s, ok := a.(py.String)
			if !ok {
				return nil, typeError("__mr_fs__() argument %d must be str, not %s", i+1, typeName(a))
			}
			b.WriteString(string(s))
		}
		return py.String(b.String()), nil
	})
	add("__mr_fv__", "f-string support: one replacement field.", func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		if len(args) != 3 || len(kwargs) > 0 {
			return nil, typeError("__mr_fv__() takes exactly 3 positional arguments (%d given)", len(args)+len(kwargs))
		}
		conv, ok1 := args[1].(py.String)
		spec, ok2 := args[2].(py.String)
		if !ok1 || !ok2 {
			return nil, typeError("__mr_fv__() conversion and spec must be str, not %s and %s", typeName(args[1]), typeName(args[2]))
		}
		return stringObject(FormatValue(args[0], string(conv), string(spec)))
	})
	add("__mr_mod__", "Support for a % b.", func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		a, b, err := twoArgs("__mr_mod__", args, kwargs)
		if err != nil {
			return nil, err
		}
		return Mod(a, b)
	})
	add("__mr_imod__", "Support for a %= b.", func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		a, b, err := twoArgs("__mr_imod__", args, kwargs)
		if err != nil {
			return nil, err
		}
		return IMod(a, b)
	})
}

// IMod is a %= b: str and bytes as Mod, a user class's __imod__, else
// gpython's own %=.
func IMod(a, b py.Object) (py.Object, error) {
	if a == nil || b == nil {
		return nil, errNilObject()
	}
	switch a.(type) {
	case py.String, py.Bytes:
		return Mod(a, b)
	}
	if res, ok, err := callBinary(a, "__imod__", b); ok {
		return res, err
	}
	if _, ok := a.(*py.Type); ok {
		return Mod(a, b)
	}
	return py.IMod(a, b)
}

// callBinary calls a user class's binary special method; ok is false
// when a has none or it returned NotImplemented.
func callBinary(a py.Object, name string, b py.Object) (py.Object, bool, error) {
	t, isType := a.(*py.Type)
	if !isType || isClass(t) {
		return nil, false, nil
	}
	fn := lookupSpecial(t.Type(), name)
	if fn == nil {
		return nil, false, nil
	}
	res, err := callSpecial(fn, t, t.Type(), b)
	if err != nil {
		return nil, true, err
	}
	if res == py.NotImplemented {
		return nil, false, nil
	}
	return res, true, nil
}

// Mod is a % b with CPython's str and bytes formatting and user
// __mod__/__rmod__ (which gpython's operator ignores); other operands go
// to gpython's own %.
func Mod(a, b py.Object) (py.Object, error) {
	if a == nil || b == nil {
		return nil, errNilObject()
	}
	switch v := a.(type) {
	case py.String:
		return stringObject(Percent(string(v), b))
	case py.Bytes:
		r, err := BytesPercent(v, b)
		if err != nil {
			return nil, err
		}
		return py.Bytes(r), nil
	}
	if res, ok, err := callBinary(a, "__mod__", b); ok {
		return res, err
	}
	if a.Type() != b.Type() {
		if res, ok, err := callBinary(b, "__rmod__", a); ok {
			return res, err
		}
	}
	return py.Mod(a, b)
}

func twoArgs(name string, args py.Tuple, kwargs py.StringDict) (py.Object, py.Object, error) {
	if len(args) != 2 || len(kwargs) > 0 {
		return nil, nil, typeError("%s() takes exactly 2 positional arguments (%d given)", name, len(args)+len(kwargs))
	}
	return args[0], args[1], nil
}

func oneArg(name string, args py.Tuple, kwargs py.StringDict, fn func(py.Object) (string, error)) (py.Object, error) {
	if len(kwargs) > 0 {
		return nil, typeError("%s() takes no keyword arguments", name)
	}
	if len(args) != 1 {
		return nil, typeError("%s() takes exactly one argument (%d given)", name, len(args))
	}
	return stringObject(fn(args[0]))
}

func stringObject(s string, err error) (py.Object, error) {
	if err != nil {
		return nil, err
	}
	return py.String(s), nil
}

const printDoc = `print(value, ..., sep=' ', end='\n', file=sys.stdout, flush=False)

Prints the values to a stream, or to sys.stdout by default.`

// builtinPrint is CPython's print: each value's str() written to file
// (sys.stdout of the context by default) with file.write.
func builtinPrint(ctx py.Context, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	var sep, end, file, flush py.Object
	for k, v := range kwargs {
		switch k {
		case "sep":
			sep = v
		case "end":
			end = v
		case "file":
			file = v
		case "flush":
			flush = v
		default:
			return nil, typeError("'%s' is an invalid keyword argument for print()", k)
		}
	}
	sepStr, err := printSeparator("sep", sep, " ")
	if err != nil {
		return nil, err
	}
	endStr, err := printSeparator("end", end, "\n")
	if err != nil {
		return nil, err
	}
	if file == nil || file == py.None {
		sys, err := ctx.GetModule("sys")
		if err != nil {
			return nil, err
		}
		file = sys.Globals["stdout"]
		if file == nil || file == py.None {
			return py.None, nil
		}
	}
	write, err := py.GetAttrString(file, "write")
	if err != nil {
		return nil, err
	}
	emit := func(s string) error {
		_, err := py.Call(write, py.Tuple{py.String(s)}, nil)
		return err
	}
	for i, a := range args {
		if i > 0 {
			if err := emit(sepStr); err != nil {
				return nil, err
			}
		}
		s, err := Str(a)
		if err != nil {
			return nil, err
		}
		if err := emit(s); err != nil {
			return nil, err
		}
	}
	if err := emit(endStr); err != nil {
		return nil, err
	}
	if flush != nil {
		truth, err := py.MakeBool(flush)
		if err != nil {
			return nil, err
		}
		if truth == py.True {
			fl, err := py.GetAttrString(file, "flush")
			if err != nil {
				return nil, err
			}
			if _, err := py.Call(fl, nil, nil); err != nil {
				return nil, err
			}
		}
	}
	return py.None, nil
}

func printSeparator(name string, v py.Object, def string) (string, error) {
	if v == nil || v == py.None {
		return def, nil
	}
	s, ok := v.(py.String)
	if !ok {
		return "", typeError("%s must be None or a string, not %s", name, typeName(v))
	}
	return string(s), nil
}
