x, w = 3.5, 8
print(f"{f'{x:.1f}':>{w}}|")
print(f"{'{}'.format(x)} {f'{x!r}'!r}")
print(f'{"dq inside"} {"""tq inside"""}')
rows = [("a", 1), ("b", 22)]
print("\n".join(f"{k:<3}{v:>4}" for k, v in rows))
