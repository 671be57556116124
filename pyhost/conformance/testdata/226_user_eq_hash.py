# User-defined __eq__ and __hash__.
class K:
    def __init__(self, v):
        self.v = v
    def __eq__(self, other):
        return isinstance(other, K) and self.v == other.v
    def __hash__(self):
        return hash(self.v)
print(K(1) == K(1), K(1) != K(2))
print(len({K(1), K(1), K(2)}))
