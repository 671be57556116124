# A bare raise re-raises the current exception.
def inner():
    try:
        raise KeyError("k")
    except KeyError:
        print("inner saw it")
        raise
try:
    inner()
except KeyError as e:
    print("outer saw", repr(e))
