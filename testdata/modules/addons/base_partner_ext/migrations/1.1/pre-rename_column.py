"""Migration step."""


def migrate(cr, version):
    cr.execute("""ALTER TABLE res_partner RENAME COLUMN tier TO loyalty_tier""")
