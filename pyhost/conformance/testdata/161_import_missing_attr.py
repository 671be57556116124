# from a module import a name it does not define.
try:
    from odoo.upgrade import no_such_helper
except ImportError:
    print("caught ImportError")
