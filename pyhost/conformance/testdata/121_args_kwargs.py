# *args and **kwargs.
def f(*args, **kwargs):
    print(args)
    print(sorted(kwargs.items()))
f()
f(1, 2)
f(a=1, b=2)
f(1, x="y")
def g(a, b=0, *rest, **opts):
    return a, b, rest, sorted(opts)
print(g(1))
print(g(1, 2, 3, 4, k=5))
