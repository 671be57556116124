x = "v"
print(rf"\d+{x}\n", fr"{x}\w", Rf"\\{x}", fR"{x}\\")
print(f"tab\t{x}\nnew \x41 \u00e9 \N{EM DASH} {x}")
print(f"\{x}", rf"\{x}", f"\\{x}", f"a\\\{x}")
print(f"quote \"{x}\" and \'{x}\'")
