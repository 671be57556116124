# Migration snippet: normalising codes and names.
raw = ["  Res Partner ", "sale-order", "ACCOUNT.move", ""]
for r in raw:
    code = r.strip().lower().replace("-", "_").replace(" ", "_").replace(".", "_")
    print(repr(r), "->", repr(code) if code else "(empty)")
print("|".join(sorted({"b", "a", "c"})))
print("Name: %s" % "o'hara".replace("'", "''"))
