print("a" + "b" + "c", 1 + 2 + 3, 1.5 + 2, True + 1)
print("x" * 3 + "y", 2 * 3 + 4, 2 + 3 * 4, (2 + 3) * 4)
s = ""
for ch in "abc":
    s = s + ch.upper()
print(s)
print(-1 + 2, +1 + -2, ~1 + 2, - - 3 + 1)
print(b"ab" + b"cd", bytearray(b"x") + b"y")
