# Runs unchanged on gpython (with pyfmt.Builtins) and on CPython (with the
# shims in builtins_test.go); builtins_test.go compares both with
# script.golden.
print(__mr_mod__("%s", None), __mr_mod__("IN %s", ((1, 2, 3),)), str(1e16), repr((2,)))
print(__mr_mod__("%r|%a|%5.1f|%-4d|%04x", ("q", "é", 3.14159, 7, 255)))
print(__mr_mod__("%(name)s is %(age)d", {"name": "Ann", "age": 42}))
print(__mr_mod__(b"%s-%d", (b"ab", 5)))
print(__mr_mod__(7, 3), __mr_mod__(7.5, 2))
x = "total: %d"
x = __mr_imod__(x, 12)
print(x)
n = 17
n = __mr_imod__(n, 5)
print(n)
print(__mr_fs__("a=", __mr_fv__(1.5, "", ">8.3f"), " b=", __mr_fv__("q", "r", ""), " c=", __mr_fv__([1, "x"], "", "")))
print(__mr_fs__(__mr_fv__(255, "", "#x"), "|", __mr_fv__(1234567.891, "", ",.2f"), "|", __mr_fv__("é", "a", "^9")))
print("{} {!r} {:>6}|{:<6}|{:^6}|".format(1, "a", "r", "l", "c"))
print("{0}{1}{0} {name}".format("<", ">", name="kw"))


class P:
    x = 7


print("{0[0]} {d[k]} {p.x:03d}".format([9], d={"k": "v"}, p=P()))
print("{:{w}.{p}f}".format(3.14159, w=10, p=3))
print("{x}-{y}".format_map({"x": 1, "y": None}))
print(format(3.5), format(3.5, "08.2f"), format("s", ">3"), format(10, "b"), format(True), format(True, "d"))
print(repr("it's"), repr('say "x"'), repr(b"\x00\xff"), ascii("日本"), repr(1e-05), repr(-0.0))
print(str(2 ** 70), 2 ** 70, [2 ** 70], 1 / 3, 1e22, 1e16, 123456789.123)
print((1,), (), [(), (1,)], {"a": (1,)}, None, True, set(), {3})
print(str(ValueError("bad")), repr(ValueError("bad")), str(KeyError("k")), repr(KeyError("k")))
print(str(), str(12), str("s"), str(None), str([None]), str(b"ab", "ascii"), str(b"caf\xc3\xa9", encoding="utf-8"))
print(1, 2, 3, sep="-", end="!\n")
print("no newline", end="")
print()
print("a", "b", sep=None, end=None)


class Sink:
    def __init__(self):
        self.parts = []

    def write(self, s):
        self.parts.append(s)

    def flush(self):
        self.parts.append("<flush>")


sink = Sink()
print("to", "sink", sep="_", file=sink, flush=True)
print(sink.parts)


class Money:
    def __init__(self, v):
        self.v = v

    def __format__(self, spec):
        return "$" + format(self.v, spec or ".2f")

    def __str__(self):
        return "Money(" + str(self.v) + ")"

    def __repr__(self):
        return "<Money " + repr(self.v) + ">"


class Modder:
    def __mod__(self, other):
        return "mod " + repr(other)

    def __rmod__(self, other):
        return "rmod " + repr(other)

    def __imod__(self, other):
        return "imod " + repr(other)


print(__mr_mod__(Modder(), 5), __mr_mod__(5, Modder()), __mr_imod__(Modder(), "x"), __mr_mod__("%s", Modder())[:9])
m = Money(3.14159)
print(m, [m], "{}|{:.1f}|{!s}|{!r}".format(m, m, m, m), __mr_fv__(m, "", ">10"), format(m))
print(__mr_mod__("%s %r", (m, m)))
bad = [
    lambda: "{".format(1),
    lambda: "{0} {}".format(1, 2),
    lambda: __mr_mod__("%d", "x"),
    lambda: format(1, "s"),
    lambda: __mr_mod__("%s %s", (1,)),
    lambda: format("x", 1),
    lambda: print(1, sep=2),
    lambda: print(1, bogus=2),
    lambda: repr(),
    lambda: str(b"\xff", "utf-8"),
    lambda: str("x", "utf-8"),
    lambda: __mr_mod__("%(a)s", {"b": 1}),
    lambda: "{a}".format_map({}),
    lambda: "{0}".format_map({}),
]
for f in bad:
    try:
        f()
        print("no error")
    except Exception as e:
        print("error:", repr(e))
