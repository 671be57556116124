# The math module.
import math
print(math.floor(2.7), math.ceil(2.1), math.floor(-2.5))
print(math.sqrt(16), math.pi, math.e)
print(math.isclose(0.1 + 0.2, 0.3))
print(math.fabs(-3), math.pow(2, 3))
print(math.trunc(-2.9), math.log10(1000), math.gcd(12, 18))
print(math.inf > 10 ** 100, math.isnan(float("nan")))
