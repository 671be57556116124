# %s of values of many types.
class S:
    def __str__(self):
        return "S-str"
    def __repr__(self):
        return "S-repr"
print("%s" % True)
print("%s %s" % (False, True))
print("%s" % [1, "a"])
print("%s" % ({"k": "v"},))
print("%s" % 2 ** 70)
print("%s" % S())
print("%r" % S())
print("%s" % [S()])
print("%s" % 1e16)
print("%s" % 0.1)
print("%s" % -0.0)
print("%s" % b"raw")
print("%d" % True)
