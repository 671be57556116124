# Arbitrary expressions inside f-strings.
rows = [(1, "a"), (2, "b"), (3, "c")]
def label(i, prefix="#"):
    return prefix + str(i)
print(f"{len(rows)} rows, ids {[r[0] for r in rows]}")
print(f"{sum(r[0] for r in rows)}")
print(f"{label(5)} {label(6, prefix='@')}")
print(f"{rows[0][1].upper()}")
print(f"{max(rows)[1]}")
print(f"{(lambda v: v * 3)(4)}")
print(f"{'odd' if len(rows) % 2 else 'even'}")
print(f"{rows[-1]}")
