"""Not installed: no script runs."""


def migrate(cr, version):
    cr.execute("""SELECT 1""")
