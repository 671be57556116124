# Messages of common builtin exceptions.
def attempt(fn):
    try:
        fn()
    except Exception as e:
        print(type(e).__name__ + ":", e)
attempt(lambda: 1 / 0)
attempt(lambda: 1 // 0)
attempt(lambda: 1 % 0)
attempt(lambda: {}["k"])
attempt(lambda: [][0])
attempt(lambda: (1,)[5])
attempt(lambda: "a" + 1)
attempt(lambda: 1 + "a")
attempt(lambda: int("x1"))
attempt(lambda: None.foo)
attempt(lambda: undefined_name)
attempt(lambda: [1].index(2))
attempt(lambda: float("abc"))
attempt(lambda: len(5))
