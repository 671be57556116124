package embedded

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/go-python/gpython/py"

	"github.com/migrate-runner/migrate-runner/odoolib"
	"github.com/migrate-runner/migrate-runner/pyhost/embedded/compat"
	"github.com/migrate-runner/migrate-runner/pyhost/embedded/pydatetime"
	"github.com/migrate-runner/migrate-runner/pyhost/embedded/pyfmt"
	"github.com/migrate-runner/migrate-runner/pyhost/embedded/pystdlib"
	"github.com/migrate-runner/migrate-runner/sqlexec"
)

// Shim modules, registered once per process: psycopg2 and its
// submodules, odoo, odoo.upgrade, odoo.upgrade.util and logging.

var (
	registerOnce sync.Once
	excClasses   = map[string]*py.Type{} // psycopg2's DBAPI classes by name
	errorClasses = map[string]*py.Type{} // psycopg2.errors classes by name
	bySQLState   = map[string]*py.Type{}
)

// newException makes an exception class under base with the metatype
// fixed (gpython gives subclasses their parent as metatype).
func newException(base *py.Type, name, module string) *py.Type {
	t := base.NewType(name, "", nil, nil)
	t.ObjectType = py.TypeType
	t.Flags |= py.TPFLAGS_BASE_EXC_SUBCLASS // what `except` checks before comparing classes
	t.Dict["__module__"] = py.String(module)
	// NewType copies the parent's flags, READY included, so Ready would
	// return at once and leave Base and the MRO unset: `except Parent`
	// would then never catch the subclass.
	t.Flags &^= py.TPFLAGS_READY
	if err := t.Ready(); err != nil {
		panic(err)
	}
	return t
}

// registerModules builds the shim modules once per process, psycopg2.errors
// from sqlexec's SQLSTATE table (code, class name, DBAPI base).
func registerModules() {
	registerOnce.Do(func() {
		table := sqlexec.ErrorClasses()
		compat.Install()
		pyfmt.Install()
		patchStdlib()
		pystdlib.Install()
		pydatetime.Install()
		for _, name := range append(pystdlib.Names(), "datetime") {
			allowed[name] = true
		}
		errType := newException(py.ExceptionType, "Error", "psycopg2")
		excClasses["Error"] = errType
		excClasses["Warning"] = newException(py.ExceptionType, "Warning", "psycopg2")
		excClasses["InterfaceError"] = newException(errType, "InterfaceError", "psycopg2")
		db := newException(errType, "DatabaseError", "psycopg2")
		excClasses["DatabaseError"] = db
		for _, n := range []string{"DataError", "OperationalError", "IntegrityError", "InternalError", "ProgrammingError", "NotSupportedError"} {
			excClasses[n] = newException(db, n, "psycopg2")
		}
		excClasses["TransactionRollbackError"] = newException(excClasses["OperationalError"], "TransactionRollbackError", "psycopg2.extensions")
		excClasses["QueryCanceledError"] = newException(excClasses["OperationalError"], "QueryCanceledError", "psycopg2.extensions")
		excClasses["OrmUnavailable"] = newException(py.ExceptionType, "OrmUnavailable", "migrate_runner")
		// upgrade-util's exceptions (src/util/exceptions.py), raised by its helpers by name.
		excClasses["UpgradeError"] = newException(py.ExceptionType, "UpgradeError", "odoo.upgrade.util.exceptions")
		excClasses["SleepyDeveloperError"] = newException(py.ValueError, "SleepyDeveloperError", "odoo.upgrade.util.exceptions")
		excClasses["UnknownModuleError"] = newException(py.AssertionError, "UnknownModuleError", "odoo.upgrade.util.exceptions")
		errorsGlobals := py.StringDict{}
		for _, row := range table {
			code, name, base := row[0], row[1], row[2]
			t := newException(excClasses[base], name, "psycopg2.errors")
			errorClasses[name], bySQLState[code] = t, t
			errorsGlobals[name] = t
		}
		pg := py.StringDict{"paramstyle": py.String("pyformat"), "apilevel": py.String("2.0"),
			"__version__": py.String("2.9.5 (migrate-runner embedded shim)"), "__path__": py.NewList()}
		for n, t := range excClasses {
			if t.Dict["__module__"] == py.String("psycopg2") {
				pg[n] = t
			}
		}
		ext := py.StringDict{"TransactionRollbackError": excClasses["TransactionRollbackError"],
			"QueryCanceledError":         excClasses["QueryCanceledError"],
			"ISOLATION_LEVEL_AUTOCOMMIT": py.Int(0), "ISOLATION_LEVEL_READ_UNCOMMITTED": py.Int(4),
			"ISOLATION_LEVEL_READ_COMMITTED": py.Int(1), "ISOLATION_LEVEL_REPEATABLE_READ": py.Int(2),
			"ISOLATION_LEVEL_SERIALIZABLE": py.Int(3), "ISOLATION_LEVEL_DEFAULT": py.None}
		lookup := py.MustNewMethod("lookup", func(_ py.Object, arg py.Object) (py.Object, error) {
			code, _ := arg.(py.String)
			if t, ok := bySQLState[string(code)]; ok {
				return t, nil
			}
			return nil, py.ExceptionNewf(py.KeyError, "%s", string(code))
		}, 0, "lookup(code): the psycopg2.errors class of an SQLSTATE")
		// psycopg2.errorcodes: the server's codes by psycopg2's names.
		errorcodesGlobals := py.StringDict{}
		for _, c := range sqlexec.ErrorCodeConstants() {
			errorcodesGlobals[c[0]] = py.String(c[1])
		}
		codeLookup := py.MustNewMethod("lookup", func(_ py.Object, arg py.Object) (py.Object, error) {
			code, _ := arg.(py.String)
			if name := sqlexec.ErrorCodeName(string(code)); name != "" {
				return py.String(name), nil
			}
			return nil, py.ExceptionNewf(py.KeyError, "%s", mustRepr(arg))
		}, 0, "lookup(code): the symbolic name of an error or class code")
		shims := registerSQLShims() // psycopg2.sql, odoo.tools' SQL and helpers, extras, extensions
		// Every module a helper lives in, and its parent packages.
		for _, mod := range append(odoolib.Modules(), "odoo.upgrade.util") {
			if shims[mod] == nil {
				shims[mod] = py.StringDict{}
			}
			if _, ok := shims[mod]["__path__"]; !ok && mod != "odoo.upgrade.util" {
				shims[mod]["__path__"] = py.NewList()
			}
		}
		for k, v := range editViewGlobals() { // edit_view and skippable_cm, with lxml.etree below
			shims["odoo.upgrade.util"][k] = v
		}
		for k, v := range utilGlobals() { // if_unchanged, dispatch_by_dbuuid
			shims["odoo.upgrade.util"][k] = v
		}
		shims["openupgradelib.openupgrade"]["logging"] = py.MustNewMethod("logging", ouLogging, 0,
			"logging(args_details=False, step=False): log each call of the decorated function on the OpenUpgrade logger")
		shims["openupgradelib.openupgrade"]["allow_pgcodes"] = py.MustNewMethod("allow_pgcodes", newAllowPgcodes, 0,
			"allow_pgcodes(cr, *codes): a savepoint that swallows the given error codes (logged on OpenUpgrade)")
		for _, n := range []string{"UpgradeError", "SleepyDeveloperError", "UnknownModuleError"} {
			shims["odoo.upgrade.util"][n] = excClasses[n]
		}
		shims["odoo.upgrade.util"]["MigrationError"] = excClasses["UpgradeError"]
		registered := map[string]py.StringDict{}
		for _, m := range []struct {
			name    string
			globals py.StringDict
			methods []*py.Method
		}{
			{"psycopg2", pg, nil},
			{"psycopg2.extensions", ext, nil},
			{"psycopg2.errors", errorsGlobals, []*py.Method{lookup}},
			{"psycopg2.errorcodes", errorcodesGlobals, []*py.Method{codeLookup}},
			{"psycopg2.extras", py.StringDict{}, nil},
			{"odoo", py.StringDict{"__path__": py.NewList()}, nil},
			{"odoo.upgrade", py.StringDict{"__path__": py.NewList()}, nil},
			{"migrate_runner", py.StringDict{"OrmUnavailable": excClasses["OrmUnavailable"]}, nil},
			{"logging", merge(loggingGlobals(), loggingClasses()), loggingMethods()},
		} {
			for k, v := range shims[m.name] {
				m.globals[k] = v
			}
			delete(shims, m.name)
			registered[m.name] = m.globals
			py.RegisterModule(&py.ModuleImpl{Info: py.ModuleInfo{Name: m.name}, Globals: m.globals, Methods: m.methods})
		}
		for name, globals := range shims {
			registered[name] = globals
			py.RegisterModule(&py.ModuleImpl{Info: py.ModuleInfo{Name: name}, Globals: globals})
		}
		// An alias gets the target's globals: the same functions.
		for alias, target := range odoolib.Aliases() {
			py.RegisterModule(&py.ModuleImpl{Info: py.ModuleInfo{Name: alias}, Globals: registered[target]})
		}
		for _, mod := range append(odoolib.Modules(), "migrate_runner") {
			allowed[mod] = true
			if i := strings.LastIndexByte(mod, '.'); i > 0 && !contains(children[mod[:i]], mod[i+1:]) {
				children[mod[:i]] = append(children[mod[:i]], mod[i+1:])
			}
		}
		for alias := range odoolib.Aliases() {
			allowed[alias] = true
			if i := strings.LastIndexByte(alias, '.'); i > 0 && !contains(children[alias[:i]], alias[i+1:]) {
				children[alias[:i]] = append(children[alias[:i]], alias[i+1:])
			}
		}
		for _, impl := range osModules() {
			py.RegisterModule(impl)
		}
		for _, impl := range lxmlModules() {
			py.RegisterModule(impl)
		}
	})
}

// allowed are the modules a script may import: the shims, and gpython's
// harmless pure modules. Everything else, files on disk included, is an
// ImportError.
var allowed = map[string]bool{
	"psycopg2": true, "psycopg2.extensions": true, "psycopg2.errors": true, "psycopg2.extras": true, "psycopg2.errorcodes": true,
	"odoo": true, "odoo.upgrade": true, "odoo.upgrade.util": true, "logging": true, "migrate_runner": true,
	"math": true, "string": true, "time": true, "sys": true, "os": true, "os.path": true,
	"psycopg2.sql": true, "odoo.tools": true, "odoo.tools.sql": true, "lxml": true, "lxml.etree": true,
}

// children are submodules loaded with their parent, as CPython's os
// imports os.path.
var children = map[string][]string{"os": {"path"}, "lxml": {"etree"},
	"psycopg2": {"extensions", "errors", "errorcodes", "extras", "sql"}, "odoo": {"tools", "upgrade"}, "odoo.tools": {"sql"}}

// importFunc is the sandbox's __import__: whitelisted modules only,
// dotted names bound into their parents, the leaf returned when there is
// a fromlist, as CPython does.
func importFunc(ctx py.Context) *py.Method {
	return py.MustNewMethod("__import__", func(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		var name py.Object
		var globals, locals, fromlist, level py.Object = py.None, py.None, py.None, py.Int(0)
		if err := py.ParseTupleAndKeywords(args, kwargs, "U|OOOO:__import__",
			[]string{"name", "globals", "locals", "fromlist", "level"}, &name, &globals, &locals, &fromlist, &level); err != nil {
			return nil, err
		}
		full := string(name.(py.String))
		if lv, ok := level.(py.Int); ok && lv != 0 {
			return nil, py.ExceptionNewf(py.ImportError, "relative imports are not available in the embedded host")
		}
		parts := strings.Split(full, ".")
		var top, leaf *py.Module
		for i := range parts {
			prefix := strings.Join(parts[:i+1], ".")
			m, err := loadModule(ctx, prefix)
			if err != nil {
				return nil, err
			}
			if i == 0 {
				top = m
			} else {
				leaf.Globals[parts[i]] = m
			}
			leaf = m
		}
		if fl, ok := fromlist.(py.Tuple); ok && len(fl) > 0 {
			for _, f := range fl {
				sub := full + "." + string(f.(py.String))
				if _, present := leaf.Globals[string(f.(py.String))]; !present && allowed[sub] {
					m, err := loadModule(ctx, sub)
					if err != nil {
						return nil, err
					}
					leaf.Globals[string(f.(py.String))] = m
				}
			}
			return leaf, nil
		}
		return top, nil
	}, 0, "__import__(name, globals=None, locals=None, fromlist=(), level=0)")
}

func loadModule(ctx py.Context, name string) (*py.Module, error) {
	if !allowed[name] {
		return nil, py.ExceptionNewf(moduleNotFound, "No module named '%s' (the embedded host's sandbox allows only %s)", name, allowedList())
	}
	if m, err := ctx.GetModule(name); err == nil {
		return m, nil
	}
	impl := py.GetModuleImpl(name)
	if impl == nil {
		return nil, py.ExceptionNewf(moduleNotFound, "No module named '%s'", name)
	}
	m, err := ctx.ModuleInit(impl)
	if err != nil {
		return nil, err
	}
	for _, child := range children[name] {
		c, err := loadModule(ctx, name+"."+child)
		if err != nil {
			return nil, err
		}
		m.Globals[child] = c
	}
	return m, nil
}

func allowedList() string {
	names := make([]string, 0, len(allowed))
	for n := range allowed {
		if !strings.Contains(n, ".") {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// sandbox removes what lets a script reach the host: files, eval and
// friends, and installs the whitelisting import.
func sandbox(ctx py.Context) {
	// The compatibility layer first, so that the sandbox has the last word.
	compat.Builtins(ctx)
	pyfmt.Builtins(ctx)
	b := ctx.Store().Builtins.Globals
	for _, name := range []string{"input", "globals", "locals", "vars", "exit", "quit", "breakpoint"} {
		delete(b, name)
	}
	for _, name := range []string{"eval", "exec", "compile"} {
		b[name] = denied(name, whyCode)
	}
	b["open"] = py.MustNewMethod("open", sandboxOpen, 0, "open(file, mode='r'): read-only, inside --allow-fs")
	b["__import__"] = importFunc(ctx)
	b["ModuleNotFoundError"] = moduleNotFound
}

func describe(o py.Object) string {
	if o == nil {
		return "<Go nil>"
	}
	s, err := py.ReprAsString(o)
	if err != nil {
		return fmt.Sprintf("<%s>", o.Type().Name)
	}
	return s
}

func merge(a, b py.StringDict) py.StringDict {
	for k, v := range b {
		a[k] = v
	}
	return a
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
