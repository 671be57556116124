# A try/except ImportError fallback, common in scripts.
try:
    from odoo.upgrade import util
except ImportError:
    util = None
try:
    import some_optional_lib_q
    HAS_LIB = True
except ImportError:
    HAS_LIB = False
print(util is not None, HAS_LIB)
