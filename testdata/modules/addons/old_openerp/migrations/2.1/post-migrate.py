"""Migration step."""


def migrate(cr, version):
    cr.execute("""UPDATE res_users SET share = false WHERE share IS NULL""")
