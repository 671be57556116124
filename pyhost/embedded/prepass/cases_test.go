package prepass

// Golden cases for TestRewriteGolden and TestRewriteErrors. Every output
// was reviewed by hand; TestGoldenMatchesCPython and
// TestSemanticsMatchCPython check them against CPython.

var goldenCases = append(append(append([]goldenCase(nil), lowerCases...), compareDecoratorCases...), forCases...)

// f-strings, + and %, += and %=, super().
var lowerCases = []goldenCase{
	{name: "brief_example",
		in:  `x * a % b + c - d % e`,
		out: `__mr_add__(__mr_mod__(x * a, b), c) - __mr_mod__(d, e)`},
	{name: "mod_left_assoc",
		in:  `a % b % c`,
		out: `__mr_mod__(__mr_mod__(a, b), c)`},
	{name: "add_left_assoc_with_minus",
		in:  `a + b - c + d`,
		out: `__mr_add__(__mr_add__(a, b) - c, d)`},
	{name: "minus_only_untouched",
		in:  `a - b * c - d`,
		out: `a - b * c - d`},
	{name: "str_mod_call_arg",
		in:  `print("%s" % x)`,
		out: `print(__mr_mod__("%s", x))`},
	{name: "str_plus_str",
		in:  `"a" + "b"`,
		out: `__mr_add__("a", "b")`},
	{name: "bytes_plus",
		in:  `Rb"x" + b"y"`,
		out: `__mr_add__(Rb"x", b"y")`},
	{name: "implicit_concat_mod",
		in:  `print("a" "b" % c)`,
		out: `print(__mr_mod__("a" "b", c))`},
	{name: "string_method_plus",
		in:  `"-".join(x) + y`,
		out: `__mr_add__("-".join(x), y)`},
	{name: "trailers_and_power",
		in:  `a + b.c(d)[e] ** f`,
		out: `__mr_add__(a, b.c(d)[e] ** f)`},
	{name: "unary_power_mod",
		in:  `x = -a ** 2 % 3`,
		out: `x = __mr_mod__(-a ** 2, 3)`},
	{name: "power_neg_exponent",
		in:  `y = 2 ** -1 % 3 + 1`,
		out: `y = __mr_add__(__mr_mod__(2 ** -1, 3), 1)`},
	{name: "unary_ops",
		in:  `-x + y, ~x % y, +x + +y`,
		out: `__mr_add__(-x, y), __mr_mod__(~x, y), __mr_add__(+x, +y)`},
	{name: "unary_after_comma_if_lambda",
		in:  `print(a, + b); x = a if b else + c; f = lambda: +1`,
		out: `print(a, + b); x = a if b else + c; f = lambda: +1`},
	{name: "floordiv_mod",
		in:  `x = a * b % c // d % e`,
		out: `x = __mr_mod__(__mr_mod__(a * b, c) // d, e)`},
	{name: "matmul_mod", gpy: "gpython has no @ operator",
		in:  `x = a @ b % c`,
		out: `x = __mr_mod__(a @ b, c)`},
	{name: "lower_precedence_bounds",
		in:  `a < b + c << d & e % f ^ g | h`,
		out: `__mr_lt__(a, __mr_add__(b, c) << d & __mr_mod__(e, f) ^ g | h)`},
	{name: "not_in_is",
		in:  `r = not a + b, x in a + b, x not in c % d, x is not y + z`,
		out: `r = not __mr_add__(a, b), x in __mr_add__(a, b), x not in __mr_mod__(c, d), x is not __mr_add__(y, z)`},
	{name: "not_mod_compare",
		in:  `not a % b == c`,
		out: `not __mr_mod__(a, b) == c`},
	{name: "conditional_expr",
		in:  `x = a + b if c else d % e`,
		out: `x = __mr_add__(a, b) if c else __mr_mod__(d, e)`},
	{name: "conditional_unary_else",
		in:  `print(1 if x else -1 + 2)`,
		out: `print(1 if x else __mr_add__(-1, 2))`},
	{name: "chained_assign",
		in:  `x = y = a + b`,
		out: `x = y = __mr_add__(a, b)`},
	{name: "assert_msg",
		in:  `assert a + b, "msg %s" % c`,
		out: `assert __mr_add__(a, b), __mr_mod__("msg %s", c)`},
	{name: "slices",
		in: `a[b + 1:c % 2, ::-1]
a[1:+2]`,
		out: `a[__mr_add__(b, 1):__mr_mod__(c, 2), ::-1]
a[1:+2]`},
	{name: "keyword_and_star_args",
		in:  `f(a=1 + 2, *b + c, **d % e)`,
		out: `f(a=__mr_add__(1, 2), *__mr_add__(b, c), **__mr_kw__(__mr_mod__(d, e)))`},
	{name: "dict_display_unpack", gpy: "gpython has no {**d}",
		in:  `{**a, 'b': c + d}`,
		out: `{**a, 'b': __mr_add__(c, d)}`},
	{name: "dict_comprehension",
		in:  `d = {k: v + 1 for k, v in d.items()}`,
		out: `d = __mr_dict__((k, __mr_add__(v, 1)) for k, v in __mr_iter__(d.items()))`},
	{name: "dict_display_empty",
		in:  `d = {}; e = f({}, x={})`,
		out: `d = __mr_dict__(); e = f(__mr_dict__(), x=__mr_dict__())`},
	{name: "dict_display_int_and_tuple_keys",
		in:  `d = {1: 'a', (1, 2): 'x', None: 3}`,
		out: `d = __mr_dict__((1, 'a'), ((1, 2), 'x'), (None, 3))`},
	{name: "dict_display_trailing_comma_multiline",
		in:  "d = {\n    'b': 1,\n    'a': {'c': 2},\n}",
		out: "d = __mr_dict__((\n    'b', 1),\n    ('a', __mr_dict__(('c', 2)))\n)"},
	{name: "dict_display_lambda_value",
		in:  `d = {1: lambda x, y: x + y, 2: lambda: 0}`,
		out: `d = __mr_dict__((1, lambda x, y: __mr_add__(x, y)), (2, lambda: 0))`},
	{name: "dict_display_lambda_key_left_alone",
		in:  `d = {lambda: 0: 1}`,
		out: `d = {lambda: 0: 1}`},
	{name: "set_display_left_alone",
		in:  `s = {1, (2, 3), x + 1}`,
		out: `s = {1, (2, 3), __mr_add__(x, 1)}`},
	{name: "set_comprehension_left_alone",
		in:  `s = {k[1:2] for k in a}`,
		out: `s = {k[1:2] for k in __mr_iter__(a)}`},
	{name: "dict_display_slice_and_walrus", gpy: "gpython has no :=",
		in:  `d = {a[1:2]: (y := 3), 'k': b[::2]}`,
		out: `d = __mr_dict__((a[1:2], (y := 3)), ('k', b[::2]))`},
	{name: "dict_comprehension_nested_chain",
		in:  `d = {k: {j: v for j in w} for k, v in a if k < 2}`,
		out: `d = __mr_dict__((k, __mr_dict__((j, v) for j in __mr_iter__(w))) for k, v in __mr_iter__(a) if __mr_lt__(k, 2))`},
	{name: "dict_display_operand_of_chain",
		in:  `x = {1: 2} | {3: a + 1}`,
		out: `x = __mr_dict__((1, 2)) | __mr_dict__((3, __mr_add__(a, 1)))`},
	{name: "call_double_star_args",
		in:  `f(*a, **d); g(x, **{'a': 1}); h(key=lambda a, b: 1, **k)`,
		out: `f(*a, **__mr_kw__(d)); g(x, **__mr_kw__(__mr_dict__(('a', 1)))); h(key=lambda a, b: 1, **__mr_kw__(k))`},
	{name: "def_double_star_params_left_alone",
		in:  "def f(a, *b, **kw): return g(**kw)\nl = lambda **kw: kw",
		out: "def f(a, *b, **kw): return g(**__mr_kw__(kw))\nl = lambda **kw: kw"},
	{name: "list_comprehension",
		in:  `x = [i + 1 for i in range(3) if i % 2]`,
		out: `x = [__mr_add__(i, 1) for i in __mr_iter__(range(3)) if __mr_mod__(i, 2)]`},
	{name: "lambda_body_default",
		in:  `sorted(rows, key=lambda r, o=1 + 2: r[0] + r[1] % o)`,
		out: `sorted(rows, key=lambda r, o=__mr_add__(1, 2): __mr_add__(r[0], __mr_mod__(r[1], o)))`},
	{name: "def_defaults_annotations",
		in:  `def f(a: int = 1 + 2) -> int: return a + 1`,
		out: `def f(a: int = __mr_add__(1, 2)) -> int: return __mr_add__(a, 1)`},
	{name: "decorator_args",
		in: `@dec(a + b)
def f(): pass`,
		out: `@dec(__mr_add__(a, b))
def f(): pass`},
	{name: "decorator_expr",
		in: `@a % b
def f(): pass`,
		out: `@__mr_mod__(a, b)
def f(): pass`},
	{name: "yield_return",
		in: `def g():
    yield a + b
    return -a + b`,
		out: `def g():
    yield __mr_add__(a, b)
    return __mr_add__(-a, b)`},
	{name: "await", gpy: "gpython has no async/await",
		in:  `async def f(): return await x + 1`,
		out: `async def f(): return __mr_add__(await x, 1)`},
	{name: "walrus", gpy: "gpython has no :=",
		in:  `if (n := a + 1) > 2: pass`,
		out: `if __mr_gt__((n := __mr_add__(a, 1)), 2): pass`},
	{name: "numbers",
		in:  `x = 1e-5 + 0x1F % 1000 + 1j + 1. + .5 + 1E+3 + 0o17 + 0b10`,
		out: `x = __mr_add__(__mr_add__(__mr_add__(__mr_add__(__mr_add__(__mr_add__(__mr_add__(1e-5, __mr_mod__(0x1F, 1000)), 1j), 1.), .5), 1E+3), 0o17), 0b10)`},
	{name: "numbers_underscore", gpy: "gpython has no numeric underscores",
		in:  `x = 1_000 + 0b1_0 % 1_0.0_1`,
		out: `x = __mr_add__(1_000, __mr_mod__(0b1_0, 1_0.0_1))`},
	{name: "multiline_in_brackets",
		in: `x = (a
     + b)`,
		out: `x = (__mr_add__(a
     , b))`},
	{name: "comment_before_operand",
		in: `print(a +  # comment
      b)`,
		out: `print(__mr_add__(a,  # comment
      b))`},
	{name: "comment_before_operator",
		in: `print(a  # comment
      + b)`,
		out: `print(__mr_add__(a  # comment
      , b))`},
	{name: "backslash_continuation",
		in: `x = a \
    + b`,
		out: `x = __mr_add__(a \
    , b)`},
	{name: "nested_brackets",
		in:  `f(g(a + b) % (c, d)[0], [e + f for e in g])`,
		out: `f(__mr_mod__(g(__mr_add__(a, b)), (c, d)[0]), [__mr_add__(e, f) for e in __mr_iter__(g)])`},
	{name: "string_on_both_sides",
		in:  `s = "a" + x + 'b' % y + """c"""`,
		out: `s = __mr_add__(__mr_add__(__mr_add__("a", x), __mr_mod__('b', y)), """c""")`},
	{name: "iadd_simple",
		in:  `x += 1`,
		out: `x = __mr_iadd__(x, 1)`},
	{name: "imod_simple",
		in:  `s %= (1, 2)`,
		out: `s = __mr_imod__(s, (1, 2))`},
	{name: "iadd_attr_subscript",
		in: `self.n += 1
d[k] %= v`,
		out: `self.n = __mr_iadd__(self.n, 1)
d[k] = __mr_imod__(d[k], v)`},
	{name: "iadd_target_with_rewrite",
		in:  `d[a + b] += c`,
		out: `d[__mr_add__(a, b)] = __mr_iadd__(d[__mr_add__(a, b)], c)`},
	{name: "iadd_tuple_rhs",
		in:  `total += a, b`,
		out: `total = __mr_iadd__(total, (a, b))`},
	{name: "iadd_star_rhs", gpy: "gpython has no starred tuple displays",
		in:  `x += *a, b`,
		out: `x = __mr_iadd__(x, (*a, b))`},
	{name: "iadd_yield",
		in: `def g(x):
    x += yield`,
		out: `def g(x):
    x = __mr_iadd__(x, (yield))`},
	{name: "iadd_rhs_expression",
		in:  `s += "%s, " % name + sep`,
		out: `s = __mr_iadd__(s, __mr_add__(__mr_mod__("%s, ", name), sep))`},
	{name: "iadd_one_line_compound",
		in: `if c: x += 1
for i in range(a + 1): total += i`,
		out: `if c: x = __mr_iadd__(x, 1)
for i in __mr_iter__(range(__mr_add__(a, 1))): total = __mr_iadd__(total, i)`},
	{name: "iadd_semicolons",
		in:  `x += 1; y %= 2`,
		out: `x = __mr_iadd__(x, 1); y = __mr_imod__(y, 2)`},
	{name: "iadd_multiline_target",
		in: `d[
  k] += 1`,
		out: `d[
  k] = __mr_iadd__(d[ k], 1)`},
	{name: "iadd_multiline_rhs",
		in: `x += (a,
      b)  # tail`,
		out: `x = __mr_iadd__(x, (a,
      b))  # tail`},
	{name: "iadd_target_multiline_literal_untouched",
		in: `d["""a
b"""] += 1`,
		out: `d["""a
b"""] += 1`},
	{name: "other_augassign_untouched",
		in:  `x -= a + b; y *= 2; z //= 3; w **= 2; u |= 1; t <<= 1`,
		out: `x -= __mr_add__(a, b); y *= 2; z //= 3; w **= 2; u |= 1; t <<= 1`},
	{name: "super_method",
		in: `class A(B):
    def __init__(self, x):
        super().__init__(x)
    def m(cls): return super().m() + [1]`,
		out: `class A(B):
    def __init__(self, x):
        super(__class__, self).__init__(x)
    def m(cls): return __mr_add__(super(__class__, cls).m(), [1])`},
	{name: "super_nested_def_uses_innermost",
		in: `class A:
    def f(self):
        def g(other):
            return super().h
        return g`,
		out: `class A:
    def f(self):
        def g(other):
            return super(__class__, other).h
        return g`},
	{name: "super_untouched",
		in: `class A:
    x = super()
    def f(self):
        return x.super() + super(A, self).f()
    def super(self): pass
def free(self): super()`,
		out: `class A:
    x = super()
    def f(self):
        return __mr_add__(x.super(), super(A, self).f())
    def super(self): pass
def free(self): super()`},
	{name: "super_after_dedent",
		in: `class A:
    def f(self):
        pass
def g(x):
    return super()
class B:
    def h(this):
        return super().h()`,
		out: `class A:
    def f(self):
        pass
def g(x):
    return super()
class B:
    def h(this):
        return super(__class__, this).h()`},
	{name: "super_tabs",
		in: `class A:
	def f(self):
		return super().f()`,
		out: `class A:
	def f(self):
		return super(__class__, self).f()`},
	{name: "super_decorated",
		in: `class A:
    @property
    def p(self):
        return super().p
    @staticmethod
    def q(s):
        return super().q()`,
		out: `class A:
    @property
    def p(self):
        return super(__class__, self).p
    @staticmethod
    def q(s):
        return super(__class__, s).q()`},
	{name: "super_async", gpy: "gpython has no async/await",
		in: `class A:
    async def q(s):
        return await super().q()
async def h(self): await super().g()`,
		out: `class A:
    async def q(s):
        return await super(__class__, s).q()
async def h(self): await super().g()`},
	{name: "super_in_fstring",
		in: `class A:
    def __repr__(self):
        return f"<{super().__repr__()}>"`,
		out: `class A:
    def __repr__(self):
        return __mr_fs__("<", __mr_fv__((super(__class__, self).__repr__()), "", ""), ">")`},
	{name: "match_statement", gpy: "gpython has no match statement",
		in: `match x + 1:
    case -1 + 2j:
        y = a + b
    case [a, b] if a + b > 1:
        pass`,
		out: `match __mr_add__(x, 1):
    case -1 + 2j:
        y = __mr_add__(a, b)
    case [a, b] if __mr_gt__(__mr_add__(a, b), 1):
        pass`},
	{name: "match_case_as_names",
		in: `match = a + b
case = c % d`,
		out: `match = __mr_add__(a, b)
case = __mr_mod__(c, d)`},
	{name: "fstring_conversions_and_spec",
		in:  `x = f"hello {name!r:>10} {name!s} {name!a} {3.14:.2f}"`,
		out: `x = __mr_fs__("hello ", __mr_fv__((name), "r", ">10"), " ", __mr_fv__((name), "s", ""), " ", __mr_fv__((name), "a", ""), " ", __mr_fv__((3.14), "", ".2f"))`},
	{name: "fstring_selfdoc",
		in:  `f"{x=} {y = } {z=:>4} {w=!s} {v=!r:^5}"`,
		out: `__mr_fs__('x=', __mr_fv__((x), "r", ""), " ", 'y = ', __mr_fv__((y ), "r", ""), " ", 'z=', __mr_fv__((z), "", ">4"), " ", 'w=', __mr_fv__((w), "s", ""), " ", 'v=', __mr_fv__((v), "r", "^5"))`},
	{name: "fstring_doubled_braces",
		in:  `f"{{lit}} {{{x}}} }}{{"`,
		out: `__mr_fs__("{lit} {", __mr_fv__((x), "", ""), "} }{")`},
	{name: "fstring_nested_spec",
		in:  `f"{3.14159:>{w}.{p}f}|"`,
		out: `__mr_fs__(__mr_fv__((3.14159), "", __mr_fs__(">", __mr_fv__((w), "", ""), ".", __mr_fv__((p), "", ""), "f")), "|")`},
	{name: "fstring_nested_spec_string",
		in:  `f"{x:{'>'}10}"`,
		out: `__mr_fs__(__mr_fv__((x), "", __mr_fs__(__mr_fv__(('>'), "", ""), "10")))`},
	{name: "fstring_spec_percent",
		in:  `f"{x:%Y-%m-%d} {y:{z}}"`,
		out: `__mr_fs__(__mr_fv__((x), "", "%Y-%m-%d"), " ", __mr_fv__((y), "", __mr_fv__((z), "", "")))`},
	{name: "fstring_expr_rewritten",
		in:  `f"{a % b} {a + b!r} {a if b else c}"`,
		out: `__mr_fs__(__mr_fv__((__mr_mod__(a, b)), "", ""), " ", __mr_fv__((__mr_add__(a, b)), "r", ""), " ", __mr_fv__((a if b else c), "", ""))`},
	{name: "fstring_nested_fstring",
		in:  `f"{f'{x!r}'}"`,
		out: `__mr_fs__(__mr_fv__((__mr_fs__(__mr_fv__((x), "r", ""))), "", ""))`},
	{name: "fstring_quotes_in_expr",
		in:  `f'{"dq inside sq"}' f"{ {'a': 1}['a'] }" f"{3 != 4} {x==3}"`,
		out: `__mr_fs__(__mr_fv__(("dq inside sq"), "", ""), __mr_fv__(( __mr_dict__(('a', 1))['a'] ), "", ""), __mr_fv__((3 != 4), "", ""), " ", __mr_fv__((x==3), "", ""))`},
	{name: "fstring_hash_in_nested_string",
		in:  `f"{'#'} {x:#x}"`,
		out: `__mr_fs__(__mr_fv__(('#'), "", ""), " ", __mr_fv__((x), "", "#x"))`},
	{name: "fstring_comparisons_in_expr",
		in:  `f"{a<b} {a<=b} {a>=b} {a!=b}"`,
		out: `__mr_fs__(__mr_fv__((__mr_lt__(a,b)), "", ""), " ", __mr_fv__((__mr_le__(a,b)), "", ""), " ", __mr_fv__((__mr_ge__(a,b)), "", ""), " ", __mr_fv__((a!=b), "", ""))`},
	{name: "fstring_tuple_and_walrus_spec",
		in:  `f"{x, y} {x:=5}"`,
		out: `__mr_fs__(__mr_fv__((x, y), "", ""), " ", __mr_fv__((x), "", "=5"))`},
	{name: "fstring_raw",
		in:  `rf"\d{x}\n" fr"{y}\w" Rf"{z}" fR"\\{z}"`,
		out: `__mr_fs__(r"\d", __mr_fv__((x), "", ""), r"\n", __mr_fv__((y), "", ""), r"\w", __mr_fv__((z), "", ""), r"\\", __mr_fv__((z), "", ""))`},
	{name: "fstring_raw_trailing_backslash",
		in:  `rf"a\{x}" rf"\\{x}" rf'\'{x}'`,
		out: `__mr_fs__(r"a", '\\', __mr_fv__((x), "", ""), r"\\", __mr_fv__((x), "", ""), r'\'', __mr_fv__((x), "", ""))`},
	{name: "fstring_escaped_brace_backslash",
		in:  `f"\{x}" f"\\{x}" f"a\\\{x}"`,
		out: `__mr_fs__('\\', __mr_fv__((x), "", ""), "\\", __mr_fv__((x), "", ""), "a", '\\\\', __mr_fv__((x), "", ""))`},
	{name: "fstring_named_escape",
		in:  `f"\N{EM DASH}{x}"`,
		out: `__mr_fs__("\N{EM DASH}", __mr_fv__((x), "", ""))`},
	{name: "fstring_escapes_kept",
		in:  `f"\t{x}\n\x41\u00e9\'"`,
		out: `__mr_fs__("\t", __mr_fv__((x), "", ""), "\n\x41\u00e9\'")`},
	{name: "fstring_empty",
		in: `e = f""
f = f'' "x" f''''''`,
		out: `e = __mr_fs__("")
f = __mr_fs__('', "x", '''''')`},
	{name: "fstring_concat",
		in:  `s = "plain " f"{x}" ' tail'`,
		out: `s = __mr_fs__("plain ", __mr_fv__((x), "", ""), ' tail')`},
	{name: "fstring_concat_across_lines_comments",
		in: `x = (
    "a"   # one
    # two
    f"{b}"
    u"c"
)`,
		out: `x = (
    __mr_fs__("a",   # one
    # two
    __mr_fv__((b), "", ""),
    u"c")
)`},
	{name: "fstring_concat_backslash",
		in: `s = 'abc' \
    f'{x}'`,
		out: `s = __mr_fs__('abc', \
    __mr_fv__((x), "", ""))`},
	{name: "fstring_triple_multiline",
		in: `y = f'''multi
{x +
  y}
line'''`,
		out: `y = __mr_fs__('''multi
''', __mr_fv__((__mr_add__(x,
  y)), "", ""), '''
line''')`},
	{name: "fstring_triple_quote_at_piece_end",
		in:  `f"""a"{x}""" f"""{x}" """ f"""x""{y}"""`,
		out: `__mr_fs__("""a""", '"', __mr_fv__((x), "", ""), __mr_fv__((x), "", ""), """" """, """x""", '""', __mr_fv__((y), "", ""))`},
	{name: "fstring_triple_raw_quote_end",
		in:  `rf"""a\"{x}"""`,
		out: `__mr_fs__(r"""a""", '\\"', __mr_fv__((x), "", ""))`},
	{name: "fstring_selfdoc_multiline",
		in: `f"""{
  x
  = }"""`,
		out: `__mr_fs__('\n  x\n  = ', __mr_fv__((
  x
  ), "r", ""))`},
	{name: "fstring_mod_operand",
		in:  `msg = f"{a}: %s" % b + f"!"`,
		out: `msg = __mr_add__(__mr_mod__(__mr_fs__(__mr_fv__((a), "", ""), ": %s"), b), __mr_fs__("!"))`},
	{name: "fstring_in_call_kwargs",
		in:  `log.info(f"{n} rows", extra={"k": f"{v!r}"})`,
		out: `log.info(__mr_fs__(__mr_fv__((n), "", ""), " rows"), extra=__mr_dict__(("k", __mr_fs__(__mr_fv__((v), "r", "")))))`},
	{name: "fstring_lambda_in_parens",
		in:  `f"{(lambda q: q + 1)(2)}"`,
		out: `__mr_fs__(__mr_fv__(((lambda q: __mr_add__(q, 1))(2)), "", ""))`},
	{name: "fstring_dict_spec_braces",
		in:  `f"{x:{{y}}}"`,
		out: `__mr_fs__(__mr_fv__((x), "", __mr_fv__(({y}), "", "")))`},
	{name: "fstring_single_quote_continuation",
		in: `s = f"ab\
c{x}"`,
		out: `s = __mr_fs__("ab\
c", __mr_fv__((x), "", ""))`},
	{name: "nothing_to_do",
		in: `import os
def f(a, b):
    return a - b * 2  # no + or % here`,
		out: `import os
def f(a, b):
    return a - b * 2  # no + or % here`},
	{name: "crlf_line_endings",
		in:  "x = a + b\r\ny = f\"{c}\"\r\n",
		out: "x = __mr_add__(a, b)\r\ny = __mr_fs__(__mr_fv__((c), \"\", \"\"))\r\n"},
	{name: "no_token_fusion",
		in: `x = 1 if c else-1+2
y = [a for a in"ab"f"{c}"]
z = b if c else"%s"%d`,
		out: `x = 1 if c else __mr_add__(-1,2)
y = [a for a in __mr_iter__(__mr_fs__("ab",__mr_fv__((c), "", "")))]
z = b if c else __mr_mod__("%s",d)`},
	{name: "iadd_rhs_lambda_default",
		in:  `f += lambda a=1: a + 1,`,
		out: `f = __mr_iadd__(f, (lambda a=1: __mr_add__(a, 1),))`},
	{name: "fstring_selfdoc_newline_after_eq",
		in: `y = f"""{x=
}|{x
=
!s}"""`,
		out: `y = __mr_fs__('x=\n', __mr_fv__((x
), "r", ""), """|""", 'x\n=\n', __mr_fv__((x

), "s", ""))`},
}

// Ordering comparisons and dotted decorators.
var compareDecoratorCases = []goldenCase{
	{name: "cmp_each_operator",
		in:  `r = a < b; s = a <= b; t = a > b; u = a >= b`,
		out: `r = __mr_lt__(a, b); s = __mr_le__(a, b); t = __mr_gt__(a, b); u = __mr_ge__(a, b)`},
	{name: "cmp_version_tuple",
		in: `if version_tuple >= (17, 0):
    pass
elif sorted_key < (2, 'b'): pass`,
		out: `if __mr_ge__(version_tuple, (17, 0)):
    pass
elif __mr_lt__(sorted_key, (2, 'b')): pass`},
	{name: "cmp_no_spaces",
		in:  `x=[a<b,c>=d]`,
		out: `x=[__mr_lt__(a,b),__mr_ge__(c,d)]`},
	{name: "cmp_chained_untouched",
		in:  `r = 0 <= i < n; s = a < b == c; t = a > b > c + d; u = a < b in c`,
		out: `r = 0 <= i < n; s = a < b == c; t = a > b > __mr_add__(c, d); u = a < b in c`},
	{name: "cmp_equality_membership_identity_untouched",
		in:  `r = (a == b, a != b, a in b, a not in b, a is b, a is not b)`,
		out: `r = (a == b, a != b, a in b, a not in b, a is b, a is not b)`},
	{name: "cmp_mixed_with_equality_untouched",
		in:  `r = a == b < c; s = a is not b >= c; t = a not in b > c`,
		out: `r = a == b < c; s = a is not b >= c; t = a not in b > c`},
	{name: "cmp_bounded_by_not_and_or",
		in:  `x = not a < b and c > d or e <= f`,
		out: `x = not __mr_lt__(a, b) and __mr_gt__(c, d) or __mr_le__(e, f)`},
	{name: "cmp_conditional_and_lambda",
		in:  `f = lambda r, lo=a < b: r[0] < lo if r > (1,) else r >= (2,)`,
		out: `f = lambda r, lo=__mr_lt__(a, b): __mr_lt__(r[0], lo) if __mr_gt__(r, (1,)) else __mr_ge__(r, (2,))`},
	{name: "cmp_bitwise_operands",
		in:  `r = a | b < c & d; s = a << 1 >= b >> 2 ^ e`,
		out: `r = __mr_lt__(a | b, c & d); s = __mr_ge__(a << 1, b >> 2 ^ e)`},
	{name: "cmp_arith_operands",
		in:  `r = a + b < c % d; s = -a ** 2 > -b; t = "%s" % x <= y + z`,
		out: `r = __mr_lt__(__mr_add__(a, b), __mr_mod__(c, d)); s = __mr_gt__(-a ** 2, -b); t = __mr_le__(__mr_mod__("%s", x), __mr_add__(y, z))`},
	{name: "cmp_parenthesized_operand",
		in:  `r = (a < b) < c; s = (0 <= i < n) > x`,
		out: `r = __mr_lt__((__mr_lt__(a, b)), c); s = __mr_gt__((0 <= i < n), x)`},
	{name: "cmp_for_targets_and_comprehensions",
		in: `for x in a < b: pass
for d[i + 1], (e, f) in g: pass
r = [x for x, y in z if x < y]
s = {k: v > 0 for k, v in d.items() if k not in e}
t = [a for a in b if a not in c < d]`,
		out: `for x in __mr_iter__(__mr_lt__(a, b)): pass
for d[__mr_add__(i, 1)], (e, f) in __mr_iter__(g): pass
r = [x for x, y in __mr_iter__(z) if __mr_lt__(x, y)]
s = __mr_dict__((k, __mr_gt__(v, 0)) for k, v in __mr_iter__(d.items()) if k not in e)
t = [a for a in __mr_iter__(b) if a not in c < d]`},
	{name: "cmp_sort_key_and_call_args",
		in:  `rows.sort(key=lambda r: (r[1] < 0, r)); f(a < b, *c > d, k=e >= f)[g < h:]`,
		out: `rows.sort(key=lambda r: (__mr_lt__(r[1], 0), r)); f(__mr_lt__(a, b), *__mr_gt__(c, d), k=__mr_ge__(e, f))[__mr_lt__(g, h):]`},
	{name: "cmp_statements",
		in: `def f(i, n):
    while i < n:
        i += 1
    assert i >= n, "%d" % i
    return i > n`,
		out: `def f(i, n):
    while __mr_lt__(i, n):
        i = __mr_iadd__(i, 1)
    assert __mr_ge__(i, n), __mr_mod__("%d", i)
    return __mr_gt__(i, n)`},
	{name: "cmp_augassign",
		in:  `x += a < b; d[a > b] += c; y %= a >= b, c`,
		out: `x = __mr_iadd__(x, __mr_lt__(a, b)); d[__mr_gt__(a, b)] = __mr_iadd__(d[__mr_gt__(a, b)], c); y = __mr_imod__(y, (__mr_ge__(a, b), c))`},
	{name: "cmp_multiline_and_comments",
		in: `x = (a
     < b)
y = (c  # first
     >= d)
z = e <=     f`,
		out: `x = (__mr_lt__(a
     , b))
y = (__mr_ge__(c  # first
     , d))
z = __mr_le__(e,     f)`},
	{name: "cmp_no_token_fusion",
		in:  `x = 1 if c else-1<2`,
		out: `x = 1 if c else __mr_lt__(-1,2)`},
	{name: "cmp_await", gpy: "gpython has no async/await",
		in:  `async def f(): return await x < 1`,
		out: `async def f(): return __mr_lt__(await x, 1)`},
	{name: "deco_property_setter",
		in: `class T:
    @property
    def celsius(self): return self._c
    @celsius.setter
    def celsius(self, v): self._c = v`,
		out: `class T:
    @property
    def celsius(self): return self._c
    @__mr_id__(celsius.setter)
    def celsius(self, v): self._c = v`},
	{name: "deco_dotted_call",
		in: `@openupgrade.migrate(use_env=True)
def migrate(env, version): pass`,
		out: `@__mr_id__(openupgrade.migrate(use_env=True))
def migrate(env, version): pass`},
	{name: "deco_nested_wraps",
		in: `def log(f):
    @functools.wraps(f)
    def w(*a):
        return f(*a) + 1
    return w`,
		out: `def log(f):
    @__mr_id__(functools.wraps(f))
    def w(*a):
        return __mr_add__(f(*a), 1)
    return w`},
	{name: "deco_stacked_class",
		in: `@a.b.c
@plain
@mod.decorator(x + 1, y < 2)  # comment
class K: pass`,
		out: `@__mr_id__(a.b.c)
@plain
@__mr_id__(mod.decorator(__mr_add__(x, 1), __mr_lt__(y, 2)))  # comment
class K: pass`},
	{name: "deco_multiline_args",
		in: `@mod.decorator(
    "a" % b,
)
def f(): pass`,
		out: `@__mr_id__(mod.decorator(
    __mr_mod__("a", b),
))
def f(): pass`},
	{name: "deco_plain_untouched",
		in: `@property
@dec(a.b, c.d)
def f(): pass`,
		out: `@property
@dec(a.b, c.d)
def f(): pass`},
	{name: "deco_relaxed_chain",
		in: `@a.b(c).d
def f(): pass`,
		out: `@__mr_id__(a.b(c).d)
def f(): pass`},
	{name: "deco_relaxed_subscript_untouched", gpy: "gpython has no relaxed decorators",
		in: `@handlers[0]
def f(): pass`,
		out: `@handlers[0]
def f(): pass`},
	{name: "matmul_not_a_decorator", gpy: "gpython has no @ operator",
		in:  `x = a @ b.c`,
		out: `x = a @ b.c`},
}

// For-loop iterables wrapped in __mr_iter__.
var forCases = []goldenCase{
	{name: "for_statement",
		in: `for row in cr.fetchall():
    print(row)
else:
    pass`,
		out: `for row in __mr_iter__(cr.fetchall()):
    print(row)
else:
    pass`},
	{name: "for_one_line_body_and_targets",
		in:  `for (a, b), c in[((1, 2), 3)]: print(a)`,
		out: `for (a, b), c in __mr_iter__([((1, 2), 3)]): print(a)`},
	{name: "for_tuple_iterable",
		in: `for x in a, b: pass
for x in a,: pass
for x in (a, b): pass`,
		out: `for x in __mr_iter__((a, b)): pass
for x in __mr_iter__((a,)): pass
for x in __mr_iter__((a, b)): pass`},
	{name: "for_starred_iterable", gpy: "gpython has no starred tuple displays",
		in:  `for x in *a, *b: pass`,
		out: `for x in __mr_iter__((*a, *b)): pass`},
	{name: "for_conditional_and_lambda_iterable",
		in: `for x in a if c else b: pass
for f in lambda: 0, lambda x: x: pass`,
		out: `for x in __mr_iter__(a if c else b): pass
for f in __mr_iter__((lambda: 0, lambda x: x)): pass`},
	{name: "for_iterable_lowered_inside",
		in:  `for k in sorted(d) + ["%s" % x]: pass`,
		out: `for k in __mr_iter__(__mr_add__(sorted(d), [__mr_mod__("%s", x)])): pass`},
	{name: "for_multiline_iterable",
		in: `for x in (a,
          b):
    pass
for y in a \
        + b:
    pass`,
		out: `for x in __mr_iter__((a,
          b)):
    pass
for y in __mr_iter__(__mr_add__(a \
        , b)):
    pass`},
	{name: "for_nested_in_def_and_class",
		in: `class A:
    names = [n for n in ("a", "b")]
    def f(self, rows):
        for r in rows:
            for c in r:
                yield c`,
		out: `class A:
    names = [n for n in __mr_iter__(("a", "b"))]
    def f(self, rows):
        for r in __mr_iter__(rows):
            for c in __mr_iter__(r):
                yield c`},
	{name: "comprehension_clauses",
		in:  `r = [y for x in xs if x for y in x if y not in seen for z in (y,)]`,
		out: `r = [y for x in __mr_iter__(xs) if x for y in __mr_iter__(x) if y not in seen for z in __mr_iter__((y,))]`},
	{name: "comprehension_kinds",
		in:  `r = {k for k in a}, {k: 1 for k in b}, list(x for x in c), sum((x for x in d), 0)`,
		out: `r = {k for k in __mr_iter__(a)}, __mr_dict__((k, 1) for k in __mr_iter__(b)), list(x for x in __mr_iter__(c)), sum((x for x in __mr_iter__(d)), 0)`},
	{name: "comprehension_disjunction_iterable",
		in:  `r = [x for x in a or b and not c if x]`,
		out: `r = [x for x in __mr_iter__(a or b and not c) if x]`},
	{name: "comprehension_in_iterable",
		in:  `for x in [y for y in z]: pass`,
		out: `for x in __mr_iter__([y for y in __mr_iter__(z)]): pass`},
	{name: "comprehension_in_fstring",
		in:  `s = f"{[x for x in y]} {sum(n for n in m)}"`,
		out: `s = __mr_fs__(__mr_fv__(([x for x in __mr_iter__(y)]), "", ""), " ", __mr_fv__((sum(n for n in __mr_iter__(m))), "", ""))`},
	{name: "for_already_wrapped",
		in: `for x in __mr_iter__(y): pass
r = [a for a in __mr_iter__((b, c))]
for x in __mr_iter__(a) or b: pass`,
		out: `for x in __mr_iter__(y): pass
r = [a for a in __mr_iter__((b, c))]
for x in __mr_iter__(__mr_iter__(a) or b): pass`},
	{name: "async_for_untouched", gpy: "gpython has no async/await",
		in: `async def f():
    async for x in a:
        pass
    return [y async for y in b]`,
		out: `async def f():
    async for x in a:
        pass
    return [y async for y in b]`},
	{name: "comprehension_async_clause_ends_iterable", gpy: "gpython has no async/await",
		in:  `async def f(): return [y for x in a async for y in x]`,
		out: `async def f(): return [y for x in __mr_iter__(a) async for y in x]`},
}

var errorCases = []errorCase{
	{name: "empty_expression", in: `f"{}"`, line: 1, col: 4,
		msg: "f-string: empty expression not allowed"},
	{name: "blank_expression", in: `f"{ }"`, line: 1, col: 5,
		msg: "f-string: empty expression not allowed"},
	{name: "single_close", in: `f"a}b"`, line: 1, col: 4,
		msg: "f-string: single '}' is not allowed"},
	{name: "single_close_after_field", in: `f"{x}}"`, line: 1, col: 6,
		msg: "f-string: single '}' is not allowed"},
	{name: "unclosed_field", in: `f"{x"`, line: 1, col: 5,
		msg: "f-string: expecting '}'"},
	{name: "unclosed_brace", in: `f"{"`, line: 1, col: 4,
		msg: "f-string: expecting '}'"},
	{name: "conversion_then_junk", in: `f"{x!r }"`, line: 1, col: 7,
		msg: "f-string: expecting '}'"},
	{name: "selfdoc_after_conversion", in: `f"{x!r=}"`, line: 1, col: 7,
		msg: "f-string: expecting '}'"},
	{name: "unclosed_spec", in: `f"{x:{y}"`, line: 1, col: 9,
		msg: "f-string: expecting '}'"},
	{name: "invalid_conversion", in: `f"{x!z}"`, line: 1, col: 6,
		msg: "f-string: invalid conversion character: expected 's', 'r', or 'a'"},
	{name: "missing_conversion", in: `f"{x!}"`, line: 1, col: 6,
		msg: "f-string: invalid conversion character: expected 's', 'r', or 'a'"},
	{name: "backslash_in_expr", in: `f"{a\n}"`, line: 1, col: 5,
		msg: "f-string expression part cannot include a backslash"},
	{name: "backslash_in_nested_string", in: `f"{'\n'}"`, line: 1, col: 5,
		msg: "f-string expression part cannot include a backslash"},
	{name: "hash_in_expr", in: `f"{a#}"`, line: 1, col: 5,
		msg: "f-string expression part cannot include '#'"},
	{name: "nested_too_deeply", in: `f"{x:{y:{z}}}"`, line: 1, col: 9,
		msg: "f-string: expressions nested too deeply"},
	{name: "unmatched_paren", in: `f"{)}"`, line: 1, col: 4,
		msg: "f-string: unmatched ')'"},
	{name: "mismatched_paren", in: `f"{(}"`, line: 1, col: 5,
		msg: "f-string: closing parenthesis '}' does not match opening parenthesis '('"},
	{name: "mismatched_paren_in_field", in: `f"{a[1}"`, line: 1, col: 7,
		msg: "f-string: closing parenthesis '}' does not match opening parenthesis '['"},
	{name: "unclosed_paren_in_field", in: `f"{a[1"`, line: 1, col: 7,
		msg: "f-string: unmatched '['"},
	{name: "unterminated_string_in_field", in: `f"{'a}"`, line: 1, col: 7,
		msg: "f-string: unterminated string"},
	{name: "expression_required_conv", in: `f"{!r}"`, line: 1, col: 4,
		msg: "f-string: expression required before '!'"},
	{name: "expression_required_eq", in: `f"{=}"`, line: 1, col: 4,
		msg: "f-string: expression required before '='"},
	{name: "expression_required_colon", in: `f"{:x}"`, line: 1, col: 4,
		msg: "f-string: expression required before ':'"},
	{name: "error_line_number", in: `x = 1
y = (1,
     f"}")`, line: 3, col: 8,
		msg: "f-string: single '}' is not allowed"},
	{name: "error_in_nested_fstring", in: `a = 1
b = f"{f'{}'}"`, line: 2, col: 11,
		msg: "f-string: f-string: empty expression not allowed"},
	{name: "mix_bytes", in: `b"a" f"x"`, line: 1, col: 1,
		msg: "cannot mix bytes and nonbytes literals"},
	{name: "unterminated_string", in: `x = 1
s = "abc`, line: 2, col: 5,
		msg: "unterminated string literal (detected at line 2)"},
	{name: "unterminated_triple", in: `s = """abc
x`, line: 1, col: 5,
		msg: "unterminated triple-quoted string literal (detected at line 2)"},
	{name: "never_closed", in: `x = (1,`, line: 1, col: 5,
		msg: "'(' was never closed"},
	{name: "unmatched_close", in: `x = 1)`, line: 1, col: 6,
		msg: "unmatched ')'"},
	{name: "mismatched_close", in: `x = (1,
     2]`, line: 2, col: 7,
		msg: "closing parenthesis ']' does not match opening parenthesis '(' on line 1"},
	{name: "bad_continuation", in: `x = 1 \ 2`, line: 1, col: 7,
		msg: "unexpected character after line continuation character"},
}
