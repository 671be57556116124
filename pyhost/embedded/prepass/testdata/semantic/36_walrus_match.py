data = [1, 2, 3]
if (n := len(data) + 1) > 3:
    print("n =", n)
def describe(v):
    match v + 0:
        case -1 + 2j:
            return "complex"
        case 0:
            return "zero"
        case x if x % 2 == 0:
            return "even %d" % x
        case _:
            return "other " + str(v)
print([describe(i) for i in range(4)])
