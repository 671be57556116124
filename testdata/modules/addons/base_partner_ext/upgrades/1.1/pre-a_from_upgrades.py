"""From upgrades/: interleaves by name with migrations/."""


def migrate(cr, version):
    cr.execute("""UPDATE res_partner SET tier = lower(tier)""")
