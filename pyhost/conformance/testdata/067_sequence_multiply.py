# Sequence repetition.
print((0,) * 3)
print([None] * 2)
print("ab" * 0)
print([[0] * 2] * 2)
print(3 * (1, 2))
print([] * 5)
