# f-strings see globals, locals and closure variables.
prefix = "g"
def outer(tag):
    count = 2
    def inner(n):
        return f"{prefix}-{tag}-{count}-{n}"
    return inner
f = outer("t")
print(f(1))
print(f(2))
print([f"{prefix}{i}" for i in range(3)])
class C:
    name = "cls"
    def show(self):
        return f"{self.name}/{type(self).__name__}"
print(C().show())
