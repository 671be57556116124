# True division and float operations.
print(7 / 2, 6 / 3, 1 / 3, -1 / 3)
print(0.1 + 0.2, 0.1 * 3, 1.1 * 1.1)
print(2 ** 0.5, 10 / 4 * 2)
print(7.5 // 2, 7.5 % 2, -7.5 // 2)
print(1e300 * 10, -1e300 * 10)
print(3 * 1.0, 3 + 0.0, int(3.0) == 3.0)
print(divmod(7.5, 2))
print(sum([0.1] * 10))
