# dict.get, in, and KeyError messages.
d = {"name": "x", "empty": "", "none": None}
print(d.get("name"), d.get("missing"), d.get("missing", 0))
print(d.get("empty") or "fallback", d.get("none", "dflt"))
print("name" in d, "zz" in d, "zz" not in d)
try:
    d["zz"]
except KeyError as e:
    print("KeyError", e, repr(e))
print(len(d), bool({}), bool(d))
