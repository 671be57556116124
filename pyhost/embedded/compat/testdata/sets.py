s = {1, 2, 3}
s.add(4)
s.add(4)
s.discard(1)
s.discard(100)
s.remove(2)
print(sorted(s), len(s))
s.update([5, 6], {7}, "ab")
print(sorted(s, key=str))
print(sorted({1, 2}.union([3], (4,))), sorted({1, 2, 3}.intersection([2, 3, 9], {3, 2})), sorted({1, 2, 3}.difference([2])), sorted({1, 2}.symmetric_difference([2, 3])))
print({1, 2}.issubset([1, 2, 3]), {1, 4}.issubset({1}), {1, 2, 3}.issuperset([1]), {1}.isdisjoint([2]), {1}.isdisjoint({1}))
c = s.copy()
c.add("z")
print("z" in s, "z" in c)
p = {9}
print(p.pop(), p)
q = {3, 1, 2}
u = q.pop()
print(u in (1, 2, 3), len(q))
x = {1, 2, 3, 4}
x.intersection_update([1, 2, 3], [2, 3])
print(sorted(x))
x.difference_update([2])
print(sorted(x))
x.symmetric_difference_update([3, 5])
print(sorted(x))
x.clear()
print(len(x), x)
f = frozenset([1, 2, 2])
print(len(f), sorted(f), sorted(f.union([3])), type(f.union([3])).__name__, f.issubset({1, 2, 3}), sorted(frozenset()), 1 in f)
print(sorted(set("hello")), sorted(set([3, 1])), len(set()), sorted({1, 2} | {3}), sorted({1, 2} & {2}), sorted({1, 2} - {1}), sorted({1, 2} ^ {2, 3}))
print(hash(frozenset([1, 2])) == hash(frozenset([2, 1])))
for bad in (lambda: set().pop(), lambda: {1}.remove(2), lambda: {1}.add([1]), lambda: set([[1]]), lambda: {1}.union(5)):
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
