# upgrade-util at the SQL level: a field rename with its references, an
# xmlid rename, and a column created only when missing.
import logging

from odoo.upgrade import util

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    # Odoo 17 has this column; the minimal fixture leaves it out.
    cr.execute("ALTER TABLE ir_model_fields ADD COLUMN IF NOT EXISTS domain varchar")
    util.rename_field(cr, "sale.order", "note", "terms")
    util.rename_xmlid(cr, "x_custom.partner_vip", "x_custom.partner_gold")
    if util.create_column(cr, "res_partner", "x_tier", "varchar"):
        _logger.info("created res_partner.x_tier")
    print("module sale installed:", util.module_installed(cr, "sale"))
