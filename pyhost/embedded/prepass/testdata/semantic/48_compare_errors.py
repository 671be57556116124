# A comparison CPython refuses fails at the same line, with the same
# message, once lowered; and a user __lt__ is honoured.
class Version:
    def __init__(self, *parts):
        self.parts = parts

    def __lt__(self, other):
        return self.parts < other.parts

    def __ge__(self, other):
        return NotImplemented

    def __repr__(self):
        return "V%s" % (self.parts,)


print(Version(1, 2) < Version(1, 3), Version(2) > Version(1, 9))
print(sorted([Version(2), Version(1, 5)]))
try:
    Version(1) >= Version(1)
except TypeError as e:
    print("TypeError:", e)


def check(rows, limit):
    return [r for r in rows
            if r
            >= limit]


print(check([(1, 2), (3,)], (2,)))
print(check([(1, 2), 3], (2,)))
