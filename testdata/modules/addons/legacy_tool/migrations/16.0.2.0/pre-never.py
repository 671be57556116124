"""installable: False -> not loaded."""


def migrate(cr, version):
    cr.execute("""SELECT 1""")
