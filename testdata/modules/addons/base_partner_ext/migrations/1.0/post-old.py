"""Already applied: 1.0 is below the installed version."""


def migrate(cr, version):
    cr.execute("""UPDATE res_partner SET active = true""")
