# Sorting by several keys, mixing directions.
recs = [(1, "Alice", 30), (2, "Bob", 25), (3, "Alice", 25), (4, "Carl", 30)]
print(sorted(recs, key=lambda r: (r[1], -r[0])))
print(sorted(recs, key=lambda r: (-r[2], r[1])))
by_age = sorted(recs, key=lambda r: r[2])
print([r[0] for r in by_age])
print(sorted(recs, key=lambda r: r[1])[0])
