# Comparisons across int, float and bool.
print(1 == 1.0, 1 != None, 0.1 + 0.2 == 0.3)
print(abs((0.1 + 0.2) - 0.3) < 1e-9)
print(2 < 3.5 < 4, 1 < 2 > 1.5)
print(True == 1, True + True, False * 10)
print(max(1, 2.0), min(1, 1.0))
print(float("nan") == float("nan"))
print(sorted([3, 1.5, True, 0]))
