a, b = 5, 2
items = ["x", "y", "z"]
print(f"{a + b} {a % b} {a - b * 2} {a ** b % 7} {-a % 3}")
print(f"{a if a > b else b} {', '.join(items)} {(lambda q: q + 1)(a)}")
print(f"{3 != 4} {a==5} {a<b} {a>=b} {len(items)}")
print(f"{'dq' + 'x'} {'''tq''' if False else 'sq'}")
print(f"{a, b} {[i * 2 for i in range(3)]}")
