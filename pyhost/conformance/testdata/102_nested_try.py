# Nested try blocks with finally and return.
def g():
    log = []
    try:
        try:
            log.append("inner")
            raise ValueError("x")
        finally:
            log.append("inner-finally")
    except ValueError:
        log.append("outer-except")
    finally:
        log.append("outer-finally")
    return log
print(g())
def h():
    try:
        return "try"
    finally:
        print("h finally")
print(h())
