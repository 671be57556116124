# Slicing strings.
s = "abcdefgh"
print(s[1:3], s[:2], s[5:], s[-2:], s[:-2])
print(s[::2], s[1::2], s[::-1], s[-1:-4:-1])
print(s[3], s[-1])
print(repr(s[10:]), repr(s[5:2]))
try:
    s[20]
except IndexError as e:
    print("IndexError", e)
