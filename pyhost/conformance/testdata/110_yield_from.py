# yield from delegates to a sub-generator.
def inner():
    yield 1
    yield 2
    return "inner-done"
def outer():
    r = yield from inner()
    yield r
    yield from [3, 4]
print(list(outer()))
def flatten(x):
    for i in x:
        if isinstance(i, list):
            yield from flatten(i)
        else:
            yield i
print(list(flatten([1, [2, [3, [4]]], 5])))
