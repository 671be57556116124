# f-strings with format specs: alignment, fill, sign, grouping, bases.
x = 1234567
y = 3.14159
s = "abc"
print(f"[{s:>10}]")
print(f"[{s:<10}]")
print(f"[{s:^9}]")
print(f"[{s:*^9}]")
print(f"[{y:08.3f}]")
print(f"[{x:,}]")
print(f"[{x:_}]")
print(f"[{x:+d}]")
print(f"[{-x:+d}]")
print(f"[{x: d}]")
print(f"[{255:x}] [{255:X}] [{255:#x}] [{8:#o}] [{5:#b}]")
print(f"[{y:e}] [{y:.2E}]")
print(f"[{0.256:%}] [{0.256:.1%}]")
print(f"[{x:>12,}]")
print(f"[{-y:=10.2f}]")
