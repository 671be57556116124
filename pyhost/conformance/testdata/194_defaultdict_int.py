# defaultdict(int) counting and a lambda factory.
from collections import defaultdict
counts = defaultdict(int)
for w in "the cat and the hat and the".split():
    counts[w] += 1
print(sorted(counts.items()))
d = defaultdict(lambda: "n/a")
print(d["x"], len(d))
print(counts.get("zzz"), "zzz" in counts)
