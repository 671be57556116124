# For loops as the source pre-pass emits them: every iterable wrapped in
# __mr_iter__ (the CPython prelude defines it as iter).
def gen(n):
    for i in __mr_iter__(range(n)):
        yield i * 2

print([x for x in __mr_iter__(gen(3))])
print(list(x + 1 for x in __mr_iter__(gen(2))))

# A list is read live: items appended during the loop are visited.
work = [1]
seen = []
for x in __mr_iter__(work):
    seen.append(x)
    if x < 4:
        work.append(x + 1)
print(seen)

print([c for c in __mr_iter__('héllo')])
print([b for b in __mr_iter__(b'AZ\x00')])
print([t for t in __mr_iter__((1, 'a', None))])
print([k for k in __mr_iter__({'a': 1, 'b': 2, 'c': 3})])
print([k + str(v) for k, v in __mr_iter__({'a': 1, 'b': 2}.items())])
print(sorted(x for x in __mr_iter__({3, 1, 2}) if x > 1))

class Count:
    def __init__(self, n):
        self.n = n
        self.i = 0
    def __iter__(self):
        return self
    def __next__(self):
        if self.i >= self.n:
            raise StopIteration
        self.i = self.i + 1
        return self.i

print([x for x in __mr_iter__(Count(3))])

class Wrap:
    def __iter__(self):
        return iter(['w1', 'w2'])

print([x for x in __mr_iter__(Wrap())])

for x in __mr_iter__([1, 2, 3]):
    if x == 2:
        break
else:
    print('no break')
print('broke at', x)
for x in __mr_iter__([]):
    pass
else:
    print('else runs')

print([(i, c) for i, c in __mr_iter__(enumerate('ab'))])
print([a * b for a, b in __mr_iter__(zip([1, 2], [3, 4]))])
print([i for i in __mr_iter__(range(10, 0, -3))])
print([y for x in __mr_iter__([[1, 2], [3]]) for y in __mr_iter__(x)])

def g2():
    yield 1
    return 5

print([x for x in __mr_iter__(g2())])

# What is not iterable raises TypeError at the loop's start: catchable.
try:
    for x in __mr_iter__(5):
        pass
except TypeError as e:
    print('TypeError', e)

class Bad:
    def __iter__(self):
        return [1]

try:
    for x in __mr_iter__(Bad()):
        pass
except TypeError as e:
    print('TypeError', e)

# An exception in the loop body is an ordinary exception.
try:
    for x in __mr_iter__([1, 2]):
        raise KeyError(x)
except KeyError as e:
    print('KeyError', e)
