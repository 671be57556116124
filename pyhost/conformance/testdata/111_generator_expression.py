# Generator expressions.
print(sum(x * x for x in range(5)))
print(list(x for x in "abc" if x != "b"))
print(any(x > 3 for x in [1, 5]), all(x > 3 for x in [1, 5]))
g = (i for i in range(3))
print(next(g), list(g))
print(max(len(w) for w in ["a", "abc", "ab"]))
print(",".join(str(i) for i in range(3)))
