# openupgradelib's decorator (a savepoint, an env whose cr is the cursor)
# and its SQL-level helpers.
from openupgradelib import openupgrade


@openupgrade.migrate()
def migrate(env, version):
    cr = env.cr
    n = openupgrade.logged_query(cr, "UPDATE res_partner SET x_tier = 'gold' WHERE customer_rank >= 3")
    print("gold partners:", n)
    openupgrade.map_values(cr, "state", "state", [("cancel", "draft")], table="sale_order")
    openupgrade.rename_columns(cr, {"sale_order_line": [("price_unit", "unit_price")]})
