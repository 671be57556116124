# range objects.
print(list(range(5)), list(range(2, 8, 2)), list(range(5, 0, -1)))
print(len(range(0, 100, 7)), range(10)[3], 5 in range(10))
print(list(range(0)), list(range(3, 1)))
print(range(1, 4))
print(sum(range(101)))
