"""No migrate() here: skipped, as Odoo up to 17.0 skips it."""


def migrate_stock(cr, version):
    cr.execute("SELECT 1")
