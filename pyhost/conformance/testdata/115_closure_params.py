# Closures over function parameters, lambdas and comprehensions.
def above(rows, threshold):
    return [r for r in rows if r > threshold]
print(above([1, 5, 10], 4))
def scaler(factor):
    return lambda x: x * factor
print(scaler(3)(7))
def make(prefix):
    def fmt(v):
        return prefix + str(v)
    return fmt
print(list(map(make("#"), [1, 2])))
def outer(t):
    return sorted([3, 1, 2], key=lambda v: abs(v - t))
print(outer(2))
