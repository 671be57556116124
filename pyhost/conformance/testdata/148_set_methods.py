# set operations, printed sorted.
a = {1, 2, 3}
b = {2, 3, 4}
print(sorted(a | b), sorted(a & b), sorted(a - b), sorted(a ^ b))
a.add(5)
a.discard(1)
a.discard(100)
print(sorted(a), len(a))
print(sorted(a.union([7])), sorted(a.intersection(b)), sorted(a.difference(b)))
print({1, 2} <= {1, 2, 3}, {1} < {1}, a.isdisjoint({0}))
s = set("hello")
print(sorted(s), "h" in s)
try:
    set().remove(1)
except KeyError as e:
    print("KeyError", e)
