"""Migration step."""


def migrate(cr, version):
    cr.execute("""UPDATE sale_order SET margin = amount_untaxed - cost WHERE margin IS NULL""")
