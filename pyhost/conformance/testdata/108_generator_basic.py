# Generator functions.
def countdown(n):
    while n > 0:
        yield n
        n -= 1
print(list(countdown(3)))
g = countdown(2)
print(next(g), next(g))
try:
    next(g)
except StopIteration:
    print("exhausted")
print(next(countdown(0), "default"))
def pairs(items):
    for i in range(0, len(items), 2):
        yield items[i], items[i + 1]
for a, b in pairs([1, 2, 3, 4]):
    print(a, b)
