print(list(reversed([1, 2, 3])), list(reversed((1, 2))), list(reversed("abc")), list(reversed(range(4))))
print(list(reversed([])), list(reversed(b"ab")))
class Seq:
    def __len__(self):
        return 3
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError(i)
        return i * 10
print(list(reversed(Seq())))
class Rev:
    def __reversed__(self):
        return iter(["custom"])
print(list(reversed(Rev())))
l = [1, 2, 3]
r = reversed(l)
print(next(r))
l.append(4)
print(list(r))
for bad in (lambda: reversed({1, 2}), lambda: reversed(5), lambda: reversed(x for x in [1])):
    try:
        bad()
    except TypeError as e:
        print(type(e).__name__, e)
class It:
    def __init__(self):
        self.i = 0
    def __iter__(self):
        return self
    def __next__(self):
        self.i = __mr_add__(self.i, 1)
        if self.i > 3:
            raise StopIteration
        return self.i
print(list(It()), tuple(It()), sum(It()), sorted(It(), reverse=True), max(It()))
print(",".join(str(x) for x in It()))
print([x for x in It()], next(It()))
it = It()
print(next(it), next(it), next(it), next(it, "done"))
state = [0]
def counter():
    state[0] = __mr_add__(state[0], 1)
    return state[0]
print(list(iter(counter, 4)))
print(list(enumerate("ab", start=1)), list(enumerate("ab", 5)), list(enumerate(iterable="x")))
print(sum([1, 2, 3]), sum([1, 2], 10), sum([[1], [2]], []), sum([(1,), (2, 3)], ()), sum([0.5, 0.25], start=1))
try:
    sum(["a", "b"], "")
except TypeError as e:
    print(e)
