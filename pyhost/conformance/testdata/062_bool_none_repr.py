# repr/str of True, False and None, alone and nested.
print(True, False, None)
print(repr(True), str(None))
print([True, None], (False,))
print(str(True) + "!", repr(None) == "None")
print(bool(0), bool(""), bool([0]), bool(None), bool("0"))
print(True == 1, False == 0, True is True)
print(not None, None is None)
