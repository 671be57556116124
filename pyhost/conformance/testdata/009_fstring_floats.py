# Float formatting in f-strings.
vals = [0.0, 1.0, -1.5, 0.1 + 0.2, 1e16, 1.5e-7, 123456.789, 2.5, 1/3]
for v in vals:
    print(f"{v} | {v:.2f} | {v:g} | {v:.3g} | {v:10.4f} | {v:e}")
print(f"{float('inf')} {float('-inf'):>6} {float('nan')}")
print(f"{1e100:.3g} {12345.0:.0f} {0.5:.0f} {1.5:.0f}")
