# islice, count, takewhile, repeat.
from itertools import islice, count, takewhile, repeat
print(list(islice(range(10), 3)))
print(list(islice(range(10), 2, 8, 3)))
print(list(islice(count(5), 4)))
print(list(islice(count(0, 10), 3)))
print(list(takewhile(lambda v: v < 3, count())))
print(list(repeat("x", 3)))
