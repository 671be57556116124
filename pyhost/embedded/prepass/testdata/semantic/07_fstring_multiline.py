x, y = 10, 20
s = f'''line one {x}
line two {x +
  y}
line three "{y}"'''
print(s)
t = f"""a"{x}" """ + f"""{y}\""""
print(t)
print(rf"""raw \"{x}\" """)
