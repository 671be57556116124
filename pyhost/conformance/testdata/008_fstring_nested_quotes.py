# Quotes of the other kind inside replacement fields.
d = {"key": "v1", 'other': 2}
flag = True
print(f"{d['key']}")
print(f'{d["other"]}')
print(f"{'yes' if flag else 'no'}")
print(f'{"a" + "b"}')
print(f"""{d["key"]} and {d['other']}""")
print(f"{', '.join(['x', 'y', 'z'])}")
print(f"{'-'.join(str(i) for i in range(3))}")
