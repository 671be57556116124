# Tuple concatenation builds a new tuple with every element.
t = (1, 2) + (3,)
print(t)
print(len(t), t[0], t[1], t[2])
print(() + (1,))
print((1,) + ())
print(("a", "b") + ("c", "d") + ("e",))
u = t + t
print(u, len(u))
print(t[-1], t[1:])
