# Lambdas with map, filter and sorted.
sq = lambda v: v * v
print(sq(4))
print(list(map(lambda v: v + 1, [1, 2])))
print(list(filter(lambda v: v % 2, range(6))))
print(sorted(["bb", "a", "ccc"], key=lambda s: -len(s)))
print((lambda *a, **k: (a, sorted(k)))(1, 2, z=3, y=4))
print((lambda: "no args")())
f = lambda a, b=2: a * b
print(f(3), f(3, 3))
