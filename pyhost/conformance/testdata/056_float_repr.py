# repr and str of floats use the shortest round-tripping form.
for v in [0.1 + 0.2, 1e16, 1e15, 1e-5, 0.0001, 123456789.123, 1.0, -0.0, 2.5e-10, 100.0, 1/3, 2/3, 0.1 * 3]:
    print(repr(v), str(v))
print(float("inf"), float("-inf"), float("nan"))
print(1.5e300 * 1e10)
