# finally runs on normal exit, exception and return.
def f(mode):
    try:
        if mode == "raise":
            raise ValueError("v")
        if mode == "return":
            return "returned"
        print("body done")
    finally:
        print("finally", mode)
    return "end"
print(f("normal"))
print(f("return"))
try:
    f("raise")
except ValueError as e:
    print("caught", e)
