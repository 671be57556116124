# Function names, docstrings and recursion.
def fact(n):
    "Factorial."
    return 1 if n <= 1 else n * fact(n - 1)
print(fact.__name__, fact.__doc__)
print(fact(20))
print(callable(fact), callable(3))
def noop():
    pass
print(noop())
