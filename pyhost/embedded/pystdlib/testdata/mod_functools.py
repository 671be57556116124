# functools: partial, reduce, wraps/update_wrapper, lru_cache/cache,
# cmp_to_key, total_ordering. Two gpython limits shape this file: its
# parser reads `@functools.lru_cache` as one dotted name, and it
# miscompiles a decorated function that has default arguments, so those
# are wrapped by a call instead of the @ syntax.
import functools
from functools import cache, cmp_to_key, lru_cache, partial, reduce, total_ordering, update_wrapper, wraps


def err(label, fn):
    try:
        fn()
        print(label, "no error")
    except TypeError as e:
        print(label, "TypeError:", str(e))
    except ValueError as e:
        print(label, "ValueError:", str(e))


def f(a, b=2, *rest, **kw):
    "doc of f"
    return [a, b, list(rest), sorted(kw)]


p = partial(f, 1, b=3)
print(p(), p(z=1), p(b=9), list(p.args), p.func is f, sorted(p.keywords))
p2 = partial(partial(f, 1, y=0), 7, z=1)
print(p2.func is f, p2.args, sorted(p2.keywords), p2())
print(partial(max, 5)(1, 9), partial(int, base=2)("101"))
print(repr(partial(len)).startswith("functools.partial(<"))
err("partial not callable", lambda: partial(5))
print(reduce(lambda a, b: a + b, [1, 2, 3]), reduce(lambda a, b: a * b, [], 1), reduce(lambda a, b: a + b, ["x"]))
print(reduce(lambda acc, x: acc + [x * 2], range(3), []))
err("reduce empty", lambda: reduce(lambda a, b: a, []))


def logged(fn):
    @wraps(fn)
    def wrapper(*args, **kwargs):
        "wrapper doc"
        return ["logged", fn(*args, **kwargs)]
    return wrapper


@logged
def greet(name):
    "Say hello."
    return "hello " + name


print(greet("bob"), greet.__name__, greet.__doc__, greet.__wrapped__("x"))


def plain():
    pass


def other():
    "other doc"


update_wrapper(plain, other)
print(plain.__name__, plain.__doc__, plain.__wrapped__ is other)

calls = []


@lru_cache(maxsize=2)
def square(x):
    calls.append(x)
    return x * x


print(square(2), square(2), square(3), square(4), square(2), calls)
print(square.cache_info(), square.cache_info().hits, square.__name__, square.__wrapped__(5))
square.cache_clear()
print(square.cache_info())


@lru_cache
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


print(fib(80), fib.cache_info().currsize)


def keyed(a, b=0, **kw):
    calls.append("keyed")
    return a + b


keyed = cache(keyed)


del calls[:]
print(keyed(1), keyed(1), keyed(1, b=2), keyed(1, b=2), keyed((1, 2) == (1, 2)), len(calls))
print(keyed.cache_parameters()["maxsize"], keyed.cache_parameters()["typed"])


@lru_cache(maxsize=None, typed=True)
def typed_fn(x):
    calls.append("typed")
    return x


del calls[:]
typed_fn(1)
typed_fn(1.0)
typed_fn(1)
print(len(calls), typed_fn.cache_info().currsize)
err("unhashable argument", lambda: keyed([1]))
err("bad maxsize", lambda: lru_cache("x"))
zero = lru_cache(maxsize=0)(lambda x: x)
print(zero(1), zero(1), zero.cache_info())


class Store:
    def __init__(self):
        self.hits = 0

    @lru_cache(maxsize=None)
    def value(self, k):
        self.hits += 1
        return k * 10


s = Store()
print(s.value(1), s.value(1), s.hits)


def compare_len(a, b):
    return len(a) - len(b)


print(sorted(["ccc", "a", "bb"], key=cmp_to_key(compare_len)))
print(sorted([3, 1, 2], key=cmp_to_key(lambda a, b: b - a)))
K = cmp_to_key(compare_len)
print(K("ab") < K("abc"), K("ab") == K("xy"), K("abc") >= K("a"), K("a") > K("bb"), K("a") != K("b"))


@total_ordering
class Version:
    def __init__(self, n):
        self.n = n

    def __eq__(self, other):
        return self.n == other.n

    def __lt__(self, other):
        return self.n < other.n


v1, v2 = Version(1), Version(2)
print(v1.__gt__(v2), v2.__gt__(v1), v1.__le__(v1), v1.__ge__(v2), v2.__ge__(v1))
err("total_ordering without root", lambda: total_ordering(type("Bare", (), {"__module__": "m"})))
print(functools.WRAPPER_ASSIGNMENTS, list(functools.WRAPPER_UPDATES))
