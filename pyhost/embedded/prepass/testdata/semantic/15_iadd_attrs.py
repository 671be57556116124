class Acc:
    def __init__(self):
        self.n = 0
        self.items = []
a = Acc()
for i in range(4):
    a.n += i; a.items += [i]
print(a.n, a.items)
grid = [[0, 0], [0, 0]]
for i in range(2):
    for j in range(2):
        grid[i][j] += i + j
print(grid)
if True: a.n += 100
print(a.n)
