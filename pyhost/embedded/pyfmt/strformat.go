package pyfmt

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/go-python/gpython/py"
)

// Auto-numbering states of str.format's fields (CPython's AutoNumber).
const (
	ansInit = iota
	ansAuto
	ansManual
)

// strFormatter is one str.format / str.format_map evaluation, a port of
// CPython's Objects/stringlib/unicode_format.h. The parser works on
// bytes: every character with meaning to it is ASCII, so UTF-8 text
// passes through untouched.
type strFormatter struct {
	args     py.Tuple
	hasArgs  bool // false for format_map: positional fields are an error
	lookup   func(key string) (py.Object, error)
	autoMode int
	autoNext int
}

// StrFormat is CPython's format.format(*args, **kwargs).
func StrFormat(format string, args py.Tuple, kwargs py.StringDict) (s string, err error) {
	defer recoverPanic(&err)
	return strFormat(format, args, kwargs)
}

func strFormat(format string, args py.Tuple, kwargs py.StringDict) (string, error) {
	f := &strFormatter{args: args, hasArgs: true, lookup: func(key string) (py.Object, error) {
		if v, ok := kwargs[key]; ok {
			return v, nil
		}
		return nil, keyError(py.String(key))
	}}
	var out strings.Builder
	if err := f.build(format, 2, &out); err != nil {
		return "", err
	}
	return out.String(), nil
}

// StrFormatMap is CPython's format.format_map(mapping): names are looked
// up with mapping[name], and positional fields are an error.
func StrFormatMap(format string, mapping py.Object) (s string, err error) {
	defer recoverPanic(&err)
	if mapping == nil {
		return "", errNilObject()
	}
	f := &strFormatter{lookup: func(key string) (py.Object, error) {
		return getItem(mapping, py.String(key))
	}}
	var out strings.Builder
	if err := f.build(format, 2, &out); err != nil {
		return "", err
	}
	return out.String(), nil
}

// build is build_string + MarkupIterator: literal text, {{ and }}, and
// replacement fields.
func (f *strFormatter) build(s string, depth int, out *strings.Builder) error {
	if depth <= 0 {
		return valueError("Max string recursion exceeded")
	}
	pos, end := 0, len(s)
	for pos < end {
		start := pos
		var c byte
		markup := false
		for pos < end {
			c = s[pos]
			pos++
			if c == '{' || c == '}' {
				markup = true
				break
			}
		}
		atEnd := pos >= end
		litEnd := pos
		if c == '}' && markup && (atEnd || s[pos] != '}') {
			return valueError("Single '}' encountered in format string")
		}
		if atEnd && c == '{' && markup {
			return valueError("Single '{' encountered in format string")
		}
		if !atEnd && markup {
			if s[pos] == c {
				// {{ or }}: the literal keeps one brace.
				pos++
				markup = false
			} else {
				litEnd--
			}
		}
		out.WriteString(s[start:litEnd])
		if !markup {
			continue
		}
		field, err := parseField(s, pos)
		if err != nil {
			return err
		}
		pos = field.next
		if err := f.outputField(s, &field, depth, out); err != nil {
			return err
		}
	}
	return nil
}

// field is one parsed replacement field.
type field struct {
	name          string
	conversion    rune // 0 when absent
	spec          string
	specNeedsExpr bool // the spec holds nested fields
	next          int  // position after the closing '}'
}

// parseField is parse_field: s[pos:] starts right after the '{'.
func parseField(s string, pos int) (field, error) {
	var fd field
	nameStart := pos
	var c byte
scan:
	for pos < len(s) {
		c = s[pos]
		pos++
		switch c {
		case '{':
			return fd, valueError("unexpected '{' in field name")
		case '[':
			for pos < len(s) && s[pos] != ']' {
				pos++
			}
		case '}', ':', '!':
			break scan
		}
	}
	fd.name = s[nameStart:max(pos-1, nameStart)]
	if c == '!' || c == ':' {
		if c == '!' {
			if pos >= len(s) {
				return fd, valueError("end of string while looking for conversion specifier")
			}
			r, size := utf8.DecodeRuneInString(s[pos:])
			fd.conversion = r
			pos += size
			if pos < len(s) {
				c = s[pos]
				pos++
				if c == '}' {
					fd.next = pos
					return fd, nil
				}
				if c != ':' {
					return fd, valueError("expected ':' after conversion specifier")
				}
			}
		}
		specStart := pos
		count := 1
		for pos < len(s) {
			c = s[pos]
			pos++
			switch c {
			case '{':
				fd.specNeedsExpr = true
				count++
			case '}':
				count--
				if count == 0 {
					fd.spec = s[specStart : pos-1]
					fd.next = pos
					return fd, nil
				}
			}
		}
		return fd, valueError("unmatched '{' in format spec")
	} else if c != '}' {
		return fd, valueError("expected '}' before end of string")
	}
	fd.next = pos
	return fd, nil
}

// outputField is output_markup: look the value up, convert, expand a
// nested spec and format.
func (f *strFormatter) outputField(s string, fd *field, depth int, out *strings.Builder) error {
	obj, err := f.fieldObject(fd.name)
	if err != nil {
		return err
	}
	var st reprState
	var converted string
	isConverted := false
	switch fd.conversion {
	case 0:
	case 'r':
		converted, err = st.repr(obj)
		isConverted = true
	case 's':
		converted, err = st.str(obj)
		isConverted = true
	case 'a':
		converted, err = st.repr(obj)
		converted = asciiEscape(converted)
		isConverted = true
	default:
		if fd.conversion > 32 && fd.conversion < 127 {
			return valueError("Unknown conversion specifier %c", fd.conversion)
		}
		return valueError("Unknown conversion specifier \\x%x", fd.conversion)
	}
	if err != nil {
		return err
	}
	spec := fd.spec
	if fd.specNeedsExpr {
		var b strings.Builder
		if err := f.build(spec, depth-1, &b); err != nil {
			return err
		}
		spec = b.String()
	}
	var text string
	if isConverted {
		if spec == "" {
			out.WriteString(converted)
			return nil
		}
		text, err = formatStr(converted, py.String(converted), spec)
	} else {
		text, err = format(obj, spec)
	}
	if err != nil {
		return err
	}
	out.WriteString(text)
	return nil
}

// fieldInteger is get_integer for field names: the value of an all-digit
// name, or -1.
func fieldInteger(s string) (int, error) {
	if s == "" {
		return -1, nil
	}
	acc := 0
	for _, r := range s {
		d := decimalValue(r)
		if d < 0 {
			return -1, nil
		}
		if acc > (math.MaxInt64-d)/10 {
			return -1, valueError("Too many decimal digits in format string")
		}
		acc = acc*10 + d
	}
	return acc, nil
}

// fieldObject is get_field_object: the first part of the name selects a
// positional or keyword argument, then .attr and [key] parts apply.
func (f *strFormatter) fieldObject(name string) (py.Object, error) {
	i := strings.IndexAny(name, ".[")
	if i < 0 {
		i = len(name)
	}
	first, rest := name[:i], name[i:]
	idx, err := fieldInteger(first)
	if err != nil {
		return nil, err
	}
	empty := first == ""
	if empty || idx != -1 {
		if f.autoMode == ansInit {
			if empty {
				f.autoMode = ansAuto
			} else {
				f.autoMode = ansManual
			}
		}
		if f.autoMode == ansManual && empty {
			return nil, valueError("cannot switch from manual field specification to automatic field numbering")
		}
		if f.autoMode == ansAuto && !empty {
			return nil, valueError("cannot switch from automatic field numbering to manual field specification")
		}
		if empty {
			idx = f.autoNext
			f.autoNext++
		}
	}
	var obj py.Object
	if idx == -1 {
		obj, err = f.lookup(first)
		if err != nil {
			return nil, err
		}
	} else {
		if !f.hasArgs {
			return nil, valueError("Format string contains positional fields")
		}
		if idx >= len(f.args) {
			return nil, py.ExceptionNewf(py.IndexError, "Replacement index %d out of range for positional args tuple", idx)
		}
		obj = f.args[idx]
	}
	if obj == nil {
		return nil, errNilObject()
	}
	pos := 0
	for pos < len(rest) {
		c := rest[pos]
		pos++
		var part string
		switch c {
		case '.':
			start := pos
			for pos < len(rest) && rest[pos] != '.' && rest[pos] != '[' {
				pos++
			}
			part = rest[start:pos]
			if part == "" {
				return nil, valueError("Empty attribute in format string")
			}
			obj, err = getAttr(obj, part)
		case '[':
			start := pos
			for pos < len(rest) && rest[pos] != ']' {
				pos++
			}
			if pos >= len(rest) {
				return nil, valueError("Missing ']' in format string")
			}
			part = rest[start:pos]
			pos++
			if part == "" {
				return nil, valueError("Empty attribute in format string")
			}
			var n int
			n, err = fieldInteger(part)
			if err != nil {
				return nil, err
			}
			if n == -1 {
				obj, err = getItem(obj, py.String(part))
			} else {
				obj, err = sequenceItem(obj, n)
			}
		default:
			return nil, valueError("Only '.' or '[' may follow ']' in format field specifier")
		}
		if err != nil {
			return nil, err
		}
		if obj == nil {
			return nil, errNilObject()
		}
	}
	return obj, nil
}

// sequenceItem is obj[n] for a non-negative n, with CPython's messages
// for the built-in sequences.
func sequenceItem(obj py.Object, n int) (py.Object, error) {
	switch v := obj.(type) {
	case py.Tuple:
		if n >= len(v) {
			return nil, py.ExceptionNewf(py.IndexError, "tuple index out of range")
		}
		return v[n], nil
	case *py.List:
		if n >= len(v.Items) {
			return nil, py.ExceptionNewf(py.IndexError, "list index out of range")
		}
		return v.Items[n], nil
	case py.String:
		for _, r := range string(v) {
			if n == 0 {
				return py.String(string(r)), nil
			}
			n--
		}
		return nil, py.ExceptionNewf(py.IndexError, "string index out of range")
	}
	return getItem(obj, py.Int(n))
}

// getAttr is getattr(obj, name) with CPython's AttributeError message
// where gpython's own differs.
func getAttr(obj py.Object, name string) (py.Object, error) {
	v, err := py.GetAttrString(obj, name)
	if err == nil || !py.IsException(py.AttributeError, err) {
		return v, err
	}
	if exc, ok := err.(*py.Exception); ok {
		if msg, _ := Str(exc); msg == fmt.Sprintf("'%s' has no attribute '%s'", obj.Type().Name, name) {
			switch o := obj.(type) {
			case *py.Module:
				mod, _ := o.Globals["__name__"].(py.String)
				return nil, py.ExceptionNewf(py.AttributeError, "module '%s' has no attribute '%s'", string(mod), name)
			case *py.Type:
				if isClass(o) {
					return nil, py.ExceptionNewf(py.AttributeError, "type object '%s' has no attribute '%s'", o.Name, name)
				}
			}
			return nil, py.ExceptionNewf(py.AttributeError, "'%s' object has no attribute '%s'", typeName(obj), name)
		}
	}
	return nil, err
}
