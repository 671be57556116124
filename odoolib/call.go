package odoolib

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/migrate-runner/migrate-runner/sqlexec"
)

// Env is what a helper runs with: the script's cursor and the target
// series' major version (some helpers changed between series).
type Env struct {
	Cursor *sqlexec.Cursor
	Major  int
}

// helper is one Python function: its parameter names, how many are
// required, the defaults of the others, and its body.
type helper struct {
	params   []string
	required int
	defaults []sqlexec.Value // for params[required:]
	fn       func(ctx context.Context, env Env, a []sqlexec.Value) (sqlexec.Value, error)
}

var registry = map[string]helper{}

func register(qualname string, h helper) { registry[qualname] = h }

// Names lists every helper by its qualified Python name, sorted.
func Names() []string {
	out := make([]string, 0, len(registry))
	for n := range registry {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// Call runs the helper named qualname ("odoo.tools.sql.table_exists")
// with Python's positional and keyword arguments (kwargs is a Dict or
// nil), binding them as Python would.
func Call(ctx context.Context, env Env, qualname string, args []sqlexec.Value, kwargs *sqlexec.Value) (sqlexec.Value, error) {
	h, ok := registry[qualname]
	if !ok {
		return sqlexec.Value{}, &sqlexec.PyError{Type: "AttributeError", Msg: fmt.Sprintf("migrate-runner does not implement %s", qualname)}
	}
	fname := qualname[strings.LastIndexByte(qualname, '.')+1:]
	bound, err := bind(fname, h, args, kwargs)
	if err != nil {
		return sqlexec.Value{}, err
	}
	return h.fn(ctx, env, bound)
}

// bind maps arguments to parameters with Python's rules and messages.
// The first parameter of cursor helpers (cr) is bound by the host, so it
// is not in params.
func bind(fname string, h helper, args []sqlexec.Value, kwargs *sqlexec.Value) ([]sqlexec.Value, error) {
	if len(args) > len(h.params) {
		return nil, typeErr("%s() takes %d positional arguments but %d were given", fname, len(h.params), len(args))
	}
	out := make([]sqlexec.Value, len(h.params))
	set := make([]bool, len(h.params))
	for i, a := range args {
		out[i], set[i] = a, true
	}
	if kwargs != nil {
		for i, k := range kwargs.Keys {
			j := indexOf(h.params, k)
			if j < 0 {
				return nil, typeErr("%s() got an unexpected keyword argument '%s'", fname, k)
			}
			if set[j] {
				return nil, typeErr("%s() got multiple values for argument '%s'", fname, k)
			}
			out[j], set[j] = kwargs.Items[i], true
		}
	}
	var missing []string
	for i := range h.params {
		if set[i] {
			continue
		}
		if i >= h.required {
			out[i] = h.defaults[i-h.required]
			continue
		}
		missing = append(missing, "'"+h.params[i]+"'")
	}
	if len(missing) > 0 {
		s := "s"
		if len(missing) == 1 {
			s = ""
		}
		list := strings.Join(missing, ", ")
		if len(missing) > 1 {
			list = strings.Join(missing[:len(missing)-1], ", ") + " and " + missing[len(missing)-1]
		}
		return nil, typeErr("%s() missing %d required positional argument%s: %s", fname, len(missing), s, list)
	}
	return out, nil
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

func typeErr(format string, a ...any) error {
	return &sqlexec.PyError{Type: "TypeError", Msg: fmt.Sprintf(format, a...)}
}

// str requires a str argument, as the helpers' string formatting does.
func str(fname, param string, v sqlexec.Value) (string, error) {
	if v.Kind != sqlexec.Str {
		return "", typeErr("%s(): %s must be str, not %s", fname, param, sqlexec.TypeName(v))
	}
	return v.Text, nil
}
