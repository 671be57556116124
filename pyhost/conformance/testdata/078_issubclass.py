# issubclass with classes and tuples.
class A:
    pass
class B(A):
    pass
print(issubclass(B, A), issubclass(A, B), issubclass(A, A))
print(issubclass(B, (int, A)))
print(issubclass(bool, int), issubclass(int, bool))
print(issubclass(KeyError, LookupError), issubclass(KeyError, Exception))
print(issubclass(B, object))
