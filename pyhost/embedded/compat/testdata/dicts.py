d = {"a": 1}
d.update({"b": 2})
d.update([("c", 3), ["d", 4]])
d.update(e=5, f=6)
d.update({"a": 10}, a=11)
print(sorted(d.items()), len(d))
print(d.setdefault("a", 0), d.setdefault("z"), d.setdefault("y", []), sorted(d.keys()))
d["y"].append(1)
print(d["y"], d.pop("y"), d.pop("nope", "dflt"), d.pop("z"), "y" in d)
print(d.get("a"), d.get("nope"), d.get("nope", 0), d.get(1), d.get(1, "int-key"))
c = d.copy()
c["a"] = -1
print(d["a"], c["a"])
print(sorted(dict.fromkeys(["x", "y"]).items()), sorted(dict.fromkeys("ab", 0).items()), sorted({}.fromkeys(["k"], 1).items()))
ks, vs = d.keys(), d.values()
print(len(ks), sorted(ks) == sorted(d), list(zip(d.keys(), d.values())) == list(d.items()), sum(vs))
print(sorted(k for k, v in d.items() if v > 4) == sorted(k for k in d if d[k] > 4))
e = {"only": 1}
print(e.popitem(), e)
e.clear()
print(e, len(e))
for bad in (lambda: {}.pop("x"), lambda: {}.popitem(), lambda: {}.update(1), lambda: {}.update([(1, 2, 3)]), lambda: {}.update(["ab", "c"]),
            lambda: {}.get([1]), lambda: {}.setdefault([1], 2)):
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
class M:
    def keys(self):
        return ["p", "q"]
    def __getitem__(self, k):
        return k.upper()
n = {}
n.update(M())
print(sorted(n.items()))
