# f-strings whose format spec itself contains replacement fields.
value = 3.14159265
width = 12
precision = 3
fill = "."
align = ">"
print(f"[{value:{width}}]")
print(f"[{value:{width}.{precision}f}]")
print(f"[{value:{fill}{align}{width}.{precision}f}]")
print(f"[{'txt':{fill}^{width}}]")
for p in range(4):
    print(f"{p}: {value:.{p}f}")
spec = ".2f"
print(f"[{value:{spec}}]")
