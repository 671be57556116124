def deco(n):
    def wrap(fn):
        def inner(*a):
            return fn(*a) + n
        return inner
    return wrap
@deco(10 + 5)
def f(x):
    return x % 7
print(f(20))
def twice(fn):
    return lambda s: fn(fn(s))
@twice
def bang(s):
    return s + "!"
print(bang("hi"))
