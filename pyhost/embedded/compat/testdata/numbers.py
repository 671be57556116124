print(round(2.5), round(3.5), round(-1.5), round(-2.5), round(0.5), round(1.5), round(2.675, 2), round(1.23456, 3), round(-0.5))
print(round(1234.5678, -2), round(1250, -2), round(1350, -2), round(-1250, -2), round(5, 2), round(2**70, -20), round(True))
print(round(0.125, 2), round(0.375, 2), round(1e300, 2), round(123.456, -1), round(123.456, 0), round(-0.04, 1), round(2.5, None))
print(round(1e20), round(-7.5), round(7.49999), round(0.1 + 0.2 if False else 0.30000000000000004, 15))
for bad in (lambda: round(float("inf")), lambda: round(float("nan")), lambda: round("x"), lambda: round(1.5, "a")):
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
print(hash(1), hash(-1), hash(0), hash(True), hash(1.0), hash(1.5), hash(-2.25), hash(2**61), hash(2**64), hash(-2**70))
print(hash((1, 2)), hash(()), hash((1, (2, 3))), hash((-1,)), hash(frozenset([1, 2, 3])), hash(frozenset()))
print(hash("abc") == hash("abc"), hash("abc") == hash(b"abc"), hash(1) == hash(1.0) == hash(True), hash(float("inf")))
for bad in (lambda: hash([1]), lambda: hash({}), lambda: hash({1}), lambda: hash((1, [2]))):
    try:
        bad()
    except TypeError as e:
        print(e)
class H:
    def __init__(self, v):
        self.v = v
    def __hash__(self):
        return self.v
class NoHash:
    def __eq__(self, other):
        return True
class Plain:
    pass
print(hash(H(5)), hash(H(-1)), hash(Plain()) == hash(Plain()) or True)
try:
    hash(NoHash())
except TypeError as e:
    print(e)
a = [1]
b = a
print(id(a) == id(b), id(a) == id([1]), id(None) == id(None), isinstance(id(a), int))
o1, o2 = Plain(), Plain()
print(id(o1) == id(o1), id(o1) != id(o2))
print(bool(), bool(0), bool(1), bool(""), bool("x"), bool([]), bool([0]), bool(None), bool(0.0), bool({}), bool(()), bool(2**70))
class F:
    def __bool__(self):
        return False
class L0:
    def __len__(self):
        return 0
class L2(L0):
    def __len__(self):
        return 2
print(bool(F()), bool(L0()), bool(L2()), bool(Plain()), len(L2()))
try:
    bool(1, 2)
except TypeError as e:
    print(e)
