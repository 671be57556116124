# %, str.format and f-strings producing the same text.
name, n, ratio = "res.partner", 3, 0.4567
a = "%s: %d (%.1f%%)" % (name, n, ratio * 100)
b = "{}: {} ({:.1f}%)".format(name, n, ratio * 100)
c = f"{name}: {n} ({ratio * 100:.1f}%)"
d = f"{name}: {n} ({ratio:.1%})"
print(a)
print(b)
print(c)
print(d)
print(a == b == c == d)
