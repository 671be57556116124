# min and max with several arguments, strings, default=.
print(min(3, 1, 2), max(3, 1, 2))
print(max("abc"), min("hello"))
print(max([1.5, 2, -3]), min([True, 0]))
print(max([], default=0))
print(max("apple", "Banana", key=str.lower))
print(max(["a", "bbb", "cc"], key=len))
try:
    min([])
except ValueError as e:
    print("ValueError", e)
