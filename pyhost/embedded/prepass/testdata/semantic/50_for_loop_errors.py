# An exception raised by a loop's iterator propagates out of the loop
# (gpython would end the loop silently; the host's __mr_iter__ stops it).
def rows():
    yield 1
    yield 2
    raise ValueError("row 3 is bad")
seen = []
try:
    for r in rows():
        seen.append(r)
except ValueError as e:
    print("caught", e, seen)
try:
    print([r for r in rows()])
except ValueError as e:
    print("caught in comprehension", e)
for x in 5, None:
    print(x)
def check(rows):
    return [r * 2 for r in rows()]
print(sum(check(rows)))
