# [*a, ...] star unpacking in a list display.
a = [1, 2]
print([*a, 3], (*a,))
