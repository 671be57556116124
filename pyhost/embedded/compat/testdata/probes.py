# One-feature probes from the gpython feature matrix (gpython-notes.md
# appendix) that concern this package, in the form the pre-pass leaves
# them (+ as __mr_add__, super() as super(Class, self)).
print("06_sort_tuples", sorted([(2, "b"), (1, "z"), (1, "a")]))
print("08_sort_key_tuple", sorted([(3, "x"), (1, "y"), (3, "a")], key=lambda r: (-r[0], r[1])))
print("09_reversed", list(reversed([1, 2, 3])), "".join(reversed("abc")))
class Animal:
    def __init__(self, name):
        self.name = name
    def speak(self):
        return "..."
class Dog(Animal):
    def speak(self):
        return "woof"
print("17_class_inherit", Dog("rex").name, Dog("rex").speak(), isinstance(Dog("r"), Animal))
class Puppy(Dog):
    def speak(self):
        return __mr_add__(super(Puppy, self).speak(), "!")
print("18_super", Puppy("p").speak(), Puppy("p").name)
print("19_super_explicit", super(Dog, Dog("d")).speak())
class Skip(Exception):
    pass
try:
    raise Skip("nothing to do")
except Skip as e:
    print("20_custom_exc", type(e).__name__, e)
try:
    try:
        1 / 0
    except ZeroDivisionError as z:
        raise ValueError("bad") from z
except ValueError as e:
    print("21_raise_from", e, type(e.__cause__).__name__)
print("31_str_methods", "a,b".split(","), "x".join(["1", "2"]), " s ".strip(), "abc".find("c"), "abc".count("b"))
print("32_str_lower_upper", "MiXeD".lower(), "MiXeD".upper(), "hello world".title(), "hello".capitalize())
print("33_str_encode", "héllo".encode("utf-8"), len("héllo".encode()), "abc".encode("ascii"))
d = {"a": 1}
d.setdefault("b", 2)
d.update({"c": 3})
print("51_dict_methods", sorted(d.items()), d.pop("a"), d.pop("zz", None), sorted(d))
class Temp:
    def __init__(self):
        self._c = 0
    @property
    def f(self):
        return __mr_add__(self._c * 9 / 5, 32)
print("54_property", Temp().f)
class SC:
    @staticmethod
    def s():
        return "static"
    @classmethod
    def c(cls):
        return cls.__name__
print("55_staticclassmethod", SC.s(), SC.c(), SC().s(), SC().c())
print("56_str_misc", "abc".startswith("a"), "abc".endswith("c"), "a-b".replace("-", "+"), "ab".zfill(4), "3".isdigit(), "ab".isalpha())
print("57_str_more", "a b c".rsplit(" ", 1), "k=v".partition("="), "ab".center(6, "*"), "x".ljust(3, "."), "line1\nline2".splitlines())
print("63_isinstance_tuple", isinstance(1, (str, int)), isinstance("s", (int, float)))
class G:
    x = 1
print("64_getattr_hasattr", getattr(G(), "x"), getattr(G(), "y", 2), hasattr(G(), "x"), hasattr(G(), "y"))
class Vec:
    def __init__(self, x):
        self.x = x
    def __add__(self, o):
        return Vec(__mr_add__(self.x, o.x))
    def __len__(self):
        return self.x
    def __getitem__(self, i):
        return __mr_add__(self.x, i)
    def __repr__(self):
        return __mr_add__("Vec", str(self.x))
print("66_dunder_methods", __mr_add__(Vec(1), Vec(2)), len(Vec(3)), Vec(3)[1], repr(Vec(4)))
class It:
    def __init__(self):
        self.i = 0
    def __iter__(self):
        return self
    def __next__(self):
        self.i = __mr_add__(self.i, 1)
        if self.i > 3:
            raise StopIteration
        return self.i
print("67_iter_protocol", list(It()), [x for x in It()])
print("70_max_key", max(["a", "ccc", "bb"], key=len), max([(1, "a"), (2, "b")], key=lambda t: t[0]))
for exc in (KeyError("k"), ValueError("v"), TypeError("t")):
    try:
        raise exc
    except (KeyError, ValueError) as e:
        print("73_multiple_except", type(e).__name__)
    except Exception as e:
        print("73_multiple_except other", type(e).__name__)
s = {1, 2, 3}
s.add(9)
s.discard(1)
print("76_set_ops", sorted(s), sorted(s | {10}), sorted(s & {2, 9}), sorted(s - {2}))
l = [3, 1, 2]
l.insert(0, 5)
l.remove(2)
print("77_list_methods", l, l.index(1), l.count(3), l.pop(), l)
print("79_bool_none", bool(None), bool(0), bool(""), bool([1]), None is None, bool("x"))
print("90_type_checks", type(1).__name__, type("").__name__, type([]) is list, type(None).__name__, isinstance(1.0, float))
class Base:
    pass
class Sub(Base):
    pass
print("a02_isinstance_sub", isinstance(Sub(), Base), issubclass(Sub, Base), isinstance(Base(), Sub))
class MyErr(Exception):
    pass
try:
    raise MyErr("x")
except Exception as e:
    print("a04_custom_exc_catch_base", type(e).__name__, e)
class CodeErr(Exception):
    def __init__(self, msg, code):
        super(CodeErr, self).__init__(msg)
        self.code = code
try:
    raise CodeErr("failed", 42)
except CodeErr as e:
    print("a05_custom_exc_init", e, e.code, e.args)
print("a11_items_sorted", sorted({"b": 2, "a": 1}.items()))
print("a16_bool_call", bool(1), bool([]), bool(()), bool({"a": 1}))
print("a17_type_name", type(1).__name__, type(1.5).__name__, type("x").__name__, type([]).__name__, type({}).__name__)
class A:
    pass
print("a18_class_name", A.__name__, A().__class__.__name__)
print("a24_round", round(2.5), round(3.5), round(2.675, 2), round(1.23456, 3), round(-1.5))
print("a25_len_bytes", len(b"abc"), len(b""))
print("a36_str_isdigit", "123".isdigit(), "12a".isdigit(), "".isdigit(), "abc".isalpha(), "a1".isalnum(), " ".isspace())
print("a42_tuple_methods", (1, 2, 2).count(2), (1, 2, 3).index(3))
print("a45_sorted_stable_key_tuple_cmp", sorted([("b", 1), ("a", 1), ("c", 0)], key=lambda t: t[1]))
rows = [[2, "b"], [1, "a"]]
rows.sort(key=lambda r: r[0])
print("a46_list_sort_key", rows)
print("a47_dict_pop_default", {"a": 1}.pop("b", "default"), {"a": 1}.pop("a"))
class Counter:
    count = 0
    def __init__(self):
        Counter.count = __mr_add__(Counter.count, 1)
Counter()
Counter()
print("a54_class_attrs", Counter.count, Counter().count)
class P:
    def who(self):
        return "P"
class Q(P):
    def who(self):
        return __mr_add__("Q", super(Q, self).who())
print("a59_mro_override", Q().who(), [c.__name__ for c in Q.__mro__])
class Fn:
    def __call__(self, x):
        return x * 2
print("a61_callable_obj", Fn()(3), callable(Fn()))
print("a66_str_encode_decode", "é".encode().decode(), b"caf\xc3\xa9".decode("utf-8"), "x".encode("latin-1"))
print("a67_bytes_methods", b"a,b".split(b","), b"abc".decode(), b" x ".strip(), b"ab".hex())
x = [1]
y = x
print("a92_id_is", id(x) == id(y), x is y)
print("a93_dir", "append" in dir([]), "upper" in dir(""))
print("a96_hash_str", hash("abc") == hash("abc"), hash(1) == 1, hash((1, 2)) == hash((1, 2)))
