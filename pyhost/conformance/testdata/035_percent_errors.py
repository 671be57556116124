# Errors raised by % formatting.
def attempt(fmt, args):
    try:
        print(fmt % args)
    except Exception as e:
        print(type(e).__name__, e)
attempt("%s %s", ("a",))
attempt("%s", ("a", "b"))
attempt("%d", "x")
attempt("%z", 1)
attempt("%(k)s", ("a",))
attempt("no format", 5)
attempt("%s", ())
attempt("%f", "1.0")
