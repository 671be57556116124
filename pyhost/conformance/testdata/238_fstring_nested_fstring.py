# An f-string inside an f-string replacement field.
x = 5
print(f"outer {f'inner {x}'} end")
