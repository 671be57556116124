# Custom exceptions carrying extra attributes.
class SkipModule(Exception):
    def __init__(self, module, reason):
        Exception.__init__(self, module, reason)
        self.module = module
        self.reason = reason
try:
    raise SkipModule("sale", "not installed")
except SkipModule as e:
    print(e.module)
    print(e.reason)
    print(e.args)
    print(str(e))
