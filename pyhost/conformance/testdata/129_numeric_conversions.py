# Conversions between numeric types and strings.
print(int(3.9), int(-3.9), int("-12"), int(True))
print(float("1.5"), float(3), float("-inf"))
print(hex(255), oct(8), bin(5), hex(-1))
print(str(1.0), str(10), repr(0.5))
print(int("  42\n"), float("1e3"))
print(abs(-2.5), abs(-0.0))
print(bool(0.0), bool(0.1))
