# String formatting in f-strings: precision truncates, fill and align.
s = "migration"
print(f"[{s:.3}]")
print(f"[{s:10.3}]")
print(f"[{s:>12.5}]")
print(f"[{s:-<12}]")
print(f"[{s:#>12}]")
print(f"[{s:^13}]")
print(f"[{s:s}]")
print(f"[{'':>3}]")
print(f"[{'é':>3}]")
