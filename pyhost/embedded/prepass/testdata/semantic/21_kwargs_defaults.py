def f(a, b=1 + 2, *args, c=10 % 4, **kw):
    return a + b, args, c, sorted(kw.items())
print(f(1))
print(f(1, 2, 3 + 4, c=5 % 3, z=1 + 1))
args = [1, 2]
print(f(*args + [3], **{"q": 7 % 4}))
g = lambda x, y=2 + 3: x % y + 1
print(g(13), g(13, 4))
