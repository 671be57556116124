package odoolib

import (
	"testing"

	"github.com/migrate-runner/migrate-runner/sqlexec"
)

// bind with *args and **kwargs follows Python: extra positional
// arguments land in one tuple, unknown keywords in one dict, and the
// named parameters keep their rules and messages.
func TestBindVarargs(t *testing.T) {
	one, two := sqlexec.IntValue(1), sqlexec.IntValue(2)
	kw := func(kv ...any) *sqlexec.Value {
		d := sqlexec.Value{Kind: sqlexec.Dict}
		for i := 0; i < len(kv); i += 2 {
			d.Keys, d.Items = append(d.Keys, kv[i].(string)), append(d.Items, kv[i+1].(sqlexec.Value))
		}
		return &d
	}
	fq := Helper{Params: []string{"query"}, Required: 1, Varargs: true, Varkw: true}
	onlyArgs := Helper{Params: []string{"a", "b"}, Required: 1, Defaults: []sqlexec.Value{sqlexec.NoneValue()}, Varargs: true}
	onlyKw := Helper{Params: []string{"a"}, Required: 1, Varkw: true}
	plain := Helper{Params: []string{"a"}, Required: 1}
	cases := []struct {
		name   string
		h      Helper
		args   []sqlexec.Value
		kwargs *sqlexec.Value
		want   string
	}{
		{"format_query", fq, []sqlexec.Value{sqlexec.StrValue("q"), one, two}, kw("table", sqlexec.StrValue("t")), "['q', (1, 2), {'table': 't'}]"},
		{"format_query", fq, []sqlexec.Value{sqlexec.StrValue("q")}, nil, "['q', (), {}]"},
		{"format_query", fq, nil, kw("query", sqlexec.StrValue("q"), "x", one), "['q', (), {'x': 1}]"},
		{"format_query", fq, []sqlexec.Value{sqlexec.StrValue("q")}, kw("query", one), "!TypeError: format_query() got multiple values for argument 'query'"},
		{"format_query", fq, nil, kw("x", one), "!TypeError: format_query() missing 1 required positional argument: 'query'"},
		{"f", onlyArgs, []sqlexec.Value{one}, nil, "[1, None, ()]"},
		{"f", onlyArgs, []sqlexec.Value{one, two, one}, nil, "[1, 2, (1,)]"},
		{"f", onlyArgs, []sqlexec.Value{one}, kw("c", one), "!TypeError: f() got an unexpected keyword argument 'c'"},
		{"g", onlyKw, []sqlexec.Value{one, two}, nil, "!TypeError: g() takes 1 positional arguments but 2 were given"},
		{"g", onlyKw, []sqlexec.Value{one}, kw("z", two, "y", one), "[1, {'z': 2, 'y': 1}]"},
		{"h", plain, []sqlexec.Value{one}, nil, "[1]"}, // no extra slots without *args/**kwargs
	}
	for _, c := range cases {
		got, err := bind(c.name, c.h, c.args, c.kwargs)
		s := ""
		if err != nil {
			s = "!" + err.Error()
		} else {
			s = sqlexec.Repr(sqlexec.ListValue(got...))
		}
		if s != c.want {
			t.Errorf("%s(%v, %v): got %s, want %s", c.name, c.args, c.kwargs, s, c.want)
		}
	}
}
