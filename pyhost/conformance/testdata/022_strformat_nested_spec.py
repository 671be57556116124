# Nested replacement fields inside str.format specs.
print("[{:{}}]".format("a", 5))
print("[{:{w}.{p}f}]".format(3.14159, w=10, p=2))
print("[{0:{fill}{align}{width}}]".format("m", fill="~", align="^", width=7))
for w in (4, 6):
    print("[{v:>{w}}]".format(v=12, w=w))
