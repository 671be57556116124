q = ("SELECT id "
     "FROM %s "  # the table
     "WHERE x = %%s") % "t"
print(q)
print("a" "b" % () + "c")
r = ("%s"
     f" and {1 + 1}"
     " %s") % ("x", "y")
print(r)
