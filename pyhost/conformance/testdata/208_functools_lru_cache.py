# functools.lru_cache memoizes calls.
from functools import lru_cache
calls = []
@lru_cache(maxsize=None)
def fib(n):
    calls.append(n)
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(30))
print(len(calls))
print(fib(30), len(calls))
@lru_cache()
def lookup(key):
    calls.append(key)
    return key.upper()
print(lookup("a"), lookup("a"), calls[-1], len(calls))
