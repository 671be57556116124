# A simple decorator wrapping a function.
def logged(fn):
    def wrapper(*args, **kwargs):
        print("calling", fn.__name__, args)
        result = fn(*args, **kwargs)
        print("result", result)
        return result
    return wrapper
@logged
def add(a, b):
    return a + b
add(2, 3)
print(add.__name__)
