# Slice reads, assignment and deletion on lists.
l = list(range(10))
print(l[2:5], l[::3], l[-3:], l[::-2])
l[1:3] = ["a", "b", "c"]
print(l)
del l[::2]
print(l)
l[:] = [9]
print(l)
print(l * 2, l[5:])
