# Integer division results and str() of negative zero and large values.
print(-0, 0 * -1, -0.0 * 1)
print(10 / 5, 10 // 5, type(10 / 5).__name__)
print(str(-5 // 2), str(-5 % 2))
print(int("-0"), float("-0"))
print(2 ** 62, 2 ** 63, 2 ** 64 - 1)
