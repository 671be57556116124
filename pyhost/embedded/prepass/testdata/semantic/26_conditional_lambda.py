f = lambda n: "even" if n % 2 == 0 else "odd" + "!"
print([f(i) for i in range(4)])
g = lambda: +1 + -1
print(g(), (lambda *a: a + (1,))(0))
val = None
print(val if val is not None else "default" + "?")
print(1 if False else -1 + 2)
