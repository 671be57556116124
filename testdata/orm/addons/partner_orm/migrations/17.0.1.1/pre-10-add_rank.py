"""Adds the rank column before the module loads: plain SQL."""


def migrate(cr, version):
    cr.execute("ALTER TABLE res_partner ADD COLUMN IF NOT EXISTS x_rank integer")
    cr.execute("INSERT INTO orm_log (script) VALUES ('partner_orm/pre-10')")
