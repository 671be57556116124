# Dict displays and comprehensions: insertion order, any hashable key,
# the whole dict protocol, and the places scripts hand dicts on to.
d = {'b': 1, 'a': 2, 3: 'three', (1, 2): 'pair', None: 0}
print(d, len(d), repr({}), str({'k': (2,)}))
print(list(d), list(d.keys()), list(d.values()), list(d.items()))
print(d[3], d[(1, 2)], d.get(None), d.get('zz', 'dflt'), 3 in d, 'zz' in d, (1, 2) in d.keys())
d['c'] = 9
del d['b']
d['b'] = 10
print(d, d.pop('a'), d.pop('nope', None), d.popitem(), d)
print(d.setdefault('new', []), d.setdefault(3), d)
d.update({'u': 1}, v=2)
d.update([(7, 'seven')])
print(d)
c = d.copy()
c.clear()
print(c, len(d) > 0, d == d.copy(), {1: 2} == {1: 2}, {1: 2} != {1: 3}, {'a': 1} == dict(a=1))
print({'a': 1} | {'b': 2}, dict.fromkeys([3, 1, 3, 2]), list(dict.fromkeys('banana')))
e = {k: v * 2 for k, v in [('z', 1), ('y', 2), ('x', 3)] if v > 1}
print(e, {i: {j: i * j for j in range(3)} for i in range(2)}, sorted(e), max(e), list(reversed(e)))
print(isinstance(e, dict), isinstance({}, (list, dict)), type(e).__name__, bool({}), bool(e))
for k in {'second': 1, 'first': 2}:
    print(k)
for k, v in {'q': 1, 'p': 2}.items():
    print(k, v)
print(dict(**{'y': 1, 'x': 2}) == {'x': 2, 'y': 1})


def f(a, b=0, **kw):
    return a, b, sorted(kw.items())


print(f(**{'a': 1, 'z': 2}), f(1, **{'b': 5}))
for bad in (lambda: {}['x'], lambda: {1: 2}[(1,)], lambda: {}.popitem(), lambda: f(**{1: 2}), lambda: {[1]: 2}):
    try:
        bad()
    except Exception as ex:
        print(type(ex).__name__)
it = iter(d)
next(it)
d['grow'] = 1
try:
    next(it)
except RuntimeError as ex:
    print("RuntimeError", ex)
