# @property getter.
class Rec:
    def __init__(self, first, last):
        self.first = first
        self.last = last
    @property
    def full(self):
        return self.first + " " + self.last
r = Rec("Ada", "Lovelace")
print(r.full)
r.first = "A."
print(r.full)
print(type(Rec.full).__name__)
