x, y = "X", "Y"
s = "a" + x + 'b' % () + """c""" + y
print(s)
print("%s" % x + "%s" % y, "[" + "%d" % 5 + "]")
print("-".join(["a", "b"]) + "|" + ", ".join("%s" % i for i in range(3)))
print(("%s" + "%s") % (1, 2), "ab" "cd" + "ef")
print("%-3s|" % "ab" + "%3s|" % "cd")
