package pystdlib

import (
	"strings"

	"github.com/go-python/gpython/py"

	"github.com/migrate-runner/migrate-runner/internal/pyre"
)

// The re module's Python surface: module functions, Pattern and Match
// methods, and the RegexFlag values.

// regexFlag is re.RegexFlag: an int that prints as re.IGNORECASE|... .
type regexFlag int

func (f regexFlag) Type() *py.Type { return regexFlagType }

var regexFlagNames = []struct {
	name string
	bit  int
}{{"ASCII", flagASCII}, {"IGNORECASE", flagIgnoreCase}, {"LOCALE", flagLocale}, {"UNICODE", flagUnicode},
	{"MULTILINE", flagMultiline}, {"DOTALL", flagDotAll}, {"VERBOSE", flagVerbose}, {"TEMPLATE", flagTemplate}, {"DEBUG", flagDebug}}

func (f regexFlag) M__repr__() (py.Object, error) {
	if f == 0 {
		return py.String("re.NOFLAG"), nil
	}
	rest := int(f)
	var parts []string
	for _, n := range regexFlagNames {
		if rest&n.bit != 0 {
			parts = append(parts, "re."+n.name)
			rest &^= n.bit
		}
	}
	if rest != 0 {
		parts = append(parts, "0x"+strconvHex(rest))
	}
	return py.String(strings.Join(parts, "|")), nil
}

func (f regexFlag) M__str__() (py.Object, error) { return f.M__repr__() }

func flagOperand(o py.Object) (int, bool) {
	switch x := o.(type) {
	case regexFlag:
		return int(x), true
	case py.Int:
		return int(x), true
	case py.Bool:
		if x {
			return 1, true
		}
		return 0, true
	}
	return 0, false
}

func (f regexFlag) bin(other py.Object, op func(a, b int) int) (py.Object, error) {
	o, ok := flagOperand(other)
	if !ok {
		return py.NotImplemented, nil
	}
	return regexFlag(op(int(f), o)), nil
}

func (f regexFlag) M__or__(o py.Object) (py.Object, error) {
	return f.bin(o, func(a, b int) int { return a | b })
}
func (f regexFlag) M__ror__(o py.Object) (py.Object, error) { return f.M__or__(o) }
func (f regexFlag) M__and__(o py.Object) (py.Object, error) {
	return f.bin(o, func(a, b int) int { return a & b })
}
func (f regexFlag) M__rand__(o py.Object) (py.Object, error) { return f.M__and__(o) }
func (f regexFlag) M__xor__(o py.Object) (py.Object, error) {
	return f.bin(o, func(a, b int) int { return a ^ b })
}
func (f regexFlag) M__rxor__(o py.Object) (py.Object, error) { return f.M__xor__(o) }
func (f regexFlag) M__add__(o py.Object) (py.Object, error) {
	v, ok := flagOperand(o)
	if !ok {
		return py.NotImplemented, nil
	}
	return py.Int(int(f) + v), nil
}
func (f regexFlag) M__radd__(o py.Object) (py.Object, error) { return f.M__add__(o) }
func (f regexFlag) M__index__() (py.Int, error)              { return py.Int(f), nil }
func (f regexFlag) M__int__() (py.Object, error)             { return py.Int(f), nil }
func (f regexFlag) M__bool__() (py.Object, error)            { return py.NewBool(f != 0), nil }
func (f regexFlag) M__hash__() (py.Object, error)            { return py.Int(f), nil }
func (f regexFlag) GoInt() (int, error)                      { return int(f), nil }
func (f regexFlag) GoInt64() (int64, error)                  { return int64(f), nil }

func (f regexFlag) M__eq__(o py.Object) (py.Object, error) {
	v, ok := flagOperand(o)
	if !ok {
		return py.NotImplemented, nil
	}
	return py.NewBool(int(f) == v), nil
}

func (f regexFlag) M__ne__(o py.Object) (py.Object, error) {
	v, ok := flagOperand(o)
	if !ok {
		return py.NotImplemented, nil
	}
	return py.NewBool(int(f) != v), nil
}

func patSelf(fn string, self py.Object) (*rePattern, error) {
	p, ok := self.(*rePattern)
	if !ok {
		return nil, py.ExceptionNewf(py.TypeError, "descriptor '%s' for 're.Pattern' objects doesn't apply to a '%s' object", fn, typeName(self))
	}
	return p, nil
}

func matchSelf(fn string, self py.Object) (*reMatch, error) {
	m, ok := self.(*reMatch)
	if !ok {
		return nil, py.ExceptionNewf(py.TypeError, "descriptor '%s' for 're.Match' objects doesn't apply to a '%s' object", fn, typeName(self))
	}
	return m, nil
}

func countArg(o py.Object, what string) (int, error) {
	if isNone(o) {
		return 0, nil
	}
	return asInt(o, what)
}

func initReTypes() {
	reErrorType = newExceptionType(py.ExceptionType, "error", "re", "Exception raised for invalid regular expressions.")
	patternType = newGoType("Pattern", "Compiled regular expression object.", nil)
	matchType = newGoType("Match", "The result of re.match() and re.search().", nil)
	regexFlagType = newGoType("RegexFlag", "", nil)
	for _, t := range []*py.Type{patternType, matchType, regexFlagType} {
		t.Dict["__module__"] = py.String("re")
	}
	pd := patternType.Dict
	posMethod := func(name string, mode int) {
		pd[name] = method(name, "", func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
			p, err := patSelf(name, self)
			if err != nil {
				return nil, err
			}
			var s, pos, end py.Object
			if err := bindArgs(name, args, kwargs, []string{"string", "pos", "endpos"}, 1, 3, &s, &pos, &end); err != nil {
				return nil, err
			}
			return p.matchAt(mode, s, pos, end)
		})
	}
	posMethod("match", modeMatch)
	posMethod("search", modeSearch)
	posMethod("fullmatch", modeFull)
	pd["findall"] = method("findall", "Return a list of all non-overlapping matches of pattern in string.", func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		p, err := patSelf("findall", self)
		if err != nil {
			return nil, err
		}
		var s, pos, end py.Object
		if err := bindArgs("findall", args, kwargs, []string{"string", "pos", "endpos"}, 1, 3, &s, &pos, &end); err != nil {
			return nil, err
		}
		return p.findall(s, pos, end)
	})
	pd["finditer"] = method("finditer", "Return an iterator over all non-overlapping matches for the RE pattern in string.", func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		p, err := patSelf("finditer", self)
		if err != nil {
			return nil, err
		}
		var s, pos, end py.Object
		if err := bindArgs("finditer", args, kwargs, []string{"string", "pos", "endpos"}, 1, 3, &s, &pos, &end); err != nil {
			return nil, err
		}
		return p.finditer(s, pos, end)
	})
	subMethod := func(name string, withCount bool) {
		pd[name] = method(name, "", func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
			p, err := patSelf(name, self)
			if err != nil {
				return nil, err
			}
			var repl, s, countObj py.Object
			if err := bindArgs(name, args, kwargs, []string{"repl", "string", "count"}, 2, 3, &repl, &s, &countObj); err != nil {
				return nil, err
			}
			return doSub(p, repl, s, countObj, withCount)
		})
	}
	subMethod("sub", false)
	subMethod("subn", true)
	pd["split"] = method("split", "Split string by the occurrences of pattern.", func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		p, err := patSelf("split", self)
		if err != nil {
			return nil, err
		}
		var s, maxsplit py.Object
		if err := bindArgs("split", args, kwargs, []string{"string", "maxsplit"}, 1, 2, &s, &maxsplit); err != nil {
			return nil, err
		}
		n, err := countArg(maxsplit, "maxsplit")
		if err != nil {
			return nil, err
		}
		return p.split(s, n)
	})
	pd["pattern"] = &py.Property{Fget: func(self py.Object) (py.Object, error) { return self.(*rePattern).patternObj, nil }}
	pd["flags"] = &py.Property{Fget: func(self py.Object) (py.Object, error) { return py.Int(self.(*rePattern).c.tr.flags), nil }}
	pd["groups"] = &py.Property{Fget: func(self py.Object) (py.Object, error) { return py.Int(self.(*rePattern).c.tr.groups), nil }}
	pd["groupindex"] = &py.Property{Fget: func(self py.Object) (py.Object, error) {
		out := py.StringDict{}
		for k, v := range self.(*rePattern).c.tr.groupIndex {
			out[k] = py.Int(v)
		}
		return out, nil
	}}
	same := method("__copy__", "", func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) { return self, nil })
	pd["__copy__"], pd["__deepcopy__"] = same, same

	initMatchMethods()
}

func doSub(p *rePattern, repl, s, countObj py.Object, withCount bool) (py.Object, error) {
	count, err := countArg(countObj, "count")
	if err != nil {
		return nil, err
	}
	if count < 0 {
		str, err := subjectString(s)
		if err != nil {
			return nil, err
		}
		if withCount {
			return py.Tuple{str, py.Int(0)}, nil
		}
		return str, nil
	}
	out, n, err := p.sub(repl, s, count)
	if err != nil {
		return nil, err
	}
	if withCount {
		return py.Tuple{out, py.Int(n)}, nil
	}
	return out, nil
}

func initMatchMethods() {
	md := matchType.Dict
	md["group"] = method("group", "group([group1, ...]) -> str or tuple.", func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		m, err := matchSelf("group", self)
		if err != nil {
			return nil, err
		}
		if err := noKwargs("group", kwargs); err != nil {
			return nil, err
		}
		switch len(args) {
		case 0:
			return m.group(py.Int(0))
		case 1:
			return m.group(args[0])
		}
		out := make(py.Tuple, len(args))
		for i, a := range args {
			if out[i], err = m.group(a); err != nil {
				return nil, err
			}
		}
		return out, nil
	})
	md["groups"] = method("groups", "Return a tuple containing all the subgroups of the match.", func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		m, err := matchSelf("groups", self)
		if err != nil {
			return nil, err
		}
		var def py.Object
		if err := bindArgs("groups", args, kwargs, []string{"default"}, 0, 1, &def); err != nil {
			return nil, err
		}
		if def == nil {
			def = py.None
		}
		out := make(py.Tuple, m.p.c.tr.groups)
		for g := range out {
			out[g] = groupValue(string(m.s), m.loc, g+1, def)
		}
		return out, nil
	})
	md["groupdict"] = method("groupdict", "Return a dictionary containing all the named subgroups of the match.", func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		m, err := matchSelf("groupdict", self)
		if err != nil {
			return nil, err
		}
		var def py.Object
		if err := bindArgs("groupdict", args, kwargs, []string{"default"}, 0, 1, &def); err != nil {
			return nil, err
		}
		if def == nil {
			def = py.None
		}
		out := py.StringDict{}
		for name, g := range m.p.c.tr.groupIndex {
			out[name] = groupValue(string(m.s), m.loc, g, def)
		}
		return out, nil
	})
	pos := func(name string, fn func(m *reMatch, g int) py.Object) {
		md[name] = method(name, "", func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
			m, err := matchSelf(name, self)
			if err != nil {
				return nil, err
			}
			var gObj py.Object
			if err := bindArgs(name, args, kwargs, []string{"group"}, 0, 1, &gObj); err != nil {
				return nil, err
			}
			if gObj == nil {
				gObj = py.Int(0)
			}
			g, err := m.groupIndex(gObj)
			if err != nil {
				return nil, err
			}
			return fn(m, g), nil
		})
	}
	pos("start", func(m *reMatch, g int) py.Object { s, _ := m.spanOf(g); return py.Int(s) })
	pos("end", func(m *reMatch, g int) py.Object { _, e := m.spanOf(g); return py.Int(e) })
	pos("span", func(m *reMatch, g int) py.Object { s, e := m.spanOf(g); return py.Tuple{py.Int(s), py.Int(e)} })
	md["expand"] = method("expand", "Return the string obtained by doing backslash substitution on the string template.", func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		m, err := matchSelf("expand", self)
		if err != nil {
			return nil, err
		}
		var tmplObj py.Object
		if err := bindArgs("expand", args, kwargs, []string{"template"}, 1, 1, &tmplObj); err != nil {
			return nil, err
		}
		ts, ok := tmplObj.(py.String)
		if !ok {
			return nil, py.ExceptionNewf(py.TypeError, "expected str instance, %s found", typeName(tmplObj))
		}
		t, err := parseTemplate(string(ts), m.p.c.tr)
		if err != nil {
			return nil, err
		}
		var b strings.Builder
		t.expand(&b, string(m.s), m.loc)
		return py.String(b.String()), nil
	})
	prop := func(name string, fn func(m *reMatch) py.Object) {
		md[name] = &py.Property{Fget: func(self py.Object) (py.Object, error) {
			m, err := matchSelf(name, self)
			if err != nil {
				return nil, err
			}
			return fn(m), nil
		}}
	}
	prop("string", func(m *reMatch) py.Object { return m.s })
	prop("re", func(m *reMatch) py.Object { return m.p })
	prop("pos", func(m *reMatch) py.Object { return py.Int(m.pos) })
	prop("endpos", func(m *reMatch) py.Object { return py.Int(m.endpos) })
	prop("lastindex", func(m *reMatch) py.Object {
		if g := m.lastIndex(); g > 0 {
			return py.Int(g)
		}
		return py.None
	})
	prop("lastgroup", func(m *reMatch) py.Object {
		if g := m.lastIndex(); g > 0 && m.p.c.tr.groupNames[g] != "" {
			return py.String(m.p.c.tr.groupNames[g])
		}
		return py.None
	})
	prop("regs", func(m *reMatch) py.Object {
		out := make(py.Tuple, m.p.c.tr.groups+1)
		for g := range out {
			s, e := m.spanOf(g)
			out[g] = py.Tuple{py.Int(s), py.Int(e)}
		}
		return out
	})
	same := method("__copy__", "", func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) { return self, nil })
	md["__copy__"], md["__deepcopy__"] = same, same
}

// moduleCall binds the (pattern, ..., flags) signature of a module-level
// function and hands over the Pattern and the remaining arguments.
func moduleCall(name string, names []string, nreq int, fn func(p *rePattern, rest []py.Object) (py.Object, error)) *py.Method {
	return method(name, "", func(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		vals := make([]py.Object, len(names))
		ptrs := make([]*py.Object, len(names))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := bindArgs(name, args, kwargs, names, nreq, len(names), ptrs...); err != nil {
			return nil, err
		}
		p, err := toPattern(vals[0], vals[len(vals)-1])
		if err != nil {
			return nil, err
		}
		return fn(p, vals[1:len(vals)-1])
	})
}

func reModule() *py.ModuleImpl {
	initReTypes()
	methods := []*py.Method{
		method("compile", "Compile a regular expression pattern, returning a Pattern object.", func(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
			var pat, flags py.Object
			if err := bindArgs("compile", args, kwargs, []string{"pattern", "flags"}, 1, 2, &pat, &flags); err != nil {
				return nil, err
			}
			return toPattern(pat, flags)
		}),
		moduleCall("match", []string{"pattern", "string", "flags"}, 2, func(p *rePattern, r []py.Object) (py.Object, error) {
			return p.matchAt(modeMatch, r[0], nil, nil)
		}),
		moduleCall("search", []string{"pattern", "string", "flags"}, 2, func(p *rePattern, r []py.Object) (py.Object, error) {
			return p.matchAt(modeSearch, r[0], nil, nil)
		}),
		moduleCall("fullmatch", []string{"pattern", "string", "flags"}, 2, func(p *rePattern, r []py.Object) (py.Object, error) {
			return p.matchAt(modeFull, r[0], nil, nil)
		}),
		moduleCall("sub", []string{"pattern", "repl", "string", "count", "flags"}, 3, func(p *rePattern, r []py.Object) (py.Object, error) {
			return doSub(p, r[0], r[1], r[2], false)
		}),
		moduleCall("subn", []string{"pattern", "repl", "string", "count", "flags"}, 3, func(p *rePattern, r []py.Object) (py.Object, error) {
			return doSub(p, r[0], r[1], r[2], true)
		}),
		moduleCall("split", []string{"pattern", "string", "maxsplit", "flags"}, 2, func(p *rePattern, r []py.Object) (py.Object, error) {
			n, err := countArg(r[1], "maxsplit")
			if err != nil {
				return nil, err
			}
			return p.split(r[0], n)
		}),
		moduleCall("findall", []string{"pattern", "string", "flags"}, 2, func(p *rePattern, r []py.Object) (py.Object, error) {
			return p.findall(r[0], nil, nil)
		}),
		moduleCall("finditer", []string{"pattern", "string", "flags"}, 2, func(p *rePattern, r []py.Object) (py.Object, error) {
			return p.finditer(r[0], nil, nil)
		}),
		method("escape", "Escape special characters in a string.", func(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
			var pat py.Object
			if err := bindArgs("escape", args, kwargs, []string{"pattern"}, 1, 1, &pat); err != nil {
				return nil, err
			}
			s, ok := pat.(py.String)
			if !ok {
				return nil, py.ExceptionNewf(py.TypeError, "escape() argument must be str, not %s", typeName(pat))
			}
			return py.String(pyre.Escape(string(s))), nil
		}),
		method("purge", "Clear the regular expression caches", func(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
			if err := bindArgs("purge", args, kwargs, nil, 0, 0); err != nil {
				return nil, err
			}
			purgeCache()
			return py.None, nil
		}),
	}
	globals := py.StringDict{
		"error": reErrorType, "Pattern": patternType, "Match": matchType, "RegexFlag": regexFlagType,
		"NOFLAG": regexFlag(0),
	}
	for _, n := range regexFlagNames {
		globals[n.name] = regexFlag(n.bit)
	}
	for short, long := range map[string]string{"A": "ASCII", "I": "IGNORECASE", "L": "LOCALE", "U": "UNICODE",
		"M": "MULTILINE", "S": "DOTALL", "X": "VERBOSE", "T": "TEMPLATE"} {
		globals[short] = globals[long]
	}
	return &py.ModuleImpl{
		Info:    py.ModuleInfo{Name: "re", Doc: "Support for regular expressions (Go RE2 engine with Python syntax)."},
		Methods: methods,
		Globals: globals,
	}
}
