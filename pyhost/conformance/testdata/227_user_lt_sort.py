# sorted() of objects defining __lt__.
class V:
    def __init__(self, v):
        self.v = v
    def __lt__(self, other):
        return self.v < other.v
print([x.v for x in sorted([V(3), V(1), V(2)])])
