# Exception args with several values.
e = Exception("a", 1, None)
print(e.args, str(e), repr(e))
e = Exception(("t",))
print(e.args, str(e))
e = ValueError()
print(e.args, repr(str(e)))
print(len(KeyError("x", "y").args))
