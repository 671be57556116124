"""Migration step."""


def migrate(cr, version):
    cr.execute("""UPDATE res_partner SET loyalty_tier = 'bronze' WHERE loyalty_tier IS NULL""")
