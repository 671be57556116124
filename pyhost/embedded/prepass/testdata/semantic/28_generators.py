def gen(n):
    total = 0
    for i in range(n):
        total += yield i + total
def acc():
    s = 0
    while True:
        s += yield s
g = acc()
next(g)
print(g.send(1), g.send(2), g.send(3 + 4))
print(list(i % 3 for i in range(6)))
def squares(n):
    yield from (i * i + 1 for i in range(n))
print(list(squares(4)))
