"""Major upgrade 16.0 -> 17.0: version increased, so 0.0.0 runs."""


def migrate(cr, version):
    cr.execute("""SELECT 1""")
