# str.encode and bytes.decode.
s = "café"
b = s.encode("utf-8")
print(b)
print(len(s), len(b))
print(b.decode("utf-8"))
print("abc".encode())
print(b.decode("latin-1"))
print("x".encode("ascii"))
try:
    s.encode("ascii")
except UnicodeEncodeError as e:
    print("UnicodeEncodeError", e)
