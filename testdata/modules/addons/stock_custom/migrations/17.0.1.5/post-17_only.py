"""Migration step."""


def migrate(cr, version):
    cr.execute("""UPDATE stock_quant SET quantity = 0 WHERE quantity IS NULL""")
