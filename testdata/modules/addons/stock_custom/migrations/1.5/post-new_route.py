"""Migration step."""


def migrate(cr, version):
    cr.execute("""UPDATE stock_move SET route_id = NULL WHERE route_id = -1""")
