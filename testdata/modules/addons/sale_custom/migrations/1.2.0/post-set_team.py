"""Module-only three-part folder: 17.0.1.2.0 on 17.0."""


def migrate(cr, version):
    cr.execute("""UPDATE sale_order SET team_id = NULL WHERE team_id = 0""")
