# list methods.
l = [3, 1, 2]
l.append(4)
l.insert(0, 0)
print(l)
l.remove(1)
print(l, l.index(2), l.count(2))
print(l.pop(), l.pop(0), l)
l.reverse()
print(l)
print(l.copy(), l.copy() is l)
l.clear()
print(l)
try:
    l.remove(9)
except ValueError as e:
    print("ValueError", e)
try:
    [].pop()
except IndexError as e:
    print("IndexError", e)
