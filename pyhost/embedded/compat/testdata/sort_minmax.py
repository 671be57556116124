# sorted / list.sort / min / max with CPython ordering
rows = [(3, 'Alice'), (1, 'Alice'), (2, 'Bob'), (1, 'Zed')]
print(sorted(rows))
print(sorted(rows, key=lambda r: (r[1], -r[0])))
print(sorted(rows, reverse=True))
print(sorted([[1, 2], [1], [0, 5, 6], []]))
print(sorted([(1, (2, 'b')), (1, (2, 'a')), (0, (9, 'z'))]))
print(sorted([3, 1.5, True, 2**70, -2, 0.0]))
print(sorted(["b", "A", "a", "é", "B"]))
print(sorted([b"b", b"a", b"ab"]))
print(sorted("hello"))
print(sorted({"b": 1, "a": 2}))
# stability: equal keys keep their order, also with reverse
pairs = [("x", 2), ("y", 1), ("z", 2), ("w", 1)]
print(sorted(pairs, key=lambda p: p[1]))
print(sorted(pairs, key=lambda p: p[1], reverse=True))
# key computed exactly once per item
calls = []
def k(v):
    calls.append(v)
    return -v
print(sorted([3, 1, 2], key=k), sorted(calls))
l = [5, 3, 9, 1]
l.sort()
print(l)
l.sort(key=lambda v: v % 3, reverse=True)
print(l)
l.sort(reverse=True)
print(l)
print(min(4, 2, 8), max(4, 2, 8), min([3, 1, 2]), max("abc"))
print(max([(1, 'a'), (3, 'b'), (3, 'a')]), min([(1, 'b'), (1, 'a')]))
print(max([1, 5, 5, 2], key=lambda v: -v), min([], default="empty"))
print(max(["aa", "b", "cc"], key=len), min(["aa", "b", "cc"], key=len))
print(max(0, 0.0), max(0.0, 0), min(1, True), min(True, 1))
for bad in (lambda: sorted([None, 1]), lambda: sorted([1, "a"]), lambda: min([]),
            lambda: max(1, 2, default=0), lambda: sorted([(1, None), (1, 2)]),
            lambda: sorted([[1], (1,)]), lambda: max(None, 1), lambda: min()):
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
print(sorted(range(10), key=lambda i: (i % 3, -i)))
print(sorted([2**64, 2**63, -2**63, 1.5e19, 9.2e18]))
