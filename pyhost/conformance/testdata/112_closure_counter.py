# Closures with nonlocal state.
def make_counter(start):
    n = start
    def inc(step=1):
        nonlocal n
        n += step
        return n
    return inc
c = make_counter(10)
print(c(), c(), c(5))
d = make_counter(0)
print(d(), c())
def make_adders():
    return [lambda x, i=i: x + i for i in range(3)]
print([f(10) for f in make_adders()])
