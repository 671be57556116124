# %(name)s mapping keys.
d = {"name": "Ann", "age": 30, "score": 9.5}
print("%(name)s is %(age)d" % d)
print("%(score).2f" % d)
print("%(name)r" % d)
print("%(name)-6s|%(age)4d|" % d)
print("%(name)s %(name)s" % d)
print("%%(name)s" % {})
try:
    print("%(missing)s" % d)
except KeyError as e:
    print("KeyError", e)
