# copy (shallow and deep, cycles, __copy__/__deepcopy__, this package's
# containers) and textwrap.dedent / indent.
import copy
import textwrap
from collections import Counter, OrderedDict, defaultdict, deque, namedtuple

data = {"ids": [1, 2], "meta": {"k": [3]}}
shallow = copy.copy(data)
deep = copy.deepcopy(data)
data["ids"].append(9)
data["meta"]["k"].append(9)
print(shallow["ids"], deep["ids"], deep["meta"]["k"])  # `is` on dicts panics in gpython
lst = [[1], (2, [3])]
d2 = copy.deepcopy(lst)
lst[0].append(0)
lst[1][1].append(0)
print(lst, d2)
t = (1, "a", None)
print(copy.deepcopy(t), copy.copy(t), copy.copy(5), copy.deepcopy("s"))
cyc = [1]
cyc.append(cyc)
cc = copy.deepcopy(cyc)
print(cc[1] is cc, cc[1] is cyc, len(cc))
shared = [0]
pair = [shared, shared]
pc = copy.deepcopy(pair)
print(pc[0] is pc[1], pc[0] is shared)
dd = defaultdict(list, [(1, [1])])
ddc = copy.deepcopy(dd)
dd[1].append(2)
print(ddc, copy.copy(dd))
print(copy.deepcopy(OrderedDict([("b", [1]), ("a", 2)])), copy.copy(Counter("aab")))
q = deque([[1]], maxlen=4)
qc = copy.deepcopy(q)
q[0].append(2)
print(qc, copy.copy(q))
P = namedtuple("P", "x y")
print(copy.deepcopy(P([1], 2)), copy.copy(P(1, 2)))


class Thing:
    def __init__(self, items):
        self.items = items


th = Thing([1])
th2 = copy.copy(th)
th3 = copy.deepcopy(th)
th.items.append(2)
print(th2.items, th3.items, th2 is th)


class Custom:
    def __init__(self):
        self.v = 1

    def __copy__(self):
        return "custom copy"

    def __deepcopy__(self, memo):
        return "custom deepcopy"


print(copy.copy(Custom()), copy.deepcopy([Custom()]))

print(repr(textwrap.dedent("  a\n    b\n  \n\tc\n")))
print(repr(textwrap.dedent("    a\n    b\n   \n")))
print(repr(textwrap.dedent("\ta\n        b\n")))
print(repr(textwrap.dedent("  a\n \t b\n")))
print(repr(textwrap.dedent("""
    UPDATE res_partner
       SET name = 'x'
     WHERE id = 1
""")))
print(repr(textwrap.dedent("no indent\n  x")), repr(textwrap.dedent("")))
print(repr(textwrap.indent("a\n\nb\n", "> ")))
print(repr(textwrap.indent("a\n\nb", "+", lambda line: True)))
print(repr(textwrap.indent("x\r\ny\n", "  ")))
