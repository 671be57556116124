package openupgrade

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/migrate-runner/migrate-runner/odoolib"
	"github.com/migrate-runner/migrate-runner/sqlexec"
)

// The helpers follow openupgradelib's openupgrade.py as stored for
// reference (the 2020-2021 line: rename_fields with filters and mail
// aliases, rename_tables renaming indexes and constraints, add_fields
// with its type map), with the series branches later releases added and
// that were checked against their pull requests: no ir_translation from
// 16.0 on (OCA/openupgradelib#310), ir_property only where the table
// exists (#395, #414). Where upstream reads release.version_info, the
// target series comes from odoolib.Env.Major.

// Module prefixes of the helpers' qualified names.
const (
	ouMod    = "openupgradelib.openupgrade."
	toolsMod = "openupgradelib.openupgrade_tools."
	mergeMod = "openupgradelib.openupgrade_merge_records."
	ou90Mod  = "openupgradelib.openupgrade_90."
	ou160Mod = "openupgradelib.openupgrade_160."
)

// op is one helper call: the script's cursor and series.
type op struct {
	ctx context.Context
	env odoolib.Env
}

type helperFn func(o op, a []sqlexec.Value) (sqlexec.Value, error)

// reg registers a helper whose first Python parameter is cr (or env,
// which the hosts turn into its cr).
func reg(qualname string, params []string, required int, defaults []sqlexec.Value, fn helperFn) {
	odoolib.Register(qualname, odoolib.Helper{Params: params, Required: required, Defaults: defaults,
		Fn: func(ctx context.Context, env odoolib.Env, a []sqlexec.Value) (sqlexec.Value, error) {
			return fn(op{ctx: ctx, env: env}, a)
		}})
}

// regPure registers a helper Python calls without a cursor.
func regPure(qualname string, params []string, required int, defaults []sqlexec.Value, fn helperFn) {
	odoolib.Register(qualname, odoolib.Helper{Params: params, Required: required, Defaults: defaults, Pure: true,
		Fn: func(ctx context.Context, env odoolib.Env, a []sqlexec.Value) (sqlexec.Value, error) {
			return fn(op{ctx: ctx, env: env}, a)
		}})
}

var (
	none   = sqlexec.NoneValue()
	vFalse = sqlexec.BoolValue(false)
	vTrue  = sqlexec.BoolValue(true)
	s      = sqlexec.StrValue
	tuple  = sqlexec.TupleValue
)

// exec runs query with positional parameters (none: the text is sent
// verbatim, as Odoo's cursor does with empty parameters).
func (o op) exec(query string, params ...sqlexec.Value) error {
	return odoolib.Exec(o.ctx, o.env, query, params...)
}

// execWith runs query with params exactly as cr.execute(query, params).
func (o op) execWith(query string, params *sqlexec.Value) error {
	return o.env.Cursor.Execute(o.ctx, query, params)
}

func (o op) fetchAll() ([][]sqlexec.Value, error) { return o.env.Cursor.FetchAll() }

// fetchOne is cr.fetchone(): nil when no row is left.
func (o op) fetchOne() ([]sqlexec.Value, error) { return o.env.Cursor.FetchOne() }

// column0 is [row[0] for row in cr.fetchall()].
func (o op) column0() ([]sqlexec.Value, error) { return odoolib.Column0(o.env) }

// logged is logged_query(cr, query, args): the statement runs with args
// (a list becomes a tuple; None and empty args send the text verbatim),
// and its rowcount is returned. Upstream logs the rowcount, duration and
// statement at DEBUG on its "OpenUpgrade" logger (ERROR when the
// statement fails); the hosts capture the script's Python logs only, so
// here the record goes to migrate-runner's own log, at DEBUG.
func (o op) logged(query sqlexec.Value, args sqlexec.Value, skipNoResult bool) (int64, error) {
	if args.Kind == sqlexec.None {
		args = tuple()
	} else if args.Kind == sqlexec.List {
		args = tuple(args.Items...)
	}
	text, params, err := sqlexec.ResolveQuery(query, &args, true)
	if err != nil {
		return 0, err
	}
	start := time.Now()
	err = o.env.Cursor.Execute(o.ctx, text, params)
	duration := time.Since(start)
	if err != nil {
		slog.Debug("OpenUpgrade: error running a query", "after", duration, "query", o.env.Cursor.Query, "error", err)
		return 0, err
	}
	n := o.env.Cursor.RowCount()
	if !skipNoResult || n != 0 {
		slog.Debug("OpenUpgrade: rows affected", "rows", n, "after", duration, "query", o.env.Cursor.Query)
	}
	return n, nil
}

// loggedText is logged_query with a str query.
func (o op) loggedText(query string, params ...sqlexec.Value) error {
	_, err := o.logged(s(query), tuple(params...), false)
	return err
}

// info mirrors upstream's logger.info calls at DEBUG (renames are
// routine), warn its warnings and errors, which point at a script
// mistake, at WARN.
func (o op) info(msg string, args ...any) { slog.Debug("OpenUpgrade: " + fmt.Sprintf(msg, args...)) }

func (o op) warn(msg string, args ...any) { slog.Warn("OpenUpgrade: " + fmt.Sprintf(msg, args...)) }

// Python semantics the helpers need for their arguments.

// pyStr is str(v) for the values a spec holds (names, None, numbers).
func pyStr(v sqlexec.Value) string {
	if v.Kind == sqlexec.Str {
		return v.Text
	}
	return sqlexec.Repr(v)
}

// iterate and unpack are Python's iteration and tuple unpacking.
var (
	iterate = odoolib.Iterate
	unpack  = odoolib.Unpack
)

// dictItems is [(k, spec[k]) for k in spec.keys()]; upstream calls
// .keys(), so anything but a dict is an AttributeError.
func dictItems(v sqlexec.Value) ([]string, []sqlexec.Value, error) {
	if v.Kind != sqlexec.Dict {
		return nil, nil, odoolib.PyErr("AttributeError", "'%s' object has no attribute 'keys'", sqlexec.TypeName(v))
	}
	return v.Keys, v.Items, nil
}

// concat is a + b on str values, with Python's TypeError otherwise.
func concat(a, b sqlexec.Value) (string, error) {
	if a.Kind != sqlexec.Str {
		return "", odoolib.PyErr("TypeError", "unsupported operand type(s) for +: '%s' and '%s'", sqlexec.TypeName(a), sqlexec.TypeName(b))
	}
	if b.Kind != sqlexec.Str {
		return "", odoolib.PyErr("TypeError", `can only concatenate str (not "%s") to str`, sqlexec.TypeName(b))
	}
	return a.Text + b.Text, nil
}

// strIn is `sub in v` for a str v.
func strIn(sub string, v sqlexec.Value) (bool, error) {
	if v.Kind != sqlexec.Str {
		return false, odoolib.PyErr("TypeError", "argument of type '%s' is not iterable", sqlexec.TypeName(v))
	}
	return strings.Contains(v.Text, sub), nil
}

// split is tuple(v.split(".")) as parameters.
func split(v sqlexec.Value) ([]sqlexec.Value, error) {
	if v.Kind != sqlexec.Str {
		return nil, odoolib.PyErr("AttributeError", "'%s' object has no attribute 'split'", sqlexec.TypeName(v))
	}
	var out []sqlexec.Value
	for _, p := range strings.Split(v.Text, ".") {
		out = append(out, s(p))
	}
	return out, nil
}

// pyLen is len() of a str, in code points.
func pyLen(v string) int { return utf8.RuneCountInString(v) }

// doRaise is upstream's do_raise(error): odoo.exceptions.UserError,
// which no shim module defines, so scripts see its base class.
func doRaise(format string, a ...any) error { return odoolib.PyErr("Exception", format, a...) }

// legacyName is get_legacy_name(name): "openupgrade_legacy_<major>_<minor>_"
// + name, upstream's release.version_info[0:2] being the target series.
// odoolib.Env has the major only: the minor is taken as 0, which is
// right for every X.0 series and not for a saas~X.Y target.
func (o op) legacyName(name sqlexec.Value) (string, error) {
	if o.env.Major <= 0 {
		return "", odoolib.PyErr("RuntimeError", "openupgrade.get_legacy_name(%s): the target Odoo series is unknown "+
			"(upstream reads it from release.version_info; migrate-runner from the plan's series)", sqlexec.Repr(name))
	}
	return concat(s(fmt.Sprintf("openupgrade_legacy_%d_0_", o.env.Major)), name)
}

// newOr is `new if new is not None else get_legacy_name(old)`.
func (o op) newOr(old, newName sqlexec.Value) (string, error) {
	if newName.Kind == sqlexec.None {
		return o.legacyName(old)
	}
	return pyStr(newName), nil
}

// major is the target series, 0 (unknown) meaning the newest behaviour.
func (o op) major() int {
	if o.env.Major <= 0 {
		return 1 << 20
	}
	return o.env.Major
}

// tableExists is openupgrade_tools.table_exists as a Go bool.
func (o op) tableExists(table string) (bool, error) {
	v, err := tableExists(o, []sqlexec.Value{s(table)})
	return v.Kind != sqlexec.None, err
}

func (o op) columnExists(table, column string) (bool, error) {
	v, err := columnExists(o, []sqlexec.Value{s(table), s(column)})
	return v.Truthy(), err
}

// isModuleInstalled is is_module_installed(cr, module).
func (o op) isModuleInstalled(module string) (bool, error) {
	v, err := isModuleInstalled(o, []sqlexec.Value{s(module)})
	return v.Truthy(), err
}

func asDBError(err error) (*sqlexec.DBError, bool) {
	var db *sqlexec.DBError
	ok := errors.As(err, &db)
	return db, ok
}
