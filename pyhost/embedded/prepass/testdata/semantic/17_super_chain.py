class Base:
    def who(self):
        return ["Base"]
class L(Base):
    def who(self):
        return ["L"] + super().who()
class R(Base):
    def who(self):
        return ["R"] + super().who()
class D(L, R):
    def who(self):
        return ["D"] + super().who()
print(D().who())
class K(Base):
    @classmethod
    def make(cls):
        return cls
    def who(this):
        return ["K"] + super().who()
print(K().who(), K.make().__name__)
