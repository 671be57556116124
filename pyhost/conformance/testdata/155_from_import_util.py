# from package import submodule.
from odoo.upgrade import util
print(util.__name__)
import odoo.upgrade.util as u2
print(u2 is util)
from odoo import upgrade
print(upgrade.util is util)
