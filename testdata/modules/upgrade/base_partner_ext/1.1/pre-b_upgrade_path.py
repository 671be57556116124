"""From the upgrade path: sorts between upgrades/ and migrations/ scripts."""


def migrate(cr, version):
    cr.execute("""UPDATE res_partner SET tier = trim(tier)""")
