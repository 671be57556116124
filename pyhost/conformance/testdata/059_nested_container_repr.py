# repr of nested lists, tuples and str-keyed dicts.
data = [{"a": [1, (2, "x")]}, ("t", [None, False]), [[], [[]]], {}]
print(data)
print(str(data) == repr(data))
print([1.5, -0.0, 1e16, "q'uote", 'd"q'])
print(["multi\nline", "tab\t", "back\\slash"])
print(([1], {"k": (2,)}))
