# reversed on lists, tuples, ranges and strings.
print(list(reversed([1, 2, 3])))
print(tuple(reversed((1, 2))))
print(list(reversed(range(4))))
print("".join(reversed("abc")))
for x in reversed(["a", "b"]):
    print(x)
print(list(reversed([])))
print(sorted(reversed([2, 1, 3])))
