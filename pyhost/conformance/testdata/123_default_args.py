# Default arguments are evaluated once.
def append(v, lst=[]):
    lst.append(v)
    return lst
print(append(1))
print(append(2))
def safe(v, lst=None):
    if lst is None:
        lst = []
    lst.append(v)
    return lst
print(safe(1), safe(2))
def f(a, b=10, c="x"):
    return "%s %s %s" % (a, b, c)
print(f(1), f(1, c="y"), f(a=0, b=0))
