# strip, lstrip, rstrip with and without chars.
s = "  \t padded \n"
print(repr(s.strip()))
print(repr(s.lstrip()))
print(repr(s.rstrip()))
print("xxhixx".strip("x"))
print("__init__".strip("_"))
print("abcba".lstrip("ab"))
print("file.py.py".rstrip(".py"))
print(repr("".strip()))
