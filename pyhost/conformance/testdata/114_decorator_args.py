# Decorators that take arguments, stacked.
def tag(label):
    def deco(fn):
        def wrapper(*a):
            return "<" + label + ">" + fn(*a) + "</" + label + ">"
        return wrapper
    return deco
@tag("b")
@tag("i")
def text(s):
    return s
print(text("hi"))
registry = []
def register(fn):
    registry.append(fn.__name__)
    return fn
@register
def one():
    pass
@register
def two():
    pass
print(registry)
