a, b, c, d, e, x = 7, 3, 2, 9, 4, 5
print(x * a % b + c - d % e)
print(a % b % c, a + b - c + d, a - b - c)
print(a << b + c, a & b + c, a | b % c, a ^ b + 1)
print(a < b + c, a + b < c * d, not a + b, not a % b == 1)
print(a in [a + 0], x in range(b + 1), x is not None)
print(-a ** 2 % 5, 2 ** -1 % 3, (-a) ** 2 % 5, a ** b % c)
print(a if b > c else d % e, a + b if c else d)
