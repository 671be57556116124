x, y = 1, 2
s = "plain " f"{x}" ' tail ' f'{y}'
print(s)
t = (
    "a"   # first
    # between
    f"{x}"
    u"c"
    f"{y:>3}"
)
print(t)
u = 'abc' \
    f'{x}'
print(u, "no" "f" "strings")
print(f"" + f'' + "|" + f"""""" + '|')
