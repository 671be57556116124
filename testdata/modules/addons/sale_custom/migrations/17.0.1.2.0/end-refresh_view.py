"""Migration step."""


def migrate(cr, version):
    cr.execute("""CREATE OR REPLACE VIEW sale_custom_report AS SELECT id, margin FROM sale_order""")
