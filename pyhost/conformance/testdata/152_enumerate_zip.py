# enumerate and zip.
names = ["a", "b", "c"]
print(list(enumerate(names)))
print(list(enumerate(names, 1)))
print(list(zip(names, [1, 2, 3])))
print(list(zip(names, [1])))
print(dict(zip(names, range(3)))["c"])
a, b = zip(*[(1, "x"), (2, "y")])
print(a, b)
for i, (n, v) in enumerate(zip(names, "xyz")):
    print(i, n, v)
