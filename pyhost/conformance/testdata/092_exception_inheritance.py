# except clauses match subclasses, first match wins.
class Base(Exception):
    pass
class Mid(Base):
    pass
class Leaf(Mid):
    pass
for cls in (Base, Mid, Leaf):
    try:
        raise cls("x")
    except Leaf:
        print(cls.__name__, "caught as Leaf")
    except Mid:
        print(cls.__name__, "caught as Mid")
    except Base:
        print(cls.__name__, "caught as Base")
print(issubclass(Leaf, Exception), Leaf.__mro__[1].__name__)
try:
    raise Leaf("deep")
except Exception as e:
    print(type(e).__name__, isinstance(e, Base))
