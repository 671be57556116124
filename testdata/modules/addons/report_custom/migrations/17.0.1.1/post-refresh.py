"""Same name in the upgrade path: both run."""


def migrate(cr, version):
    cr.execute("""REFRESH MATERIALIZED VIEW report_custom_sales""")
