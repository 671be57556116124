# Printing a small dict shows insertion order.
d = {"b": 1, "a": 2}
d["c"] = 3
print(d)
print(list(d))
print(list(d.values()))
