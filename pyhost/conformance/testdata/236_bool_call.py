# bool() of objects with __bool__ and __len__.
class Empty:
    def __len__(self):
        return 0
class No:
    def __bool__(self):
        return False
print(bool(Empty()), bool(No()), bool([1]))
