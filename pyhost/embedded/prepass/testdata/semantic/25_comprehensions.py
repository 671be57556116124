rows = [(1, "b"), (2, "a"), (3, "c")]
print([r[0] + 1 for r in rows if r[0] % 2])
print({r[1] + "!": r[0] % 2 for r in rows})
print(sorted(rows, key=lambda r: (r[1] + "x", -r[0])))
print(list(f"{i}:{s}" for i, s in rows))
print([[i + j for j in range(2)] for i in range(2)])
