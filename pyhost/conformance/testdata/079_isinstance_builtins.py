# isinstance with builtin types.
print(isinstance(True, int), isinstance(1, bool))
print(isinstance(1, (str, float)), isinstance(1.0, (str, float)))
print(isinstance([], list), isinstance((), tuple), isinstance({}, dict))
print(isinstance("s", str), isinstance(b"s", bytes), isinstance(None, type(None)))
print(isinstance(int, type), isinstance(3, object))
print(type(1) is int, type(True) is bool, type("") == str)
