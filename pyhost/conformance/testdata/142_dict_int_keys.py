# Dict with int keys.
d = {1: "a", 2: "b"}
print(d[1], d.get(2))
