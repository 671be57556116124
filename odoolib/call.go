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
	// Script is the running script's path, for messages that name it.
	Script string
}

// Helper is one Python function: its parameter names (after cr, for
// cursor helpers), how many are required, the defaults of the others,
// and its body. Pure helpers take no cursor (escape_psql, format_query's
// siblings); the hosts bind them without cr and run them with a zero Env.
type Helper struct {
	Params   []string
	Required int
	Defaults []sqlexec.Value // for Params[Required:]
	Pure     bool
	Fn       func(ctx context.Context, env Env, a []sqlexec.Value) (sqlexec.Value, error)
}

var registry = map[string]Helper{}

// Register adds the helper qualname ("odoo.upgrade.util.ref"). Packages
// that implement a library (upgradeutil, openupgrade) call it from init;
// a name registered twice is a programming error.
func Register(qualname string, h Helper) {
	if _, dup := registry[qualname]; dup {
		panic("odoolib: helper registered twice: " + qualname)
	}
	if len(h.Defaults) != len(h.Params)-h.Required {
		panic("odoolib: " + qualname + ": defaults do not match the optional parameters")
	}
	registry[qualname] = h
}

// TakesCursor tells whether a helper's first Python parameter is cr.
func TakesCursor(qualname string) bool { return !registry[qualname].Pure }

// Modules lists the Python modules the helpers live in, with their
// parent packages ("odoo", "odoo.upgrade", "odoo.upgrade.util", …),
// sorted, so that each host can create every module a helper needs.
func Modules() []string {
	seen := map[string]bool{}
	for n := range registry {
		mod := n[:strings.LastIndexByte(n, '.')]
		for {
			seen[mod] = true
			i := strings.LastIndexByte(mod, '.')
			if i < 0 {
				break
			}
			mod = mod[:i]
		}
	}
	for alias := range aliases { // the alias's parents; the alias is the target itself
		for i := strings.LastIndexByte(alias, '.'); i > 0; i = strings.LastIndexByte(alias[:i], '.') {
			seen[alias[:i]] = true
		}
	}
	out := make([]string, 0, len(seen))
	for m := range seen {
		out = append(out, m)
	}
	sort.Strings(out)
	return out
}

// aliases are modules that are another module under a second name.
var aliases = map[string]string{}

// Alias makes module alias ("odoo.addons.base.maintenance.migrations.util")
// the same module as target ("odoo.upgrade.util") in both hosts.
func Alias(alias, target string) { aliases[alias] = target }

// Aliases returns the module aliases, alias → target.
func Aliases() map[string]string { return aliases }

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
	return h.Fn(ctx, env, bound)
}

// bind maps arguments to parameters with Python's rules and messages.
// The first parameter of cursor helpers (cr) is bound by the host, so it
// is not in params.
func bind(fname string, h Helper, args []sqlexec.Value, kwargs *sqlexec.Value) ([]sqlexec.Value, error) {
	if len(args) > len(h.Params) {
		return nil, typeErr("%s() takes %d positional arguments but %d were given", fname, len(h.Params), len(args))
	}
	out := make([]sqlexec.Value, len(h.Params))
	set := make([]bool, len(h.Params))
	for i, a := range args {
		out[i], set[i] = a, true
	}
	if kwargs != nil {
		for i, k := range kwargs.Keys {
			j := indexOf(h.Params, k)
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
	for i := range h.Params {
		if set[i] {
			continue
		}
		if i >= h.Required {
			out[i] = h.Defaults[i-h.Required]
			continue
		}
		missing = append(missing, "'"+h.Params[i]+"'")
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

// OrmUnavailable is the error of every entry point that needs Odoo's ORM
// (util.env, iter_browse, openupgrade's env["model"], …): the hosts raise
// it as migrate_runner.OrmUnavailable. call names what the script called.
func OrmUnavailable(call string) error {
	return &sqlexec.PyError{Type: "OrmUnavailable", Msg: call + " needs Odoo's ORM, which migrate-runner does not run: " +
		"it runs migration scripts at the SQL level only (use cr.execute, or run this script inside Odoo)"}
}

// PyErr is the Python exception typ(msg) a helper raises.
func PyErr(typ, format string, a ...any) error {
	return &sqlexec.PyError{Type: typ, Msg: fmt.Sprintf(format, a...)}
}

// Str requires a str argument, as the helpers' string formatting does.
func Str(fname, param string, v sqlexec.Value) (string, error) { return str(fname, param, v) }

func str(fname, param string, v sqlexec.Value) (string, error) {
	if v.Kind != sqlexec.Str {
		return "", typeErr("%s(): %s must be str, not %s", fname, param, sqlexec.TypeName(v))
	}
	return v.Text, nil
}
