# collections: defaultdict, OrderedDict and Counter with non-str keys and
# insertion order, namedtuple, deque.
import collections
from collections import Counter, OrderedDict, defaultdict, deque, namedtuple


def err(label, fn):
    try:
        fn()
        print(label, "no error")
    except KeyError as e:
        print(label, "KeyError")
    except TypeError as e:
        print(label, "TypeError:", str(e))
    except ValueError as e:
        print(label, "ValueError:", str(e))
    except IndexError as e:
        print(label, "IndexError:", str(e))
    except RuntimeError as e:
        print(label, "RuntimeError:", str(e))
    except AttributeError as e:
        print(label, "AttributeError")


# defaultdict
d = defaultdict(list)
d[1].append("a")
d[(2, "x")].append("b")
d["s"].append("c")
d[1].append("d")
print(d)
print(len(d), 1 in d, 3 in d, list(d), list(d.keys()), list(d.values()))
print(d.items())
print(d.get(9), d.get(9, "dflt"), 9 in d)
dd = defaultdict(int)
for w in "the cat the hat the".split():
    dd[w] += 1
print(dd)
print(dd.default_factory is int)
nested = defaultdict(lambda: defaultdict(int))
nested["a"]["b"] += 2
print(nested["a"]["b"], list(nested["a"].items()))
print(defaultdict(None, {"k": 1}))
err("no factory", lambda: defaultdict()["x"])
err("bad factory", lambda: defaultdict(5))
print(d.pop(1), d.pop("zz", "none"), d.setdefault("new", []), len(d))
err("pop missing", lambda: d.pop("zz"))
print(d.popitem(), len(d))
d.update([(5, [5])], s=["kw"])
print(d)
d.clear()
print(d, len(d))
keys = defaultdict(list, [(1, [1]), (1.0, [2]), (True, [3])])
print(keys, len(keys))
print(defaultdict(int, a=1) == {"a": 1}, {"a": 1} == defaultdict(int, a=1), defaultdict(int, a=1) == {"a": 2})
print(defaultdict(int, [(2, 1), (1, 2)]) == defaultdict(int, [(1, 2), (2, 1)]))
merged = defaultdict(int, [(1, 1)]) | {"x": 2}
print(merged)
cp = d.copy()
print(cp == d, cp is d)
del keys[1]
print(keys)
err("del missing", lambda: keys.__delitem__(42))
err("unhashable key", lambda: defaultdict(int)[[1]])

# OrderedDict
od = OrderedDict()
od["b"] = 1
od["a"] = 2
od[3] = "three"
print(od)
od.move_to_end("b")
print(list(od))
od.move_to_end("b", last=False)
print(list(od.keys()), od.keys())
print(od.popitem(), od.popitem(last=False), od)
print(OrderedDict(), OrderedDict([("x", 1)]) == OrderedDict([("x", 1)]))
print(OrderedDict([("x", 1), ("y", 2)]) == OrderedDict([("y", 2), ("x", 1)]))
print(OrderedDict([("x", 1), ("y", 2)]) == {"y": 2, "x": 1})
print(OrderedDict.fromkeys("abc", 0))
print(list(OrderedDict([(1, 1), (2, 2)]).__reversed__()))
err("move missing", lambda: OrderedDict().move_to_end("x"))
err("popitem empty", lambda: OrderedDict().popitem())
mut = OrderedDict([(1, 1), (2, 2)])


def mutate():
    # explicit next(): gpython's for loop ends silently on an iterator error
    it = iter(mut)
    k = next(it)
    mut[k + 10] = 0
    next(it)


err("mutation during iteration", mutate)
vals = OrderedDict([("a", 1)])
for k in vals:
    vals[k] = 5
print("update during iteration", vals)

# Counter
c = Counter("abracadabra")
print(c)
print(c.most_common(2), c.most_common(0), c["a"], c["zzz"], "zzz" in c)
print(sorted(c.elements()))
c.update("aaz")
c.update({"b": 10})
print(c)
c.subtract(["a"] * 10)
print(c, c.total())
print(Counter(a=3, b=1) + Counter(a=1, c=2))
print(Counter(a=3, b=1) - Counter(a=1, b=5))
print(Counter(a=3, b=1) | Counter(a=1, b=5))
print(Counter(a=3, b=1) & Counter(a=1, b=5))
print(+Counter(a=1, b=-2), -Counter(a=1, b=-2))
c2 = Counter([1, 2, 2, (3, 4), (3, 4), (3, 4)])
print(c2, c2.most_common(1))
print(Counter(a=1) == Counter(a=1, b=0), Counter() == Counter(x=0), Counter(a=1) != Counter(a=2))
del c2[99]
print(len(c2), Counter())
acc = Counter()
acc += Counter(x=2)
acc -= Counter(x=1, y=1)
print(acc)
err("Counter.fromkeys", lambda: Counter.fromkeys("ab"))
words = Counter()
for w in ["x", "y", "x"]:
    words[w] += 1
print(words, list(words.items()))

# namedtuple
Point = namedtuple("Point", ["x", "y"])
p = Point(1, y=2)
print(p, p.x, p.y, p[0], p[-1], p[0:2], len(p), list(p))
x, y = p
print(x, y, p == (1, 2), p != (1, 3), p == Point(1, 2), (1, 2) == p)
print(p._asdict()["y"], sorted(p._asdict()), p._replace(y=5), Point._make([3, 4]), Point._fields)
print(p < Point(1, 3), p > Point(0, 9), p <= (1, 2), p + (3, 4), p * 2, p.count(1), p.index(2))
print(2 in p, 5 in p)
Rec = namedtuple("Rec", "id, name  active", defaults=[True])
print(Rec(1, "n"), Rec(1, "n", False), Rec._field_defaults, Rec.__doc__)
print(namedtuple("R", "a class _b a", rename=True)._fields)
err("missing field", lambda: Rec())
err("too many", lambda: Rec(1, 2, 3, 4))
err("unexpected kw", lambda: Rec(1, 2, bad=3))
err("duplicate arg", lambda: Rec(1, id=2))
err("make length", lambda: Point._make([1]))
err("replace unknown", lambda: p._replace(z=1))
err("bad identifier", lambda: namedtuple("P", "1x"))
err("keyword", lambda: namedtuple("P", "class"))
err("underscore", lambda: namedtuple("P", "_x"))
err("duplicate", lambda: namedtuple("P", "x x"))
err("too many defaults", lambda: namedtuple("P", "x", defaults=[1, 2]))
err("set attribute", lambda: setattr(p, "x", 5))
by_key = OrderedDict()
by_key[p] = "point"
print(by_key[(1, 2)], (1, 2) in by_key)


class Named(namedtuple("Named", "a b")):
    def total(self):
        return self.a + self.b


n = Named(2, 3)
print(n.total(), n.a, n[1], len(n), list(n), n._fields)

# deque
q = deque([1, 2, 3])
q.append(4)
q.appendleft(0)
print(q, len(q), q[0], q[-1], 3 in q)
print(q.pop(), q.popleft(), q)
q.extend([7, 8])
q.extendleft([-1, -2])
print(q)
q.rotate(2)
print(q)
q.rotate(-3)
print(q, q.count(7), q.index(7))
q.remove(7)
q.reverse()
print(q, list(q.__reversed__()))
q[0] = 100
del q[1]
print(q, q.maxlen)
bounded = deque(maxlen=3)
for i in range(6):
    bounded.append(i)
print(bounded, bounded.maxlen)
bounded.appendleft(-1)
print(bounded, deque([1, 2]) == deque([1, 2]), deque([1]) + deque([2]))
q.clear()
err("pop empty", lambda: q.pop())
err("popleft empty", lambda: q.popleft())
err("index out", lambda: deque()[0])
err("remove missing", lambda: deque([1]).remove(2))
err("negative maxlen", lambda: deque([], -1))
dq = deque([1, 2])


def mutate_deque():
    it = iter(dq)
    dq.append(next(it))
    next(it)


err("deque mutation", mutate_deque)
big = deque()
for i in range(1000):
    big.append(i)
    if len(big) > 10:
        big.popleft()
print(list(big))
