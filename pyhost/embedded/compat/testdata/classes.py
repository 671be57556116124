class A:
    x = 1
    label = "a"
    def __init__(self, v):
        self.v = v
    def who(self):
        return "A"
    def hello(self):
        return __mr_add__("hello from ", self.who())
    @staticmethod
    def s(a, b):
        return __mr_add__(a, b)
    @classmethod
    def make(cls, v):
        return cls(v)
    @classmethod
    def name(cls):
        return cls.__name__
class B(A):
    label = "b"
    def who(self):
        return "B"
class C(B):
    def __init__(self, v, w):
        super(C, self).__init__(v)
        self.w = w
    def who(self):
        return __mr_add__("C>", super(C, self).who())
b = B(3)
print(B.x, B.label, A.label, b.v, b.hello(), B.s(1, 2), b.s(1, 5), A.s(2, 2))
print(B.make(7).v, type(B.make(7)).__name__, B.name(), b.name(), C.name())
c = C(1, 2)
print(c.v, c.w, c.who(), c.hello())
print(A.__name__, C.__qualname__, C.__module__, [k.__name__ for k in C.__mro__], [k.__name__ for k in C.__bases__])
print(type(c).__name__, c.__class__.__name__, c.__class__ is C, type(c) is C, C.__base__.__name__)
print(type(1).__name__, type("s").__name__, type([]).__name__, type(()).__name__, type(None).__name__, type(1.5).__name__, type(True).__name__)
print(type(ValueError).__name__, type(int).__name__, type(type).__name__, ValueError.__name__, KeyError.__mro__[1].__name__)
print(isinstance(c, A), isinstance(c, (int, B)), isinstance(b, C), issubclass(C, A), issubclass(A, C), issubclass(C, (int, str, A)))
print(isinstance(True, int), isinstance(2**70, int), isinstance(1, float), issubclass(bool, int), isinstance(None, type(None)))
print(isinstance(ValueError("x"), Exception), isinstance(KeyError(), LookupError), issubclass(KeyError, (ValueError, LookupError)))
print(isinstance(A, type), isinstance(int, type), isinstance(len, type))
print(sorted(c.__dict__.items()), "who" in A.__dict__, "who" in B.__dict__)
print(str.upper("abc"), list(map(str.strip, [" a ", "b "])), str.join("-", ["x", "y"]), dict.get({"k": 1}, "k"))
print(getattr(B, "x"), getattr(b, "v"), getattr(b, "nope", "dflt"), hasattr(b, "v"), hasattr(b, "nope"), hasattr(B, "s"), hasattr(B, "zz"))
for bad in (lambda: B.nope, lambda: isinstance(1, 2), lambda: issubclass(1, int),
            lambda: super(C, 5), lambda: getattr(b, 5), lambda: str.upper(5)):
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
class P:
    def __init__(self):
        self._x = 0
        self.log = []
    @property
    def x(self):
        self.log.append("get")
        return self._x
    @__mr_deco__(x.setter)
    def x(self, value):
        self.log.append("set")
        self._x = __mr_add__(value, 1)
    @__mr_deco__(x.deleter)
    def x(self):
        self.log.append("del")
        self._x = None
    @property
    def ro(self):
        "read only"
        return 42
p = P()
p.x = 5
print(p.x, p.ro, p.log)
del p.x
print(p._x, p.log, type(P.x).__name__, P.ro.__doc__)
try:
    p.ro = 1
except AttributeError as e:
    print("AttributeError", e)
class Empty:
    pass
try:
    Empty(1)
except TypeError as e:
    print(e)
class Base:
    def __init__(self):
        self.inited = True
class Child(Base):
    pass
print(Child().inited)
class Obj:
    def __init__(self):
        super(Obj, self).__init__()
        self.ok = 1
print(Obj().ok)
class Callable:
    def __init__(self, k):
        self.k = k
    def __call__(self, x, y=0):
        return __mr_add__(__mr_add__(x, y), self.k)
class SubCallable(Callable):
    pass
f = Callable(10)
print(f(1), f(1, y=2), SubCallable(100)(1), callable(f), callable(Callable), callable(b), callable(len), callable(1))
class Single:
    _inst = None
    def __new__(cls, *args):
        if cls._inst is None:
            cls._inst = object.__new__(cls)
        return cls._inst
    def __init__(self, v):
        self.v = v
s1 = Single(1)
s2 = Single(2)
print(s1 is s2, s1.v)
T = type("T", (A,), {"extra": 5})
print(T.__name__, T.extra, T(4).hello(), issubclass(T, A))
class WithBuiltin:
    f = len
    g = staticmethod(len)
print(WithBuiltin.f("abc"), WithBuiltin.g("ab"))
