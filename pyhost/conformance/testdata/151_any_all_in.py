# any, all, in over lists and tuples.
print(any([]), all([]))
print(any([0, "", None]), any([0, 1]))
print(all([1, "x"]), all([1, 0]))
print(3 in [1, 2, 3], "a" in ("b",), None in [None])
print([1, 2] in [[1, 2]], (1,) in [(1,)])
