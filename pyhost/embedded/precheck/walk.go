package precheck

import (
	"fmt"
	"strings"

	"github.com/go-python/gpython/ast"
	"github.com/go-python/gpython/py"
)

// The AST checks. They walk with ast.Walk and keep a scope chain so that
// a script's own `open` or `eval` (a parameter, a def, an import) is not
// mistaken for the builtin.

type scope struct {
	bound  map[string]bool
	class  bool // class bodies are not visible from nested functions
	parent *scope
}

type checker struct {
	opt      Options
	siblings map[string]bool
	findings []Finding
	scope    *scope
	// excAttrs are the exception attributes the host backs: the ones
	// Options names and every self.X a class of the script uses.
	excAttrs map[string]bool
}

func newChecker(opt Options) *checker {
	c := &checker{opt: opt, siblings: make(map[string]bool, len(opt.SiblingModules))}
	for _, m := range opt.SiblingModules {
		c.siblings[m] = true
	}
	return c
}

type positioned interface {
	GetLineno() int
	GetColOffset() int
}

func (c *checker) add(at positioned, construct, message string) {
	at = located(at)
	f := Finding{Line: at.GetLineno(), Col: at.GetColOffset() + 1, Construct: construct, Message: message}
	if f.Line < 1 { // a node gpython left without a position
		f.Line, f.Col = 1, 0
	}
	c.findings = append(c.findings, f)
}

// located returns the node that carries n's position: gpython leaves
// calls, subscripts and attributes built from trailers without one, and
// CPython places them where their operand starts.
func located(n positioned) positioned {
	for n.GetLineno() == 0 {
		switch x := n.(type) {
		case *ast.Call:
			n = x.Func
		case *ast.Subscript:
			n = x.Value
		case *ast.Attribute:
			n = x.Value
		default:
			return n
		}
		if n == nil {
			return &ast.Pos{Lineno: 1}
		}
	}
	return n
}

func (c *checker) module(m *ast.Module) {
	c.scope = &scope{bound: bindings(m.Body, nil)}
	c.excAttrs = map[string]bool{"args": true}
	for _, a := range c.opt.ExceptionAttrs {
		c.excAttrs[a] = true
	}
	for _, s := range m.Body {
		ast.Walk(s, func(n ast.Ast) bool {
			if cd, ok := n.(*ast.ClassDef); ok {
				for _, st := range cd.Body {
					ast.Walk(st, func(n ast.Ast) bool {
						if a, ok := n.(*ast.Attribute); ok {
							if v, ok := a.Value.(*ast.Name); ok && v.Id == "self" {
								c.excAttrs[string(a.Attr)] = true
							}
						}
						return true
					})
				}
			}
			return true
		})
	}
	c.stmts(m.Body)
}

func (c *checker) stmts(body []ast.Stmt) {
	for _, s := range body {
		ast.Walk(s, c.visit)
	}
}

func (c *checker) walk(n ast.Ast) {
	if n != nil {
		ast.Walk(n, c.visit)
	}
}

func (c *checker) exprs(es []ast.Expr) {
	for _, e := range es {
		if e != nil {
			ast.Walk(e, c.visit)
		}
	}
}

// in runs f with s pushed on the scope chain.
func (c *checker) in(s *scope, f func()) {
	s.parent = c.scope
	c.scope = s
	defer func() { c.scope = s.parent }()
	f()
}

// arguments walks what a parameter list evaluates in the enclosing
// scope: defaults and annotations.
func (c *checker) arguments(a *ast.Arguments) {
	if a == nil {
		return
	}
	c.exprs(a.Defaults)
	c.exprs(a.KwDefaults)
	for _, arg := range allArgs(a) {
		if arg.Annotation != nil {
			c.walk(arg.Annotation)
		}
	}
}

func allArgs(a *ast.Arguments) []*ast.Arg {
	if a == nil {
		return nil
	}
	out := append(append([]*ast.Arg(nil), a.Args...), a.Kwonlyargs...)
	if a.Vararg != nil {
		out = append(out, a.Vararg)
	}
	if a.Kwarg != nil {
		out = append(out, a.Kwarg)
	}
	return out
}

func (c *checker) visit(n ast.Ast) bool {
	switch n := n.(type) {
	case *ast.FunctionDef:
		c.decorated(n)
		c.exprs(n.DecoratorList)
		c.arguments(n.Args)
		if n.Returns != nil {
			c.walk(n.Returns)
		}
		c.in(&scope{bound: bindings(n.Body, n.Args)}, func() { c.stmts(n.Body) })
		return false
	case *ast.Lambda:
		c.arguments(n.Args)
		c.in(&scope{bound: bindings(nil, n.Args)}, func() { c.walk(n.Body) })
		return false
	case *ast.ClassDef:
		c.exprs(n.DecoratorList)
		c.exprs(n.Bases)
		for _, k := range n.Keywords {
			c.walk(k.Value)
		}
		if n.Starargs != nil {
			c.walk(n.Starargs)
		}
		if n.Kwargs != nil {
			c.walk(n.Kwargs)
		}
		c.classDef(n)
		c.in(&scope{bound: bindings(n.Body, nil), class: true}, func() { c.stmts(n.Body) })
		return false
	case *ast.Import:
		for _, a := range n.Names {
			c.importModule(n, string(a.Name))
		}
	case *ast.ImportFrom:
		c.importFrom(n)
	case *ast.ExceptHandler:
		c.exceptHandler(n)
	case *ast.Dict:
		for _, k := range n.Keys {
			c.dictKey(k)
		}
	case *ast.DictComp:
		c.dictKey(n.Key)
	case *ast.Set:
		for _, e := range n.Elts {
			if _, ok := e.(*ast.Tuple); ok {
				c.setOfTuples(e)
				break
			}
		}
	case *ast.SetComp:
		if _, ok := n.Elt.(*ast.Tuple); ok {
			c.setOfTuples(n.Elt)
		}
	case *ast.List:
		if n.Ctx == ast.Load {
			c.starredDisplay(n.Elts)
		}
	case *ast.Tuple:
		if n.Ctx == ast.Load {
			c.starredDisplay(n.Elts)
		}
	case *ast.Compare:
		c.compare(n)
	case *ast.ExprStmt:
		if yf, ok := n.Value.(*ast.YieldFrom); ok {
			// `yield from g()` as a statement discards its value: fine.
			c.walk(yf.Value)
			return false
		}
	case *ast.YieldFrom:
		c.add(n, "yield from value", "gpython gives `yield from g()` the generator object itself, not the value g returns, so the result would silently be wrong")
	case *ast.Call:
		c.call(n)
	case *ast.Name:
		if n.Ctx == ast.Load {
			c.name(n)
		}
	}
	return true
}

// bindings collects the names a scope binds: parameters, assignment and
// for/with/except targets, defs, classes and imports. Comprehension
// targets count for the enclosing scope, which errs toward "shadowed".
func bindings(body []ast.Stmt, args *ast.Arguments) map[string]bool {
	var b map[string]bool
	bind := func(name string) {
		if b == nil {
			b = map[string]bool{}
		}
		b[name] = true
	}
	for _, a := range allArgs(args) {
		bind(string(a.Arg))
	}
	visit := func(n ast.Ast) bool {
		switch n := n.(type) {
		case *ast.Name:
			if n.Ctx == ast.Store || n.Ctx == ast.Del {
				bind(string(n.Id))
			}
		case *ast.FunctionDef:
			bind(string(n.Name))
			return false
		case *ast.ClassDef:
			bind(string(n.Name))
			return false
		case *ast.Lambda:
			return false
		case *ast.Import:
			for _, a := range n.Names {
				if a.AsName != "" {
					bind(string(a.AsName))
				} else {
					bind(strings.SplitN(string(a.Name), ".", 2)[0])
				}
			}
		case *ast.ImportFrom:
			for _, a := range n.Names {
				if a.AsName != "" {
					bind(string(a.AsName))
				} else if a.Name != "*" {
					bind(string(a.Name))
				}
			}
		case *ast.ExceptHandler:
			if n.Name != "" {
				bind(string(n.Name))
			}
		}
		return true
	}
	for _, s := range body {
		ast.Walk(s, visit)
	}
	return b
}

// builtin reports whether name, read in the current scope, is the
// builtin: no enclosing scope binds it.
func (c *checker) builtin(name string) bool {
	innermost := true
	for s := c.scope; s != nil; s = s.parent {
		if (innermost || !s.class) && s.bound[name] {
			return false
		}
		innermost = false
	}
	return true
}

// --- classes -------------------------------------------------------------

func (c *checker) classDef(n *ast.ClassDef) {
	for _, b := range n.Bases {
		if name, ok := b.(*ast.Name); ok && builtinTypes[string(name.Id)] && c.builtin(string(name.Id)) {
			c.add(b, "subclass of a built-in type",
				fmt.Sprintf("gpython cannot subclass its built-in %s, so creating an instance raises TypeError", name.Id))
		}
	}
	for _, k := range n.Keywords {
		if k.Arg == "metaclass" {
			c.add(k.Value, "metaclass", "gpython ignores metaclass=, so the class would silently be built by type instead")
		}
	}
	c.classBody(n.Body)
}

// classBody looks for special methods defined (or assigned) in a class
// body, including under if/try at class level.
func (c *checker) classBody(body []ast.Stmt) {
	dunder := func(at positioned, name string) {
		if msg, ok := dunderMessages[name]; ok {
			c.add(at, "user "+name, msg)
		} else if name == "__slots__" {
			c.add(at, "__slots__", "gpython raises SystemError \"Can't do __slots__ yet\" when it builds a class with __slots__")
		}
	}
	for _, s := range body {
		switch s := s.(type) {
		case *ast.FunctionDef:
			dunder(s, string(s.Name))
		case *ast.Assign:
			for _, t := range s.Targets {
				if name, ok := t.(*ast.Name); ok {
					dunder(t, string(name.Id))
				}
			}
		case *ast.If:
			c.classBody(s.Body)
			c.classBody(s.Orelse)
		case *ast.Try:
			c.classBody(s.Body)
			for _, h := range s.Handlers {
				c.classBody(h.Body)
			}
			c.classBody(s.Orelse)
			c.classBody(s.Finalbody)
		}
	}
}

// decorated flags a decorated def with defaults or annotations. gpython's
// compiler pushes the decorators after them and MAKE_FUNCTION pops the
// wrong values: the def raises TypeError ('int' object is not
// callable), crashes the interpreter (keyword-only defaults,
// annotations), or, when a default is itself callable, silently swaps it
// with the decorator. The pre-pass's @__mr_id__(a.b) form is a decorator
// too, and so are @property, @x.setter, @staticmethod and @classmethod.
func (c *checker) decorated(n *ast.FunctionDef) {
	if len(n.DecoratorList) == 0 || n.Args == nil {
		return
	}
	defaults := len(n.Args.Defaults) > 0
	for _, d := range n.Args.KwDefaults {
		defaults = defaults || d != nil
	}
	if defaults {
		c.add(n, "decorated function with default arguments", fmt.Sprintf("gpython evaluates the decorators of %s() after its default values and mixes them up, "+
			"so the def raises TypeError, crashes the interpreter (keyword-only defaults) or silently swaps a callable default with the decorator "+
			"(any default, None included); apply the decorator after the def instead (%s = decorator(%s))", n.Name, n.Name, n.Name))
	}
	annotated := n.Returns != nil
	for _, a := range allArgs(n.Args) {
		annotated = annotated || a.Annotation != nil
	}
	if annotated {
		c.add(n, "decorated function with annotations", fmt.Sprintf("gpython evaluates the decorators of %s() after its annotations and mixes them up, "+
			"so the def crashes the interpreter (Go panic); drop the annotations or apply the decorator after the def", n.Name))
	}
}

// --- exceptions ----------------------------------------------------------

// exceptHandler flags attributes read from (or set on) the exception
// bound by `except E as e` that the host does not back: gpython's
// exceptions answer every other attribute with their args. The host
// backs e.args, the attributes Options.ExceptionAttrs names (pgcode,
// errno, …) and the ones a class of the script sets on self.
func (c *checker) exceptHandler(h *ast.ExceptHandler) {
	if h.Name == "" {
		return
	}
	for _, s := range h.Body {
		ast.Walk(s, func(n ast.Ast) bool {
			a, ok := n.(*ast.Attribute)
			if !ok || c.excAttrs[string(a.Attr)] {
				return true
			}
			if v, ok := a.Value.(*ast.Name); ok && v.Id == h.Name {
				c.add(a, "exception attribute",
					fmt.Sprintf("gpython returns an exception's args for every attribute, so %s.%s would silently be the args tuple", h.Name, a.Attr))
			}
			return true
		})
	}
}

// --- imports -------------------------------------------------------------

const outsideSandbox = "import of a module outside the sandbox"

func (c *checker) importable(module string) bool {
	return c.siblings[module] || c.opt.Allowed != nil && c.opt.Allowed(module)
}

func (c *checker) importModule(at positioned, module string) {
	if !c.importable(module) {
		c.add(at, outsideSandbox,
			fmt.Sprintf("module %s is not available in the embedded host's sandbox, so the import raises ImportError", module))
	}
}

func (c *checker) importFrom(n *ast.ImportFrom) {
	module := string(n.Module)
	switch {
	case n.Level == 0:
		c.importModule(n, module)
	case n.Level > 1 || strings.Contains(module, "."):
		c.add(n, outsideSandbox, fmt.Sprintf("%s%s is not a module beside the script, and the embedded host has no packages",
			strings.Repeat(".", n.Level), module))
	case module != "":
		if !c.siblings[module] {
			c.add(n, outsideSandbox, fmt.Sprintf(".%s is not a module beside the script", module))
		}
	default:
		for _, a := range n.Names {
			if !c.siblings[string(a.Name)] {
				c.add(n, outsideSandbox, fmt.Sprintf("from . import %s: %s is not a module beside the script", a.Name, a.Name))
			}
		}
	}
}

// --- builtins and calls --------------------------------------------------

func (c *checker) name(n *ast.Name) {
	id := string(n.Id)
	switch id {
	case "open":
		if !c.opt.AllowOpen && c.builtin(id) {
			c.add(n, "open() without --allow-fs", "the embedded host's sandbox allows no file access without --allow-fs, so open() raises PermissionError")
		}
	case "staticmethod", "classmethod":
		if c.builtin(id) {
			c.add(n, id, fmt.Sprintf("gpython's %s objects are not callable, so calling the method through the class raises TypeError", id))
		}
	default:
		if r, ok := codeBuiltins[id]; ok && c.builtin(id) {
			c.add(n, r[0], r[1])
		}
	}
}

func (c *checker) call(n *ast.Call) {
	switch f := n.Func.(type) {
	case *ast.Name:
		id := string(f.Id)
		if !c.builtin(id) {
			return
		}
		switch id {
		case "__import__":
			if len(n.Args) > 0 {
				if s, ok := n.Args[0].(*ast.Str); ok {
					c.importModule(n, string(s.S))
					return
				}
			}
			c.add(n, "dynamic __import__", "the module name is only known at run time, so this check cannot clear it against the embedded host's sandbox")
		case "set", "frozenset":
			if len(n.Args) == 1 && c.yieldsTuples(n.Args[0]) {
				c.setOfTuples(n)
			}
		case "dict":
			if len(n.Args) == 1 {
				c.dictPairs(n.Args[0])
			}
		}
	case *ast.Attribute:
		if f.Attr == "add" && len(n.Args) == 1 {
			if _, ok := n.Args[0].(*ast.Tuple); ok {
				c.setOfTuples(n)
			}
		}
	}
}

// --- dicts and sets ------------------------------------------------------

// nonStrKey describes a dict key gpython rejects, or returns "".
func nonStrKey(k ast.Expr) string {
	switch k := k.(type) {
	case *ast.Num:
		return "a number"
	case *ast.UnaryOp:
		if _, ok := k.Operand.(*ast.Num); ok {
			return "a number"
		}
	case *ast.Tuple:
		return "a tuple"
	case *ast.Bytes:
		return "bytes"
	case *ast.NameConstant:
		switch k.Value {
		case py.None:
			return "None"
		case py.True, py.False:
			return "a bool"
		}
	case *ast.Ellipsis:
		return "Ellipsis"
	}
	return ""
}

func (c *checker) dictKey(k ast.Expr) {
	if k == nil {
		return
	}
	if what := nonStrKey(k); what != "" {
		c.add(k, "non-str dict key", fmt.Sprintf("gpython dicts only take str keys, so a key that is %s raises KeyError", what))
	}
}

// dictPairs checks dict([(k, v), ...]) with a literal list of pairs.
func (c *checker) dictPairs(arg ast.Expr) {
	for _, e := range displayElts(arg) {
		if pair, ok := e.(*ast.Tuple); ok && len(pair.Elts) == 2 {
			c.dictKey(pair.Elts[0])
		}
	}
}

func displayElts(e ast.Expr) []ast.Expr {
	switch e := e.(type) {
	case *ast.List:
		return e.Elts
	case *ast.Tuple:
		return e.Elts
	case *ast.Set:
		return e.Elts
	}
	return nil
}

// yieldsTuples reports whether iterating e certainly yields tuples: a
// display of tuples, a comprehension of tuples, zip(), enumerate(), or
// the .items() / .fetchall() / .fetchmany() rows.
func (c *checker) yieldsTuples(e ast.Expr) bool {
	for _, x := range displayElts(e) {
		if _, ok := x.(*ast.Tuple); ok {
			return true
		}
	}
	var elt ast.Expr
	switch e := e.(type) {
	case *ast.ListComp:
		elt = e.Elt
	case *ast.SetComp:
		elt = e.Elt
	case *ast.GeneratorExp:
		elt = e.Elt
	case *ast.Call:
		switch f := e.Func.(type) {
		case *ast.Name:
			return (f.Id == "zip" || f.Id == "enumerate") && c.builtin(string(f.Id))
		case *ast.Attribute:
			return f.Attr == "items" || f.Attr == "fetchall" || f.Attr == "fetchmany"
		}
	}
	_, ok := elt.(*ast.Tuple)
	return ok
}

func (c *checker) setOfTuples(at positioned) {
	c.add(at, "set of tuples", "gpython cannot hash tuples, so a set of tuples crashes the interpreter (Go panic: hash of unhashable type py.Tuple)")
}

// --- sequences -----------------------------------------------------------

func (c *checker) starredDisplay(elts []ast.Expr) {
	for _, e := range elts {
		if s, ok := e.(*ast.Starred); ok {
			c.add(s, "starred expression in a display", msgStarDisplay)
			return
		}
	}
}

// sequence reports whether e is certainly a tuple or a list.
func (c *checker) sequence(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.Tuple, *ast.List, *ast.ListComp:
		return true
	case *ast.Call:
		if f, ok := e.Func.(*ast.Name); ok {
			return (f.Id == "tuple" || f.Id == "list" || f.Id == "sorted") && c.builtin(string(f.Id))
		}
	}
	return false
}

var orderOps = map[ast.CmpOp]string{ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">="}

// compare flags an ordering comparison with an operand that is certainly
// a tuple or a list. The pre-pass lowers every unchained ordering
// comparison into a call of the host's __mr_lt__ (and friends), which
// orders sequences as CPython does, so what reaches this rule is a
// chained comparison (`(16, 0) <= v < (17, 0)`), which gpython's own
// operator evaluates.
func (c *checker) compare(n *ast.Compare) {
	operands := append([]ast.Expr{n.Left}, n.Comparators...)
	for i, op := range n.Ops {
		if op != ast.Lt && op != ast.LtE && op != ast.Gt && op != ast.GtE || i+1 >= len(operands) {
			continue
		}
		if c.sequence(operands[i]) || c.sequence(operands[i+1]) {
			msg := fmt.Sprintf("gpython cannot order tuples or lists, and the pre-pass lowers only unchained comparisons, so the chained %s raises TypeError (split it with and)", orderOps[op])
			if len(n.Ops) == 1 {
				// Only source that skipped the pre-pass gets here.
				msg = fmt.Sprintf("gpython cannot order tuples or lists, so %s between them raises TypeError unless the pre-pass lowers it", orderOps[op])
			}
			c.add(n, "tuple comparison", msg)
			return
		}
	}
}
