"""Migration step."""


def migrate(cr, version):
    cr.execute("""SELECT 1""")
