# Indexing bytes gives an int.
b = b"abc"
print(b[0])
print(b[-1])
