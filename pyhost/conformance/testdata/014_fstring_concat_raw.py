# Implicit concatenation mixing f-strings, raw and plain literals.
x = 5
path = "a\\b"
s = "start " f"{x}" " end"
print(s)
print(rf"raw\n{x}")
print(fr"{path}\t")
print(f"{x}" "+" f"{x}")
print("plain {x} " f"{x}")
msg = (
    f"line one {x} "
    "line two "
    f"{x * 2}"
)
print(msg)
