# Cooperative super() in a diamond follows the MRO.
class Root:
    def who(self):
        return ["Root"]
class Left(Root):
    def who(self):
        return ["Left"] + super().who()
class Right(Root):
    def who(self):
        return ["Right"] + super().who()
class Bottom(Left, Right):
    def who(self):
        return ["Bottom"] + super().who()
print(Bottom().who())
print([k.__name__ for k in Bottom.__mro__])
