# dict.setdefault to group values.
groups = {}
for model, field in [("res.partner", "name"), ("res.users", "login"), ("res.partner", "email")]:
    groups.setdefault(model, []).append(field)
for k in sorted(groups):
    print(k, groups[k])
d = {}
print(d.setdefault("x", 5), d.setdefault("x", 6), d["x"])
print(d.setdefault("n"), "n" in d)
