"""Never seen: addons/stock_custom wins."""


def migrate(cr, version):
    cr.execute("""SELECT 1""")
