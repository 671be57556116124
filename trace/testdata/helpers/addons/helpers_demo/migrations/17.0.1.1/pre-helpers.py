"""The three helper libraries' schema checks, answered from --schema."""
from odoo.tools import sql
from odoo.upgrade import util
from openupgradelib import openupgrade


def migrate(cr, version):
    print(sql.table_exists(cr, "res_partner"), util.table_exists(cr, "res_partner"),
          bool(openupgrade.table_exists(cr, "res_partner")))
    print(sql.table_exists(cr, "nope"), util.table_exists(cr, "nope"), bool(openupgrade.table_exists(cr, "nope")))
    print(bool(sql.column_exists(cr, "res_partner", "tier")), util.column_exists(cr, "res_partner", "tier"),
          openupgrade.column_exists(cr, "res_partner", "tier"))
    print(util.column_type(cr, "res_partner", "credit"), util.column_type(cr, "res_partner", "nope"))
    print(util.view_exists(cr, "partner_report"), bool(sql.index_exists(cr, "res_partner_name_index")))
    print(sorted(sql.table_columns(cr, "res_company")))
    print(util.get_fk(cr, "res_company"))
    util.create_column(cr, "res_partner", "x_rank", "int4")
    print(util.column_type(cr, "res_partner", "x_rank"), sql.table_kind(cr, "partner_report"))
