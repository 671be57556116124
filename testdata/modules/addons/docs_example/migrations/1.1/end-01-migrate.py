"""Example file from the Odoo documentation."""


def migrate(cr, version):
    cr.execute("""SELECT 1""")
