# isinstance honours inheritance.
class A:
    pass
class B(A):
    pass
class C(B):
    pass
print(isinstance(B(), A), isinstance(C(), A), isinstance(A(), B))
print(isinstance(C(), (int, B)))
print(isinstance(B(), object))
class MyErr(ValueError):
    pass
print(isinstance(MyErr(), Exception), isinstance(MyErr(), KeyError))
class MyList(list):
    pass
print(isinstance(MyList(), list))
