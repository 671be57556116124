# Every for-loop form the pre-pass wraps in __mr_iter__.
rows = [(1, "b"), (2, "a"), (3, "c")]
for n, s in rows:
    print(n, s)
for x in 1, 2,:
    print("tuple", x)
for x in "ab", "cd": print(x)
for f in lambda: 0, lambda: 1:
    print(f())
for x in rows if len(rows) > 2 else []:
    print("cond", x[0])
for x in (
    "multi",
    "line"):
    print(x)
for x in [1] \
        + [2]:
    print("cont", x)
for k in sorted({"b": 1, "a": 2}) + ["%s!" % "c"]:
    print(k)
for i in range(3):
    if i == 1:
        continue
    print("i", i)
else:
    print("else")
for i in range(5):
    if i > 1:
        break
print("broke", i)
for(a, b), c in[((1, 2), 3)]: print(a, b, c)
print([y for x in [[1, 2], [3]] if x for y in x if y != 2])
print({k: v for k, v in zip("ab", (1, 2))}, {c for c in "aab"} == {"a", "b"})
print(sum(x * x for x in range(4)), list(x for x in (y + 1 for y in range(3))))
print([x for x in [5, 0, 7] or [] and [1] if not x < 1])
print(f"{[x for x in 'xy']} {sum(n for n in range(3))}")
class K:
    names = [n.upper() for n in ("a", "b")]
    def walk(self, tree):
        for node in tree:
            if isinstance(node, list):
                for sub in self.walk(node):
                    yield sub
            else:
                yield node
print(K.names, list(K().walk([1, [2, [3, 4]], 5])))
def pairs():
    for i in range(3):
        yield i, i * i
print(dict((str(a), b) for a, b in pairs()))
it = iter([1, 2, 3, 4])
for x in it:
    print("it", x, next(it))
work = [1]
for x in work:
    if x < 4:
        work.append(x + 1)
print(work)
