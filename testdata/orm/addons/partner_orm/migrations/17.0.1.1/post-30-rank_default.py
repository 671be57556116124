"""Gives every other partner rank 0: plain SQL."""


def migrate(cr, version):
    cr.execute("UPDATE res_partner SET x_rank = 0 WHERE x_rank IS NULL")
    cr.execute("INSERT INTO orm_log (script) VALUES ('partner_orm/post-30')")
