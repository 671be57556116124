"""Mis-named: capital P; Odoo never runs it."""


def migrate(cr, version):
    cr.execute("""SELECT 1""")
