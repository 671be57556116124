# Chained comparisons, ternaries and boolean short-circuit values.
x = 5
print(1 < x < 10, 1 < x > 10, x == 5 == 5.0)
print("big" if x > 3 else "small")
print(0 or "default", "" and "never", None or 0, 3 and 4)
print(not x, not 0)
v = None
print(v if v is not None else "fallback")
