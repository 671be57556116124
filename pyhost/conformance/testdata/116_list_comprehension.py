# List comprehensions with conditions and nesting.
print([x * 2 for x in range(5)])
print([x for x in range(10) if x % 3 == 0])
print([(x, y) for x in range(3) for y in range(x)])
print([[c for c in w] for w in ["ab", "c"]])
print([x if x % 2 else -x for x in range(5)])
print([s.strip() for s in [" a ", "b "] if s.strip()])
matrix = [[1, 2], [3, 4]]
print([row[i] for i in range(2) for row in matrix])
