# Floats at the edges of the fixed/exponent switch.
print(1e22, 1.5e300, 12345678901234567.0)
print(9999999999999998.0, 1e16 - 2)
print(0.00001, 0.0001, 0.001)
print(5e-324, 1.7976931348623157e308)
print(float(2**53), float(2**53 + 1))
print(float("1e5"), float("  -3.25 "))
