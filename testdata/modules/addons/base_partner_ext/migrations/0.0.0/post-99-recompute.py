"""Runs last in post."""


def migrate(cr, version):
    cr.execute("""UPDATE res_partner SET loyalty_tier = 'none' WHERE loyalty_tier IS NULL""")
