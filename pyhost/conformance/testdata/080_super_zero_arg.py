# Zero-argument super() in __init__ and methods.
class Base:
    def __init__(self, name):
        self.name = name
    def describe(self):
        return "Base(" + self.name + ")"
class Child(Base):
    def __init__(self, name, extra):
        super().__init__(name)
        self.extra = extra
    def describe(self):
        return "Child:" + super().describe() + ":" + str(self.extra)
c = Child("n", 5)
print(c.name, c.extra)
print(c.describe())
print(Base("b").describe())
