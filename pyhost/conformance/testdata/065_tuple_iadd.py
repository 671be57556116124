# += on tuples rebinds to a new tuple.
t = (1,)
alias = t
t += (2, 3)
print(t, alias)
cols = ()
for c in ["id", "name"]:
    cols += (c,)
print(cols)
t += ()
print(t, len(t))
