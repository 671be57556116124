"""Runs first in pre on every version increase."""


def migrate(cr, version):
    cr.execute("""SELECT 1 FROM res_partner LIMIT 1""")
