# f-strings: plain substitution of names, attributes and expressions.
name = "res.partner"
count = 42
ratio = 0.5
print(f"model {name}")
print(f"{count} records")
print(f"{name}:{count}:{ratio}")
print(f"{count + 1} {count * 2} {count // 5}")
print(f"{name.upper()} {len(name)}")
print(f"")
print(f"no placeholders")
print(f"{None} {True} {False}")
