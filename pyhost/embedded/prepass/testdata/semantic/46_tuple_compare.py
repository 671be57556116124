# Ordering comparisons of tuples and lists, in every expression context.
version_tuple = (17, 0, 1)
if version_tuple >= (17, 0):
    print("17+")
if version_tuple < (16, 0) or [1, 2] <= [1, 2, 0]:
    print("list prefix is smaller")
elif version_tuple > (18,):
    print("never")
else:
    print("else")

def newer(v, than=(16, 0)):
    return v > than

print(newer((16, 1)), newer((15, 9)), newer((16, 0), than=(16,)))

queue = [(3, "c"), (1, "z"), (2, "b"), (2, "a")]
ordered, i = sorted(queue), 0
while ordered[i] < (2, "b"):
    i += 1
print("stopped at", i, ordered[i])

key = lambda r: (r[0] >= 2, r)
print(sorted(queue, key=key))
print(sorted(queue, key=lambda r: r[1] < "c"))
print([r for r in queue if r <= (2, "b")])
print({r[1]: r > (2,) for r in queue})
print(any(r > (2, "a") for r in queue), all(r >= (1,) for r in queue))
print(max(queue) > min(queue), not queue[0] < queue[1])

sorted_key = (2, "b")
print(sorted_key < (2, "c"), sorted_key <= (2, "b"), sorted_key > (1, "z"), sorted_key >= (3,))
print([[1, [2]] < [1, [3]], (1, (2, 3)) < (1, (2, 4)), () < (0,), [] >= []])
print("a" < "b", 1.5 > 1, -(2 ** 3) < -7, 7 % 3 >= 1, "x" + "y" > "x")

# Chained and mixed comparisons stay as written.
n = 5
print([0 <= k < n for k in (-1, 0, 4, 5)])
print(1 < 2 == 2, 1 < 2 > 1, 3 > 2 in [True], (1, 2) == (1, 2) != (1, 3))
lo, hi = (1, 2), (1, 3)
print(lo < hi is not None, 2 not in [1] >= [])

# Operand extents: precedence of |, &, <<, not, and/or, if/else.
a, b = 6, 3
print(a | b < 8, a & b >= 2, a << 1 > b >> 1 ^ 1, not a < b and b < a or a == b)
print(a if a < b else b, (a < b) < True, (lambda: a >= b)())
print(f"{a<b} {a>=b!r:>6} {(a, b) < (6, 4)}")
x = 0
x += a > b
print(x)
