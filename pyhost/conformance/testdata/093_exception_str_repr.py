# str and repr of builtin and custom exceptions.
class E(Exception):
    pass
for exc in [ValueError("x"), KeyError("k"), KeyError(1), Exception(), Exception("a", 1),
            E("msg"), E(), TypeError("t", "u"), ZeroDivisionError("division by zero")]:
    print(repr(exc), "|", str(exc))
