# getLogger names and identity.
import logging
_logger = logging.getLogger(__name__)
print(_logger.name)
a = logging.getLogger("odoo.addons.base")
print(a.name)
print(logging.getLogger("odoo.addons.base") is a)
print(logging.getLogger("x") is logging.getLogger("y"))
print(type(a).__name__)
