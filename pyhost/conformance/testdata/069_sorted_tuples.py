# sorted on a list of tuples compares element-wise.
rows = [(3, "Alice"), (1, "Bob"), (2, "Alice"), (1, "Aaron")]
print(sorted(rows))
print(sorted(rows, reverse=True))
print(sorted([("b", 2), ("a", 3), ("a", 1)]))
print(sorted([(1, 2, 3), (1, 2), (1,)]))
print(sorted([[2, "x"], [1, "y"]]))
