# __exit__ returning True suppresses the exception.
class Suppress:
    def __enter__(self):
        return self
    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None:
            print("suppressed", exc_type.__name__, exc)
        return True
with Suppress():
    raise ValueError("quiet")
print("after")
def f():
    with Suppress():
        return "from with"
print(f())
