# Calling a staticmethod.
class U:
    @staticmethod
    def double(x):
        return x * 2
print(U.double(2), U().double(3))
