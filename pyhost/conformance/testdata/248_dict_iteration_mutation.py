# Changing a dict's size while iterating raises RuntimeError.
d = {"a": 1, "b": 2}
try:
    for k in d:
        d["c" + k] = 0
except RuntimeError as e:
    print("RuntimeError", e)
