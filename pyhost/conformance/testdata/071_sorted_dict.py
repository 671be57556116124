# sorted over dict keys, values and items.
d = {"b": 2, "c": 1, "a": 3}
print(sorted(d))
print(sorted(d.items()))
print(sorted(d, key=d.get))
print(sorted(d.values()))
print(sorted(d.items(), key=lambda kv: kv[1]))
print([k for k, v in sorted(d.items()) if v > 1])
