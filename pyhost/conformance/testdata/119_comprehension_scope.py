# Comprehension variables do not leak; they see enclosing names.
x = "outer"
r = [x for x in range(3)]
print(x, r)
base = 10
print([base + i for i in range(3)])
class K:
    vals = [1, 2]
    doubled = [v * 2 for v in vals]
print(K.doubled)
