a = (1, 2) + (3,)
print(a, len(a), a[2])
base = ("draft", "sent")
params = ("new",) + base
print(params)
print([1, 2] + [3], [] + [], () + ())
print((1,) + (2,) + (3,), [[0]] + [[1]])
nested = ((1, 2) + (3, 4), [5] + [6])
print(nested)
