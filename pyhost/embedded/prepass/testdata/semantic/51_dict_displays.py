# Dict displays and comprehensions keep insertion order, take any
# hashable key and evaluate key then value, left to right.
trace = []


def t(x):
    trace.append(x)
    return x


d = {t('b'): t(1), t('a'): t(2), t(3): t((1, 2))}
print(d, trace)
print(list(d), list(d.values()), list(d.items()))
print({}, {1: 'a', (1, 2): 'x', None: 0,}, {
    'multi': 1,
    'line': {'nested': [1, 2]},
})
print({k: v + 1 for k, v in [('z', 1), ('y', 2)] if v}, {i: {j: i * j for j in range(2)} for i in range(2)})
print({1: lambda x, y: x + y, 2: 3}[1](2, 3), {'k': (lambda: 0)}['k']())
print({1, 2} | {3}, {x for x in 'ab'} == {'a', 'b'})


def f(a, b=0, **kw):
    return a, b, sorted(kw.items())


print(f(**{'a': 1, 'c': 2}), f(1, **{'b': 2}), "{x}-{y}".format(**{'y': 1, 'x': 2}))
print("%(a)s %(b)r" % {'a': 1, 'b': 'x'})
try:
    f(**[1])
except TypeError as e:
    print("TypeError")
