# else runs only when no exception happened.
def check(v):
    try:
        n = int(v)
    except ValueError:
        print("bad", repr(v))
    else:
        print("good", n)
    finally:
        print("checked", repr(v))
check("12")
check("x")
