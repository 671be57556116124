class Skip(Exception):
    pass
class MyErr(Exception):
    code = 0
    def __init__(self, msg, code=3):
        super(MyErr, self).__init__(msg)
        self.code = code
        self.detail = None
    def describe(self):
        return __mr_add__("err:", str(self.code))
class Sub(MyErr):
    kind = "sub"
try:
    raise Skip("nothing to do")
except Skip as e:
    print(type(e).__name__, e, e.args, isinstance(e, Exception), isinstance(e, Skip))
try:
    raise Skip("x", 2)
except Exception as e:
    print(type(e).__name__, e, e.args)
try:
    raise Skip
except Skip as e:
    print("bare class", e.args)
try:
    raise MyErr("boom", 7)
except MyErr as e:
    print(e, e.args, e.code, e.detail, e.describe(), MyErr.code)
    e.detail = "more"
    print(e.detail)
try:
    raise Sub("deep")
except (ValueError, MyErr) as e:
    print(type(e).__name__, e.code, e.kind, e.describe(), isinstance(e, MyErr), type(e).__mro__[1].__name__)
err = MyErr("m")
print(err.code, MyErr.code, err.args)
for name in ("pgcode", "message", "errno"):
    try:
        getattr(ValueError("v"), name)
        print(name, "found")
    except AttributeError as e:
        print(type(e).__name__, e)
print(hasattr(ValueError("v"), "pgcode"), hasattr(err, "code"), getattr(err, "pgcode", "none"))
try:
    try:
        raise KeyError("k")
    except KeyError as inner:
        raise ValueError("outer") from inner
except ValueError as e:
    print(e, type(e.__cause__).__name__, e.__cause__.args, e.__suppress_context__)
e = ValueError("a", 1)
print(e.args, e.__cause__, e.__traceback__, e.__context__, KeyError("k").args)
e.args = ("changed",)
print(e.args, e)
print(OSError(2, "No such file").errno, OSError(2, "No such file").strerror, OSError("x").errno)
print(StopIteration(5).value, SystemExit(3).code, SystemExit().code)
class WithStr(Exception):
    def __init__(self, a, b):
        super(WithStr, self).__init__(a, b)
        self.a = a
class Plain(Exception):
    def __init__(self, v):
        self.v = v
p = Plain(9)
print(p.args, p.v)
w = WithStr(1, 2)
print(w.args, w.a)
try:
    raise WithStr("x", "y")
except Exception as e:
    print(e.args, e.a, type(e).__name__)
class NoInit(ValueError):
    pass
try:
    int("zz")
except ValueError as e:
    print(type(e).__name__)
try:
    raise NoInit("z")
except ValueError as e:
    print("caught as ValueError", e, type(e).__name__)
try:
    NoInit(a=1)
except TypeError as e:
    print(e)
caught = []
for exc in (Skip("1"), MyErr("2"), KeyError("3")):
    try:
        raise exc
    except (Skip, KeyError) as e:
        caught.append(type(e).__name__)
    except Exception as e:
        caught.append(__mr_add__("other:", type(e).__name__))
print(caught)
print(Exception.__init__ is not None, BaseException.__name__)
ex = Exception("a")
Exception.__init__(ex, "b", "c")
print(ex.args)
print(ValueError("x").with_traceback(None).args)
