# dict.pop with and without default; del.
d = {"a": 1, "b": 2, "c": 3}
print(d.pop("a"))
print(d.pop("zz", "default"))
print(d.pop("zz", None))
del d["b"]
print(sorted(d))
try:
    d.pop("missing")
except KeyError as e:
    print("KeyError", e)
try:
    del d["missing"]
except KeyError as e:
    print("KeyError", e)
