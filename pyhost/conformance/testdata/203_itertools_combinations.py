# combinations and permutations.
from itertools import combinations, permutations
print(list(combinations([1, 2, 3], 2)))
print(list(combinations("abcd", 3)))
print(list(permutations([1, 2, 3], 2)))
print(len(list(permutations(range(4)))))
