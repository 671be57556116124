"""Module-only 1.4: on a major upgrade only the module part is compared, 1.4 is not above 1.4."""


def migrate(cr, version):
    cr.execute("""SELECT 1""")
