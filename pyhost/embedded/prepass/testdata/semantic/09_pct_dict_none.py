print("%(name)s is %(age)d" % {"name": "Al", "age": 30})
print("%s|%s|%s|%r" % (None, True, [1, "a"], {"a": 1}))
print("%s" % None, "%s" % (None,), "%s" % [1, 2])
print("%s" % 2 ** 70)
class C:
    def __str__(self):
        return "C!"
    def __repr__(self):
        return "<C>"
print("%s %r" % (C(), C()))
print("%*d|%-*s|" % (5, 42, 4, "ab"))
