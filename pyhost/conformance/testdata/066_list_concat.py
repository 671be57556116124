# List concatenation, += and extend.
a = [1] + [2, 3]
print(a)
b = a
a += [4]
print(a, b, a is b)
a += (5,)
print(a)
a.extend(range(6, 8))
print(a)
a.extend("xy")
print(a)
c = a + []
print(c == a, c is a)
try:
    [1] + (2,)
except TypeError as e:
    print("TypeError", e)
