# Index and attribute lookups inside str.format fields.
class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y
p = P(3, 4)
lst = ["zero", "one", "two"]
d = {"key": "val", "n": 9}
print("{0[1]}".format(lst))
print("{0[key]} {0[n]}".format(d))
print("{d[key]}".format(d=d))
print("{0.x},{0.y}".format(p))
print("{p.x}/{p.y}".format(p=p))
print("{0[0]}{0[2]}".format("abc"))
print("{0[1][0]}".format([[1], ["inner"]]))
