# Iterating bytes yields ints.
print(list(b"abc"))
print([x + 1 for x in b"\x01\x02"])
print(sum(b"\x01\x02\x03"))
