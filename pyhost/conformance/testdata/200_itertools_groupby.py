# itertools.groupby on sorted data.
from itertools import groupby
rows = [("a", 1), ("a", 2), ("b", 3), ("a", 4)]
for key, grp in groupby(rows, key=lambda r: r[0]):
    print(key, [r[1] for r in grp])
for key, grp in groupby(sorted(rows), key=lambda r: r[0]):
    print(key, len(list(grp)))
print([k for k, _ in groupby("aaabbc")])
