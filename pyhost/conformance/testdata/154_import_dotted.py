# import of a dotted module name binds the top package.
import odoo.upgrade.util
print(odoo.upgrade.util.__name__)
print(odoo.upgrade.__name__)
print(odoo.__name__)
print(type(odoo.upgrade.util).__name__)
