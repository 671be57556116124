# itertools.product.
from itertools import product
print(list(product([1, 2], "ab")))
print(list(product("ab", repeat=2)))
print(len(list(product(range(3), range(4)))))
