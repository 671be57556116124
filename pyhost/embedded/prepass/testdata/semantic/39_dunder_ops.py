class V:
    def __init__(self, x):
        self.x = x
    def __add__(self, o):
        return V(self.x + getattr(o, "x", o))
    def __radd__(self, o):
        return V(o + self.x)
    def __mod__(self, o):
        return "V%%%d" % (self.x % o)
    def __iadd__(self, o):
        self.x += o
        return self
    def __format__(self, spec):
        return "V<" + format(self.x, spec) + ">"
    def __repr__(self):
        return "V(%r)" % self.x
v = V(5)
w = v
v += 3
print(v, w is v, V(1) + V(2), 10 + V(1), V(7) % 4)
print(f"{V(3):>4} {V(3)!r}")
