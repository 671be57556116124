def helper(rows):
    total = 0
    for r in rows:
        total += r[1]
    return total

def migrate(rows):
    print("start %d" % len(rows))
    return helper(rows) + 1

print(migrate([(1, 2), (2, 3)]))
print(migrate([(1, 2), (2, "x")]))
