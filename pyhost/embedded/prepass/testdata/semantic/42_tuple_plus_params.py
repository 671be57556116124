def execute(query, params):
    print(query % tuple(repr(p) for p in params))
base = ("draft", "sent")
execute("UPDATE t SET s = %s WHERE s IN (%s, %s)", ("new",) + base)
execute("SELECT %s, %s, %s", base + ("x",))
p = ()
for i in range(3):
    p += (i,)
execute("%s %s %s", p)
