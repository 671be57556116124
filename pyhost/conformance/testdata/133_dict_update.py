# dict.update with mappings, keyword args and pairs.
d = {"a": 1}
d.update({"b": 2})
d.update(c=3)
d.update([("d", 4)])
d.update({"a": 10})
print(sorted(d.items()))
print(len(d), d["a"])
e = dict(d)
e["z"] = 0
print(len(d), len(e))
