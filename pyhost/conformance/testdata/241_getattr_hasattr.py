# getattr, setattr, hasattr with defaults.
class Obj:
    a = 1
o = Obj()
print(getattr(o, "a"), getattr(o, "b", "dflt"), hasattr(o, "a"), hasattr(o, "zz"))
setattr(o, "b", 2)
print(o.b)
try:
    getattr(o, "missing")
except AttributeError as e:
    print("AttributeError", e)
