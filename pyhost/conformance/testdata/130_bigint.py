# Arbitrary-precision integer arithmetic.
f = 1
for i in range(1, 31):
    f *= i
print(f)
print(2 ** 100 // 3, 2 ** 100 % 1000)
print(-(2 ** 70) // 7)
print(10 ** 30 + 1 - 10 ** 30)
print((2 ** 64) * (2 ** 64) == 2 ** 128)
print(len(str(3 ** 500)))
