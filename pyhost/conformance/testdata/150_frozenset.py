# frozenset basics.
f = frozenset(["a", "b", "a"])
print(sorted(f), len(f), "a" in f)
print(f == frozenset("ab"))
print(sorted(f | {"c"}))
