# min and max on tuples and with key=.
rows = [(2, "b"), (1, "z"), (2, "a")]
print(min(rows), max(rows))
print(min(rows, key=lambda r: r[1]))
print(max(rows, key=lambda r: (r[0], r[1])))
print(max([], default=None))
print(min([(1, 2), (1, 1)]))
