"""Migration step."""


def migrate(cr, version):
    cr.execute("""DROP VIEW IF EXISTS sale_custom_report""")
