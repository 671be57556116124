# Dict with tuple keys.
d = {("res.partner", "name"): "char"}
print(d[("res.partner", "name")])
