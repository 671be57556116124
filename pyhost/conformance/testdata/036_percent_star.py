# * width and precision taken from the arguments.
print("%*d|" % (5, 42))
print("%-*d|" % (5, 42))
print("%.*f" % (2, 3.14159))
print("%*.*f|" % (8, 3, 2.71828))
print("%*s|" % (6, "ab"))
