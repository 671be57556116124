x, width, prec = 7, 10, 3
print(f"{{literal}} {{{x}}} }}{{")
print(f"{3.14159:>{width}.{prec}f}|")
print(f"{x:{'>'}{width}}|")
print(f"{x:{{}}}" if False else "skip")
d = {"k": [1, 2]}
print(f"{d['k']} {d['k'][1]} { {'a': 1}['a'] }")
print(f"{f'{x!r:>3}'}|{f'{x}' + f'{x}'}")
