# Dotted decorators: property setters, methods of objects, module-level
# factories with arguments, stacked and on classes.
import functools


class Temperature:
    def __init__(self):
        self._c = 0.0

    @property
    def celsius(self):
        return self._c

    @celsius.setter
    def celsius(self, value):
        if value < -273.15:
            raise ValueError("below absolute zero: %s" % value)
        self._c = value

    @celsius.deleter
    def celsius(self):
        self._c = None

    @property
    def fahrenheit(self):
        return self._c * 9 / 5 + 32


t = Temperature()
t.celsius = 100
print(t.celsius, t.fahrenheit)
del t.celsius
print(t.celsius)


class Registry:
    def __init__(self):
        self.calls = []

    def migrate(self, use_env=False, tag=""):
        def deco(fn):
            self.calls.append((fn.__name__, use_env, tag))
            return fn
        return deco

    def plain(self, fn):
        self.calls.append((fn.__name__, None, ""))
        return fn


class Ns:
    pass


openupgrade = Registry()
ns = Ns()
ns.inner = Registry()


@openupgrade.migrate(use_env=True)
def migrate(env, version):
    return "migrated %s" % version


@openupgrade.migrate(tag="a" + "b")
@ns.inner.plain
@openupgrade.plain
def both():
    return 1


def counted(fn):
    @functools.wraps(fn)
    def wrapper(*args):
        wrapper.n += 1
        return fn(*args)
    wrapper.n = 0
    return wrapper


@counted
def add(x, y):
    return x + y


print(migrate(None, "17.0"), both(), add(1, 2), add(3, 4), add.n, add.__name__)
print(openupgrade.calls, ns.inner.calls)


@ns.inner.plain
class Model:
    pass


print(Model.__name__, ns.inner.calls[-1])
t.celsius = -300
