package sqlexec

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/migrate-runner/migrate-runner/pyliteral"
)

// This file holds the two ways scripts build SQL from parts without a
// server round trip: psycopg2.sql's Composable objects and Odoo 17+'s
// odoo.tools.SQL. Both hosts hand the objects here, so their rules are
// written once.

// CompKind is the psycopg2.sql class of a Composable.
type CompKind uint8

const (
	CompSQL         CompKind = iota // sql.SQL: Text is inlined verbatim
	CompIdentifier                  // sql.Identifier: Strings, dot-joined and quoted
	CompLiteral                     // sql.Literal: Literal, adapted like a parameter
	CompPlaceholder                 // sql.Placeholder: %s, or %(Text)s when Named
	CompComposed                    // sql.Composed: Seq, concatenated
)

// Composable is one psycopg2.sql object.
type Composable struct {
	Kind    CompKind
	Text    string
	Named   bool
	Strings []string
	Literal Value
	Seq     []Composable
}

func (c *Composable) typeName() string {
	return [...]string{"SQL", "Identifier", "Literal", "Placeholder", "Composed"}[c.Kind]
}

// AsString is Composable.as_string(): the SQL text, with identifiers
// quoted as PQescapeIdentifier quotes them and literals adapted.
func (c *Composable) AsString() (string, error) {
	var b strings.Builder
	if err := c.appendString(&b); err != nil {
		return "", err
	}
	return b.String(), nil
}

func (c *Composable) appendString(b *strings.Builder) error {
	switch c.Kind {
	case CompSQL:
		b.WriteString(c.Text)
	case CompIdentifier:
		for i, s := range c.Strings {
			if i > 0 {
				b.WriteByte('.')
			}
			b.WriteString(QuoteIdent(s))
		}
	case CompLiteral:
		return appendQuoted(b, c.Literal, false)
	case CompPlaceholder:
		if c.Named {
			b.WriteString("%(" + c.Text + ")s")
		} else {
			b.WriteString("%s")
		}
	case CompComposed:
		for i := range c.Seq {
			if err := c.Seq[i].appendString(b); err != nil {
				return err
			}
		}
	}
	return nil
}

func (c *Composable) appendRepr(b *strings.Builder) {
	b.WriteString(c.typeName() + "(")
	switch c.Kind {
	case CompSQL:
		b.WriteString(pyliteral.StrRepr(c.Text))
	case CompIdentifier:
		for i, s := range c.Strings {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(pyliteral.StrRepr(s))
		}
	case CompLiteral:
		appendRepr(b, c.Literal)
	case CompPlaceholder:
		if c.Named {
			b.WriteString(pyliteral.StrRepr(c.Text))
		}
	case CompComposed:
		b.WriteByte('[')
		for i := range c.Seq {
			if i > 0 {
				b.WriteString(", ")
			}
			c.Seq[i].appendRepr(b)
		}
		b.WriteByte(']')
	}
	b.WriteByte(')')
}

// QuoteIdent quotes an identifier as libpq's PQescapeIdentifier does:
// double quotes around it, inner double quotes doubled.
func QuoteIdent(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// ComposableValue wraps a Composable as a Value, for hosts.
func ComposableValue(c Composable) Value { return Value{Kind: Composed, Comp: &c} }

// FormatComposable is sql.SQL(template).format(*args, **kwargs): "{}",
// "{0}" and "{name}" fields are replaced by the arguments, "{{" and "}}"
// are literal braces, and the result is a Composed. kwargs is a Dict or
// nil. Every argument used must be a Composable.
func FormatComposable(template string, args []Value, kwargs *Value) (Composable, error) {
	fields, err := parseFormat(template)
	if err != nil {
		return Composable{}, err
	}
	var seq []Composable
	auto := 0 // next automatic index; -1 once manual numbering is used
	for _, f := range fields {
		if f.spec != "" {
			return Composable{}, pyErr("ValueError", "no format specification supported by SQL")
		}
		if f.conv {
			return Composable{}, pyErr("ValueError", "no format conversion supported by SQL")
		}
		if f.literal != "" {
			seq = append(seq, Composable{Kind: CompSQL, Text: f.literal})
		}
		if !f.field {
			continue
		}
		var arg Value
		switch {
		case f.name != "" && isDigits(f.name):
			if auto > 0 {
				return Composable{}, pyErr("ValueError", "cannot switch from automatic field numbering to manual")
			}
			auto = -1
			i, err := strconv.Atoi(f.name)
			if err != nil || i >= len(args) {
				return Composable{}, pyErr("IndexError", "tuple index out of range")
			}
			arg = args[i]
		case f.name == "":
			if auto < 0 {
				return Composable{}, pyErr("ValueError", "cannot switch from manual field numbering to automatic")
			}
			if auto >= len(args) {
				return Composable{}, pyErr("IndexError", "tuple index out of range")
			}
			arg = args[auto]
			auto++
		default:
			v, ok := Value{}, false
			if kwargs != nil {
				v, ok = kwargs.lookup(f.name)
			}
			if !ok {
				return Composable{}, pyErr("KeyError", "%s", pyliteral.StrRepr(f.name))
			}
			arg = v
		}
		if arg.Kind != Composed || arg.Comp == nil {
			return Composable{}, pyErr("TypeError", "Composed elements must be Composable, got %s instead", Repr(arg))
		}
		seq = append(seq, *arg.Comp)
	}
	return Composable{Kind: CompComposed, Seq: seq}, nil
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// formatField is one item of Python's string.Formatter().parse().
type formatField struct {
	literal string
	field   bool // a replacement field follows the literal
	name    string
	conv    bool
	spec    string
}

// parseFormat splits a str.format template as Python's
// string.Formatter().parse does, with its error messages.
func parseFormat(s string) ([]formatField, error) {
	var out []formatField
	var lit strings.Builder
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '{' && i+1 < len(s) && s[i+1] == '{':
			lit.WriteByte('{')
			i += 2
		case c == '}' && i+1 < len(s) && s[i+1] == '}':
			lit.WriteByte('}')
			i += 2
		case c == '}':
			return nil, pyErr("ValueError", "Single '}' encountered in format string")
		case c == '{':
			if i+1 >= len(s) {
				return nil, pyErr("ValueError", "Single '{' encountered in format string")
			}
			// The field runs to the '}' that balances this '{'.
			depth, j := 1, i+1
			for ; j < len(s); j++ {
				if s[j] == '{' {
					depth++
				} else if s[j] == '}' {
					depth--
					if depth == 0 {
						break
					}
				}
			}
			if j >= len(s) {
				return nil, pyErr("ValueError", "expected '}' before end of string")
			}
			f, err := splitField(s[i+1 : j])
			if err != nil {
				return nil, err
			}
			f.literal = lit.String()
			lit.Reset()
			out = append(out, f)
			i = j + 1
		default:
			lit.WriteByte(c)
			i++
		}
	}
	if lit.Len() > 0 {
		out = append(out, formatField{literal: lit.String()})
	}
	return out, nil
}

// splitField splits "name!c:spec"; a '[' … ']' in the name may hold ':'
// or '!', as in Python.
func splitField(body string) (formatField, error) {
	f := formatField{field: true}
	i, bracket := 0, false
	for ; i < len(body); i++ {
		c := body[i]
		if c == '[' {
			bracket = true
		} else if c == ']' {
			bracket = false
		} else if !bracket && (c == '!' || c == ':') {
			break
		}
	}
	f.name = body[:i]
	rest := body[i:]
	if strings.HasPrefix(rest, "!") {
		if len(rest) < 2 {
			return f, pyErr("ValueError", "end of string while looking for conversion specifier")
		}
		f.conv = true
		rest = rest[2:]
		if rest != "" && rest[0] != ':' {
			return f, pyErr("ValueError", "expected ':' after conversion specifier")
		}
	}
	if strings.HasPrefix(rest, ":") {
		f.spec = rest[1:]
	}
	return f, nil
}

// JoinComposable is sql.SQL(sep).join(seq) and Composed.join(sep): the
// items with the separator between them.
func JoinComposable(sep Composable, items []Composable) Composable {
	var seq []Composable
	for i, it := range items {
		if i > 0 {
			seq = append(seq, sep)
		}
		seq = append(seq, it)
	}
	return Composable{Kind: CompComposed, Seq: seq}
}

// OdooSQL is an odoo.tools.SQL object (Odoo 17+): code with %s
// placeholders and the parameters that fill them.
type OdooSQL struct {
	Code   string
	Params []Value
}

// NewOdooSQL is SQL(code, *args, **kwargs). Arguments that are SQL
// objects are inlined as code with their parameters spliced in; any
// other argument becomes a %s parameter. As in Odoo 17 and 18, the code is
// %-formatted only when there are arguments, which collapses "%%" to "%"
// in that case; without arguments it is checked with `code % ()` and kept
// as written.
func NewOdooSQL(code string, args []Value, kwargs *Value) (*OdooSQL, error) {
	if len(args) > 0 && kwargs != nil && len(kwargs.Keys) > 0 {
		return nil, pyErr("TypeError", "SQL() takes either positional arguments, or named arguments")
	}
	if kwargs != nil && len(kwargs.Keys) > 0 {
		var err error
		if code, args, err = namedToPositional(code, kwargs); err != nil {
			return nil, err
		}
	}
	if len(args) == 0 {
		if _, err := percentFormat(code, nil); err != nil {
			return nil, err
		}
		return &OdooSQL{Code: code}, nil
	}
	parts := make([]string, len(args))
	var params []Value
	for i, a := range args {
		if a.Kind == SQLObject && a.SQL != nil {
			parts[i] = a.SQL.Code
			params = append(params, a.SQL.Params...)
			continue
		}
		parts[i] = "%s"
		params = append(params, a)
	}
	out, err := percentFormat(code, parts)
	if err != nil {
		return nil, err
	}
	return &OdooSQL{Code: out, Params: params}, nil
}

// namedToPositional is Odoo's named_to_positional_printf: every %(name)s
// becomes %s and its value is taken in order; "%%" stays escaped.
func namedToPositional(code string, kwargs *Value) (string, []Value, error) {
	var b strings.Builder
	var args []Value
	for i := 0; i < len(code); i++ {
		if code[i] != '%' {
			b.WriteByte(code[i])
			continue
		}
		if i+1 < len(code) && code[i+1] == '%' {
			b.WriteString("%%%%") // doubled so that the later code % args leaves %%
			i++
			continue
		}
		if i+1 < len(code) && code[i+1] == '(' {
			end := strings.IndexByte(code[i+2:], ')')
			if end < 0 {
				return "", nil, pyErr("ValueError", "incomplete format key")
			}
			key := code[i+2 : i+2+end]
			v, ok := kwargs.lookup(key)
			if !ok {
				return "", nil, pyErr("KeyError", "%s", pyliteral.StrRepr(key))
			}
			args = append(args, v)
			b.WriteString("%")
			i += 2 + end
			continue
		}
		return "", nil, pyErr("TypeError", "format requires a mapping")
	}
	// The result is then %-formatted with string arguments, as Odoo does.
	out, err := percentFormat(b.String(), stringsOf(len(args), "%s"))
	return out, args, err
}

func stringsOf(n int, s string) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = s
	}
	return out
}

// percentFormat is Python's `code % tuple(args)` for string arguments:
// %s and %r consume one, %% is a percent, and the count must match.
func percentFormat(code string, args []string) (string, error) {
	var b strings.Builder
	next := 0
	for i := 0; i < len(code); i++ {
		if code[i] != '%' {
			b.WriteByte(code[i])
			continue
		}
		start := i
		i++
		// flags, width and precision, which %s accepts
		for i < len(code) && strings.IndexByte("-+ #0", code[i]) >= 0 {
			i++
		}
		for i < len(code) && (code[i] >= '0' && code[i] <= '9' || code[i] == '.') {
			i++
		}
		if i >= len(code) {
			return "", pyErr("ValueError", "incomplete format")
		}
		switch conv := code[i]; conv {
		case '%':
			if i == start+1 {
				b.WriteByte('%')
				continue
			}
			return "", pyErr("ValueError", "unsupported format character '%%' (0x25) at index %d", i)
		case 's', 'r', 'a':
			if next >= len(args) {
				return "", pyErr("TypeError", "not enough arguments for format string")
			}
			arg := args[next]
			next++
			if conv != 's' {
				arg = pyliteral.StrRepr(arg)
			}
			spec := code[start+1 : i]
			if spec != "" {
				arg = padPercent(spec, arg)
			}
			b.WriteString(arg)
		case 'd', 'i', 'u', 'o', 'x', 'X', 'e', 'E', 'f', 'F', 'g', 'G', 'c':
			if next >= len(args) {
				return "", pyErr("TypeError", "not enough arguments for format string")
			}
			if conv == 'c' {
				return "", pyErr("TypeError", "%%c requires int or char")
			}
			what := "a real number"
			if strings.IndexByte("oxX", conv) >= 0 {
				what = "an integer"
			}
			return "", pyErr("TypeError", "%%%c format: %s is required, not str", conv, what)
		default:
			r := []rune(code[i:])[0]
			return "", pyErr("ValueError", "unsupported format character %s (0x%x) at index %d", pyliteral.StrRepr(string(r)), r, i)
		}
	}
	if next < len(args) {
		return "", pyErr("TypeError", "not all arguments converted during string formatting")
	}
	return b.String(), nil
}

// padPercent applies a %s width/precision ("-10.3") to s.
func padPercent(spec, s string) string {
	left := strings.Contains(spec, "-")
	spec = strings.TrimLeft(spec, "-+ #0")
	width, prec := spec, ""
	if i := strings.IndexByte(spec, '.'); i >= 0 {
		width, prec = spec[:i], spec[i+1:]
	}
	r := []rune(s)
	if prec != "" || strings.Contains(spec, ".") {
		p, _ := strconv.Atoi(prec)
		if p < len(r) {
			r = r[:p]
		}
	}
	w, _ := strconv.Atoi(width)
	pad := strings.Repeat(" ", max(0, w-len(r)))
	if left {
		return string(r) + pad
	}
	return pad + string(r)
}

// OdooIdentifier is SQL.identifier(name, subname): "name" or
// "name"."subname", for names that are Python identifiers or match
// Odoo's IDENT_RE (^[a-z0-9_][a-z0-9_$\-]*$, case-insensitive).
func OdooIdentifier(name string, sub *string) (*OdooSQL, error) {
	if !odooIdentOK(name) {
		return nil, pyErr("AssertionError", "%s invalid for SQL.identifier()", pyliteral.StrRepr(name))
	}
	if sub == nil {
		return &OdooSQL{Code: `"` + name + `"`}, nil
	}
	if !odooIdentOK(*sub) {
		return nil, pyErr("AssertionError", "%s invalid for SQL.identifier()", pyliteral.StrRepr(*sub))
	}
	return &OdooSQL{Code: `"` + name + `"."` + *sub + `"`}, nil
}

func odooIdentOK(s string) bool {
	if s == "" {
		return false
	}
	py := true // str.isidentifier(), close enough: letters, digits, underscore
	for i, r := range s {
		if !(r == '_' || unicode.IsLetter(r) || i > 0 && (unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r))) {
			py = false
			break
		}
	}
	if py {
		return true
	}
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20 // ASCII lower case
		ok := c >= 'a' && c <= 'z' || s[i] >= '0' && s[i] <= '9' || s[i] == '_'
		if i > 0 {
			ok = ok || s[i] == '$' || s[i] == '-'
		}
		if !ok {
			return false
		}
	}
	return true
}

// Join is SQL.join(args) on an Odoo SQL separator.
func (s *OdooSQL) Join(args []Value) (*OdooSQL, error) {
	switch {
	case len(args) == 0:
		return &OdooSQL{}, nil
	case len(args) == 1 && args[0].Kind == SQLObject && args[0].SQL != nil:
		return args[0].SQL, nil
	case len(s.Params) == 0:
		// The separator goes into the format string unescaped, as in Odoo.
		return NewOdooSQL(strings.Join(stringsOf(len(args), "%s"), s.Code), args, nil)
	}
	items := make([]Value, 0, 2*len(args)-1)
	self := Value{Kind: SQLObject, SQL: s}
	for i, a := range args {
		if i > 0 {
			items = append(items, self)
		}
		items = append(items, a)
	}
	return NewOdooSQL(strings.Repeat("%s", len(items)), items, nil)
}

// ResolveQuery turns what a script passed as the query of execute or
// mogrify into text and parameters, as Odoo's cursor does: a str as is, a
// psycopg2.sql Composable rendered with as_string(), and an Odoo SQL
// object as its code and params (it takes no separate parameters).
// executemany passes odooSQL false: it is psycopg2's own method and knows
// no SQL objects.
func ResolveQuery(query Value, params *Value, odooSQL bool) (string, *Value, error) {
	switch {
	case query.Kind == Str || query.Kind == Bytes:
		return query.Text, params, nil
	case query.Kind == Composed && query.Comp != nil:
		s, err := query.Comp.AsString()
		return s, params, err
	case query.Kind == SQLObject && query.SQL != nil && odooSQL:
		if params != nil && params.Kind != None {
			return "", nil, pyErr("AssertionError", "Unexpected parameters for SQL query object")
		}
		p := ListValue(query.SQL.Params...)
		return query.SQL.Code, &p, nil
	}
	return "", nil, pyErr("TypeError", "argument 1 must be a string or unicode object: got %s instead", query.pyTypeName())
}
