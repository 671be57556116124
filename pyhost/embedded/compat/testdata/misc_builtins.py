class K:
    cls_attr = 1
    def method(self):
        return 1
k = K()
k.inst = 2
print([n for n in dir(k) if not n.startswith("__")], [n for n in dir(K) if not n.startswith("__")])
print("join" in dir(""), "append" in dir([]), "keys" in dir({}), "__class__" in dir(k))
print(len([1, 2]), len("héllo"), len((1,)), len({"a": 1}), len(b"xyz"), len(range(5)), len({1, 2}))
class BadLen:
    def __len__(self):
        return -1
class StrLen:
    def __len__(self):
        return "3"
for bad in (lambda: len(5), lambda: len(BadLen()), lambda: len(StrLen()), lambda: len(), lambda: len(1, 2),
            lambda: getattr(k, "nope"), lambda: iter(5), lambda: iter(5, 1), lambda: next(iter([]))):
    try:
        bad()
    except Exception as e:
        print(type(e).__name__)
print(callable(K), callable(k), callable(k.method), callable(print), callable(str.upper), callable(lambda: 1), callable(None))
print(getattr(k, "inst"), getattr(K, "cls_attr"), getattr(k, "zz", None), hasattr(k, "method"), hasattr(K, "inst"))
it = iter([1, 2])
print(next(it), next(it), next(it, "end"))
print(list(iter([3, 4])), list(zip("ab", iter(range(5)))), list(map(len, ["a", "bb"])), list(filter(None, [0, 1, 2])))
print(sorted(enumerate("cab"), key=lambda p: p[1]), list(enumerate([], 3)))
print(isinstance([], (list, tuple)), isinstance((), (list, (int, tuple))), isinstance("s", str), isinstance(b"s", bytes), isinstance({}, dict), isinstance(1.5, (int, float)))
print(any(x > 2 for x in [1, 3]), all([]), abs(-3), divmod(7, 2), pow(2, 10), chr(65), ord("A"), min("b", "a"), max([0.5, 1]))
