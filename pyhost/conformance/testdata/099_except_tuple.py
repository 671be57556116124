# except (A, B) as e.
def fail(kind):
    if kind == 1:
        raise KeyError("a")
    if kind == 2:
        raise IndexError("b")
    raise TypeError("c")
for k in (1, 2, 3):
    try:
        fail(k)
    except (KeyError, IndexError) as e:
        print("lookup", type(e).__name__, e)
    except Exception as e:
        print("other", type(e).__name__, e)
