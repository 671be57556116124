# Slicing bytes gives bytes.
b = b"abcdef"
print(b[1:3])
print(b[::-1])
print(b[:0])
