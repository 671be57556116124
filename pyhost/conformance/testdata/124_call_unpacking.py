# Calls with *iterable and **mapping.
def f(a, b, c=0, d=0):
    return a + b + c + d
args = [1, 2]
kw = {"c": 3, "d": 4}
print(f(*args), f(*args, **kw), f(*(5, 5), d=1))
print(f(**{"a": 1, "b": 1}))
print(max(*[3, 9, 2]))
try:
    f(1, 2, a=3)
except TypeError as e:
    print("TypeError", e)
