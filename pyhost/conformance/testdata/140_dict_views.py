# keys/values/items views.
d = {"one": 1, "two": 2}
print(sorted(d.keys()), sorted(d.values()))
print(len(d.items()), ("one", 1) in d.items())
print("one" in d.keys(), 2 in d.values())
keys = d.keys()
d["three"] = 3
print(len(keys))
print(sorted(k.upper() for k in d))
