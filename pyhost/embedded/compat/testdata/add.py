t = (1, 2)
print(__mr_add__(t, (3,)), __mr_add__((), ()), __mr_add__(("new",), t), len(__mr_add__(t, (3, 4, 5))))
print(__mr_add__([1], [2, 3]), __mr_add__("a", "b"), __mr_add__(1, 2.5), __mr_add__(2**62, 2**62), __mr_add__(b"a", b"b"))
print(__mr_add__(9223372036854775807, 1), __mr_add__(-9223372036854775807, -5))
x = (1,)
y = x
x = __mr_iadd__(x, (2,))
print(x, y)
l = [1]
m = l
l = __mr_iadd__(l, (2, 3))
l = __mr_iadd__(l, "ab")
l = __mr_iadd__(l, range(2))
print(l, m, l is m)
s = "a"
s = __mr_iadd__(s, "b")
n = 5
n = __mr_iadd__(n, 2)
print(s, n)
class V:
    def __init__(self, v):
        self.v = v
    def __add__(self, other):
        if isinstance(other, V):
            return V(__mr_add__(self.v, other.v))
        if isinstance(other, int):
            return V(__mr_add__(self.v, other))
        return NotImplemented
    def __radd__(self, other):
        return V(__mr_add__(other, self.v))
print(__mr_add__(V(1), V(2)).v, __mr_add__(V(1), 5).v, __mr_add__(5, V(1)).v, sum([V(1), V(2)]).v)
class Acc:
    def __init__(self):
        self.items = []
    def __iadd__(self, other):
        self.items.append(other)
        return self
a = Acc()
b = a
a = __mr_iadd__(a, 1)
a = __mr_iadd__(a, 2)
print(a.items, a is b)
for bad in (lambda: __mr_add__((1,), [2]), lambda: __mr_add__([1], (2,)), lambda: __mr_add__("a", 1),
            lambda: __mr_add__(1, "a"), lambda: __mr_add__(V(1), "x"), lambda: __mr_add__(None, 1),
            lambda: __mr_iadd__([1], 5), lambda: __mr_add__({"a": 1}, {"b": 2})):
    try:
        bad()
    except TypeError as e:
        print(e)
print(__mr_add__(True, 1), __mr_add__(1, True), __mr_add__(True, True), __mr_add__(1.5, True), __mr_add__(2**70, 1.5), __mr_add__(2**70, True))
print(__mr_add__([], ()) if False else "skip", __mr_add__((), ()), __mr_add__("", ""), __mr_add__([[1]], [[2]]))
