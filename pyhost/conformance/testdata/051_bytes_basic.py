# bytes literals, length, concatenation, membership, repr.
b = b"hello"
print(b)
print(len(b))
print(b + b" world")
print(b"ell" in b)
print(b == b"hello", b != b"x")
print(repr(b"it's"))
print(b"\x00\xff")
print(bytes(3))
print(b"ab" * 2)
print(b.decode())
