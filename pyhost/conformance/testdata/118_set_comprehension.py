# Set comprehensions, printed sorted.
s = {x % 3 for x in range(10)}
print(sorted(s))
print(len({c for c in "mississippi"}))
print(sorted({w.lower() for w in ["A", "a", "B"]}))
print(2 in {x * 2 for x in range(3)})
