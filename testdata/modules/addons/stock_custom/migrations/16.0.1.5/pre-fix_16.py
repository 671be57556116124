"""Full 16.0 folder: above installed 16.0.1.4, runs on the major upgrade."""


def migrate(cr, version):
    cr.execute("""UPDATE stock_picking SET state = 'draft' WHERE state IS NULL""")
