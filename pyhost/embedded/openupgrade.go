package embedded

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/go-python/gpython/py"
	_ "github.com/go-python/gpython/vm" // sets py.VmEvalCode, which init wraps

	"github.com/migrate-runner/migrate-runner/odoolib"
	"github.com/migrate-runner/migrate-runner/pyhost/embedded/pyfmt"
	"github.com/migrate-runner/migrate-runner/sqlexec"
)

// OpenUpgrade's Python side, as harness.py has it for the external host:
// the @openupgrade.migrate() decorator, the env it passes, and the
// location (file:line) in every OrmUnavailable a helper or that env
// raises. The decorator's options are bound and resolved by package
// odoolib/openupgrade ("openupgradelib.openupgrade.migrate"); this file
// turns them into the decorator.

// hostWrappers turn a registered helper into the Python object the
// module holds instead (see helper).
var hostWrappers = map[string]func(bind *py.Method) *py.Method{
	"openupgradelib.openupgrade.migrate": migrateDecorator,
}

// migrateDecorator is migrate(no_version=False, use_env=None, uid=None,
// context=None): it returns wrap(func), which returns
// wrapped_function(cr, version).
func migrateDecorator(bind *py.Method) *py.Method {
	return py.MustNewMethod("migrate", func(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		res, err := py.Call(bind, args, kwargs)
		if err != nil {
			return nil, err
		}
		opts, ok := res.(py.Tuple)
		if !ok || len(opts) != 4 {
			return nil, py.ExceptionNewf(py.SystemError, "openupgrade.migrate: bad options %s", mustRepr(res))
		}
		wrap := py.MustNewMethod("wrap", func(_ py.Object, args py.Tuple) (py.Object, error) {
			if len(args) != 1 {
				return nil, py.ExceptionNewf(py.TypeError, "wrap() takes 1 positional argument but %d were given", len(args))
			}
			fn := args[0]
			name := "wrapped_function"
			if n, err := py.GetAttrString(fn, "__name__"); err == nil {
				if s, ok := n.(py.String); ok {
					name = string(s)
				}
			}
			wrapped := py.MustNewMethod(name, func(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
				var cr, version py.Object
				if err := py.ParseTupleAndKeywords(args, kwargs, "OO:wrapped_function", []string{"cr", "version"}, &cr, &version); err != nil {
					return nil, err
				}
				return runDecorated(fn, cr, version, opts)
			}, 0, name+"(cr, version): wrapped by @openupgrade.migrate()")
			ouDecorated[wrapped] = fn
			return wrapped, nil
		}, 0, "wrap(func): the migrate() decorator")
		return wrap, nil
	}, 0, "migrate(no_version=False, use_env=None, uid=None, context=None): OpenUpgrade's migrate() decorator")
}

// runDecorated is the decorated migrate(cr, version): fn runs inside a
// savepoint of cr, rolled back if it raises; it is skipped when version
// is falsy unless no_version; it gets an env rather than cr when the
// options say so.
func runDecorated(fn, crObj, version py.Object, opts py.Tuple) (py.Object, error) {
	cr, ok := crObj.(*cursor)
	if !ok {
		return nil, py.ExceptionNewf(py.TypeError, "migrate(): cr must be the migration's cursor, got %s", describeType(crObj))
	}
	sp := &savepoint{cr: cr}
	if _, err := sp.M__enter__(); err != nil {
		return nil, err
	}
	err := func() error {
		run, err := py.MakeBool(version)
		if err != nil {
			return err
		}
		if run != py.True && opts[0] != py.True {
			return nil
		}
		arg := py.Object(cr)
		if opts[1] == py.True {
			arg = &ouEnv{cr: cr, uid: opts[2], context: opts[3]}
		}
		_, err = py.Call(fn, py.Tuple{arg, version}, nil)
		return err
	}()
	var excType py.Object = py.None
	if err != nil {
		excType = py.ExceptionType
	}
	if _, exitErr := sp.M__exit__(excType, py.None, py.None); exitErr != nil && err == nil {
		return nil, exitErr
	}
	if err != nil {
		return nil, err
	}
	return py.None, nil
}

// ouEnv is the env the decorator passes: env.cr is the cursor, env.uid,
// env.context and env.su are the values Odoo's Environment would hold,
// and anything else (env["model"], env.ref(…), env.user, env.company,
// …) needs Odoo's ORM and raises OrmUnavailable.
type ouEnv struct {
	cr           *cursor
	uid, context py.Object
}

var ouEnvType = py.NewType("Environment", "the env of @openupgrade.migrate(): SQL only (env.cr); its ORM raises OrmUnavailable")

func (e *ouEnv) Type() *py.Type { return ouEnvType }

func (e *ouEnv) M__getattr__(name string) (py.Object, error) {
	if strings.HasPrefix(name, "_") { // no public attribute of Odoo's Environment (env._cr is not one)
		return nil, py.ExceptionNewf(py.AttributeError, "'Environment' object has no attribute '%s'", name)
	}
	return nil, ormError("env." + name)
}

func (e *ouEnv) M__getitem__(key py.Object) (py.Object, error) {
	return nil, ormError("env[" + mustRepr(key) + "]")
}

func (e *ouEnv) M__contains__(item py.Object) (py.Object, error) {
	return nil, ormError(mustRepr(item) + " in env")
}

func (e *ouEnv) M__iter__() (py.Object, error) { return nil, ormError("iter(env)") }

func (e *ouEnv) M__call__(py.Tuple, py.StringDict) (py.Object, error) {
	return nil, ormError("env(…)")
}

func (e *ouEnv) M__repr__() (py.Object, error) {
	return py.String("<Environment (migrate-runner: SQL only, env.cr), uid=" + mustRepr(e.uid) + ">"), nil
}

// locateKey marks an OrmUnavailable whose message does not yet name the
// script's file and line.
const locateKey = "__mr_locate__"

// ormError is OrmUnavailable for call, to be located.
func ormError(call string) error {
	return markOrm(goException(odoolib.OrmUnavailable(call)))
}

// markOrm marks err for locating when it is an OrmUnavailable.
func markOrm(err error) error {
	var exc *py.Exception
	if cls := excClasses["OrmUnavailable"]; cls != nil && errors.As(err, &exc) && exc.Base == cls {
		if exc.Dict == nil {
			exc.Dict = py.StringDict{}
		}
		exc.Dict[locateKey] = py.True
	}
	return err
}

// locateOrm puts "file:line: " in front of a marked OrmUnavailable's
// message, the line being the innermost script line of its traceback.
// A helper written in Go cannot see the Python frame that called it
// (gpython exposes no current frame), so the message is completed when
// the exception leaves the first Python function on its way out, whose
// traceback starts at that line. An OrmUnavailable the script catches in
// the same function keeps its plain message.
func locateOrm(err error) {
	var ei py.ExceptionInfo
	if !errors.As(err, &ei) {
		return
	}
	exc, ok := ei.Value.(*py.Exception)
	if !ok || exc.Dict == nil || exc.Dict[locateKey] == nil {
		return
	}
	file, line := "", 0
	for tb := ei.Traceback; tb != nil; tb = tb.Next {
		if tb.Frame == nil || tb.Frame.Code == nil || strings.HasPrefix(tb.Frame.Code.Filename, "<") {
			continue
		}
		file, line = tb.Frame.Code.Filename, int(tb.Lineno)
	}
	if file == "" {
		return
	}
	delete(exc.Dict, locateKey)
	msg := ""
	if args, ok := exc.Args.(py.Tuple); ok && len(args) == 1 {
		msg, _ = py.StrAsString(args[0])
	}
	exc.Args = py.Tuple{py.String(fmt.Sprintf("%s:%d: %s", filepath.Base(file), line, msg))}
}

func init() {
	d := ouEnvType.Dict
	d["__module__"] = py.String("odoo.api")
	prop := func(name string, get func(e *ouEnv) (py.Object, error)) {
		d[name] = &py.Property{Fget: func(self py.Object) (py.Object, error) { return get(self.(*ouEnv)) }}
	}
	prop("cr", func(e *ouEnv) (py.Object, error) { return e.cr, nil })
	prop("uid", func(e *ouEnv) (py.Object, error) { return e.uid, nil })
	prop("context", func(e *ouEnv) (py.Object, error) { return e.context, nil })
	prop("su", func(e *ouEnv) (py.Object, error) { return py.Eq(e.uid, py.Int(1)) }) // superuser mode, as Odoo 13+ sets it for uid 1
	d["ref"] = py.MustNewMethod("ref", func(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		var xmlid, raiseIfNotFound py.Object = nil, py.True
		if err := py.ParseTupleAndKeywords(args, kwargs, "O|O:ref", []string{"xml_id", "raise_if_not_found"}, &xmlid, &raiseIfNotFound); err != nil {
			return nil, err
		}
		return nil, ormError("env.ref(" + mustRepr(xmlid) + ")")
	}, 0, "ref(xml_id, raise_if_not_found=True): needs Odoo's ORM")
	if err := ouEnvType.Ready(); err != nil {
		panic(err)
	}

	// Every Python function call passes here on its way back, so that an
	// OrmUnavailable raised below it is located in its frame.
	evalCode := py.VmEvalCode
	if evalCode == nil {
		panic("embedded: gpython's vm is not initialised")
	}
	py.VmEvalCode = func(ctx py.Context, code *py.Code, globals, locals py.StringDict, args []py.Object, kws py.StringDict,
		defs []py.Object, kwdefs py.StringDict, closure py.Tuple) (py.Object, error) {
		res, err := evalCode(ctx, code, globals, locals, args, kws, defs, kwdefs, closure)
		if err != nil {
			locateOrm(err)
		}
		return res, err
	}
}

// runMajor is the running script's target major version, for the helpers
// called without a cursor (get_legacy_name, the decorator's options),
// which cannot ask one: RunMigrate sets it from its backend.
var runMajor int

func setRunMajor(b Backend) {
	runMajor = 0
	if m, ok := b.(interface{ Major() int }); ok {
		runMajor = m.Major()
	}
}

// helperCursor is the cursor of a helper's first argument: the cursor,
// or the decorator's env (upstream's env-taking helpers read env.cr; the
// cursor-taking ones are given either).
func helperCursor(o py.Object) (*cursor, bool) {
	switch v := o.(type) {
	case *cursor:
		return v, true
	case *ouEnv:
		return v.cr, true
	}
	return nil, false
}

// ouCalls counts the calls of @openupgrade.logging(step=…) functions by
// "module.name", for the worker's life, as upstream's module-level
// openupgrade_call_logging does for Odoo's process.
var ouCalls = map[string]int{}

// ouLogging is openupgrade.logging(args_details=False, step=False): each
// call of the decorated function logs "Executing method <name>" on the
// OpenUpgrade logger (with step, the first call and every step-th one,
// with the count; with args_details, the arguments). The harness's
// _ou_logging is the same in Python.
func ouLogging(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	var details, step py.Object = py.False, py.False
	if err := py.ParseTupleAndKeywords(args, kwargs, "|OO:logging", []string{"args_details", "step"}, &details, &step); err != nil {
		return nil, err
	}
	return py.MustNewMethod("wrap", func(_ py.Object, a py.Tuple) (py.Object, error) {
		if len(a) != 1 {
			return nil, py.ExceptionNewf(py.TypeError, "wrap() takes 1 positional argument but %d were given", len(a))
		}
		fn := a[0]
		name, module := attrString(fn, "__name__"), attrString(fn, "__module__")
		return py.MustNewMethod(name, func(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
			msg, toLog := "Executing method "+name, true
			if on, _ := py.MakeBool(step); on == py.True {
				n, ok := step.(py.Int)
				if !ok || n == 0 {
					return nil, py.ExceptionNewf(py.TypeError, "openupgrade.logging: step must be an int")
				}
				key := module + "." + name
				ouCalls[key]++
				current := ouCalls[key]
				if current == 1 || current%int(n) == 0 {
					msg += fmt.Sprintf(" ; Calls quantity : %d", current)
					if current == 1 {
						msg += fmt.Sprintf(" ; Logging Step : %d", n)
					}
				} else {
					toLog = false
				}
			}
			if on, _ := py.MakeBool(details); on == py.True && toLog {
				if len(args) > 0 {
					s, err := pyfmt.Str(args)
					if err != nil {
						return nil, err
					}
					msg += " ; args : " + s
				}
				if len(kwargs) > 0 {
					s, err := pyfmt.Str(kwargs)
					if err != nil {
						return nil, err
					}
					msg += " ; kwargs : " + s
				}
			}
			if toLog {
				if err := getLogger("OpenUpgrade").emit(levels["INFO"], py.Tuple{py.String(msg)}); err != nil {
					return nil, err
				}
			}
			return py.Call(fn, args, kwargs)
		}, 0, name+": logged by @openupgrade.logging()"), nil
	}, 0, "wrap(func): the logging() decorator"), nil
}

// attrString is a string attribute of o, "" when it has none.
func attrString(o py.Object, attr string) string {
	v, err := py.GetAttrString(o, attr)
	if err != nil {
		return ""
	}
	s, _ := v.(py.String)
	return string(s)
}

// muteSQLLog, while above 0, keeps odoo.sql_db's failed-query lines out of
// the script's logs (Odoo's mute_logger, as allow_pgcodes uses it).
var muteSQLLog int

var allowPgcodesType = py.NewType("allow_pgcodes", "openupgrade.allow_pgcodes(cr, *codes): a savepoint that swallows the given error codes")

// allowPgcodes is openupgrade.allow_pgcodes(cr, *codes) as a context
// manager: the block in a savepoint, odoo.sql_db muted; a ProgrammingError
// or IntegrityError whose pgcode (or its class) is in codes is logged at
// INFO on OpenUpgrade and swallowed, any other one logged at ERROR there
// and raised. The harness's _ou_allow_pgcodes is the same in Python.
type allowPgcodes struct {
	sp    *savepoint
	codes map[string]bool
}

func (a *allowPgcodes) Type() *py.Type { return allowPgcodesType }

func newAllowPgcodes(_ py.Object, args py.Tuple) (py.Object, error) {
	if len(args) < 1 {
		return nil, py.ExceptionNewf(py.TypeError, "allow_pgcodes() missing 1 required positional argument: 'cr'")
	}
	cr, ok := args[0].(*cursor)
	if !ok {
		return nil, py.ExceptionNewf(py.AttributeError, "'%s' object has no attribute 'savepoint'", args[0].Type().Name)
	}
	a := &allowPgcodes{sp: &savepoint{cr: cr}, codes: map[string]bool{}}
	for _, c := range args[1:] {
		if s, ok := c.(py.String); ok {
			a.codes[string(s)] = true
		}
	}
	return a, nil
}

func (a *allowPgcodes) M__enter__() (py.Object, error) {
	if _, err := a.sp.M__enter__(); err != nil {
		return nil, err
	}
	muteSQLLog++
	return py.None, nil
}

func (a *allowPgcodes) M__exit__(excType, exc, tb py.Object) (py.Object, error) {
	muteSQLLog--
	if _, err := a.sp.M__exit__(excType, exc, tb); err != nil {
		return nil, err
	}
	e, ok := exc.(*py.Exception)
	if !ok || !(py.IsException(excClasses["ProgrammingError"], e) || py.IsException(excClasses["IntegrityError"], e)) {
		return py.False, nil
	}
	code, ok := e.Dict["pgcode"].(py.String)
	if !ok {
		return nil, py.ExceptionNewf(py.TypeError, "'NoneType' object is not subscriptable")
	}
	name := func(c string) (string, error) {
		if n := sqlexec.ErrorCodeName(c); n != "" {
			return n, nil
		}
		return "", py.ExceptionNewf(py.KeyError, "'%s'", c)
	}
	class, err := name(string(code[:min(2, len(code))]))
	if err != nil {
		return nil, err
	}
	specific, err := name(string(code))
	if err != nil {
		return nil, err
	}
	msg := py.Tuple{py.String(fmt.Sprintf("Code: %s. Class: %s. Error: %s.", code, class, specific))}
	if a.codes[string(code)] || a.codes[string(code[:min(2, len(code))])] {
		return py.True, getLogger("OpenUpgrade").emit(levels["INFO"], msg)
	}
	return py.False, getLogger("OpenUpgrade").emit(levels["ERROR"], msg)
}

func init() {
	if err := allowPgcodesType.Ready(); err != nil {
		panic(err)
	}
}
