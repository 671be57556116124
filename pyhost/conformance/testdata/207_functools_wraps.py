# functools.wraps keeps the wrapped function's name and doc.
from functools import wraps
def deco(fn):
    @wraps(fn)
    def wrapper(*a, **k):
        return fn(*a, **k)
    return wrapper
@deco
def migrate(cr, version):
    "Run the migration."
    return version
print(migrate.__name__)
print(migrate.__doc__)
print(migrate(None, "16.0"))
print(migrate.__wrapped__.__name__)
