# Dict comprehensions with str keys.
words = ["apple", "kiwi", "fig"]
d = {w: len(w) for w in words}
print(sorted(d.items()))
inv = {str(v): k for k, v in d.items()}
print(sorted(inv.items()))
print(d["kiwi"], "fig" in d)
sq = {"n%d" % i: i * i for i in range(4) if i}
print(sorted(sq.items()))
