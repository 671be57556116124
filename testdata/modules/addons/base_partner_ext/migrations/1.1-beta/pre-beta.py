"""Invalid version folder name."""


def migrate(cr, version):
    cr.execute("""SELECT 1""")
