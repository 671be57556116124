# OrderedDict ordering operations.
from collections import OrderedDict
od = OrderedDict()
od["b"] = 1
od["a"] = 2
od["c"] = 3
print(list(od))
od.move_to_end("b")
print(list(od.keys()))
print(od.popitem(last=False))
print(od)
print(OrderedDict([("x", 1)]) == OrderedDict([("x", 1)]))
