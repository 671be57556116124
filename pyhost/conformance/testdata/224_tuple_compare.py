# Comparing tuples with < and >.
print((1, 2) < (1, 3))
print((2,) > (1, 9), (1, 2) <= (1, 2))
