# Keyword-only parameters.
def f(a, *, b=2, c):
    return a, b, c
print(f(1, c=3))
print(f(1, b=5, c=6))
try:
    f(1, 2, 3)
except TypeError as e:
    print("TypeError", e)
try:
    f(1)
except TypeError as e:
    print("TypeError", e)
def g(*args, sep="-"):
    return sep.join(args)
print(g("a", "b"), g("a", "b", sep="+"))
