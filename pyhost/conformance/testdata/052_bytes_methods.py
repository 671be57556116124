# Methods on bytes.
b = b"  a,b,c  "
print(b.strip())
print(b.strip().split(b","))
print(b.startswith(b"  a"), b.endswith(b"x"))
print(b"abc".upper())
print(b"abc".replace(b"b", b"B"))
print(b"abc".hex())
print(bytes.fromhex("6869"))
print(b"-".join([b"x", b"y"]))
print(b"abc".find(b"c"))
