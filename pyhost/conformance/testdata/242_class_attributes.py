# Class vs instance attributes and type(x).__name__.
class Counter:
    total = 0
    def __init__(self):
        Counter.total += 1
        self.n = Counter.total
a, b = Counter(), Counter()
print(a.n, b.n, Counter.total, a.total)
a.total = 99
print(a.total, b.total, Counter.total)
print(type(a).__name__, Counter.__name__)
