class Box:
    def __init__(self, *items):
        self.items = list(items)
    def __len__(self):
        return len(self.items)
    def __getitem__(self, i):
        return self.items[i]
    def __setitem__(self, i, v):
        self.items[i] = v
    def __delitem__(self, i):
        del self.items[i]
    def __contains__(self, x):
        return x in self.items
    def __iter__(self):
        return iter(self.items)
    def __repr__(self):
        return __mr_add__("Box", str(len(self.items)))
    def __str__(self):
        return "a box"
    def __call__(self, i):
        return self.items[i]
    def __add__(self, other):
        return Box(*__mr_add__(self.items, other.items))
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        return False
    def __getattr__(self, name):
        return __mr_add__("dyn:", name)
    def __reversed__(self):
        return iter(self.items[::-1])
class Crate(Box):
    pass
for cls in (Box, Crate):
    b = cls(1, 2, 3)
    b[0] = 10
    del b[2]
    print(len(b), b[0], 2 in b, 9 in b, list(b), b(1), repr(b), str(b), [b], b.missing)
    print(list(__mr_add__(b, cls(7))), list(reversed(b)), sorted(b), max(b), sum(b), bool(b), bool(cls()))
    with b as inner:
        print(inner is b)
class Num:
    def __init__(self, v):
        self.v = v
    def __lt__(self, other):
        return self.v < other.v
    def __eq__(self, other):
        return isinstance(other, Num) and self.v == other.v
    def __hash__(self):
        return hash(self.v)
    def __repr__(self):
        return __mr_add__("N", str(self.v))
class Big(Num):
    pass
nums = [Num(3), Num(1), Big(2), Num(1)]
print(sorted(nums), min(nums), max(nums), sorted(nums, reverse=True))
print(nums.index(Num(1)), nums.count(Num(1)), hash(Num(5)) == hash(5), [Num(1), Num(2)].index(Big(2)))
class OnlyGt:
    def __init__(self, v):
        self.v = v
    def __gt__(self, other):
        return self.v > other.v
print([o.v for o in sorted([OnlyGt(2), OnlyGt(1)])], max([OnlyGt(2), OnlyGt(5)]).v)
class Counter:
    def __init__(self, n):
        self.n = n
        self.i = 0
    def __iter__(self):
        return self
    def __next__(self):
        if self.i >= self.n:
            raise StopIteration()
        self.i = __mr_add__(self.i, 1)
        return self.i
class SubCounter(Counter):
    pass
print(list(Counter(3)), tuple(SubCounter(2)), "-".join(str(i) for i in Counter(2)), sorted(SubCounter(3), reverse=True))
for bad in (lambda: sorted([Num(1), 2]), lambda: sorted([object(), object()]), lambda: len(Num(1)), lambda: Num(1)(2)):
    try:
        bad()
    except TypeError as e:
        print(type(e).__name__, e)
