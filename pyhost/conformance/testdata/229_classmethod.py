# Calling a classmethod.
class U:
    prefix = "cls"
    @classmethod
    def make(cls, x):
        return cls.prefix + ":" + str(x)
print(U.make(1), U().make(2))
