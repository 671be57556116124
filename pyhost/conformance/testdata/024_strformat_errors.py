# Errors raised by str.format.
def attempt(fmt, *a, **k):
    try:
        print(fmt.format(*a, **k))
    except Exception as e:
        print(type(e).__name__, e)
attempt("{} {}", 1)
attempt("{name}", other=1)
attempt("{0[5]}", [1, 2])
attempt("{0[k]}", {})
attempt("{:d}", "str")
attempt("{", 1)
attempt("}", 1)
attempt("{0} {}", 1, 2)
attempt("ok {}", 1)
