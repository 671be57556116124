def f(x):
    return f"value={x:>5}"
print(f(1))
print(f(
    2))
def g():
    return f"{undefined_name}"
print(g())
