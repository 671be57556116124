"""Migration step."""


def migrate(cr, version):
    cr.execute("""CREATE INDEX IF NOT EXISTS res_partner_loyalty_idx ON res_partner (loyalty_tier)""")
