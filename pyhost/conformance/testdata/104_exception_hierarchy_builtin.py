# Catching builtin exceptions through their bases.
for fn in [lambda: {}["k"], lambda: [][1], lambda: 1 / 0, lambda: int("q")]:
    try:
        fn()
    except LookupError as e:
        print("LookupError <-", type(e).__name__)
    except ArithmeticError as e:
        print("ArithmeticError <-", type(e).__name__)
    except Exception as e:
        print("Exception <-", type(e).__name__)
