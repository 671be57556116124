# Assigning to a property without a setter fails.
class R:
    @property
    def x(self):
        return 1
r = R()
print(r.x)
try:
    r.x = 2
except AttributeError as e:
    print("AttributeError", e)
