class Base:
    @property
    def label(self):
        return "base"
    def __str__(self):
        return "Base"
class Child(Base):
    @property
    def label(self):
        return super().label + "/child"
    def __str__(self):
        return f"Child<{super().__str__()}>"
print(Child().label, str(Child()), "%s" % Child())
