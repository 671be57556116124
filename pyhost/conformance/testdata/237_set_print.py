# Printing a one-element set and an empty set.
print({42}, set())
print(sorted({3, 1, 2}))
