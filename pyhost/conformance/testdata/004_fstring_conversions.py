# The !r, !s and !a conversions.
s = "it's"
t = 'say "hi"'
u = "caf\u00e9"
print(f"{s!r}")
print(f"{t!r}")
print(f"{u!r}")
print(f"{u!a}")
print(f"{u!s}")
print(f"{42!r} {3.5!r} {None!r}")
print(f"{[1, 'a']!r}")
print(f"{s!r:>12}|")
print(f"{'x'!r:*^7}")
