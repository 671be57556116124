package embedded

import (
	"strings"

	"github.com/go-python/gpython/py"

	"github.com/migrate-runner/migrate-runner/pyhost/embedded/pyfmt"
)

// Odoo 18's exec_script checks migrate()'s signature before calling it:
// the parameter names must be one of VALID_MIGRATE_PARAMS, and both
// plain positional parameters. openupgradelib, once imported, adds
// ("env", "version") to Odoo's list. The external host does the same
// check with inspect.signature (harness.py, _check_signature).

// ouDecorated maps each function @openupgrade.migrate() returned to the
// function it wraps: the signature Odoo sees through __wrapped__. It is
// emptied at each script's start.
var ouDecorated = map[*py.Method]py.Object{}

// validMigrateParams is Odoo's list; env is openupgradelib's addition.
func validMigrateParams(names []string, env bool) bool {
	if len(names) != 2 {
		return false
	}
	if env && names[0] == "env" && names[1] == "version" {
		return true
	}
	return (names[0] == "cr" || names[0] == "_cr") && (names[1] == "version" || names[1] == "_version")
}

// checkSignature is Odoo 18's check, raising its TypeError.
func checkSignature(mod *py.Module, migrate py.Object, addon string) error {
	fn := migrate
	env := false
	if m, ok := migrate.(*py.Method); ok {
		if inner, ok := ouDecorated[m]; ok {
			fn, env = inner, true
		}
	}
	for _, v := range mod.Globals {
		if m, ok := v.(*py.Module); ok {
			if name, _ := m.Globals["__name__"].(py.String); name == "openupgradelib" || strings.HasPrefix(string(name), "openupgradelib.") {
				env = true
			}
		}
	}
	f, ok := fn.(*py.Function)
	if !ok {
		if _, callable := fn.(py.I__call__); callable {
			return nil // a class or a builtin: CPython reads its signature; not checked here
		}
		return py.ExceptionNewf(py.TypeError, "module %s: `migrate` needs to be a function, got %s", addon, mustRepr(migrate))
	}
	names, sig := signature(f)
	if !validMigrateParams(names, env) {
		repr, _ := pyfmt.Repr(migrate)
		return py.ExceptionNewf(py.TypeError, "module %s: `migrate`'s signature should be `(cr, version)`, %s is %s", addon, repr, sig)
	}
	return nil
}

// signature is a function's plain positional parameter names (nil when
// it has any other kind) and its signature as CPython's inspect prints
// it: "(cr, version, extra=1, *args, key, **kw)".
func signature(f *py.Function) ([]string, string) {
	code := f.Code
	nargs, nkw := int(code.Argcount), int(code.Kwonlyargcount)
	var parts []string
	firstDefault := nargs - len(f.Defaults)
	for i := 0; i < nargs; i++ {
		p := code.Varnames[i]
		if i >= firstDefault {
			p += "=" + mustRepr(f.Defaults[i-firstDefault])
		}
		parts = append(parts, p)
	}
	next := nargs + nkw
	varargs := code.Flags&py.CO_VARARGS != 0
	if varargs {
		parts = append(parts, "*"+code.Varnames[next])
		next++
	} else if nkw > 0 {
		parts = append(parts, "*")
	}
	for i := nargs; i < nargs+nkw; i++ {
		p := code.Varnames[i]
		if d, ok := f.KwDefaults[p]; ok {
			p += "=" + mustRepr(d)
		}
		parts = append(parts, p)
	}
	varkw := code.Flags&py.CO_VARKEYWORDS != 0
	if varkw {
		parts = append(parts, "**"+code.Varnames[next])
	}
	var names []string
	if !varargs && !varkw && nkw == 0 {
		names = code.Varnames[:nargs]
	}
	return names, "(" + strings.Join(parts, ", ") + ")"
}
