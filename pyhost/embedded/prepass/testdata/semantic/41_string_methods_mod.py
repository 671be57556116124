names = ["alpha", "beta"]
msg = "Renamed %d fields: %s" % (len(names), ", ".join(names))
print(msg)
print("%s.%s" % tuple("a.b".split(".")))
print(("%s=%r, " * 2) % ("a", 1, "b", "x"))
print("%%s literal" % ())
