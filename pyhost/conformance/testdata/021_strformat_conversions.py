# !r, !s and !a in str.format.
print("{!r}".format("q"))
print("{!s}".format("q"))
print("{0!r} {0!s}".format("it's"))
print("{!a}".format("na\u00efve"))
print("{!r:>8}|".format("ab"))
print("{!r}".format([None, 1.5, "x"]))
print("{x!r}".format(x=(1,)))
