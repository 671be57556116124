class Skip(Exception):
    def __init__(self, why):
        super().__init__("skip: " + why)
try:
    raise Skip("nothing %s" % "to do")
except Skip as e:
    print("caught", e, f"{e!r}")
try:
    (1, 2) + [3]
except TypeError as e:
    print("TypeError:", e)
try:
    "%d" % "x"
except TypeError as e:
    print("TypeError:", e)
try:
    f"{1:%Y}"
except ValueError as e:
    print("ValueError:", e)
