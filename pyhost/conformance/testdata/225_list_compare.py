# Comparing lists with < and >.
print([1, 2] < [1, 3], [2] > [1, 5])
