"""Directly in migrations/: never run."""


def migrate(cr, version):
    cr.execute("""SELECT 1""")
