class A:
    def __init__(self, x):
        self.x = x
    def describe(self):
        return "A(%s)" % self.x
class B(A):
    def __init__(self, x, y):
        super().__init__(x)
        self.y = y
    def describe(self):
        return super().describe() + "+B(%s)" % self.y
b = B(1, 2)
print(b.describe(), b.x, b.y)
