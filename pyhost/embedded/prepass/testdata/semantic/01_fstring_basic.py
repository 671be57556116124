name, n, pi = "Bob", 42, 3.14159
print(f"hello {name}, n={n}, pi={pi}")
print(f"{name!r} {name!s} {name!a} {'héllo'!a}")
print(f"{n:>6}|{n:<6}|{n:^6}|{n:06d}|{n:x}|{n:#o}|{n:b}")
print(f"{pi:.2f} {pi:10.3e} {pi:%} {1234567.891:,.2f} {1234567:_}")
print(f"{'left':<10}|{'right':>10}|{'mid':*^11}")
