package odoolib

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/migrate-runner/migrate-runner/sqlexec"
)

// Env is what a helper runs with: the script's cursor and the target
// series' major version (some helpers changed between series).
type Env struct {
	Cursor *sqlexec.Cursor
	Major  int
	// Script is the running script's path, for messages that name it.
	Script string

	// The rest serves helpers that commit the script's transaction and
	// then work on connections of their own (upgrade-util's
	// parallel_execute). The runner sets them; elsewhere they are zero.

	// Commit commits the script's transaction so far and goes on in a new
	// one, as Odoo's cr.commit() does; call names the helper
	// ("explode_execute"). Nil, or an error (--dry-run refuses), means
	// the helper must not go on.
	Commit func(ctx context.Context, call string) error
	// Connect opens another connection to the script's database.
	Connect func(ctx context.Context) (*pgconn.PgConn, error)
	// Jobs caps the parallel connections (--jobs); 0 means one per CPU.
	Jobs int
	// CommitPoint, when set, hears what a committing helper did, for the
	// run's report.
	CommitPoint func(CommitPoint)
}

// CommitPoint is one commit a helper made inside a script and the
// buckets (queries) it then ran, each in a transaction of its own.
type CommitPoint struct {
	Call        string `json:"call"`        // explode_execute, parallel_execute, …
	Buckets     int    `json:"buckets"`     // queries to run
	Connections int    `json:"connections"` // parallel connections used
	// Committed are the buckets whose transactions committed: their
	// effects stay even when the script fails afterwards.
	Committed []Bucket `json:"committed"`
	// Retried ran again, serially on the script's cursor, after a
	// deadlock or serialization failure.
	Retried  []Bucket `json:"retried,omitempty"`
	Failed   []Bucket `json:"failed,omitempty"`  // failed the script
	NotRun   int      `json:"not_run,omitempty"` // never started: another bucket had failed
	RowCount int64    `json:"rowcount"`
}

// Bucket is one query of a CommitPoint.
type Bucket struct {
	Index    int    `json:"index"` // 1-based, in the order the queries were given
	Label    string `json:"label"` // what it covers ("ids 1-10000")
	RowCount int64  `json:"rowcount"`
	Error    string `json:"error,omitempty"`
}

// String is the commit point's report line (without the script):
// "explode_execute, 4 buckets on 2 connections", then what failed and
// which committed buckets stay.
func (p CommitPoint) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s, %d buckets on %d connection", p.Call, p.Buckets, p.Connections)
	if p.Connections != 1 {
		b.WriteByte('s')
	}
	fmt.Fprintf(&b, ", %d rows", p.RowCount)
	if len(p.Retried) > 0 {
		fmt.Fprintf(&b, "; %d retried serially after a deadlock or serialization failure", len(p.Retried))
	}
	if len(p.Failed) == 0 {
		return b.String()
	}
	for _, f := range p.Failed {
		fmt.Fprintf(&b, "; FAILED bucket %d (%s): %s", f.Index, f.Label, f.Error)
	}
	b.WriteString("; committed and kept:")
	if len(p.Committed) == 0 {
		b.WriteString(" none")
	}
	for i, c := range p.Committed {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, " bucket %d (%s, %d rows)", c.Index, c.Label, c.RowCount)
	}
	if p.NotRun > 0 {
		fmt.Fprintf(&b, "; %d not run", p.NotRun)
	}
	return b.String()
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
	// Varargs and Varkw give the function *args and **kwargs: Fn then
	// gets, after the parameters, the extra positional arguments as one
	// Tuple (Varargs) and the extra keyword arguments as one Dict (Varkw).
	Varargs, Varkw bool
	Fn             func(ctx context.Context, env Env, a []sqlexec.Value) (sqlexec.Value, error)
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
	var extraArgs []sqlexec.Value
	if len(args) > len(h.Params) {
		if !h.Varargs {
			return nil, typeErr("%s() takes %d positional arguments but %d were given", fname, len(h.Params), len(args))
		}
		args, extraArgs = args[:len(h.Params)], args[len(h.Params):]
	}
	out := make([]sqlexec.Value, len(h.Params))
	set := make([]bool, len(h.Params))
	for i, a := range args {
		out[i], set[i] = a, true
	}
	extraKw := sqlexec.Value{Kind: sqlexec.Dict}
	if kwargs != nil {
		for i, k := range kwargs.Keys {
			j := indexOf(h.Params, k)
			if j < 0 && h.Varkw {
				extraKw.Keys, extraKw.Items = append(extraKw.Keys, k), append(extraKw.Items, kwargs.Items[i])
				continue
			}
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
	if h.Varargs {
		out = append(out, sqlexec.TupleValue(extraArgs...))
	}
	if h.Varkw {
		out = append(out, extraKw)
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

// HostInit is what a Python host needs to bind every helper: their
// names, which take no cursor, the modules to create and the aliases
// (the "init" frame of pyhost's protocol carries it).
func HostInit() map[string]any {
	var pure []string
	for _, n := range Names() {
		if !TakesCursor(n) {
			pure = append(pure, n)
		}
	}
	return map[string]any{"helpers": Names(), "pure": pure, "modules": Modules(), "aliases": Aliases()}
}
