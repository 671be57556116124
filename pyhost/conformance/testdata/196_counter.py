# Counter counting and most_common.
from collections import Counter
c = Counter("abacabcaba")
print(c.most_common(3))
print(c["a"], c["z"])
c2 = Counter(["x", "y", "x"])
c2.update(["x", "z"])
print(sorted(c2.items()))
print(c2.most_common(1))
print(sum(c.values()), len(c))
print(sorted((c + Counter("zz")).items()))
