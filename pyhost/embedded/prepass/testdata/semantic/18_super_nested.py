class A:
    def f(self):
        return "A.f"
    def g(self):
        return "A.g"
class B(A):
    def f(self):
        def inner(me):
            return super().f() + "<inner"
        return inner(self)
    def g(self):
        fn = lambda: super(B, self).g()
        return fn() + "<lambda"
    def __repr__(self):
        return f"<B {super().__repr__()[:2]}>"
print(B().f(), B().g(), repr(B()))
