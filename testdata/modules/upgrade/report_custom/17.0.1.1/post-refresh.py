"""Same basename as the module's own script."""


def migrate(cr, version):
    cr.execute("""ANALYZE report_custom_sales""")
