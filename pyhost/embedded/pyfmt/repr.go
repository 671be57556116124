package pyfmt

import (
	"fmt"
	"math"
	"math/big"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/go-python/gpython/py"
)

// maxReprDepth is how deeply nested containers may be before repr gives
// up with CPython's RecursionError message (gpython has no RecursionError;
// RuntimeError is its base class). Unbounded recursion through Python
// code (a __repr__ calling repr(self)) is gpython's to stop, and it does
// not: that still overflows the Go stack.
const maxReprDepth = 900

// intMaxStrDigits is CPython 3.11's sys.get_int_max_str_digits() default:
// str() of an int with more decimal digits raises ValueError.
const intMaxStrDigits = 4300

// reprState carries the containers being printed (CPython's
// Py_ReprEnter list, so [l] inside l prints as [...]) and the nesting
// depth through one top-level call.
type reprState struct {
	active map[uintptr]bool
	depth  int
}

func (st *reprState) enter(key uintptr) (bool, error) {
	if st.depth >= maxReprDepth {
		return false, py.ExceptionNewf(py.RuntimeError, "maximum recursion depth exceeded while getting the repr of an object")
	}
	if st.active == nil {
		st.active = map[uintptr]bool{}
	}
	if st.active[key] {
		return false, nil
	}
	st.active[key] = true
	st.depth++
	return true, nil
}

func (st *reprState) leave(key uintptr) {
	delete(st.active, key)
	st.depth--
}

// Repr is CPython's repr(o).
func Repr(o py.Object) (s string, err error) {
	defer recoverPanic(&err)
	var st reprState
	return st.repr(o)
}

// Str is CPython's str(o): a str is itself, an exception prints its
// message, a user __str__ is honoured, everything else is its repr.
func Str(o py.Object) (s string, err error) {
	defer recoverPanic(&err)
	var st reprState
	return st.str(o)
}

// Ascii is CPython's ascii(o): repr(o) with every non-ASCII character
// backslash-escaped.
func Ascii(o py.Object) (s string, err error) {
	defer recoverPanic(&err)
	var st reprState
	r, err := st.repr(o)
	if err != nil {
		return "", err
	}
	return asciiEscape(r), nil
}

func (st *reprState) str(o py.Object) (string, error) {
	switch v := o.(type) {
	case nil:
		return "", errNilObject()
	case py.String:
		return string(v), nil
	case *py.Exception:
		return st.exceptionStr(v)
	case *py.Type:
		if !isClass(v) {
			cls := v.Type()
			if fn := lookupSpecial(cls, "__str__"); fn != nil {
				return st.callStringMethod(fn, v, cls, "__str__")
			}
			// object.__str__ calls the __repr__ slot directly, so a bad
			// result is reported as __str__'s.
			if fn := lookupSpecial(cls, "__repr__"); fn != nil {
				return st.callStringMethod(fn, v, cls, "__str__")
			}
		}
		return st.repr(v)
	case py.NoneType, py.Bool, py.Int, *py.BigInt, py.Float, py.Complex, py.Bytes,
		py.Tuple, *py.List, py.StringDict, *py.Set, *py.FrozenSet, *py.Range,
		*py.Function, *py.Method, *py.BoundMethod, *py.Module, py.EllipsisType:
		return st.repr(v)
	}
	// A Go type from another package with its own __str__.
	if i, ok := o.(py.I__str__); ok {
		return stringResult("__str__")(i.M__str__())
	}
	return st.repr(o)
}

func (st *reprState) repr(o py.Object) (string, error) {
	switch v := o.(type) {
	case nil:
		return "", errNilObject()
	case py.NoneType:
		return "None", nil
	case py.Bool:
		if v {
			return "True", nil
		}
		return "False", nil
	case py.Int:
		return strconv.FormatInt(int64(v), 10), nil
	case *py.BigInt:
		return bigIntDecimal((*big.Int)(v))
	case py.Float:
		return floatRepr(float64(v)), nil
	case py.Complex:
		return complexRepr(complex128(v)), nil
	case py.String:
		return quoteString(string(v)), nil
	case py.Bytes:
		return quoteBytes(v), nil
	case py.Tuple:
		return st.sequence(v, "(", ")", len(v) == 1, 0)
	case *py.List:
		return st.sequence(v.Items, "[", "]", false, reflect.ValueOf(v).Pointer())
	case py.StringDict:
		return st.dict(v)
	case *py.Set:
		return st.set(v, "set", setItems(v))
	case *py.FrozenSet:
		return st.set(v, "frozenset", setItems(&v.Set))
	case *py.Range:
		if v.Step == 1 {
			return fmt.Sprintf("range(%d, %d)", v.Start, v.Stop), nil
		}
		return fmt.Sprintf("range(%d, %d, %d)", v.Start, v.Stop, v.Step), nil
	case py.EllipsisType:
		return "Ellipsis", nil
	case *py.Exception:
		if o == py.NotImplemented {
			return "NotImplemented", nil
		}
		return st.exceptionRepr(v)
	case *py.Type:
		if isClass(v) {
			return classRepr(v), nil
		}
		cls := v.Type()
		if fn := lookupSpecial(cls, "__repr__"); fn != nil {
			return st.callStringMethod(fn, v, cls, "__repr__")
		}
		return fmt.Sprintf("<%s object at %p>", qualifiedName(cls), v), nil
	case *py.Function:
		name := v.Qualname
		if name == "" {
			name = v.Name
		}
		return fmt.Sprintf("<function %s at %p>", name, v), nil
	case *py.Method:
		return fmt.Sprintf("<built-in function %s>", v.Name), nil
	case *py.BoundMethod:
		return st.boundMethodRepr(v)
	case *py.Module:
		return moduleRepr(v), nil
	case *py.Slice:
		parts := make([]py.Object, 3)
		for i, p := range []py.Object{v.Start, v.Stop, v.Step} {
			if p == nil {
				p = py.None
			}
			parts[i] = p
		}
		s, err := st.sequence(parts, "(", ")", false, 0)
		if err != nil {
			return "", err
		}
		return "slice" + s, nil
	case *py.Generator:
		name := "?"
		if v.Code != nil {
			name = v.Code.Name
		}
		return fmt.Sprintf("<generator object %s at %p>", name, v), nil
	}
	// A Go type from another package with its own __repr__.
	if i, ok := o.(py.I__repr__); ok {
		return stringResult("__repr__")(i.M__repr__())
	}
	return fmt.Sprintf("<%s object at %p>", typeName(o), o), nil
}

// callStringMethod calls a user __repr__ or __str__ and checks it
// returned a str, as CPython does.
func (st *reprState) callStringMethod(fn, self py.Object, cls *py.Type, name string) (string, error) {
	res, err := callSpecial(fn, self, cls)
	if err != nil {
		return "", err
	}
	s, ok := res.(py.String)
	if !ok {
		return "", typeError("%s returned non-string (type %s)", name, typeName(res))
	}
	return string(s), nil
}

// stringResult checks what a Go type's M__str__ or M__repr__ returned.
func stringResult(name string) func(py.Object, error) (string, error) {
	return func(res py.Object, err error) (string, error) {
		if err != nil {
			return "", err
		}
		s, ok := res.(py.String)
		if !ok {
			return "", typeError("%s returned non-string (type %s)", name, typeName(res))
		}
		return string(s), nil
	}
}

func (st *reprState) sequence(items []py.Object, open, close string, trailingComma bool, key uintptr) (string, error) {
	if len(items) == 0 {
		return open + close, nil
	}
	if key != 0 {
		ok, err := st.enter(key)
		if err != nil {
			return "", err
		}
		if !ok {
			return open + "..." + close, nil
		}
		defer st.leave(key)
	} else {
		if st.depth >= maxReprDepth {
			return "", py.ExceptionNewf(py.RuntimeError, "maximum recursion depth exceeded while getting the repr of an object")
		}
		st.depth++
		defer func() { st.depth-- }()
	}
	var b strings.Builder
	b.WriteString(open)
	for i, item := range items {
		if i > 0 {
			b.WriteString(", ")
		}
		s, err := st.repr(item)
		if err != nil {
			return "", err
		}
		b.WriteString(s)
	}
	if trailingComma {
		b.WriteString(",")
	}
	b.WriteString(close)
	return b.String(), nil
}

func (st *reprState) dict(d py.StringDict) (string, error) {
	if len(d) == 0 {
		return "{}", nil
	}
	key := reflect.ValueOf(d).Pointer()
	ok, err := st.enter(key)
	if err != nil {
		return "", err
	}
	if !ok {
		return "{...}", nil
	}
	defer st.leave(key)
	keys := make([]string, 0, len(d))
	for k := range d {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteString("{")
	for i, k := range keys {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(quoteString(k))
		b.WriteString(": ")
		s, err := st.repr(d[k])
		if err != nil {
			return "", err
		}
		b.WriteString(s)
	}
	b.WriteString("}")
	return b.String(), nil
}

func setItems(s *py.Set) []py.Object {
	it, err := s.M__iter__()
	if err != nil {
		return nil
	}
	if iter, ok := it.(*py.Iterator); ok {
		if items, ok := iter.Seq.(py.Tuple); ok {
			return items
		}
	}
	return nil
}

func (st *reprState) set(o py.Object, name string, items []py.Object) (string, error) {
	if len(items) == 0 {
		return name + "()", nil
	}
	key := reflect.ValueOf(o).Pointer()
	ok, err := st.enter(key)
	if err != nil {
		return "", err
	}
	if !ok {
		return name + "(...)", nil
	}
	defer st.leave(key)
	type entry struct {
		num   float64
		isNum bool
		isStr bool
		repr  string
	}
	entries := make([]entry, len(items))
	for i, item := range items {
		s, err := st.repr(item)
		if err != nil {
			return "", err
		}
		e := entry{repr: s}
		switch v := item.(type) {
		case py.Int:
			e.num, e.isNum = float64(v), true
		case py.Bool:
			e.isNum = true
			if v {
				e.num = 1
			}
		case py.Float:
			e.num, e.isNum = float64(v), true
		case *py.BigInt:
			f, _ := new(big.Float).SetInt((*big.Int)(v)).Float64()
			e.num, e.isNum = f, true
		case py.String:
			e.isStr, e.repr = true, string(v)
		}
		if e.isNum && math.IsNaN(e.num) {
			e.isNum = false
		}
		entries[i] = e
	}
	// gpython sets have no order; sort for stable output (numbers first,
	// like CPython's hash order for small ints, then strings, then the rest).
	sort.SliceStable(entries, func(i, j int) bool {
		a, b := entries[i], entries[j]
		if a.isNum != b.isNum {
			return a.isNum
		}
		if a.isNum {
			return a.num < b.num
		}
		if a.isStr != b.isStr {
			return a.isStr
		}
		return a.repr < b.repr
	})
	var b strings.Builder
	if name == "frozenset" {
		b.WriteString("frozenset(")
	}
	b.WriteString("{")
	for i, e := range entries {
		if i > 0 {
			b.WriteString(", ")
		}
		if e.isStr {
			b.WriteString(quoteString(e.repr))
		} else {
			b.WriteString(e.repr)
		}
	}
	b.WriteString("}")
	if name == "frozenset" {
		b.WriteString(")")
	}
	return b.String(), nil
}

func (st *reprState) boundMethodRepr(v *py.BoundMethod) (string, error) {
	self, err := st.repr(v.Self)
	if err != nil {
		return "", err
	}
	switch m := v.Method.(type) {
	case *py.Function:
		name := m.Qualname
		if name == "" {
			name = m.Name
		}
		return fmt.Sprintf("<bound method %s of %s>", name, self), nil
	case *py.Method:
		return fmt.Sprintf("<built-in method %s of %s object at %p>", m.Name, typeName(v.Self), v.Self), nil
	}
	return fmt.Sprintf("<bound method ? of %s>", self), nil
}

func moduleRepr(m *py.Module) string {
	name, ok := m.Globals["__name__"].(py.String)
	if !ok {
		name = "?"
	}
	if file, ok := m.Globals["__file__"].(py.String); ok && file != "" {
		return fmt.Sprintf("<module %s from %s>", quoteString(string(name)), quoteString(string(file)))
	}
	return fmt.Sprintf("<module %s (built-in)>", quoteString(string(name)))
}

func complexRepr(c complex128) string {
	re, im := real(c), imag(c)
	imStr := doubleToString(im, 'r', 0, 0)
	if re == 0 && !math.Signbit(re) {
		return imStr + "j"
	}
	reStr := doubleToString(re, 'r', 0, 0)
	if !strings.HasPrefix(imStr, "-") {
		imStr = "+" + imStr
	}
	return "(" + reStr + imStr + "j)"
}

// bigIntDecimal is str(int) for a big int, with CPython 3.11's limit on
// the number of decimal digits.
func bigIntDecimal(v *big.Int) (string, error) {
	// A cheap bound first: more than 4300*log2(10) bits certainly has too
	// many digits, and converting it would be the expensive part.
	if v.BitLen() > intMaxStrDigits*4 {
		return "", intDigitsError()
	}
	s := v.String()
	n := len(s)
	if v.Sign() < 0 {
		n--
	}
	if n > intMaxStrDigits {
		return "", intDigitsError()
	}
	return s, nil
}

func intDigitsError() error {
	return valueError("Exceeds the limit (%d digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit", intMaxStrDigits)
}

// exceptionArgs returns an exception's args as a tuple whatever gpython
// stored there.
func exceptionArgs(e *py.Exception) py.Tuple {
	switch a := e.Args.(type) {
	case py.Tuple:
		return a
	case nil:
		return nil
	default:
		return py.Tuple{a}
	}
}

func (st *reprState) exceptionRepr(e *py.Exception) (string, error) {
	cls := e.Type()
	if fn := lookupSpecial(cls, "__repr__"); fn != nil {
		return st.callStringMethod(fn, e, cls, "__repr__")
	}
	name := "Exception"
	if cls != nil {
		name = cls.Name
		if i := strings.LastIndexByte(name, '.'); i >= 0 {
			name = name[i+1:]
		}
	}
	args := exceptionArgs(e)
	if cls != nil && cls.IsSubtype(py.OSError) && len(args) >= 3 && len(args) <= 5 && args[2] != py.None {
		// OSError(errno, strerror, filename...) keeps only (errno, strerror) in args.
		args = args[:2]
	}
	if len(args) == 1 {
		s, err := st.repr(args[0])
		if err != nil {
			return "", err
		}
		return name + "(" + s + ")", nil
	}
	s, err := st.sequence(args, "(", ")", false, 0)
	if err != nil {
		return "", err
	}
	return name + s, nil
}

func (st *reprState) exceptionStr(e *py.Exception) (string, error) {
	if e == py.NotImplemented {
		return "NotImplemented", nil
	}
	cls := e.Type()
	if fn := lookupSpecial(cls, "__str__"); fn != nil {
		return st.callStringMethod(fn, e, cls, "__str__")
	}
	args := exceptionArgs(e)
	switch {
	case cls != nil && cls.IsSubtype(py.KeyError) && len(args) == 1:
		// KeyError shows the missing key as a repr.
		return st.repr(args[0])
	case cls != nil && cls.IsSubtype(py.OSError) && len(args) >= 2 && len(args) <= 5:
		errno, err := st.str(args[0])
		if err != nil {
			return "", err
		}
		msg, err := st.str(args[1])
		if err != nil {
			return "", err
		}
		if len(args) >= 3 && args[2] != py.None {
			file, err := st.repr(args[2])
			if err != nil {
				return "", err
			}
			if len(args) == 5 && args[4] != py.None {
				file2, err := st.repr(args[4])
				if err != nil {
					return "", err
				}
				return fmt.Sprintf("[Errno %s] %s: %s -> %s", errno, msg, file, file2), nil
			}
			return fmt.Sprintf("[Errno %s] %s: %s", errno, msg, file), nil
		}
		return fmt.Sprintf("[Errno %s] %s", errno, msg), nil
	}
	if cls != nil && cls.IsSubtype(py.UnicodeDecodeError) && len(args) == 5 {
		enc, ok1 := args[0].(py.String)
		obj, ok2 := args[1].(py.Bytes)
		start, ok3 := args[2].(py.Int)
		end, ok4 := args[3].(py.Int)
		reason, ok5 := args[4].(py.String)
		if ok1 && ok2 && ok3 && ok4 && ok5 && start >= 0 && int(start) < len(obj) {
			if end == start+1 {
				return fmt.Sprintf("'%s' codec can't decode byte 0x%02x in position %d: %s", enc, obj[start], start, reason), nil
			}
			return fmt.Sprintf("'%s' codec can't decode bytes in position %d-%d: %s", enc, start, end-1, reason), nil
		}
	}
	switch len(args) {
	case 0:
		return "", nil
	case 1:
		return st.str(args[0])
	}
	return st.sequence(args, "(", ")", false, 0)
}

// quoteString is CPython's unicode_repr.
func quoteString(s string) string {
	quote := byte('\'')
	if strings.IndexByte(s, '\'') >= 0 && strings.IndexByte(s, '"') < 0 {
		quote = '"'
	}
	b := make([]byte, 0, len(s)+2)
	b = append(b, quote)
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c == quote || c == '\\':
				b = append(b, '\\', c)
			case c == '\t':
				b = append(b, '\\', 't')
			case c == '\n':
				b = append(b, '\\', 'n')
			case c == '\r':
				b = append(b, '\\', 'r')
			case c < ' ' || c == 0x7f:
				b = appendHexEscape(b, 'x', rune(c), 2)
			default:
				b = append(b, c)
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			// Not UTF-8: gpython strings from Python code never are.
			b = appendHexEscape(b, 'u', r, 4)
		} else if isPrintable(r) {
			b = append(b, s[i:i+size]...)
		} else {
			b = appendRuneEscape(b, r)
		}
		i += size
	}
	return string(append(b, quote))
}

// isPrintable is Py_UNICODE_ISPRINTABLE for non-ASCII characters: every
// category but Cc, Cf, Cs, Co, Cn, Zl, Zp and Zs, which is exactly what
// strconv.IsPrint accepts outside ASCII.
func isPrintable(r rune) bool {
	return strconv.IsPrint(r)
}

func appendRuneEscape(b []byte, r rune) []byte {
	switch {
	case r <= 0xff:
		return appendHexEscape(b, 'x', r, 2)
	case r <= 0xffff:
		return appendHexEscape(b, 'u', r, 4)
	default:
		return appendHexEscape(b, 'U', r, 8)
	}
}

func appendHexEscape(b []byte, kind byte, r rune, width int) []byte {
	const hexDigits = "0123456789abcdef"
	b = append(b, '\\', kind)
	for shift := (width - 1) * 4; shift >= 0; shift -= 4 {
		b = append(b, hexDigits[(r>>uint(shift))&0xf])
	}
	return b
}

// asciiEscape backslash-escapes every non-ASCII character of s (the
// "backslashreplace" error handler ascii() uses).
func asciiEscape(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			b := make([]byte, 0, len(s)+8)
			b = append(b, s[:i]...)
			for _, r := range s[i:] {
				if r < utf8.RuneSelf {
					b = append(b, byte(r))
				} else {
					b = appendRuneEscape(b, r)
				}
			}
			return string(b)
		}
	}
	return s
}

// quoteBytes is CPython's bytes repr.
func quoteBytes(v []byte) string {
	quote := byte('\'')
	if containsByte(v, '\'') && !containsByte(v, '"') {
		quote = '"'
	}
	b := make([]byte, 0, len(v)+3)
	b = append(b, 'b', quote)
	for _, c := range v {
		switch {
		case c == quote || c == '\\':
			b = append(b, '\\', c)
		case c == '\t':
			b = append(b, '\\', 't')
		case c == '\n':
			b = append(b, '\\', 'n')
		case c == '\r':
			b = append(b, '\\', 'r')
		case c < ' ' || c >= 0x7f:
			b = appendHexEscape(b, 'x', rune(c), 2)
		default:
			b = append(b, c)
		}
	}
	return string(append(b, quote))
}

func containsByte(v []byte, c byte) bool {
	for _, x := range v {
		if x == c {
			return true
		}
	}
	return false
}
