# % formatting of None, alone and in tuples.
print("%s" % None)
print("%s" % (None,))
print("%r" % None)
print("value: %s, other: %s" % (None, 0))
print("%s" % [None])
print("%(k)s" % {"k": None})
print("%-6s|" % None)
