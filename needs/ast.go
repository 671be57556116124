package needs

import (
	"strings"

	"github.com/go-python/gpython/ast"
	"github.com/go-python/gpython/py"
)

// kinds is what a value may be (a may-analysis: a bit set).
type kinds uint8

const (
	kEnv        kinds = 1 << iota // an odoo.api.Environment
	kCursor                       // a database cursor
	kRegistry                     // a registry or pool (old API)
	kModel                        // a model or recordset reached through the ORM
	kConnection                   // odoo.sql_db.db_connect(…): .cursor() makes a cursor
	kOther                        // a plain value: dict, string, os.environ, …
)

// val is what the analysis knows of an expression's value.
type val struct {
	k       kinds
	qual    string    // normalized qualified name of a module or an object imported from one
	fn      *funcInfo // a function of the script
	callRet kinds     // for a method: what calling it returns
}

func (v val) unknown() bool { return v.k == 0 && v.qual == "" && v.fn == nil && v.callRet == 0 }

func join(a, b val) val {
	out := val{k: a.k | b.k, callRet: a.callRet | b.callRet}
	if a.qual == b.qual {
		out.qual = a.qual
	}
	if a.fn == b.fn {
		out.fn = a.fn
	}
	return out
}

// funcInfo is one function of the script. Its parameters take the kinds
// its call sites pass; the analysis repeats until they settle.
type funcInfo struct {
	params        []string
	fixed         map[int]kinds // parameters whose kind Odoo decides (migrate's cr or env)
	argK, nextArg []kinds
	ret, nextRet  kinds
}

type scope struct {
	cur      map[string]val  // flow-sensitive: what each name holds here
	all      map[string]val  // every value each name was bound to (what closures see)
	locals   map[string]bool // names bound in this function (Python's scoping rule)
	parent   *scope
	module   bool
	class    bool
	fn       *funcInfo
	deferred []func() // nested function bodies, analysed once this body is done
}

type analyzer struct {
	opt   Options
	sc    *scope
	uses  []Use
	funcs map[*ast.FunctionDef]*funcInfo
	stars []string // modules imported with `from X import *`
	depth int
}

// maxDepth bounds the recursion on pathological nesting; deeper parts of
// an expression are not looked at.
const maxDepth = 400

func analyzeModule(m *ast.Module, opt Options) Result {
	a := &analyzer{opt: opt, funcs: map[*ast.FunctionDef]*funcInfo{}}
	// Parameters' kinds flow from call sites to bodies, which may call
	// other functions: repeat until nothing changes (a handful of passes
	// on real scripts).
	for pass := 0; pass < 6; pass++ {
		a.uses, a.stars = nil, nil
		a.sc = &scope{cur: map[string]val{}, all: map[string]val{}, module: true}
		a.stmts(m.Body)
		a.runDeferred(a.sc)
		changed := false
		for _, f := range a.funcs {
			if f.ret != f.nextRet {
				changed = true
			}
			f.ret, f.nextRet = f.nextRet, 0
			for i := range f.argK {
				if f.argK[i] != f.nextArg[i] {
					changed = true
				}
				f.argK[i], f.nextArg[i] = f.nextArg[i], 0
			}
		}
		if !changed {
			break
		}
	}
	return finish(a.uses)
}

func (a *analyzer) use(n Need, line int, construct string) {
	if line < 1 {
		line = 1
	}
	a.uses = append(a.uses, Use{Need: n, Line: line, Construct: construct})
}

// ---- scopes ----

func (a *analyzer) bind(name string, v val) {
	s := a.sc
	s.cur[name] = v
	if old, ok := s.all[name]; ok {
		s.all[name] = join(old, v)
	} else {
		s.all[name] = v
	}
}

func (a *analyzer) lookup(name string) (val, bool) {
	first := true
	for s := a.sc; s != nil; s = s.parent {
		if s.class && !first {
			continue // class bodies are not visible from their methods
		}
		if s.module || s.locals[name] {
			if first {
				if v, ok := s.cur[name]; ok {
					return v, true
				}
			}
			if v, ok := s.all[name]; ok {
				return v, true
			}
			if !s.module {
				return val{}, true // local, not bound yet on this path
			}
		}
		first = false
	}
	return val{}, false
}

func copyVals(m map[string]val) map[string]val {
	out := make(map[string]val, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// joinVals merges two paths' states: a name bound on either may hold
// either value.
func joinVals(x, y map[string]val) map[string]val {
	out := copyVals(x)
	for k, v := range y {
		if old, ok := out[k]; ok {
			out[k] = join(old, v)
		} else {
			out[k] = v
		}
	}
	return out
}

func (a *analyzer) runDeferred(s *scope) {
	for len(s.deferred) > 0 {
		d := s.deferred[0]
		s.deferred = s.deferred[1:]
		d()
	}
}

// ---- statements ----

func (a *analyzer) stmts(body []ast.Stmt) {
	for _, s := range body {
		a.stmt(s)
	}
}

func (a *analyzer) stmt(s ast.Stmt) {
	if a.depth > maxDepth {
		return
	}
	a.depth++
	defer func() { a.depth-- }()
	switch n := s.(type) {
	case *ast.FunctionDef:
		a.functionDef(n)
	case *ast.ClassDef:
		for _, d := range n.DecoratorList {
			a.expr(d)
		}
		for _, b := range n.Bases {
			a.expr(b)
		}
		for _, k := range n.Keywords {
			a.expr(k.Value)
		}
		a.exprOpt(n.Starargs)
		a.exprOpt(n.Kwargs)
		cs := &scope{cur: map[string]val{}, all: map[string]val{}, locals: bindings(n.Body), parent: a.sc, class: true}
		prev := a.sc
		a.sc = cs
		a.stmts(n.Body)
		a.runDeferred(cs)
		a.sc = prev
		a.bind(string(n.Name), val{k: kOther})
	case *ast.Return:
		v := a.exprOpt(n.Value)
		if f := a.sc.fn; f != nil {
			f.nextRet |= v.k
		}
	case *ast.Delete:
		for _, t := range n.Targets {
			a.expr(t)
		}
	case *ast.Assign:
		v := a.expr(n.Value)
		for _, t := range n.Targets {
			a.assign(t, n.Value, v)
		}
	case *ast.AugAssign:
		a.expr(n.Target)
		a.expr(n.Value)
	case *ast.For:
		it := a.expr(n.Iter)
		before := copyVals(a.sc.cur)
		a.assign(n.Target, nil, element(it))
		a.stmts(n.Body)
		a.sc.cur = joinVals(before, a.sc.cur)
		a.stmts(n.Orelse)
	case *ast.While:
		a.expr(n.Test)
		before := copyVals(a.sc.cur)
		a.stmts(n.Body)
		a.sc.cur = joinVals(before, a.sc.cur)
		a.stmts(n.Orelse)
	case *ast.If:
		a.expr(n.Test)
		before := copyVals(a.sc.cur)
		a.stmts(n.Body)
		afterBody := a.sc.cur
		a.sc.cur = before
		a.stmts(n.Orelse)
		a.sc.cur = joinVals(afterBody, a.sc.cur)
	case *ast.With:
		for _, it := range n.Items {
			v := a.expr(it.ContextExpr)
			if it.OptionalVars != nil {
				a.assign(it.OptionalVars, nil, v)
			}
		}
		a.stmts(n.Body)
	case *ast.Raise:
		a.exprOpt(n.Exc)
		a.exprOpt(n.Cause)
	case *ast.Try:
		before := copyVals(a.sc.cur)
		a.stmts(n.Body)
		afterBody := copyVals(a.sc.cur)
		out := joinVals(before, afterBody)
		for _, h := range n.Handlers {
			a.sc.cur = copyVals(out)
			a.exprOpt(h.ExprType)
			if h.Name != "" {
				a.bind(string(h.Name), val{k: kOther})
			}
			a.stmts(h.Body)
			out = joinVals(out, a.sc.cur)
		}
		a.sc.cur = afterBody
		a.stmts(n.Orelse)
		a.sc.cur = joinVals(out, a.sc.cur)
		a.stmts(n.Finalbody)
	case *ast.Assert:
		a.expr(n.Test)
		a.exprOpt(n.Msg)
	case *ast.Import:
		for _, al := range n.Names {
			name := string(al.Name)
			full := normalize(name)
			a.importUse(full, n.Lineno, "import "+name)
			if al.AsName != "" {
				a.bind(string(al.AsName), val{qual: full})
			} else {
				head, _, _ := strings.Cut(name, ".")
				a.bind(head, val{qual: normalize(head)})
			}
		}
	case *ast.ImportFrom:
		a.importFrom(n)
	case *ast.ExprStmt:
		a.expr(n.Value)
	}
}

func (a *analyzer) importFrom(n *ast.ImportFrom) {
	mod := string(n.Module)
	if n.Level > 0 {
		// A relative import: the script's own sibling files.
		for _, al := range n.Names {
			name := string(al.Name)
			if al.AsName != "" {
				name = string(al.AsName)
			}
			if name != "*" {
				a.bind(name, val{k: kOther})
			}
		}
		return
	}
	for _, al := range n.Names {
		name := string(al.Name)
		if name == "*" {
			full := normalize(mod)
			a.stars = append(a.stars, full)
			a.importUse(full, n.Lineno, "from "+mod+" import *")
			continue
		}
		full := normalize(mod + "." + name)
		a.importUse(full, n.Lineno, "from "+mod+" import "+name)
		local := name
		if al.AsName != "" {
			local = string(al.AsName)
		}
		a.bind(local, val{qual: full})
	}
}

func (a *analyzer) importUse(full string, line int, construct string) {
	if need, ok := importNeed(full); ok {
		a.use(need, line, construct)
	}
}

// assign binds a target to a value; value is the expression when known,
// for pairwise tuple unpacking.
func (a *analyzer) assign(t ast.Expr, value ast.Expr, v val) {
	switch t := t.(type) {
	case *ast.Name:
		a.bind(string(t.Id), v)
	case *ast.Tuple, *ast.List:
		elts := elements(t)
		var vals []ast.Expr
		if value != nil {
			vals = elements(value)
		}
		for i, e := range elts {
			if vals != nil && len(vals) == len(elts) {
				a.assign(e, nil, a.quiet(vals[i]))
			} else {
				a.assign(e, nil, val{})
			}
		}
	case *ast.Starred:
		a.assign(t.Value, nil, val{k: kOther})
	default:
		a.expr(t) // an attribute or subscript: its parts may be uses
	}
}

func elements(e ast.Expr) []ast.Expr {
	switch e := e.(type) {
	case *ast.Tuple:
		return e.Elts
	case *ast.List:
		return e.Elts
	}
	return nil
}

// quiet re-evaluates an already analysed expression for its value only.
func (a *analyzer) quiet(e ast.Expr) val {
	n := len(a.uses)
	v := a.expr(e)
	a.uses = a.uses[:n]
	return v
}

// element is what iterating over v yields.
func element(v val) val {
	if v.k&(kModel|kRegistry) != 0 {
		return val{k: kModel}
	}
	if v.k == kOther {
		return val{k: kOther}
	}
	return val{}
}

// functionDef binds the function and schedules its body.
func (a *analyzer) functionDef(n *ast.FunctionDef) {
	info := a.funcs[n]
	if info == nil {
		info = &funcInfo{}
		for _, p := range allArgs(n.Args) {
			info.params = append(info.params, string(p.Arg))
		}
		info.argK = make([]kinds, len(info.params))
		info.nextArg = make([]kinds, len(info.params))
		a.funcs[n] = info
	}
	for _, d := range n.DecoratorList {
		a.expr(d)
	}
	if n.Args != nil {
		for _, d := range n.Args.Defaults {
			a.expr(d)
		}
		for _, d := range n.Args.KwDefaults {
			a.exprOpt(d)
		}
	}
	if a.sc.module && n.Name == "migrate" && len(info.params) > 0 {
		info.fixed = map[int]kinds{0: a.migrateFirstParam(n, info.params[0])}
		if len(info.params) > 1 {
			info.fixed[1] = kOther // the installed version string
		}
	}
	a.bind(string(n.Name), val{fn: info})
	parent := a.sc
	parent.deferred = append(parent.deferred, func() { a.function(n, info, parent) })
}

// migrateFirstParam is what Odoo (or the openupgrade decorator) passes
// as migrate()'s first argument.
func (a *analyzer) migrateFirstParam(n *ast.FunctionDef, name string) kinds {
	if len(n.DecoratorList) == 0 {
		return kCursor // Odoo calls migrate(cr, version), whatever the names
	}
	for _, d := range n.DecoratorList {
		q, call := a.decorator(d)
		if !isMigrateDecorator(q) {
			continue
		}
		if call != nil {
			for _, kw := range call.Keywords {
				if kw.Arg != "use_env" {
					continue
				}
				switch l := literal(kw.Value); {
				case l.known && l.truthy:
					return kEnv
				case l.known:
					return kCursor
				}
			}
		}
		switch {
		case a.opt.Major >= 10:
			return kEnv
		case a.opt.Major > 0:
			return kCursor
		case cursorName(name):
			return kCursor
		}
		return kEnv
	}
	return byName(name) // a vendor's decorator: the name is all we know
}

// decorator resolves a decorator expression to a qualified name, seeing
// through the pre-pass's __mr_id__ wrapper and gpython's dotted names.
func (a *analyzer) decorator(d ast.Expr) (string, *ast.Call) {
	for i := 0; i < 4; i++ {
		c, ok := d.(*ast.Call)
		if !ok {
			break
		}
		if nm, ok := c.Func.(*ast.Name); ok && nm.Id == "__mr_id__" && len(c.Args) == 1 {
			d = c.Args[0]
			continue
		}
		return a.qualOf(c.Func), c
	}
	return a.qualOf(d), nil
}

// qualOf is the qualified name of a dotted expression, without uses.
func (a *analyzer) qualOf(e ast.Expr) string {
	n := len(a.uses)
	v := a.chain(e, true)
	a.uses = a.uses[:n]
	return v.qual
}

// function analyses one function body in its own scope.
func (a *analyzer) function(n *ast.FunctionDef, info *funcInfo, parent *scope) {
	locals := bindings(n.Body)
	for _, p := range info.params {
		locals[p] = true
	}
	s := &scope{cur: map[string]val{}, all: map[string]val{}, locals: locals, parent: parent, fn: info}
	prev := a.sc
	a.sc = s
	for i, p := range info.params {
		k := info.argK[i]
		if f, ok := info.fixed[i]; ok {
			k = f
		}
		a.bind(p, val{k: k})
	}
	if n.Args != nil {
		if n.Args.Vararg != nil {
			a.bind(string(n.Args.Vararg.Arg), val{k: kOther})
		}
		if n.Args.Kwarg != nil {
			a.bind(string(n.Args.Kwarg.Arg), val{k: kOther})
		}
	}
	a.stmts(n.Body)
	a.runDeferred(s)
	a.sc = prev
}

func allArgs(a *ast.Arguments) []*ast.Arg {
	if a == nil {
		return nil
	}
	return append(append([]*ast.Arg(nil), a.Args...), a.Kwonlyargs...)
}

// bindings are the names a body binds, not counting nested functions'
// and classes' own bodies, minus its global and nonlocal declarations.
func bindings(body []ast.Stmt) map[string]bool {
	out := map[string]bool{}
	var decl []string
	var targets func(e ast.Expr)
	targets = func(e ast.Expr) {
		switch e := e.(type) {
		case *ast.Name:
			out[string(e.Id)] = true
		case *ast.Tuple:
			for _, x := range e.Elts {
				targets(x)
			}
		case *ast.List:
			for _, x := range e.Elts {
				targets(x)
			}
		case *ast.Starred:
			targets(e.Value)
		}
	}
	var walk func([]ast.Stmt, int)
	walk = func(body []ast.Stmt, depth int) {
		if depth > maxDepth {
			return
		}
		for _, s := range body {
			switch s := s.(type) {
			case *ast.FunctionDef:
				out[string(s.Name)] = true
			case *ast.ClassDef:
				out[string(s.Name)] = true
			case *ast.Assign:
				for _, t := range s.Targets {
					targets(t)
				}
			case *ast.AugAssign:
				targets(s.Target)
			case *ast.Delete:
				for _, t := range s.Targets {
					targets(t)
				}
			case *ast.For:
				targets(s.Target)
				walk(s.Body, depth+1)
				walk(s.Orelse, depth+1)
			case *ast.While:
				walk(s.Body, depth+1)
				walk(s.Orelse, depth+1)
			case *ast.If:
				walk(s.Body, depth+1)
				walk(s.Orelse, depth+1)
			case *ast.With:
				for _, it := range s.Items {
					if it.OptionalVars != nil {
						targets(it.OptionalVars)
					}
				}
				walk(s.Body, depth+1)
			case *ast.Try:
				walk(s.Body, depth+1)
				for _, h := range s.Handlers {
					if h.Name != "" {
						out[string(h.Name)] = true
					}
					walk(h.Body, depth+1)
				}
				walk(s.Orelse, depth+1)
				walk(s.Finalbody, depth+1)
			case *ast.Import:
				for _, al := range s.Names {
					if al.AsName != "" {
						out[string(al.AsName)] = true
					} else {
						head, _, _ := strings.Cut(string(al.Name), ".")
						out[head] = true
					}
				}
			case *ast.ImportFrom:
				for _, al := range s.Names {
					if al.AsName != "" {
						out[string(al.AsName)] = true
					} else if al.Name != "*" {
						out[string(al.Name)] = true
					}
				}
			case *ast.Global:
				for _, n := range s.Names {
					decl = append(decl, string(n))
				}
			case *ast.Nonlocal:
				for _, n := range s.Names {
					decl = append(decl, string(n))
				}
			}
		}
	}
	walk(body, 0)
	for _, n := range decl {
		delete(out, n)
	}
	return out
}

// ---- expressions ----

func (a *analyzer) exprOpt(e ast.Expr) val {
	if e == nil {
		return val{}
	}
	return a.expr(e)
}

// expr evaluates an expression: it records the uses in it and returns
// what its value may be.
func (a *analyzer) expr(e ast.Expr) val {
	return a.chain(e, false)
}

// chain is expr; quiet suppresses the use of a qualified name merely
// named (the receiver of an attribute reports it, not every prefix).
func (a *analyzer) chain(e ast.Expr, quiet bool) val {
	if e == nil || a.depth > maxDepth {
		return val{}
	}
	a.depth++
	defer func() { a.depth-- }()
	switch n := e.(type) {
	case *ast.Name:
		return a.name(n, quiet, false)
	case *ast.Attribute:
		return a.attr(n, nil, quiet)
	case *ast.Subscript:
		return a.subscript(n)
	case *ast.Call:
		return a.call(n)
	case *ast.BoolOp:
		var v val
		for i, x := range n.Values {
			if i == 0 {
				v = a.expr(x)
			} else {
				v = join(v, a.expr(x))
			}
		}
		return v
	case *ast.BinOp:
		a.expr(n.Left)
		a.expr(n.Right)
		return val{k: kOther}
	case *ast.UnaryOp:
		a.expr(n.Operand)
		return val{k: kOther}
	case *ast.Lambda:
		a.lambda(n)
		return val{k: kOther}
	case *ast.IfExp:
		a.expr(n.Test)
		return join(a.expr(n.Body), a.expr(n.Orelse))
	case *ast.Dict:
		for _, k := range n.Keys {
			a.exprOpt(k)
		}
		for _, x := range n.Values {
			a.expr(x)
		}
		return val{k: kOther}
	case *ast.Set:
		a.exprs(n.Elts)
		return val{k: kOther}
	case *ast.List:
		a.exprs(n.Elts)
		return val{k: kOther}
	case *ast.Tuple:
		a.exprs(n.Elts)
		return val{k: kOther}
	case *ast.ListComp:
		a.comprehension(n.Generators, n.Elt)
		return val{k: kOther}
	case *ast.SetComp:
		a.comprehension(n.Generators, n.Elt)
		return val{k: kOther}
	case *ast.GeneratorExp:
		a.comprehension(n.Generators, n.Elt)
		return val{k: kOther}
	case *ast.DictComp:
		a.comprehension(n.Generators, n.Key, n.Value)
		return val{k: kOther}
	case *ast.Yield:
		a.exprOpt(n.Value)
		return val{}
	case *ast.YieldFrom:
		a.expr(n.Value)
		return val{}
	case *ast.Compare:
		a.expr(n.Left)
		a.exprs(n.Comparators)
		return val{k: kOther}
	case *ast.Starred:
		return a.expr(n.Value)
	case *ast.Num, *ast.Str, *ast.Bytes, *ast.NameConstant, *ast.Ellipsis:
		return val{k: kOther}
	}
	return val{}
}

func (a *analyzer) exprs(es []ast.Expr) {
	for _, e := range es {
		a.exprOpt(e)
	}
}

// name resolves a name: a binding of the script, an import, a builtin,
// a name from a star import, or (nothing known) what its name says.
// gpython spells dotted decorators as one Name "a.b".
func (a *analyzer) name(n *ast.Name, quiet, callee bool) val {
	id := string(n.Id)
	if strings.Contains(id, ".") {
		parts := strings.Split(id, ".")
		v := a.name(&ast.Name{ExprBase: n.ExprBase, Id: ast.Identifier(parts[0])}, true, false)
		if v.qual == "" {
			return val{}
		}
		q := v.qual + "." + strings.Join(parts[1:], ".")
		if !quiet && !callee {
			if need := refRule(q); need != "" {
				a.use(need, n.Lineno, id)
			}
		}
		return val{qual: q}
	}
	v, found := a.lookup(id)
	if !found {
		switch {
		case builtinNames[id]:
			return val{qual: "builtins." + id}
		default:
			for _, star := range a.stars {
				if _, ok := importNeed(star); ok || under(star, "odoo") {
					v, found = val{qual: star + "." + id}, true
					break
				}
			}
		}
	}
	if v.qual != "" {
		if !quiet && !callee {
			if need := refRule(v.qual); need != "" {
				a.use(need, n.Lineno, id)
			}
		}
		return v
	}
	if v.unknown() {
		return val{k: byName(id)}
	}
	return v
}

// attr evaluates x.name; call is the call it is the function of, if any,
// so that a use shows as env.ref("…") rather than env.ref.
func (a *analyzer) attr(e *ast.Attribute, call *ast.Call, quiet bool) val {
	recv := a.chain(e.Value, true)
	v, need := step(recv, string(e.Attr))
	line := lineOf(e)
	if need != "" {
		shown := render(e)
		if call != nil {
			shown = render(call)
		}
		a.use(need, line, shown)
	}
	if v.qual != "" && call == nil && !quiet {
		if n := refRule(v.qual); n != "" {
			a.use(n, line, render(e))
		}
	}
	return v
}

func (a *analyzer) subscript(n *ast.Subscript) val {
	recv := a.expr(n.Value)
	a.slice(n.Slice)
	switch {
	case recv.k&(kEnv|kRegistry) != 0:
		a.use(ORM, lineOf(n), render(n))
		return val{k: kModel}
	case recv.k&kModel != 0:
		return val{k: kModel}
	case recv.qual != "" || recv.k == kOther:
		return val{k: kOther}
	}
	return val{}
}

func (a *analyzer) slice(s ast.Slicer) {
	switch s := s.(type) {
	case *ast.Index:
		a.expr(s.Value)
	case *ast.Slice:
		a.exprOpt(s.Lower)
		a.exprOpt(s.Upper)
		a.exprOpt(s.Step)
	case *ast.ExtSlice:
		for _, d := range s.Dims {
			a.slice(d)
		}
	}
}

func (a *analyzer) call(c *ast.Call) val {
	if nm, ok := c.Func.(*ast.Name); ok && strings.HasPrefix(string(nm.Id), "__mr_") {
		return a.prepassCall(c, string(nm.Id))
	}
	var fv val
	switch f := c.Func.(type) {
	case *ast.Attribute:
		fv = a.attr(f, c, false)
	case *ast.Name:
		fv = a.name(f, false, true)
	default:
		fv = a.expr(c.Func)
	}
	args, argVals := a.args(c)
	line := lineOf(c)
	switch {
	case fv.qual != "":
		need, res := callRule(fv.qual, args)
		if need != "" {
			a.use(need, line, render(c))
		}
		return val{k: res}
	case fv.fn != nil:
		a.callSite(fv.fn, args, argVals)
		return val{k: fv.fn.ret}
	case fv.k&kEnv != 0:
		a.use(ORM, line, render(c)) // env(user=…) builds another Environment
		return val{k: kEnv}
	}
	return val{k: fv.callRet}
}

// prepassCall sees through the calls the pre-pass inserts.
func (a *analyzer) prepassCall(c *ast.Call, name string) val {
	switch name {
	case "__mr_id__", "__mr_iter__", "__mr_kw__":
		if len(c.Args) == 1 {
			return a.expr(c.Args[0])
		}
	}
	a.args(c)
	return val{k: kOther}
}

// args evaluates a call's arguments; the values are by parameter
// position (nil when *args hides the positions) and keyword.
func (a *analyzer) args(c *ast.Call) (*callArgs, []val) {
	ca := &callArgs{kw: map[string]lit{}}
	vals := make([]val, 0, len(c.Args))
	for _, x := range c.Args {
		if st, ok := x.(*ast.Starred); ok {
			a.expr(st.Value)
			ca.star = true
			vals = nil
			continue
		}
		ca.pos = append(ca.pos, literal(x))
		v := a.expr(x)
		if !ca.star {
			vals = append(vals, v)
		}
	}
	for _, k := range c.Keywords {
		ca.kw[string(k.Arg)] = literal(k.Value)
		ca.kwVals = append(ca.kwVals, kwVal{string(k.Arg), a.expr(k.Value)})
	}
	if c.Starargs != nil {
		a.expr(c.Starargs)
		ca.star = true
		vals = nil
	}
	if c.Kwargs != nil {
		a.expr(c.Kwargs)
		ca.star = true
	}
	return ca, vals
}

// callSite records what a call of the script's own function passes.
func (a *analyzer) callSite(f *funcInfo, args *callArgs, vals []val) {
	for i, v := range vals {
		if i < len(f.nextArg) {
			f.nextArg[i] |= v.k
		}
	}
	for _, kv := range args.kwVals {
		for i, p := range f.params {
			if p == kv.name {
				f.nextArg[i] |= kv.v.k
			}
		}
	}
}

func (a *analyzer) lambda(l *ast.Lambda) {
	if l.Args != nil {
		a.exprs(l.Args.Defaults)
		a.exprs(l.Args.KwDefaults)
	}
	locals := map[string]bool{}
	for _, p := range allArgs(l.Args) {
		locals[string(p.Arg)] = true
	}
	s := &scope{cur: map[string]val{}, all: map[string]val{}, locals: locals, parent: a.sc}
	prev := a.sc
	a.sc = s
	for p := range locals {
		a.bind(p, val{})
	}
	a.expr(l.Body)
	a.sc = prev
}

// comprehension evaluates generators in their own scope (Python 3: the
// targets do not leak), then the element expressions.
func (a *analyzer) comprehension(gens []ast.Comprehension, elts ...ast.Expr) {
	locals := map[string]bool{}
	for _, g := range gens {
		for _, n := range targetNames(g.Target) {
			locals[n] = true
		}
	}
	s := &scope{cur: map[string]val{}, all: map[string]val{}, locals: locals, parent: a.sc}
	prev := a.sc
	for i, g := range gens {
		var it val
		if i == 0 {
			it = a.expr(g.Iter) // the first iterable is evaluated outside
			a.sc = s
		} else {
			it = a.expr(g.Iter)
		}
		a.assign(g.Target, nil, element(it))
		a.exprs(g.Ifs)
	}
	if len(gens) == 0 {
		a.sc = s
	}
	a.exprs(elts)
	a.sc = prev
}

func targetNames(e ast.Expr) []string {
	switch e := e.(type) {
	case *ast.Name:
		return []string{string(e.Id)}
	case *ast.Tuple:
		var out []string
		for _, x := range e.Elts {
			out = append(out, targetNames(x)...)
		}
		return out
	case *ast.List:
		var out []string
		for _, x := range e.Elts {
			out = append(out, targetNames(x)...)
		}
		return out
	case *ast.Starred:
		return targetNames(e.Value)
	}
	return nil
}

// lineOf returns the line of an expression. gpython leaves calls,
// subscripts and attributes built from trailers without a position;
// their operand carries it.
func lineOf(e ast.Expr) int {
	for i := 0; i < 10000 && e != nil; i++ {
		if l := e.GetLineno(); l > 0 {
			return l
		}
		switch x := e.(type) {
		case *ast.Call:
			e = x.Func
		case *ast.Subscript:
			e = x.Value
		case *ast.Attribute:
			e = x.Value
		default:
			return 1
		}
	}
	return 1
}

// ---- literal arguments ----

// lit is what the analysis knows of an argument's value.
type lit struct {
	known  bool // a constant
	truthy bool
	str    string
	isStr  bool
}

func literal(e ast.Expr) lit {
	switch e := e.(type) {
	case *ast.NameConstant:
		return lit{known: true, truthy: e.Value == py.True}
	case *ast.Str:
		return lit{known: true, truthy: e.S != "", str: string(e.S), isStr: true}
	case *ast.Num:
		switch n := e.N.(type) {
		case py.Int:
			return lit{known: true, truthy: n != 0}
		case py.Float:
			return lit{known: true, truthy: n != 0}
		}
	case *ast.Name:
		switch e.Id {
		case "True":
			return lit{known: true, truthy: true}
		case "False", "None":
			return lit{known: true}
		}
	}
	return lit{}
}

type kwVal struct {
	name string
	v    val
}

// callArgs are a call's arguments as far as the conditional rules need
// them (map_values(write="orm"), …).
type callArgs struct {
	pos    []lit
	kw     map[string]lit
	kwVals []kwVal
	star   bool // *args or **kwargs: any parameter may be given
}

func (c *callArgs) get(name string, index int) (lit, bool) {
	if c == nil {
		return lit{}, false
	}
	if v, ok := c.kw[name]; ok {
		return v, true
	}
	if index >= 0 && index < len(c.pos) {
		return c.pos[index], true
	}
	return lit{}, false
}

// given: the argument is passed (an unknown *args does not count, so the
// rule that needs it stays on the safe side).
func (c *callArgs) given(name string, index int) bool {
	_, ok := c.get(name, index)
	return ok
}

// truthy: the argument is passed and true, or may be.
func (c *callArgs) truthy(name string, index int) bool {
	v, ok := c.get(name, index)
	if !ok {
		return c != nil && c.star
	}
	return !v.known || v.truthy
}

// equals: the argument is passed as the string s, or may be.
func (c *callArgs) equals(name string, index int, s string) bool {
	v, ok := c.get(name, index)
	if !ok {
		return c != nil && c.star
	}
	return !v.known || v.isStr && v.str == s
}
