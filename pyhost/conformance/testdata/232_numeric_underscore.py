# Underscores in numeric literals.
print(1_000_000 + 1)
