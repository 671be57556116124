package sqlexec

import (
	"testing"
	"time"
)

func csql(s string) Value      { return ComposableValue(Composable{Kind: CompSQL, Text: s}) }
func cident(s ...string) Value { return ComposableValue(Composable{Kind: CompIdentifier, Strings: s}) }
func clit(v Value) Value       { return ComposableValue(Composable{Kind: CompLiteral, Literal: v}) }
func cph(name string) Value {
	return ComposableValue(Composable{Kind: CompPlaceholder, Text: name, Named: name != ""})
}
func kw(kv map[string]Value) *Value { d := DictValue(kv); return &d }

// composeCases pair a psycopg2.sql expression with the same composition
// in Go; TestComposableMatchesPsycopg2 checks the text (or error) of each
// against psycopg2.
var composeCases = []struct {
	py       string
	template string
	args     []Value
	kwargs   *Value
}{
	{`sql.SQL("select {} from {}").format(sql.Identifier("a"), sql.Identifier("s", "t"))`, "select {} from {}", []Value{cident("a"), cident("s", "t")}, nil},
	{`sql.SQL("{0} = {0} and {x}").format(sql.Literal("it's"), x=sql.Placeholder())`, "{0} = {0} and {x}", []Value{clit(StrValue("it's"))}, kw(map[string]Value{"x": cph("")})},
	{`sql.SQL("{{}} {} }}{{").format(sql.Placeholder("n"))`, "{{}} {} }}{{", []Value{cph("n")}, nil},
	{`sql.SQL("{}").format(sql.Identifier('ba"z', "x'y"))`, "{}", []Value{cident(`ba"z`, "x'y")}, nil},
	{`sql.SQL("{} {} {} {}").format(sql.Literal([1, None]), sql.Literal(None), sql.Literal((1, 'a')), sql.Literal(datetime.date(2024, 1, 2)))`, "{} {} {} {}",
		[]Value{clit(ListValue(IntValue(1), NoneValue())), clit(NoneValue()), clit(TupleValue(IntValue(1), StrValue("a"))), clit(DateValue(mustDate("2024-01-02")))}, nil},
	{`sql.SQL("{} {}").format(sql.SQL("a"), sql.SQL("b") + sql.Identifier("c"))`, "{} {}", []Value{csql("a"), ComposableValue(Composable{Kind: CompComposed, Seq: []Composable{{Kind: CompSQL, Text: "b"}, {Kind: CompIdentifier, Strings: []string{"c"}}}})}, nil},
	{`sql.SQL("no fields")`, "no fields", nil, nil},
	{`sql.SQL("{:>3}").format(sql.SQL("a"))`, "{:>3}", []Value{csql("a")}, nil},
	{`sql.SQL("{!r}").format(sql.SQL("a"))`, "{!r}", []Value{csql("a")}, nil},
	{`sql.SQL("{} {0}").format(sql.SQL("a"))`, "{} {0}", []Value{csql("a")}, nil},
	{`sql.SQL("{0} {}").format(sql.SQL("a"))`, "{0} {}", []Value{csql("a")}, nil},
	{`sql.SQL("{").format()`, "{", nil, nil},
	{`sql.SQL("a } b").format()`, "a } b", nil, nil},
	{`sql.SQL("{x").format()`, "{x", nil, nil},
	{`sql.SQL("{}").format(42)`, "{}", []Value{IntValue(42)}, nil},
	{`sql.SQL("{}").format("str")`, "{}", []Value{StrValue("str")}, nil},
	{`sql.SQL("{nope}").format()`, "{nope}", nil, nil},
	{`sql.SQL("{} {}").format(sql.SQL("a"))`, "{} {}", []Value{csql("a")}, nil},
	{`sql.SQL("{3}").format(sql.SQL("a"))`, "{3}", []Value{csql("a")}, nil},
	{`sql.SQL("{0[x]:y}").format(sql.SQL("a"))`, "{0[x]:y}", []Value{csql("a")}, nil},
	{`sql.SQL("{}").format(sql.Literal({'a': 1}))`, "{}", []Value{clit(DictValue(map[string]Value{"a": IntValue(1)}))}, nil},
}

func TestComposableMatchesPsycopg2(t *testing.T) {
	exprs := make([]string, len(composeCases))
	for i, c := range composeCases {
		exprs[i] = c.py
	}
	var want []string
	psycopg2Oracle(t, `
from psycopg2 import sql
out = []
for expr in json.load(sys.stdin):
    try:
        out.append(eval(expr).as_string(conn))
    except Exception as e:
        msg = str(e) if not isinstance(e, KeyError) else repr(e.args[0])
        out.append("!%s: %s" % (type(e).__name__, msg))
json.dump(out, sys.stdout)
`, exprs, &want)
	for i, c := range composeCases {
		got := ""
		comp, err := FormatComposable(c.template, c.args, c.kwargs)
		if err == nil {
			got, err = comp.AsString()
		}
		if err != nil {
			pe, _ := err.(*PyError)
			got = "!" + pe.Type + ": " + pe.Msg
		}
		if got != want[i] {
			t.Errorf("%s\n    got %s\npsycopg2 %s", c.py, got, want[i])
		}
	}
}

func TestComposableJoinAndRepr(t *testing.T) {
	j := JoinComposable(Composable{Kind: CompSQL, Text: ", "}, []Composable{
		{Kind: CompIdentifier, Strings: []string{"a"}}, {Kind: CompLiteral, Literal: IntValue(1)}, {Kind: CompPlaceholder}})
	if s, _ := j.AsString(); s != `"a", 1, %s` {
		t.Errorf("join: %s", s)
	}
	if r := Repr(ComposableValue(j)); r != `Composed([Identifier('a'), SQL(', '), Literal(1), SQL(', '), Placeholder()])` {
		t.Errorf("repr: %s", r)
	}
	// A Composable is not a parameter value.
	if _, err := Quote(cident("a")); err == nil || err.Error() != "ProgrammingError: can't adapt type 'Identifier'" {
		t.Errorf("quote composable: %v", err)
	}
}

func odoo(t *testing.T, code string, args ...Value) *OdooSQL {
	t.Helper()
	s, err := NewOdooSQL(code, args, nil)
	if err != nil {
		t.Fatalf("SQL(%q): %v", code, err)
	}
	return s
}

func sqlv(s *OdooSQL) Value { return Value{Kind: SQLObject, SQL: s} }

// TestOdooSQL follows odoo.tools.SQL (17.0/18.0) as the reference
// describes it: nested objects inline their code and splice their
// parameters; "%%" collapses only when there are arguments.
func TestOdooSQL(t *testing.T) {
	col, _ := OdooIdentifier("name", nil)
	tbl, _ := OdooIdentifier("res_partner", nil)
	sub := "x"
	qual, _ := OdooIdentifier("t", &sub)
	set := odoo(t, "%s = %s", sqlv(col), StrValue("hello"))
	upd := odoo(t, "UPDATE %s SET %s WHERE id IN %s", sqlv(tbl), sqlv(set), TupleValue(IntValue(1), IntValue(2)))
	if upd.Code != `UPDATE "res_partner" SET "name" = %s WHERE id IN %s` || Repr(TupleValue(upd.Params...)) != `('hello', (1, 2))` {
		t.Errorf("nested: %q %s", upd.Code, Repr(TupleValue(upd.Params...)))
	}
	if qual.Code != `"t"."x"` {
		t.Errorf("qualified: %s", qual.Code)
	}
	if s := odoo(t, "SELECT 'a%%'"); s.Code != "SELECT 'a%%'" {
		t.Errorf("no args keeps %%%%: %q", s.Code)
	}
	if s := odoo(t, "SELECT 'a%%', %s", IntValue(1)); s.Code != "SELECT 'a%', %s" {
		t.Errorf("args collapse %%%%: %q", s.Code)
	}
	named, err := NewOdooSQL("%(a)s + %(b)s + %(a)s", nil, kw(map[string]Value{"a": IntValue(1), "b": sqlv(col)}))
	if err != nil || named.Code != `%s + "name" + %s` || Repr(TupleValue(named.Params...)) != "(1, 1)" {
		t.Errorf("named: %+v %v", named, err)
	}
	joined, _ := odoo(t, ", ").Join([]Value{sqlv(col), IntValue(3), sqlv(set)})
	if joined.Code != `"name", %s, "name" = %s` || Repr(TupleValue(joined.Params...)) != "(3, 'hello')" {
		t.Errorf("join: %q %s", joined.Code, Repr(TupleValue(joined.Params...)))
	}
	withParam := odoo(t, " %s ", IntValue(0))
	joined2, _ := withParam.Join([]Value{IntValue(1), IntValue(2)})
	if joined2.Code != "%s %s %s" || Repr(TupleValue(joined2.Params...)) != "(1, 0, 2)" {
		t.Errorf("join with params: %q %s", joined2.Code, Repr(TupleValue(joined2.Params...)))
	}
	if r := Repr(sqlv(upd)); r != `SQL('UPDATE "res_partner" SET "name" = %s WHERE id IN %s', 'hello', (1, 2))` {
		t.Errorf("repr: %s", r)
	}
	for _, c := range []struct {
		code string
		args []Value
		kw   *Value
		want string
	}{
		{"SELECT %s", nil, nil, "TypeError: not enough arguments for format string"},
		{"SELECT 1", []Value{IntValue(1)}, nil, "TypeError: not all arguments converted during string formatting"},
		{"SELECT %d", []Value{IntValue(1)}, nil, "TypeError: %d format: a real number is required, not str"},
		{"SELECT %", []Value{IntValue(1)}, nil, "ValueError: incomplete format"},
		{"SELECT %y", []Value{IntValue(1)}, nil, "ValueError: unsupported format character 'y' (0x79) at index 8"},
		{"%s %(a)s", []Value{IntValue(1)}, kw(map[string]Value{"a": IntValue(1)}), "TypeError: SQL() takes either positional arguments, or named arguments"},
		{"%(b)s", nil, kw(map[string]Value{"a": IntValue(1)}), "KeyError: 'b'"},
	} {
		_, err := NewOdooSQL(c.code, c.args, c.kw)
		if err == nil || err.Error() != c.want {
			t.Errorf("SQL(%q): %v, want %s", c.code, err, c.want)
		}
	}
	for _, bad := range []string{"", "a b", `a"b`, "$x"} {
		if _, err := OdooIdentifier(bad, nil); err == nil {
			t.Errorf("identifier %q accepted", bad)
		}
	}
	for _, good := range []string{"res_partner", "x_studio-field", "1abc", "été"} {
		if _, err := OdooIdentifier(good, nil); err != nil {
			t.Errorf("identifier %q: %v", good, err)
		}
	}
}

func FuzzFormatComposable(f *testing.F) {
	for _, c := range composeCases {
		f.Add(c.template)
	}
	f.Fuzz(func(t *testing.T, tmpl string) {
		comp, err := FormatComposable(tmpl, []Value{csql("a"), cident("b")}, kw(map[string]Value{"k": cph("p")}))
		if err == nil {
			_, _ = comp.AsString()
		}
		_, _ = NewOdooSQL(tmpl, []Value{IntValue(1)}, nil)
		_, _ = NewOdooSQL(tmpl, nil, kw(map[string]Value{"k": IntValue(1)}))
	})
}

func mustDate(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}
