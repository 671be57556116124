"""Mis-named: underscore instead of dash; Odoo never runs it."""


def migrate(cr, version):
    cr.execute("""SELECT 1""")
