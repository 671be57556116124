# __repr__ and __str__ of user classes, and in containers.
class A:
    pass
class B:
    def __repr__(self):
        return "B()"
class C:
    def __str__(self):
        return "C-str"
class D:
    def __repr__(self):
        return "D-repr"
    def __str__(self):
        return "D-str"
print(repr(B()), str(B()))
print(str(C()))
print(D(), [D()], (D(),), repr(D()))
print(f"{D()} {D()!r}")
print(str(A()).startswith("<__main__.A object at 0x"))
print("%s %r" % (D(), D()))
