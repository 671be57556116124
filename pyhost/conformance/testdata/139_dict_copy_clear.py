# copy is shallow, clear empties.
d = {"l": [1]}
c = d.copy()
c["l"].append(2)
c["n"] = 1
print(d["l"], sorted(c))
d.clear()
print(len(d), d)
