"""odoo.tools.sql helpers: their catalog queries decide what they do."""
from odoo.tools import sql


def migrate(cr, version):
    if sql.column_exists(cr, "res_partner", "tier"):
        sql.rename_column(cr, "res_partner", "tier", "loyalty_tier")
    if not sql.column_exists(cr, "res_partner", "loyalty_points"):
        sql.create_column(cr, "res_partner", "loyalty_points", "int4")
    # The column created above is seen by the next check.
    print("loyalty_points now:", bool(sql.column_exists(cr, "res_partner", "loyalty_points")))
    if not sql.index_exists(cr, "res_partner_loyalty_tier_index"):
        sql.create_index(cr, "res_partner_loyalty_tier_index", "res_partner", ['"loyalty_tier"'])
    print("table kind:", sql.table_kind(cr, "res_partner"))
