"""Above the manifest version: not run yet."""


def migrate(cr, version):
    cr.execute("""SELECT 1""")
