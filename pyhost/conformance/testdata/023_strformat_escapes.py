# Doubled braces in str.format.
print("{{}}".format())
print("{{{}}}".format(1))
print("{{{0}}} {{0}}".format("z"))
print("a {{b}} {}".format("c"))
print("{{{{".format())
print("}}{}{{".format("mid"))
