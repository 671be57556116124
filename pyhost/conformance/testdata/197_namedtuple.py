# namedtuple creation, access and repr.
from collections import namedtuple
Point = namedtuple("Point", ["x", "y"])
p = Point(1, y=2)
print(p, p.x, p.y, p[0])
print(p._asdict()["y"], p._replace(x=5))
x, y = p
print(x + y, len(p), p == (1, 2))
Field = namedtuple("Field", "model name ttype")
f = Field("res.partner", "name", "char")
print(f)
print(Field._fields)
