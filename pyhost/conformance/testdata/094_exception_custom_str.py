# Custom exception overriding __str__.
class Fancy(Exception):
    def __init__(self, n):
        super().__init__(n)
        self.n = n
    def __str__(self):
        return "fancy #%d" % self.n
try:
    raise Fancy(7)
except Fancy as e:
    print(str(e))
    print("error: %s" % e)
    print(f"{e}")
    print(e.args)
