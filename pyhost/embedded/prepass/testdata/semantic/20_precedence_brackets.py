v = [1, 2, 3, 4, 5, 6]
a, b = 1, 2
print(v[a + 1:b % 2 + 4], v[::-1], v[1:+3], v[-a - 1])
print({k: k + 1 for k in range(3)}, [i % 2 for i in v if i + 1 > 3])
print(sorted(v, key=lambda r: -r % 4 + r))
print(max(v) + min(v), len(v) % 4, sum(x + 1 for x in v))
print(abs(-3) + int("4") % 3, str(5) + "x", "%d" % len(v) + "!")
