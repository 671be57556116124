# find, rfind, index, rindex, count.
s = "banana"
print(s.find("an"), s.rfind("an"), s.find("x"))
print(s.find("a", 2), s.find("a", 2, 3))
print(s.index("n"), s.rindex("n"))
print(s.count("a"), s.count("an"), s.count(""))
try:
    s.index("z")
except ValueError as e:
    print("ValueError", e)
print("na" in s, "zz" in s, "" in s)
