# A class-based context manager.
class CM:
    def __init__(self, name):
        self.name = name
    def __enter__(self):
        print("enter", self.name)
        return self.name.upper()
    def __exit__(self, exc_type, exc, tb):
        print("exit", self.name, exc_type is None)
        return False
with CM("a") as v:
    print("inside", v)
try:
    with CM("b"):
        raise KeyError("k")
except KeyError:
    print("propagated")
