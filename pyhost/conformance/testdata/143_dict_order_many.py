# Iteration order of a dict with many keys is insertion order.
d = {}
for i in range(20):
    d["k%d" % i] = i
print(list(d))
