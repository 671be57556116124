# round() with banker's rounding and ndigits.
print(round(2.5), round(3.5), round(-1.5), round(0.5), round(1.5))
print(round(2.675, 2), round(1.23456, 3), round(1.005, 2))
print(round(1234, -2), round(1250, -2), round(1350, -2))
print(round(3.7), type(round(3.7)).__name__)
print(round(3.14159, 0), type(round(3.1, 0)).__name__)
print(round(-0.4), round(7), round(1e20))
print(round(0.125, 2), round(0.375, 2))
print(round(12.5, -1), round(15.5, -1))
