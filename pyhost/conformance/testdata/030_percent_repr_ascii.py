# %r and %a.
print("%r" % "q")
print("%r" % "it's")
print("%r" % [1, "a", None])
print("%r" % 1.0)
print("%r" % ("x",))
print("%a" % "caf\u00e9")
print("%s|%r" % ("s", "s"))
print("%10r|" % "ab")
