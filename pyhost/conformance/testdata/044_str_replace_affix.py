# replace, startswith/endswith with tuples and ranges.
s = "old_name old_value"
print(s.replace("old", "new"))
print(s.replace("old", "new", 1))
print(s.replace("", "-"))
print(s.startswith("old"), s.startswith(("x", "old")), s.startswith("name", 4))
print(s.endswith("value"), s.endswith(("a", "b")))
print("x_studio_field".startswith("x_"))
print("aaa".replace("a", "b", 0))
