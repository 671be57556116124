# itertools: every function, laziness, and the argument errors.
import itertools
from itertools import (accumulate, chain, combinations, combinations_with_replacement, compress, count, cycle,
                       dropwhile, filterfalse, groupby, islice, pairwise, permutations, product, repeat, starmap,
                       takewhile, tee, zip_longest)


def err(label, fn):
    try:
        fn()
        print(label, "no error")
    except TypeError as e:
        print(label, "TypeError")
    except ValueError as e:
        print(label, "ValueError:", str(e))


print(list(chain([1, 2], (3,), "ab", [])))
print(list(chain.from_iterable([[1], [2, 3], []])))
print(list(chain()))
rows = [("a", 1), ("a", 2), ("b", 3), ("a", 4)]
print([(k, [v for _, v in g]) for k, g in groupby(rows, key=lambda r: r[0])])
print([(k, len(list(g))) for k, g in groupby("aaabbc")])
print([k for k, g in groupby([])])
groups = groupby("aabb")
k1, g1 = next(groups)
k2, g2 = next(groups)
print(k1, list(g1), k2, list(g2))
print(list(islice("abcdefg", 3)), list(islice("abcdefg", 2, 5)), list(islice("abcdefg", 0, None, 2)))
print(list(islice("abc", 1, None)), list(islice("abc", None)), list(islice(count(), 3, 10, 3)))
it = iter(range(10))
print(list(islice(it, 2, 4)), next(it))
err("islice negative", lambda: islice("a", -1))
err("islice step 0", lambda: islice("a", 0, 1, 0))
print(list(product("ab", [1, 2])), list(product([0, 1], repeat=2)), list(product()), list(product("ab", [])))
print(list(permutations([1, 2, 3])), list(permutations("abc", 2)), list(permutations([1], 2)))
print(list(combinations("abcd", 2)), list(combinations([1, 2], 3)), list(combinations([], 0)))
print(list(combinations_with_replacement("ab", 2)), list(combinations_with_replacement([], 2)))
print(list(islice(count(5), 3)), list(islice(count(1, 3), 3)), list(islice(count(0.5, 0.25), 3)))
print(count(5), count(2, 3), repeat("x", 2))
print(list(repeat(7, 3)), list(islice(repeat("z"), 2)), list(repeat(1, 0)), list(repeat(1, -2)))
print(list(islice(cycle("ab"), 5)), list(cycle([])))
print(list(zip_longest("ab", [1, 2, 3])), list(zip_longest("a", "bc", fillvalue="-")), list(zip_longest()))
print(list(starmap(pow, [(2, 3), (3, 2)])))
print(list(accumulate([1, 2, 3, 4])), list(accumulate([1, 2, 3], lambda a, b: a * b)), list(accumulate([], initial=5)))
print(list(accumulate([1, 2], initial=10)), list(accumulate("abc")))
print(list(takewhile(lambda x: x < 3, [1, 2, 3, 1])), list(dropwhile(lambda x: x < 3, [1, 2, 3, 1])))
print(list(filterfalse(lambda x: x % 2, range(6))), list(filterfalse(None, [0, 1, "", "a"])))
a, b = tee(iter([1, 2, 3]))
print(next(a), list(a), list(b))
c1, c2, c3 = tee("xy", 3)
print(list(c1), list(c2), list(c3), len(tee("a", 0)))
print(list(pairwise("abcd")), list(pairwise("a")))
print(list(compress("abcdef", [1, 0, 1, 0, 1, 1])), list(compress("ab", [1])))
calls = []


def gen():
    for i in range(3):
        calls.append(i)
        yield i


lazy = chain(gen())
print(calls, next(lazy), calls)
err("count bad", lambda: list(islice(count("a"), 2)))
err("product bad kw", lambda: product("a", bad=1))
err("permutations negative", lambda: permutations("a", -1))
