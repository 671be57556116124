# zip_longest with fillvalue, accumulate.
from itertools import zip_longest, accumulate
print(list(zip_longest([1, 2, 3], "ab")))
print(list(zip_longest("a", "bcd", fillvalue="-")))
print(list(accumulate([1, 2, 3, 4])))
print(list(accumulate([3, 1, 4], max)))
