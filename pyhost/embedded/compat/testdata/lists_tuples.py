l = [1, 2, 3]
l.insert(0, 0)
l.insert(100, 9)
l.insert(-1, 8)
l.insert(-100, -1)
print(l)
print(l.index(2), l.index(9), l.index(3, 2), l.index(8, -3, -1), l.count(3), [1, 1, 2].count(1), [[1], [1]].count([1]))
print(l.pop(), l.pop(0), l.pop(-2), l)
l.remove(8)
print(l)
l.reverse()
print(l)
c = l.copy()
c.append(7)
print(l, c)
l.extend((5, 6))
l.extend("ab")
l.extend(x for x in range(2))
l.extend({"k": 1})
l.extend(l[:1])
print(l)
l.clear()
print(l, len(l))
t = (1, 2, 2, (3, 4), "x")
print(t.index(2), t.index((3, 4)), t.count(2), t.count((3, 4)), t.index("x", 1, 5), (1.0, 1).count(1))
print([1, 2.0, True].index(1.0), [True, 1].count(1), ["a", b"a"].count("a"))
for bad in (lambda: [].pop(), lambda: [1].pop(5), lambda: [1].remove(2), lambda: [1].index(2), lambda: (1,).index(2),
            lambda: [1].insert("a", 1), lambda: [].extend(5), lambda: (1,).index(1, "a")):
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
class E:
    def __init__(self, v):
        self.v = v
    def __eq__(self, other):
        return isinstance(other, E) and other.v == self.v
items = [E(1), E(2)]
print(items.index(E(2)), items.count(E(1)), (E(3), E(3)).count(E(3)))
items.remove(E(1))
print(len(items), items[0].v)
